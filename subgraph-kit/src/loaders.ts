import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { jurisdictionPatterns, queryRows } from '@hub/service-kit';
import type { SubgraphContext } from './context';
import { countStatement } from './sql-count';

/**
 * Row-level jurisdiction for a loader: keeps the keys the caller may see. `visible` answers for a batch
 * of keys in one statement and is itself a per-request DataLoader, so every field family of a request
 * shares one visibility query.
 */
export async function onlyVisible<K>(visible: DataLoader<K, boolean>, keys: K[]): Promise<K[]> {
  const flags = await visible.loadMany(keys);
  return keys.filter((_, i) => flags[i] === true);
}

/**
 * The per-request visibility loader of an agency: `sql` selects, among the ids in `$1`, those whose
 * records lie under the caller's jurisdiction patterns in `$2` (`region LIKE ANY($2)`).
 */
export function visibilityLoader(ctx: SubgraphContext, name: string, sql: string): DataLoader<string, boolean> {
  return ctx.loaders.get<string, boolean>(name, async (ids) => {
    const rows = await queryByKeys<{ id: string }>(ctx.db, sql, ids, [jurisdictionPatterns(ctx.principal)]);
    const ok = new Set(rows.map((r) => r.id));
    return ids.map((id) => ok.has(id));
  });
}

/** Batches up to this many keys are sent with the keys spelled out (`queryByKeys`). */
export const SPELLED_OUT_KEYS = 8;

/**
 * Runs a statement written over an array of keys, `= ANY($1)`, with its other parameters from `$2` on (`rest`).
 * A small batch — the unified child graph's one child, or a child's parents — is sent with the keys as separate
 * parameters, `IN ($1, $4, …)`. Statements run prepared (service-kit's db.ts), and PostgreSQL keeps a generic
 * plan only when it costs no more than planning each call: it estimates spelled-out keys exactly, but an array
 * parameter as ten keys, so a keyed lookup over an array was planned again on every request (0.2–0.6 ms of
 * PostgreSQL's CPU a visibility check, more than running it). A larger batch runs the statement as written.
 * It goes to the data source's pool directly (`queryRows`), not through TypeORM's query runner: these are the reads
 * of every request of the unified child graph.
 */
export function queryByKeys<R>(db: DataSource, sql: string, keys: readonly string[], rest: readonly unknown[] = []): Promise<R[]> {
  const spelled = keys.length > 0 && keys.length <= SPELLED_OUT_KEYS && !/\$1(?!\d)/.test(sql.replaceAll('= ANY($1)', ''));
  countStatement();
  if (!spelled) return queryRows<R>(db, sql, [[...keys], ...rest]);
  const extra = keys.slice(1).map((_, i) => `$${rest.length + 2 + i}`);
  const text = sql.replaceAll('= ANY($1)', `IN (${['$1', ...extra].join(', ')})`);
  return queryRows<R>(db, text, [keys[0], ...rest, ...keys.slice(1)]);
}

/**
 * `restrictedTo` over a visibility statement: the per-agency `forVisible(ctx, fetch)` every person-keyed
 * loader of a subgraph goes through.
 */
export const visibleThrough =
  (name: string, sql: string) =>
  <R>(ctx: SubgraphContext, fetch: (ids: string[]) => Promise<R[]>) =>
    restrictedTo(() => visibilityLoader(ctx, name, sql), fetch);

/**
 * The persons an agency holds records about (a `subject_region` row) that the caller may not see: their facts
 * are withheld as unknown (`null`), never passed off as "no record". Visibility comes from the agency's own
 * visibility loader (`visibleName`, the one its `visibleThrough` uses), so a request decides it once.
 */
export const hiddenThrough = (visibleName: string, visibleSql: string) => (ctx: SubgraphContext) =>
  ctx.loaders.get<string, boolean>(`${visibleName}:hidden`, async (ids) => {
    const [known, visible] = await Promise.all([
      queryByKeys<{ id: string }>(ctx.db, `SELECT s.person_id AS id FROM subject_region s WHERE s.person_id = ANY($1)`, ids),
      visibilityLoader(ctx, visibleName, visibleSql).loadMany([...ids]),
    ]);
    const withRecords = new Set(known.map((r) => r.id));
    return ids.map((id, i) => {
      const v = visible[i];
      if (v instanceof Error) throw v;
      return withRecords.has(id) && v !== true;
    });
  });

/** Wraps a batch fetch so that it only ever reads rows of visible keys. */
export const restrictedTo =
  <R>(visible: () => DataLoader<string, boolean>, fetch: (ids: string[]) => Promise<R[]>) =>
  async (ids: string[]): Promise<R[]> => {
    const ok = await onlyVisible(visible(), ids);
    return ok.length ? fetch(ok) : [];
  };

/**
 * Visibility through an agency's `subject_region` (the hukou and residence place it has on record for each
 * person) or through any of the agency's own record regions (`recordRegionSelects`: statements over `$1` ids
 * and `$2` patterns returning `id`). Visibility follows the child: a migrant's records are visible to the
 * hukou place and the residence place, wherever the record itself was made.
 */
export function subjectVisibilitySql(...recordRegionSelects: string[]): string {
  return [
    `SELECT s.person_id AS id FROM subject_region s
      WHERE s.person_id = ANY($1) AND (s.hukou_region LIKE ANY($2) OR s.residence_region LIKE ANY($2))`,
    ...recordRegionSelects,
  ].join('\n UNION ');
}

/**
 * A region-prefix query narrowed to the caller's jurisdiction: the LIKE patterns covering both the asked
 * prefix and one of the caller's prefixes (empty when they do not overlap — the query then returns nothing).
 */
export function narrowToJurisdiction(regionPrefix: string, jurisdiction: readonly string[]): string[] {
  const out = new Set<string>();
  for (const j of jurisdiction) {
    if (regionPrefix.startsWith(j)) out.add(`${regionPrefix}%`);
    else if (j.startsWith(regionPrefix)) out.add(`${j}%`);
  }
  return [...out];
}
