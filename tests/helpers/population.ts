import { type Agency } from '@hub/domain';
import { generateHouseholds } from '@hub/population';
import { TEST_POPULATION } from './hub';

type Row = Record<string, unknown>;

/** The generator's output for the test population, regenerated in-process (it is deterministic). */
export interface ExpectedPopulation {
  rows: Record<Agency, Record<string, Row[]>>;
  /** Rows of one agency's table whose `column` equals `value`. */
  where(agency: Agency, table: string, column: string, value: unknown): Row[];
}

let cached: ExpectedPopulation | undefined;

export function expectedPopulation(): ExpectedPopulation {
  if (cached) return cached;
  const rows = {} as Record<Agency, Record<string, Row[]>>;
  for (const household of generateHouseholds(TEST_POPULATION)) {
    for (const [agency, tables] of Object.entries(household.rows) as [Agency, Record<string, Row[]>][]) {
      rows[agency] ??= {};
      for (const [table, list] of Object.entries(tables)) (rows[agency][table] ??= []).push(...list);
    }
  }
  cached = {
    rows,
    where: (agency, table, column, value) => (rows[agency]?.[table] ?? []).filter((r) => r[column] === value),
  };
  return cached;
}
