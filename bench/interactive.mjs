#!/usr/bin/env node
// The unified child graph at interactive speed, explained per process: for each query shape and each gateway
// (the hub's, with authorization, purpose, limits and audit; stock @apollo/gateway and Hive Gateway with the Rust
// query planner, both forwarding the same headers and nothing more; and `hive-hub`, the hub's supergraph on Hive
// Gateway with its token, purpose, @requiresScopes and limit checks — hive-gateway/, docs/hive-gateway.md),
// CPU milliseconds per request in every process (gateway, each subgraph, PostgreSQL with all its backends),
// achieved rate and p50/p90/p99 at fixed rates (medians over `--rounds`, the gateways taking turns), and the highest
// rate whose p99 stays within 50 ms. Load comes from this process on loopback, open-loop and evenly spaced (`load`);
// the hub runs as `npm start` runs it, in a temporary data folder.
//
//   npm run bench:interactive -- [--children 20000] [--shapes profile,agency,id,roster] [--gateways hub,stock,hive,hive-hub]
//                                [--rates 30,100,200] [--seconds 8] [--warmup 5] [--search 25,50,100,150,200,300,400]
//                                [--data-dir DIR] [--port 24600] [--gateway-processes 1] [--rounds 1]
//
// Prints one line per measurement as it goes, then a JSON summary with the ratios hub/stock, hub/hive, hub/hive-hub.
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { agencyEnvKey } from '@hub/domain';
import { BENCH_LIMITS, benchHeaders, rosterInputs, startHub, stopHub } from './hub.mjs';
import { cpuOf, parentOf } from './proc.mjs';
import { SHAPES } from './shapes.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Each gateway's label among the processes (`processes`). */
const GATEWAY_LABEL = { hub: 'gateway', stock: 'stock', hive: 'hive', 'hive-hub': 'hive-hub' };
const { values: opts } = parseArgs({
  options: {
    children: { type: 'string', default: '20000' },
    shapes: { type: 'string', default: 'profile,agency,id,roster' },
    gateways: { type: 'string', default: 'hub,stock,hive,hive-hub' },
    rates: { type: 'string', default: '30,100,200' },
    search: { type: 'string', default: '25,50,100,150,200,300,400' },
    seconds: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '5' },
    port: { type: 'string', default: '24600' },
    'data-dir': { type: 'string' },
    'gateway-processes': { type: 'string', default: '1' },
    rounds: { type: 'string', default: '1' },
  },
});
const dataDir = opts['data-dir'] ?? mkdtempSync(join(tmpdir(), 'bench-interactive-'));
const port = Number(opts.port);
const seconds = Number(opts.seconds);
const rounds = Number(opts.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds: expected a whole number of rounds, got ${opts.rounds}`);
const P99_BUDGET_MS = 50;

function cmdOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}
/** Every live descendant of `root`, labelled: gateway, stock, each subgraph by agency, postgres, portal, other. */
function processes(roots) {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  const parent = new Map(all.map((p) => [p, parentOf(p)]));
  const under = (p) => {
    for (let q = p; q > 1; q = parent.get(q) ?? 0) if (roots.includes(q)) return true;
    return false;
  };
  const out = [];
  for (const p of all) {
    if (!under(p)) continue;
    const cmd = cmdOf(p);
    const label = /gateways\/stock\.mjs/.test(cmd)
      ? 'stock'
      : /gateways\/hive\.mjs/.test(cmd)
        ? 'hive'
        : /hive-gateway\/dist/.test(cmd)
          ? 'hive-hub'
          : /gateway\/dist/.test(cmd)
            ? 'gateway'
            : /subgraphs\/([a-z-]+)\/dist/.test(cmd)
              ? /subgraphs\/([a-z-]+)\/dist/.exec(cmd)[1]
              : /postgres/.test(cmd)
                ? 'postgres'
                : /portal\/dist/.test(cmd)
                  ? 'portal'
                  : 'other';
    out.push({ pid: p, label });
  }
  return out;
}
function cpuByLabel(roots) {
  const sum = {};
  for (const { pid, label } of processes(roots)) sum[label] = (sum[label] ?? 0) + cpuOf(pid);
  return sum;
}

/** The median of each figure of a step measured in several rounds (one round: that round's step); failures the worst round's. */
function medianStep(ms) {
  const median = (xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : Number(((sorted[mid - 1] + sorted[mid]) / 2).toFixed(2));
  };
  const labels = [...new Set(ms.flatMap((m) => Object.keys(m.cpuMsPerRequest)))];
  const out = { rate: ms[0].rate, rounds: ms.length };
  for (const k of ['achieved', 'p50', 'p90', 'p99']) out[k] = median(ms.map((m) => m[k]));
  // Failures are not averaged away: the worst round's.
  for (const k of ['non2xx', 'errors']) out[k] = Math.max(...ms.map((m) => m[k]));
  out.cpuMsPerRequest = Object.fromEntries(labels.map((k) => [k, median(ms.map((m) => m.cpuMsPerRequest[k] ?? 0))]));
  return out;
}

/** One keep-alive agent for the load: connections are opened as arrivals need them and reused. */
const LOAD_AGENT = new Agent({ keepAlive: true, maxSockets: 512 });

/** One POST; resolves with its status (0: a network error or no answer within 10 s). */
function post(url, headers, body) {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent: LOAD_AGENT });
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}

/**
 * Open-loop load at a fixed rate: one request every 1000/rate ms, evenly spaced, whether or not earlier ones have
 * been answered (as independent callers arrive), each request's latency counted from the moment it was due, so a
 * generator that falls behind is charged to the system, not hidden. (autocannon's `overallRate` sends each second's
 * quota in a burst at the start of the second: its percentiles measured queueing behind those bursts.)
 */
async function load(url, headers, shape, inputs, rate, duration) {
  let i = 0;
  const body = () =>
    shape === 'roster'
      ? JSON.stringify({ query: SHAPES.roster, variables: { after: inputs.cursors[i++ % inputs.cursors.length] } })
      : JSON.stringify({ query: SHAPES[shape], variables: { id: inputs.ids[i++ % inputs.ids.length] } });
  const total = Math.max(1, Math.round(rate * duration));
  const latencies = [];
  let non2xx = 0;
  let errors = 0;
  const start = performance.now();
  let lastDone = start;
  const inFlight = [];
  for (let k = 0; k < total; k++) {
    const due = start + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait >= 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      post(url, headers, body()).then((status) => {
        const now = performance.now();
        lastDone = Math.max(lastDone, now);
        latencies.push(now - due);
        if (status === 0) errors++;
        else if (status < 200 || status >= 300) non2xx++;
      }),
    );
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  const seconds = Math.max(duration, (lastDone - start) / 1000);
  return {
    requests: { total, average: total / seconds },
    non2xx,
    errors,
    latency: {
      p50: Math.round(percentile(latencies, 50)),
      p90: Math.round(percentile(latencies, 90)),
      p99: Math.round(percentile(latencies, 99)),
    },
  };
}

const { child: hub, ready } = await startHub({
  dataDir,
  port,
  pgPort: port + 99,
  args: ['--children', opts.children, '--gateway-processes', opts['gateway-processes']],
  // The bench's one principal asks hundreds of times a second: lift its rate limit (every other limit stays).
  env: { HUB_LIMITS: BENCH_LIMITS },
});
const children = [];
try {
  const headers = benchHeaders(dataDir);
  // Inputs: 2,000 children and 100 roster cursors of the jurisdiction.
  const { ids, cursors: allCursors } = await rosterInputs(ready.gateway, headers, { children: 10_000 });
  const cursors = allCursors.slice(0, 100);
  const inputs = { ids: ids.filter((_, k) => k % 5 === 0).slice(0, 2000), cursors };

  const gateways = { hub: ready.gateway };
  // The reference gateways, each its own process beside the hub: stock @apollo/gateway and Hive Gateway.
  const REFERENCES = { stock: ['stock.mjs', 90], hive: ['hive.mjs', 91], 'hive-hub': [null, 92] };
  for (const [name, [script, offset]] of Object.entries(REFERENCES)) {
    if (!opts.gateways.split(',').includes(name)) continue;
    const ref = script
      ? spawn(
          process.execPath,
          [
            join(HERE, 'gateways', script),
            '--port',
            String(port + offset),
            '--key',
            join(dataDir, 'gateway-identity-key.json'),
            '--subgraphs',
            JSON.stringify(ready.subgraphs),
          ],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        )
      : spawn(process.execPath, [join(HERE, '..', 'hive-gateway', 'dist', 'index.js')], {
          // As a deployment runs it: production, the hub's token key and gateway key, the same limits as the hub's.
          env: {
            PATH: process.env.PATH,
            HUB_ENV: 'production',
            LOG_LEVEL: 'info',
            GATEWAY_PORT: String(port + offset),
            HUB_JWT_PUBLIC_KEY: JSON.stringify(JSON.parse(readFileSync(join(dataDir, 'jwt-signing-key.json'), 'utf8')).publicJwk),
            HUB_GATEWAY_KEY_FILE: join(dataDir, 'gateway-identity-key.json'),
            HUB_LIMITS: BENCH_LIMITS,
            ...Object.fromEntries(Object.entries(ready.subgraphs).map(([a, url]) => [`SUBGRAPH_URL_${agencyEnvKey(a)}`, url])),
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
    children.push(ref);
    gateways[name] = await new Promise((resolve, reject) => {
      let out = '';
      ref.stdout.on('data', (d) => {
        out += d;
        const m = /READY (\S+)/.exec(out) ?? /"url":"([^"]+)","msg":"hive gateway listening"/.exec(out);
        if (m) resolve(m[1]);
      });
      ref.once('exit', (c) => reject(new Error(`${name} gateway exited with ${c}`)));
    });
  }
  const roots = [hub.pid, ...children.map((c) => c.pid)];
  const results = [];
  // Warm-up of every gateway and shape before anything is measured: plans cached, connections open, tokens
  // verified, and the subgraphs' and PostgreSQL's code warm. Without it the first gateway measured paid for the
  // subgraphs' warm-up (their CPU per request measured 1.5–2× what it was for the gateways measured after it).
  for (const shape of opts.shapes.split(','))
    for (const gw of opts.gateways.split(',')) await load(gateways[gw], headers, shape, inputs, 50, Number(opts.warmup));
  /** One fixed-rate step: CPU per request per process, achieved rate and latency. */
  const step = async (shape, gw, rate) => {
    const before = cpuByLabel(roots);
    const r = await load(gateways[gw], headers, shape, inputs, rate, seconds);
    const after = cpuByLabel(roots);
    const n = r.requests.total || 1;
    const cpu = {};
    for (const [k, v] of Object.entries(after)) {
      const ms = ((v - (before[k] ?? 0)) * 1000) / n;
      if (ms >= 0.05) cpu[k] = Number(ms.toFixed(2));
    }
    // The gateway under test and what it calls: the other gateways idle, and the portal and CLI are not on the path.
    const path = Object.entries(cpu)
      .filter(([k]) => k !== 'portal' && k !== 'other' && (k === GATEWAY_LABEL[gw] || !Object.values(GATEWAY_LABEL).includes(k)))
      .reduce((sum, [, v]) => sum + v, 0);
    return {
      rate,
      achieved: Math.round(r.requests.average),
      non2xx: r.non2xx,
      errors: r.errors,
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      cpuMsPerRequest: { total: Number(path.toFixed(2)), ...cpu },
    };
  };
  for (const shape of opts.shapes.split(',')) {
    // The fixed rates in rounds, the gateways taking turns within each (--rounds): what one gateway's step meets on
    // this shared machine — a checkpoint, autovacuum after another's audit writes, the machine's own swings — falls
    // on all of them in turn instead of on whichever was measured first. Each figure is the median over the rounds.
    const steps = new Map(opts.gateways.split(',').map((gw) => [gw, []]));
    for (let round = 1; round <= rounds; round++) {
      for (const gw of opts.gateways.split(',')) {
        await load(gateways[gw], headers, shape, inputs, 50, 1);
        for (const rate of opts.rates.split(',').map(Number)) {
          const m = await step(shape, gw, rate);
          steps.get(gw).push(m);
          console.log(JSON.stringify({ shape, gateway: gw, ...(rounds > 1 ? { round } : {}), ...m }));
        }
      }
    }
    for (const gw of opts.gateways.split(',')) {
      const url = gateways[gw];
      const row = {
        shape,
        gateway: gw,
        fixed: opts.rates
          .split(',')
          .map(Number)
          .map((rate) => medianStep(steps.get(gw).filter((m) => m.rate === rate))),
        best: null,
      };
      // The highest rate whose p99 stays within budget, all answered, the rate achieved within 5 %.
      for (const rate of opts.search.split(',').map(Number)) {
        const r = await load(url, headers, shape, inputs, rate, seconds);
        const ok = r.latency.p99 <= P99_BUDGET_MS && r.non2xx === 0 && r.errors === 0 && r.requests.average >= rate * 0.95;
        console.log(JSON.stringify({ shape, gateway: gw, search: rate, achieved: Math.round(r.requests.average), p99: r.latency.p99, ok }));
        if (!ok) break;
        row.best = rate;
      }
      results.push(row);
    }
  }
  // Ratios hub / reference: the gateway's own CPU per request at the first fixed rate, and the highest rate.
  const ratios = {};
  for (const ref of ['stock', 'hive', 'hive-hub']) {
    for (const shape of opts.shapes.split(',')) {
      const a = results.find((r) => r.shape === shape && r.gateway === 'hub');
      const b = results.find((r) => r.shape === shape && r.gateway === ref);
      if (!a || !b) continue;
      (ratios[`hubOver-${ref}`] ??= {})[shape] = {
        gatewayCpu: Number((a.fixed[0].cpuMsPerRequest.gateway / b.fixed[0].cpuMsPerRequest[ref]).toFixed(2)),
        highestRate: b.best ? Number(((a.best ?? 0) / b.best).toFixed(2)) : null,
      };
    }
  }
  console.log(
    JSON.stringify(
      {
        bench: 'interactive graph, per process',
        children: Number(opts.children),
        gatewayProcesses: Number(opts['gateway-processes']),
        seconds,
        p99BudgetMs: P99_BUDGET_MS,
        results: results.map((r) => ({ shape: r.shape, gateway: r.gateway, highestRateWithinBudget: r.best, fixed: r.fixed })),
        ratios,
      },
      null,
      2,
    ),
  );
} finally {
  for (const c of children) c.kill('SIGTERM');
  await stopHub(hub);
}
