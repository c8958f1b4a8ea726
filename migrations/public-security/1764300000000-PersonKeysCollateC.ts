import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every column holding a person's id compares bytewise, like `person.id` (COLLATE "C", for keyset paging).
 * With the default collation on the referencing side, PostgreSQL cannot use their indexes in a correlated
 * comparison with `person.id` (the collations differ), and fell back to a sequential scan of `parent_link`
 * per person in the jurisdiction and discovery statements: 7 s for one page of 500 at 20,000 children.
 */
export class PersonKeysCollateC1764300000000 implements MigrationInterface {
  name = 'PersonKeysCollateC1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE parent_link ALTER COLUMN child_id TYPE varchar(64) COLLATE "C", ALTER COLUMN parent_id TYPE varchar(64) COLLATE "C";
      ALTER TABLE residence_permit ALTER COLUMN person_id TYPE varchar(64) COLLATE "C";
      ALTER TABLE custody_record ALTER COLUMN person_id TYPE varchar(64) COLLATE "C";
      ALTER TABLE missing_report ALTER COLUMN person_id TYPE varchar(64) COLLATE "C";
      ALTER TABLE subject_region ALTER COLUMN person_id TYPE varchar(64) COLLATE "C";
    `);
    // A changed column type drops its statistics; without them the planner misjudges these joins again.
    await q.query('ANALYZE parent_link, residence_permit, custody_record, missing_report, subject_region');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE parent_link ALTER COLUMN child_id TYPE varchar(64) COLLATE "default", ALTER COLUMN parent_id TYPE varchar(64) COLLATE "default";
      ALTER TABLE residence_permit ALTER COLUMN person_id TYPE varchar(64) COLLATE "default";
      ALTER TABLE custody_record ALTER COLUMN person_id TYPE varchar(64) COLLATE "default";
      ALTER TABLE missing_report ALTER COLUMN person_id TYPE varchar(64) COLLATE "default";
      ALTER TABLE subject_region ALTER COLUMN person_id TYPE varchar(64) COLLATE "default";
    `);
  }
}
