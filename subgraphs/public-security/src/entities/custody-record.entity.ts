import { CUSTODY_KIND, type CodeOf } from '@hub/domain';
import { registerCodeList, DateScalar, RequiresScopes } from '@hub/subgraph-kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const CustodyKind = registerCodeList(CUSTODY_KIND);
export type CustodyKind = CodeOf<typeof CUSTODY_KIND>;

@Entity('custody_record')
@RequiresScopes('ps:custody')
@ObjectType({ description: '限制人身自由记录（服刑在押、强制隔离戒毒等）' })
export class CustodyRecord {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 64 })
  personId!: string;

  @Column('text')
  @Field(() => CustodyKind, { description: '类型' })
  kind!: CustodyKind;

  @Column('date')
  @Field(() => DateScalar, { description: '起始日期' })
  since!: string;

  @Column({ name: 'term_months', type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: '期限（月），无固定期限为空' })
  termMonths!: number | null;

  @Column({ name: 'released_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '解除（释放）日期，尚未解除为空' })
  releasedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '执行机关（监狱、戒毒所等）' })
  institution!: string | null;
}
