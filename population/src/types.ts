import type {
  ChildCategory,
  DisabilityType,
  ParentalCircumstance,
  PremiumSubsidy,
  PremiumSubsidyBasis,
  RiskColour,
  SchoolLevel,
  SupportType,
} from '@hub/domain';

/**
 * The real-world facts ("truth") of the synthetic population. Agency records are derived from these
 * facts, one derivation per agency; later iterations inject discrepancies in the derivations and
 * score the cross-checks against this truth. Dates are 'YYYY-MM-DD'.
 */

export type Gender = 'M' | 'F';

/** Civil-affairs ledger categories (民政台账类别), as @hub/domain lists them. */
export type Category = ChildCategory;
export type { RiskColour };

/** How the household lives; shapes every other fact. */
export type HouseholdKind =
  | 'ORDINARY'
  /** Rural child, parents working away (both, or one with the other unable to care). */
  | 'LEFT_BEHIND'
  /** Family living here with hukou in another county or province. */
  | 'MIGRANT'
  /** Both parents deceased. */
  | 'ORPHANED'
  /** Both parents in a parental circumstance (民发〔2019〕62号), not both deceased. */
  | 'DE_FACTO';

/** Parental circumstances the generator produces (deportation is not among them). */
export type ParentCircumstance = Exclude<ParentalCircumstance, 'DEPORTED'>;

export type Poverty = 'NONE' | 'MINIMUM_LIVING' | 'EXTREME_POVERTY';

export type { DisabilityType };

type Subsidy = PremiumSubsidy;
type SubsidyBasis = PremiumSubsidyBasis;

export type { SchoolLevel };

export interface ResidencePermitTruth {
  /** 12-digit community/village code where known (in the region), else the 9-digit township. */
  region: string;
  residenceSince: string;
  issuedOn: string;
  validUntil: string;
}

export interface DeathTruth {
  on: string;
  causeIcd10: string;
  /** 12-digit code of the place of death. */
  placeRegion: string;
  /** A medical death certificate (医学死亡证明) was issued. */
  certificate: boolean;
  /** The family had the hukou cancelled (户口注销). At least one of the two holds. */
  hukouCancelled: boolean;
}

export interface CustodyTruth {
  kind: 'IMPRISONED' | 'COMPULSORY_DRUG_REHAB' | 'OTHER_RESTRICTION';
  since: string;
  termMonths: number;
  releasedOn: string | null;
  institution: string;
}

export interface MissingTruth {
  since: string;
  reportedOn: string;
  acceptedOn: string;
  closedOn: string | null;
}

export interface DisabilityTruth {
  type: DisabilityType;
  level: 1 | 2 | 3 | 4;
  firstCertifiedOn: string;
  /** The current certificate. */
  issuedOn: string;
  validUntil: string;
  status: 'VALID' | 'EXPIRED' | 'CANCELLED';
  statusSince: string;
  /** Level 1–2, or level 3–4 intellectual/mental (catalogue: SEVERE_DISABILITY). */
  severe: boolean;
}

export interface IllnessTruth {
  icd10: string;
  diagnosis: string;
  diagnosedOn: string;
  ongoing: boolean;
}

export interface PersonTruth {
  /** Pseudonymous id: HMAC of the ID number (or of the civil-affairs-issued id without hukou). */
  id: string;
  /** GB 11643 citizen ID number; null for a child without hukou. */
  idNumber: string | null;
  /** Civil-affairs-issued id of a child without hukou; otherwise null. */
  caIssuedId: string | null;
  name: string;
  surname: string;
  gender: Gender;
  dateOfBirth: string;
  /** 12-digit village code of the hukou; null without hukou. */
  hukouRegion: string | null;
  /** Where the person really lives: 12-digit village, or a 9-digit township when away from the region. */
  residenceRegion: string;
  residenceSince: string;
  residencePermit: ResidencePermitTruth | null;
  death: DeathTruth | null;
  custody: CustodyTruth[];
  missing: MissingTruth[];
  disability: DisabilityTruth | null;
  illness: IllnessTruth | null;
}

export interface ParentTruth extends PersonTruth {
  relation: 'FATHER' | 'MOTHER';
  /** Working away from the child's hukou county with a residence permit there. */
  workingAway: boolean;
  guardianshipRevoked: { on: string; court: string; judgmentNo: string } | null;
  /** Circumstances in force on asOf (the catalogue's parental circumstances). */
  circumstances: ParentCircumstance[];
}

export interface SupportTruth {
  type: SupportType;
  monthlyAmount: number;
  startDate: string;
  endDate: string | null;
}

export interface EnrolmentTruth {
  schoolCode: string;
  grade: number;
  status: 'ENROLLED' | 'GRADUATED';
  statusSince: string;
  enrolledOn: string;
}

export interface SchoolingTruth {
  /** Grade by age in the current school year (1–12); null before primary school. */
  expectedGrade: number;
  /** Oldest first; the last one is the current status. */
  enrolments: EnrolmentTruth[];
  homeDelivery: { schoolCode: string; registeredOn: string } | null;
}

export interface InsuranceTruth {
  year: number;
  insuredRegion: string;
  subsidy: Subsidy;
  basis: SubsidyBasis | null;
  enrolledOn: string;
}

export interface ImmunizationTruth {
  clinicRegion: string;
  dosesDue: number;
  dosesGiven: number;
  lastDoseOn: string | null;
  upToDate: boolean;
}

export interface CaregiverTruth {
  name: string;
  relation: string;
  phone: string;
}

export interface ChildTruth extends PersonTruth {
  householdNo: string | null;
  fatherId: string | null;
  motherId: string | null;
  /** Ledger categories; empty when the child is not on the civil-affairs ledger. */
  categories: Category[];
  onLedger: boolean;
  riskColour: RiskColour | null;
  registeredOn: string | null;
  /** Who cares for the child day to day (the ledger's guardian). */
  guardian: CaregiverTruth | null;
  careAgreement: { caregiverName: string; caregiverRelation: string; signedOn: string; validUntil: string | null } | null;
  supports: SupportTruth[];
  schooling: SchoolingTruth | null;
  insurance: InsuranceTruth[];
  immunization: ImmunizationTruth | null;
}

export interface HouseholdTruth {
  index: number;
  kind: HouseholdKind;
  /** Public-security household number; null only if no member holds hukou (never, today). */
  householdNo: string;
  /** 12-digit village of the household's hukou. */
  hukouRegion: string;
  /** 12-digit village in the region where the children live. */
  residenceRegion: string;
  address: string;
  establishedOn: string;
  poverty: Poverty;
  povertySince: string | null;
  parents: ParentTruth[];
  children: ChildTruth[];
}
