import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Screening rounds (摸底排查, docs/ledger.md#screening-rounds): a district or the city opens a round for an area
 * (一年两排, the quarterly sweep of migrant children, a special round) with a date it is due by; each village's
 * child director, supervisor or caseworker reports what the village found (children checked, newly registered,
 * changed); the district closes it. Reports are only ever added: a village that reports again adds a row, and the
 * latest counts. Each row carries the client's key, so a retry records nothing twice.
 */
export class ScreeningRounds1765400000000 implements MigrationInterface {
  name = 'ScreeningRounds1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE screening_round (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind        text NOT NULL CHECK (kind IN ('TWICE_YEARLY', 'MIGRANT_QUARTERLY', 'SPECIAL')),
        title       text NOT NULL,
        region      text NOT NULL CHECK (region ~ '^[0-9]{2,12}$'),
        opened_on   date NOT NULL,
        due_on      date NOT NULL CHECK (due_on >= opened_on),
        opened_by   text NOT NULL,
        status      text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
        closed_at   timestamptz,
        closed_by   text,
        close_note  text,
        request_id  text,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        request_key uuid NOT NULL UNIQUE,
        CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX screening_round_region_idx ON screening_round (region text_pattern_ops, opened_on DESC)`);
    await q.query(`
      CREATE TABLE screening_report (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        round_id         bigint NOT NULL REFERENCES screening_round (id),
        village_code     text NOT NULL CHECK (village_code ~ '^[0-9]{12}$'),
        children_checked integer NOT NULL CHECK (children_checked >= 0),
        newly_registered integer NOT NULL CHECK (newly_registered >= 0),
        changed          integer NOT NULL CHECK (changed >= 0),
        notes            text,
        reported_by      text NOT NULL,
        reporter_roles   text[] NOT NULL,
        request_id       text,
        reported_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
        request_key      uuid NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX screening_report_village_idx ON screening_report (round_id, village_code, reported_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE screening_report`);
    await q.query(`DROP TABLE screening_round`);
  }
}
