import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The ledger's statistics kept month by month (docs/ledger.md#statistics): per township, the figures of the scorecard
 * as of the month's last day (or the day it was last counted, for the month under way), so a trend can be drawn and
 * the year exported for the yearly report. The nightly job counts the month under way and finishes the month before.
 */
export class LedgerStatistics1765450000000 implements MigrationInterface {
  name = 'LedgerStatistics1765450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_stat_month (
        month             date NOT NULL CHECK (extract(day FROM month) = 1),
        region            text NOT NULL CHECK (region ~ '^[0-9]{9}$'),
        as_of             date NOT NULL,
        children          integer NOT NULL,
        left_behind       integer NOT NULL,
        with_agreement    integer NOT NULL,
        visited_in_time   integer NOT NULL,
        new_cases         integer NOT NULL,
        cases_closed      integer NOT NULL,
        closed_in_time    integer NOT NULL,
        directors         integer NOT NULL,
        trained_directors integer NOT NULL,
        counted_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
        counted_by        text NOT NULL,
        PRIMARY KEY (month, region)
      )`);
    await q.query(`CREATE INDEX ledger_stat_month_region_idx ON ledger_stat_month (region text_pattern_ops, month)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_stat_month`);
  }
}
