import { createHash } from 'node:crypto';
import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLCompositeType,
  type GraphQLError,
  type GraphQLSchema,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionNode,
  type SelectionSetNode,
  visit,
  type ASTNode,
} from 'graphql';
import { AuthorizationPolicy, type ScopeRequirement, unauthorizedField, unmetRequirement } from '@hub/service-kit';

/** Link specs the gateway enforces itself; `@apollo/gateway` would refuse a supergraph that links them `for: SECURITY`. */
const SECURITY_SPECS = ['https://specs.apollo.dev/authenticated/', 'https://specs.apollo.dev/requiresScopes/'];
const SECURITY_DIRECTIVES = new Set(['authenticated', 'requiresScopes']);

/**
 * Splits the supergraph into the policy (read from its `@requiresScopes`/`@authenticated`) and the SDL handed
 * to `@apollo/gateway` for planning, with those security features removed. Safe only because the gateway
 * filters every operation against the policy before the planner sees it (`AuthorizingGateway`).
 */
export function separateSecurityFeatures(supergraphSdl: string): { policy: AuthorizationPolicy; plannerSdl: string } {
  const doc = parse(supergraphSdl);
  const policy = AuthorizationPolicy.fromSdl(doc);
  const stripped = visit(doc, {
    Directive(node) {
      if (SECURITY_DIRECTIVES.has(node.name.value)) return null;
      if (node.name.value === 'link') {
        const url = node.arguments?.find((a) => a.name.value === 'url');
        if (url?.value.kind === Kind.STRING && SECURITY_SPECS.some((s) => (url.value as { value: string }).value.startsWith(s)))
          return null;
      }
      return undefined;
    },
    DirectiveDefinition(node) {
      return SECURITY_DIRECTIVES.has(node.name.value) ? null : undefined;
    },
    ScalarTypeDefinition(node) {
      return node.name.value.startsWith('requiresScopes__') ? null : undefined;
    },
  });
  return { policy, plannerSdl: print(stripped) };
}

/** A field removed from an operation: where it was asked for, what it is and what the caller lacks. */
interface DeniedField {
  /** Response path (aliases, no list indices). */
  path: string[];
  coordinate: string;
  requirement: ScopeRequirement;
}

interface FilteredOperation {
  document: DocumentNode;
  denied: DeniedField[];
  /** Every field coordinate the filtered operation still requests (for the audit log). */
  requested: string[];
  /** Paths where a placeholder `__typename` keeps an object whose every field was denied. */
  placeholders: string[][];
  /** True when nothing at the root is left to execute. */
  empty: boolean;
}

/** Distinct (operation, scope set) filters the gateway keeps; a full cache starts over (operations are few). */
const FILTERED_OPERATIONS_KEPT = 2_000;

/** Alias of the `__typename` kept where every field of an object was denied; removed from the response. */
const PLACEHOLDER = '_hubAuthzPlaceholder';

/**
 * Removes from the operation every field the scopes do not satisfy, before planning. Fragments are inlined
 * (their filtering does not depend on where they are spread), unused variables dropped, and the result is a
 * document with the one operation to execute.
 */
function filterOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  policy: AuthorizationPolicy,
  scopes: ReadonlySet<string>,
): FilteredOperation {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const denied: DeniedField[] = [];
  const requested = new Set<string>();
  const placeholders: string[][] = [];

  const filterSet = (set: SelectionSetNode, parent: GraphQLCompositeType, path: string[]): SelectionNode[] => {
    const out: SelectionNode[] = [];
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const kept = filterField(sel, parent, path);
        if (kept) out.push(kept);
      } else {
        const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : fragments.get(sel.name.value);
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        if (!condition || !(isObjectType(condition) || isInterfaceType(condition) || 'getTypes' in condition)) continue;
        const inner = filterSet(fragment.selectionSet, condition as GraphQLCompositeType, path);
        if (inner.length === 0) continue;
        out.push({
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: fragment.typeCondition,
          directives: sel.directives,
          selectionSet: { kind: Kind.SELECTION_SET, selections: inner },
        });
      }
    }
    return out;
  };

  const filterField = (field: FieldNode, parent: GraphQLCompositeType, path: string[]): FieldNode | null => {
    const name = field.name.value;
    if (name.startsWith('__')) return field; // __typename, and introspection (governed by the server's setting)
    if (!(isObjectType(parent) || isInterfaceType(parent))) return field; // validation already rejected it
    const def = parent.getFields()[name];
    if (!def) return field;
    const returnType = getNamedType(def.type);
    const responseKey = field.alias?.value ?? name;
    const coordinate = `${parent.name}.${name}`;
    const unmet = unmetRequirement(policy.requirementsOf(parent.name, name, returnType.name), scopes);
    if (unmet) {
      denied.push({ path: [...path, responseKey], coordinate, requirement: unmet });
      return null;
    }
    requested.add(coordinate);
    if (!field.selectionSet) return field;
    const childPath = [...path, responseKey];
    let inner = filterSet(field.selectionSet, returnType as GraphQLCompositeType, childPath);
    if (inner.length === 0) {
      // Every sub-field denied: keep the object (its fields come back null with errors) via a placeholder.
      placeholders.push(childPath);
      inner = [{ kind: Kind.FIELD, alias: { kind: Kind.NAME, value: PLACEHOLDER }, name: { kind: Kind.NAME, value: '__typename' } }];
    }
    return { ...field, selectionSet: { kind: Kind.SELECTION_SET, selections: inner } };
  };

  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) throw new Error(`no root type for ${operation.operation}`);
  const selections = filterSet(operation.selectionSet, root, []);
  // Keep only the variables the filtered operation still uses.
  const used = new Set<string>();
  const filteredOp: OperationDefinitionNode = { ...operation, selectionSet: { kind: Kind.SELECTION_SET, selections } };
  visit(filteredOp.selectionSet as ASTNode, { Variable: (v) => void used.add(v.name.value) });
  const withDirectives = operation.directives ?? [];
  for (const d of withDirectives) visit(d, { Variable: (v) => void used.add(v.name.value) });
  const finalOp: OperationDefinitionNode = {
    ...filteredOp,
    variableDefinitions: operation.variableDefinitions?.filter((v) => used.has(v.variable.name.value)),
  };
  return {
    document: { kind: Kind.DOCUMENT, definitions: [finalOp] },
    denied,
    requested: [...requested].sort(),
    placeholders,
    empty: selections.length === 0,
  };
}

/** Sets `null` at every denied path in the response (through lists) and drops placeholder keys. */
function shapeResponse(data: Record<string, unknown> | null | undefined, filtered: FilteredOperation): void {
  if (!data) return;
  const walk = (node: unknown, path: string[], apply: (obj: Record<string, unknown>, key: string) => void): void => {
    if (node === null || node === undefined) return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, path, apply);
      return;
    }
    if (typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (path.length === 1) return apply(obj, path[0]);
    walk(obj[path[0]], path.slice(1), apply);
  };
  for (const d of filtered.denied) walk(data, d.path, (obj, key) => void (obj[key] = null));
  for (const p of filtered.placeholders) walk(data, [...p, PLACEHOLDER], (obj, key) => void delete obj[key]);
}

export interface AuthorizationDecision {
  requestContext: GatewayGraphQLRequestContext;
  filtered: FilteredOperation;
  rejected: boolean;
}

export interface AuthorizingGatewayOptions {
  policy: AuthorizationPolicy;
  /** Strict mode: any unauthorized field rejects the whole operation instead of nulling that field. */
  rejectUnauthorized: boolean;
  /** The caller's scopes from the request context. */
  scopesOf(context: unknown): readonly string[];
  /** Told of every decision (the gateway's audit log). */
  onDecision?(decision: AuthorizationDecision): void;
}

/**
 * Wraps `@apollo/gateway`: every operation is filtered against the policy before the planner sees it, and the
 * plan is cached under the filtered operation's own hash — so a plan built for one caller's permitted fields is
 * never served to another caller who sent the same query text.
 */
export class AuthorizingGateway implements GatewayInterface {
  constructor(
    private readonly inner: GatewayInterface,
    private readonly opts: AuthorizingGatewayOptions,
  ) {}

  onSchemaLoadOrUpdate(callback: Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0]): () => void {
    return this.inner.onSchemaLoadOrUpdate(callback);
  }

  async stop(): Promise<void> {
    await this.inner.stop();
  }

  async load(options: Parameters<GatewayInterface['load']>[0]): Promise<{ executor: GatewayExecutor | null }> {
    const loaded = await this.inner.load(options);
    const executor = loaded.executor;
    if (!executor) return loaded;
    return { executor: (rc) => this.execute(rc, executor) };
  }

  /**
   * Filtered operations by (schema, query hash, operation name, scope set): the filter depends on nothing else, and
   * an agency developer sends the same few operations all day under one token. Bounded; cleared with the schema.
   */
  private readonly filteredCache = new Map<string, { filtered: FilteredOperation; printed: string; hash: string }>();
  private cachedSchema: GraphQLSchema | undefined;

  private filter(rc: GatewayGraphQLRequestContext): { filtered: FilteredOperation; printed: string; hash: string } {
    if (rc.schema !== this.cachedSchema) {
      this.filteredCache.clear();
      this.cachedSchema = rc.schema;
    }
    const scopes = [...new Set(this.opts.scopesOf(rc.context))].sort();
    const key = `${rc.queryHash}\u0000${rc.operationName ?? ''}\u0000${scopes.join(' ')}`;
    let entry = this.filteredCache.get(key);
    if (!entry) {
      const filtered = filterOperation(rc.schema, rc.document, rc.operation, this.opts.policy, new Set(scopes));
      const printed = print(filtered.document);
      entry = { filtered, printed, hash: createHash('sha256').update(printed).digest('hex') };
      if (this.filteredCache.size >= FILTERED_OPERATIONS_KEPT) this.filteredCache.clear();
      this.filteredCache.set(key, entry);
    }
    return entry;
  }

  private async execute(rc: GatewayGraphQLRequestContext, executor: GatewayExecutor) {
    const { filtered, printed, hash } = this.filter(rc);
    const errors = filtered.denied.map((d) => unauthorizedField(d.coordinate, d.requirement, d.path));
    const rejected = this.opts.rejectUnauthorized && errors.length > 0;
    this.opts.onDecision?.({ requestContext: rc, filtered, rejected });
    if (rejected) return { errors };
    if (filtered.empty) {
      return { data: Object.fromEntries(filtered.denied.filter((d) => d.path.length === 1).map((d) => [d.path[0], null])), errors };
    }
    const operation = filtered.document.definitions[0] as OperationDefinitionNode;
    const result = await executor({
      ...rc,
      document: filtered.document,
      operation,
      source: printed,
      queryHash: hash,
    });
    if (errors.length === 0 && filtered.placeholders.length === 0) return result;
    shapeResponse(result.data, filtered);
    return { ...result, errors: [...errors, ...((result.errors as GraphQLError[] | undefined) ?? [])] };
  }
}
