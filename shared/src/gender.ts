import { registerEnumType } from 'type-graphql';

/**
 * Gender as every register records it: GraphQL names the values MALE/FEMALE, databases store 'M'/'F'
 * (the GB 11643 sequence parity). One enum for all agencies, so the composed graph has one `Gender`.
 */
export enum Gender {
  MALE = 'M',
  FEMALE = 'F',
}
registerEnumType(Gender, {
  name: 'Gender',
  description: '性别',
  valuesConfig: { MALE: { description: '男' }, FEMALE: { description: '女' } },
});
