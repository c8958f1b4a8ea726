import { randomUUID } from 'node:crypto';
import type { Purpose } from '@hub/domain';
import type { IncomingMessage } from 'node:http';
import { checkPurpose, headerOf, type Principal, type TokenVerifier } from '@hub/service-kit';
import type { AuthorizationDecision } from './authorization';
import type { RateLimits } from './rate-limits';
import type { RefusalLog } from './refusals';

/**
 * What the gateway knows about one request. Built before anything is parsed or planned (a request without a
 * valid token, an allowed purpose and room under its rate limit goes no further), forwarded to every subgraph
 * fetch (`subgraph-source.ts`), and carrying the authorization decision from the executor to the audit plugin.
 */
export interface GatewayContext {
  /** `x-request-id` as sent (up to 100 characters), else generated: every audit row of the request carries it. */
  requestId: string;
  /** The raw header, forwarded so each subgraph verifies the caller itself. */
  authorization: string;
  principal: Principal;
  purpose: Purpose;
  /** Where the request came from (the socket's address), for the record of refusals. */
  clientAddress: string;
  /** Set by the authorizing executor (`authorization.ts`) once it has filtered the operation. */
  decision?: AuthorizationDecision;
}

/** Who the caller is, decided once per request before the body is read (its size limit depends on it). */
export interface Caller {
  principal?: Principal;
  failure?: unknown;
}

/** Verifies the bearer token of a request. */
export async function identifyCaller(req: IncomingMessage, verifyToken: TokenVerifier): Promise<Caller> {
  const caller: Caller = {};
  try {
    caller.principal = await verifyToken(headerOf(req, 'authorization') ?? '');
  } catch (failure) {
    caller.failure = failure;
  }
  return caller;
}

const codeOf = (err: unknown) => String((err as { extensions?: { code?: unknown } }).extensions?.code ?? 'INTERNAL_SERVER_ERROR');

/**
 * Authentication, purpose and rate limit, from the HTTP request: UNAUTHENTICATED (401), FORBIDDEN (403) or
 * RATE_LIMITED (429) otherwise — each written to the refusal log.
 */
export async function gatewayContext(
  req: IncomingMessage,
  caller: Caller,
  deps: { rateLimits?: RateLimits; refusals?: RefusalLog },
): Promise<GatewayContext> {
  const clientAddress = req.socket.remoteAddress ?? '';
  const principal = caller.principal;
  try {
    if (!principal) {
      await deps.rateLimits?.failedAuthentication(clientAddress);
      throw caller.failure;
    }
    await deps.rateLimits?.principal(principal.sub, principal.roles);
    return {
      requestId: (headerOf(req, 'x-request-id') ?? '').slice(0, 100) || randomUUID(),
      authorization: headerOf(req, 'authorization') ?? '',
      principal,
      purpose: checkPurpose(principal, headerOf(req, 'x-purpose')),
      clientAddress,
    };
  } catch (err) {
    deps.refusals?.record({
      subject: principal?.sub ?? null,
      roles: principal?.roles ?? [],
      purpose: (headerOf(req, 'x-purpose') ?? '').slice(0, 32) || null,
      reason: codeOf(err),
      clientAddress,
    });
    throw err;
  }
}
