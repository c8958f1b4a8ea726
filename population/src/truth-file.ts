import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { ALL_RULES, familyOf, type CrossCheckPolicy, type Outcome, type RuleFamily, type RuleId } from '@hub/domain';

/**
 * The ground truth of a generated population: for every child, the expected outcome of every rule in
 * scope as of the generation's `asOf`. Written by the generator to a gzip'd JSON-lines file that no
 * subgraph reads; tests and benchmarks score the hub's cross-checks against it.
 *
 * Line 1 is the header; every further line is one child. A rule of a family listed in `families` that
 * is neither in `flagged` nor in `inconclusive` is expected CLEAR; rules of families not listed are out
 * of scope for that child (e.g. migrant verification for a child not in the migrant ledger).
 */

export interface GroundTruthHeader {
  type: 'header';
  version: 1;
  seed: number;
  children: number;
  region: string;
  asOf: string;
  policy: CrossCheckPolicy;
  /** The discrepancy rates the population was generated with. */
  discrepancies: Record<string, number>;
}

export interface GroundTruthChild {
  id: string;
  /** On the civil-affairs ledger (has a welfare record). */
  ledger: boolean;
  families: RuleFamily[];
  flagged: RuleId[];
  inconclusive: RuleId[];
  /** Why each non-CLEAR outcome is what it is. */
  reasons?: Partial<Record<RuleId, string>>;
  /** Discrepancies the generator injected for this child (rule and kind), for tracing a miss. */
  injected?: string[];
}

export function expectedOutcome(child: GroundTruthChild, rule: RuleId): Outcome | undefined {
  const family = familyOf(rule);
  if (!child.families.includes(family)) return undefined;
  if (child.flagged.includes(rule)) return 'FLAGGED';
  if (child.inconclusive.includes(rule)) return 'INCONCLUSIVE';
  return 'CLEAR';
}

/** Streams a ground-truth file: the header first, then one child at a time (memory flat in N). */
export async function* readGroundTruth(path: string): AsyncGenerator<GroundTruthHeader | GroundTruthChild> {
  const input = createReadStream(path).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    if (!line) continue;
    const value = JSON.parse(line) as GroundTruthHeader | GroundTruthChild;
    if (first) {
      if (!('type' in value) || value.type !== 'header' || value.version !== 1)
        throw new Error(`${path} is not a version-1 ground-truth file`);
      first = false;
    }
    yield value;
  }
  if (first) throw new Error(`${path} is empty`);
}

export interface GroundTruth {
  header: GroundTruthHeader;
  children: Map<string, GroundTruthChild>;
}

/** The whole file in memory, keyed by child id (for test-sized populations). */
export async function loadGroundTruth(path: string): Promise<GroundTruth> {
  let header: GroundTruthHeader | undefined;
  const children = new Map<string, GroundTruthChild>();
  for await (const item of readGroundTruth(path)) {
    if ('type' in item) header = item;
    else children.set(item.id, item);
  }
  return { header: header!, children };
}

/** Per rule: how many children are expected FLAGGED, CLEAR and INCONCLUSIVE. */
export function outcomeCounts(children: Iterable<GroundTruthChild>): Record<RuleId, Record<Outcome, number>> {
  const counts = Object.fromEntries(ALL_RULES.map((r) => [r, { FLAGGED: 0, CLEAR: 0, INCONCLUSIVE: 0 }])) as Record<
    RuleId,
    Record<Outcome, number>
  >;
  for (const child of children) {
    for (const rule of ALL_RULES) {
      const outcome = expectedOutcome(child, rule);
      if (outcome) counts[rule][outcome]++;
    }
  }
  return counts;
}
