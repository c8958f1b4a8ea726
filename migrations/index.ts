import { InitCivilAffairs1763800000000 } from './civil-affairs/1763800000000-InitCivilAffairs';
import { Reconciliation1764200000000 } from './civil-affairs/1764200000000-Reconciliation';
import { ChildKeysCollateC1764300000000 } from './civil-affairs/1764300000000-ChildKeysCollateC';
import { OpenFindingsByChild1764400000000 } from './civil-affairs/1764400000000-OpenFindingsByChild';
import { Cases1764800000000 } from './civil-affairs/1764800000000-Cases';
import { MandatoryReports1764900000000 } from './civil-affairs/1764900000000-MandatoryReports';
import { ChildNameIndex1765000000000 } from './civil-affairs/1765000000000-ChildNameIndex';
import { CaseTransfer1765100000000 } from './civil-affairs/1765100000000-CaseTransfer';
import { LedgerWrites1765200000000 } from './civil-affairs/1765200000000-LedgerWrites';
import { Workforce1765300000000 } from './civil-affairs/1765300000000-Workforce';
import { ScreeningRounds1765400000000 } from './civil-affairs/1765400000000-ScreeningRounds';
import { LedgerStatistics1765450000000 } from './civil-affairs/1765450000000-LedgerStatistics';
import { Appraisal1765500000000 } from './civil-affairs/1765500000000-Appraisal';
import { InitDisabledPersons1763800000000 } from './disabled-persons/1763800000000-InitDisabledPersons';
import { InitEducation1763800000000 } from './education/1763800000000-InitEducation';
import { InitHealth1763800000000 } from './health/1763800000000-InitHealth';
import { InitMedicalInsurance1763800000000 } from './medical-insurance/1763800000000-InitMedicalInsurance';
import { InitPublicSecurity1763800000000 } from './public-security/1763800000000-InitPublicSecurity';
import { PersonKeysCollateC1764300000000 } from './public-security/1764300000000-PersonKeysCollateC';
import { AuditLogMigration } from './audit-log';
import { SubjectRegionMigration } from './subject-region';
import { GatewayAuditLog1764000000000 } from './gateway/1764000000000-GatewayAuditLog';
import { GatewayRefusalLog1764700000000 } from './gateway/1764700000000-GatewayRefusalLog';

/** Each agency's migrations, in order. Keys are the agency's one identity string (docs/architecture.md, "Guide: add an agency"). */
export const migrations = {
  'civil-affairs': [
    InitCivilAffairs1763800000000,
    AuditLogMigration,
    Reconciliation1764200000000,
    ChildKeysCollateC1764300000000,
    OpenFindingsByChild1764400000000,
    Cases1764800000000,
    MandatoryReports1764900000000,
    ChildNameIndex1765000000000,
    CaseTransfer1765100000000,
    LedgerWrites1765200000000,
    Workforce1765300000000,
    ScreeningRounds1765400000000,
    LedgerStatistics1765450000000,
    Appraisal1765500000000,
  ],
  education: [InitEducation1763800000000, AuditLogMigration, SubjectRegionMigration],
  'public-security': [InitPublicSecurity1763800000000, AuditLogMigration, SubjectRegionMigration, PersonKeysCollateC1764300000000],
  health: [InitHealth1763800000000, AuditLogMigration, SubjectRegionMigration],
  'medical-insurance': [InitMedicalInsurance1763800000000, AuditLogMigration, SubjectRegionMigration],
  'disabled-persons': [InitDisabledPersons1763800000000, AuditLogMigration, SubjectRegionMigration],
} as const;

/** The gateway's own database (`hub_gateway`): its audit log of authorized operations and its log of refusals. */
export const gatewayMigrations = [GatewayAuditLog1764000000000, GatewayRefusalLog1764700000000] as const;
