import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The nightly reconciliation's record in civil affairs (docs/architecture.md, "The path of a nightly run"): runs (with a checkpoint so a killed
 * job resumes, and a heartbeat that keeps a second run from starting while one is alive), the pages each
 * run recorded (so a page recorded twice counts once), and findings — one per (rule, child), upserted
 * idempotently, with the caseworkers' workflow OPEN → IN_PROGRESS → RESOLVED | DISMISSED.
 */
export class Reconciliation1764200000000 implements MigrationInterface {
  name = 'Reconciliation1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reconciliation_run (
        id            uuid PRIMARY KEY,
        as_of         date NOT NULL,
        region        text NOT NULL,
        rules         text[] NOT NULL,
        status        text NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'PARTIAL', 'FAILED')),
        started_at    timestamptz NOT NULL DEFAULT now(),
        finished_at   timestamptz,
        heartbeat_at  timestamptz NOT NULL DEFAULT now(),
        started_by    text NOT NULL,
        checkpoint    jsonb,
        pages_done    integer NOT NULL DEFAULT 0,
        children      integer NOT NULL DEFAULT 0,
        unavailable   jsonb NOT NULL DEFAULT '{}'::jsonb,
        summary       jsonb
      );
      CREATE INDEX reconciliation_run_started_idx ON reconciliation_run (started_at DESC);

      CREATE TABLE reconciliation_page (
        run_id     uuid NOT NULL REFERENCES reconciliation_run(id),
        page_key   text NOT NULL,
        children   integer NOT NULL,
        counts     jsonb NOT NULL,
        unavailable jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, page_key)
      );

      CREATE TABLE finding (
        rule             text NOT NULL,
        child_id         varchar(64) NOT NULL,
        family           text NOT NULL,
        status           text NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'RESOLVED', 'DISMISSED')),
        reason           text NOT NULL,
        evidence         jsonb NOT NULL,
        region           varchar(12),
        first_seen_on    date NOT NULL,
        last_seen_on     date NOT NULL,
        first_run        uuid NOT NULL,
        last_run         uuid NOT NULL,
        resolved_on      date,
        resolved_by_run  uuid,
        assignee         text,
        note             text,
        updated_at       timestamptz NOT NULL DEFAULT now(),
        updated_by       text NOT NULL,
        PRIMARY KEY (rule, child_id)
      );
      CREATE INDEX finding_status_idx ON finding (status, rule);
      CREATE INDEX finding_region_idx ON finding (region text_pattern_ops);
      CREATE INDEX finding_last_run_idx ON finding (last_run);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE finding, reconciliation_page, reconciliation_run`);
  }
}
