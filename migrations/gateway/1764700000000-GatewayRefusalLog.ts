import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The gateway's record of the requests it refused (401, 403, 400, 429 and limit refusals), aggregated: one row
 * per caller (or client address when the caller is unknown), reason and minute, with how many times it happened
 * and the first operation hashes seen. An attacker cannot fill the disk with it: at most one row per key and
 * minute, and a bounded number of keys per minute (the rest are counted in one overflow row). Append-only by
 * trigger and hash-chained like the gateway's audit log; `hub audit verify` proves it.
 */
export class GatewayRefusalLog1764700000000 implements MigrationInterface {
  name = 'GatewayRefusalLog1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE gateway_refusal_log (
        seq              bigint PRIMARY KEY,
        at               timestamptz NOT NULL,
        window_start     timestamptz NOT NULL,
        subject          text,
        roles            text[] NOT NULL,
        purpose          text,
        reason           text NOT NULL,
        client_address   text NOT NULL,
        operation_hashes text[] NOT NULL,
        refusals         integer NOT NULL CHECK (refusals > 0),
        prev_hash        char(64) NOT NULL,
        hash             char(64) NOT NULL UNIQUE
      );
      CREATE INDEX gateway_refusal_log_subject_idx ON gateway_refusal_log (subject, window_start);

      CREATE FUNCTION gateway_refusal_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'gateway_refusal_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER gateway_refusal_log_no_change BEFORE UPDATE OR DELETE ON gateway_refusal_log
        FOR EACH ROW EXECUTE FUNCTION gateway_refusal_log_append_only();
      CREATE TRIGGER gateway_refusal_log_no_truncate BEFORE TRUNCATE ON gateway_refusal_log
        FOR EACH STATEMENT EXECUTE FUNCTION gateway_refusal_log_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE gateway_refusal_log; DROP FUNCTION gateway_refusal_log_append_only()`);
  }
}
