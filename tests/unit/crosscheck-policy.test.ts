import { DEFAULT_POLICY, policyWith, RULES } from '@hub/domain';
import { evaluateFamily, type CaseFile } from '@hub/civil-affairs/crosschecks/rules';

/**
 * The rules read their thresholds from the policy module, and a deployment (or a test) overrides them:
 * the same child, the same facts, a different province's ages and intervals.
 */
function file(overrides: Partial<CaseFile> = {}): CaseFile {
  return {
    id: 'c1',
    record: { name: '张三', gender: 'M', dateOfBirth: '2009-03-01', categories: ['LEFT_BEHIND'], riskColour: 'YELLOW' },
    supports: [{ type: 'DIFFICULT_CHILD_ALLOWANCE', startDate: '2020-01-01', endDate: null, payingRegion: '500112' }],
    agreements: [{ signedOn: '2024-01-01', validUntil: null }],
    visits: [{ visitedOn: '2025-08-10', method: 'HOME' }],
    revocations: [],
    assessments: [],
    facts: {
      id: 'c1',
      publicSecurityFacts: {
        found: true,
        dateOfBirth: '2009-03-01',
        hukouRegion: '500112001001',
        registrationStatus: 'NORMAL',
        permits: [],
      },
      healthFacts: { deathDates: [] },
      educationFacts: { enrolments: [] },
      disabilityFacts: { certificates: [] },
      parents: [],
    },
    ...overrides,
  };
}
const outcome = (family: keyof typeof RULES, rule: string, f: CaseFile, policy = DEFAULT_POLICY, asOf = '2025-09-01') =>
  evaluateFamily(RULES[family], f, { asOf, policy, jurisdiction: ['50'] }).find((r) => r.rule === rule)!;

describe('cross-check policy overrides', () => {
  it('adult age: 16-year-old with a difficult-child allowance is fine at 18, flagged where adulthood for the allowance is 16', () => {
    expect(outcome('exitChecks', 'EXIT-AGE', file()).outcome).toBe('CLEAR');
    expect(outcome('exitChecks', 'EXIT-AGE', file(), policyWith({ adultAge: 16 })).outcome).toBe('FLAGGED');
  });

  it('visit interval per risk colour: 22 days since the last visit is overdue for YELLOW at 15 days, not at 30', () => {
    expect(outcome('careChecks', 'CARE-VISIT-OVERDUE', file()).outcome).toBe('FLAGGED');
    const relaxed = policyWith({ visitIntervalDays: { RED: 7, YELLOW: 30, BLUE: 30, GREEN: 30 } });
    expect(outcome('careChecks', 'CARE-VISIT-OVERDUE', file(), relaxed).outcome).toBe('CLEAR');
  });

  it('only the visit methods the policy counts are visits: a phone call after the last home visit does not stop it being overdue', () => {
    const called = file({
      visits: [
        { visitedOn: '2025-07-20', method: 'HOME' },
        { visitedOn: '2025-08-25', method: 'PHONE' },
      ],
    });
    expect(outcome('careChecks', 'CARE-VISIT-OVERDUE', called).outcome).toBe('FLAGGED');
    expect(outcome('careChecks', 'CARE-VISIT-OVERDUE', called).reason).toContain('最近入户走访 2025-07-20');
    const phoneCounts = policyWith({ visitMethodsCounted: ['HOME', 'PHONE'] });
    expect(outcome('careChecks', 'CARE-VISIT-OVERDUE', called, phoneCounts).outcome).toBe('CLEAR');
  });

  it('a child with a disability is visited at the raised frequency: 12 days is overdue for a GREEN disabled child at 10, not for another', () => {
    const green = (categories: string[]) =>
      file({
        record: { ...file().record!, categories, riskColour: 'GREEN' },
        visits: [{ visitedOn: '2025-08-20', method: 'HOME' }],
      });
    const tight = policyWith({ raisedVisitIntervalDays: { RED: 7, YELLOW: 10, BLUE: 10, GREEN: 10 } });
    expect(outcome('careChecks', 'CARE-VISIT-OVERDUE', green(['LEFT_BEHIND']), tight).outcome).toBe('CLEAR');
    expect(outcome('careChecks', 'CARE-VISIT-OVERDUE', green(['DIFFICULT_DISABILITY']), tight).outcome).toBe('FLAGGED');
  });

  it('the latest assessment on or before the day raises the frequency when it found 心理或行为异常; a later one without it returns the child to its colour', () => {
    // GREEN, last home visit 20 days before: within 30 days, beyond the raised 15.
    const assessed = (assessments: CaseFile['assessments']) =>
      file({
        record: { ...file().record!, riskColour: 'GREEN' },
        visits: [{ visitedOn: '2025-08-12', method: 'HOME' }],
        assessments,
      });
    expect(outcome('careChecks', 'CARE-VISIT-OVERDUE', assessed([])).outcome).toBe('CLEAR');
    const psych = assessed([{ assessedOn: '2025-06-01', factors: ['PSYCH_BEHAVIOUR'] }]);
    expect(outcome('careChecks', 'CARE-VISIT-OVERDUE', psych).outcome).toBe('FLAGGED');
    expect(outcome('careChecks', 'CARE-VISIT-OVERDUE', psych).reason).toContain('心理或行为异常，2025-06-01 评估');
    // Latest first: a reassessment without the factor ends the raise; one made after the day does not count yet.
    const reassessed = assessed([
      { assessedOn: '2025-08-01', factors: ['FAMILY_HARDSHIP'] },
      { assessedOn: '2025-06-01', factors: ['PSYCH_BEHAVIOUR'] },
    ]);
    expect(outcome('careChecks', 'CARE-VISIT-OVERDUE', reassessed).outcome).toBe('CLEAR');
    const later = assessed([{ assessedOn: '2025-09-02', factors: ['PSYCH_BEHAVIOUR'] }]);
    expect(outcome('careChecks', 'CARE-VISIT-OVERDUE', later).outcome).toBe('CLEAR');
    // A province that does not raise for it.
    expect(outcome('careChecks', 'CARE-VISIT-OVERDUE', psych, policyWith({ raisedVisitFactors: [] })).outcome).toBe('CLEAR');
  });

  it('an agency that did not answer makes its rules INCONCLUSIVE, never FLAGGED or CLEAR', () => {
    const down = file({ facts: { ...file().facts, educationFacts: null } });
    const r = outcome('exitChecks', 'EXIT-AGE', down, policyWith({ adultAge: 16 }));
    expect(r.outcome).toBe('INCONCLUSIVE');
    expect(r.reason).toContain('教育数据不可用');
    expect(outcome('exitChecks', 'EXIT-OVERLAP', down).outcome).toBe('CLEAR');
  });

  it('the default policy is frozen: a rule or a caller cannot change it under another', () => {
    expect(() => {
      (DEFAULT_POLICY as { adultAge: number }).adultAge = 16;
    }).toThrow();
  });
});
