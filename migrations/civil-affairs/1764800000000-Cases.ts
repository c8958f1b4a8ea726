import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Cases (docs/cases.md): what a finding, a mandatory report or a staff entry becomes so that the agency that must
 * act receives it, answers it and closes it with its history.
 *
 * - `hub_case`: one per finding (rule, child) for its whole life — a run that finds it again reopens the same
 *   case, so its history continues — or one per report or staff entry. The place (residence, or where an
 *   unidentified child was found) and the hukou place decide which offices see it; the responsible office owns it.
 * - `case_task`: what one agency's office must do, by when, and its answer (核实反馈).
 * - `case_event`: the append-only history: every step, who took it, and why.
 * - `finding_run`: which open findings a run saw (flagged or inconclusive), so a run closes only those it did not
 *   see itself — two overlapping runs no longer close each other's findings.
 */
export class Cases1764800000000 implements MigrationInterface {
  name = 'Cases1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hub_case (
        id                    uuid PRIMARY KEY,
        source                text NOT NULL CHECK (source IN ('FINDING', 'MANDATORY_REPORT', 'STAFF')),
        rule                  text,
        child_id              varchar(64) COLLATE "C",
        child_description     text,
        place_region          varchar(12) NOT NULL,
        hukou_region          varchar(12),
        responsible_agency    text NOT NULL,
        responsible_region    varchar(12) NOT NULL,
        status                text NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'AWAITING_APPROVAL', 'CLOSED', 'DISMISSED')),
        summary               text NOT NULL,
        closure_approval      boolean NOT NULL DEFAULT false,
        fingerprint           char(64),
        dismissed_fingerprint char(64),
        opened_at             timestamptz NOT NULL DEFAULT now(),
        opened_on             date NOT NULL,
        last_seen_on          date,
        last_run              uuid,
        closed_at             timestamptz,
        closed_by_run         uuid,
        assignee              text,
        updated_at            timestamptz NOT NULL DEFAULT now(),
        CHECK (source <> 'FINDING' OR (rule IS NOT NULL AND child_id IS NOT NULL))
      );
      CREATE UNIQUE INDEX hub_case_finding_idx ON hub_case (rule, child_id) WHERE source = 'FINDING';
      CREATE INDEX hub_case_place_idx ON hub_case (place_region text_pattern_ops);
      CREATE INDEX hub_case_hukou_idx ON hub_case (hukou_region text_pattern_ops) WHERE hukou_region IS NOT NULL;
      CREATE INDEX hub_case_child_idx ON hub_case (child_id);

      CREATE TABLE case_task (
        id           uuid PRIMARY KEY,
        case_id      uuid NOT NULL REFERENCES hub_case(id),
        agency       text NOT NULL,
        region       varchar(12) NOT NULL,
        action       text NOT NULL,
        due_on       date NOT NULL,
        status       text NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'ANSWERED', 'DECLINED', 'CLOSED')),
        assignee     text,
        answer       text CHECK (answer IN ('CONFIRMED', 'CORRECTED_AT_SOURCE', 'NOT_CONFIRMED')),
        answer_note  text,
        answered_by  text,
        answered_at  timestamptz,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX case_task_case_idx ON case_task (case_id);
      CREATE INDEX case_task_inbox_idx ON case_task (agency, region text_pattern_ops, status);

      CREATE TABLE case_event (
        seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id      uuid NOT NULL REFERENCES hub_case(id),
        task_id      uuid REFERENCES case_task(id),
        at           timestamptz NOT NULL DEFAULT now(),
        actor        text NOT NULL,
        actor_agency text,
        kind         text NOT NULL,
        note         text,
        detail       jsonb,
        run_id       uuid
      );
      CREATE INDEX case_event_case_idx ON case_event (case_id, seq);

      CREATE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER case_event_no_change BEFORE UPDATE OR DELETE ON case_event
        FOR EACH ROW EXECUTE FUNCTION case_event_append_only();
      CREATE TRIGGER case_event_no_truncate BEFORE TRUNCATE ON case_event
        FOR EACH STATEMENT EXECUTE FUNCTION case_event_append_only();

      CREATE TABLE finding_run (
        run_id   uuid NOT NULL,
        rule     text NOT NULL,
        child_id varchar(64) COLLATE "C" NOT NULL,
        PRIMARY KEY (run_id, rule, child_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE finding_run, case_event, case_task, hub_case; DROP FUNCTION case_event_append_only()`);
  }
}
