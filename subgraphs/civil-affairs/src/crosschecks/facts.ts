/**
 * The facts other agencies share for the cross-checks, as civil affairs sees them: the SDL mirror of
 * their types (fields `@external`, resolved by the owning subgraph and handed to us by the gateway through
 * `@requires`), the field sets each rule family requires, and the TypeScript shape of what arrives.
 *
 * A facts object is `null` when its subgraph did not answer (the gateway puts `null` in place of an
 * unavailable subgraph's fields): the rules needing it are then INCONCLUSIVE. An answered object with
 * empty lists is a fact ("no record").
 */

/** Mirror of the shared-fact types (public security, health, education, medical insurance, disabled persons). */
export const FACTS_SDL = `
extend type Child @key(fields: "id") {
  publicSecurityFacts: PersonFacts @external
  healthFacts: HealthFacts @external
  educationFacts: EducationFacts @external
  medicalInsuranceFacts: InsuranceFacts @external
  disabilityFacts: DisabilityFacts @external
  parents: [Parent!] @external
}
extend type Parent @key(fields: "id") {
  publicSecurityFacts: PersonFacts @external
  custodyFacts: CustodyFacts @external
  healthFacts: HealthFacts @external
  disabilityFacts: DisabilityFacts @external
}
type PersonFacts {
  found: Boolean! @external
  name: String @external
  gender: String @external
  dateOfBirth: Date @external
  hukouRegion: String @external
  registrationStatus: String @external
  permits: [PermitFact!]! @external
}
type PermitFact {
  permitNo: String! @external
  region: String! @external
  residenceSince: Date! @external
  issuedOn: Date! @external
  validUntil: Date! @external
}
type CustodyFacts {
  restrictions: [RestrictionFact!]! @external
  missingReports: [MissingFact!]! @external
}
type RestrictionFact {
  kind: String! @external
  since: Date! @external
  termMonths: Int @external
  releasedOn: Date @external
}
type MissingFact {
  acceptedOn: Date! @external
  closedOn: Date @external
}
type HealthFacts {
  deathDates: [Date!]! @external
  immunization: ImmunizationFact @external
  seriousIllnesses: [IllnessFact!]! @external
}
type ImmunizationFact {
  dosesDue: Int! @external
  dosesGiven: Int! @external
}
type IllnessFact {
  diagnosedOn: Date! @external
  ongoing: Boolean! @external
}
type EducationFacts {
  enrolments: [EnrolmentFact!]! @external
  homeDelivery: HomeDeliveryFact @external
  homeDeliverySessionDates: [Date!]! @external
}
type EnrolmentFact {
  status: String! @external
  statusSince: Date! @external
  enrolledOn: Date! @external
  fullTime: Boolean! @external
  grade: Int! @external
  schoolCode: String! @external
  schoolName: String @external
  studentNo: String! @external
}
type HomeDeliveryFact {
  registeredOn: Date! @external
  endedOn: Date @external
}
type InsuranceFacts {
  enrolments: [InsuranceFact!]! @external
}
type InsuranceFact {
  year: Int! @external
  subsidy: String! @external
  insuredRegion: String! @external
}
type DisabilityFacts {
  certificates: [CertificateFact!]! @external
}
type CertificateFact {
  status: String! @external
  level: Int! @external
  type: String! @external
  issuedOn: Date! @external
  validUntil: Date! @external
}
`;

// Field sets, composed per rule family: each family requires exactly the facts its rules read.
const PERSON_CORE = 'found dateOfBirth hukouRegion registrationStatus';
const PERMITS = 'permits { permitNo region residenceSince issuedOn validUntil }';
const CERTIFICATES = 'certificates { status level type issuedOn validUntil }';
const ENROLMENTS = 'enrolments { status statusSince enrolledOn fullTime grade schoolCode schoolName studentNo }';
/** Everything that decides a parent's circumstances (事实无人抚养) and whether they are alive. */
const PARENT_CIRCUMSTANCES = `parents { id publicSecurityFacts { found registrationStatus }
  custodyFacts { restrictions { kind since termMonths releasedOn } missingReports { acceptedOn closedOn } }
  healthFacts { deathDates seriousIllnesses { diagnosedOn ongoing } } disabilityFacts { ${CERTIFICATES} } }`;
/** Whether each parent is alive and lives away from the child's hukou county. */
const PARENT_WHEREABOUTS = `parents { id publicSecurityFacts { found registrationStatus ${PERMITS} } healthFacts { deathDates } }`;
/** Both: the left-behind discovery needs whereabouts and circumstances. */
const PARENT_ALL = `parents { id publicSecurityFacts { found registrationStatus ${PERMITS} }
  custodyFacts { restrictions { kind since termMonths releasedOn } missingReports { acceptedOn closedOn } }
  healthFacts { deathDates seriousIllnesses { diagnosedOn ongoing } } disabilityFacts { ${CERTIFICATES} } }`;

export const REQUIRES = {
  exitChecks: `publicSecurityFacts { ${PERSON_CORE} } healthFacts { deathDates } educationFacts { ${ENROLMENTS} }
    disabilityFacts { ${CERTIFICATES} } ${PARENT_CIRCUMSTANCES}`,
  coverageChecks: `publicSecurityFacts { ${PERSON_CORE} } medicalInsuranceFacts { enrolments { year subsidy } }
    disabilityFacts { ${CERTIFICATES} } ${PARENT_CIRCUMSTANCES}`,
  schoolingCheck: `publicSecurityFacts { ${PERSON_CORE} } educationFacts { ${ENROLMENTS} homeDelivery { registeredOn endedOn } homeDeliverySessionDates }`,
  migrantVerification: `publicSecurityFacts { ${PERSON_CORE} name gender ${PERMITS} } educationFacts { ${ENROLMENTS} }
    medicalInsuranceFacts { enrolments { year insuredRegion } } healthFacts { immunization { dosesDue dosesGiven } }`,
  careChecks: `publicSecurityFacts { ${PERSON_CORE} } ${PARENT_WHEREABOUTS}`,
  discoveryChecks: `publicSecurityFacts { ${PERSON_CORE} ${PERMITS} } healthFacts { deathDates } ${PARENT_ALL}`,
  /**
   * The five roster families at once (what the nightly job asks for every roster child), and optionally the
   * discovery rules: the union of all six field sets, fetched once. The query planner does not merge fetches of fields with different `@requires`, so
   * asking the five family fields costs five civil-affairs fetches carrying overlapping facts.
   */
  rosterChecks: `publicSecurityFacts { ${PERSON_CORE} name gender ${PERMITS} }
    healthFacts { deathDates immunization { dosesDue dosesGiven } }
    educationFacts { ${ENROLMENTS} homeDelivery { registeredOn endedOn } homeDeliverySessionDates }
    medicalInsuranceFacts { enrolments { year subsidy insuredRegion } }
    disabilityFacts { ${CERTIFICATES} } ${PARENT_ALL}`,
} as const;

/** One-line field sets for the directive argument. */
export function requiresDirective(family: keyof typeof REQUIRES): string {
  return `@requires(fields: ${JSON.stringify(REQUIRES[family].replace(/\s+/g, ' ').trim())})`;
}

export interface PermitFact {
  permitNo: string;
  region: string;
  residenceSince: string;
  issuedOn: string;
  validUntil: string;
}
interface PersonFacts {
  found: boolean;
  name?: string | null;
  gender?: string | null;
  dateOfBirth: string | null;
  hukouRegion: string | null;
  registrationStatus: string | null;
  permits?: PermitFact[];
}
interface CustodyFacts {
  restrictions: { kind: string; since: string; termMonths: number | null; releasedOn: string | null }[];
  missingReports: { acceptedOn: string; closedOn: string | null }[];
}
interface HealthFacts {
  deathDates: string[];
  immunization?: { dosesDue: number; dosesGiven: number } | null;
  seriousIllnesses?: { diagnosedOn: string; ongoing: boolean }[];
}
export interface EnrolmentFact {
  status: string;
  statusSince: string;
  enrolledOn: string;
  fullTime: boolean;
  grade: number;
  schoolCode: string;
  /** The school's name (education's school register); null for a code it does not know. */
  schoolName?: string | null;
  studentNo: string;
}
interface EducationFacts {
  enrolments: EnrolmentFact[];
  homeDelivery?: { registeredOn: string; endedOn: string | null } | null;
  homeDeliverySessionDates?: string[];
}
interface InsuranceFacts {
  enrolments: { year: number; subsidy?: string; insuredRegion?: string }[];
}
export interface CertificateFact {
  status: string;
  level: number;
  type: string;
  issuedOn: string;
  validUntil: string;
}
interface DisabilityFacts {
  certificates: CertificateFact[];
}
export interface ParentRepresentation {
  id: string;
  publicSecurityFacts?: PersonFacts | null;
  custodyFacts?: CustodyFacts | null;
  healthFacts?: HealthFacts | null;
  disabilityFacts?: DisabilityFacts | null;
}

/** The child entity as the gateway hands it to civil affairs for a rule family (undefined: not required). */
export interface ChildRepresentation {
  id: string;
  publicSecurityFacts?: PersonFacts | null;
  healthFacts?: HealthFacts | null;
  educationFacts?: EducationFacts | null;
  medicalInsuranceFacts?: InsuranceFacts | null;
  disabilityFacts?: DisabilityFacts | null;
  parents?: ParentRepresentation[] | null;
}
