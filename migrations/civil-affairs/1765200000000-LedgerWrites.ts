import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The ledger kept in the hub (docs/ledger.md): visits recorded by the people who make them, risk-colour assessments
 * with their history, entrusted-care agreements signed, work-log entries and help given, and a change log of every
 * write (who, when, before and after). Each write carries the
 * client's own key (`request_key`), so a retry — a phone that lost its signal — records nothing twice.

 */
export class LedgerWrites1765200000000 implements MigrationInterface {
  name = 'LedgerWrites1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE visit
        ADD COLUMN recorded_by  text,
        ADD COLUMN recorded_at  timestamptz,
        ADD COLUMN next_due_on  date,
        ADD COLUMN request_key  uuid UNIQUE`);
    await q.query(`
      ALTER TABLE care_agreement
        ADD COLUMN recorded_by  text,
        ADD COLUMN recorded_at  timestamptz,
        ADD COLUMN request_key  uuid UNIQUE`);
    await q.query(`
      CREATE TABLE work_log (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        child_id    varchar(64) COLLATE "C" NOT NULL,
        worked_on   date NOT NULL,
        content     text NOT NULL,
        author      text NOT NULL,
        author_role text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        request_key uuid NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX work_log_child_idx ON work_log (child_id, worked_on DESC)`);
    await q.query(`
      CREATE TABLE help_record (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        child_id    varchar(64) COLLATE "C" NOT NULL,
        helped_on   date NOT NULL,
        kind        text NOT NULL,
        content     text NOT NULL,
        provider    text NOT NULL,
        referred_to text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        request_key uuid NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX help_record_child_idx ON help_record (child_id, helped_on DESC)`);
    await q.query(`
      CREATE TABLE risk_assessment (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        child_id        varchar(64) COLLATE "C" NOT NULL,
        assessed_on     date NOT NULL,
        colour          text NOT NULL CHECK (colour IN ('RED', 'YELLOW', 'BLUE', 'GREEN')),
        previous_colour text CHECK (previous_colour IN ('RED', 'YELLOW', 'BLUE', 'GREEN')),
        factors         text[] NOT NULL,
        reason          text NOT NULL,
        assessor        text NOT NULL,
        assessor_role   text NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        request_key     uuid NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX risk_assessment_child_idx ON risk_assessment (child_id, recorded_at DESC)`);
    await q.query(`
      CREATE TABLE ledger_change (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at          timestamptz NOT NULL DEFAULT clock_timestamp(),
        child_id    varchar(64) COLLATE "C" NOT NULL,
        entity      text NOT NULL,
        entity_id   text NOT NULL,
        action      text NOT NULL,
        before      jsonb,
        after       jsonb NOT NULL,
        actor       text NOT NULL,
        actor_roles text[] NOT NULL,
        request_id  text NOT NULL,
        -- The client's key of a change that has no row of its own (a record update): a retry finds it here.
        request_key uuid UNIQUE
      )`);
    await q.query(`CREATE INDEX ledger_change_child_idx ON ledger_change (child_id, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_change, risk_assessment, help_record, work_log`);
    await q.query(`ALTER TABLE care_agreement DROP COLUMN recorded_by, DROP COLUMN recorded_at, DROP COLUMN request_key`);
    await q.query(`ALTER TABLE visit DROP COLUMN recorded_by, DROP COLUMN recorded_at, DROP COLUMN next_due_on, DROP COLUMN request_key`);
  }
}
