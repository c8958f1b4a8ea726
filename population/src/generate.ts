import type { Agency } from '@hub/domain';
import { deriveCivilAffairs } from './derive/civil-affairs';
import { Emitted, type DeriveContext } from './derive/context';
import { deriveDisabledPersons } from './derive/disabled-persons';
import { deriveEducation } from './derive/education';
import { deriveHealth } from './derive/health';
import { deriveMedicalInsurance } from './derive/medical-insurance';
import { derivePublicSecurity } from './derive/public-security';
import { recordSubjectRegions } from './derive/subject-regions';
import { injectDiscrepancies, type Injection } from './inject';
import { resolveOptions, type GeneratorOptions, type ResolvedOptions } from './options';
import { mixSeed, Rng } from './rng';
import { emptyRows, type AgencyRows } from './tables';
import { buildHousehold } from './truth';
import type { ChildTruth, HouseholdTruth } from './types';
import { World } from './world';

export interface Household {
  /** 0-based position in the run. */
  index: number;
  householdNo: string;
  /** The real-world facts every agency's rows were derived from. */
  truth: HouseholdTruth;
  /** The household's children (same objects as truth.children). */
  children: ChildTruth[];
  /**
   * Each agency's rows for this household, keyed by table and column names of the migrations
   * (identity ids omitted). Shared dimension rows (schools, directors, supervisors) appear in the
   * first household that needs them and never again.
   */
  rows: AgencyRows;
  /**
   * The discrepancies planted in this household's rows after derivation (empty with every rate 0):
   * which child, meant for which rule, positive or boundary, with the exact facts.
   */
  injected: Injection[];
}

/**
 * Salts of the per-household random streams: one for the facts, one per agency's derivation, one for
 * the injected discrepancies and one for the age knobs among them.
 */
const STREAM = {
  household: 1,
  truth: 2,
  'public-security': 3,
  'civil-affairs': 4,
  education: 5,
  health: 6,
  'medical-insurance': 7,
  'disabled-persons': 8,
  inject: 9,
  ages: 10,
} as const satisfies Record<Agency | 'household' | 'truth' | 'inject' | 'ages', number>;

/**
 * The synthetic population, one household at a time (memory stays flat in the number of children).
 * Deterministic in the options: the same seed gives the same households, rows and ids.
 */
export function generateHouseholds(options: GeneratorOptions): Generator<Household, void, undefined> {
  // Resolved eagerly: invalid options throw at the call, not at the first iteration.
  return households(resolveOptions(options));
}

function* households(opts: ResolvedOptions): Generator<Household, void, undefined> {
  if (opts.children === 0) return;
  const world = new World(opts);
  const emitted = new Emitted();
  const asOf = opts.asOfDay;
  let remaining = opts.children;
  for (let index = 0; remaining > 0; index++) {
    const seed = mixSeed(opts.seed, STREAM.household, index);
    const truth = buildHousehold(world, new Rng(mixSeed(seed, STREAM.truth)), index, remaining, new Rng(mixSeed(seed, STREAM.ages)));
    remaining -= truth.children.length;
    const rows = emptyRows();
    const ctx = (agency: Agency): DeriveContext => ({ world, asOf, emitted, rng: new Rng(mixSeed(seed, STREAM[agency])) });
    derivePublicSecurity(truth, ctx('public-security'), rows['public-security']);
    deriveCivilAffairs(truth, ctx('civil-affairs'), rows['civil-affairs']);
    deriveEducation(truth, ctx('education'), rows.education);
    deriveHealth(truth, ctx('health'), rows.health);
    deriveMedicalInsurance(truth, ctx('medical-insurance'), rows['medical-insurance']);
    deriveDisabledPersons(truth, ctx('disabled-persons'), rows['disabled-persons']);
    const injected = injectDiscrepancies(
      { truth, rows },
      { rng: new Rng(mixSeed(seed, STREAM.inject)), asOf: opts.asOf, policy: opts.policy, rates: opts.discrepancies, world },
    );
    recordSubjectRegions(truth, rows);
    yield { index, householdNo: truth.householdNo, truth, children: truth.children, rows, injected };
  }
}
