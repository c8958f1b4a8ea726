import { ageOn, iso, parseDay, yearOf } from '../dates';
import type { AgencyTables } from '../tables';
import type { HouseholdTruth, PersonTruth } from '../types';
import type { DeriveContext } from './context';

const SCREENINGS = [
  ['CHD', 1],
  ['HEARING', 2],
  ['PKU', 3],
  ['CH', 3],
] as const;
/** Newborn screening records are kept for children up to this age. */
const SCREENING_MAX_AGE = 3;
const SCREENING_COVERAGE = 0.97;

/** 卫健: death certificates, newborn screening, immunisation status (ages 0–6) and serious illness. */
export function deriveHealth(h: HouseholdTruth, ctx: DeriveContext, out: AgencyTables<'health'>): void {
  const { rng, asOf, world } = ctx;
  const people: PersonTruth[] = [...h.parents, ...h.children];
  for (const p of people) {
    if (p.death && p.death.certificate) {
      out.death_certificate.push({
        certificate_no: world.deathCertificateNo(p.death.placeRegion.slice(0, 6), yearOf(parseDay(p.death.on))),
        person_id: p.id,
        date_of_death: p.death.on,
        cause_icd10: p.death.causeIcd10,
        place_region: p.death.placeRegion,
      });
    }
    if (p.illness) {
      out.serious_illness.push({
        person_id: p.id,
        icd10: p.illness.icd10,
        diagnosis: p.illness.diagnosis,
        diagnosed_on: p.illness.diagnosedOn,
        ongoing: p.illness.ongoing,
      });
    }
  }
  for (const child of h.children) {
    const dob = parseDay(child.dateOfBirth);
    // Screened at birth in the region: not for children who arrived here after birth from another province.
    const bornHere = child.residenceSince === child.dateOfBirth || (child.hukouRegion ?? '').startsWith(world.opts.province);
    if (ageOn(dob, asOf) <= SCREENING_MAX_AGE && bornHere && rng.chance(SCREENING_COVERAGE)) {
      for (const [condition, days] of SCREENINGS) {
        const r = rng.float();
        const [result, followUp] =
          r < 0.004
            ? (['POSITIVE', rng.pick(['CONFIRMED', 'TREATED', 'REFERRED'] as const)] as const)
            : r < 0.012
              ? (['INCONCLUSIVE', rng.pick(['REFERRED', 'REFERRED', 'LOST'] as const)] as const)
              : (['NORMAL', 'NONE'] as const);
        out.newborn_screening.push({
          child_id: child.id,
          condition,
          screened_on: iso(Math.min(asOf, dob + days)),
          result,
          follow_up: followUp,
        });
      }
    }
    const im = child.immunization;
    if (im) {
      out.immunization_status.push({
        child_id: child.id,
        clinic_region: im.clinicRegion,
        doses_due: im.dosesDue,
        doses_given: im.dosesGiven,
        last_dose_on: im.lastDoseOn,
        assessed_on: iso(asOf),
      });
    }
  }
}
