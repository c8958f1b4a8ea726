import { runSubgraphProcess } from '@hub/subgraph-kit';
import { healthSubgraph } from './server';

runSubgraphProcess(healthSubgraph);
