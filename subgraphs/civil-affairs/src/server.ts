import type { SubgraphModule } from '@hub/subgraph-kit';
import { CaseResolver } from './cases/case.resolver';
import { CrossCheckResolver } from './crosschecks/crosscheck.resolver';
import { ReconciliationResolver } from './reconciliation/reconciliation.resolver';
import { StatsResolver } from './stats/stats.resolver';
import { SearchResolver } from './search/search.resolver';
import { startNameIndexer } from './search/name-index';
import { FACTS_SDL } from './crosschecks/facts';
import { CareAgreement } from './entities/care-agreement.entity';
import { Child } from './entities/child.type';
import { ChildDirector } from './entities/child-director.entity';
import { ChildRecord } from './entities/child-record.entity';
import { ChildSupervisor } from './entities/child-supervisor.entity';
import { GuardianshipRevocation } from './entities/guardianship-revocation.entity';
import { Parent } from './entities/parent.type';
import { Support } from './entities/support.entity';
import { Visit } from './entities/visit.entity';
import { ChildCivilAffairsResolver } from './resolvers/child.resolver';
import { ChildDirectorResolver, ChildSupervisorResolver } from './resolvers/child-director.resolver';
import { GuardianshipRevocationResolver } from './resolvers/guardianship-revocation.resolver';
import { ParentCivilAffairsResolver } from './resolvers/parent.resolver';
import { RosterResolver } from './resolvers/roster.resolver';
import { SupportResolver } from './resolvers/support.resolver';
import { WelfareRecordResolver } from './resolvers/welfare-record.resolver';
import { RiskAssessment } from './entities/risk-assessment.entity';
import {
  LedgerResolver,
  RiskAssessmentResolver,
  VisitResolver,
  WelfareRecordFileResolver,
  WelfareRecordLedgerResolver,
} from './ledger/ledger.resolver';
import { HelpRecord, WorkLogEntry } from './entities/ledger-records.entity';
import { ScorecardResolver } from './ledger/scorecard.resolver';
import { ScreeningResolver } from './ledger/screening.resolver';
import { StatisticsResolver } from './ledger/statistics.resolver';
import {
  ChildDirectorWorkResolver,
  ChildSupervisorWorkResolver,
  TrainingEvent,
  WorkforcePersonResolver,
  WorkforceResolver,
} from './ledger/workforce.resolver';
import { Appraisal, AppraisalResolver } from './ledger/appraisal.resolver';
import { VisitsDueResolver } from './ledger/visits-due.resolver';
import { WelfareRecordChangesResolver } from './ledger/record-changes.resolver';

/** Civil affairs (民政) subgraph: the children's ledger and its care network. Side-effect free; `index.ts` starts it. */
export const civilAffairsSubgraph: SubgraphModule = {
  definition: {
    agency: 'civil-affairs',
    // Civil affairs runs the hub: auditors read the gateway's log here too.
    servesGatewayAudit: true,
    resolvers: [
      ChildCivilAffairsResolver,
      ParentCivilAffairsResolver,
      RosterResolver,
      WelfareRecordResolver,
      SupportResolver,
      ChildDirectorResolver,
      ChildSupervisorResolver,
      GuardianshipRevocationResolver,
      CrossCheckResolver,
      ReconciliationResolver,
      CaseResolver,
      SearchResolver,
      StatsResolver,
      LedgerResolver,
      ScorecardResolver,
      ScreeningResolver,
      StatisticsResolver,
      VisitsDueResolver,
      WorkforceResolver,
      WorkforcePersonResolver,
      AppraisalResolver,
      ChildDirectorWorkResolver,
      ChildSupervisorWorkResolver,
      WelfareRecordLedgerResolver,
      WelfareRecordFileResolver,
      WelfareRecordChangesResolver,
      RiskAssessmentResolver,
      VisitResolver,
    ],
    extraTypeDefs: FACTS_SDL,
    // Entities other subgraphs join on must be in the schema even where no query of ours returns them.
    orphanedTypes: [Child, Parent],
    referenceResolvers: {
      // A child outside the ledger still resolves: `welfare` null is exactly what 疑似保障对象 checks look for.
      // The representation carries the facts the cross-checks @require; keep them.
      Child: { __resolveReference: (ref): Child => ({ ...ref }) },
      Parent: { __resolveReference: (ref): Parent => ({ id: ref.id }) },
    },
  },
  entities: [
    ChildSupervisor,
    ChildDirector,
    ChildRecord,
    CareAgreement,
    Visit,
    Support,
    GuardianshipRevocation,
    RiskAssessment,
    WorkLogEntry,
    HelpRecord,
    TrainingEvent,
    Appraisal,
  ],
  // Keeps the name index for finding a child by name or pinyin current.
  background: startNameIndexer,
};
