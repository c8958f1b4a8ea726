import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DISCOVERY_PAGE_QUERY, ROSTER_PAGE_QUERY } from '@hub/jobs';
import { ROOT } from '../helpers/hub';
import { queryPlanner, type PlannedOperation } from '../helpers/query-plan';

/**
 * What the gateway's query planner makes of the hub's four main operations, planned in-process from the committed
 * supergraph: every fetch in plan order and the number of fetches per subgraph, snapshotted, so that a schema or
 * query change that adds a fetch shows as a one-line diff. The fetch count is the cost that matters: when the nightly
 * job asked the five check families as five fields, the planner made five civil-affairs fetches per page, each with
 * its own copy of the facts, and `rosterChecks` (one field, the union of their `@requires`) made the 1,000,000-child
 * reconciliation 16 % faster (docs/using-the-graph.md "Cross-checks", bench/RESULTS.md). A `@requires` split or a family field back in
 * the job's query fails here before it fails the bench.
 *
 * Update the snapshots (`-u`) only for a plan you meant to change; the explicit assertions below say what the
 * nightly page must keep whatever the snapshots say.
 */

const RESULT = 'rule outcome reason evidence { agency fact value }';

/** One child's five check families, as an agency developer asks them (docs/using-the-graph.md "Cross-checks"). */
const CHILD_CHECKS = `query ChildChecks($id: ID!, $asOf: Date) {
  child(id: $id) {
    exitChecks(asOf: $asOf) { ${RESULT} }
    coverageChecks(asOf: $asOf) { ${RESULT} }
    schoolingCheck(asOf: $asOf) { ${RESULT} }
    migrantVerification(asOf: $asOf) { ${RESULT} }
    careChecks(asOf: $asOf) { ${RESULT} }
  }
}`;

/** The nightly roster page as it was before `rosterChecks`: the five families as five fields. */
const ROSTER_PAGE_AS_FIVE_FAMILIES = `query($ids: [ID!]!, $asOf: Date) { childrenForChecks(ids: $ids) { id
  exitChecks(asOf: $asOf, evidenceFor: [FLAGGED]) { ${RESULT} }
  coverageChecks(asOf: $asOf, evidenceFor: [FLAGGED]) { ${RESULT} }
  schoolingCheck(asOf: $asOf, evidenceFor: [FLAGGED]) { ${RESULT} }
  migrantVerification(asOf: $asOf, evidenceFor: [FLAGGED]) { ${RESULT} }
  careChecks(asOf: $asOf, evidenceFor: [FLAGGED]) { ${RESULT} } } }`;

/**
 * The interactive child profile of the benches, read from the text of bench/shapes.mjs (the queries bench:profile,
 * bench:interactive and bench:statements send): bench/ is a folder of plain .mjs scripts the product must not depend
 * on; reading the text keeps this test on the query the benches measure.
 */
function benchProfileQuery(): string {
  const source = readFileSync(join(ROOT, 'bench', 'shapes.mjs'), 'utf8');
  const match = /\bprofile: `([^`]*)`,/.exec(source);
  if (!match) throw new Error('bench/shapes.mjs no longer gives the profile shape as a template literal; update this test');
  return match[1];
}

const civilAffairs = (p: PlannedOperation): string[] => p.fetches.filter((f) => f.startsWith('civil-affairs: '));

describe('query plans from the committed supergraph', () => {
  let plan: (query: string) => PlannedOperation;
  beforeAll(() => {
    plan = queryPlanner(readFileSync(join(ROOT, 'supergraph.graphql'), 'utf8'));
  });

  test.each([
    ['the nightly roster page', () => ROSTER_PAGE_QUERY],
    ["one child's five check families", () => CHILD_CHECKS],
    ['a nightly discovery page', () => DISCOVERY_PAGE_QUERY],
    ['the six-agency child profile of the bench', benchProfileQuery],
  ])('%s is planned with the fetches it makes today', (_name, query) => {
    const planned = plan(query());
    expect({ fetchesPerSubgraph: planned.fetchesPerSubgraph, fetches: planned.fetches }).toMatchSnapshot('fetches');
    expect(planned.pretty).toMatchSnapshot('plan');
  });

  test('the nightly roster page makes two civil-affairs fetches: the page of children, then every rule in one rosterChecks fetch', () => {
    const roster = plan(ROSTER_PAGE_QUERY);
    expect(civilAffairs(roster)).toHaveLength(2);
    expect(civilAffairs(roster)[1]).toMatch(/^civil-affairs: _entities on Child \{ rosterChecks \}/);
    // The other seven: each agency's facts about the children, then about their parents.
    expect(roster.fetches).toHaveLength(9);
  });

  test('asking the five family fields instead of rosterChecks costs five civil-affairs fetches (why rosterChecks exists)', () => {
    const families = plan(ROSTER_PAGE_AS_FIVE_FAMILIES);
    const fetched = civilAffairs(families).map((f) => /^civil-affairs: (?:_entities on \w+ \{ )?(\w+)/.exec(f)?.[1] ?? f);
    // In any order: the planner's is the snapshot's business.
    expect(fetched.sort()).toEqual([
      'careChecks',
      'childrenForChecks',
      'coverageChecks',
      'exitChecks',
      'migrantVerification',
      'schoolingCheck',
    ]);
    expect(civilAffairs(families).length - civilAffairs(plan(ROSTER_PAGE_QUERY)).length).toBe(4);
  });
});
