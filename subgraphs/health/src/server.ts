import { ChildFactsResolver, ParentFactsResolver } from './facts/facts.resolver';
import type { SubgraphModule } from '@hub/subgraph-kit';
import { Child } from './entities/child.type';
import { DeathCertificate } from './entities/death-certificate.entity';
import { ImmunizationStatus } from './entities/immunization-status.entity';
import { NewbornScreening } from './entities/newborn-screening.entity';
import { Parent } from './entities/parent.type';
import { SeriousIllness } from './entities/serious-illness.entity';
import { ChildHealthResolver } from './resolvers/child.resolver';
import { DeathCertificateResolver } from './resolvers/death-certificate.resolver';
import { ParentHealthResolver } from './resolvers/parent.resolver';

/** Health (卫健) subgraph: death certificates, newborn screening, immunization, serious illness. Side-effect free; `index.ts` starts it. */
export const healthSubgraph: SubgraphModule = {
  definition: {
    agency: 'health',
    resolvers: [ChildHealthResolver, ParentHealthResolver, DeathCertificateResolver, ChildFactsResolver, ParentFactsResolver],
    // Child and Parent are reached only through `_entities`, not from Query, so they must be named here.
    orphanedTypes: [Child, Parent],
    referenceResolvers: {
      // Every child and parent has a health view: no death certificate, no screening or no immunization
      // record is itself a fact the cross-checks need (e.g. 户籍在册但已开具死亡证明).
      Child: { __resolveReference: (ref): Child => ({ id: ref.id }) },
      Parent: { __resolveReference: (ref): Parent => ({ id: ref.id }) },
    },
  },
  entities: [DeathCertificate, NewbornScreening, ImmunizationStatus, SeriousIllness],
};
