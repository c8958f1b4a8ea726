import { addYears } from '../dates';
import type { Rng } from '../rng';
import type { HouseholdKind } from '../types';
import type { World } from '../world';

/** ORPHANED and DE_FACTO households are this many times as likely as ORDINARY ones to have an 18-year-old (turningAdult). */
const ADULT_ORPHAN_DEFACTO_FACTOR = 8;
/** Share of turningAdult households whose eldest turns 18 exactly on asOf, and (next) tomorrow. */
const ADULT_ON_AS_OF = 0.2;
const ADULT_TOMORROW = 0.15;
/** The others turned 18 at most this many days before asOf (the support should have ended by now). */
const ADULT_MAX_DAYS_PAST = 120;

/**
 * The age knobs of the discrepancy rates (`turningAdult`, `turningSixteen`), applied by the truth
 * builder to a household's dates of birth (eldest first) before anything else is derived from them:
 * the eldest child (and a twin) may be moved onto an age boundary — the day of majority, or the 16th
 * birthday. Identity follows the date of birth (the ID number is made from it afterwards), so the
 * boundary cases need no identity change. Draws come from the household's own `ages` stream: a rate
 * of 0 draws nothing and changes nothing.
 */
export function placeOnAgeBoundary(world: World, rng: Rng, kind: HouseholdKind, dobs: number[]): void {
  if (dobs.length === 0) return;
  const { discrepancies: rates, policy, asOfDay: asOf } = world.opts;
  let dob: number;
  if (kind === 'LEFT_BEHIND' || kind === 'MIGRANT') {
    // These households' children are at most 15: the 16th birthday is today or tomorrow.
    if (!rng.chance(rates.turningSixteen)) return;
    dob = addYears(asOf, -policy.migrant.maxAgeExclusive) + (rng.chance(0.5) ? 0 : 1);
  } else {
    const rate = kind === 'ORDINARY' ? rates.turningAdult : Math.min(1, rates.turningAdult * ADULT_ORPHAN_DEFACTO_FACTOR);
    if (!rng.chance(rate)) return;
    const birthday = addYears(asOf, -policy.adultAge);
    const x = rng.float();
    dob = x < ADULT_ON_AS_OF ? birthday : x < ADULT_ON_AS_OF + ADULT_TOMORROW ? birthday + 1 : birthday - rng.int(1, ADULT_MAX_DAYS_PAST);
  }
  const eldest = dobs[0];
  // Only ever older: siblings stay at least a year apart and within the span the builder allows.
  if (dob >= eldest) return;
  for (let i = 0; i < dobs.length && dobs[i] === eldest; i++) dobs[i] = dob;
}
