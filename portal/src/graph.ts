import { randomUUID } from 'node:crypto';

export interface GraphAnswer<T> {
  status: number;
  data?: T | null;
  errors: { message: string; extensions?: { code?: string } }[];
}

/**
 * One GraphQL operation through the gateway on behalf of the person at the browser: their token, their stated
 * purpose and a request id, so the gateway authorizes it and every agency it reaches audits it as theirs.
 */
export async function askGraph<T>(
  gatewayUrl: string,
  caller: { authorization: string; purpose: string; requestId?: string },
  operationName: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphAnswer<T>> {
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: caller.authorization,
      'x-purpose': caller.purpose,
      'x-request-id': caller.requestId ?? randomUUID(),
    },
    body: JSON.stringify({ operationName, query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json().catch(() => ({}))) as { data?: T | null; errors?: GraphAnswer<T>['errors'] };
  return { status: res.status, data: body.data, errors: body.errors ?? [] };
}
