import { runSubgraphProcess } from '@hub/shared';
import { healthSubgraph } from './server';

runSubgraphProcess(healthSubgraph);
