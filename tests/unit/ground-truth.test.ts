import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_RULES, type RuleId } from '@hub/domain';
import {
  expectedOutcome,
  loadGroundTruth,
  outcomeCounts,
  type GroundTruth,
  generateHouseholds,
  writeGroundTruth,
  type GeneratorOptions,
} from '@hub/population';

/**
 * The ground truth is what every cross-check is scored against: it must cover every rule with enough
 * positives and negatives, agree with what the generator says it injected, and be reproducible.
 */
const OPTS: GeneratorOptions = { seed: 5, children: 10_000, region: '50', asOf: '2025-09-01', idKey: 'ground-truth-test' };
const MIN_PER_OUTCOME = 10;

describe('ground truth of a 10,000-child population', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gt-'));
  const file = join(dir, 'a.jsonl.gz');
  let gt: GroundTruth;

  beforeAll(async () => {
    await writeGroundTruth(OPTS, file);
    gt = await loadGroundTruth(file);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records how the population was made', () => {
    expect(gt.header).toMatchObject({ type: 'header', version: 1, seed: 5, children: 10_000, region: '50', asOf: '2025-09-01' });
    expect(gt.header.policy.adultAge).toBe(18);
  });

  it.each(ALL_RULES.map((r) => [r]))(`%s has at least ${MIN_PER_OUTCOME} FLAGGED and ${MIN_PER_OUTCOME} CLEAR children`, (rule) => {
    const counts = outcomeCounts(gt.children.values())[rule as RuleId];
    expect(counts.FLAGGED).toBeGreaterThanOrEqual(MIN_PER_OUTCOME);
    expect(counts.CLEAR).toBeGreaterThanOrEqual(MIN_PER_OUTCOME);
  });

  it('has INCONCLUSIVE expectations (a ledger child with no household record)', () => {
    const inconclusive = [...gt.children.values()].filter((c) => c.ledger && c.inconclusive.length > 0);
    expect(inconclusive.length).toBeGreaterThan(0);
  });

  it('covers exactly the generated children, every ledger child among them', () => {
    const ledger = new Set<string>();
    const all = new Set<string>();
    for (const h of generateHouseholds(OPTS)) {
      for (const c of h.rows['civil-affairs'].child_record) ledger.add(c.id as string);
      for (const c of h.children) all.add(c.id);
    }
    for (const id of ledger) expect(gt.children.get(id)?.ledger).toBe(true);
    for (const id of all) expect(gt.children.has(id)).toBe(true);
    for (const id of gt.children.keys()) expect(all.has(id) || ledger.has(id)).toBe(true);
  });

  it('agrees with every injection: positives FLAGGED, boundary negatives CLEAR', () => {
    let checked = 0;
    for (const child of gt.children.values()) {
      for (const tag of child.injected ?? []) {
        const [rule, kind] = tag.split(':') as [RuleId | 'INCONCLUSIVE', string];
        if (rule === 'INCONCLUSIVE') {
          expect(child.inconclusive.length).toBeGreaterThan(0);
        } else if (kind === 'positive' || kind === 'boundary-positive') {
          expect({ child: child.id, rule, outcome: expectedOutcome(child, rule) }).toEqual({ child: child.id, rule, outcome: 'FLAGGED' });
        } else if (kind === 'boundary-negative') {
          expect({ child: child.id, rule, outcome: expectedOutcome(child, rule) }).toEqual({ child: child.id, rule, outcome: 'CLEAR' });
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(ALL_RULES.length);
  });

  it('is byte-identical for the same seed and options, and differs for another seed', async () => {
    const again = join(dir, 'b.jsonl.gz');
    const other = join(dir, 'c.jsonl.gz');
    await writeGroundTruth(OPTS, again);
    await writeGroundTruth({ ...OPTS, seed: 6 }, other);
    const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
    expect(sha(again)).toBe(sha(file));
    expect(sha(other)).not.toBe(sha(file));
  });
});
