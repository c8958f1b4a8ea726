// The query shapes the interactive benches send (bench/interactive.mjs, bench/statements.mjs).
export const SHAPES = {
  // The bench's six-agency child profile (bench/profile.mjs).
  profile: `query Profile($id: ID!) { child(id: $id) {
    id
    welfare { name gender dateOfBirth categories riskColour residenceRegion guardian { name relation } }
    supports { type monthlyAmount startDate endDate }
    visits(last: 5) { visitedOn method }
    careAgreements { caregiverName signedOn }
    household { name idNumber hukouRegion registrationStatus }
    parents { household { name } residencePermits { region validUntil } custodyRecords { kind since } }
    enrolments { status grade school { name } }
    immunization { upToDate dosesDue dosesGiven }
    insuranceEnrolments { year subsidy }
    disabilityCertificates { type level status validUntil }
  } }`,
  // One agency: civil affairs' own ledger of the child.
  agency: `query Agency($id: ID!) { child(id: $id) {
    id welfare { name gender dateOfBirth categories riskColour residenceRegion } visits(last: 5) { visitedOn method } } }`,
  // The smallest: the gateway and civil affairs' visibility check only.
  id: `query Id($id: ID!) { child(id: $id) { id } }`,
  // A 100-child roster page over three agencies (civil affairs, public security, education).
  roster: `query Roster($after: String) { roster(first: 100, after: $after) {
    nodes { id welfare { name riskColour } household { hukouRegion registrationStatus } enrolments { status school { name } } }
    pageInfo { endCursor hasNextPage } } }`,
};
