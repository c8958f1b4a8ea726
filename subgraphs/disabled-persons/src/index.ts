import { runSubgraphProcess } from '@hub/shared';
import { disabledPersonsSubgraph } from './server';

runSubgraphProcess(disabledPersonsSubgraph);
