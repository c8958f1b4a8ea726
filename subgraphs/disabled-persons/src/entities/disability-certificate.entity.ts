import { DISABILITY_TYPE, CERTIFICATE_STATUS, type CodeOf } from '@hub/domain';
import { registerCodeList, DateScalar, RequiresScopes } from '@hub/subgraph-kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Categories of GB/T 26341-2010 (残疾人残疾分类和分级). */
export const DisabilityType = registerCodeList(DISABILITY_TYPE);
export type DisabilityType = CodeOf<typeof DISABILITY_TYPE>;

export const CertificateStatus = registerCodeList(CERTIFICATE_STATUS);
export type CertificateStatus = CodeOf<typeof CERTIFICATE_STATUS>;

@Entity('disability_certificate')
@RequiresScopes('dpf:disability')
@ObjectType({ description: '残疾人证（第二代）' })
export class DisabilityCertificate {
  @PrimaryColumn({ name: 'certificate_no', type: 'varchar', length: 22 })
  @Field(() => String, { description: '残疾人证号' })
  certificateNo!: string;

  /** The pseudonymous id, not the ID number the certificate number is derived from. */
  @Column({ name: 'person_id', type: 'varchar', length: 64 })
  @Field(() => ID, { description: '持证人的假名化标识（可作为 Child.id 或 Parent.id 关联）' })
  holderId!: string;

  @Column('text')
  @Field(() => DisabilityType, { description: '残疾类别' })
  type!: DisabilityType;

  @Column('smallint')
  @Field(() => Int, { description: '残疾等级（1–4 级，一级最重）' })
  level!: number;

  @Column({ name: 'issued_on', type: 'date' })
  @Field(() => DateScalar, { description: '发证日期' })
  issuedOn!: string;

  @Column({ name: 'valid_until', type: 'date' })
  @Field(() => DateScalar, { description: '有效期至' })
  validUntil!: string;

  @Column('text')
  @Field(() => CertificateStatus, { description: '证件状态' })
  status!: CertificateStatus;

  @Column({ name: 'status_since', type: 'date' })
  @Field(() => DateScalar, { description: '状态起始日期' })
  statusSince!: string;

  @Column({ name: 'issuing_region', type: 'varchar', length: 6 })
  @Field(() => String, { description: '发证地（县级区划代码）' })
  issuingRegion!: string;
}
