import { DEFAULT_POLICY, policyWith, type RuleId } from '@hub/domain';
import { emptyRows, evaluateHousehold, type AgencyRows } from '@hub/population';

/**
 * Hand-built households for the oracle's decisions that a generated population never exercises:
 * the answer must not depend on row order, facts dated after asOf do not exist yet, equivalence
 * groups may overlap, and a policy cannot change under a rule.
 */
const AS_OF = '2025-09-01';
const CHILD = 'child-1';

/** An 18-year-old orphan-allowance holder with two parents recorded as deceased, on the ledger. */
function orphanAged18(): AgencyRows {
  const rows = emptyRows();
  const person = (id: string, dob: string, status = 'NORMAL') => ({
    id,
    id_number: null,
    name: id,
    gender: 'F',
    date_of_birth: dob,
    hukou_region: '500112001001',
    household_no: 'H1',
    registration_status: status,
    status_since: null,
  });
  rows['public-security'].person.push(
    person(CHILD, '2007-09-01'),
    person('father', '1980-01-01', 'DECEASED'),
    person('mother', '1982-01-01', 'DECEASED'),
  );
  rows['public-security'].parent_link.push(
    { child_id: CHILD, parent_id: 'father', relation: 'FATHER' },
    { child_id: CHILD, parent_id: 'mother', relation: 'MOTHER' },
  );
  rows['civil-affairs'].child_record.push({
    id: CHILD,
    id_number: null,
    ca_issued_id: null,
    name: CHILD,
    gender: 'F',
    date_of_birth: '2007-09-01',
    hukou_region: '500112001001',
    residence_region: '500112001001',
    categories: ['ORPHAN'],
    risk_colour: 'GREEN',
    guardian_name: null,
    guardian_relation: null,
    guardian_phone: null,
    director_id: null,
    registered_on: '2016-03-01',
  });
  rows['civil-affairs'].support.push({
    child_id: CHILD,
    type: 'ORPHAN_ALLOWANCE',
    monthly_amount: 1500,
    start_date: '2016-03-01',
    end_date: null,
    paying_region: '500112',
  });
  return rows;
}

function enrolment(fullTime: boolean, school: string, statusSince = '2025-09-01', status = 'ENROLLED') {
  return {
    child_id: CHILD,
    student_no: `G${school}`,
    school_code: school,
    grade: 12,
    status,
    status_since: statusSince,
    enrolled_on: '2022-09-01',
    full_time: fullTime,
  };
}

function outcome(rows: AgencyRows, rule: RuleId, policy = DEFAULT_POLICY) {
  const child = evaluateHousehold(rows, { asOf: AS_OF, policy, jurisdiction: '50' }).find((c) => c.id === CHILD);
  return child?.results.find((r) => r.rule === rule)?.outcome;
}

describe('ground-truth oracle', () => {
  it('an 18-year-old orphan in full-time school keeps the allowance (EXIT-AGE CLEAR); out of school it is FLAGGED', () => {
    const inSchool = orphanAged18();
    inSchool.education.enrolment.push(enrolment(true, 'S1'));
    expect(outcome(inSchool, 'EXIT-AGE')).toBe('CLEAR');
    const graduated = orphanAged18();
    graduated.education.enrolment.push(enrolment(true, 'S1', '2025-07-01', 'GRADUATED'));
    expect(outcome(graduated, 'EXIT-AGE')).toBe('FLAGGED');
  });

  it('does not depend on row order when two enrolments tie on every date and status', () => {
    const a = orphanAged18();
    a.education.enrolment.push(enrolment(true, 'S1'), enrolment(false, 'S2'));
    const b = orphanAged18();
    b.education.enrolment.push(enrolment(false, 'S2'), enrolment(true, 'S1'));
    expect(outcome(a, 'EXIT-AGE')).toBe(outcome(b, 'EXIT-AGE'));
    expect(outcome(a, 'EXIT-AGE')).toBe('CLEAR'); // full-time wins the tie
  });

  it('ignores an enrolment status dated after asOf', () => {
    const rows = orphanAged18();
    rows.education.enrolment.push(enrolment(true, 'S1', '2024-09-01'), enrolment(true, 'S1', '2025-10-15', 'DROPPED_OUT'));
    expect(outcome(rows, 'EXIT-AGE')).toBe('CLEAR');
  });

  it('a certificate issued after asOf does not exist yet', () => {
    const rows = orphanAged18();
    rows['disabled-persons'].disability_certificate.push({
      certificate_no: 'C1',
      person_id: CHILD,
      type: 'PHYSICAL',
      level: 1,
      issued_on: '2025-12-01',
      valid_until: '2030-12-01',
      status: 'VALID',
      status_since: '2025-12-01',
      issuing_region: '500112',
    });
    rows['civil-affairs'].support.push({
      child_id: CHILD,
      type: 'SEVERE_DISABILITY_CARE_SUBSIDY',
      monthly_amount: 100,
      start_date: '2025-01-01',
      end_date: null,
      paying_region: '500112',
    });
    expect(outcome(rows, 'EXIT-DISABILITY-CERT')).toBe('FLAGGED');
  });

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
