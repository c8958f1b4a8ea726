import { ChildFactsResolver, ParentFactsResolver } from './facts/facts.resolver';
import type { SubgraphModule } from '@hub/subgraph-kit';
import { Child } from './entities/child.type';
import { CustodyRecord } from './entities/custody-record.entity';
import { Household } from './entities/household.entity';
import { MissingReport } from './entities/missing-report.entity';
import { Parent } from './entities/parent.type';
import { ParentLink } from './entities/parent-link.entity';
import { Person } from './entities/person.entity';
import { ResidencePermit } from './entities/residence-permit.entity';
import { ChildPublicSecurityResolver } from './resolvers/child.resolver';
import { CustodyRecordResolver } from './resolvers/custody-record.resolver';
import { ParentLinkResolver } from './resolvers/parent-link.resolver';
import { ParentPublicSecurityResolver } from './resolvers/parent.resolver';
import { ResidencePermitResolver } from './resolvers/residence-permit.resolver';
import { ResidentPageResolver, ResidentResolver } from './resolvers/resident.resolver';

/** Public security (公安) subgraph: household registration (户籍). Side-effect free; `index.ts` starts it. */
export const publicSecuritySubgraph: SubgraphModule = {
  definition: {
    agency: 'public-security',
    resolvers: [
      ChildPublicSecurityResolver,
      ParentPublicSecurityResolver,
      ParentLinkResolver,
      ResidentResolver,
      ResidentPageResolver,
      ResidencePermitResolver,
      CustodyRecordResolver,
      ChildFactsResolver,
      ParentFactsResolver,
    ],
    // Entities other subgraphs join on must be in the schema even where no query of ours returns them.
    orphanedTypes: [Child, Parent],
    referenceResolvers: {
      // The reference is only the key: `household` is null for an id the register does not know (无户籍),
      // and that absence is a fact the cross-checks need, so the entity itself always resolves.
      Child: { __resolveReference: (ref): Child => ({ id: ref.id }) },
      Parent: { __resolveReference: (ref): Parent => ({ id: ref.id }) },
    },
  },
  entities: [Household, Person, ParentLink, ResidencePermit, CustodyRecord, MissingReport],
};
