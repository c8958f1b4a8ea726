import {
  CERTIFICATE_STATUS,
  CHILD_CATEGORY,
  DISABILITY_TYPE,
  ENROLMENT_STATUS,
  FAMILY_SCOPES,
  familyOf,
  HUKOU_STATUS,
  labelOf,
  PARENTAL_CIRCUMSTANCE,
  RISK_COLOUR,
  RISK_FACTOR,
  SUPPORT_TYPE,
  VISIT_METHOD,
  type CrossCheckPolicy,
  type Outcome,
  type RuleFamily,
  type RuleId,
  type Scope,
  type SupportType,
} from '@hub/domain';
import { addMonths, age, daysBetween, monthStart, schoolYearCutoff, yearOf } from './calendar';
import type { CertificateFact, ChildRepresentation, EnrolmentFact, ParentRepresentation, PermitFact } from './facts';

/**
 * The cross-check rules, evaluated as of a date over the facts the agencies share. Pure: the resolver
 * gathers civil affairs' own records and the facts the gateway brought, this module decides.
 *
 * The rules exist twice, on purpose (docs/decisions/0003-rules-implemented-twice.md). This is the product;
 * the oracle it is scored against is population/src/rules/ (index.ts, checks.ts, facts.ts), which computes the
 * ground truth from the generator's agency rows. An oracle that shared code with what it scores could not catch
 * a mistake they share, so each is transcribed on its own from one contract, population/GROUND_TRUTH.md: this
 * module never imports the oracle (nor anything of @hub/population), and the oracle never imports the product;
 * a rule change is made three times (contract, product, oracle). The hand-made cases of
 * tests/cases/crosscheck-cases.ts run against both.
 *
 * Three-valued throughout: a fact is true, false or unknown (null). A rule is FLAGGED only when the facts
 * prove it, CLEAR only when they disprove it, INCONCLUSIVE otherwise — and always INCONCLUSIVE when an
 * agency it reads did not answer.
 */
export type { Outcome };
type Agency = '民政' | '公安' | '卫健' | '教育' | '医保' | '残联';

interface Evidence {
  agency: Agency;
  fact: string;
  value: string;
}

export interface RuleResult {
  rule: RuleId;
  outcome: Outcome;
  reason: string;
  evidence: Evidence[];
}

/** What civil affairs holds about the child (its own ledger), plus the facts the gateway brought. */
export interface CaseFile {
  id: string;
  record: { name: string; gender: string; dateOfBirth: string; categories: string[]; riskColour: string } | null;
  supports: { type: SupportType; startDate: string; endDate: string | null; payingRegion: string }[];
  agreements: { signedOn: string; validUntil: string | null }[];
  /** Every visit on file: its date and how the child was reached (only some methods count as a visit). */
  visits: { visitedOn: string; method: string }[];
  /** Guardianship revocations naming this child: which parent, when. */
  revocations: { parentId: string; revokedOn: string }[];
  /** Risk assessments (四色管理评估), latest first: the day and the factors found. */
  assessments: { assessedOn: string; factors: string[] }[];
  facts: ChildRepresentation;
}

export interface Evaluation {
  asOf: string;
  policy: CrossCheckPolicy;
  /** The caller's jurisdiction prefixes (discovery: "in the jurisdiction"). */
  jurisdiction: readonly string[];
}

const supportName = (t: string) => labelOf(SUPPORT_TYPE, t);

// ------------------------------------------------------------------ three-valued logic
type T3 = boolean | null;
const and3 = (xs: T3[]): T3 => (xs.includes(false) ? false : xs.includes(null) ? null : true);
const or3 = (xs: T3[]): T3 => (xs.includes(true) ? true : xs.includes(null) ? null : false);
const not3 = (x: T3): T3 => (x === null ? null : !x);

// ------------------------------------------------------------------ sources
type Source = 'ps' | 'health' | 'edu' | 'mi' | 'dpf';
const SOURCE_NAME: Record<Source, Agency> = { ps: '公安', health: '卫健', edu: '教育', mi: '医保', dpf: '残联' };

/** Which agencies' facts each rule reads (beyond civil affairs' own ledger). */
const NEEDS: Record<RuleId, Source[]> = {
  'EXIT-AGE': ['ps', 'edu'],
  'EXIT-DECEASED': ['ps', 'health'],
  'EXIT-ORPHAN-PARENT-ALIVE': ['ps', 'health'],
  'EXIT-DEFACTO-CHANGED': ['ps', 'health', 'dpf'],
  'EXIT-DISABILITY-CERT': ['dpf'],
  'EXIT-HUKOU-MOVED': ['ps'],
  'EXIT-OVERLAP': [],
  'GAP-ORPHAN': ['ps', 'health'],
  'GAP-DEFACTO': ['ps', 'health', 'dpf'],
  'GAP-SEVERE-DISABILITY': ['dpf'],
  'GAP-DISABILITY-LIVING': ['dpf'],
  'GAP-MEDICAL-INSURANCE': ['mi'],
  'EDU-NO-RECORD': ['ps', 'edu'],
  'EDU-DROPPED-OUT': ['ps', 'edu'],
  'EDU-HOME-DELIVERY': ['ps', 'edu'],
  'MIG-IDENTITY': ['ps'],
  'MIG-NOT-MIGRANT': ['ps'],
  'MIG-NO-SCHOOL': ['ps', 'edu'],
  'MIG-NO-INSURANCE': ['mi'],
  'MIG-IMMUNIZATION': ['ps', 'health'],
  'CARE-NO-AGREEMENT': [],
  'CARE-LEFT-BEHIND-ENDED': ['ps', 'health'],
  'CARE-VISIT-OVERDUE': [],
  'MIG-UNREGISTERED': ['ps', 'health'],
  'CARE-UNREGISTERED-LEFT-BEHIND': ['ps', 'health', 'dpf'],
};

const SOURCE_SCOPES: Record<Source, Scope[]> = {
  ps: ['ps:household', 'ps:custody'],
  health: ['health:basic'],
  edu: ['edu:enrollment'],
  mi: ['mi:enrollment'],
  dpf: ['dpf:disability'],
};

/**
 * The scopes needed to read one rule's reason and evidence: those of the facts that rule reads (its family may
 * read more). A village child director reads why a visit is overdue, which cites only the ledger.
 */
export function reasonScopes(rule: RuleId): Scope[] {
  const family = FAMILY_SCOPES[familyOf(rule)] as readonly Scope[];
  const needed = new Set<Scope>(['crosscheck:read', 'welfare:read', ...NEEDS[rule].flatMap((x) => SOURCE_SCOPES[x])]);
  return family.filter((s) => needed.has(s));
}

/** Rules that stop at INCONCLUSIVE when public security has no record of the child (GROUND_TRUTH G1). */
const NEEDS_PERSON = new Set<RuleId>([
  'EXIT-AGE',
  'EXIT-DECEASED',
  'EXIT-ORPHAN-PARENT-ALIVE',
  'EXIT-DEFACTO-CHANGED',
  'EXIT-HUKOU-MOVED',
  'GAP-ORPHAN',
  'GAP-DEFACTO',
  'EDU-NO-RECORD',
  'EDU-DROPPED-OUT',
  'EDU-HOME-DELIVERY',
  'MIG-NOT-MIGRANT',
  'MIG-NO-SCHOOL',
  'MIG-IMMUNIZATION',
  'CARE-LEFT-BEHIND-ENDED',
  'MIG-UNREGISTERED',
  'CARE-UNREGISTERED-LEFT-BEHIND',
]);

/** Agencies whose facts did not arrive (subgraph down, or the gateway could not fetch them). */
function missingSources(f: ChildRepresentation): Set<Source> {
  const out = new Set<Source>();
  const check = (v: unknown, s: Source) => {
    if (v === null) out.add(s);
  };
  // Every family requires the child's public-security facts: absent (a direct call without them) is unavailable too.
  if (f.publicSecurityFacts == null) out.add('ps');
  check(f.healthFacts, 'health');
  check(f.educationFacts, 'edu');
  check(f.medicalInsuranceFacts, 'mi');
  check(f.disabilityFacts, 'dpf');
  if (f.parents === null) out.add('ps');
  for (const p of f.parents ?? []) {
    check(p.publicSecurityFacts, 'ps');
    check(p.custodyFacts, 'ps');
    check(p.healthFacts, 'health');
    check(p.disabilityFacts, 'dpf');
  }
  return out;
}

// ------------------------------------------------------------------ the case, as the rules see it
interface ParentView {
  label: string;
  circumstances: string[];
  inCirc: T3;
  alive: T3;
  away: T3;
  awayRegion: string | null;
}

class Case {
  readonly ps;
  readonly age: number | null;
  readonly hukouCounty: string | null;
  readonly active: Set<SupportType>;
  readonly categories: Set<string>;
  private cachedParents?: ParentView[];

  constructor(
    readonly file: CaseFile,
    readonly ev: Evaluation,
  ) {
    this.ps = file.facts.publicSecurityFacts ?? null;
    const dob = this.ps?.found ? this.ps.dateOfBirth : null;
    this.age = dob ? age(dob, ev.asOf) : null;
    const hukou = this.ps?.hukouRegion ?? null;
    this.hukouCounty = hukou && hukou.length >= 6 ? hukou.slice(0, 6) : null;
    this.active = new Set(
      file.supports.filter((s) => s.startDate <= ev.asOf && (s.endDate === null || s.endDate >= ev.asOf)).map((s) => s.type),
    );
    this.categories = new Set(file.record?.categories ?? []);
  }

  get asOf(): string {
    return this.ev.asOf;
  }

  get policy(): CrossCheckPolicy {
    return this.ev.policy;
  }

  deceased(): boolean {
    return this.ps?.registrationStatus === 'DECEASED' || (this.file.facts.healthFacts?.deathDates ?? []).some((d) => d <= this.asOf);
  }

  certificates(): CertificateFact[] {
    return this.file.facts.disabilityFacts?.certificates ?? [];
  }

  validCert(c: CertificateFact): boolean {
    return c.status === 'VALID' && c.issuedOn <= this.asOf && c.validUntil >= this.asOf;
  }

  severe(c: CertificateFact): boolean {
    return (
      this.validCert(c) && (this.policy.severeDisabilityLevels.includes(c.level) || this.policy.severeAtAnyLevelTypes.includes(c.type))
    );
  }

  enrolments(): EnrolmentFact[] {
    return this.file.facts.educationFacts?.enrolments ?? [];
  }

  /** The latest enrolment on asOf, by a total order that never depends on row order (GROUND_TRUTH §1.4). */
  latest(): EnrolmentFact | null {
    const rank: Record<string, number> = { DROPPED_OUT: 0, SUSPENDED: 1, ENROLLED: 2, TRANSFERRED: 3, GRADUATED: 4 };
    let best: EnrolmentFact | null = null;
    for (const e of this.enrolments()) {
      if (e.statusSince > this.asOf) continue;
      if (best === null) {
        best = e;
        continue;
      }
      const cmp =
        e.statusSince !== best.statusSince
          ? e.statusSince > best.statusSince
            ? -1
            : 1
          : e.enrolledOn !== best.enrolledOn
            ? e.enrolledOn > best.enrolledOn
              ? -1
              : 1
            : rank[e.status] !== rank[best.status]
              ? (rank[e.status] ?? 9) - (rank[best.status] ?? 9)
              : e.fullTime !== best.fullTime
                ? e.fullTime
                  ? -1
                  : 1
                : e.schoolCode !== best.schoolCode
                  ? e.schoolCode < best.schoolCode
                    ? -1
                    : 1
                  : e.studentNo < best.studentNo
                    ? -1
                    : 1;
      if (cmp < 0) best = e;
    }
    return best;
  }

  /** Compulsory-education age on asOf and not graduated from grade 9 (needs the person's date of birth). */
  compulsory(): { value: boolean; why: string } {
    const ce = this.policy.compulsoryEducation;
    const cutoff = schoolYearCutoff(this.asOf, ce.cutoffMonth, ce.cutoffDay);
    const atCutoff = age(this.ps!.dateOfBirth!, cutoff);
    if (atCutoff < ce.startAge) return { value: false, why: `${cutoff} 时 ${atCutoff} 岁，未到义务教育年龄` };
    if (this.age! >= ce.endAge) return { value: false, why: `${this.age} 岁，已过义务教育年龄` };
    if (this.enrolments().some((e) => e.status === 'GRADUATED' && e.grade >= 9)) return { value: false, why: '已初中毕业' };
    return { value: true, why: `义务教育年龄（${cutoff} 时 ${atCutoff} 岁，现 ${this.age} 岁）` };
  }

  /** The current residence permit of a person (GROUND_TRUTH §1.4): valid on asOf, latest issued first. */
  currentPermit(permits: PermitFact[] | undefined): PermitFact | null {
    let best: PermitFact | null = null;
    for (const p of permits ?? []) {
      if (!(p.issuedOn <= this.asOf && this.asOf <= p.validUntil)) continue;
      if (
        best === null ||
        p.issuedOn > best.issuedOn ||
        (p.issuedOn === best.issuedOn &&
          (p.residenceSince > best.residenceSince || (p.residenceSince === best.residenceSince && p.permitNo < best.permitNo)))
      ) {
        best = p;
      }
    }
    return best;
  }

  sameArea(a: string, b: string): boolean {
    return a === b || this.policy.migrant.equivalenceGroups.some((g) => g.includes(a) && g.includes(b));
  }

  inJurisdiction(region: string): boolean {
    return this.ev.jurisdiction.some((j) => region.startsWith(j));
  }

  /** Both parent slots, three-valued (GROUND_TRUTH §1.5): linked parents, then unknown slots up to two. */
  parents(): ParentView[] {
    if (this.cachedParents) return this.cachedParents;
    const views: ParentView[] = [];
    const seen = new Set<string>();
    for (const p of this.file.facts.parents ?? []) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      views.push(this.parentView(p, views.length));
    }
    while (views.length < 2)
      views.push({
        label: `父母${views.length + 1}（未关联）`,
        circumstances: [],
        inCirc: null,
        alive: null,
        away: null,
        awayRegion: null,
      });
    return (this.cachedParents = views);
  }

  private parentView(p: ParentRepresentation, index: number): ParentView {
    const asOf = this.asOf;
    const ps = p.publicSecurityFacts ?? null;
    const known = ps?.found === true;
    const circ: string[] = [];
    if (ps?.registrationStatus === 'DECEASED' || (p.healthFacts?.deathDates ?? []).some((d) => d <= asOf)) circ.push('DECEASED');
    const missing = (p.custodyFacts?.missingReports ?? []).some(
      (m) => (m.closedOn === null || m.closedOn > asOf) && addMonths(m.acceptedOn, this.policy.missingMinMonths) <= asOf,
    );
    if (missing) circ.push('MISSING');
    if ((p.disabilityFacts?.certificates ?? []).some((c) => this.severe(c))) circ.push('SEVERE_DISABILITY');
    if ((p.healthFacts?.seriousIllnesses ?? []).some((i) => i.ongoing && i.diagnosedOn <= asOf)) circ.push('SERIOUS_ILLNESS');
    for (const r of p.custodyFacts?.restrictions ?? []) {
      const current = r.since <= asOf && (r.releasedOn === null || r.releasedOn > asOf);
      if (!current) continue;
      if (r.kind === 'DEPORTED') circ.push('DEPORTED');
      else if (r.termMonths === null || r.termMonths >= this.policy.custodyMinTermMonths) circ.push(r.kind);
    }
    if (this.file.revocations.some((r) => r.parentId === p.id && r.revokedOn <= asOf)) circ.push('GUARDIANSHIP_REVOKED');
    const circumstances = [...new Set(circ)];
    const alive: T3 = circumstances.includes('DECEASED') ? false : known ? true : null;
    const permit = known ? this.currentPermit(ps?.permits) : null;
    let outside: T3;
    if (permit) outside = this.hukouCounty === null ? null : permit.region.slice(0, 6) !== this.hukouCounty;
    else outside = known ? false : null;
    const away = and3([alive, outside]);
    return {
      label: `父母${index + 1}`,
      circumstances,
      inCirc: circumstances.length > 0 ? true : known ? false : null,
      alive,
      away,
      awayRegion: away === true ? permit!.region : null,
    };
  }
}

const circumstanceNames = (c: string[]) => c.map((x) => labelOf(PARENTAL_CIRCUMSTANCE, x)).join('、');
const describeParents = (v: ParentView[]) =>
  v
    .map(
      (p) => `${p.label}：${p.circumstances.length ? circumstanceNames(p.circumstances) : p.inCirc === null ? '情况不明' : '无特殊情形'}`,
    )
    .join('；');

const deFactoCriteria = (v: ParentView[]): T3 => and3([and3(v.map((p) => p.inCirc)), or3(v.map((p) => p.alive))]);

// ------------------------------------------------------------------ rules
type Decided = [Outcome, string];
const FLAG = (why: string): Decided => ['FLAGGED', why];
const CLEAR = (why: string): Decided => ['CLEAR', why];
const UNKNOWN = (why: string): Decided => ['INCONCLUSIVE', why];
const decide = (x: T3, t: string, f: string, u: string): Decided => (x === true ? FLAG(t) : x === false ? CLEAR(f) : UNKNOWN(u));
const list = (xs: Iterable<string>) => [...xs].map(supportName).join('、');

const RULES: Record<RuleId, (c: Case) => Decided> = {
  'EXIT-AGE': (c) => {
    const adult = c.policy.adultAge;
    if (c.age! < adult) return CLEAR(`${c.age} 岁，未满 ${adult} 岁`);
    const ending = [...c.active].filter((t) => c.policy.supportsEndingAtAdulthood.includes(t));
    if (ending.length) return FLAG(`${c.age} 岁，仍在享受 ${list(ending)}（满 ${adult} 岁即应终止）`);
    const continuing = [...c.active].filter((t) => c.policy.supportsContinuingWhileStudying.includes(t));
    if (!continuing.length) return CLEAR(`${c.age} 岁，无满 ${adult} 岁应终止的保障`);
    const e = c.latest();
    if (e && e.status === 'ENROLLED' && e.fullTime)
      return CLEAR(`${c.age} 岁，享受 ${list(continuing)}，全日制在读（${e.schoolName ?? e.schoolCode}）`);
    return FLAG(`${c.age} 岁，享受 ${list(continuing)}，无全日制在读学籍（最新：${e ? labelOf(ENROLMENT_STATUS, e.status) : '无'}）`);
  },
  'EXIT-DECEASED': (c) => {
    if (c.active.size === 0) return CLEAR('无在享保障');
    if (c.deceased()) return FLAG(`已死亡，仍在享受 ${list(c.active)}`);
    return CLEAR('公安、卫健均无死亡记录');
  },
  'EXIT-ORPHAN-PARENT-ALIVE': (c) => {
    if (!c.active.has('ORPHAN_ALLOWANCE')) return CLEAR('未享受孤儿基本生活费');
    const v = c.parents();
    return decide(
      or3(v.map((p) => p.alive)),
      `享受孤儿基本生活费，但父母一方在世（${describeParents(v)}）`,
      `父母均已死亡（${describeParents(v)}）`,
      `父母情况不全（${describeParents(v)}）`,
    );
  },
  'EXIT-DEFACTO-CHANGED': (c) => {
    if (!c.active.has('DE_FACTO_UNSUPPORTED_ALLOWANCE')) return CLEAR('未享受事实无人抚养儿童基本生活补贴');
    const v = c.parents();
    return decide(
      not3(deFactoCriteria(v)),
      `父母已不符合事实无人抚养情形（${describeParents(v)}）`,
      `父母仍符合事实无人抚养情形（${describeParents(v)}）`,
      `父母情况不全（${describeParents(v)}）`,
    );
  },
  'EXIT-DISABILITY-CERT': (c) => {
    const care = c.active.has('SEVERE_DISABILITY_CARE_SUBSIDY');
    const living = c.active.has('DISABILITY_LIVING_SUBSIDY');
    if (!care && !living) return CLEAR('未享受残疾人两项补贴');
    const certs = c.certificates();
    const desc = certs.length ? certs.map((x) => `${x.status} ${x.level}级 ${x.type} 至 ${x.validUntil}`).join('；') : '无残疾人证';
    if (living && !certs.some((x) => c.validCert(x))) return FLAG(`享受困难残疾人生活补贴，但无有效残疾人证（${desc}）`);
    if (care && !certs.some((x) => c.severe(x))) return FLAG(`享受重度残疾人护理补贴，但无符合条件的有效残疾人证（${desc}）`);
    return CLEAR(`残疾人证有效（${desc}）`);
  },
  'EXIT-HUKOU-MOVED': (c) => {
    const local = c.file.supports.filter(
      (s) =>
        c.active.has(s.type) &&
        s.startDate <= c.asOf &&
        (s.endDate === null || s.endDate >= c.asOf) &&
        c.policy.locallyFundedSupports.includes(s.type),
    );
    if (!local.length) return CLEAR('无在享的地方财政保障');
    if (c.ps!.registrationStatus === 'MOVED_OUT') return FLAG(`户籍已迁出，仍在享受 ${list(new Set(local.map((s) => s.type)))}`);
    if (c.hukouCounty === null) return UNKNOWN('户籍地不明');
    const moved = local.filter((s) => s.payingRegion.slice(0, 6) !== c.hukouCounty);
    if (moved.length) return FLAG(`户籍地 ${c.hukouCounty} 与发放地 ${list(new Set(moved.map((s) => s.payingRegion)))} 不一致`);
    return CLEAR(`户籍地 ${c.hukouCounty} 即发放地`);
  },
  'EXIT-OVERLAP': (c) => {
    const pairs = c.policy.mutuallyExclusiveSupports.filter(([a, b]) => c.active.has(a) && c.active.has(b));
    if (pairs.length) return FLAG(`互斥保障同时在享：${pairs.map(([a, b]) => `${supportName(a)} + ${supportName(b)}`).join('；')}`);
    return CLEAR('无互斥保障同时在享');
  },
  'GAP-ORPHAN': (c) => {
    if (c.age! >= c.policy.adultAge) return CLEAR(`${c.age} 岁，已成年`);
    if (c.active.has('ORPHAN_ALLOWANCE')) return CLEAR('已享受孤儿基本生活费');
    const v = c.parents();
    return decide(
      and3(v.map((p) => not3(p.alive))),
      `父母均已死亡，未享受孤儿基本生活费（${describeParents(v)}）`,
      `父母一方在世（${describeParents(v)}）`,
      `父母情况不全（${describeParents(v)}）`,
    );
  },
  'GAP-DEFACTO': (c) => {
    if (c.age! >= c.policy.adultAge) return CLEAR(`${c.age} 岁，已成年`);
    if (c.active.has('DE_FACTO_UNSUPPORTED_ALLOWANCE') || c.active.has('ORPHAN_ALLOWANCE')) return CLEAR('已享受事实无人抚养或孤儿保障');
    const v = c.parents();
    return decide(
      deFactoCriteria(v),
      `父母符合事实无人抚养情形，未纳入保障（${describeParents(v)}）`,
      `父母不符合事实无人抚养情形（${describeParents(v)}）`,
      `父母情况不全（${describeParents(v)}）`,
    );
  },
  'GAP-SEVERE-DISABILITY': (c) => {
    const severe = c.certificates().find((x) => c.severe(x));
    if (!severe) return CLEAR('无有效的重度残疾人证');
    if (c.active.has('SEVERE_DISABILITY_CARE_SUBSIDY')) return CLEAR('已享受重度残疾人护理补贴');
    return FLAG(`有效残疾人证 ${severe.level}级 ${severe.type}，未享受重度残疾人护理补贴`);
  },
  'GAP-DISABILITY-LIVING': (c) => {
    const valid = c.certificates().find((x) => c.validCert(x));
    if (!valid) return CLEAR('无有效残疾人证');
    if (!c.active.has('MINIMUM_LIVING')) return CLEAR('未享受低保');
    if (c.active.has('DISABILITY_LIVING_SUBSIDY')) return CLEAR('已享受困难残疾人生活补贴');
    const excluding = c.policy.mutuallyExclusiveSupports
      .filter(([a, b]) => a === 'DISABILITY_LIVING_SUBSIDY' || b === 'DISABILITY_LIVING_SUBSIDY')
      .map(([a, b]) => (a === 'DISABILITY_LIVING_SUBSIDY' ? b : a))
      .filter((t) => c.active.has(t));
    if (excluding.length) return CLEAR(`享受 ${list(excluding)}，不得同时享受困难残疾人生活补贴`);
    return FLAG(`有效残疾人证 ${valid.level}级 ${valid.type}，享受低保，未享受困难残疾人生活补贴`);
  },
  'GAP-MEDICAL-INSURANCE': (c) => {
    const full = [...c.active].filter((t) => c.policy.fullInsuranceSubsidySupports.includes(t));
    const partial = [...c.active].filter((t) => c.policy.partialInsuranceSubsidySupports.includes(t));
    if (!full.length && !partial.length) return CLEAR('无资助参保对应的保障');
    const year = yearOf(c.asOf);
    const rows = (c.file.facts.medicalInsuranceFacts?.enrolments ?? []).filter((e) => e.year === year);
    const subsidies = new Set(rows.map((e) => e.subsidy ?? ''));
    const got = rows.length ? `${year} 年已参保（资助：${list(subsidies)}）` : `${year} 年未参保`;
    if (full.length && !subsidies.has('FULL')) return FLAG(`享受 ${list(full)}，应全额资助参保：${got}`);
    if (partial.length && !subsidies.has('FULL') && !subsidies.has('PARTIAL'))
      return FLAG(`享受 ${list(partial)}，应至少部分资助参保：${got}`);
    return CLEAR(got);
  },
  'EDU-NO-RECORD': (c) => {
    const comp = c.compulsory();
    if (!comp.value) return CLEAR(comp.why);
    if (c.enrolments().length === 0) return FLAG(`${comp.why}，学籍库无记录`);
    return CLEAR(`学籍记录 ${c.enrolments().length} 条`);
  },
  'EDU-DROPPED-OUT': (c) => {
    const comp = c.compulsory();
    if (!comp.value) return CLEAR(comp.why);
    const e = c.latest();
    if (!e) return CLEAR('无学籍记录（见学籍库无记录）');
    if (e.status === 'DROPPED_OUT') return FLAG(`${comp.why}，${e.statusSince} 起辍学`);
    if (e.status === 'SUSPENDED') {
      const days = daysBetween(e.statusSince, c.asOf);
      if (days > c.policy.suspensionMaxDays)
        return FLAG(`${comp.why}，${e.statusSince} 起休学 ${days} 天，超过 ${c.policy.suspensionMaxDays} 天`);
      return CLEAR(`休学 ${days} 天，未超过 ${c.policy.suspensionMaxDays} 天`);
    }
    return CLEAR(`最新学籍状态：${labelOf(ENROLMENT_STATUS, e.status)}`);
  },
  'EDU-HOME-DELIVERY': (c) => {
    const comp = c.compulsory();
    if (!comp.value) return CLEAR(comp.why);
    const thisMonth = monthStart(c.asOf);
    const lastMonth = monthStart(addMonths(thisMonth, -1));
    const hd = c.file.facts.educationFacts?.homeDelivery ?? null;
    if (!hd || !(hd.registeredOn < thisMonth && (hd.endedOn === null || hd.endedOn > c.asOf))) return CLEAR('未登记送教上门');
    const n = (c.file.facts.educationFacts?.homeDeliverySessionDates ?? []).filter((d) => d >= lastMonth && d < thisMonth).length;
    const min = c.policy.homeDeliveryMinSessionsPerMonth;
    if (n < min) return FLAG(`送教上门 ${lastMonth.slice(0, 7)} 仅 ${n} 次，少于 ${min} 次`);
    return CLEAR(`送教上门 ${lastMonth.slice(0, 7)} ${n} 次`);
  },
  'MIG-IDENTITY': (c) => {
    if (!c.ps!.found) return FLAG('公安无户籍记录');
    const r = c.file.record!;
    const diff: string[] = [];
    if (r.name !== c.ps!.name) diff.push(`姓名 ${r.name} ≠ ${c.ps!.name}`);
    if (r.gender !== c.ps!.gender) diff.push(`性别 ${r.gender} ≠ ${c.ps!.gender}`);
    if (r.dateOfBirth !== c.ps!.dateOfBirth) diff.push(`出生日期 ${r.dateOfBirth} ≠ ${c.ps!.dateOfBirth}`);
    if (diff.length) return FLAG(`民政与公安不一致：${diff.join('；')}`);
    return CLEAR('姓名、性别、出生日期一致');
  },
  'MIG-NOT-MIGRANT': (c) => {
    const max = c.policy.migrant.maxAgeExclusive;
    if (c.age! >= max) return FLAG(`${c.age} 岁，已满 ${max} 岁`);
    const permit = c.currentPermit(c.ps!.permits);
    if (!permit) return UNKNOWN('无有效居住证：居住地与居住时长不明');
    const county = permit.region.slice(0, 6);
    const why: string[] = [];
    if (c.hukouCounty !== null && county === c.hukouCounty) why.push(`居住地 ${county} 即户籍地`);
    else if (c.hukouCounty !== null && c.sameArea(county, c.hukouCounty))
      why.push(`居住地 ${county} 与户籍地 ${c.hukouCounty} 同属一个区域（不算跨区流动）`);
    const months = c.policy.migrant.minResidenceMonths;
    if (addMonths(permit.residenceSince, months) > c.asOf) why.push(`${permit.residenceSince} 起居住，不满 ${months} 个月`);
    if (why.length) return FLAG(why.join('；'));
    if (c.hukouCounty === null) return UNKNOWN('户籍地不明');
    return CLEAR(`${c.age} 岁，${permit.residenceSince} 起居住于 ${county}，户籍 ${c.hukouCounty}`);
  },
  'MIG-NO-SCHOOL': (c) => {
    const comp = c.compulsory();
    if (!comp.value) return CLEAR(comp.why);
    const e = c.latest();
    if (e && e.status === 'ENROLLED') return CLEAR(`在读（${e.schoolName ?? e.schoolCode}，${e.grade} 年级）`);
    return FLAG(`${comp.why}，未在读（最新：${e ? labelOf(ENROLMENT_STATUS, e.status) : '无学籍'}）`);
  },
  'MIG-NO-INSURANCE': (c) => {
    const year = yearOf(c.asOf);
    const rows = (c.file.facts.medicalInsuranceFacts?.enrolments ?? []).filter((e) => e.year === year);
    if (rows.length) return CLEAR(`${year} 年已参保（${list(new Set(rows.map((e) => e.insuredRegion ?? '')))}）`);
    return FLAG(`${year} 年未参加城乡居民医保`);
  },
  'MIG-IMMUNIZATION': (c) => {
    const max = c.policy.immunizationMaxAge;
    if (c.age! > max) return CLEAR(`${c.age} 岁，超过 ${max} 岁`);
    const im = c.file.facts.healthFacts?.immunization ?? null;
    if (!im) return UNKNOWN('无预防接种档案');
    if (im.dosesGiven < im.dosesDue) return FLAG(`预防接种未完成：${im.dosesGiven}/${im.dosesDue} 剂次`);
    return CLEAR('预防接种已按程序完成');
  },
  'CARE-NO-AGREEMENT': (c) => {
    if (!c.categories.has('LEFT_BEHIND')) return CLEAR('非留守儿童');
    const a = c.file.agreements.find((x) => x.signedOn <= c.asOf && (x.validUntil === null || x.validUntil >= c.asOf));
    if (a) return CLEAR(`委托照护协议 ${a.signedOn} 签订${a.validUntil ? `，有效期至 ${a.validUntil}` : ''}`);
    return FLAG('留守儿童无有效的委托照护协议');
  },
  'CARE-LEFT-BEHIND-ENDED': (c) => {
    if (!c.categories.has('LEFT_BEHIND')) return CLEAR('非留守儿童');
    const v = c.parents();
    const away = v.find((p) => p.away === true);
    if (away) return CLEAR(`${away.label} 在外务工（${away.awayRegion}）`);
    if (or3(v.map((p) => p.away)) === false) return FLAG(`公安无父母在户籍县（${c.hukouCounty}）以外持有效居住证的记录`);
    return UNKNOWN(`无父母在外的记录，父母情况不全（${describeParents(v)}）`);
  },
  'CARE-VISIT-OVERDUE': (c) => {
    const colour = c.file.record!.riskColour;
    // Raised by a category on the ledger, or by a factor the latest assessment on or before the day found.
    const byCategory = c.policy.raisedVisitCategories.some((k) => c.categories.has(k));
    const assessed = c.file.assessments.find((a) => a.assessedOn <= c.asOf);
    const factor = assessed?.factors.find((f) => (c.policy.raisedVisitFactors as string[]).includes(f));
    const raised = byCategory || factor !== undefined;
    const intervals = (raised ? c.policy.raisedVisitIntervalDays : c.policy.visitIntervalDays) as Record<string, number>;
    const interval = intervals[colour];
    if (interval === undefined) return UNKNOWN(`未知风险等级 ${colour}`);
    const counted = new Set<string>(c.policy.visitMethodsCounted);
    const how = c.policy.visitMethodsCounted.map((m) => labelOf(VISIT_METHOD, m)).join('或');
    const last = c.file.visits
      .filter((v) => counted.has(v.method) && v.visitedOn <= c.asOf)
      .map((v) => v.visitedOn)
      .sort()
      .at(-1);
    const why = byCategory
      ? '残疾、重病儿童加密走访'
      : factor
        ? `${labelOf(RISK_FACTOR, factor)}，${assessed!.assessedOn} 评估，加密走访`
        : '';
    const level = `${labelOf(RISK_COLOUR, colour)}风险${why ? `（${why}）` : ''}`;
    if (!last) return FLAG(`${level}：无${how}记录`);
    const days = daysBetween(last, c.asOf);
    if (days > interval) return FLAG(`${level}：最近${how} ${last}，已 ${days} 天，超过 ${interval} 天`);
    return CLEAR(`${level}：最近${how} ${last}，${days} 天`);
  },
  'MIG-UNREGISTERED': (c) => {
    if (c.categories.has('MIGRANT')) return CLEAR('已纳入流动儿童台账');
    const max = c.policy.migrant.maxAgeExclusive;
    if (c.age! >= max) return CLEAR(`${c.age} 岁，已满 ${max} 岁`);
    if (c.deceased()) return CLEAR('已死亡');
    const permit = c.currentPermit(c.ps!.permits);
    if (!permit) return CLEAR('无有效居住证');
    if (!c.inJurisdiction(permit.region)) return CLEAR(`居住证 ${permit.region} 不在辖区内`);
    const months = c.policy.migrant.minResidenceMonths;
    if (addMonths(permit.residenceSince, months) > c.asOf) return CLEAR(`${permit.residenceSince} 起居住，不满 ${months} 个月`);
    if (c.hukouCounty === null) return UNKNOWN('户籍地不明');
    const county = permit.region.slice(0, 6);
    if (c.sameArea(county, c.hukouCounty)) return CLEAR(`居住地 ${county} 与户籍地 ${c.hukouCounty} 同属一个区域`);
    return FLAG(`${c.age} 岁，${permit.residenceSince} 起持 ${county} 居住证，户籍 ${c.hukouCounty}，未纳入流动儿童台账`);
  },
  'CARE-UNREGISTERED-LEFT-BEHIND': (c) => {
    if (c.categories.has('LEFT_BEHIND')) return CLEAR('已纳入留守儿童台账');
    const max = c.policy.leftBehindMaxAgeExclusive;
    if (c.age! >= max) return CLEAR(`${c.age} 岁，已满 ${max} 岁`);
    if (c.deceased()) return CLEAR('已死亡');
    const hukou = c.ps!.hukouRegion;
    if (hukou !== null && !c.inJurisdiction(hukou)) return CLEAR('户籍不在辖区内');
    const own = c.currentPermit(c.ps!.permits);
    const childAway: T3 = own === null ? false : c.hukouCounty === null ? null : own.region.slice(0, 6) !== c.hukouCounty;
    if (childAway === true) return CLEAR(`儿童本人持 ${own!.region.slice(0, 6)} 居住证，随父母在外`);
    const v = c.parents();
    const parentsAway = and3([or3(v.map((p) => p.away)), and3(v.map((p) => or3([p.away, p.inCirc])))]);
    const desc = v
      .map(
        (p) =>
          `${p.label}：${p.away === true ? `在外（${p.awayRegion}）` : p.circumstances.length ? circumstanceNames(p.circumstances) : p.away === null || p.inCirc === null ? '情况不明' : '在家'}`,
      )
      .join('；');
    if (parentsAway === false) return CLEAR(`非留守（${desc}）`);
    if (parentsAway === null || childAway === null || hukou === null) return UNKNOWN(`情况不全（${desc}）`);
    return FLAG(`父母在外或无监护能力，未纳入留守儿童台账（${desc}）`);
  },
};

/** The facts each rule's result cites, with their source agency. */
function evidenceFor(rule: RuleId, c: Case): Evidence[] {
  const out: Evidence[] = [];
  const ps = c.ps;
  const needs = NEEDS[rule];
  if (needs.includes('ps') && ps?.found) {
    out.push(
      { agency: '公安', fact: '出生日期', value: ps.dateOfBirth ?? '' },
      { agency: '公安', fact: '户籍地', value: ps.hukouRegion ?? '' },
    );
    if (ps.registrationStatus && ps.registrationStatus !== 'NORMAL')
      out.push({ agency: '公安', fact: '户籍状态', value: labelOf(HUKOU_STATUS, ps.registrationStatus) });
  }
  if (c.active.size) out.push({ agency: '民政', fact: '在享保障', value: list(c.active) });
  if (c.categories.size)
    out.push({ agency: '民政', fact: '儿童类别', value: [...c.categories].map((x) => labelOf(CHILD_CATEGORY, x)).join('、') });
  if (needs.includes('dpf')) {
    for (const x of c.certificates())
      out.push({
        agency: '残联',
        fact: '残疾人证',
        value: `${labelOf(CERTIFICATE_STATUS, x.status)} ${x.level}级 ${labelOf(DISABILITY_TYPE, x.type)} ${x.issuedOn}–${x.validUntil}`,
      });
  }
  if (needs.includes('edu')) {
    const e = c.latest();
    out.push({
      agency: '教育',
      fact: '最新学籍',
      value: e
        ? `${labelOf(ENROLMENT_STATUS, e.status)} ${e.statusSince} ${e.schoolName ?? e.schoolCode}${e.fullTime ? '' : '（非全日制）'}`
        : '无',
    });
  }
  if (needs.includes('mi')) {
    for (const e of c.file.facts.medicalInsuranceFacts?.enrolments ?? [])
      out.push({ agency: '医保', fact: `${e.year} 年参保`, value: [e.insuredRegion, e.subsidy].filter(Boolean).join(' ') });
  }
  if (needs.includes('health')) {
    for (const d of c.file.facts.healthFacts?.deathDates ?? []) out.push({ agency: '卫健', fact: '医学死亡证明', value: d });
    const im = c.file.facts.healthFacts?.immunization;
    if (im && rule === 'MIG-IMMUNIZATION') out.push({ agency: '卫健', fact: '预防接种', value: `${im.dosesGiven}/${im.dosesDue}` });
  }
  return out;
}

/** Evaluates one family's rules for one child, in catalogue order. */
export function evaluateFamily(
  ids: readonly RuleId[],
  file: CaseFile,
  ev: Evaluation,
  withEvidence: (o: Outcome) => boolean = () => true,
): RuleResult[] {
  const c = new Case(file, ev);
  const missing = missingSources(file.facts);
  return ids.map((rule) => {
    const down = NEEDS[rule].filter((s) => missing.has(s));
    let decided: Decided;
    if (down.length) decided = UNKNOWN(`${down.map((s) => SOURCE_NAME[s]).join('、')}数据不可用（部门服务未响应或无权获取），无法判定`);
    else if (NEEDS_PERSON.has(rule) && !(c.ps?.found && c.ps.dateOfBirth))
      decided = UNKNOWN('公安无此儿童户籍记录（无户籍或不在辖区），无法判定');
    else decided = RULES[rule](c);
    return { rule, outcome: decided[0], reason: decided[1], evidence: withEvidence(decided[0]) ? evidenceFor(rule, c) : [] };
  });
}

/** Which families a child is in scope for (GROUND_TRUTH §2), given its ledger record. */
export function inScope(family: RuleFamily, file: CaseFile): boolean {
  if (family === 'discovery') return true;
  if (!file.record) return false;
  if (family === 'migrantVerification') return file.record.categories.includes('MIGRANT');
  return true;
}
