import type { Agency } from '@hub/domain';

/**
 * The columns each agency's migration defines (migrations/<agency>/1763800000000-*.ts), minus the
 * identity `id` columns the database assigns. Tables are listed in foreign-key-safe load order and
 * columns in migration order; the loader's COPY statements and the generator's row types both come
 * from here, so a row with a missing or misspelt column does not compile.
 */
export type ColumnType = 'text' | 'date' | 'int' | 'numeric' | 'bool' | 'text[]';

export const TABLES = {
  'public-security': {
    household: { household_no: 'text', region: 'text', address: 'text', established_on: 'date' },
    person: {
      id: 'text',
      id_number: 'text',
      name: 'text',
      gender: 'text',
      date_of_birth: 'date',
      hukou_region: 'text',
      household_no: 'text',
      registration_status: 'text',
      status_since: 'date',
    },
    parent_link: { child_id: 'text', parent_id: 'text', relation: 'text' },
    residence_permit: {
      person_id: 'text',
      permit_no: 'text',
      region: 'text',
      residence_since: 'date',
      issued_on: 'date',
      valid_until: 'date',
    },
    custody_record: { person_id: 'text', kind: 'text', since: 'date', term_months: 'int', released_on: 'date', institution: 'text' },
    missing_report: { person_id: 'text', reported_on: 'date', accepted_on: 'date', closed_on: 'date' },
    subject_region: { person_id: 'text', hukou_region: 'text', residence_region: 'text' },
  },
  'civil-affairs': {
    child_supervisor: { id: 'text', name: 'text', township_code: 'text', phone: 'text', appointed_on: 'date', trained_on: 'date' },
    child_director: {
      id: 'text',
      name: 'text',
      village_code: 'text',
      supervisor_id: 'text',
      phone: 'text',
      appointed_on: 'date',
      trained_on: 'date',
    },
    child_record: {
      id: 'text',
      id_number: 'text',
      ca_issued_id: 'text',
      name: 'text',
      gender: 'text',
      date_of_birth: 'date',
      hukou_region: 'text',
      residence_region: 'text',
      categories: 'text[]',
      risk_colour: 'text',
      guardian_name: 'text',
      guardian_relation: 'text',
      guardian_phone: 'text',
      director_id: 'text',
      registered_on: 'date',
    },
    care_agreement: { child_id: 'text', caregiver_name: 'text', caregiver_relation: 'text', signed_on: 'date', valid_until: 'date' },
    visit: { child_id: 'text', visited_on: 'date', visitor_id: 'text', visitor_role: 'text', method: 'text', notes: 'text' },
    support: { child_id: 'text', type: 'text', monthly_amount: 'numeric', start_date: 'date', end_date: 'date', paying_region: 'text' },
    guardianship_revocation: { parent_id: 'text', child_id: 'text', court: 'text', judgment_no: 'text', revoked_on: 'date' },
    // The ledger's risk assessments (migration LedgerWrites): the generator writes the ones made before asOf.
    risk_assessment: {
      child_id: 'text',
      assessed_on: 'date',
      colour: 'text',
      previous_colour: 'text',
      factors: 'text[]',
      reason: 'text',
      assessor: 'text',
      assessor_role: 'text',
      // When it was entered (a timestamptz, written as text): the evening of the day assessed, so loads are identical.
      recorded_at: 'text',
      request_key: 'text',
    },
  },
  education: {
    school: { code: 'text', name: 'text', region: 'text', level: 'text' },
    enrolment: {
      child_id: 'text',
      student_no: 'text',
      school_code: 'text',
      grade: 'int',
      status: 'text',
      status_since: 'date',
      enrolled_on: 'date',
      full_time: 'bool',
    },
    home_delivery: { child_id: 'text', school_code: 'text', registered_on: 'date', ended_on: 'date' },
    home_delivery_session: { child_id: 'text', session_date: 'date', teacher_name: 'text', duration_minutes: 'int' },
    education_aid: { child_id: 'text', year: 'int', kind: 'text', amount: 'numeric' },
    subject_region: { person_id: 'text', hukou_region: 'text', residence_region: 'text' },
  },
  health: {
    death_certificate: { certificate_no: 'text', person_id: 'text', date_of_death: 'date', cause_icd10: 'text', place_region: 'text' },
    newborn_screening: { child_id: 'text', condition: 'text', screened_on: 'date', result: 'text', follow_up: 'text' },
    immunization_status: {
      child_id: 'text',
      clinic_region: 'text',
      doses_due: 'int',
      doses_given: 'int',
      last_dose_on: 'date',
      assessed_on: 'date',
    },
    serious_illness: { person_id: 'text', icd10: 'text', diagnosis: 'text', diagnosed_on: 'date', ongoing: 'bool' },
    subject_region: { person_id: 'text', hukou_region: 'text', residence_region: 'text' },
  },
  'medical-insurance': {
    insurance_enrolment: {
      person_id: 'text',
      year: 'int',
      insured_region: 'text',
      subsidy: 'text',
      subsidy_basis: 'text',
      enrolled_on: 'date',
    },
    medical_assistance: { person_id: 'text', granted_on: 'date', kind: 'text', amount: 'numeric' },
    cross_region_filing: { person_id: 'text', insured_region: 'text', treatment_region: 'text', filed_on: 'date', valid_until: 'date' },
    subject_region: { person_id: 'text', hukou_region: 'text', residence_region: 'text' },
  },
  'disabled-persons': {
    disability_certificate: {
      certificate_no: 'text',
      person_id: 'text',
      type: 'text',
      level: 'int',
      issued_on: 'date',
      valid_until: 'date',
      status: 'text',
      status_since: 'date',
      issuing_region: 'text',
    },
    rehabilitation: { child_id: 'text', year: 'int', service: 'text', provider: 'text', amount: 'numeric', approved_on: 'date' },
    subject_region: { person_id: 'text', hukou_region: 'text', residence_region: 'text' },
  },
} as const satisfies Record<Agency, Record<string, Record<string, ColumnType>>>;

type Tables = typeof TABLES;
export type TableName<A extends Agency> = keyof Tables[A] & string;

type ValueOf<T extends ColumnType> = T extends 'int' | 'numeric'
  ? number
  : T extends 'bool'
    ? boolean
    : T extends 'text[]'
      ? string[]
      : string;

/** A row of one table: every column of the migration (dates as 'YYYY-MM-DD', text[] as arrays), null where nullable. */
export type RowOf<A extends Agency, T extends TableName<A>> = {
  -readonly [C in keyof Tables[A][T]]: Tables[A][T][C] extends ColumnType ? ValueOf<Tables[A][T][C]> | null : never;
};

export type AgencyTables<A extends Agency> = { [T in TableName<A>]: RowOf<A, T>[] };
export type AgencyRows = { [A in Agency]: AgencyTables<A> };

export function tableNames<A extends Agency>(agency: A): TableName<A>[] {
  return Object.keys(TABLES[agency]) as TableName<A>[];
}

export function columnsOf(agency: Agency, table: string): [string, ColumnType][] {
  const t = (TABLES[agency] as Record<string, Record<string, ColumnType>>)[table];
  if (!t) throw new Error(`unknown table ${agency}.${table}`);
  return Object.entries(t);
}

/** Fresh, empty row lists for every table (a literal: this runs once per household). */
export function emptyRows(): AgencyRows {
  return {
    'public-security': {
      household: [],
      person: [],
      parent_link: [],
      residence_permit: [],
      custody_record: [],
      missing_report: [],
      subject_region: [],
    },
    'civil-affairs': {
      child_supervisor: [],
      child_director: [],
      child_record: [],
      care_agreement: [],
      visit: [],
      support: [],
      guardianship_revocation: [],
      risk_assessment: [],
    },
    education: { school: [], enrolment: [], home_delivery: [], home_delivery_session: [], education_aid: [], subject_region: [] },
    health: { death_certificate: [], newborn_screening: [], immunization_status: [], serious_illness: [], subject_region: [] },
    'medical-insurance': { insurance_enrolment: [], medical_assistance: [], cross_region_filing: [], subject_region: [] },
    'disabled-persons': { disability_certificate: [], rehabilitation: [], subject_region: [] },
  };
}
