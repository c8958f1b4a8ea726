import { runSubgraphProcess } from '@hub/subgraph-kit';
import { civilAffairsSubgraph } from './server';

runSubgraphProcess(civilAffairsSubgraph);
