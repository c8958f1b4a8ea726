import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { RequiresScopes } from '@hub/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum ParentRelation {
  FATHER = 'FATHER',
  MOTHER = 'MOTHER',
}
registerEnumType(ParentRelation, {
  name: 'ParentRelation',
  description: '亲子关系：父亲、母亲',
  valuesConfig: { FATHER: { description: '父亲' }, MOTHER: { description: '母亲' } },
});

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
