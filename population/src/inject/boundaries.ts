import { addMonths, addYears, iso, parseDay } from '../dates';
import type { ChildTruth, ParentTruth } from '../types';
import type { InjectState } from './state';

/** The county's index in the policy's equivalence groups, or -1. */
function groupOf(s: InjectState, county: string): number {
  return s.policy.migrant.equivalenceGroups.findIndex((g) => g.includes(county));
}

/**
 * A left-behind household where one parent works away (no circumstance, no custody or missing record)
 * and the other is unable to care (severe disability or serious illness): one more circumstance for
 * the parent away and the children meet the de-facto criteria. Returns the two parents, or null.
 */
export function unableAndAway(s: InjectState): { away: ParentTruth; home: ParentTruth } | null {
  if (s.h.kind !== 'LEFT_BEHIND' || s.h.parents.length !== 2) return null;
  const away = s.h.parents.find((p) => p.workingAway);
  const home = s.h.parents.find((p) => !p.workingAway);
  if (!away || !home || home.circumstances.length === 0) return null;
  if (away.circumstances.length || away.custody.length || away.missing.length || away.death || away.disability || away.illness) return null;
  if (!s.person(away.id) || !s.person(home.id)) return null;
  return { away, home };
}

/** Ledger children under 18 without a de-facto or orphan allowance: the GAP-DEFACTO candidates. */
export function uncoveredChildren(s: InjectState): ChildTruth[] {
  return s.h.children.filter(
    (c) =>
      s.free(c) &&
      c.idNumber !== null &&
      s.record(c) &&
      s.age(c) < s.policy.adultAge &&
      !s.hasActive(c, ['DE_FACTO_UNSUPPORTED_ALLOWANCE', 'ORPHAN_ALLOWANCE']),
  );
}

export function relationName(p: ParentTruth): string {
  return p.relation === 'FATHER' ? 'father' : 'mother';
}

/** Where a parent of the household would serve a short sentence: the hukou county's detention house. */
export function detentionHouse(s: InjectState): string {
  const county = s.h.hukouRegion.slice(0, 6);
  return `${s.world.geo.prefixName(county)}${s.world.geo.name(county)}看守所`;
}

/**
 * EXIT-DISABILITY-CERT boundary: a child receiving a disability subsidy whose certificate is valid
 * until asOf (still valid that day: CLEAR) or until the day before (EXPIRED since asOf: FLAGGED). The
 * child is old enough for a 5-year certificate issued after its first birthday to end then.
 */
export function certificateExpiry(s: InjectState): void {
  for (const c of s.h.children) {
    if (!s.free(c) || c.idNumber === null || !s.record(c)) continue;
    if (!s.hasActive(c, ['SEVERE_DISABILITY_CARE_SUBSIDY', 'DISABILITY_LIVING_SUBSIDY'])) continue;
    const cert = s.validCertificate(c.id);
    if (!cert || addYears(s.asOf, -5) < addYears(s.dob(c), 1)) continue;
    if (!s.hitBoundary('disabilityCertExpiry', 'EXIT-DISABILITY-CERT')) continue;
    const positive = s.alternate('disabilityCertExpiry');
    if (positive) {
      cert.issued_on = iso(addYears(s.asOf, -5));
      cert.valid_until = iso(s.asOf - 1);
      cert.status = 'EXPIRED';
      cert.status_since = iso(s.asOf);
    } else {
      const issued = addYears(s.asOf + 1, -5);
      cert.issued_on = iso(issued);
      cert.valid_until = iso(s.asOf);
      cert.status = 'VALID';
      cert.status_since = iso(issued);
    }
    s.add(
      c.id,
      'EXIT-DISABILITY-CERT',
      positive ? 'boundary-positive' : 'boundary-negative',
      positive
        ? `certificate ${cert.certificate_no} issued ${cert.issued_on}, valid_until ${cert.valid_until} == asOf − 1, status EXPIRED since ${cert.status_since}; subsidy still active → FLAGGED`
        : `certificate ${cert.certificate_no} issued ${cert.issued_on}, valid_until ${cert.valid_until} == asOf, status VALID: still valid on asOf → CLEAR`,
    );
  }
}

/**
 * GAP-DEFACTO boundaries on a left-behind household with one unable parent: the parent away is taken
 * into custody two months before asOf with a term of exactly the policy minimum (6 months: counts,
 * both parents in a circumstance, no allowance → FLAGGED) or one month less (does not count → CLEAR);
 * or has a missing-person report accepted 3 days before the policy's 6-calendar-month threshold
 * (counts → FLAGGED) or 3 days after it (not yet → CLEAR).
 */
export function deFactoBoundaries(s: InjectState): void {
  const pair = unableAndAway(s);
  if (!pair) return;
  const kids = uncoveredChildren(s);
  if (!kids.length) return;
  const { away, home } = pair;
  const homeWhat = `${relationName(home)} ${home.circumstances.join('+')}`;
  if (s.hitBoundary('custodyTerm', 'GAP-DEFACTO')) {
    const positive = s.alternate('custodyTerm');
    const since = addMonths(s.asOf, -2);
    const term = s.policy.custodyMinTermMonths - (positive ? 0 : 1);
    s.ps.custody_record.push({
      person_id: away.id,
      kind: 'IMPRISONED',
      since: iso(since),
      term_months: term,
      released_on: null,
      institution: detentionHouse(s),
    });
    const note = positive
      ? `${relationName(away)} IMPRISONED since ${iso(since)}, term ${term} months (== minimum ${s.policy.custodyMinTermMonths}: counts), not released; ${homeWhat}; no de-facto/orphan allowance → FLAGGED`
      : `${relationName(away)} IMPRISONED since ${iso(since)}, term ${term} months (< minimum ${s.policy.custodyMinTermMonths}: does not count); ${homeWhat} → CLEAR`;
    for (const c of kids) s.add(c.id, 'GAP-DEFACTO', positive ? 'boundary-positive' : 'boundary-negative', note);
    s.useHousehold();
    return;
  }
  if (s.hitBoundary('missingSixMonths', 'GAP-DEFACTO')) {
    const positive = s.alternate('missingSixMonths');
    const threshold = addMonths(s.asOf, -s.policy.missingMinMonths);
    const accepted = positive ? threshold - 3 : threshold + 3;
    const reported = accepted - s.rng.int(0, 3);
    s.ps.missing_report.push({ person_id: away.id, reported_on: iso(reported), accepted_on: iso(accepted), closed_on: null });
    const days = s.asOf - accepted;
    const note = positive
      ? `${relationName(away)} missing: report accepted ${iso(accepted)} (${days} days before asOf; asOf − ${s.policy.missingMinMonths} months = ${iso(threshold)}, so ≥ ${s.policy.missingMinMonths} months), still open; ${homeWhat}; no allowance → FLAGGED`
      : `${relationName(away)} missing: report accepted ${iso(accepted)} (${days} days before asOf; asOf − ${s.policy.missingMinMonths} months = ${iso(threshold)}, so < ${s.policy.missingMinMonths} months), still open; ${homeWhat} → CLEAR`;
    for (const c of kids) s.add(c.id, 'GAP-DEFACTO', positive ? 'boundary-positive' : 'boundary-negative', note);
    s.useHousehold();
  }
}

/**
 * MIG-NOT-MIGRANT residence boundary on a migrant family: every member's residence permit says the
 * family arrived exactly 6 calendar months before asOf (counts: CLEAR) or one day later (FLAGGED);
 * the permits were issued on asOf.
 */
export function residenceSixMonths(s: InjectState): void {
  if (s.h.kind !== 'MIGRANT' || !s.householdFree()) return;
  const kids = s.h.children.filter(
    (c) => c.idNumber !== null && s.onMigrantLedger(c) && s.age(c) < s.policy.migrant.maxAgeExclusive - 1 && s.permits(c.id).length,
  );
  if (!kids.length || !s.hitBoundary('residenceSixMonths', 'MIG-NOT-MIGRANT')) return;
  const positive = s.alternate('residenceSixMonths');
  const six = addMonths(s.asOf, -s.policy.migrant.minResidenceMonths);
  const since = positive ? six + 1 : six;
  const ids = new Set([...s.h.parents.map((p) => p.id), ...s.h.children.map((c) => c.id)]);
  for (const p of s.ps.residence_permit) {
    if (!ids.has(p.person_id!)) continue;
    p.residence_since = iso(since);
    p.issued_on = iso(s.asOf);
    p.valid_until = iso(addYears(s.asOf, 1) - 1);
  }
  const note = positive
    ? `family residence permits: residence_since ${iso(since)} (asOf − ${s.policy.migrant.minResidenceMonths} months = ${iso(six)}, one day short), issued ${iso(s.asOf)} → FLAGGED`
    : `family residence permits: residence_since ${iso(since)} == asOf − ${s.policy.migrant.minResidenceMonths} months: exactly ${s.policy.migrant.minResidenceMonths} months, counts; issued ${iso(s.asOf)} → CLEAR`;
  for (const c of kids) s.add(c.id, 'MIG-NOT-MIGRANT', positive ? 'boundary-positive' : 'boundary-negative', note);
  s.useHousehold();
}

/**
 * Puts a child who is not a migrant (its family moved within one county, or between two counties of
 * an equivalence group) on the migrant ledger, with residence permits for it and its parents at the
 * residence since `since`. Returns a description.
 */
export function putOnMigrantLedger(s: InjectState, c: ChildTruth, since: number): string {
  const region = c.residenceRegion;
  if (!s.permits(c.id).length) s.addPermit(c.id, region, since);
  for (const p of s.h.parents) if (s.person(p.id) && !p.death && !s.permits(p.id).length) s.addPermit(p.id, region, since);
  const r = s.record(c);
  if (r) {
    if (!r.categories!.includes('MIGRANT')) r.categories = [...r.categories!, 'MIGRANT'];
    return `MIGRANT added to its ledger categories; permits since ${iso(since)}`;
  }
  s.createRecord(c, ['MIGRANT'], Math.min(s.asOf - 1, addMonths(since, 6) + s.rng.int(7, 60)));
  return `new migrant-ledger record; permits since ${iso(since)}`;
}

/** Residence start for a non-migrant put on the migrant ledger: well over 6 months ago, after birth and the household's founding. */
export function longResidenceSince(s: InjectState, c: ChildTruth): number | null {
  const since = Math.max(s.dob(c), parseDay(s.h.establishedOn), s.asOf - s.rng.int(400, 2500));
  return since <= addMonths(s.asOf, -s.policy.migrant.minResidenceMonths - 1) ? since : null;
}

/**
 * The equivalence-group pair: an ordinary child living in one county of a group with its hukou in
 * another county of the same group is put on the migrant ledger (not a migrant: MIG-NOT-MIGRANT
 * FLAGGED); a migrant-ledger child who moved between a group county and an outer county of the
 * province is designated unchanged (a migrant: CLEAR).
 */
export function equivalenceGroupMoves(s: InjectState): void {
  const geo = s.world.geo;
  for (const c of s.h.children) {
    if (!s.free(c) || c.idNumber === null || c.hukouRegion === null) continue;
    const age = s.age(c);
    if (age < 1 || age > s.policy.migrant.maxAgeExclusive - 2) continue;
    const hukou = c.hukouRegion.slice(0, 6);
    const residence = c.residenceRegion.slice(0, 6);
    if (hukou === residence) continue;
    const gh = groupOf(s, hukou);
    const gr = groupOf(s, residence);
    if (s.h.kind === 'ORDINARY' && gh >= 0 && gh === gr && !s.onMigrantLedger(c)) {
      const since = longResidenceSince(s, c);
      if (since === null || !s.hitBoundary('equivalenceGroupMove', 'MIG-NOT-MIGRANT')) continue;
      const what = putOnMigrantLedger(s, c, since);
      s.add(
        c.id,
        'MIG-NOT-MIGRANT',
        'boundary-positive',
        `hukou ${hukou} ${geo.name(hukou)} → residence ${residence} ${geo.name(residence)}: both in equivalence group ${gh}, not a migrant; ${what} → FLAGGED`,
      );
    } else if (s.h.kind === 'MIGRANT' && s.onMigrantLedger(c) && gh >= 0 !== gr >= 0 && hukou.slice(0, 2) === residence.slice(0, 2)) {
      const permit = s.permits(c.id)[0];
      if (!permit || parseDay(permit.residence_since!) > addMonths(s.asOf, -s.policy.migrant.minResidenceMonths) - 30) continue;
      if (!s.hitBoundary('equivalenceGroupMove', 'MIG-NOT-MIGRANT')) continue;
      s.add(
        c.id,
        'MIG-NOT-MIGRANT',
        'boundary-negative',
        `designated (unchanged): hukou ${hukou} ${geo.name(hukou)} (${gh >= 0 ? 'central group' : 'outer county'}) → residence ${residence} ${geo.name(residence)} (${gr >= 0 ? 'central group' : 'outer county'}), residence since ${permit.residence_since}: a migrant → CLEAR`,
      );
    }
  }
}
