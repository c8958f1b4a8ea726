import { hiddenThrough, rowsByKeys, subjectVisibilitySql, visibleThrough, type SubgraphContext } from '@hub/subgraph-kit';
import { DisabilityCertificate } from './entities/disability-certificate.entity';
import { Rehabilitation } from './entities/rehabilitation.entity';

/**
 * Row-level jurisdiction: a person's disability records are visible to the hukou and residence place on the
 * federation's record and to the region of any issuing office.
 */
const VISIBLE_SQL = subjectVisibilitySql(
  `SELECT c.person_id FROM disability_certificate c WHERE c.person_id = ANY($1) AND c.issuing_region LIKE ANY($2)`,
);
const forVisible = visibleThrough('visiblePerson', VISIBLE_SQL);
/** Persons with records here the caller may not see (their shared facts are unknown, not empty). */
export const hiddenPersons = hiddenThrough('visiblePerson', VISIBLE_SQL);

/**
 * One SQL statement per field family and batch, whatever the number of people asked for. Child and
 * Parent share the certificate loader, both being keyed by the same pseudonymous id.
 */
export const disabledPersonsLoaders = (ctx: SubgraphContext) => ({
  certificatesByHolder: ctx.loaders.many(
    'certificatesByHolder',
    forVisible(ctx, (ids: string[]) =>
      rowsByKeys(ctx.db, DisabilityCertificate, 'holderId', ids, { issuedOn: 'DESC', certificateNo: 'DESC' }),
    ),
    (c) => c.holderId,
  ),
  rehabilitationByChild: ctx.loaders.many(
    'rehabilitationByChild',
    forVisible(ctx, (ids: string[]) =>
      rowsByKeys(ctx.db, Rehabilitation, 'childId', ids, { year: 'DESC', approvedOn: 'DESC', id: 'DESC' }),
    ),
    (r) => r.childId,
  ),
});
