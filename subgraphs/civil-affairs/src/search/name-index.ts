import { pinyin } from 'pinyin-pro';
import type { DataSource } from 'typeorm';
import { createLogger } from '@hub/service-kit';

/**
 * Names as people type them (docs/cases.md#finding-a-child). A caseworker searching 张珊 should find 章姗; a
 * child director typing "zhangshan", "zhang san" or "zs" on a phone should too; and so should someone from a
 * region where zh/z, ch/c, sh/s, n/l and -ng/-n sound alike. Each name is kept as toneless pinyin loosened
 * for those sounds (`fuzzy`) and as its initials.
 */

/** Loosens the sounds people confuse: both sides of a comparison go through it. */
function loosen(letters: string): string {
  return letters.replace(/zh/g, 'z').replace(/ch/g, 'c').replace(/sh/g, 's').replace(/ng/g, 'n').replace(/l/g, 'n').replace(/v/g, 'u');
}

/** The keys of a Chinese name (surnames read as surnames: 单 shan, 曾 zeng). */
function nameKeys(name: string): { fuzzy: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true, nonZh: 'removed' })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
    .filter(Boolean);
  return { fuzzy: loosen(syllables.join('')), initials: syllables.map((s) => s[0]).join('') };
}

/** What a typed query is: an ID number, Chinese characters, or pinyin letters. */
export type SearchKey =
  | { kind: 'idNumber'; value: string }
  | { kind: 'chinese'; text: string; fuzzy: string }
  | { kind: 'pinyin'; fuzzy: string; letters: string };

export function searchKey(text: string): SearchKey | null {
  const t = text.trim();
  if (/^\d{17}[\dXx]$/.test(t)) return { kind: 'idNumber', value: t.toUpperCase() };
  if (/\p{Script=Han}/u.test(t)) {
    const han = t.replace(/[^\p{Script=Han}·]/gu, '');
    return han ? { kind: 'chinese', text: han, fuzzy: nameKeys(han).fuzzy } : null;
  }
  const letters = t.toLowerCase().replace(/[^a-z]/g, '');
  return letters.length >= 2 ? { kind: 'pinyin', fuzzy: loosen(letters), letters } : null;
}

const BATCH = 2000;
const log = createLogger('civil-affairs');

/** One pass over the ledger: (re)indexes the names that are new or changed. Returns how many. */
async function indexPass(ds: DataSource, stopping: () => boolean): Promise<number> {
  let after = '';
  let changed = 0;
  for (;;) {
    if (stopping()) return changed;
    const rows = (await ds.query(
      `SELECT c.id, c.name, i.name AS indexed FROM child_record c LEFT JOIN child_name_index i ON i.child_id = c.id
        WHERE c.id > $1 ORDER BY c.id LIMIT ${BATCH}`,
      [after],
    )) as { id: string; name: string; indexed: string | null }[];
    if (!rows.length) return changed;
    after = rows[rows.length - 1].id;
    const stale = rows.filter((r) => r.indexed !== r.name).map((r) => ({ child_id: r.id, name: r.name, ...nameKeys(r.name) }));
    if (stale.length) {
      await ds.query(
        `INSERT INTO child_name_index (child_id, name, fuzzy, initials)
         SELECT x.child_id, x.name, x.fuzzy, x.initials FROM jsonb_to_recordset($1::jsonb) AS x(child_id text, name text, fuzzy text, initials text)
         ON CONFLICT (child_id) DO UPDATE SET name = EXCLUDED.name, fuzzy = EXCLUDED.fuzzy, initials = EXCLUDED.initials`,
        [JSON.stringify(stale)],
      );
      changed += stale.length;
    }
    // Let requests in between batches: the first pass over a large ledger takes seconds of CPU.
    await new Promise((r) => setImmediate(r));
  }
}

/**
 * Keeps the name index current while the service runs: a pass at start, then every `HUB_NAME_INDEX_SECONDS`
 * (default 300). A name changed on the ledger is found by the new spelling after the next pass.
 */
export function startNameIndexer(ds: DataSource): () => Promise<void> {
  const seconds = Number(process.env.HUB_NAME_INDEX_SECONDS ?? 300);
  if (!Number.isFinite(seconds) || seconds < 1)
    throw new Error(`HUB_NAME_INDEX_SECONDS must be a positive number: ${process.env.HUB_NAME_INDEX_SECONDS}`);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const run = () => {
    current = (async () => {
      const started = performance.now();
      try {
        const n = await indexPass(ds, () => stopped);
        if (n) log.info({ names: n, ms: Math.round(performance.now() - started) }, 'name index brought up to date');
      } catch (err) {
        if (!stopped) log.warn({ err }, 'name index pass failed; the next pass retries');
      }
      if (!stopped) timer = setTimeout(run, seconds * 1000);
    })();
  };
  run();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await current;
  };
}
