import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNullableType,
  GraphQLError,
  isListType,
  Kind,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { OperationLimits } from './limits';

/** What an operation was refused for: the limit it exceeded, its bound and what the operation asked. */
export interface LimitRefusal {
  limit: keyof OperationLimits;
  max: number;
  actual: number | null;
}

const OPERATION_LIMIT_EXCEEDED = 'OPERATION_LIMIT_EXCEEDED';

/** Size of a list nobody said the size of (a child's parents, enrolments, certificates…). */
const UNSIZED_LIST = 5;

/**
 * How many items a field asks for: `first:`/`last:`, or the length of the id list it is given. A paged field
 * multiplies its whole selection when it selects its items (`nodes`, `edges`, or through a fragment): only a
 * count (`roster(first: 1000000) { totalCount }`) costs what it costs, and the field's own page-size check
 * answers it. A list field without a size counts as 5.
 */
const listCost: ComplexityEstimator = ({ field, node, args, childComplexity }) => {
  const asked =
    typeof args.first === 'number'
      ? args.first
      : typeof args.last === 'number'
        ? args.last
        : Array.isArray(args.ids)
          ? args.ids.length
          : Array.isArray(args.representations)
            ? args.representations.length
            : null;
  const selectsItems =
    isListType(getNullableType(field.type)) ||
    (node.selectionSet?.selections ?? []).some((s) => s.kind !== Kind.FIELD || s.name.value === 'nodes' || s.name.value === 'edges');
  if (asked !== null) return 1 + (selectsItems ? Math.max(asked, 1) : 1) * childComplexity;
  // A page's `nodes`: its size is its parent's `first:`, already counted.
  if (isListType(getNullableType(field.type)) && field.name !== 'nodes') return 1 + UNSIZED_LIST * childComplexity;
  return 1 + childComplexity;
};

/** Which armor rule found which limit exceeded, for the refusal's code. */
function armorRule(
  limit: 'depth' | 'aliases' | 'directives',
  n: number,
  found: { rejected: boolean; actual: number | null },
): ValidationRule {
  const options = {
    n,
    exposeLimits: true,
    // Told, not thrown: the refusal below carries the hub's code and names the limit.
    propagateOnRejection: false,
    onReject: [
      (_ctx: unknown, error: GraphQLError) => {
        const m = /found (\d+)/.exec(error.message);
        found.rejected = true;
        found.actual = m ? Number(m[1]) : null;
      },
    ],
  };
  if (limit === 'depth') return maxDepthRule({ ...options, ignoreIntrospection: true }) as unknown as ValidationRule;
  if (limit === 'aliases') return maxAliasesRule(options) as unknown as ValidationRule;
  return maxDirectivesRule(options) as unknown as ValidationRule;
}

/**
 * Checks an operation against the caller's limits before it is planned or executed: depth, aliases and directives
 * with graphql-armor's rules, cost with graphql-query-complexity over the list sizes asked for. Returns the first
 * limit exceeded, or null. Throws a BAD_USER_INPUT error when the variables cannot be read for the estimate.
 *
 * The answer is kept per parsed document (Apollo Server keeps one per query text), operation, limits and the values
 * of the variables a size can come from (`Int` and list variables: `first: $n`, `ids: $ids`). The checks walk the
 * whole operation four times; asked for one child at a time with the same query, the gateway spent about a tenth of
 * its CPU on them (issue 16).
 */
export function exceededLimit(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  limits: OperationLimits,
): LimitRefusal | null {
  let bySchema = decided.get(schema);
  if (!bySchema) decided.set(schema, (bySchema = new WeakMap()));
  let byDocument = bySchema.get(document);
  if (!byDocument) bySchema.set(document, (byDocument = new Map()));
  const key = decisionKey(operation, variables, limits);
  const known = byDocument.get(key);
  if (known !== undefined) return known;
  const refusal = checkLimits(schema, document, operation, variables, limits);
  // Bounded: an operation asked with ever new page sizes does not grow this for ever.
  if (byDocument.size >= DECISIONS_PER_DOCUMENT) byDocument.clear();
  byDocument.set(key, refusal);
  return refusal;
}

const decided = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, LimitRefusal | null>>>();
const DECISIONS_PER_DOCUMENT = 64;

/**
 * What a decision depends on besides the document: the operation, the limits, and every variable the cost estimate
 * reads — `Int` (a `first:`), lists (an `ids:` list, by its length only) and `Boolean` (`@include`/`@skip` decide
 * which fields count). A variable left out is told apart from one sent as null: left out, its default applies. A
 * variable of any other type (`$id: ID!`, a cursor, an input object) cannot change the estimate.
 */
function decisionKey(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, limits: OperationLimits): string {
  const sizes: unknown[] = [];
  for (const def of operation.variableDefinitions ?? []) {
    const type = def.type.kind === Kind.NON_NULL_TYPE ? def.type.type : def.type;
    if (type.kind !== Kind.LIST_TYPE && type.name.value !== 'Int' && type.name.value !== 'Boolean') continue;
    const name = def.variable.name.value;
    const given = variables !== undefined && Object.hasOwn(variables, name);
    const value: unknown = given ? variables[name] : undefined;
    sizes.push(name, !given ? 'absent' : Array.isArray(value) ? { length: value.length } : { value });
  }
  return JSON.stringify([
    operation.name?.value ?? null,
    operation.loc?.start ?? null,
    limits.depth,
    limits.aliases,
    limits.directives,
    limits.cost,
    sizes,
  ]);
}

function checkLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  limits: OperationLimits,
): LimitRefusal | null {
  const single: DocumentNode = {
    ...document,
    definitions: document.definitions.filter((d) => d.kind !== 'OperationDefinition' || d === operation),
  };
  for (const limit of ['depth', 'aliases', 'directives'] as const) {
    const found = { rejected: false, actual: null as number | null };
    validate(schema, single, [armorRule(limit, limits[limit], found)]);
    if (found.rejected) return { limit, max: limits[limit], actual: found.actual };
  }
  let cost: number;
  try {
    cost = getComplexity({ schema, query: single, variables: variables ?? {}, estimators: [listCost] });
  } catch (err) {
    throw new GraphQLError(`无法估算操作的代价：${(err as Error).message.slice(0, 200)}`, {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
  return cost > limits.cost ? { limit: 'cost', max: limits.cost, actual: cost } : null;
}

/** The coded error of a refusal, naming the limit (HTTP 400). */
export function limitError(refusal: LimitRefusal): GraphQLError {
  const names: Record<keyof OperationLimits, string> = {
    depth: '查询嵌套层数',
    aliases: '别名数量',
    directives: '指令数量',
    cost: '估算代价',
    bodyBytes: '请求体大小',
    perMinute: '每分钟请求数',
  };
  return new GraphQLError(
    `操作超出限制：${names[refusal.limit]}上限 ${refusal.max}${refusal.actual === null ? '' : `，本操作为 ${refusal.actual}`}`,
    {
      extensions: {
        code: OPERATION_LIMIT_EXCEEDED,
        limit: refusal.limit,
        max: refusal.max,
        ...(refusal.actual === null ? {} : { actual: refusal.actual }),
        http: { status: 400 },
      },
    },
  );
}
