import { runSubgraphProcess } from '@hub/subgraph-kit';
import { disabledPersonsSubgraph } from './server';

runSubgraphProcess(disabledPersonsSubgraph);
