import type { Logger } from '@hub/service-kit';

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly errors: GraphQLErrorShape[],
    readonly transient: boolean,
  ) {
    super(message);
  }
}

export interface ClientOptions {
  url: string;
  token: string;
  purpose: string;
  logger: Logger;
  /** Attempts per request for transient failures (network, 5xx, a subgraph down for a root field). */
  attempts?: number;
  /** First backoff in ms; doubles each attempt. */
  backoffMs?: number;
  timeoutMs?: number;
}

const TRANSIENT_CODES = new Set(['SUBGRAPH_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);

/**
 * A small GraphQL-over-HTTP client for the job: bearer token and purpose on every request, a request id per
 * call, transient failures retried with exponential backoff. `tolerate` lists error codes the caller handles
 * itself (e.g. SUBGRAPH_UNAVAILABLE on entity fields, which the gateway answers with nulls).
 */
export class GatewayClient {
  private seq = 0;

  constructor(private readonly opts: ClientOptions) {}

  async request<T>(
    query: string,
    variables: Record<string, unknown>,
    tolerate: string[] = [],
  ): Promise<{ data: T; errors: GraphQLErrorShape[] }> {
    const attempts = this.opts.attempts ?? 6;
    let delay = this.opts.backoffMs ?? 500;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once<T>(query, variables, tolerate);
      } catch (err) {
        const transient = !(err instanceof GraphQLRequestError) || err.transient;
        if (!transient || attempt >= attempts) throw err;
        this.opts.logger.warn({ attempt, delayMs: delay, err: (err as Error).message }, 'transient gateway error; retrying');
        await new Promise((r) => setTimeout(r, delay));
        delay *= 2;
      }
    }
  }

  private async once<T>(
    query: string,
    variables: Record<string, unknown>,
    tolerate: string[],
  ): Promise<{ data: T; errors: GraphQLErrorShape[] }> {
    const res = await fetch(this.opts.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.opts.token}`,
        'x-purpose': this.opts.purpose,
        'x-request-id': `reconcile-${process.pid}-${Date.now()}-${++this.seq}`,
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 300_000),
    });
    const text = await res.text();
    let body: { data?: T; errors?: GraphQLErrorShape[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new GraphQLRequestError(`gateway answered HTTP ${res.status} without JSON`, [], res.status >= 500);
    }
    const errors = body.errors ?? [];
    const fatal = errors.filter((e) => !tolerate.includes(String(e.extensions?.code)));
    if (fatal.length || !body.data) {
      const transient = res.status >= 500 || fatal.some((e) => TRANSIENT_CODES.has(String(e.extensions?.code)));
      const codes = [...new Set(fatal.map((e) => String(e.extensions?.code ?? 'UNKNOWN')))].join(', ');
      throw new GraphQLRequestError(`gateway error (${codes}): ${fatal[0]?.message ?? `HTTP ${res.status}`}`, fatal, transient);
    }
    return { data: body.data, errors };
  }
}
