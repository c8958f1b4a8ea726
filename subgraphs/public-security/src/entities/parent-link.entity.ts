import { PARENT_RELATION, type CodeOf } from '@hub/domain';
import { registerCodeList, RequiresScopes } from '@hub/subgraph-kit';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ParentRelation = registerCodeList(PARENT_RELATION);
export type ParentRelation = CodeOf<typeof PARENT_RELATION>;

/** 亲子关系: the `parent` and `child` ends are resolved as entity references in the resolver. */
@Entity('parent_link')
@RequiresScopes('ps:household')
@ObjectType({ description: '亲子关系（户籍登记）' })
export class ParentLink {
  @PrimaryColumn({ name: 'child_id', type: 'varchar', length: 64 })
  childId!: string;

  @PrimaryColumn({ name: 'parent_id', type: 'varchar', length: 64 })
  parentId!: string;

  @Column('text')
  @Field(() => ParentRelation, { description: '与儿童的关系' })
  relation!: ParentRelation;
}
