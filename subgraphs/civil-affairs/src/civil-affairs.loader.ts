import { entityRows, onlyVisible, queryByKeys, restrictedTo, rowsByKeys, visibilityLoader, type SubgraphContext } from '@hub/subgraph-kit';
import { CareAgreement } from './entities/care-agreement.entity';
import { ChildDirector } from './entities/child-director.entity';
import { ChildRecord } from './entities/child-record.entity';
import { ChildSupervisor } from './entities/child-supervisor.entity';
import { GuardianshipRevocation } from './entities/guardianship-revocation.entity';
import { Support } from './entities/support.entity';
import { Visit } from './entities/visit.entity';

/**
 * Row-level jurisdiction: a ledger child is visible when the residence or the hukou lies under one of the
 * caller's prefixes (a migrant child is visible to both places); everything recorded about the child
 * follows the child.
 */
const CHILD_IN_JURISDICTION = '(residence_region LIKE ANY($2) OR hukou_region LIKE ANY($2))';

export const visibleChildren = (ctx: SubgraphContext) =>
  visibilityLoader(ctx, 'visibleChild', `SELECT id FROM child_record WHERE id = ANY($1) AND ${CHILD_IN_JURISDICTION}`);

/** Fetches rows for the visible children only. */
const forVisibleChildren = <R>(ctx: SubgraphContext, fetch: (ids: string[]) => Promise<R[]>) =>
  restrictedTo(() => visibleChildren(ctx), fetch);

/** One SQL statement per field family and batch, whatever the number of children asked for. */
export const civilAffairsLoaders = (ctx: SubgraphContext) => ({
  childRecordById: ctx.loaders.one(
    'childRecordById',
    forVisibleChildren(ctx, (ids) => rowsByKeys(ctx.db, ChildRecord, 'id', ids)),
    (r) => r.id,
  ),
  supportsByChild: ctx.loaders.many(
    'supportsByChild',
    forVisibleChildren(ctx, (ids) => rowsByKeys(ctx.db, Support, 'childId', ids, { startDate: 'DESC', id: 'DESC' })),
    (s) => s.childId,
  ),
  careAgreementsByChild: ctx.loaders.many(
    'careAgreementsByChild',
    forVisibleChildren(ctx, (ids) => rowsByKeys(ctx.db, CareAgreement, 'childId', ids, { signedOn: 'DESC', id: 'DESC' })),
    (a) => a.childId,
  ),
  directorById: ctx.loaders.one(
    'directorById',
    (ids: string[]) => rowsByKeys(ctx.db, ChildDirector, 'id', ids),
    (d) => d.id,
  ),
  supervisorById: ctx.loaders.one(
    'supervisorById',
    (ids: string[]) => rowsByKeys(ctx.db, ChildSupervisor, 'id', ids),
    (s) => s.id,
  ),
  directorsBySupervisor: ctx.loaders.many(
    'directorsBySupervisor',
    (ids: string[]) => rowsByKeys(ctx.db, ChildDirector, 'supervisorId', ids, { villageCode: 'ASC', id: 'ASC' }),
    (d) => d.supervisorId ?? '',
  ),
  revocationsByParent: ctx.loaders.many(
    'revocationsByParent',
    async (ids: string[]) => {
      const rows = await rowsByKeys(ctx.db, GuardianshipRevocation, 'parentId', ids, { revokedOn: 'DESC', id: 'DESC' });
      const visible = new Set(await onlyVisible(visibleChildren(ctx), [...new Set(rows.map((r) => r.childId))]));
      return rows.filter((r) => visible.has(r.childId));
    },
    (r) => r.parentId,
  ),
});

/**
 * Visits, latest first; with `last`, only each child's `last` latest visits are read (a window function
 * in the same single statement), so a long visit history is not shipped to be thrown away. One loader per
 * distinct `last`, so differing arguments in one request still cost one statement each.
 */
export function visitsByChild(ctx: SubgraphContext, last: number | null) {
  return ctx.loaders.many(
    last === null ? 'visitsByChild' : `visitsByChild:last=${last}`,
    forVisibleChildren(ctx, (ids: string[]) =>
      last === null
        ? rowsByKeys(ctx.db, Visit, 'childId', ids, { visitedOn: 'DESC', id: 'DESC' })
        : entityRows(
            ctx.db,
            Visit,
            () => `id IN (SELECT ranked.id FROM (
               SELECT id, row_number() OVER (PARTITION BY child_id ORDER BY visited_on DESC, id DESC) AS rn
               FROM visit WHERE child_id = ANY($1)) ranked
             WHERE ranked.rn <= $2)`,
            ids,
            [last],
            { visitedOn: 'DESC', id: 'DESC' },
          ),
    ),
    (v) => v.childId,
  );
}

/**
 * Each child's risk assessments as the visit rule reads them (the day, the factors found), latest first: the latest
 * on or before the day of a check decides whether the child is visited at the raised frequency (policy
 * raisedVisitFactors). One statement per batch.
 */
export function assessmentFactorsByChild(ctx: SubgraphContext) {
  return ctx.loaders.many(
    'assessmentFactorsByChild',
    forVisibleChildren(ctx, (ids: string[]) =>
      queryByKeys<{ childId: string; assessedOn: string; factors: string[] }>(
        ctx.db,
        `SELECT child_id AS "childId", to_char(assessed_on, 'YYYY-MM-DD') AS "assessedOn", factors
             FROM risk_assessment WHERE child_id = ANY($1) ORDER BY assessed_on DESC, id DESC`,
        ids,
      ),
    ),
    (a) => a.childId,
  );
}
