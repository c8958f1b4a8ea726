import { getNamedType, GraphQLError, type GraphQLObjectType, type GraphQLSchema, isIntrospectionType, isObjectType } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, type IRules, rule, shield } from 'graphql-shield';
import {
  type AuthorizationPolicy,
  type ScopeRequirement,
  unauthorizedField,
  unmetRequirement,
  UNAUTHORIZED_FIELD_OR_TYPE,
} from '@hub/service-kit';

type Rule = typeof allow | ReturnType<ReturnType<typeof rule>>;

/** Federation plumbing the gateway needs; carries no personal data by itself (entities are checked per field). */
const FEDERATION_FIELDS: Record<string, string[]> = { Query: ['_entities', '_service'], _Service: ['sdl'] };

interface ScopedContext {
  principal?: { scopes: readonly string[] };
  /** The request carries the gateway's own identity (`x-hub-gateway`, verified). */
  viaGateway?: boolean;
}

/**
 * The federation's internals — lookups by key (`_entities`, the gateway's join) and the subgraph's own schema
 * (`_service`) — answer the gateway only. Each entity's fields keep their scope rules, for the gateway too.
 */
const gatewayOnly = rule('gateway only', { cache: 'contextual' })((_parent, _args, ctx: ScopedContext, info) =>
  ctx.viaGateway
    ? true
    : new GraphQLError(`${info.parentType.name}.${info.fieldName} 仅供数据共享网关调用`, {
        extensions: { code: 'FORBIDDEN' },
      }),
);

/**
 * graphql-shield rules generated from the schema's own `@requiresScopes`/`@authenticated` directives:
 * the subgraph enforces the same policy as the gateway, so calling it directly with a weak token yields
 * the same denials. Every field needs a declared policy; anything undeclared is denied.
 */
function shieldRulesFor(schema: GraphQLSchema, policy: AuthorizationPolicy): Record<string, Record<string, Rule>> {
  const rules = new Map<string, Rule>();
  const ruleFor = (requirements: ScopeRequirement[]): Rule => {
    if (requirements.length === 0) return allow; // @authenticated only: the context already verified the token
    const key = JSON.stringify(requirements);
    let r = rules.get(key);
    if (!r) {
      // One evaluation per request and requirement ('contextual'); the principal does not change mid-request.
      r = rule(`scopes ${key}`, { cache: 'contextual' })((_parent, _args, ctx: ScopedContext, info) => {
        const unmet = unmetRequirement(requirements, new Set(ctx.principal?.scopes ?? []));
        return unmet ? unauthorizedField(`${info.parentType.name}.${info.fieldName}`, unmet) : true;
      });
      rules.set(key, r);
    }
    return r;
  };

  const tree: Record<string, Record<string, Rule>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const fieldRules: Record<string, Rule> = {};
    for (const [name, field] of Object.entries(type.getFields())) {
      const returnType = getNamedType(field.type).name;
      if (type.name === 'Query' && FEDERATION_FIELDS.Query.includes(name)) fieldRules[name] = gatewayOnly;
      else if (FEDERATION_FIELDS[type.name]?.includes(name)) fieldRules[name] = allow;
      else if (policy.declares(type.name, name, returnType)) {
        fieldRules[name] = ruleFor(policy.requirementsOf(type.name, name, returnType));
      } else fieldRules[name] = deny;
    }
    tree[type.name] = fieldRules;
  }
  return tree;
}

/**
 * Fields that need no wrapper of their own, because the wrapper could only ever say yes:
 * - declared fields with no scope to check (`@authenticated` only: the context has already verified the token);
 * - fields of a non-entity type all of whose requirements are among that type's own (including the field's
 *   return type's, e.g. a list of evidence under a rule result): such a type can only be reached through a
 *   field returning it, and that field's rule already demanded the type's scopes in the same request.
 * Skipping them spares a promise per field; a page of rule results has tens of thousands of them.
 */
function coveredFields(schema: GraphQLSchema, policy: AuthorizationPolicy): Set<string> {
  const entities = new Set(
    (schema.getType('_Entity') as { getTypes?: () => { name: string }[] } | undefined)?.getTypes?.().map((t) => t.name) ?? [],
  );
  const out = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const reachedOnlyThroughItsType = !entities.has(type.name) && type.name !== 'Query' && type.name !== 'Mutation';
    const typeReq = new Set(policy.requirementsOf(type.name, '__type__', type.name).map((r) => JSON.stringify(r)));
    for (const [name, field] of Object.entries(type.getFields())) {
      const returnType = getNamedType(field.type).name;
      if (FEDERATION_FIELDS[type.name]?.includes(name) || !policy.declares(type.name, name, returnType)) continue;
      const req = policy.requirementsOf(type.name, name, returnType);
      if (req.length === 0 || (reachedOnlyThroughItsType && req.every((r) => typeReq.has(JSON.stringify(r)))))
        out.add(`${type.name}.${name}`);
    }
  }
  return out;
}

/** Applies the generated shield after `buildSubgraphSchema` (federation fields allowed, deny by default). */
export function applyAuthorizationShield(schema: GraphQLSchema, policy: AuthorizationPolicy): GraphQLSchema {
  const middleware = shield(shieldRulesFor(schema, policy) as IRules, {
    fallbackRule: deny,
    fallbackError: (_err, _parent, _args, _ctx, info) =>
      new GraphQLError(`字段 ${info.parentType.name}.${info.fieldName} 未声明访问策略，默认拒绝（Unauthorized field or type）`, {
        extensions: { code: UNAUTHORIZED_FIELD_OR_TYPE },
      }),
    // Resolver errors (bad input, not found) pass through unchanged; only denials are shield's own.
    allowExternalErrors: true,
    debug: false,
  });
  const shielded = applyMiddleware(schema, middleware);
  for (const coordinate of coveredFields(schema, policy)) {
    const [typeName, fieldName] = coordinate.split('.');
    const original = (schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName];
    (shielded.getType(typeName) as GraphQLObjectType).getFields()[fieldName].resolve = original.resolve;
  }
  return shielded;
}
