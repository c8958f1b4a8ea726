import { runSubgraphProcess } from '@hub/shared';
import { educationSubgraph } from './server';

runSubgraphProcess(educationSubgraph);
