import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The audit log every agency keeps of what it disclosed (docs/access.md): append-only — a trigger
 * refuses UPDATE, DELETE and TRUNCATE — and hash-chained: each row carries the hash of the previous
 * row and its own hash over its content and that previous hash, so `hub audit verify` can prove the
 * chain and point at the first row that was altered. The same table in every agency's database.
 */
export class AuditLogMigration implements MigrationInterface {
  name = 'AuditLog1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        seq          bigint PRIMARY KEY,
        at           timestamptz NOT NULL,
        request_id   text NOT NULL,
        subject      text NOT NULL,
        roles        text[] NOT NULL,
        purpose      text NOT NULL,
        operation    text,
        entity_type  text,
        entity_ids   text[] NOT NULL,
        fields       text[] NOT NULL,
        outcome      text NOT NULL CHECK (outcome IN ('DISCLOSED', 'ERROR')),
        prev_hash    char(64) NOT NULL,
        hash         char(64) NOT NULL UNIQUE
      );
      CREATE INDEX audit_log_request_idx ON audit_log (request_id);
      CREATE INDEX audit_log_entity_idx ON audit_log USING gin (entity_ids);

      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log; DROP FUNCTION audit_log_append_only()`);
  }
}
