import type { RuleId } from '@hub/domain';

/**
 * How often the injector plants each discrepancy. Every rate is a probability in [0, 1], drawn per
 * eligible child or household from the injector's own random stream (eligibility is documented on
 * each step in inject/*.ts and summarised below). A rate of 0 never draws and never changes a row.
 *
 * Several rule pools are small in a default population (about 47 orphan-allowance, 55 de-facto and
 * 70 disability-subsidy children per 10,000), so the rates on those pools are high: the defaults are
 * sized for at least ~20 injected positives per rule in 10,000 children, not for realistic error rates.
 */
type RuleRates = Record<RuleId, number>;

interface BoundaryRates {
  /**
   * Age knob (read by the truth builder, before any agency record exists): per ORDINARY household, the
   * probability that its eldest child's date of birth is moved onto the age of majority — turned
   * `policy.adultAge` exactly on asOf (20%), turns it tomorrow (15%), or turned it 1–120 days ago
   * (65%) — eight times as likely (capped at 1) for ORPHANED and DE_FACTO households, whose allowances
   * EXIT-AGE is about. Those young people keep the ledger entry and supports the truth gives them.
   */
  turningAdult: number;
  /**
   * Age knob: per LEFT_BEHIND or MIGRANT household, the probability that its eldest child turns 16
   * (`policy.migrant.maxAgeExclusive`) exactly on asOf (half) or tomorrow (half): the 16th-birthday
   * boundaries of compulsory education and of the migrant definition.
   */
  turningSixteen: number;
  /** Per migrant-ledger household: residence began exactly 6 months before asOf (clear) or one day later (flagged). */
  residenceSixMonths: number;
  /**
   * Per eligible child: an ordinary child whose family moved between two counties of one equivalence
   * group is put on the migrant ledger (MIG-NOT-MIGRANT flagged), or a migrant-ledger child who moved
   * between an equivalence-group county and an outer county is designated as the clear counterpart.
   */
  equivalenceGroupMove: number;
  /** Per disability-subsidy child: certificate valid until asOf (clear) or until the day before (flagged). */
  disabilityCertExpiry: number;
  /** Per left-behind household with one unable parent: the other parent in custody with a 6-month (flagged) or 5-month (clear) term. */
  custodyTerm: number;
  /** Same pool: the other parent's missing report accepted 3 days before (flagged) or 3 days after (clear) the 6-month threshold. */
  missingSixMonths: number;
  /** Per home-delivery child (existing or newly registered): exactly 1 (flagged) or 2 (clear) sessions last calendar month. */
  homeDeliverySessions: number;
  /** Per ledger child: last visit exactly the colour's interval ago (clear) or one day more (flagged). */
  visitInterval: number;
  /** Per compulsory-age ledger child: suspended exactly 90 days ago (clear) or 91 (flagged). */
  suspensionDays: number;
}

export interface DiscrepancyRates extends RuleRates, BoundaryRates {
  /** Per ledger child with an ID number: its public-security person record (and links, permits) is missing. */
  inconclusive: number;
}

const DEFAULT_DISCREPANCY_RATES: DiscrepancyRates = {
  // A. exits
  'EXIT-AGE': 1,
  'EXIT-DECEASED': 0.08,
  'EXIT-ORPHAN-PARENT-ALIVE': 0.4,
  'EXIT-DEFACTO-CHANGED': 0.07,
  'EXIT-DISABILITY-CERT': 0.6,
  'EXIT-HUKOU-MOVED': 0.11,
  'EXIT-OVERLAP': 0.5,
  // B. coverage
  'GAP-ORPHAN': 0.12,
  'GAP-DEFACTO': 0.08,
  'GAP-SEVERE-DISABILITY': 0.016,
  'GAP-DISABILITY-LIVING': 0.08,
  'GAP-MEDICAL-INSURANCE': 0.1,
  // C. schooling
  'EDU-NO-RECORD': 0.02,
  'EDU-DROPPED-OUT': 0.045,
  'EDU-HOME-DELIVERY': 0.5,
  // D. migrant verification
  'MIG-IDENTITY': 0.04,
  'MIG-NOT-MIGRANT': 0.02,
  'MIG-NO-SCHOOL': 0.07,
  'MIG-NO-INSURANCE': 0.035,
  'MIG-IMMUNIZATION': 0.12,
  // E. care
  'CARE-NO-AGREEMENT': 0.025,
  'CARE-LEFT-BEHIND-ENDED': 0.025,
  'CARE-VISIT-OVERDUE': 0.014,
  // discovery
  'MIG-UNREGISTERED': 0.1,
  'CARE-UNREGISTERED-LEFT-BEHIND': 0.05,
  // boundaries
  turningAdult: 0.07,
  turningSixteen: 0.02,
  residenceSixMonths: 0.02,
  equivalenceGroupMove: 0.05,
  disabilityCertExpiry: 0.12,
  custodyTerm: 0.06,
  missingSixMonths: 0.06,
  homeDeliverySessions: 0.15,
  visitInterval: 0.004,
  suspensionDays: 0.008,
  inconclusive: 0.01,
};

export const DISCREPANCY_RATE_KEYS = Object.keys(DEFAULT_DISCREPANCY_RATES) as (keyof DiscrepancyRates)[];

/** Every rate 0: the generator's output is exactly the un-injected population. */
export const NO_DISCREPANCIES: DiscrepancyRates = Object.fromEntries(
  DISCREPANCY_RATE_KEYS.map((k) => [k, 0]),
) as unknown as DiscrepancyRates;

/** Defaults overridden by `partial`; throws on an unknown key or a rate outside [0, 1]. */
export function resolveDiscrepancyRates(partial: Partial<DiscrepancyRates> | undefined): DiscrepancyRates {
  const out: DiscrepancyRates = { ...DEFAULT_DISCREPANCY_RATES };
  for (const [k, v] of Object.entries(partial ?? {})) {
    if (!(k in DEFAULT_DISCREPANCY_RATES))
      throw new Error(`unknown discrepancy rate ${JSON.stringify(k)} (known: ${DISCREPANCY_RATE_KEYS.join(', ')})`);
    if (v === undefined) continue;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`discrepancy rate ${k} out of range [0, 1]: ${v}`);
    (out as unknown as Record<string, number>)[k] = v;
  }
  return out;
}

/** Whether any rate is positive (the injector does nothing at all otherwise). */
export function anyDiscrepancy(rates: DiscrepancyRates): boolean {
  for (const k of DISCREPANCY_RATE_KEYS) if (rates[k] > 0) return true;
  return false;
}

export type InjectionKind = 'positive' | 'boundary-positive' | 'boundary-negative' | 'inconclusive';

/**
 * One planted case: the child, the rule it is meant for (INCONCLUSIVE: every rule needing the missing
 * record), whether the rule is meant to flag it, and a note with the exact facts and dates. The
 * ground truth is still the oracle's reading of the rows; other rules may react to the same change.
 */
export interface Injection {
  childId: string;
  rule: RuleId | 'INCONCLUSIVE';
  kind: InjectionKind;
  note: string;
}
