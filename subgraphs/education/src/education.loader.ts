import { hiddenThrough, rowsByKeys, subjectVisibilitySql, visibleThrough, type SubgraphContext } from '@hub/subgraph-kit';
import { EducationAid } from './entities/education-aid.entity';
import { Enrolment } from './entities/enrolment.entity';
import { HomeDelivery, HomeDeliverySession } from './entities/home-delivery.entity';
import { School } from './entities/school.entity';

/**
 * Row-level jurisdiction: a child's education records are visible to the hukou and residence place on the
 * student record, and to the place of any school the child is enrolled at or receives home delivery from.
 */
const VISIBLE_SQL = subjectVisibilitySql(
  `SELECT e.child_id FROM enrolment e JOIN school sc ON sc.code = e.school_code WHERE e.child_id = ANY($1) AND sc.region LIKE ANY($2)`,
  `SELECT h.child_id FROM home_delivery h JOIN school sc ON sc.code = h.school_code WHERE h.child_id = ANY($1) AND sc.region LIKE ANY($2)`,
);
const forVisible = visibleThrough('visibleChild', VISIBLE_SQL);
/** Persons with records here the caller may not see (their shared facts are unknown, not empty). */
export const hiddenPersons = hiddenThrough('visibleChild', VISIBLE_SQL);

/** One SQL statement per field family and batch, whatever the number of children asked for. */
export const educationLoaders = (ctx: SubgraphContext) => ({
  enrolmentsByChild: ctx.loaders.many(
    'enrolmentsByChild',
    forVisible(ctx, (ids: string[]) => rowsByKeys(ctx.db, Enrolment, 'childId', ids, { statusSince: 'DESC', id: 'DESC' })),
    (e) => e.childId,
  ),
  schoolByCode: ctx.loaders.one(
    'schoolByCode',
    (codes: string[]) => rowsByKeys(ctx.db, School, 'code', codes),
    (s) => s.code,
  ),
  homeDeliveryByChild: ctx.loaders.one(
    'homeDeliveryByChild',
    forVisible(ctx, (ids: string[]) => rowsByKeys(ctx.db, HomeDelivery, 'childId', ids)),
    (h) => h.childId,
  ),
  sessionsByChild: ctx.loaders.many(
    'sessionsByChild',
    forVisible(ctx, (ids: string[]) => rowsByKeys(ctx.db, HomeDeliverySession, 'childId', ids, { sessionDate: 'DESC' })),
    (s) => s.childId,
  ),
  aidByChild: ctx.loaders.many(
    'aidByChild',
    forVisible(ctx, (ids: string[]) => rowsByKeys(ctx.db, EducationAid, 'childId', ids, { year: 'DESC', id: 'ASC' })),
    (a) => a.childId,
  ),
});
