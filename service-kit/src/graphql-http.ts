import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import bodyParser from 'body-parser';
import { bodyError, type HttpRefusal } from './http';

/** What a GraphQL service decides about a request from its headers, before the body is read. */
interface Admission<C> {
  /** How large the body may be (it depends on who asks). */
  bodyBytes: number;
  /** The request's context; it may throw a coded GraphQLError (401, 403, 429), which Apollo answers with. */
  context: () => Promise<C>;
}

/** A route besides GraphQL: answers with a status and a JSON body. */
export type JsonRoute = (req: IncomingMessage) => Promise<{ status: number; body: unknown }>;

export interface GraphQLListenerOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  /** Who asks, from the headers: the body limit and the context. */
  admit: (req: IncomingMessage) => Promise<Admission<C>>;
  /** `GET` routes by exact path (`/health`). */
  get?: Record<string, JsonRoute>;
  /** Runs around each GraphQL request (an async context for per-request counters). */
  around?: <T>(run: () => Promise<T>) => Promise<T>;
  logger: { error(obj: object, msg: string): void };
  /** Hears of every client error answered at the HTTP layer (the gateway audits them). */
  onRefusal?: (refusal: HttpRefusal) => void;
}

/** The first value of a request header, or undefined. */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const GRAPHQL_PATH = '/graphql';
const SERVER_ERROR = { status: 500, code: 'INTERNAL_SERVER_ERROR', message: '服务器内部错误' };

/**
 * A GraphQL service's whole HTTP side on `node:http`: `/graphql` to Apollo Server, a few JSON `GET` routes, and
 * coded JSON errors for everything else. No web framework: express's router, request and response decoration
 * and Apollo's express integration cost a subgraph about a sixth of its CPU per request, for two routes.
 * Bodies are read by body-parser (limits, charsets, content encodings), as they were under express.
 */
export function graphqlListener<C extends BaseContext>(opts: GraphQLListenerOptions<C>): RequestListener {
  const parsers = new Map<number, ReturnType<typeof bodyParser.json>>();
  const readBody = (req: IncomingMessage, res: ServerResponse, bytes: number) => {
    let parse = parsers.get(bytes);
    if (!parse) parsers.set(bytes, (parse = bodyParser.json({ limit: bytes })));
    const run = parse;
    return new Promise<unknown>((resolve, reject) =>
      run(req, res, (err?: unknown) => (err ? reject(err) : resolve((req as { body?: unknown }).body))),
    );
  };

  const refuse = (req: IncomingMessage, res: ServerResponse, path: string, err: unknown) => {
    const known = bodyError(err);
    if (!known) opts.logger.error({ err }, 'request failed');
    else opts.onRefusal?.({ status: known.status, code: known.code, path, clientAddress: req.socket.remoteAddress ?? '' });
    const { status, code, message } = known ?? SERVER_ERROR;
    sendJson(res, status, path === GRAPHQL_PATH ? { errors: [{ message, extensions: { code } }] } : { error: code, message });
  };

  const graphql = async (req: IncomingMessage, res: ServerResponse, search: string) => {
    const admission = await opts.admit(req);
    const body = await readBody(req, res, admission.bodyBytes);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: (req.method ?? 'GET').toUpperCase(), headers, search, body };
    const response = await opts.apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: admission.context });
    res.statusCode = response.status ?? 200;
    for (const [key, value] of response.headers) res.setHeader(key, value);
    if (response.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    let handled: Promise<void>;
    if (path === GRAPHQL_PATH) {
      const search = q < 0 ? '' : url.slice(q);
      handled = opts.around ? opts.around(() => graphql(req, res, search)) : graphql(req, res, search);
    } else {
      const route = req.method === 'GET' || req.method === 'HEAD' ? opts.get?.[path] : undefined;
      if (!route) {
        opts.onRefusal?.({ status: 404, code: 'NOT_FOUND', path, clientAddress: req.socket.remoteAddress ?? '' });
        sendJson(res, 404, { error: 'NOT_FOUND', message: '没有此地址' });
        return;
      }
      handled = route(req).then(({ status, body }) => sendJson(res, status, body));
    }
    handled.catch((err: unknown) => refuse(req, res, path, err));
  };
}
