import { hiddenThrough, rowsByKeys, subjectVisibilitySql, visibleThrough, type SubgraphContext } from '@hub/subgraph-kit';
import { DeathCertificate } from './entities/death-certificate.entity';
import { ImmunizationStatus } from './entities/immunization-status.entity';
import { NewbornScreening } from './entities/newborn-screening.entity';
import { SeriousIllness } from './entities/serious-illness.entity';

/**
 * Row-level jurisdiction: a person's health records are visible to the hukou and residence place on the
 * health record, to the region of their vaccination clinic and to the place of death on a certificate.
 */
const VISIBLE_SQL = subjectVisibilitySql(
  `SELECT i.child_id FROM immunization_status i WHERE i.child_id = ANY($1) AND i.clinic_region LIKE ANY($2)`,
  `SELECT d.person_id FROM death_certificate d WHERE d.person_id = ANY($1) AND d.place_region LIKE ANY($2)`,
);
const forVisible = visibleThrough('visiblePerson', VISIBLE_SQL);
/** Persons with records here the caller may not see (their shared facts are unknown, not empty). */
export const hiddenPersons = hiddenThrough('visiblePerson', VISIBLE_SQL);

/**
 * One SQL statement per field family and batch, whatever the number of people asked for. Child and
 * Parent share the person-keyed loaders: both are keyed by the same pseudonymous id, so a request
 * mixing children and parents still costs one statement per family.
 */
export const healthLoaders = (ctx: SubgraphContext) => ({
  /** Wraps another batch fetch in the same jurisdiction rule. */
  visibleOnly: <R>(fetch: (ids: string[]) => Promise<R[]>) => forVisible(ctx, fetch),
  deathCertificateByPerson: ctx.loaders.one(
    'deathCertificateByPerson',
    // A person should hold one certificate; if a correction produced two, the later death date (then
    // the higher number) wins, because `one` keeps the last row it sees per key.
    forVisible(ctx, (ids: string[]) => rowsByKeys(ctx.db, DeathCertificate, 'personId', ids, { dateOfDeath: 'ASC', certificateNo: 'ASC' })),
    (d) => d.personId,
  ),
  screeningsByChild: ctx.loaders.many(
    'screeningsByChild',
    forVisible(ctx, (ids: string[]) => rowsByKeys(ctx.db, NewbornScreening, 'childId', ids, { screenedOn: 'DESC', id: 'DESC' })),
    (s) => s.childId,
  ),
  immunizationByChild: ctx.loaders.one(
    'immunizationByChild',
    forVisible(ctx, (ids: string[]) => rowsByKeys(ctx.db, ImmunizationStatus, 'childId', ids)),
    (i) => i.childId,
  ),
  seriousIllnessesByPerson: ctx.loaders.many(
    'seriousIllnessesByPerson',
    forVisible(ctx, (ids: string[]) => rowsByKeys(ctx.db, SeriousIllness, 'personId', ids, { diagnosedOn: 'DESC', id: 'DESC' })),
    (s) => s.personId,
  ),
});
