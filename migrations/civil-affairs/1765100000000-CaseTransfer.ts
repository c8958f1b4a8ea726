import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A referral that hands the case over (移交主办): when the receiving office accepts the task, it becomes the case's
 * responsible office (docs/cases.md#referral-and-transfer) — a mandatory report passes from public security, which
 * accepted it, to civil affairs, which assesses and helps.
 */
export class CaseTransfer1765100000000 implements MigrationInterface {
  name = 'CaseTransfer1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_task ADD COLUMN transfer boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_task DROP COLUMN transfer`);
  }
}
