import { Agent, request as httpRequest, STATUS_CODES } from 'node:http';
import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GATEWAY_IDENTITY_HEADER, type Logger } from '@hub/service-kit';
import { Kind, parse, type SelectionNode } from 'graphql';
import type { GatewayContext } from './context';

/**
 * How the gateway talks to one subgraph: it forwards the caller's identity, purpose and request id and adds its
 * own identity (the only headers a subgraph receives), times entity fetches out, and degrades a subgraph that does not answer to null
 * fields with SUBGRAPH_UNAVAILABLE instead of failing the whole request (docs/decisions/0004).
 */

/** Marks an entity fetch for the data source's fetcher (which times it); removed before the request leaves. */
const ENTITY_FETCH_HEADER = 'x-hub-entity-fetch';

/** After a subgraph timed out, its entity fetches degrade at once for this long (one slow probe, not all). */
const HUNG_SUBGRAPH_PAUSE_MS = 10_000;

/**
 * One keep-alive agent for every subgraph: the gateway's fetches are many small POSTs to a handful of hosts.
 * node:http instead of `fetch`: under load the gateway spent about a third of its CPU in undici's fetch, its web
 * streams, transferables and abort controllers, none of which a JSON POST needs (bench/RESULTS.md, bench:interactive).
 */
const AGENT = new Agent({ keepAlive: true, maxSockets: 128, maxFreeSockets: 32 });

/** The fetch signature `RemoteGraphQLDataSource` accepts (its own package's type, not re-exported). */
type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;

/** What `RemoteGraphQLDataSource` reads of a response (`respond` asks the headers for cache-control). */
interface SubgraphHttpResponse {
  url: string;
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
}

export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** Until when entity fetches skip this subgraph, after it timed out (a hung process, not a refused one). */
  private hungUntil = 0;

  constructor(
    private readonly serviceName: string,
    url: string,
    private readonly logger: Logger,
    timeoutMs: number,
    /** The gateway's own identity token for `x-hub-gateway` (gateway-identity.ts); absent, subgraphs refuse `_entities`. */
    private readonly identity?: () => Promise<string>,
  ) {
    // Only entity fetches are timed: they can degrade to null. A root field (a count over a million people, a
    // mutation) fails or succeeds whole, bounded by its caller.
    const fetcher = async (input: string, init?: { headers?: Record<string, string>; body?: string }) => {
      const headers = { ...(init?.headers ?? {}) };
      const timed = headers[ENTITY_FETCH_HEADER] !== undefined;
      delete headers[ENTITY_FETCH_HEADER];
      const body = init?.body ?? '';
      headers['content-length'] = String(Buffer.byteLength(body));
      const res = await post(input, headers, body, timed ? timeoutMs : 0);
      return {
        ...res.http,
        ok: res.http.status >= 200 && res.http.status < 300,
        redirected: false,
        bodyUsed: true,
        text: () => Promise.resolve(res.text),
        json: () => Promise.resolve(JSON.parse(res.text) as unknown),
      };
    };
    super({ url, fetcher: fetcher as unknown as Fetcher });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = request.http?.headers;
    if (!headers || !context || !('requestId' in context)) return; // health checks and schema loading carry no request
    headers.set('x-request-id', context.requestId);
    headers.set('authorization', context.authorization);
    headers.set('x-purpose', context.purpose);
    if (this.identity) headers.set(GATEWAY_IDENTITY_HEADER, await this.identity());
    if (request.variables?.representations) headers.set(ENTITY_FETCH_HEADER, '1');
  }

  /**
   * A subgraph that does not answer an entity fetch degrades to `null` for every field asked of it, with a
   * SUBGRAPH_UNAVAILABLE error, instead of failing the fetches that depend on it: the cross-checks receive
   * the missing facts as `null` and answer INCONCLUSIVE for the rules needing them, the others still answer.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const entities = () =>
      String(options.kind) === 'incoming operation' && 'request' in options
        ? nullEntities(options.request.query ?? '', options.request.variables?.representations)
        : undefined;
    try {
      if (Date.now() < this.hungUntil) {
        const data = entities();
        if (data) return this.unavailable(data);
      }
      return await super.process(options);
    } catch (err) {
      if (String(options.kind) !== 'incoming operation' || !('request' in options)) throw err;
      // A subgraph that answered 4xx (a token it refused, a bad request) is not "unavailable": that fails loudly.
      const status = (err as { extensions?: { response?: { status?: number } } }).extensions?.response?.status;
      if (status !== undefined && status < 500) throw err;
      const data = entities();
      if (!data) throw err;
      if (/timeout|aborted/i.test(String((err as Error).message))) this.hungUntil = Date.now() + HUNG_SUBGRAPH_PAUSE_MS;
      this.logger.warn(
        { subgraph: this.serviceName, err: (err as Error).message },
        'subgraph unavailable: its entity fields degrade to null',
      );
      return this.unavailable(data);
    }
  }

  private unavailable(data: Record<string, unknown>) {
    return {
      data,
      errors: [
        {
          message: `部门服务 ${this.serviceName} 暂不可用，其数据以空值返回`,
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.serviceName },
        },
      ],
    };
  }
}

/** `{ _entities: [{ field: null, … }, …] }` for an `_entities` fetch, one object per representation. */
function nullEntities(query: string, representations: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(representations)) return undefined;
  let doc;
  try {
    doc = parse(query);
  } catch {
    return undefined;
  }
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const entities = op?.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities');
  if (!entities || entities.kind !== Kind.FIELD || !entities.selectionSet) return undefined;
  const keys = new Set<string>();
  const collect = (sels: readonly SelectionNode[]) => {
    for (const sel of sels) {
      if (sel.kind === Kind.FIELD && sel.name.value !== '__typename') keys.add(sel.alias?.value ?? sel.name.value);
      else if (sel.kind === Kind.INLINE_FRAGMENT) collect(sel.selectionSet.selections);
    }
  };
  collect(entities.selectionSet.selections);
  return {
    _entities: representations.map((r) => ({
      __typename: (r as { __typename?: string }).__typename,
      ...Object.fromEntries([...keys].map((k) => [k, null])),
    })),
  };
}

/** One POST over the shared agent: the status, the headers `respond` may read, and the body as text. */
function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<{ http: SubgraphHttpResponse; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers, agent: AGENT }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        resolve({
          http: {
            url,
            status,
            statusText: res.statusMessage ?? STATUS_CODES[status] ?? '',
            headers: { get: (name) => (res.headers[name.toLowerCase()] as string | undefined) ?? null },
          },
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    req.on('error', reject);
    if (timeoutMs > 0) req.setTimeout(timeoutMs, () => req.destroy(new Error(`subgraph request timeout after ${timeoutMs} ms`)));
    req.end(body);
  });
}
