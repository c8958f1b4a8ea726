import { DEFAULT_POLICY } from '@hub/domain';
import { evaluateHousehold } from '@hub/population';
import { CROSSCHECK_CASES, outcomesFor } from '../cases/crosscheck-cases';

/**
 * The hand-made cases (tests/cases/crosscheck-cases.ts) through the oracle: each case's household rows, evaluated
 * as of the case's date with the default policy over the test population's jurisdiction. The same table runs
 * through the product in tests/integration/crosscheck-cases.test.ts.
 */
describe('hand-made cross-check cases, the oracle', () => {
  for (const c of CROSSCHECK_CASES) {
    it(c.name, () => {
      const child = evaluateHousehold(c.rows, { asOf: c.asOf, policy: DEFAULT_POLICY, jurisdiction: '50' }).find((x) => x.id === c.child);
      expect(outcomesFor(c, child?.results ?? [])).toEqual(c.expected);
    });
  }
});
