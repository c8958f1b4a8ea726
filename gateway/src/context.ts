import { randomUUID } from 'node:crypto';
import type { Purpose } from '@hub/domain';
import { checkPurpose, type Principal, type TokenVerifier } from '@hub/service-kit';
import type { Request } from 'express';
import type { AuthorizationDecision } from './authorization';

/**
 * What the gateway knows about one request. Built before anything is parsed or planned (a request without a
 * valid token and an allowed purpose goes no further), forwarded to every subgraph fetch (`subgraph-source.ts`),
 * and carrying the authorization decision from the executor to the audit plugin of the same request.
 */
export interface GatewayContext {
  /** `x-request-id` as sent (up to 100 characters), else generated: every audit row of the request carries it. */
  requestId: string;
  /** The raw header, forwarded so each subgraph verifies the caller itself. */
  authorization: string;
  principal: Principal;
  purpose: Purpose;
  /** Set by the authorizing executor (`authorization.ts`) once it has filtered the operation. */
  decision?: AuthorizationDecision;
}

/** Authentication and purpose, from the HTTP request: UNAUTHENTICATED (401) or FORBIDDEN (403) otherwise. */
export async function gatewayContext(req: Request, verifyToken: TokenVerifier): Promise<GatewayContext> {
  const authorization = req.header('authorization') ?? '';
  const principal = await verifyToken(authorization);
  return {
    requestId: (req.header('x-request-id') ?? '').slice(0, 100) || randomUUID(),
    authorization,
    principal,
    purpose: checkPurpose(principal, req.header('x-purpose')),
  };
}
