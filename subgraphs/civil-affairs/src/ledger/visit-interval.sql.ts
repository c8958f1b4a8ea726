import { crossCheckPolicy } from '../crosschecks/policy';

/**
 * CARE-VISIT-OVERDUE's interval for a ledger child, in SQL, for the lists that count visits in the database (the
 * scorecard, 待走访): by colour (`visitIntervalDays`), raised (`raisedVisitIntervalDays`) for a child of
 * `raisedVisitCategories` or whose latest risk assessment on or before the day found one of `raisedVisitFactors`.
 * One place, so the lists cannot drift from the rule (crosschecks/rules.ts) or from each other.
 *
 * `c` is the child_record alias, `day` the placeholder of the day (a date), `first` the number of the first of the
 * four parameters this adds (bind `params` there, in order).
 */
export function visitIntervalSql(day: string, first: number): { sql: string; params: unknown[] } {
  const policy = crossCheckPolicy();
  const [normal, raised, categories, factors] = [0, 1, 2, 3].map((i) => `$${first + i}`);
  return {
    sql: `(CASE WHEN c.categories && ${categories}::text[] OR (
              SELECT a.factors FROM risk_assessment a WHERE a.child_id = c.id AND a.assessed_on <= ${day}::date
               ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1) && ${factors}::text[]
            THEN (${raised}::jsonb ->> c.risk_colour) ELSE (${normal}::jsonb ->> c.risk_colour) END)::int`,
    params: [
      JSON.stringify(policy.visitIntervalDays),
      JSON.stringify(policy.raisedVisitIntervalDays),
      policy.raisedVisitCategories,
      policy.raisedVisitFactors,
    ],
  };
}
