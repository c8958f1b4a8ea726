import type { SupportType } from '@hub/domain';
import { addMonths, addYears, iso, parseDay } from '../dates';
import type { ChildTruth, ParentCircumstance, ParentTruth } from '../types';
import { relationName, unableAndAway } from './boundaries';
import { removeWhere, type InjectState } from './state';

const CHILD_DEATH_CAUSES = ['W69', 'V89.2', 'W19', 'T71', 'J18.9', 'C91.0', 'G40.9'];

/** Circumstances an agency record can show as ended: release, report closed, certificate downgraded, recovery. */
const UNDOABLE: ParentCircumstance[] = [
  'IMPRISONED',
  'COMPULSORY_DRUG_REHAB',
  'OTHER_RESTRICTION',
  'MISSING',
  'SEVERE_DISABILITY',
  'SERIOUS_ILLNESS',
];

/**
 * Ends a parent's only circumstance in the agency records (released from custody, missing report
 * closed, certificate downgraded or cancelled, illness no longer ongoing). Returns what changed.
 */
function endCircumstance(s: InjectState, p: ParentTruth, circ: ParentCircumstance): string | null {
  const ago = s.asOf - s.rng.int(20, 200);
  switch (circ) {
    case 'MISSING': {
      const r = s.ps.missing_report.find((x) => x.person_id === p.id && x.closed_on === null);
      if (!r) return null;
      r.closed_on = iso(Math.max(parseDay(r.accepted_on!), ago));
      return `${relationName(p)}'s missing report (accepted ${r.accepted_on}) closed ${r.closed_on}`;
    }
    case 'SEVERE_DISABILITY': {
      const cert = s.validCertificate(p.id);
      if (!cert) return null;
      if (s.policy.severeAtAnyLevelTypes.includes(cert.type!)) {
        cert.status = 'CANCELLED';
        cert.status_since = iso(Math.max(parseDay(cert.issued_on!), ago));
        return `${relationName(p)}'s certificate ${cert.certificate_no} CANCELLED ${cert.status_since}`;
      }
      const level = s.rng.chance(0.5) ? 3 : 4;
      const issued = Math.max(parseDay(cert.issued_on!), ago);
      const was = `${cert.certificate_no} level ${cert.level}`;
      cert.certificate_no = `${cert.certificate_no!.slice(0, -1)}${level}`;
      cert.level = level;
      cert.issued_on = iso(issued);
      cert.valid_until = iso(addYears(issued, 10) - 1);
      cert.status_since = iso(issued);
      return `${relationName(p)}'s certificate re-assessed ${iso(issued)}: ${was} → ${cert.certificate_no} level ${level}`;
    }
    case 'SERIOUS_ILLNESS': {
      const rows = s.health.serious_illness.filter((x) => x.person_id === p.id && x.ongoing);
      if (!rows.length) return null;
      for (const r of rows) r.ongoing = false;
      return `${relationName(p)}'s serious illness (${rows[0].icd10}) no longer ongoing`;
    }
    case 'IMPRISONED':
    case 'COMPULSORY_DRUG_REHAB':
    case 'OTHER_RESTRICTION': {
      const r = s.ps.custody_record.find((x) => x.person_id === p.id && x.kind === circ && x.released_on === null);
      if (!r) return null;
      const since = parseDay(r.since!);
      r.released_on = iso(since + 30 <= ago ? ago : Math.min(s.asOf - 1, since + s.rng.int(30, 90)));
      return `${relationName(p)} ${circ} since ${r.since} released ${r.released_on}`;
    }
    default:
      return null;
  }
}

/**
 * EXIT-DEFACTO-CHANGED, two ways. A de-facto household where one parent's only circumstance ends in
 * the records while the allowance runs on. A left-behind household with one unable parent where the
 * parent now working away was in prison earlier (released before the residence permit away began):
 * the de-facto allowance granted then was never ended (category, allowance and the full insurance
 * subsidy that goes with it are on file).
 */
export function deFactoChanged(s: InjectState): void {
  const kids = (type: SupportType) => s.h.children.filter((c) => s.free(c) && c.idNumber !== null && s.record(c) && s.active(c, type));
  if (s.h.kind === 'DE_FACTO') {
    const withAllowance = kids('DE_FACTO_UNSUPPORTED_ALLOWANCE');
    const parent = s.h.parents.find((p) => p.circumstances.length === 1 && UNDOABLE.includes(p.circumstances[0]));
    if (!withAllowance.length || !parent || !s.hit('EXIT-DEFACTO-CHANGED')) return;
    const what = endCircumstance(s, parent, parent.circumstances[0]);
    if (!what) return;
    const other = s.h.parents.find((p) => p !== parent);
    for (const c of withAllowance)
      s.add(
        c.id,
        'EXIT-DEFACTO-CHANGED',
        'positive',
        `${what}; ${other ? `${relationName(other)} ${other.circumstances.join('+') || 'none'}` : ''}; de-facto allowance still active → FLAGGED`,
      );
    s.useHousehold();
    return;
  }
  const pair = unableAndAway(s);
  if (!pair) return;
  const permit = s.permits(pair.away.id)[0];
  if (!permit) return;
  const candidates = s.h.children.filter(
    (c) =>
      s.free(c) &&
      c.idNumber !== null &&
      s.record(c) &&
      s.age(c) < s.policy.adultAge &&
      !s.hasActive(c, ['DE_FACTO_UNSUPPORTED_ALLOWANCE', 'ORPHAN_ALLOWANCE', 'DISABILITY_LIVING_SUBSIDY']),
  );
  if (!candidates.length || !s.hit('EXIT-DEFACTO-CHANGED')) return;
  const released = Math.min(parseDay(permit.residence_since!) - s.rng.int(10, 90), s.asOf - 60);
  const term = s.rng.int(12, 48);
  const since = Math.max(addMonths(released, -term), addYears(s.dob(pair.away), 18));
  if (since >= released) return;
  const withAllowance: ChildTruth[] = [];
  for (const c of candidates) {
    const start = Math.max(s.dob(c), since) + s.rng.int(60, 150);
    if (start >= released) continue;
    withAllowance.push(c);
  }
  if (!withAllowance.length) return;
  s.ps.custody_record.push({
    person_id: pair.away.id,
    kind: 'IMPRISONED',
    since: iso(since),
    term_months: term,
    released_on: iso(released),
    institution: `${s.world.geo.provinceName}监狱`,
  });
  const year = Number(iso(s.asOf).slice(0, 4));
  for (const c of withAllowance) {
    const row = s.addSupport(c, 'DE_FACTO_UNSUPPORTED_ALLOWANCE', Math.max(s.dob(c), since) + s.rng.int(60, 150));
    const r = s.record(c)!;
    if (!r.categories!.includes('DE_FACTO_UNSUPPORTED')) r.categories = [...r.categories!, 'DE_FACTO_UNSUPPORTED'];
    const ins = s.insurance(c, year);
    if (ins) {
      ins.subsidy = 'FULL';
      ins.subsidy_basis = 'DE_FACTO_UNSUPPORTED';
    }
    s.add(
      c.id,
      'EXIT-DEFACTO-CHANGED',
      'positive',
      `${relationName(pair.away)} IMPRISONED ${iso(since)} (term ${term} months), released ${iso(released)}, now working away (permit since ${permit.residence_since}); ${relationName(pair.home)} ${pair.home.circumstances.join('+')}; de-facto allowance since ${row.start_date} never ended → FLAGGED`,
    );
  }
  s.useHousehold();
}

/**
 * EXIT-ORPHAN-PARENT-ALIVE: in an orphaned household, one parent's death is not on any record (the
 * hukou was never cancelled, no death certificate) while the orphan allowance runs; or a de-facto
 * child's allowance is paid as an orphan allowance though its parents are alive.
 */
export function orphanParentAlive(s: InjectState): void {
  if (s.h.kind === 'ORPHANED') {
    const kids = s.h.children.filter((c) => s.free(c) && c.idNumber !== null && s.active(c, 'ORPHAN_ALLOWANCE'));
    if (kids.length && s.hit('EXIT-ORPHAN-PARENT-ALIVE')) {
      const p = s.rng.pick(s.h.parents);
      const person = s.person(p.id);
      if (person) {
        person.registration_status = 'NORMAL';
        person.status_since = null;
        removeWhere(s.health.death_certificate, (x) => x.person_id === p.id);
        for (const c of kids)
          s.add(
            c.id,
            'EXIT-ORPHAN-PARENT-ALIVE',
            'positive',
            `${relationName(p)}'s death (${p.death?.on}) on no record: hukou NORMAL, no death certificate; orphan allowance active → FLAGGED`,
          );
        s.useHousehold();
      }
    }
    return;
  }
  for (const c of s.h.children) {
    if (!s.free(c) || c.idNumber === null) continue;
    const row = s.active(c, 'DE_FACTO_UNSUPPORTED_ALLOWANCE');
    if (!row || s.active(c, 'ORPHAN_ALLOWANCE') || !s.hit('EXIT-ORPHAN-PARENT-ALIVE')) continue;
    row.type = 'ORPHAN_ALLOWANCE';
    row.monthly_amount = s.world.opts.amounts.ORPHAN_ALLOWANCE;
    const alive = s.h.parents.filter((p) => !p.death).map((p) => `${relationName(p)} ${p.circumstances.join('+')}`);
    s.add(
      c.id,
      'EXIT-ORPHAN-PARENT-ALIVE',
      'positive',
      `de-facto allowance since ${row.start_date} recorded as ORPHAN_ALLOWANCE; living parent(s): ${alive.join(', ')} → FLAGGED`,
    );
  }
}

/**
 * EXIT-OVERLAP: an orphan whose earlier de-facto allowance was never ended when the orphan allowance
 * began, or a de-facto child granted an orphan allowance on top of its de-facto allowance.
 */
export function overlap(s: InjectState): void {
  for (const c of s.h.children) {
    if (!s.free(c) || c.idNumber === null || !s.record(c)) continue;
    const orphan = s.active(c, 'ORPHAN_ALLOWANCE');
    const deFacto = s.active(c, 'DE_FACTO_UNSUPPORTED_ALLOWANCE');
    if (orphan && !deFacto) {
      if (!s.hit('EXIT-OVERLAP')) continue;
      const row = s.addSupport(c, 'DE_FACTO_UNSUPPORTED_ALLOWANCE', Math.max(s.dob(c), parseDay(orphan.start_date!) - s.rng.int(90, 700)));
      s.add(
        c.id,
        'EXIT-OVERLAP',
        'positive',
        `ORPHAN_ALLOWANCE since ${orphan.start_date} and DE_FACTO_UNSUPPORTED_ALLOWANCE since ${row.start_date} (never ended) both active → FLAGGED`,
      );
      if (s.h.kind === 'ORPHANED')
        s.also(
          c.id,
          'EXIT-DEFACTO-CHANGED',
          'positive',
          `DE_FACTO_UNSUPPORTED_ALLOWANCE active while both parents are deceased (an orphan, not de facto unsupported) → FLAGGED`,
        );
    } else if (deFacto && !orphan) {
      if (!s.hit('EXIT-OVERLAP')) continue;
      const row = s.addSupport(c, 'ORPHAN_ALLOWANCE', Math.max(parseDay(deFacto.start_date!), s.asOf - s.rng.int(30, 400)));
      s.add(
        c.id,
        'EXIT-OVERLAP',
        'positive',
        `DE_FACTO_UNSUPPORTED_ALLOWANCE since ${deFacto.start_date} and ORPHAN_ALLOWANCE since ${row.start_date} both active → FLAGGED`,
      );
      if (s.h.parents.some((p) => !p.death))
        s.also(c.id, 'EXIT-ORPHAN-PARENT-ALIVE', 'positive', `ORPHAN_ALLOWANCE since ${row.start_date} while a parent is alive → FLAGGED`);
    }
  }
}

/** EXIT-DISABILITY-CERT: the certificate of a subsidised child expired, was cancelled, or (care subsidy) re-assessed below the severe levels. */
export function disabilityCert(s: InjectState): void {
  for (const c of s.h.children) {
    if (!s.free(c) || c.idNumber === null || !s.record(c)) continue;
    const care = s.active(c, 'SEVERE_DISABILITY_CARE_SUBSIDY');
    const living = s.active(c, 'DISABILITY_LIVING_SUBSIDY');
    const cert = s.validCertificate(c.id);
    if ((!care && !living) || !cert || !s.hit('EXIT-DISABILITY-CERT')) continue;
    const subsidies = [care?.type, living?.type].filter(Boolean).join('+');
    const ago = s.asOf - s.rng.int(10, 300);
    const canDowngrade = care && !s.policy.severeAtAnyLevelTypes.includes(cert.type!);
    const canExpire = addYears(ago + 1, -5) >= addYears(s.dob(c), 1);
    const x = s.rng.float();
    if (canDowngrade && x < 0.3) {
      const level = s.rng.chance(0.5) ? 3 : 4;
      const issued = Math.max(parseDay(cert.issued_on!), ago);
      const was = `${cert.certificate_no} level ${cert.level}`;
      cert.certificate_no = `${cert.certificate_no!.slice(0, -1)}${level}`;
      cert.level = level;
      cert.issued_on = iso(issued);
      cert.valid_until = iso(addYears(issued, 5) - 1);
      cert.status_since = iso(issued);
      s.add(
        c.id,
        'EXIT-DISABILITY-CERT',
        'positive',
        `re-assessed ${iso(issued)}: ${was} → ${cert.certificate_no} level ${level} (${cert.type}, not severe); ${subsidies} active → FLAGGED`,
      );
    } else if (canExpire && x < 0.7) {
      cert.issued_on = iso(addYears(ago + 1, -5));
      cert.valid_until = iso(ago);
      cert.status = 'EXPIRED';
      cert.status_since = iso(ago + 1);
      s.add(
        c.id,
        'EXIT-DISABILITY-CERT',
        'positive',
        `certificate ${cert.certificate_no} valid until ${cert.valid_until}, EXPIRED since ${cert.status_since}; ${subsidies} active → FLAGGED`,
      );
    } else {
      cert.status = 'CANCELLED';
      cert.status_since = iso(Math.max(parseDay(cert.issued_on!), ago));
      s.add(
        c.id,
        'EXIT-DISABILITY-CERT',
        'positive',
        `certificate ${cert.certificate_no} CANCELLED since ${cert.status_since}; ${subsidies} active → FLAGGED`,
      );
    }
  }
}

/** EXIT-DECEASED: a child with an active support died (public-security registration, health death certificate, or both). */
export function deceased(s: InjectState): void {
  for (const c of s.h.children) {
    if (!s.free(c) || c.idNumber === null || !s.record(c)) continue;
    const active = s.supports(c).filter((x) => s.isActive(x) && x.type !== 'TEMPORARY_ASSISTANCE');
    if (!active.length || !s.hit('EXIT-DECEASED')) continue;
    const on = Math.max(s.dob(c) + 30, s.asOf - s.rng.int(15, 300));
    if (on >= s.asOf) continue;
    const x = s.rng.float();
    const ps = x < 0.8;
    const health = x >= 0.5;
    const cause = c.illness?.icd10 ?? s.rng.pick(CHILD_DEATH_CAUSES);
    s.recordDeath(c.id, on, c.residenceRegion, cause, ps, health);
    const where =
      ps && health ? 'public security DECEASED and death certificate' : ps ? 'public security DECEASED' : 'health death certificate only';
    s.add(
      c.id,
      'EXIT-DECEASED',
      'positive',
      `died ${iso(on)} (${cause}; ${where}); ${active.map((a) => a.type).join('+')} still active → FLAGGED`,
    );
  }
}

/**
 * EXIT-HUKOU-MOVED: the hukou of a child with a locally funded support moved to another county (new
 * region, status MOVED_OUT) while civil affairs keeps paying. Children of families without residence
 * permits only, so no migrant or left-behind rule reads the move.
 */
export function hukouMoved(s: InjectState): void {
  if (s.h.kind === 'LEFT_BEHIND' || s.h.kind === 'MIGRANT') return;
  if (s.h.parents.some((p) => s.permits(p.id).length)) return;
  for (const c of s.h.children) {
    if (!s.free(c) || c.idNumber === null || !s.record(c)) continue;
    const paying = s.supports(c).filter((x) => s.isActive(x) && s.policy.locallyFundedSupports.includes(x.type as SupportType));
    const person = s.person(c.id);
    if (!paying.length || !person || s.permits(c.id).length || !s.hit('EXIT-HUKOU-MOVED')) continue;
    const from = person.hukou_region!;
    const to = s.world.geo.otherCountyVillage(s.rng, from.slice(0, 6));
    if (!to) continue;
    const on = s.asOf - s.rng.int(30, 400);
    person.hukou_region = to.code;
    person.registration_status = 'MOVED_OUT';
    person.status_since = iso(on);
    s.add(
      c.id,
      'EXIT-HUKOU-MOVED',
      'positive',
      `hukou moved ${iso(on)} from ${from} to ${to.code} (${s.world.geo.name(to.county)}), status MOVED_OUT; ${paying.map((x) => x.type).join('+')} paid by ${paying[0].paying_region} → FLAGGED`,
    );
  }
}
