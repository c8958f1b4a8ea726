import { Authenticated } from './directives';
import { GraphQLError } from 'graphql';
import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * Keyset pagination: the cursor is the opaque, encoded key of the last row of the previous page, so a
 * page costs one index range scan however deep it is (an OFFSET walks every row it skips).
 */
function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

/** Decodes an `after` argument; `shape` is what a key of this page may look like (anything else is forged). */
export function decodeCursor(cursor: string | null | undefined, shape: RegExp = /^.{1,200}$/): string | null {
  if (cursor == null || cursor === '') return null;
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw badCursor(cursor);
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key || !shape.test(key)) throw badCursor(cursor);
  return key;
}

/** Shape of a pseudonymous id (base64url HMAC, or a longer issued key): the key of child and person pages. */
export const ID_KEY_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

function badCursor(cursor: string): GraphQLError {
  return new GraphQLError(`无效的分页游标: ${JSON.stringify(cursor)}`, { extensions: { code: 'BAD_USER_INPUT' } });
}

const MAX_PAGE_SIZE = 5000;

export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new GraphQLError(`每页条数须在 1 到 ${MAX_PAGE_SIZE} 之间: ${first}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return first;
}

@Authenticated()
@ObjectType({ description: '分页信息' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => String, { nullable: true, description: '本页最后一条的游标，传给下一次查询的 after' })
  endCursor!: string | null;

  @Field(() => Boolean, { description: '是否还有下一页' })
  hasNextPage!: boolean;
}

/**
 * Turns `first + 1` rows fetched in key order into a page: the extra row only tells whether another
 * page exists.
 */
export function toPage<T>(rows: T[], first: number, keyOf: (row: T) => string): { nodes: T[]; pageInfo: PageInfo } {
  const hasNextPage = rows.length > first;
  const nodes = hasNextPage ? rows.slice(0, first) : rows;
  const last = nodes[nodes.length - 1];
  return { nodes, pageInfo: { endCursor: last ? encodeCursor(keyOf(last)) : null, hasNextPage } };
}
