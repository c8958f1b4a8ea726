import { type Agency } from '@hub/domain';
import { type SubgraphModule } from '@hub/subgraph-kit';
import { civilAffairsSubgraph } from '@hub/civil-affairs';
import { disabledPersonsSubgraph } from '@hub/disabled-persons';
import { educationSubgraph } from '@hub/education';
import { healthSubgraph } from '@hub/health';
import { medicalInsuranceSubgraph } from '@hub/medical-insurance';
import { publicSecuritySubgraph } from '@hub/public-security';

/** The six subgraph modules by agency (side-effect free: importing does not connect or listen). */
export const SUBGRAPHS: Record<Agency, SubgraphModule> = {
  'civil-affairs': civilAffairsSubgraph,
  education: educationSubgraph,
  'public-security': publicSecuritySubgraph,
  health: healthSubgraph,
  'medical-insurance': medicalInsuranceSubgraph,
  'disabled-persons': disabledPersonsSubgraph,
};
