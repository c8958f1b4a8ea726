import { CROSSCHECK_CASES, outcomesFor, type CrossCheckCase } from '../cases/crosscheck-cases';
import { AgencyDatabases, rowCount, withSubjectRegions } from '../helpers/case-rows';
import { gql, hubInfo, RECONCILIATION } from '../helpers/hub';

/**
 * The hand-made cases (tests/cases/crosscheck-cases.ts) through the product: each case's household is written
 * into the running hub's six agency databases beside the test population (with the `subject_region` rows the
 * generator would write), and the child's rule families are asked of the gateway as of the case's date, as the
 * reconciliation service over jurisdiction 50 asks them. The same table runs through the oracle in
 * tests/unit/crosscheck-cases.test.ts. Each case's rows are deleted by its prefix before and after.
 */
const info = hubInfo();
const FAMILIES = ['exitChecks', 'coverageChecks', 'schoolingCheck', 'migrantVerification', 'careChecks', 'discoveryChecks'] as const;
const QUERY = `query($ids: [ID!]!, $asOf: Date) { childrenForChecks(ids: $ids) { id ${FAMILIES.map(
  (f) => `${f}(asOf: $asOf) { rule outcome }`,
).join(' ')} } }`;

type Result = { rule: string; outcome: string };
type Checked = { id: string } & Record<(typeof FAMILIES)[number], Result[]>;

/** Every rule result of every family in the child's scope, through the gateway. */
async function productResults(c: CrossCheckCase): Promise<Result[]> {
  const res = await gql<{ childrenForChecks: Checked[] }>(info.gateway, QUERY, { ids: [c.child], asOf: c.asOf }, RECONCILIATION());
  expect(res.body.errors).toBeUndefined();
  const [child] = res.body.data!.childrenForChecks;
  return FAMILIES.flatMap((f) => child[f]);
}

describe('hand-made cross-check cases, the product through the gateway', () => {
  let db: AgencyDatabases;

  beforeAll(async () => {
    db = await AgencyDatabases.connect(info);
    for (const c of CROSSCHECK_CASES) await db.remove(c.prefix);
    for (const c of CROSSCHECK_CASES) await db.insert(withSubjectRegions(c.rows));
  }, 120_000);

  afterAll(async () => {
    if (!db) return;
    for (const c of CROSSCHECK_CASES) await db.remove(c.prefix);
    await db.end();
  });

  for (const c of CROSSCHECK_CASES) {
    it(c.name, async () => {
      expect(outcomesFor(c, await productResults(c))).toEqual(c.expected);
    });
  }

  it('each case’s prefix selects exactly the rows written for it, so deleting by prefix leaves none behind', async () => {
    for (const c of CROSSCHECK_CASES) {
      expect({ prefix: c.prefix, rows: await db.count(c.prefix) }).toEqual({
        prefix: c.prefix,
        rows: rowCount(withSubjectRegions(c.rows)),
      });
      await db.remove(c.prefix);
      expect({ prefix: c.prefix, rows: await db.count(c.prefix) }).toEqual({ prefix: c.prefix, rows: 0 });
    }
  });
});
