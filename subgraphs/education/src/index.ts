import { runSubgraphProcess } from '@hub/subgraph-kit';
import { educationSubgraph } from './server';

runSubgraphProcess(educationSubgraph);
