/**
 * The figures of 台账工作考核 as the graph gives them (`ScorecardRow`, docs/ledger.md#scorecard): shared by the
 * scorecard on 工作台 and its month-by-month trend, which ask for the same fields.
 */
export interface ScorecardRow {
  region: string;
  children: number;
  leftBehind: number;
  withAgreement: number;
  visitedInTime: number;
  newCases: number;
  casesClosed: number;
  closedInTime: number;
  directors: number;
  trainedDirectors: number;
}

/** The selection of a `ScorecardRow`. */
export const SCORECARD_FIGURES = `region children leftBehind withAgreement visitedInTime newCases casesClosed closedInTime directors trainedDirectors`;

/** A share as the scorecards and completion tables print it: `80%（4/5）`, or `80%` bare; `—` when there is nothing to count. */
export function pct(n: number, of: number, opts: { bare?: boolean } = {}): string {
  if (of === 0) return '—';
  const share = `${Math.round((100 * n) / of)}%`;
  return opts.bare ? share : `${share}（${n}/${of}）`;
}
