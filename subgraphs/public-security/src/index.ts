import { runSubgraphProcess } from '@hub/shared';
import { publicSecuritySubgraph } from './server';

runSubgraphProcess(publicSecuritySubgraph);
