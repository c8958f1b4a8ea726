import { runSubgraphProcess } from '@hub/subgraph-kit';
import { routing } from './cases/case.store';
import { civilAffairsSubgraph } from './server';

// A routing file that does not hold up stops the service at start, not at the first page of a night.
routing();
runSubgraphProcess(civilAffairsSubgraph);
