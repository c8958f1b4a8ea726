import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The columns referring to `person.id`. */
const COLUMNS = [
  ['parent_link', 'child_id'],
  ['parent_link', 'parent_id'],
  ['residence_permit', 'person_id'],
  ['custody_record', 'person_id'],
  ['missing_report', 'person_id'],
  ['subject_region', 'person_id'],
] as const;

async function collate(q: QueryRunner, collation: string): Promise<void> {
  for (const [table, column] of COLUMNS) await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE varchar(64) COLLATE ${collation}`);
}

/**
 * Every column holding a person's id compares bytewise, like `person.id` (COLLATE "C", for keyset paging).
 * With the default collation on the referencing side, PostgreSQL cannot use their indexes in a correlated
 * comparison with `person.id` (the collations differ), and fell back to a sequential scan of `parent_link`
 * per person in the jurisdiction and discovery statements: 7 s for one page of 500 at 20,000 children.
 */
export class PersonKeysCollateC1764300000000 implements MigrationInterface {
  name = 'PersonKeysCollateC1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await collate(q, '"C"');
    // A changed column type drops its statistics; without them the planner misjudges these joins again.
    await q.query(`ANALYZE ${[...new Set(COLUMNS.map(([table]) => table))].join(', ')}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await collate(q, '"default"');
  }
}
