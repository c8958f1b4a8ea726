import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The open findings of a page's children, found by child: a recorded page closes those its CLEAR results
 * answer. Probing the primary key once per (rule, child) pair of the page (about 5,000 a page) cost ~9 ms a
 * page; this index holds only open findings, so it stays small however many the years resolve.
 */
export class OpenFindingsByChild1764400000000 implements MigrationInterface {
  name = 'OpenFindingsByChild1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS finding_open_child_idx ON finding (child_id) WHERE status IN ('OPEN', 'IN_PROGRESS')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS finding_open_child_idx');
  }
}
