import { ChildFactsResolver } from './facts/facts.resolver';
import type { SubgraphModule } from '@hub/subgraph-kit';
import { Child } from './entities/child.type';
import { CrossRegionFiling } from './entities/cross-region-filing.entity';
import { InsuranceEnrolment } from './entities/insurance-enrolment.entity';
import { MedicalAssistance } from './entities/medical-assistance.entity';
import { Parent } from './entities/parent.type';
import { ChildMedicalInsuranceResolver } from './resolvers/child.resolver';
import { InsuranceEnrolmentResolver } from './resolvers/insurance-enrolment.resolver';
import { ParentMedicalInsuranceResolver } from './resolvers/parent.resolver';

/** Medical insurance (医保) subgraph: resident insurance enrolment, medical assistance, cross-region filing. Side-effect free; `index.ts` starts it. */
export const medicalInsuranceSubgraph: SubgraphModule = {
  definition: {
    agency: 'medical-insurance',
    resolvers: [ChildMedicalInsuranceResolver, ParentMedicalInsuranceResolver, InsuranceEnrolmentResolver, ChildFactsResolver],
    // Child and Parent are reached only through `_entities`, not from Query, so they must be named here.
    orphanedTypes: [Child, Parent],
    referenceResolvers: {
      // Every child and parent has an insurance view: no enrolment for a year is itself a fact the
      // cross-checks need (资助参保应保尽保).
      Child: { __resolveReference: (ref): Child => ({ id: ref.id }) },
      Parent: { __resolveReference: (ref): Parent => ({ id: ref.id }) },
    },
  },
  entities: [InsuranceEnrolment, MedicalAssistance, CrossRegionFiling],
};
