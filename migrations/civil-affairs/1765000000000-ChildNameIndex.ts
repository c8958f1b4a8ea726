import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Finding a child by name as people type it (docs/cases.md#finding-a-child): each ledger child's name as
 * toneless pinyin, loosened for the sounds people confuse (zh/z, ch/c, sh/s, n/l, -ng/-n), and its initials.
 * The civil-affairs service keeps it current from `child_record.name` (the name is kept to notice a change).
 */
export class ChildNameIndex1765000000000 implements MigrationInterface {
  name = 'ChildNameIndex1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE child_name_index (
        child_id  varchar(64) COLLATE "C" PRIMARY KEY,
        name      text NOT NULL,
        fuzzy     text COLLATE "C" NOT NULL,
        initials  text COLLATE "C" NOT NULL
      );
      CREATE INDEX child_name_index_fuzzy_idx ON child_name_index (fuzzy text_pattern_ops);
      CREATE INDEX child_name_index_initials_idx ON child_name_index (initials text_pattern_ops);
      CREATE INDEX child_record_name_idx ON child_record (name);
      CREATE INDEX child_record_id_number_idx ON child_record (id_number) WHERE id_number IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE child_name_index; DROP INDEX child_record_name_idx, child_record_id_number_idx`);
  }
}
