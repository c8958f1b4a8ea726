import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The appraisal (考核) of child directors and supervisors (docs/ledger.md#workforce): one result per person and
 * period (a year, `2026`, or a half year, `2026-H1`), recorded by the district or city that appraised them, once
 * per client key. Who recorded it, when, and the request that did are kept on the row; nothing updates or deletes it.
 * With it, an index of the ledger children by director, for the caseloads the workforce list shows a page at a time.
 */
export class Appraisal1765500000000 implements MigrationInterface {
  name = 'Appraisal1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE appraisal (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        person_id   text NOT NULL,
        person_kind text NOT NULL CHECK (person_kind IN ('DIRECTOR', 'SUPERVISOR')),
        period      text NOT NULL CHECK (period ~ '^[0-9]{4}(-H[12])?$'),
        result      text NOT NULL CHECK (result IN ('EXCELLENT', 'PASS', 'BASIC', 'FAIL')),
        score       numeric(4, 1) CHECK (score BETWEEN 0 AND 100),
        remarks     text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        request_id  text NOT NULL,
        request_key uuid NOT NULL UNIQUE,
        UNIQUE (person_id, period)
      )`);
    // A director's caseload (the ledger children assigned to them) is counted for a page of people at a time.
    await q.query(`CREATE INDEX child_record_director_idx ON child_record (director_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX child_record_director_idx`);
    await q.query(`DROP TABLE appraisal`);
  }
}
