/**
 * @hub/population — the deterministic synthetic population (DESIGN.md §7): each household's
 * real-world facts, every agency's records derived from them, bulk-loaded with COPY into each
 * agency's own database.
 */
export { generateHouseholds, type Household } from './generate';
export { loadPopulation, type LoadOptions, type LoadStats } from './load';
export {
  DEFAULT_GENERATOR_OPTIONS,
  DEFAULT_SHARES,
  DEFAULT_SUPPORT_AMOUNTS,
  resolveOptions,
  type GeneratorOptions,
  type PopulationShares,
  type ResolvedOptions,
  type SupportAmounts,
} from './options';
export * from './types';
export {
  TABLES,
  tableNames,
  columnsOf,
  emptyRows,
  type AgencyRows,
  type AgencyTables,
  type ColumnType,
  type RowOf,
  type TableName,
} from './tables';

// Building blocks, exported for unit tests and for the discrepancy/ground-truth layer.
export { buildHousehold, dosesDue, schoolYearOf } from './truth';
export { World, type School, type Staff } from './world';
export { Geography, type Village } from './geography';
export { Emitted, type DeriveContext } from './derive/context';
export { derivePublicSecurity } from './derive/public-security';
export { deriveCivilAffairs, VISIT_INTERVAL_DAYS } from './derive/civil-affairs';
export { deriveEducation } from './derive/education';
export { deriveHealth } from './derive/health';
export { deriveMedicalInsurance } from './derive/medical-insurance';
export { deriveDisabledPersons } from './derive/disabled-persons';
export { circumstancesOn, circumstanceSince, isSevere, MISSING_MIN_MONTHS, CUSTODY_MIN_TERM_MONTHS } from './facts';
export { arrayLiteral, encodeRows, encodeValue, escapeCopyText, COPY_NULL } from './copy-format';
export { Rng, Weighted, mixSeed, hashString, fmix32 } from './rng';
export { parseDay, iso, ageOn, addMonths, addYears, dayOf } from './dates';

// Discrepancies, the oracle and the ground truth.
export {
  injectDiscrepancies,
  DEFAULT_DISCREPANCY_RATES,
  DISCREPANCY_RATE_KEYS,
  NO_DISCREPANCIES,
  resolveDiscrepancyRates,
  type DiscrepancyRates,
  type Injection,
} from './inject';
export { evaluateHousehold, type ChildExpectation, type RuleExpectation, type Outcome as ExpectedOutcome } from './rules';
export { GroundTruthWriter, groundTruthHeader, groundTruthLines, writeGroundTruth } from './ground-truth';
export {
  expectedOutcome,
  loadGroundTruth,
  outcomeCounts,
  readGroundTruth,
  type GroundTruth,
  type GroundTruthChild,
  type GroundTruthHeader,
} from './truth-file';
