import { once } from 'node:events';
import { createWriteStream, mkdirSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';
import { familyOf, type RuleFamily, type RuleId } from '@hub/domain';
import { type GroundTruthChild, type GroundTruthHeader } from './truth-file';
import { generateHouseholds, type Household } from './generate';
import type { Injection } from './inject';
import { resolveOptions, type GeneratorOptions, type ResolvedOptions } from './options';
import { evaluateHousehold, type ChildExpectation } from './rules';

/**
 * The oracle's expectations for one household, in the ground-truth file's line format. Every generated
 * child gets a line: one outside the scope of every rule (e.g. a migrant infant with neither hukou nor a
 * permit in the jurisdiction) is listed with no families, so "no expectation" is explicit.
 */
function groundTruthLines(expectations: ChildExpectation[], injected: Injection[], childIds: readonly string[] = []): GroundTruthChild[] {
  const evaluated = new Set(expectations.map((e) => e.id));
  const unscoped: ChildExpectation[] = childIds.filter((id) => !evaluated.has(id)).map((id) => ({ id, onLedger: false, results: [] }));
  const injectedBy = new Map<string, string[]>();
  for (const i of injected) {
    const list = injectedBy.get(i.childId) ?? [];
    list.push(`${i.rule}:${i.kind}`);
    injectedBy.set(i.childId, list);
  }
  return [...expectations, ...unscoped].map((e) => {
    const families = new Set<RuleFamily>();
    const flagged: RuleId[] = [];
    const inconclusive: RuleId[] = [];
    const reasons: Partial<Record<RuleId, string>> = {};
    for (const r of e.results) {
      families.add(familyOf(r.rule));
      if (r.outcome === 'FLAGGED') flagged.push(r.rule);
      else if (r.outcome === 'INCONCLUSIVE') inconclusive.push(r.rule);
      if (r.outcome !== 'CLEAR') reasons[r.rule] = r.reason;
    }
    const line: GroundTruthChild = { id: e.id, ledger: e.onLedger, families: [...families], flagged, inconclusive };
    if (flagged.length || inconclusive.length) line.reasons = reasons;
    const inj = injectedBy.get(e.id);
    if (inj) line.injected = inj;
    return line;
  });
}

/**
 * Writes the ground truth as gzip'd JSON lines, to a temporary file renamed into place on close: a
 * crash never leaves a truncated file that looks complete.
 */
export class GroundTruthWriter {
  private readonly gzip: Gzip;
  private readonly file: WriteStream;
  private readonly tmp: string;
  private readonly finished: Promise<void>;

  private constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.tmp = `${path}.partial`;
    // A fixed compression level and no timestamps in the stream: same input, same bytes.
    this.gzip = createGzip({ level: 6 });
    this.file = createWriteStream(this.tmp);
    this.gzip.pipe(this.file);
    this.finished = new Promise((resolve, reject) => {
      this.file.once('finish', resolve);
      this.file.once('error', reject);
      this.gzip.once('error', reject);
    });
  }

  static async open(path: string, header: GroundTruthHeader): Promise<GroundTruthWriter> {
    const w = new GroundTruthWriter(path);
    await w.writeLine(header);
    return w;
  }

  async write(children: GroundTruthChild[]): Promise<void> {
    for (const c of children) await this.writeLine(c);
  }

  private async writeLine(value: unknown): Promise<void> {
    if (!this.gzip.write(`${JSON.stringify(value)}\n`)) await once(this.gzip, 'drain');
  }

  async close(): Promise<void> {
    this.gzip.end();
    await this.finished;
    renameSync(this.tmp, this.path);
  }

  abort(): void {
    this.gzip.destroy();
    this.file.destroy();
    rmSync(this.tmp, { force: true });
  }
}

/** One household's ground-truth lines: the oracle over the rows as written, every child listed. */
export function householdTruth(h: Household, r: Pick<ResolvedOptions, 'asOf' | 'policy' | 'region'>): GroundTruthChild[] {
  const expectations = evaluateHousehold(h.rows, { asOf: r.asOf, policy: r.policy, jurisdiction: r.region });
  return groundTruthLines(
    expectations,
    h.injected,
    h.children.map((c) => c.id),
  );
}

/** The header line: everything needed to regenerate the same population and judge it the same way. */
export function groundTruthHeader(opts: GeneratorOptions): GroundTruthHeader {
  const r = resolveOptions(opts);
  return {
    type: 'header',
    version: 1,
    seed: r.seed,
    children: r.children,
    region: r.region,
    asOf: r.asOf,
    policy: r.policy,
    discrepancies: { ...r.discrepancies },
  };
}

/** Generates the population without a database and writes only its ground truth (tests, benchmarks). */
export async function writeGroundTruth(opts: GeneratorOptions, path: string): Promise<{ children: number }> {
  const r = resolveOptions(opts);
  const writer = await GroundTruthWriter.open(path, groundTruthHeader(opts));
  let children = 0;
  try {
    for (const h of generateHouseholds(opts)) {
      await writer.write(householdTruth(h, r));
      children += h.children.length;
    }
    await writer.close();
    return { children };
  } catch (e) {
    writer.abort();
    throw e;
  }
}
