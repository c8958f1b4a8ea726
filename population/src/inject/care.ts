import type { RiskColour } from '@hub/domain';
import { iso, parseDay } from '../dates';
import { removeWhere, type InjectState } from './state';

function leftBehind(s: InjectState) {
  return s.h.children.filter((c) => s.free(c) && c.idNumber !== null && s.categories(c).includes('LEFT_BEHIND'));
}

/**
 * CARE-LEFT-BEHIND-ENDED: the parents of a left-behind family came home; their residence permits
 * away are gone from public security while the ledger still says LEFT_BEHIND.
 */
export function leftBehindEnded(s: InjectState): void {
  if (s.h.kind !== 'LEFT_BEHIND' || !s.householdFree()) return;
  const kids = leftBehind(s);
  const away = s.h.parents.filter((p) => s.permits(p.id).length);
  if (!kids.length || !away.length || !s.hit('CARE-LEFT-BEHIND-ENDED')) return;
  const gone = away.map(
    (p) =>
      `${p.relation === 'FATHER' ? 'father' : 'mother'} (${s
        .permits(p.id)
        .map((x) => `${x.region} since ${x.residence_since}`)
        .join(', ')})`,
  );
  const ids = new Set(away.map((p) => p.id));
  removeWhere(s.ps.residence_permit, (x) => ids.has(x.person_id!));
  for (const c of kids)
    s.add(
      c.id,
      'CARE-LEFT-BEHIND-ENDED',
      'positive',
      `residence permits away removed: ${gone.join('; ')} — back in hukou county ${c.hukouRegion?.slice(0, 6)} → FLAGGED`,
    );
  s.useHousehold();
}

/** CARE-NO-AGREEMENT: a left-behind child's entrusted-care agreement is not on file. */
export function noAgreement(s: InjectState): void {
  for (const c of leftBehind(s)) {
    const agreements = s.ca.care_agreement.filter((x) => x.child_id === c.id);
    if (!agreements.length || !s.hit('CARE-NO-AGREEMENT')) continue;
    removeWhere(s.ca.care_agreement, (x) => x.child_id === c.id);
    s.add(
      c.id,
      'CARE-NO-AGREEMENT',
      'positive',
      `agreement with ${agreements[0].caregiver_name} (${agreements[0].caregiver_relation}) signed ${agreements[0].signed_on} removed → FLAGGED`,
    );
  }
}

/**
 * CARE-UNREGISTERED-LEFT-BEHIND: a child both of whose parents hold residence permits away, whose only
 * ledger category was LEFT_BEHIND, has no ledger record.
 */
export function unregisteredLeftBehind(s: InjectState): void {
  if (s.h.kind !== 'LEFT_BEHIND' || s.h.parents.length !== 2 || !s.h.parents.every((p) => p.workingAway && s.permits(p.id).length)) return;
  for (const c of leftBehind(s)) {
    if (s.categories(c).length !== 1 || s.age(c) > s.policy.leftBehindMaxAgeExclusive - 2 || !s.hit('CARE-UNREGISTERED-LEFT-BEHIND'))
      continue;
    s.removeRecord(c.id);
    const where = s.h.parents.map((p) => s.permits(p.id)[0].region).join(', ');
    s.add(
      c.id,
      'CARE-UNREGISTERED-LEFT-BEHIND',
      'positive',
      `both parents hold residence permits away (${where}), hukou ${c.hukouRegion}; ledger record removed → FLAGGED`,
    );
  }
}

/**
 * CARE-VISIT-OVERDUE and its boundary: the visits after a date are not on file and the last one, a home visit, is
 * moved onto that date — exactly the colour's interval before asOf (CLEAR), one day more (FLAGGED), or 1–45 days
 * more (FLAGGED; half of these with a phone call since, which does not count). Raised intervals for the children of
 * the policy's raisedVisitCategories and those whose latest assessment found one of its raisedVisitFactors. Children registered at least 150 days before asOf.
 */
export function visits(s: InjectState): void {
  for (const c of s.h.children) {
    if (!s.free(c)) continue;
    const r = s.record(c);
    if (!r || parseDay(r.registered_on!) > s.asOf - 150) continue;
    const list = s.ca.visit.filter((v) => v.child_id === c.id);
    if (!list.length) continue;
    const colour = r.risk_colour as RiskColour;
    // Raised by category, or by a factor of the latest assessment on or before asOf (as the rule reads them).
    const assessed = s.ca.risk_assessment
      .filter((a) => a.child_id === c.id && parseDay(a.assessed_on!) <= s.asOf)
      .reduce<{ assessed_on: string | null; factors: string[] | null } | null>(
        (a, b) => (!a || b.assessed_on! >= a.assessed_on! ? b : a),
        null,
      );
    const byFactor = (assessed?.factors ?? []).some((f) => (s.policy.raisedVisitFactors as string[]).includes(f));
    const raised = byFactor || s.policy.raisedVisitCategories.some((k) => s.categories(c).includes(k));
    const interval = (raised ? s.policy.raisedVisitIntervalDays : s.policy.visitIntervalDays)[colour];
    let last: number;
    let kind: 'positive' | 'boundary-positive' | 'boundary-negative';
    if (s.hitBoundary('visitInterval', 'CARE-VISIT-OVERDUE')) {
      const positive = s.alternate('visitInterval');
      last = s.asOf - interval - (positive ? 1 : 0);
      kind = positive ? 'boundary-positive' : 'boundary-negative';
    } else if (s.hit('CARE-VISIT-OVERDUE')) {
      last = s.asOf - interval - s.rng.int(1, 45);
      kind = 'positive';
    } else continue;
    removeWhere(s.ca.visit, (v) => v.child_id === c.id && parseDay(v.visited_on!) > last);
    const kept = s.ca.visit.filter((v) => v.child_id === c.id);
    const latest = kept.reduce<(typeof kept)[number] | undefined>((a, v) => (!a || v.visited_on! > a.visited_on! ? v : a), undefined);
    // The moved visit is a home visit: the only kind that counts (policy visitMethodsCounted).
    if (latest) Object.assign(latest, { visited_on: iso(last), method: 'HOME' });
    else s.ca.visit.push({ ...list[0], visited_on: iso(last), method: 'HOME' });
    // Half the overdue children were phoned since (a call is recorded, and is not a visit): still FLAGGED.
    const called = kind === 'positive' && s.rng.int(0, 1) === 1;
    if (called)
      s.ca.visit.push({ ...list[0], visited_on: iso(s.asOf - s.rng.int(0, Math.min(interval, s.asOf - last - 1))), method: 'PHONE' });
    const days = s.asOf - last;
    s.add(
      c.id,
      'CARE-VISIT-OVERDUE',
      kind,
      `${colour}${raised ? ' (raised)' : ''}: interval ${interval} days; last home visit ${iso(last)}, ${days} days before asOf${called ? ', phoned since' : ''} → ${days > interval ? 'FLAGGED' : 'CLEAR'}`,
    );
  }
}
