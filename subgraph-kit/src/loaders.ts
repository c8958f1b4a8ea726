import type DataLoader from 'dataloader';
import { jurisdictionPatterns } from '@hub/service-kit';
import type { SubgraphContext } from './context';

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
    const rows = (await ctx.db.query(sql, [[...ids], jurisdictionPatterns(ctx.principal)])) as { id: string }[];
    const ok = new Set(rows.map((r) => r.id));
    return ids.map((id) => ok.has(id));
  });
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
      ctx.db.query(`SELECT s.person_id AS id FROM subject_region s WHERE s.person_id = ANY($1)`, [[...ids]]) as Promise<{ id: string }[]>,
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
