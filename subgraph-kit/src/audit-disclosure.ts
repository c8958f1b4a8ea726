import {
  defaultFieldResolver,
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * What a subgraph response disclosed, for the audit log: every `Type.field` that resolved without error and
 * the `Type:id` of every object one of those fields belongs to.
 *
 * It is read off the response after execution rather than recorded by a `willResolveField` hook on every
 * field: graphql-shield hands a denial back as the field's value, so the hook saw a denied field as
 * resolved and the audit listed it as disclosed. In the response a denied field is an error at its path.
 * The only thing the response may lack is an object's id (a caller need not select it), so the fields
 * returning objects that have an `id` note the ids of what they return, by response path, in the
 * request's `disclosedIds` (`instrumentEntityIds`).
 */

/** Response path of a field (`roster.nodes`), as graphql-js gives it in `info.path`. */
function pathKey(path: { prev: unknown; key: string | number } | undefined): string {
  const keys: (string | number)[] = [];
  for (let p = path; p; p = p.prev as typeof path) keys.push(p.key);
  return keys.reverse().join('.');
}

interface WithDisclosedIds {
  disclosedIds?: Map<string, string>;
}

function note(ids: Map<string, string>, at: string, value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (item && typeof (item as PromiseLike<unknown>).then === 'function')
        void Promise.resolve(item).then(
          (v) => note(ids, `${at}.${i}`, v),
          () => {},
        );
      else note(ids, `${at}.${i}`, item);
    });
    return;
  }
  const id = (value as { id?: unknown }).id;
  if (typeof id === 'string') ids.set(at, id);
}

/**
 * Wraps the resolvers of fields whose values are objects with an `id` (or may be: unions and interfaces,
 * e.g. `_entities`), so each notes the ids of the objects it returns under their response paths.
 */
export function instrumentEntityIds(schema: GraphQLSchema): GraphQLSchema {
  const hasId = (t: GraphQLObjectType) => 'id' in t.getFields();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!(isAbstractType(named) || (isObjectType(named) && hasId(named)))) continue;
      const resolve: GraphQLFieldResolver<unknown, WithDisclosedIds> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, ctx: WithDisclosedIds, info) => {
        const value = resolve(source, args, ctx, info);
        const ids = ctx?.disclosedIds;
        if (!ids) return value;
        const at = pathKey(info.path);
        if (value && typeof (value as PromiseLike<unknown>).then === 'function') {
          return Promise.resolve(value).then((v) => {
            note(ids, at, v);
            return v;
          });
        }
        note(ids, at, value);
        return value;
      };
    }
  }
  return schema;
}

const NOT_DISCLOSURES = new Set(['_entities', '_service', '__typename', '__schema', '__type']);

export interface Disclosure {
  fields: Set<string>;
  ids: Set<string>;
  types: Set<string>;
}

/** Walks the response data with the operation's selections; see the module comment. */
export function disclosedByResponse(opts: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  data: Record<string, unknown> | null | undefined;
  errors?: readonly { path?: readonly (string | number)[] }[];
  variables?: Record<string, unknown>;
  ids: Map<string, string>;
}): Disclosure {
  const out: Disclosure = { fields: new Set(), ids: new Set(), types: new Set() };
  const operation = opts.document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION && (!opts.operationName || d.name?.value === opts.operationName),
  );
  if (!operation || !opts.data) return out;
  const fragments = new Map(
    opts.document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const failed = new Set((opts.errors ?? []).map((e) => (e.path ?? []).join('.')));
  const root = operation.operation === 'mutation' ? opts.schema.getMutationType() : opts.schema.getQueryType();
  if (!root) return out;
  const representations = opts.variables?.representations;

  const applies = (condition: string | undefined, type: GraphQLObjectType) => {
    if (!condition || condition === type.name) return true;
    const t = opts.schema.getType(condition);
    return !!t && isAbstractType(t) && opts.schema.isSubType(t, type);
  };

  /** One object of the response: its fields that resolved, then what they returned. Returns whether any field resolved. */
  const walkObject = (type: GraphQLObjectType, selections: SelectionSetNode, value: Record<string, unknown>, at: string): void => {
    let resolved = false;
    const visit = (set: SelectionSetNode) => {
      for (const sel of set.selections) {
        if (sel.kind === Kind.INLINE_FRAGMENT) {
          if (applies(sel.typeCondition?.name.value, type)) visit(sel.selectionSet);
          continue;
        }
        if (sel.kind === Kind.FRAGMENT_SPREAD) {
          const f = fragments.get(sel.name.value);
          if (f && applies(f.typeCondition.name.value, type)) visit(f.selectionSet);
          continue;
        }
        const name = sel.name.value;
        const key = sel.alias?.value ?? name;
        if (name === '__typename' || !(key in value)) continue;
        const path = at ? `${at}.${key}` : key;
        if (failed.size && failed.has(path)) continue;
        const def = type.getFields()[name];
        if (!def) continue;
        if (!NOT_DISCLOSURES.has(name) && !type.name.startsWith('_')) {
          out.fields.add(`${type.name}.${name}`);
          resolved = true;
        }
        if (sel.selectionSet) walkValue(getNamedType(def.type), sel.selectionSet, value[key], path, name === '_entities');
      }
    };
    visit(selections);
    const id = resolved ? (opts.ids.get(at) ?? (typeof value.id === 'string' ? value.id : undefined)) : undefined;
    if (id !== undefined && 'id' in type.getFields()) {
      out.ids.add(`${type.name}:${id}`);
      out.types.add(type.name);
    }
  };

  const walkValue = (
    named: ReturnType<typeof getNamedType>,
    selections: SelectionSetNode,
    value: unknown,
    at: string,
    entities: boolean,
  ): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (item === null || typeof item !== 'object') return;
        // An entity's type: the response's __typename, else the representation it answers.
        const typeName =
          (item as { __typename?: string }).__typename ??
          (entities && Array.isArray(representations)
            ? (representations[i] as { __typename?: string } | undefined)?.__typename
            : undefined);
        walkOne(named, typeName, selections, item as Record<string, unknown>, `${at}.${i}`);
      });
      return;
    }
    if (typeof value === 'object')
      walkOne(named, (value as { __typename?: string }).__typename, selections, value as Record<string, unknown>, at);
  };

  const walkOne = (
    named: ReturnType<typeof getNamedType>,
    typeName: string | undefined,
    selections: SelectionSetNode,
    value: Record<string, unknown>,
    at: string,
  ) => {
    if (isObjectType(named)) return walkObject(named, selections, value, at);
    if (!isAbstractType(named)) return;
    const candidates = typeName ? [opts.schema.getType(typeName)] : opts.schema.getPossibleTypes(named);
    // Without a type name (never for `_entities`), every possible type's selections count: more, never less.
    for (const t of candidates) if (t && isObjectType(t)) walkObject(t, selections, value, at);
  };

  walkObject(root, operation.selectionSet, opts.data, '');
  return out;
}
