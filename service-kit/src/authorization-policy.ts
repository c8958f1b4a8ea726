import {
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  GraphQLError,
  Kind,
  type ListValueNode,
  type StringValueNode,
  type ConstDirectiveNode,
} from 'graphql';

/**
 * One authorization policy, declared once in the subgraph schemas with the federation directives
 * `@requiresScopes` and `@authenticated`, read back from SDL by both enforcement points: the gateway (from
 * the supergraph) and each subgraph's graphql-shield (from its own SDL).
 *
 * Semantics are Apollo Router's: `scopes: [["a", "b"], ["c"]]` means (a AND b) OR c; a directive on a type
 * applies to every field returning that type; the requirements of a field, its parent type and its return
 * type must all hold.
 */

/** Alternatives (OR) of scope sets (AND). */
export type ScopeRequirement = readonly (readonly string[])[];

interface Declared {
  requirements: ScopeRequirement[];
  authenticated: boolean;
}

/** The policy read from an SDL document (a subgraph's or the supergraph). */
export class AuthorizationPolicy {
  private readonly types = new Map<string, Declared>();
  private readonly fields = new Map<string, Declared>();

  static fromSdl(doc: DocumentNode): AuthorizationPolicy {
    const policy = new AuthorizationPolicy();
    for (const def of doc.definitions) {
      if (
        def.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        def.kind !== Kind.OBJECT_TYPE_EXTENSION &&
        def.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
        def.kind !== Kind.INTERFACE_TYPE_EXTENSION &&
        def.kind !== Kind.SCALAR_TYPE_DEFINITION &&
        def.kind !== Kind.ENUM_TYPE_DEFINITION
      ) {
        continue;
      }
      policy.declare(policy.types, def.name.value, def.directives ?? []);
      if ('fields' in def) {
        for (const f of def.fields ?? []) policy.declare(policy.fields, `${def.name.value}.${f.name.value}`, f.directives ?? []);
      }
    }
    return policy;
  }

  private declare(into: Map<string, Declared>, key: string, directives: readonly ConstDirectiveNode[]): void {
    for (const d of directives) {
      const name = d.name.value;
      if (name !== 'requiresScopes' && name !== 'authenticated') continue;
      const entry = into.get(key) ?? { requirements: [], authenticated: false };
      if (name === 'authenticated') entry.authenticated = true;
      else entry.requirements.push(parseScopesArgument(d, key));
      into.set(key, entry);
    }
  }

  /** Whether the field, its parent type or its return type declares any policy (else: denied by default). */
  declares(parentType: string, field: string, returnType: string): boolean {
    return this.fields.has(`${parentType}.${field}`) || this.types.has(parentType) || this.types.has(returnType);
  }

  /** Every scope requirement that must hold to read `parentType.field` (returning `returnType`). */
  requirementsOf(parentType: string, field: string, returnType: string): ScopeRequirement[] {
    return [
      ...(this.fields.get(`${parentType}.${field}`)?.requirements ?? []),
      ...(this.types.get(parentType)?.requirements ?? []),
      ...(parentType === returnType ? [] : (this.types.get(returnType)?.requirements ?? [])),
    ];
  }

  /** Coordinates (`Type.field`) that carry a directive of their own, for completeness checks. */
  fieldCoordinates(): string[] {
    return [...this.fields.keys()];
  }

  typeNames(): string[] {
    return [...this.types.keys()];
  }
}

function parseScopesArgument(d: DirectiveNode, where: string): ScopeRequirement {
  const arg = d.arguments?.find((a: ArgumentNode) => a.name.value === 'scopes');
  const bad = () => new Error(`@requiresScopes on ${where}: scopes must be a list of lists of strings`);
  if (!arg || arg.value.kind !== Kind.LIST) throw bad();
  return (arg.value as ListValueNode).values.map((alt) => {
    if (alt.kind !== Kind.LIST) throw bad();
    return alt.values.map((s) => {
      if (s.kind !== Kind.STRING) throw bad();
      return (s as StringValueNode).value;
    });
  });
}

/** The first requirement the scopes do not satisfy, or null when all hold. */
export function unmetRequirement(requirements: readonly ScopeRequirement[], scopes: ReadonlySet<string>): ScopeRequirement | null {
  for (const req of requirements) {
    if (!req.some((alt) => alt.every((s) => scopes.has(s)))) return req;
  }
  return null;
}

/** `ps:household`, `a + b`, `a 或 b + c` — how a requirement reads in an error message. */
function describeRequirement(req: ScopeRequirement): string {
  return req.map((alt) => alt.join(' + ')).join(' 或 ');
}

export const UNAUTHORIZED_FIELD_OR_TYPE = 'UNAUTHORIZED_FIELD_OR_TYPE';

export function unauthorizedField(coordinate: string, req: ScopeRequirement, path?: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(`无权访问字段 ${coordinate}：缺少权限 ${describeRequirement(req)}（Unauthorized field or type）`, {
    path,
    extensions: { code: UNAUTHORIZED_FIELD_OR_TYPE, field: coordinate, requiredScopes: req },
  });
}
