import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The workforce ledger (儿童主任信息台账, docs/ledger.md#workforce): every training a child director or supervisor
 * took (date, course, hours, passed), recorded by the district or city that ran it, once per client key. The
 * people's own `trained_on` keeps the date of the last training passed.
 */
export class Workforce1765300000000 implements MigrationInterface {
  name = 'Workforce1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE training_event (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        person_id   text NOT NULL,
        person_kind text NOT NULL CHECK (person_kind IN ('DIRECTOR', 'SUPERVISOR')),
        trained_on  date NOT NULL,
        course      text NOT NULL,
        hours       numeric(5, 1) NOT NULL CHECK (hours > 0),
        passed      boolean NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        request_key uuid NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX training_event_person_idx ON training_event (person_id, trained_on DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE training_event`);
  }
}
