/**
 * @hub/population — the deterministic synthetic population (docs/population.md): each household's
 * real-world facts, every agency's records derived from them, bulk-loaded with COPY into each
 * agency's own database; the independent oracle of the cross-check rules and the ground-truth file.
 * Used by the CLI (demo data), tests and benchmarks — never by the product's services.
 */
export { generateHouseholds } from './generate';
export { loadPopulation } from './load';
export { type GeneratorOptions } from './options';
export * from './types';
export { TABLES, tableNames, columnsOf, emptyRows, type AgencyRows, type RowOf } from './tables';

// Discrepancies, the oracle and the ground truth.
export { DISCREPANCY_RATE_KEYS, NO_DISCREPANCIES, type DiscrepancyRates } from './inject';
export { evaluateHousehold } from './rules';
export { writeGroundTruth } from './ground-truth';
export { expectedOutcome, loadGroundTruth, outcomeCounts, readGroundTruth, type GroundTruth, type GroundTruthChild } from './truth-file';
