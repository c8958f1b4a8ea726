import { runSubgraphProcess } from '@hub/shared';
import { medicalInsuranceSubgraph } from './server';

runSubgraphProcess(medicalInsuranceSubgraph);
