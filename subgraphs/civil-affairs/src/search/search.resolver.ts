import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { badUserInput, jurisdictionPatterns } from '@hub/service-kit';
import { checkRegionPrefix, RequiresScopes, type SubgraphContext } from '@hub/subgraph-kit';
import { placeName } from '../cases/case.store';
import { Child } from '../entities/child.type';
import { searchKey } from './name-index';

const MATCHED_BY = ['姓名', '同音', '拼音', '首字母', '身份证号'] as const;

@RequiresScopes('child:basic')
@ObjectType({ description: '按姓名、拼音或身份证号找到的一名台账儿童' })
export class ChildMatch {
  @Field(() => Child, { description: '儿童（其各部门数据按调用者权限与辖区）' })
  child!: Child;

  @Field(() => String, { description: '匹配方式：姓名、同音、拼音、首字母、身份证号' })
  matchedBy!: (typeof MATCHED_BY)[number];

  @RequiresScopes('welfare:read')
  @Field(() => String, { description: '实际居住地（地名）' })
  placeName!: string;
}

/**
 * Finding a child (docs/cases.md#finding-a-child): by name — exact, homophone, partial, pinyin or initials —
 * or by the full ID number (exact only), among the ledger children of the caller's jurisdiction. Every child
 * returned is in the subgraph's audit log like any other read.
 */
@Resolver()
export class SearchResolver {
  @RequiresScopes('child:basic')
  @Query(() => [ChildMatch], {
    description: '找儿童：输入姓名（同音字、拼音、首字母亦可）或完整身份证号（仅精确匹配），在本人辖区的台账儿童中查找；最多 50 条',
  })
  async searchChildren(
    @Arg('text', () => String, { description: '姓名、拼音、首字母或 18 位身份证号' }) text: string,
    @Arg('regionPrefix', () => String, { nullable: true, description: '限定区划（前缀）' }) regionPrefix: string | null,
    @Arg('first', () => Int, { defaultValue: 20, description: '条数（1–50）' }) first: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ChildMatch[]> {
    if (!Number.isInteger(first) || first < 1 || first > 50) throw badUserInput(`条数须在 1 到 50 之间: ${first}`);
    if (text.length > 60) throw badUserInput('查找内容最多 60 字');
    if (regionPrefix != null) checkRegionPrefix(regionPrefix);
    const key = searchKey(text);
    if (!key) throw badUserInput('请输入姓名（至少一个汉字）、拼音（至少两个字母）或 18 位身份证号');
    const params: unknown[] = [jurisdictionPatterns(ctx.principal), regionPrefix ? `${regionPrefix}%` : '%'];
    const area = `(c.residence_region LIKE ANY($1) OR c.hukou_region LIKE ANY($1)) AND (c.residence_region LIKE $2 OR c.hukou_region LIKE $2)`;
    let sql: string;
    if (key.kind === 'idNumber') {
      params.push(key.value);
      sql = `SELECT c.id, c.residence_region, 4 AS how FROM child_record c WHERE c.id_number = $3 AND ${area}`;
    } else if (key.kind === 'chinese') {
      params.push(key.text, key.fuzzy);
      sql = `SELECT c.id, c.residence_region,
                    CASE WHEN c.name LIKE '%' || $3 || '%' THEN 0 ELSE 1 END AS how,
                    CASE WHEN c.name = $3 THEN 0 WHEN i.fuzzy = $4 THEN 1 WHEN c.name LIKE '%' || $3 || '%' THEN 2 ELSE 3 END AS rank
               FROM child_record c LEFT JOIN child_name_index i ON i.child_id = c.id
              WHERE (c.name LIKE '%' || $3 || '%' OR i.fuzzy = $4 OR i.fuzzy LIKE $4 || '%') AND ${area}`;
    } else {
      params.push(key.fuzzy, key.letters);
      sql = `SELECT c.id, c.residence_region,
                    CASE WHEN i.fuzzy LIKE $3 || '%' THEN 2 ELSE 3 END AS how,
                    CASE WHEN i.fuzzy = $3 THEN 0 WHEN i.fuzzy LIKE $3 || '%' THEN 1 ELSE 2 END AS rank
               FROM child_record c JOIN child_name_index i ON i.child_id = c.id
              WHERE (i.fuzzy LIKE $3 || '%' OR i.initials LIKE $4 || '%') AND ${area}`;
    }
    sql += key.kind === 'idNumber' ? ` LIMIT ${first}` : ` ORDER BY rank, c.name, c.id LIMIT ${first}`;
    const rows = (await ctx.db.query(sql, params)) as { id: string; residence_region: string; how: number }[];
    return rows.map((r) => ({ child: { id: r.id }, matchedBy: MATCHED_BY[r.how], placeName: placeName(r.residence_region) }));
  }
}
