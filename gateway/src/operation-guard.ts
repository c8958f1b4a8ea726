import type { ApolloServerPlugin } from '@apollo/server';
import { exceededLimit, limitError, limitsFor, type LimitsConfig } from '@hub/service-kit';
import { GraphQLError } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import type { GatewayContext } from './context';

/**
 * What the gateway checks once the operation is known and before anything is authorized or planned: that the
 * request names an operation it contains, that its variables are valid values of their types (a date such as
 * `2025-02-30` is bad input here, not an internal error in a subgraph), and that it keeps the caller's limits —
 * depth, aliases, directives and estimated cost (docs/security.md). Each refusal is a coded HTTP 400.
 */
export function operationGuardPlugin(config: LimitsConfig): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema, contextValue }) {
          if (!operation) {
            const message = request.operationName
              ? `请求中没有名为 ${JSON.stringify(request.operationName.slice(0, 64))} 的操作`
              : '请求包含多个操作时须指定 operationName';
            throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
          }
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 5 });
          if (coerced.errors) {
            throw new GraphQLError(coerced.errors[0].message.slice(0, 300), {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
          const refusal = exceededLimit(schema, document, operation, request.variables, limitsFor(contextValue.principal.roles, config));
          if (refusal) throw limitError(refusal);
        },
      };
    },
  };
}
