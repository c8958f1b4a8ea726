import type { AddressInfo } from 'node:net';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

/** A recording stand-in for a subgraph: every request the gateway sends it, and a scripted answer. */
export interface Recorded {
  headers: IncomingHttpHeaders;
  body: { query: string };
}

export function fakeSubgraph(respond: (body: { query: string }) => unknown): Promise<{ server: Server; url: string; calls: Recorded[] }> {
  const calls: Recorded[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw) as { query: string };
      calls.push({ headers: req.headers, body });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(respond(body)));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, calls }),
    ),
  );
}

/**
 * A recording pass-through in front of a real subgraph: forwards each request with its headers and records the
 * operation it carried, so a test sees exactly what a gateway asked the subgraph for.
 */
export function recordingProxy(target: string): Promise<{ server: Server; url: string; calls: Recorded[] }> {
  const calls: Recorded[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      calls.push({ headers: req.headers, body: JSON.parse(raw) as { query: string } });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      fetch(target, { method: 'POST', headers, body: raw }).then(
        async (r) => {
          res.statusCode = r.status;
          res.setHeader('content-type', r.headers.get('content-type') ?? 'application/json');
          res.end(await r.text());
        },
        () => {
          res.statusCode = 502;
          res.end();
        },
      );
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, calls }),
    ),
  );
}
