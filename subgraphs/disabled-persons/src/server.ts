import { ChildFactsResolver, ParentFactsResolver } from './facts/facts.resolver';
import type { SubgraphModule } from '@hub/subgraph-kit';
import { Child } from './entities/child.type';
import { DisabilityCertificate } from './entities/disability-certificate.entity';
import { Parent } from './entities/parent.type';
import { Rehabilitation } from './entities/rehabilitation.entity';
import { ChildDisabledPersonsResolver } from './resolvers/child.resolver';
import { DisabilityCertificateResolver } from './resolvers/disability-certificate.resolver';
import { ParentDisabledPersonsResolver } from './resolvers/parent.resolver';

/** Disabled persons' federation (残联) subgraph: disability certificates and child rehabilitation. Side-effect free; `index.ts` starts it. */
export const disabledPersonsSubgraph: SubgraphModule = {
  definition: {
    agency: 'disabled-persons',
    resolvers: [
      ChildDisabledPersonsResolver,
      ParentDisabledPersonsResolver,
      DisabilityCertificateResolver,
      ChildFactsResolver,
      ParentFactsResolver,
    ],
    // Child and Parent are reached only through `_entities`, not from Query, so they must be named here.
    orphanedTypes: [Child, Parent],
    referenceResolvers: {
      // Every child and parent has a disability view: holding no certificate is itself a fact the
      // cross-checks need (e.g. 康复救助 without a certificate, 残疾人两项补贴 without one).
      Child: { __resolveReference: (ref): Child => ({ id: ref.id }) },
      Parent: { __resolveReference: (ref): Parent => ({ id: ref.id }) },
    },
  },
  entities: [DisabilityCertificate, Rehabilitation],
};
