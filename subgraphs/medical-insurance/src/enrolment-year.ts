import { badUserInput } from '@hub/service-kit';

/**
 * Resident medical insurance starts with the 2003 NCMS pilot (新型农村合作医疗, 国办发〔2003〕3号), so
 * no enrolment year can precede it; the upper bound only rejects typos such as 20245.
 */
const FIRST_ENROLMENT_YEAR = 2003;
const LAST_ENROLMENT_YEAR = 2100;

export function checkEnrolmentYear(year: number): number {
  if (!Number.isInteger(year) || year < FIRST_ENROLMENT_YEAR || year > LAST_ENROLMENT_YEAR) {
    throw badUserInput(`参保年度须在 ${FIRST_ENROLMENT_YEAR} 到 ${LAST_ENROLMENT_YEAR} 之间: ${year}`);
  }
  return year;
}
