import { hiddenThrough, rowsByKeys, subjectVisibilitySql, visibleThrough, type SubgraphContext } from '@hub/subgraph-kit';
import { CrossRegionFiling } from './entities/cross-region-filing.entity';
import { InsuranceEnrolment } from './entities/insurance-enrolment.entity';
import { MedicalAssistance } from './entities/medical-assistance.entity';

/**
 * Row-level jurisdiction: a person's insurance records are visible to the hukou and residence place on the
 * insured person's record, to every insured region and to the treatment region of a cross-region filing.
 */
const VISIBLE_SQL = subjectVisibilitySql(
  `SELECT e.person_id FROM insurance_enrolment e WHERE e.person_id = ANY($1) AND e.insured_region LIKE ANY($2)`,
  `SELECT f.person_id FROM cross_region_filing f WHERE f.person_id = ANY($1) AND f.treatment_region LIKE ANY($2)`,
);
const forVisible = visibleThrough('visiblePerson', VISIBLE_SQL);
/** Persons with records here the caller may not see (their shared facts are unknown, not empty). */
export const hiddenPersons = hiddenThrough('visiblePerson', VISIBLE_SQL);

/**
 * One SQL statement per field family and batch, whatever the number of people asked for. Enrolments
 * are loaded for all years and filtered by `year` in the resolver, so `insuranceEnrolments(year: …)`
 * with different years (or none) in one request still shares a single batch; Child and Parent share
 * it too, being keyed by the same pseudonymous id.
 */
export const medicalInsuranceLoaders = (ctx: SubgraphContext) => ({
  enrolmentsByPerson: ctx.loaders.many(
    'enrolmentsByPerson',
    forVisible(ctx, (ids: string[]) => rowsByKeys(ctx.db, InsuranceEnrolment, 'personId', ids, { year: 'DESC', id: 'DESC' })),
    (e) => e.personId,
  ),
  assistanceByPerson: ctx.loaders.many(
    'assistanceByPerson',
    forVisible(ctx, (ids: string[]) => rowsByKeys(ctx.db, MedicalAssistance, 'personId', ids, { grantedOn: 'DESC', id: 'DESC' })),
    (a) => a.personId,
  ),
  filingsByPerson: ctx.loaders.many(
    'filingsByPerson',
    forVisible(ctx, (ids: string[]) => rowsByKeys(ctx.db, CrossRegionFiling, 'personId', ids, { filedOn: 'DESC', id: 'DESC' })),
    (f) => f.personId,
  ),
});

/** A person's enrolments, latest year first, optionally narrowed to one year (validated). */
export async function enrolmentsOf(ctx: SubgraphContext, personId: string, year: number | null): Promise<InsuranceEnrolment[]> {
  const all = await medicalInsuranceLoaders(ctx).enrolmentsByPerson.load(personId);
  return year == null ? all : all.filter((e) => e.year === year);
}
