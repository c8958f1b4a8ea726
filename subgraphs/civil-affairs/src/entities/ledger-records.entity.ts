import { HELP_KIND, type CodeOf } from '@hub/domain';
import { DateScalar, registerCodeList, RequiresScopes } from '@hub/subgraph-kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const HelpKind = registerCodeList(HELP_KIND);
export type HelpKind = CodeOf<typeof HELP_KIND>;

/** One entry of the work log kept in the child's file (工作日志, 一人一档). */
@Entity('work_log')
@RequiresScopes('welfare:read')
@ObjectType({ description: '工作日志（一人一档）' })
export class WorkLogEntry {
  @PrimaryColumn({ type: 'bigint' })
  @Field(() => ID, { description: '记录编号' })
  id!: string;

  @Column({ name: 'child_id', type: 'varchar', length: 64 })
  childId!: string;

  @Column({ name: 'worked_on', type: 'date' })
  @Field(() => DateScalar, { description: '日期' })
  workedOn!: string;

  @Column('text')
  @Field(() => String, { description: '工作内容' })
  content!: string;

  @Column('text')
  @Field(() => String, { description: '记录人（用户标识）' })
  author!: string;

  @Column({ name: 'author_role', type: 'text' })
  @Field(() => String, { description: '记录人角色' })
  authorRole!: string;

  @Column({ name: 'request_key', type: 'uuid' })
  requestKey!: string;
}

/** Help given to the child (关爱帮扶记录): what, by whom, and where the child was referred. */
@Entity('help_record')
@RequiresScopes('welfare:read')
@ObjectType({ description: '关爱帮扶记录' })
export class HelpRecord {
  @PrimaryColumn({ type: 'bigint' })
  @Field(() => ID, { description: '记录编号' })
  id!: string;

  @Column({ name: 'child_id', type: 'varchar', length: 64 })
  childId!: string;

  @Column({ name: 'helped_on', type: 'date' })
  @Field(() => DateScalar, { description: '帮扶日期' })
  helpedOn!: string;

  @Column('text')
  @Field(() => HelpKind, { description: '帮扶类型' })
  kind!: HelpKind;

  @Column('text')
  @Field(() => String, { description: '帮扶内容' })
  content!: string;

  @Column('text')
  @Field(() => String, { description: '帮扶提供方（人员、单位或社会组织）' })
  provider!: string;

  @Column({ name: 'referred_to', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '转介至（部门或机构；未转介为空）' })
  referredTo!: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  @Field(() => String, { description: '记录人（用户标识）' })
  recordedBy!: string;

  @Column({ name: 'request_key', type: 'uuid' })
  requestKey!: string;
}
