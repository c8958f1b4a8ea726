import { createServer, type RequestListener, type Server } from 'node:http';
import type express from 'express';

/**
 * Serves `listener` (an express app is one) on `host:port` (0: any free port); keeps idle connections longer than
 * a typical proxy's timeout.
 */
export function listen(listener: RequestListener, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(listener);
    server.keepAliveTimeout = 65_000;
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** The actual port of a listening server (it may have been started on port 0). */
export function portOf(server: Server): number {
  return (server.address() as { port: number }).port;
}

/**
 * Stops listening and closes the server's connections within `graceMs`: idle keep-alive connections at once,
 * requests in flight when they finish or when the grace period ends, whichever comes first. A service exits
 * promptly after SIGTERM instead of waiting out its clients' keep-alive.
 */
export async function closeServer(server: Server, graceMs = 1500): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearTimeout(timer);
  }
}

/** The body-parser failures express reports, as coded client errors. */
const BODY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'BAD_REQUEST', message: '请求体不是合法的 JSON' },
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' },
  'entity.verify.failed': { status: 400, code: 'BAD_REQUEST', message: '请求体无法校验' },
  'request.aborted': { status: 400, code: 'BAD_REQUEST', message: '请求被中断' },
  'request.size.invalid': { status: 400, code: 'BAD_REQUEST', message: '请求体长度与声明不符' },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的字符集' },
  'encoding.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容编码' },
};

/** The coded client error for a failure of body-parser (or express), or undefined for anything else. */
export function bodyError(err: unknown): { status: number; code: string; message: string } | undefined {
  const known = BODY_ERRORS[String((err as { type?: unknown }).type)];
  if (known) return known;
  // Any other client error body-parser raises (a body that does not decompress, …): its status, a generic code,
  // none of its own words.
  const status = Number((err as { status?: unknown }).status);
  if (status >= 400 && status < 500) return { status, code: 'BAD_REQUEST', message: '请求无法处理' };
  return undefined;
}

/** A refusal at the HTTP layer, before any GraphQL: what it was and why (for an audit of refusals). */
export interface HttpRefusal {
  status: number;
  code: string;
  path: string;
  clientAddress: string;
}

/**
 * What a service answers when express itself fails a request: JSON with a code, never express's HTML page,
 * a stack or a file path. GraphQL paths answer in GraphQL's error shape, the others as `{ error, message }`.
 * Mount last. `onRefusal` hears of every client error (the gateway audits them).
 */
export function jsonErrors(opts: {
  logger: { error(obj: object, msg: string): void };
  graphqlPaths?: readonly string[];
  onRefusal?: (refusal: HttpRefusal) => void;
}): { notFound: express.RequestHandler; errorHandler: express.ErrorRequestHandler } {
  const graphql = new Set(opts.graphqlPaths ?? ['/graphql']);
  const send = (req: express.Request, res: express.Response, status: number, code: string, message: string) => {
    if (status < 500) opts.onRefusal?.({ status, code, path: req.path, clientAddress: req.socket.remoteAddress ?? '' });
    if (res.headersSent) return;
    res.status(status);
    if (graphql.has(req.path)) res.json({ errors: [{ message, extensions: { code } }] });
    else res.json({ error: code, message });
  };
  return {
    notFound: (req, res) => send(req, res, 404, 'NOT_FOUND', '没有此地址'),
    errorHandler: (err: unknown, req, res, next) => {
      void next;
      const known = bodyError(err);
      if (known) return send(req, res, known.status, known.code, known.message);
      opts.logger.error({ err }, 'request failed');
      send(req, res, 500, 'INTERNAL_SERVER_ERROR', '服务器内部错误');
    },
  };
}
