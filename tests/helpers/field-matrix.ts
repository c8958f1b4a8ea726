import { expectedPopulation } from './population';

/**
 * The role × field matrix, run through the hub's gateway (field-authorization.test.ts) and through Hive Gateway
 * serving the same supergraph (hive-gateway.test.ts).
 */
export type Row = Record<string, unknown>;

export const FAMILIES = {
  welfare: 'welfare { name riskColour }',
  household: 'household { hukouRegion }',
  enrolments: 'enrolments { status }',
  immunization: 'immunization { upToDate }',
  seriousIllnesses: 'seriousIllnesses { icd10 }',
  insuranceEnrolments: 'insuranceEnrolments { year }',
  disabilityCertificates: 'disabilityCertificates { level }',
  missingReports: 'missingReports { reportedOn }',
} as const;
export type Family = keyof typeof FAMILIES;

/**
 * What each role may read of a child, written out by hand from the role descriptions (not computed from the
 * roles table, so a wrong entry in the table shows up here). `null`: the role may not look children up in
 * the civil-affairs ledger at all (no `welfare:read`), so `child(id:)` itself is denied.
 */
export const DENIED: Record<string, Family[] | null> = {
  'ca-caseworker': ['seriousIllnesses'],
  'ca-supervisor': ['seriousIllnesses'],
  'township-supervisor': ['seriousIllnesses', 'missingReports'],
  'child-director': ['household', 'seriousIllnesses', 'insuranceEnrolments', 'disabilityCertificates', 'missingReports'],
  'mi-clerk': ['household', 'enrolments', 'immunization', 'seriousIllnesses', 'disabilityCertificates', 'missingReports'],
  'dpf-clerk': ['household', 'enrolments', 'immunization', 'seriousIllnesses', 'insuranceEnrolments', 'missingReports'],
  'reconciliation-service': [],
  'edu-registrar': null,
  'police-officer': null,
  'health-worker': null,
  auditor: null,
};
export const PURPOSE: Record<string, string> = {
  'ca-caseworker': 'case-work',
  'ca-supervisor': 'case-work',
  'township-supervisor': 'case-work',
  'child-director': 'case-work',
  'mi-clerk': 'benefit-verification',
  'dpf-clerk': 'benefit-verification',
  'reconciliation-service': 'reconciliation',
  'edu-registrar': 'enrolment-verification',
  'police-officer': 'public-safety',
  'health-worker': 'case-work',
  auditor: 'audit',
};
export const DIGITS: Record<string, number> = {
  'ca-caseworker': 6,
  'ca-supervisor': 4,
  'township-supervisor': 9,
  'child-director': 12,
  'mi-clerk': 6,
  'dpf-clerk': 6,
  'reconciliation-service': 2,
  'edu-registrar': 6,
  'police-officer': 6,
  'health-worker': 6,
  auditor: 2,
};

/** A child living in its hukou village, enrolled at school: every role's jurisdiction can be cut from its village code. */
export function matrixChild(): { child: Row; village: string; query: string } {
  const expected = expectedPopulation();
  const child = expected.rows['civil-affairs'].child_record.find(
    (r: Row) =>
      r.hukou_region === r.residence_region &&
      String(r.residence_region).length === 12 &&
      expected.where('education', 'enrolment', 'child_id', r.id).length > 0,
  )!;
  return {
    child,
    village: String(child.residence_region),
    query: `query($id: ID!) { child(id: $id) { id ${Object.values(FAMILIES).join(' ')} } }`,
  };
}
