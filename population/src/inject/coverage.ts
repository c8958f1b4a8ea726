import type { SupportType } from '@hub/domain';
import { addMonths, iso, monthsOn, yearOf } from '../dates';
import { Weighted } from '../rng';
import type { DisabilityType } from '../types';
import { detentionHouse, relationName, uncoveredChildren, unableAndAway } from './boundaries';
import { removeWhere, type InjectState, type SupportRow } from './state';

const CHILD_TYPES = new Weighted<DisabilityType>([
  ['INTELLECTUAL', 0.28],
  ['PHYSICAL', 0.24],
  ['HEARING', 0.12],
  ['SPEECH', 0.05],
  ['VISUAL', 0.07],
  ['MENTAL', 0.12],
  ['MULTIPLE', 0.12],
]);
const NOT_SEVERE_TYPES: DisabilityType[] = ['PHYSICAL', 'VISUAL', 'HEARING', 'SPEECH'];

/** Removes a support (never granted) or ends it in the past (stopped early); returns which. */
function withdraw(s: InjectState, row: SupportRow): string {
  if (s.rng.chance(0.5)) {
    removeWhere(s.ca.support, (x) => x === row);
    return `${row.type} never granted (no support row)`;
  }
  s.endSupport(row, s.asOf - s.rng.int(30, 300));
  return `${row.type} since ${row.start_date} ended ${row.end_date}`;
}

/**
 * GAP-ORPHAN: an orphan's allowance stopped while both parents are dead and it is under 18; or both
 * parents of a household on minimum living allowance (every child on the ledger) died together in
 * an accident (public security and health record it) and no orphan allowance followed yet.
 */
export function gapOrphan(s: InjectState): void {
  if (s.h.kind === 'ORDINARY' && s.h.poverty === 'MINIMUM_LIVING' && s.parentsOrdinary() && s.householdFree()) {
    const kids = s.h.children.filter((c) => c.idNumber !== null && s.record(c) && s.age(c) < s.policy.adultAge - 1);
    if (kids.length === s.h.children.length && s.h.parents.every((p) => s.person(p.id)) && s.hit('GAP-ORPHAN')) {
      const youngest = Math.max(...s.h.children.map((c) => s.dob(c)));
      const on = Math.max(youngest + 30, s.asOf - s.rng.int(30, 200));
      if (on < s.asOf) {
        const cert = s.rng.chance(0.85);
        for (const p of s.h.parents) s.recordDeath(p.id, on, s.h.residenceRegion, 'V89.2', true, cert);
        for (const c of kids)
          s.add(
            c.id,
            'GAP-ORPHAN',
            'positive',
            `both parents died ${iso(on)} (traffic accident; public security DECEASED${cert ? ', death certificates' : ''}); no orphan allowance → FLAGGED`,
          );
        s.useHousehold();
        return;
      }
    }
  }
  for (const c of s.h.children) {
    if (!s.free(c) || c.idNumber === null || s.age(c) >= s.policy.adultAge - 1) continue;
    const row = s.active(c, 'ORPHAN_ALLOWANCE');
    if (!row || s.active(c, 'DE_FACTO_UNSUPPORTED_ALLOWANCE') || !s.hit('GAP-ORPHAN')) continue;
    s.endSupport(row, s.asOf - s.rng.int(30, 300));
    s.add(
      c.id,
      'GAP-ORPHAN',
      'positive',
      `both parents deceased; ORPHAN_ALLOWANCE since ${row.start_date} ended ${row.end_date} at age ${s.age(c)} → FLAGGED`,
    );
  }
}

/**
 * GAP-DEFACTO: a de-facto allowance stopped while the circumstances persist; or, in a left-behind
 * household with one unable parent, the parent away is now in prison (current, long term), missing
 * for well over 6 months, or dead, and no allowance followed.
 */
export function gapDeFacto(s: InjectState): void {
  const pair = unableAndAway(s);
  if (pair) {
    const kids = uncoveredChildren(s);
    if (kids.length && s.hit('GAP-DEFACTO')) {
      const { away, home } = pair;
      const x = s.rng.float();
      let what: string;
      if (x < 0.5) {
        const since = s.asOf - s.rng.int(60, 700);
        const term = Math.max(s.policy.custodyMinTermMonths, monthsOn(since, s.asOf) + s.rng.int(6, 60));
        s.ps.custody_record.push({
          person_id: away.id,
          kind: 'IMPRISONED',
          since: iso(since),
          term_months: term,
          released_on: null,
          institution: detentionHouse(s),
        });
        what = `${relationName(away)} IMPRISONED since ${iso(since)}, term ${term} months`;
      } else if (x < 0.8) {
        const accepted = addMonths(s.asOf, -s.policy.missingMinMonths) - s.rng.int(30, 700);
        const reported = accepted - s.rng.int(0, 3);
        s.ps.missing_report.push({ person_id: away.id, reported_on: iso(reported), accepted_on: iso(accepted), closed_on: null });
        what = `${relationName(away)} missing, report accepted ${iso(accepted)}, open`;
      } else {
        const on = s.asOf - s.rng.int(30, 400);
        s.recordDeath(away.id, on, s.h.hukouRegion, 'W13', true, s.rng.chance(0.7));
        what = `${relationName(away)} died ${iso(on)}`;
      }
      for (const c of kids) {
        s.add(
          c.id,
          'GAP-DEFACTO',
          'positive',
          `${what}; ${relationName(home)} ${home.circumstances.join('+')}; no de-facto/orphan allowance → FLAGGED`,
        );
        if (x >= 0.8 && s.categories(c).includes('LEFT_BEHIND'))
          s.also(c.id, 'CARE-LEFT-BEHIND-ENDED', 'positive', `${what}: no living parent away → FLAGGED`);
      }
      s.useHousehold();
      return;
    }
  }
  for (const c of s.h.children) {
    if (!s.free(c) || c.idNumber === null || s.age(c) >= s.policy.adultAge - 1) continue;
    const row = s.active(c, 'DE_FACTO_UNSUPPORTED_ALLOWANCE');
    if (!row || s.active(c, 'ORPHAN_ALLOWANCE') || !s.hit('GAP-DEFACTO')) continue;
    s.endSupport(row, s.asOf - s.rng.int(30, 300));
    const parents = s.h.parents.map((p) => `${relationName(p)} ${p.circumstances.join('+')}`).join(', ');
    s.add(
      c.id,
      'GAP-DEFACTO',
      'positive',
      `${parents}; DE_FACTO_UNSUPPORTED_ALLOWANCE since ${row.start_date} ended ${row.end_date} → FLAGGED`,
    );
  }
}

function severe(s: InjectState, type: string, level: number): boolean {
  return s.policy.severeDisabilityLevels.includes(level) || s.policy.severeAtAnyLevelTypes.includes(type);
}

/**
 * GAP-SEVERE-DISABILITY: a severely disabled child's care subsidy withdrawn; or a ledger child (not on
 * minimum living allowance) newly certified at level 1–2 a few months ago, subsidy not applied for.
 */
export function gapSevereDisability(s: InjectState): void {
  for (const c of s.h.children) {
    if (!s.free(c) || c.idNumber === null || !s.record(c)) continue;
    const cert = s.validCertificate(c.id);
    const care = s.active(c, 'SEVERE_DISABILITY_CARE_SUBSIDY');
    if (cert && care && severe(s, cert.type!, cert.level!)) {
      if (!s.hit('GAP-SEVERE-DISABILITY')) continue;
      s.add(
        c.id,
        'GAP-SEVERE-DISABILITY',
        'positive',
        `certificate ${cert.certificate_no} (${cert.type} level ${cert.level}) valid until ${cert.valid_until}; ${withdraw(s, care)} → FLAGGED`,
      );
    } else if (!s.certificate(c.id) && s.age(c) >= 2 && s.age(c) < s.policy.adultAge - 1 && !s.active(c, 'MINIMUM_LIVING')) {
      if (!s.hit('GAP-SEVERE-DISABILITY')) continue;
      const type = CHILD_TYPES.pick(s.rng);
      const level = s.rng.chance(0.45) ? 1 : 2;
      const row = s.addCertificate(c, type, level, s.asOf - s.rng.int(30, 300));
      s.add(
        c.id,
        'GAP-SEVERE-DISABILITY',
        'positive',
        `new certificate ${row.certificate_no} (${type} level ${level}) issued ${row.issued_on}; no care subsidy → FLAGGED`,
      );
    }
  }
}

/**
 * GAP-DISABILITY-LIVING: a disabled child on minimum living allowance whose disability living subsidy
 * was withdrawn, or who was newly certified (level 3–4, not severe) without applying for it.
 */
export function gapDisabilityLiving(s: InjectState): void {
  for (const c of s.h.children) {
    if (!s.free(c) || c.idNumber === null || !s.record(c) || !s.active(c, 'MINIMUM_LIVING')) continue;
    const cert = s.validCertificate(c.id);
    const living = s.active(c, 'DISABILITY_LIVING_SUBSIDY');
    if (cert && living) {
      if (!s.hit('GAP-DISABILITY-LIVING')) continue;
      s.add(
        c.id,
        'GAP-DISABILITY-LIVING',
        'positive',
        `certificate ${cert.certificate_no} valid; MINIMUM_LIVING active; ${withdraw(s, living)} → FLAGGED`,
      );
    } else if (!s.certificate(c.id) && s.age(c) >= 2) {
      if (!s.hit('GAP-DISABILITY-LIVING')) continue;
      const type = s.rng.pick(NOT_SEVERE_TYPES.filter((t) => !s.policy.severeAtAnyLevelTypes.includes(t)));
      const level = ([3, 4] as const).find((l) => !s.policy.severeDisabilityLevels.includes(l) && s.rng.chance(0.5)) ?? 4;
      const row = s.addCertificate(c, type, level, s.asOf - s.rng.int(30, 300));
      s.add(
        c.id,
        'GAP-DISABILITY-LIVING',
        'positive',
        `new certificate ${row.certificate_no} (${type} level ${level}) issued ${row.issued_on}; MINIMUM_LIVING active; no disability living subsidy → FLAGGED`,
      );
    }
  }
}

/**
 * GAP-MEDICAL-INSURANCE: this year's resident-insurance enrolment of a supported child lacks the
 * subsidy its support brings (full for orphan / de-facto / extreme poverty, at least partial for
 * minimum living): enrolled without subsidy, only partially, or not at all.
 */
export function gapMedicalInsurance(s: InjectState): void {
  const year = yearOf(s.asOf);
  for (const c of s.h.children) {
    if (!s.free(c) || c.idNumber === null || !s.record(c)) continue;
    const full = s.hasActive(c, s.policy.fullInsuranceSubsidySupports);
    const partial = s.hasActive(c, s.policy.partialInsuranceSubsidySupports);
    const row = s.insurance(c, year);
    if ((!full && !partial) || !row || !s.hit('GAP-MEDICAL-INSURANCE')) continue;
    const supports = s
      .supports(c)
      .filter((x) => s.isActive(x))
      .map((x) => x.type as SupportType)
      .join('+');
    const x = s.rng.float();
    let what: string;
    if (x < 0.3) {
      removeWhere(s.mi.insurance_enrolment, (r) => r === row);
      what = `no ${year} enrolment`;
    } else if (full && x < 0.65) {
      row.subsidy = 'PARTIAL';
      row.subsidy_basis = 'LOW_INCOME';
      what = `${year} enrolment PARTIAL (LOW_INCOME)`;
    } else {
      row.subsidy = 'NONE';
      row.subsidy_basis = null;
      what = `${year} enrolment without subsidy`;
    }
    s.add(c.id, 'GAP-MEDICAL-INSURANCE', 'positive', `${supports} active; ${what} → FLAGGED`);
  }
}
