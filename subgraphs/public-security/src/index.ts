import { runSubgraphProcess } from '@hub/subgraph-kit';
import { publicSecuritySubgraph } from './server';

runSubgraphProcess(publicSecuritySubgraph);
