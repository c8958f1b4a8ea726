import type { ApolloServerPlugin } from '@apollo/server';
import { appendChained, GATEWAY_AUDIT, withholdResponse, type Logger } from '@hub/service-kit';
import type { DataSource } from 'typeorm';
import type { GatewayContext } from './context';

type GatewayOutcome = 'ALLOWED' | 'PARTIAL' | 'REJECTED' | 'ERROR';

/**
 * The gateway's audit entry for every operation it authorized: principal, purpose, operation name and hash,
 * fields requested and denied, duration and outcome — appended (hash-chained) before the response leaves.
 * If the entry cannot be written the data is withheld, as in the subgraphs.
 */
export function gatewayAuditPlugin(ds: DataSource, logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue, response, request, queryHash }) {
          const decision = contextValue.decision;
          if (!decision || !contextValue.principal) return;
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const otherErrors = (body?.errors ?? []).filter((e) => e.extensions?.code !== 'UNAUTHORIZED_FIELD_OR_TYPE');
          const outcome: GatewayOutcome = decision.rejected
            ? 'REJECTED'
            : otherErrors.length > 0
              ? 'ERROR'
              : decision.filtered.denied.length > 0
                ? 'PARTIAL'
                : 'ALLOWED';
          try {
            await appendChained(ds, GATEWAY_AUDIT, {
              request_id: contextValue.requestId,
              subject: contextValue.principal.sub,
              roles: contextValue.principal.roles,
              purpose: contextValue.purpose,
              operation_name: request.operationName ?? decision.requestContext.operation.name?.value ?? null,
              operation_hash: queryHash ?? decision.requestContext.queryHash,
              fields_requested: decision.filtered.requested,
              fields_denied: [...new Set(decision.filtered.denied.map((d) => d.coordinate))].sort(),
              duration_ms: Math.round(performance.now() - started),
              outcome,
            });
          } catch (err) {
            logger.error({ err }, 'gateway audit write failed; response withheld');
            withholdResponse(response);
          }
        },
      };
    },
  };
}
