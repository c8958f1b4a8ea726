import { parseDay, yearOf } from '../dates';
import type { AgencyTables } from '../tables';
import type { HouseholdTruth, PersonTruth } from '../types';
import type { DeriveContext } from './context';

/**
 * 公安 household registration: the household, every hukou-registered member (children without hukou
 * have no record), parent–child links, residence permits, custody and missing-person reports.
 */
export function derivePublicSecurity(h: HouseholdTruth, ctx: DeriveContext, out: AgencyTables<'public-security'>): void {
  const { world } = ctx;
  out.household.push({ household_no: h.householdNo, region: h.hukouRegion, address: h.address, established_on: h.establishedOn });
  const registered: PersonTruth[] = [...h.parents, ...h.children.filter((c) => c.idNumber !== null)];
  for (const p of registered) {
    const cancelled = p.death !== null && p.death.hukouCancelled;
    out.person.push({
      id: p.id,
      id_number: p.idNumber,
      name: p.name,
      gender: p.gender,
      date_of_birth: p.dateOfBirth,
      hukou_region: p.hukouRegion,
      household_no: h.householdNo,
      registration_status: cancelled ? 'DECEASED' : 'NORMAL',
      status_since: cancelled ? p.death!.on : null,
    });
  }
  for (const child of h.children) {
    if (child.idNumber === null) continue;
    for (const parent of h.parents) out.parent_link.push({ child_id: child.id, parent_id: parent.id, relation: parent.relation });
  }
  for (const p of registered) {
    const rp = p.residencePermit;
    if (rp) {
      out.residence_permit.push({
        person_id: p.id,
        permit_no: world.permitNo(rp.region, yearOf(parseDay(rp.issuedOn))),
        region: rp.region,
        residence_since: rp.residenceSince,
        issued_on: rp.issuedOn,
        valid_until: rp.validUntil,
      });
    }
    for (const c of p.custody) {
      out.custody_record.push({
        person_id: p.id,
        kind: c.kind,
        since: c.since,
        term_months: c.termMonths,
        released_on: c.releasedOn,
        institution: c.institution,
      });
    }
    for (const m of p.missing) {
      out.missing_report.push({ person_id: p.id, reported_on: m.reportedOn, accepted_on: m.acceptedOn, closed_on: m.closedOn });
    }
  }
}
