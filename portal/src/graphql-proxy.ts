import type { RequestHandler } from 'express';
import express from 'express';

/** The only request headers the dashboard's GraphQL calls carry on to the gateway (no cookies, no hop headers). */
const FORWARDED = ['authorization', 'x-purpose', 'x-request-id', 'content-type', 'accept'] as const;

/**
 * `POST /graphql` on the portal: the dashboard's calls passed on unchanged to the gateway, which authenticates,
 * authorizes and audits them like any other client's. Keeps the dashboard on one origin (no CORS, one address
 * to register at the identity provider); the portal reads nothing of the body or the answer.
 */
export function graphqlProxy(gatewayUrl: string): RequestHandler[] {
  return [
    express.raw({ type: () => true, limit: '1mb' }),
    async (req, res) => {
      const headers: Record<string, string> = {};
      for (const h of FORWARDED) {
        const v = req.header(h);
        if (v) headers[h] = v;
      }
      try {
        const upstream = await fetch(gatewayUrl, {
          method: 'POST',
          headers,
          body: Buffer.isBuffer(req.body) ? req.body : undefined,
          signal: AbortSignal.timeout(300_000),
        });
        res.status(upstream.status);
        const type = upstream.headers.get('content-type');
        if (type) res.set('content-type', type);
        res.set('cache-control', 'no-store');
        res.send(Buffer.from(await upstream.arrayBuffer()));
      } catch {
        res.status(502).json({ errors: [{ message: '数据共享网关暂不可用', extensions: { code: 'GATEWAY_UNAVAILABLE' } }] });
      }
    },
  ];
}
