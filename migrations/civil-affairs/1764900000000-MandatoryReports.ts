import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Mandatory reports (强制报告, docs/cases.md#mandatory-reports) are cases whose source is a report: who filed it
 * (token subject, for "my reports"), for which organisation, and which of the statutory situations it reports.
 */
export class MandatoryReports1764900000000 implements MigrationInterface {
  name = 'MandatoryReports1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE hub_case
        ADD COLUMN reporter      text,
        ADD COLUMN reporter_org  text,
        ADD COLUMN report_kind   text CHECK (report_kind IN ('LIVING_ALONE', 'MISSING', 'DOMESTIC_VIOLENCE', 'UNLAWFUL_HARM', 'OTHER')),
        ADD CONSTRAINT hub_case_report_check CHECK (source <> 'MANDATORY_REPORT' OR (reporter IS NOT NULL AND report_kind IS NOT NULL));
      CREATE INDEX hub_case_reporter_idx ON hub_case (reporter, opened_at DESC) WHERE reporter IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE hub_case DROP CONSTRAINT hub_case_report_check, DROP COLUMN reporter, DROP COLUMN reporter_org, DROP COLUMN report_kind`,
    );
  }
}
