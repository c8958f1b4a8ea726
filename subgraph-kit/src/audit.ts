import type { ApolloServerPlugin } from '@apollo/server';
import { AGENCY_AUDIT, appendChained, withholdResponse, type Logger } from '@hub/service-kit';
import type { DataSource } from 'typeorm';
import { disclosedByResponse } from './audit-disclosure';
import type { SubgraphContext } from './context';

/** One agency audit entry: what the agency disclosed, for which request, to whom, for what purpose. */
interface AuditEntry {
  at: Date;
  requestId: string;
  subject: string;
  roles: string[];
  purpose: string;
  operation: string | null;
  entityType: string | null;
  /** `Type:id` of every entity whose fields were disclosed. */
  entityIds: string[];
  /** `Type.field` of every field resolved. */
  fields: string[];
  outcome: 'DISCLOSED' | 'ERROR';
}

/** Appends one agency entry (see `appendChained`). */
async function appendAudit(ds: DataSource, entry: Omit<AuditEntry, 'at'>): Promise<void> {
  await appendChained(ds, AGENCY_AUDIT, {
    request_id: entry.requestId,
    subject: entry.subject,
    roles: entry.roles,
    purpose: entry.purpose,
    operation: entry.operation,
    entity_type: entry.entityType,
    entity_ids: entry.entityIds,
    fields: entry.fields,
    outcome: entry.outcome,
  });
}

/**
 * Records, per request, every field that resolved and the ids of the objects they belong to (read off the
 * response: `disclosedByResponse`), and appends one audit entry before the response leaves. If the entry
 * cannot be written the data is withheld.
 */
export function auditPlugin(ds: DataSource, logger: Logger): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, request, document, schema }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          if (!contextValue?.principal || !document || !body?.data) return;
          // Read off the response: a field the shield denied comes back as an error, never as disclosed.
          const { fields, ids, types } = disclosedByResponse({
            schema,
            document,
            operationName: request.operationName,
            data: body.data,
            errors: body.errors,
            variables: request.variables,
            ids: contextValue.disclosedIds ?? new Map(),
          });
          if (fields.size === 0) return;
          try {
            await appendAudit(ds, {
              requestId: contextValue.requestId,
              subject: contextValue.principal.sub,
              roles: contextValue.principal.roles,
              purpose: contextValue.purpose,
              operation: request.operationName ?? null,
              entityType: types.size ? [...types].sort().join(',') : null,
              entityIds: [...ids].sort(),
              fields: [...fields].sort(),
              outcome: body?.errors?.length ? 'ERROR' : 'DISCLOSED',
            });
          } catch (err) {
            logger.error({ err }, 'audit write failed; response withheld');
            withholdResponse(response);
          }
        },
      };
    },
  };
}
