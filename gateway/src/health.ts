import type { JsonRoute } from '@hub/service-kit';

/**
 * `GET /health`: 200 when every subgraph answers its own `/health` within 2 s, else 503 naming the ones that
 * do not. The gateway keeps serving either way: an unavailable agency's fields degrade to null.
 */
export function healthHandler(subgraphUrls: () => Record<string, string>): JsonRoute {
  return async () => {
    const checks = await Promise.all(
      Object.entries(subgraphUrls()).map(async ([name, url]) => {
        try {
          const r = await fetch(url.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(2000) });
          return [name, r.ok ? 'ok' : `http ${r.status}`] as const;
        } catch {
          return [name, 'unreachable'] as const;
        }
      }),
    );
    const ok = checks.every(([, s]) => s === 'ok');
    return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'degraded', subgraphs: Object.fromEntries(checks) } };
  };
}
