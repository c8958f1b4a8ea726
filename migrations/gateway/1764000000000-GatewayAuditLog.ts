import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The gateway's own audit log (database `hub_gateway`): one row per operation it authorized — who, for what
 * purpose, which operation (name and hash of the text as sent), which fields were requested and which denied,
 * how long it took and how it ended. Append-only by trigger and hash-chained like the agencies' `audit_log`;
 * `hub audit verify` proves both.
 */
export class GatewayAuditLog1764000000000 implements MigrationInterface {
  name = 'GatewayAuditLog1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE gateway_audit_log (
        seq              bigint PRIMARY KEY,
        at               timestamptz NOT NULL,
        request_id       text NOT NULL,
        subject          text NOT NULL,
        roles            text[] NOT NULL,
        purpose          text NOT NULL,
        operation_name   text,
        operation_hash   char(64) NOT NULL,
        fields_requested text[] NOT NULL,
        fields_denied    text[] NOT NULL,
        duration_ms      integer NOT NULL CHECK (duration_ms >= 0),
        outcome          text NOT NULL CHECK (outcome IN ('ALLOWED', 'PARTIAL', 'REJECTED', 'ERROR')),
        prev_hash        char(64) NOT NULL,
        hash             char(64) NOT NULL UNIQUE
      );
      CREATE INDEX gateway_audit_log_request_idx ON gateway_audit_log (request_id);
      CREATE INDEX gateway_audit_log_subject_idx ON gateway_audit_log (subject, at);

      CREATE FUNCTION gateway_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'gateway_audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER gateway_audit_log_no_change BEFORE UPDATE OR DELETE ON gateway_audit_log
        FOR EACH ROW EXECUTE FUNCTION gateway_audit_log_append_only();
      CREATE TRIGGER gateway_audit_log_no_truncate BEFORE TRUNCATE ON gateway_audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION gateway_audit_log_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE gateway_audit_log; DROP FUNCTION gateway_audit_log_append_only()`);
  }
}
