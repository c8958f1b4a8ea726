import { addMonths, addYears, iso, parseDay, yearOf } from '../dates';
import type { ChildTruth } from '../types';
import { longResidenceSince, putOnMigrantLedger } from './boundaries';
import { removeWhere, type InjectState } from './state';

/** Characters of given names and the one a clerk writes for it (同音字/形近字). */
const LOOKALIKE: Record<string, string> = {
  子: '梓',
  梓: '子',
  浩: '皓',
  皓: '浩',
  宇: '雨',
  雨: '宇',
  轩: '萱',
  萱: '轩',
  涵: '晗',
  睿: '锐',
  俊: '峻',
  峻: '俊',
  杰: '洁',
  洁: '杰',
  博: '搏',
  文: '雯',
  晨: '辰',
  辰: '晨',
  泽: '择',
  明: '铭',
  铭: '明',
  诚: '成',
  佳: '嘉',
  嘉: '佳',
  思: '斯',
  欣: '馨',
  馨: '欣',
  怡: '宜',
  琪: '淇',
  婷: '亭',
  彤: '桐',
  桐: '彤',
  瑶: '遥',
  妍: '研',
  琳: '林',
  静: '婧',
  慧: '惠',
  颖: '莹',
  梦: '孟',
  菲: '霏',
  璐: '露',
  露: '璐',
  雪: '学',
  月: '玥',
  玥: '月',
  悦: '越',
  宁: '凝',
  乐: '悦',
  心: '欣',
  晴: '清',
  一: '依',
  可: '珂',
  语: '雨',
  若: '如',
  天: '添',
  凯: '恺',
  昊: '浩',
  然: '冉',
  航: '杭',
  豪: '毫',
  奕: '亦',
  瑞: '锐',
  鹏: '朋',
  翔: '祥',
  祥: '翔',
  逸: '亦',
  远: '元',
  阳: '洋',
  锦: '瑾',
  瑾: '锦',
  霖: '林',
  言: '妍',
  煜: '昱',
  哲: '喆',
  程: '成',
  安: '岸',
  恒: '衡',
  毅: '艺',
  旭: '煦',
  彬: '斌',
  骏: '俊',
  信: '欣',
  承: '成',
  沐: '木',
  景: '靖',
  瀚: '翰',
  朗: '琅',
  钧: '均',
  楷: '凯',
  雅: '亚',
  妤: '予',
  欢: '环',
  汐: '夕',
  诺: '娜',
  佩: '沛',
  薇: '微',
  茜: '倩',
  芷: '芝',
  婉: '琬',
  蕾: '磊',
  菁: '晶',
  依: '伊',
  宸: '晨',
  烨: '晔',
  锐: '睿',
  涛: '滔',
  梅: '媚',
};

/** A name as a clerk might have mistyped it: one given-name character replaced by a look-alike or homophone. */
function misspelt(name: string, surnameLength: number): string {
  const chars = [...name];
  for (let i = chars.length - 1; i >= surnameLength; i--) {
    const alt = LOOKALIKE[chars[i]];
    if (alt && alt !== chars[i]) {
      chars[i] = alt;
      return chars.join('');
    }
  }
  // No look-alike known: the last character doubled as a nickname (浩 → 浩浩) or dropped.
  return chars.length > surnameLength + 1 ? chars.slice(0, -1).join('') : name + chars[chars.length - 1];
}

function migrantChildren(s: InjectState): ChildTruth[] {
  return s.h.children.filter((c) => s.free(c) && c.idNumber !== null && s.onMigrantLedger(c));
}

/**
 * MIG-NOT-MIGRANT: a migrant family whose residence permits say it arrived a few months ago (under 6);
 * or an ordinary child whose family moved within its hukou county put on the migrant ledger.
 */
export function notMigrant(s: InjectState): void {
  if (s.h.kind === 'MIGRANT' && s.householdFree()) {
    const kids = s.h.children.filter(
      (c) => c.idNumber !== null && s.onMigrantLedger(c) && s.age(c) < s.policy.migrant.maxAgeExclusive - 1 && s.permits(c.id).length,
    );
    if (kids.length && s.hit('MIG-NOT-MIGRANT')) {
      const since = s.asOf - s.rng.int(40, 150);
      const ids = new Set([...s.h.parents.map((p) => p.id), ...s.h.children.map((c) => c.id)]);
      for (const p of s.ps.residence_permit) {
        if (!ids.has(p.person_id!)) continue;
        const issued = Math.min(s.asOf, since + s.rng.int(0, 15));
        p.residence_since = iso(since);
        p.issued_on = iso(issued);
        p.valid_until = iso(addYears(issued, 1) - 1);
      }
      for (const c of kids)
        s.add(
          c.id,
          'MIG-NOT-MIGRANT',
          'positive',
          `family residence permits: residence since ${iso(since)} (${s.asOf - since} days, < ${s.policy.migrant.minResidenceMonths} months) → FLAGGED`,
        );
      s.useHousehold();
      return;
    }
  }
  if (s.h.kind !== 'ORDINARY') return;
  for (const c of s.h.children) {
    if (!s.free(c) || c.idNumber === null || c.hukouRegion === null || s.onMigrantLedger(c)) continue;
    const age = s.age(c);
    if (age < 1 || age > s.policy.migrant.maxAgeExclusive - 2) continue;
    if (c.hukouRegion === c.residenceRegion || c.hukouRegion.slice(0, 6) !== c.residenceRegion.slice(0, 6)) continue;
    const since = longResidenceSince(s, c);
    if (since === null || !s.hit('MIG-NOT-MIGRANT')) continue;
    const what = putOnMigrantLedger(s, c, since);
    s.add(
      c.id,
      'MIG-NOT-MIGRANT',
      'positive',
      `hukou ${c.hukouRegion} and residence ${c.residenceRegion} both in county ${c.residenceRegion.slice(0, 6)}; ${what} → FLAGGED`,
    );
  }
}

/** MIG-IDENTITY: the migrant-ledger record's name, date of birth or gender differs from public security. */
export function identity(s: InjectState): void {
  for (const c of migrantChildren(s)) {
    const r = s.record(c);
    if (!r || !s.person(c.id) || !s.hit('MIG-IDENTITY')) continue;
    const x = s.rng.float();
    if (x < 0.55) {
      const was = r.name!;
      r.name = misspelt(was, c.surname.length);
      if (r.name === was) r.name = was + '儿';
      s.add(c.id, 'MIG-IDENTITY', 'positive', `civil-affairs name ${r.name} ≠ public-security name ${was} → FLAGGED`);
    } else if (x < 0.85) {
      const dob = s.dob(c);
      const shifted = s.rng.chance(0.7) ? dob + (s.rng.chance(0.5) ? 1 : -1) * s.rng.int(1, 40) : addYears(dob, s.rng.chance(0.5) ? 1 : -1);
      r.date_of_birth = iso(Math.min(shifted, s.asOf - 1));
      s.add(
        c.id,
        'MIG-IDENTITY',
        'positive',
        `civil-affairs date of birth ${r.date_of_birth} ≠ public-security ${c.dateOfBirth} → FLAGGED`,
      );
    } else {
      r.gender = c.gender === 'M' ? 'F' : 'M';
      s.add(c.id, 'MIG-IDENTITY', 'positive', `civil-affairs gender ${r.gender} ≠ public-security ${c.gender} → FLAGGED`);
    }
  }
}

/** MIG-NO-SCHOOL: a compulsory-age migrant child transferred out on paper (still living here) or never enrolled here. */
export function noSchool(s: InjectState): void {
  for (const c of migrantChildren(s)) {
    if (!s.safelyCompulsory(c)) continue;
    const e = s.currentEnrolment(c);
    if (!e || s.edu.home_delivery.some((x) => x.child_id === c.id) || !s.hit('MIG-NO-SCHOOL')) continue;
    if (parseDay(e.enrolled_on!) <= s.asOf - 30 && s.rng.chance(0.7)) {
      e.status = 'TRANSFERRED';
      e.status_since = iso(Math.max(parseDay(e.enrolled_on!), s.asOf - s.rng.int(10, 200)));
      s.add(
        c.id,
        'MIG-NO-SCHOOL',
        'positive',
        `enrolment at ${e.school_code} TRANSFERRED ${e.status_since}; no ENROLLED record, aged ${s.age(c)} → FLAGGED`,
      );
    } else {
      removeWhere(s.edu.enrolment, (x) => x.child_id === c.id);
      removeWhere(s.edu.education_aid, (x) => x.child_id === c.id);
      s.add(c.id, 'MIG-NO-SCHOOL', 'positive', `no enrolment record at all, aged ${s.age(c)} → FLAGGED`);
      s.also(c.id, 'EDU-NO-RECORD', 'positive', `no enrolment record at all, aged ${s.age(c)} → FLAGGED`);
    }
  }
}

/** MIG-NO-INSURANCE: no resident medical-insurance enrolment this year, anywhere. */
export function noInsurance(s: InjectState): void {
  const year = yearOf(s.asOf);
  for (const c of migrantChildren(s)) {
    const row = s.insurance(c, year);
    if (!row || !s.hit('MIG-NO-INSURANCE')) continue;
    removeWhere(s.mi.insurance_enrolment, (x) => x === row);
    s.add(
      c.id,
      'MIG-NO-INSURANCE',
      'positive',
      `${year} enrolment (insured at ${row.insured_region}) removed: not insured this year → FLAGGED`,
    );
  }
}

/** MIG-IMMUNIZATION: a migrant child of immunisation age whose doses fell behind the schedule. */
export function immunization(s: InjectState): void {
  for (const c of migrantChildren(s)) {
    if (s.age(c) > s.policy.immunizationMaxAge) continue;
    const im = s.health.immunization_status.find((x) => x.child_id === c.id);
    if (!im || (im.doses_due ?? 0) <= 0 || (im.doses_given ?? 0) < (im.doses_due ?? 0) || !s.hit('MIG-IMMUNIZATION')) continue;
    const given = Math.max(0, im.doses_due! - s.rng.int(1, 3));
    im.doses_given = given;
    if (given === 0) im.last_dose_on = null;
    s.add(c.id, 'MIG-IMMUNIZATION', 'positive', `aged ${s.age(c)}: ${given} of ${im.doses_due} doses due given → FLAGGED`);
  }
}

/**
 * MIG-UNREGISTERED: a migrant child from outside the region (long resident, permit on file) whose
 * ledger record is missing altogether (its only category was MIGRANT).
 */
export function unregistered(s: InjectState): void {
  const six = addMonths(s.asOf, -s.policy.migrant.minResidenceMonths);
  for (const c of migrantChildren(s)) {
    const r = s.record(c);
    const permit = s.permits(c.id)[0];
    if (!r || r.categories!.length !== 1 || !permit || c.hukouRegion === null || c.hukouRegion.startsWith(s.world.opts.region)) continue;
    if (s.age(c) > s.policy.migrant.maxAgeExclusive - 2 || parseDay(permit.residence_since!) > six - 30 || !s.hit('MIG-UNREGISTERED'))
      continue;
    s.removeRecord(c.id);
    s.add(
      c.id,
      'MIG-UNREGISTERED',
      'positive',
      `hukou ${c.hukouRegion}, residence permit ${permit.permit_no} at ${permit.region} since ${permit.residence_since}; ledger record removed → FLAGGED`,
    );
  }
}
