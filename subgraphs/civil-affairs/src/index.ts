import { runSubgraphProcess } from '@hub/shared';
import { civilAffairsSubgraph } from './server';

runSubgraphProcess(civilAffairsSubgraph);
