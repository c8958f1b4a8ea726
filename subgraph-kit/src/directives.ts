import type { Scope } from '@hub/domain';
import { Directive } from 'type-graphql';

/**
 * The authorization policy as decorators: a subgraph declares it on its types and fields, the printed SDL carries
 * it as `@requiresScopes`/`@authenticated`, and the gateway and the subgraph's shield enforce what that SDL says
 * (`AuthorizationPolicy` in @hub/service-kit).
 */

/** Marks a field or type as requiring all the given scopes (one conjunction). */
export function RequiresScopes(...scopes: [Scope, ...Scope[]]): MethodDecorator & PropertyDecorator & ClassDecorator {
  return Directive(`@requiresScopes(scopes: [[${scopes.map((s) => JSON.stringify(s)).join(', ')}]])`);
}

/** Marks a field or type as needing only a verified login (no personal data). */
export function Authenticated(): MethodDecorator & PropertyDecorator & ClassDecorator {
  return Directive('@authenticated');
}
