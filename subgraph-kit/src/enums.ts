import { GENDER, type CodeList } from '@hub/domain';
import { registerEnumType } from 'type-graphql';

/**
 * Registers a code list of @hub/domain as a GraphQL enum (its name, description and each value's description)
 * and returns the enum object type-graphql needs: code → stored value (the code itself, or `value` where the
 * list gives one). The list is the one definition; entities, rules and the dashboard all read it.
 */
export function registerCodeList<C extends string>(list: CodeList<C>): { readonly [K in C]: K } {
  const codes = Object.entries(list.codes) as [C, CodeList<C>['codes'][C]][];
  const enumObject = Object.fromEntries(codes.map(([code, c]) => [code, c.value ?? code])) as { readonly [K in C]: K };
  registerEnumType(enumObject, {
    name: list.name,
    description: list.description,
    valuesConfig: Object.fromEntries(codes.map(([code, c]) => [code, { description: c.description }])) as Partial<
      Record<C, { description: string }>
    >,
  });
  return enumObject;
}

/**
 * Gender as every register records it: GraphQL names the values MALE/FEMALE, databases store 'M'/'F' (the
 * GB 11643 sequence parity). One enum for all agencies, so the composed graph has one `Gender`.
 */
export const Gender = registerCodeList(GENDER) as unknown as { readonly MALE: 'M'; readonly FEMALE: 'F' };
export type Gender = (typeof Gender)[keyof typeof Gender];
