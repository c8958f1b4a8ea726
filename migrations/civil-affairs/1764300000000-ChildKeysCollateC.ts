import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Every column holding a child's id compares bytewise, like `child_record.id` (COLLATE "C", for keyset
 * paging): with differing collations PostgreSQL cannot use these columns' indexes in a correlated comparison
 * with `child_record.id` (the same trap that made public security scan `parent_link` per person).
 */
export class ChildKeysCollateC1764300000000 implements MigrationInterface {
  name = 'ChildKeysCollateC1764300000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['care_agreement', 'visit', 'support', 'guardianship_revocation', 'finding']) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN child_id TYPE varchar(64) COLLATE "C"`);
    }
    // A changed column type drops its statistics; without them the planner misjudges joins on it.
    await q.query('ANALYZE care_agreement, visit, support, guardianship_revocation, finding');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['care_agreement', 'visit', 'support', 'guardianship_revocation', 'finding']) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN child_id TYPE varchar(64) COLLATE "default"`);
    }
  }
}
