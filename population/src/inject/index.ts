import type { AgencyRows } from '../tables';
import type { HouseholdTruth } from '../types';
import { ageCases } from './age-cases';
import { certificateExpiry, deFactoBoundaries, equivalenceGroupMoves, residenceSixMonths } from './boundaries';
import { leftBehindEnded, noAgreement, unregisteredLeftBehind, visits } from './care';
import { gapDeFacto, gapDisabilityLiving, gapMedicalInsurance, gapOrphan, gapSevereDisability } from './coverage';
import { deceased, deFactoChanged, disabilityCert, hukouMoved, orphanParentAlive, overlap } from './exits';
import { identity, immunization, noInsurance, noSchool, notMigrant, unregistered } from './migrant';
import { anyDiscrepancy, type Injection } from './rates';
import { homeDelivery, schoolRecords } from './schooling';
import { InjectState, removeWhere, type InjectContext } from './state';

export { DISCREPANCY_RATE_KEYS, NO_DISCREPANCIES, type DiscrepancyRates, type Injection } from './rates';
export type { InjectContext } from './state';

/**
 * INCONCLUSIVE: a ledger child without a public-security record — the person row, its parent links and
 * permits are missing, so age and identity cannot be established (MIG-IDENTITY reads the absence as
 * "no household record" for a migrant child).
 */
function inconclusive(s: InjectState): void {
  for (const c of s.h.children) {
    if (!s.free(c) || c.idNumber === null || !s.record(c) || !s.person(c.id) || !s.hit('inconclusive')) continue;
    removeWhere(s.ps.person, (p) => p.id === c.id);
    removeWhere(s.ps.parent_link, (l) => l.child_id === c.id);
    const permits = removeWhere(s.ps.residence_permit, (p) => p.person_id === c.id);
    removeWhere(s.ps.custody_record, (p) => p.person_id === c.id);
    removeWhere(s.ps.missing_report, (p) => p.person_id === c.id);
    s.add(
      c.id,
      'INCONCLUSIVE',
      'inconclusive',
      `no public-security record: person row, parent links${permits ? ` and ${permits} residence permit(s)` : ''} removed (ledger categories ${s.categories(c).join(',')})`,
    );
  }
}

/**
 * The steps, in order. Cases on small pools and boundaries first (each child gets at most one case,
 * so earlier steps take their pick), household-wide changes before per-child ones, INCONCLUSIVE last.
 */
const STEPS: ((s: InjectState) => void)[] = [
  ageCases,
  certificateExpiry,
  deFactoBoundaries,
  residenceSixMonths,
  equivalenceGroupMoves,
  homeDelivery,
  overlap,
  // household-wide
  deFactoChanged,
  orphanParentAlive,
  gapOrphan,
  gapDeFacto,
  leftBehindEnded,
  notMigrant,
  // per child
  disabilityCert,
  gapSevereDisability,
  gapDisabilityLiving,
  deceased,
  hukouMoved,
  gapMedicalInsurance,
  schoolRecords,
  identity,
  noSchool,
  noInsurance,
  immunization,
  unregistered,
  unregisteredLeftBehind,
  noAgreement,
  visits,
  inconclusive,
];

/**
 * Plants discrepancies in one household's freshly derived agency rows (in place) and returns what was
 * planted. Only agency rows change — never the truth, an ID number or a pseudonymous id — and every
 * table's keys, references and checks stay valid. Draws come from `ctx.rng` alone; with every rate 0
 * nothing is drawn and nothing changes.
 */
export function injectDiscrepancies(h: { truth: HouseholdTruth; rows: AgencyRows }, ctx: InjectContext): Injection[] {
  if (!anyDiscrepancy(ctx.rates)) return [];
  const s = new InjectState(h.truth, h.rows, ctx);
  for (const step of STEPS) step(s);
  return s.out;
}
