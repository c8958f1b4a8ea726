import { RULES, type CrossCheckPolicy, type RuleFamily, type RuleId } from '@hub/domain';
import type { AgencyRows } from '../tables';
import { CHECKS, Child, NEEDS_PERSON, type Outcome } from './checks';
import { Env, Household, type ChildRecord, type Person } from './facts';

/**
 * The ground-truth oracle: from ONE household's agency rows (after discrepancy injection), the
 * expected outcome of every cross-check rule for every child, as of `asOf`. Pure and deterministic.
 *
 * The rules exist twice, on purpose (docs/decisions/0003-rules-implemented-twice.md). This is the oracle;
 * the product it scores is the civil-affairs subgraph's subgraphs/civil-affairs/src/crosschecks/rules.ts,
 * evaluated over the facts the gateway brings. An oracle that shared code with what it scores could not
 * catch a mistake they share, so each is transcribed on its own from one contract,
 * population/GROUND_TRUTH.md: the oracle never imports the product, and the product never imports the
 * oracle; a rule change is made three times (contract, product, oracle). The hand-made cases of
 * tests/cases/crosscheck-cases.ts run against both.
 */

interface RuleExpectation {
  rule: RuleId;
  outcome: Outcome;
  /** Short English explanation with the deciding facts. */
  reason: string;
}

export interface ChildExpectation {
  /** Pseudonymous child id (child_record.id = person.id). */
  id: string;
  /** Has a civil-affairs child_record row. */
  onLedger: boolean;
  /** Every rule in scope for this child, in RULES order. */
  results: RuleExpectation[];
}

export interface EvaluateOptions {
  /** Evaluation date 'YYYY-MM-DD'. */
  asOf: string;
  policy: CrossCheckPolicy;
  /** Region prefix of the population (e.g. '50'): discovery covers children with hukou or a residence permit under it. */
  jurisdiction: string;
}

const FAMILIES = Object.keys(RULES) as RuleFamily[];
const NO_PERSON = 'no public-security person record (无户籍记录): a public-security fact this rule needs is missing';

let cachedEnv: Env | null = null;
let cachedKey: [string, CrossCheckPolicy, string] | null = null;

function envFor(o: EvaluateOptions): Env {
  if (cachedEnv === null || cachedKey === null || cachedKey[0] !== o.asOf || cachedKey[1] !== o.policy || cachedKey[2] !== o.jurisdiction) {
    cachedEnv = new Env(o.asOf, o.policy, o.jurisdiction);
    cachedKey = [o.asOf, o.policy, o.jurisdiction];
  }
  return cachedEnv;
}

/** The families in scope for a child (GROUND_TRUTH.md §2). */
function familiesOf(c: Child): Set<RuleFamily> {
  const f = new Set<RuleFamily>();
  if (c.record !== null) {
    f.add('exitChecks');
    f.add('coverageChecks');
    f.add('schoolingCheck');
    f.add('careChecks');
    if (c.categories.has('MIGRANT')) f.add('migrantVerification');
  }
  if (c.person !== null && c.age !== null && c.age >= 0 && c.age < c.env.policy.adultAge) {
    const j = c.env.jurisdiction;
    const inJurisdiction =
      (c.person.hukou_region ?? '').startsWith(j) || c.hh.of(c.hh.permits, c.id).some((p) => p.region !== null && p.region.startsWith(j));
    if (inJurisdiction) f.add('discovery');
  }
  return f;
}

function evaluateChild(c: Child): ChildExpectation {
  const families = familiesOf(c);
  const results: RuleExpectation[] = [];
  for (const family of FAMILIES) {
    if (!families.has(family)) continue;
    for (const rule of RULES[family] as readonly RuleId[]) {
      if (c.age === null && NEEDS_PERSON.has(rule)) {
        results.push({ rule, outcome: 'INCONCLUSIVE', reason: NO_PERSON });
        continue;
      }
      const [outcome, reason] = CHECKS[rule](c);
      results.push({ rule, outcome, reason });
    }
  }
  return { id: c.id, onLedger: c.record !== null, results };
}

/**
 * The children of a household: every civil-affairs child_record (in row order), then every
 * public-security person without one who is under `policy.adultAge` on asOf (and born by asOf), in
 * row order. Each child once (the first row of an id wins).
 */
export function evaluateHousehold(rows: AgencyRows, opts: EvaluateOptions): ChildExpectation[] {
  const env = envFor(opts);
  const hh = new Household(rows, env);
  const out: ChildExpectation[] = [];
  const seen = new Set<string>();
  for (const r of rows['civil-affairs'].child_record as ChildRecord[]) {
    if (typeof r.id !== 'string' || seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(evaluateChild(new Child(hh, env, r.id, r, hh.persons.get(r.id) ?? null)));
  }
  for (const p of rows['public-security'].person as Person[]) {
    if (typeof p.id !== 'string' || seen.has(p.id) || p.date_of_birth === null || p.date_of_birth > env.asOf) continue;
    if (env.age(p.date_of_birth) >= env.policy.adultAge) continue;
    seen.add(p.id);
    out.push(evaluateChild(new Child(hh, env, p.id, null, p)));
  }
  return out;
}
