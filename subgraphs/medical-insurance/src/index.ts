import { runSubgraphProcess } from '@hub/subgraph-kit';
import { medicalInsuranceSubgraph } from './server';

runSubgraphProcess(medicalInsuranceSubgraph);
