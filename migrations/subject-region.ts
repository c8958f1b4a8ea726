import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The regions an agency has on record for each person it holds data about (学籍、健康档案、参保、残疾人证
 * all record 户籍地 and 现住址): the hukou and residence region codes. Row-level jurisdiction reads them, so
 * a child's records in this agency are visible to the hukou place and the residence place alike — wherever
 * the record itself was made (a Chongqing resident insured at a Sichuan hukou place, a school across a
 * district line). Used by public security (its residence registration, 居住登记, kept for every person it
 * registers), education, health, medical insurance and the disabled persons' federation.
 */
export class SubjectRegionMigration implements MigrationInterface {
  name = 'SubjectRegion1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subject_region (
        person_id        varchar(64) PRIMARY KEY,
        hukou_region     varchar(12),
        residence_region varchar(12) NOT NULL
      );
      CREATE INDEX subject_region_hukou_idx ON subject_region (hukou_region text_pattern_ops);
      CREATE INDEX subject_region_residence_idx ON subject_region (residence_region text_pattern_ops);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE subject_region`);
  }
}
