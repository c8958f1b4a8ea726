import { DEFAULT_POLICY, policyWith, type CrossCheckPolicy, type RuleId } from '@hub/domain';
import { emptyRows, evaluateHousehold, type AgencyRows } from '@hub/population';

/**
 * The oracle's decisions that need a policy other than the default. Every hand-made case with the default
 * policy (row order, facts dated after asOf, the boundaries of each rule) is in tests/cases/crosscheck-cases.ts,
 * which runs against both the oracle and the hub; these stay here because the hub's policy is fixed when it
 * starts, so they cannot run against it: equivalence groups may overlap, and a policy cannot change under a rule.
 */
const AS_OF = '2025-09-01';
const CHILD = 'child-1';

function outcome(rows: AgencyRows, rule: RuleId, policy: CrossCheckPolicy) {
  const child = evaluateHousehold(rows, { asOf: AS_OF, policy, jurisdiction: '50' }).find((c) => c.id === CHILD);
  return child?.results.find((r) => r.rule === rule)?.outcome;
}

describe('ground-truth oracle', () => {
  it('treats counties as one migration area when any equivalence group contains both', () => {
    const rows = emptyRows();
    rows['public-security'].person.push({
      id: CHILD,
      id_number: null,
      name: 'x',
      gender: 'M',
      date_of_birth: '2015-05-05',
      hukou_region: '500101001001',
      household_no: 'H1',
      registration_status: 'NORMAL',
      status_since: null,
    });
    rows['public-security'].residence_permit.push({
      person_id: CHILD,
      permit_no: '1',
      region: '500103001001',
      residence_since: '2023-01-01',
      issued_on: '2023-02-01',
      valid_until: '2028-01-31',
    });
    const overlapping = policyWith({
      migrant: {
        ...DEFAULT_POLICY.migrant,
        equivalenceGroups: [
          ['500101', '500103'],
          ['500103', '500105'],
        ],
      },
    });
    const separate = policyWith({ migrant: { ...DEFAULT_POLICY.migrant, equivalenceGroups: [['500103', '500105']] } });
    expect(outcome(rows, 'MIG-UNREGISTERED', overlapping)).toBe('CLEAR');
    expect(outcome(rows, 'MIG-UNREGISTERED', separate)).toBe('FLAGGED');
  });

  it('policies are frozen values: a rule can never see one change under it', () => {
    expect(() => {
      (DEFAULT_POLICY.partialInsuranceSubsidySupports as string[]).push('TEMPORARY_ASSISTANCE');
    }).toThrow(TypeError);
    expect(Object.isFrozen(policyWith({ adultAge: 18 }).migrant)).toBe(true);
  });
});
