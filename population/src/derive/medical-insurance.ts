import { addYears, iso, parseDay } from '../dates';
import { between } from '../facts';
import type { AgencyTables } from '../tables';
import type { HouseholdTruth } from '../types';
import type { DeriveContext } from './context';

/** 医保: resident insurance enrolments, medical assistance for seriously ill subsidised children, cross-region filings of migrants. */
export function deriveMedicalInsurance(h: HouseholdTruth, ctx: DeriveContext, out: AgencyTables<'medical-insurance'>): void {
  const { rng, asOf } = ctx;
  for (const child of h.children) {
    for (const e of child.insurance) {
      out.insurance_enrolment.push({
        person_id: child.id,
        year: e.year,
        insured_region: e.insuredRegion,
        subsidy: e.subsidy,
        subsidy_basis: e.basis,
        enrolled_on: e.enrolledOn,
      });
    }
    const current = child.insurance[child.insurance.length - 1];
    if (child.illness && current && current.subsidy !== 'NONE') {
      const diagnosed = parseDay(child.illness.diagnosedOn);
      const grants = rng.int(1, 3);
      for (let i = 0; i < grants; i++) {
        const catastrophic = rng.chance(0.3);
        out.medical_assistance.push({
          person_id: child.id,
          granted_on: iso(between(rng, diagnosed + 14, asOf - 1)),
          kind: catastrophic ? 'CATASTROPHIC' : rng.chance(0.8) ? 'INPATIENT' : 'OUTPATIENT_CHRONIC',
          amount: catastrophic ? rng.int(20, 120) * 500 : rng.int(4, 60) * 250,
        });
      }
    }
    // Insured at the hukou place, treated where the family lives: 异地就医备案.
    if (current && child.hukouRegion && current.insuredRegion !== child.residenceRegion.slice(0, 6) && rng.chance(0.5)) {
      const filed = between(rng, parseDay(child.residenceSince) + 30, asOf - 1);
      out.cross_region_filing.push({
        person_id: child.id,
        insured_region: current.insuredRegion,
        treatment_region: child.residenceRegion.slice(0, 6),
        filed_on: iso(filed),
        valid_until: rng.chance(0.6) ? null : iso(Math.max(addYears(filed, rng.int(1, 3)), asOf)),
      });
    }
  }
}
