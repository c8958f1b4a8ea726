import { ChildFactsResolver, EnrolmentFactResolver } from './facts/facts.resolver';
import type { SubgraphModule } from '@hub/subgraph-kit';
import { type Child } from './entities/child.type';
import { EducationAid } from './entities/education-aid.entity';
import { Enrolment } from './entities/enrolment.entity';
import { HomeDelivery, HomeDeliverySession } from './entities/home-delivery.entity';
import { School } from './entities/school.entity';
import { ChildEducationResolver } from './resolvers/child.resolver';
import { EnrolmentResolver } from './resolvers/enrolment.resolver';

/** Education (教育) subgraph: the student registry. Side-effect free; `index.ts` starts it. */
export const educationSubgraph: SubgraphModule = {
  definition: {
    agency: 'education',
    resolvers: [ChildEducationResolver, EnrolmentResolver, ChildFactsResolver, EnrolmentFactResolver],
    referenceResolvers: {
      // Every child has an education view (possibly empty lists): the registry's absence of a record is
      // itself a fact the cross-checks need (学籍库无记录).
      Child: { __resolveReference: (ref): Child => ({ id: ref.id }) },
    },
  },
  entities: [School, Enrolment, HomeDelivery, HomeDeliverySession, EducationAid],
};
