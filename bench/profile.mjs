#!/usr/bin/env node
// Interactive child profile: the unified query touching all six subgraphs, through the
// real gateway (authentication, purpose, jurisdiction and audit on), at a fixed request rate from this
// separate process, on loopback. Prints latency percentiles and the achieved rate. Bounded in time.
//
//   npm run bench:profile -- [--children 20000] [--rate 200] [--seconds 20] [--port 24700]
//
// Starts its own hub in a temporary data folder (seeding when empty; reuse with --data-dir).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { benchHeaders, rosterInputs, startHub, stopHub } from './hub.mjs';
import { SHAPES } from './shapes.mjs';

const { values: opts } = parseArgs({
  options: {
    children: { type: 'string', default: '20000' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    port: { type: 'string', default: '24700' },
    'data-dir': { type: 'string' },
  },
});
const dataDir = opts['data-dir'] ?? mkdtempSync(join(tmpdir(), 'bench-profile-'));
const port = Number(opts.port);

const PROFILE = SHAPES.profile;

const { child: hub, ready } = await startHub({ dataDir, port, pgPort: port + 99, args: ['--children', opts.children] });
try {
  const headers = benchHeaders(dataDir);
  const { ids } = await rosterInputs(ready.gateway, headers, { children: 2000, pageSize: 1000 });
  // Warm-up: plans cached, connections open.
  for (const id of ids.slice(0, 50))
    await fetch(ready.gateway, { method: 'POST', headers, body: JSON.stringify({ query: PROFILE, variables: { id } }) });

  let i = 0;
  const result = await autocannon({
    url: ready.gateway,
    method: 'POST',
    headers,
    connections: 20,
    overallRate: Number(opts.rate),
    duration: Number(opts.seconds),
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ query: PROFILE, variables: { id: ids[i++ % ids.length] } }) }) }],
  });
  const l = result.latency;
  console.log(
    JSON.stringify(
      {
        bench: 'interactive child profile (six subgraphs, via gateway)',
        children: Number(opts.children),
        targetRate: Number(opts.rate),
        achievedRate: Math.round(result.requests.average),
        requests: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
        latencyMs: { p50: l.p50, p90: l.p90, p99: l.p99, max: l.max },
      },
      null,
      2,
    ),
  );
} finally {
  await stopHub(hub);
}
