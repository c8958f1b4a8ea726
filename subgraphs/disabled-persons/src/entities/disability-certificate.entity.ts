import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, RequiresScopes } from '@hub/shared';

/** Categories of GB/T 26341-2010 (残疾人残疾分类和分级). */
export enum DisabilityType {
  VISUAL = 'VISUAL',
  HEARING = 'HEARING',
  SPEECH = 'SPEECH',
  PHYSICAL = 'PHYSICAL',
  INTELLECTUAL = 'INTELLECTUAL',
  MENTAL = 'MENTAL',
  MULTIPLE = 'MULTIPLE',
}
registerEnumType(DisabilityType, {
  name: 'DisabilityType',
  description: '残疾类别：视力、听力、言语、肢体、智力、精神、多重',
  valuesConfig: {
    VISUAL: { description: '视力残疾' },
    HEARING: { description: '听力残疾' },
    SPEECH: { description: '言语残疾' },
    PHYSICAL: { description: '肢体残疾' },
    INTELLECTUAL: { description: '智力残疾' },
    MENTAL: { description: '精神残疾' },
    MULTIPLE: { description: '多重残疾' },
  },
});

export enum CertificateStatus {
  VALID = 'VALID',
  EXPIRED = 'EXPIRED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(CertificateStatus, {
  name: 'CertificateStatus',
  description: '残疾人证状态：有效、过期、注销',
  valuesConfig: {
    VALID: { description: '有效' },
    EXPIRED: { description: '已过有效期' },
    CANCELLED: { description: '已注销' },
  },
});

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
