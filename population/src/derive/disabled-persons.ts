import { ageOn, dayOf, iso, parseDay, yearOf } from '../dates';
import type { AgencyTables } from '../tables';
import type { DisabilityType, HouseholdTruth, PersonTruth } from '../types';
import type { DeriveContext } from './context';

/** Category digit of the 20-digit certificate number (ID number + category + level). */
const TYPE_DIGIT: Record<DisabilityType, number> = {
  VISUAL: 1,
  HEARING: 2,
  SPEECH: 3,
  PHYSICAL: 4,
  INTELLECTUAL: 5,
  MENTAL: 6,
  MULTIPLE: 7,
};

type Service = 'SPEECH' | 'PHYSICAL' | 'COCHLEAR_IMPLANT' | 'ASSISTIVE_DEVICE' | 'AUTISM' | 'INTELLECTUAL';
const SERVICES: Record<DisabilityType, readonly Service[]> = {
  VISUAL: ['ASSISTIVE_DEVICE'],
  HEARING: ['COCHLEAR_IMPLANT', 'SPEECH', 'ASSISTIVE_DEVICE'],
  SPEECH: ['SPEECH'],
  PHYSICAL: ['PHYSICAL', 'ASSISTIVE_DEVICE'],
  INTELLECTUAL: ['INTELLECTUAL'],
  MENTAL: ['AUTISM'],
  MULTIPLE: ['PHYSICAL', 'INTELLECTUAL'],
};
/** Yearly rehabilitation assistance (残疾儿童康复救助), yuan. */
const SERVICE_AMOUNT: Record<Service, readonly [number, number]> = {
  SPEECH: [12000, 18000],
  PHYSICAL: [12000, 24000],
  COCHLEAR_IMPLANT: [40000, 60000],
  ASSISTIVE_DEVICE: [2000, 8000],
  AUTISM: [18000, 24000],
  INTELLECTUAL: [12000, 20000],
};
/** Children are assisted up to this age (inclusive). */
const REHAB_MAX_AGE = 6;

/** 残联: disability certificates of children and parents, and children's rehabilitation assistance. */
export function deriveDisabledPersons(h: HouseholdTruth, ctx: DeriveContext, out: AgencyTables<'disabled-persons'>): void {
  const { rng, asOf, world } = ctx;
  const people: PersonTruth[] = [...h.parents, ...h.children];
  for (const p of people) {
    const d = p.disability;
    if (!d || p.idNumber === null) continue;
    out.disability_certificate.push({
      certificate_no: `${p.idNumber}${TYPE_DIGIT[d.type]}${d.level}`,
      person_id: p.id,
      type: d.type,
      level: d.level,
      issued_on: d.issuedOn,
      valid_until: d.validUntil,
      status: d.status,
      status_since: d.statusSince,
      issuing_region: (p.hukouRegion ?? p.residenceRegion).slice(0, 6),
    });
  }
  const thisYear = yearOf(asOf);
  for (const child of h.children) {
    const d = child.disability;
    if (!d || d.status !== 'VALID') continue;
    const dob = parseDay(child.dateOfBirth);
    const certified = parseDay(d.firstCertifiedOn);
    for (const year of [thisYear - 1, thisYear]) {
      const jan1 = dayOf(year, 1, 1);
      if (ageOn(dob, jan1) > REHAB_MAX_AGE || certified > dayOf(year, 12, 31)) continue;
      const approved = Math.max(certified, jan1) + rng.int(5, 90);
      if (approved > asOf) continue;
      const service = rng.pick(SERVICES[d.type]);
      const [lo, hi] = SERVICE_AMOUNT[service];
      out.rehabilitation.push({
        child_id: child.id,
        year,
        service,
        provider: rng.chance(0.6)
          ? `${world.geo.name(child.residenceRegion.slice(0, 6))}残疾人康复中心`
          : `${world.geo.provinceName}残疾儿童康复中心`,
        amount: Math.round(rng.int(lo, hi) / 100) * 100,
        approved_on: iso(approved),
      });
    }
  }
}
