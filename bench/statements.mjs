#!/usr/bin/env node
// What one request of each query shape costs PostgreSQL, database by database: statements, how many of them were
// planned and for how long, and how long they ran — counted by pg_stat_statements, so the figures are counts and
// server-side times, not the machine's noise. The hub runs as `npm start` runs it in a temporary data folder, with
// pg_stat_statements loaded (HUB_PG_SETTINGS) and planning tracked; requests are sent one at a time through the
// hub's gateway after a warm-up, so each statement is a request's own.
//
//   npm run bench:statements -- [--children 3000] [--shapes profile,agency,id,roster] [--requests 50] [--top 6]
//                               [--data-dir DIR] [--port 24650]
//
// Prints per shape and database: statements, plans and planning ms per request, execution ms per request, and the
// statements that cost most; then a JSON summary.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { BENCH_LIMITS, benchHeaders, rosterInputs, startHub, stopHub } from './hub.mjs';
import { SHAPES } from './shapes.mjs';

const { values: opts } = parseArgs({
  options: {
    children: { type: 'string', default: '3000' },
    shapes: { type: 'string', default: 'profile,agency,id,roster' },
    requests: { type: 'string', default: '50' },
    top: { type: 'string', default: '6' },
    port: { type: 'string', default: '24650' },
    'data-dir': { type: 'string' },
  },
});
const dataDir = opts['data-dir'] ?? mkdtempSync(join(tmpdir(), 'bench-statements-'));
const port = Number(opts.port);
const pgPort = port + 99;
const N = Number(opts.requests);
const shapes = opts.shapes.split(',');
for (const s of shapes) if (!SHAPES[s]) throw new Error(`unknown shape ${s}; known: ${Object.keys(SHAPES).join(', ')}`);

const { child: hub, ready } = await startHub({
  dataDir,
  port,
  pgPort,
  args: ['--children', opts.children],
  env: {
    HUB_PG_SETTINGS: JSON.stringify({
      shared_preload_libraries: 'pg_stat_statements',
      'pg_stat_statements.track': 'all',
      'pg_stat_statements.track_planning': 'on',
    }),
    HUB_LIMITS: BENCH_LIMITS,
  },
});
const clients = new Map();
try {
  const password = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).postgresPassword;
  const url = (db) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/${db}`;
  const admin = new pg.Client(url('postgres'));
  await admin.connect();
  const databases = (await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'hub\\_%' ORDER BY 1`)).rows.map(
    (r) => r.datname,
  );
  await admin.end();
  for (const db of databases) {
    const c = new pg.Client(url(db));
    await c.connect();
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    clients.set(db, c);
  }

  const headers = benchHeaders(dataDir);
  const ask = async (query, variables) => {
    const res = await fetch(ready.gateway, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = await res.json();
    if (body.errors) throw new Error(`the gateway answered with errors: ${JSON.stringify(body.errors).slice(0, 300)}`);
    return body.data;
  };
  const { ids, cursors } = await rosterInputs(ready.gateway, headers, { children: 2000 });
  const variables = (shape, i) => (shape === 'roster' ? { after: cursors[i % cursors.length] } : { id: ids[(i * 7) % ids.length] });

  const summary = [];
  for (const shape of shapes) {
    for (let i = 0; i < 20; i++) await ask(SHAPES[shape], variables(shape, N + i));
    for (const c of clients.values()) await c.query('SELECT pg_stat_statements_reset()');
    for (let i = 0; i < N; i++) await ask(SHAPES[shape], variables(shape, i));
    const perDatabase = {};
    console.log(`\n${shape}: ${N} requests, one at a time, per request:`);
    console.log('  database                 statements   plans   planning ms   execution ms');
    for (const [db, c] of clients) {
      // Only this database's statements, and not this bench's own reading of the view.
      const { rows } = await c.query(
        `SELECT s.calls::int AS calls, s.plans::int AS plans, s.total_plan_time AS plan_ms, s.total_exec_time AS exec_ms,
                regexp_replace(s.query, '\\s+', ' ', 'g') AS query
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
          WHERE d.datname = current_database() AND s.query NOT LIKE '%pg_stat_statements%'`,
      );
      const sum = (k) => rows.reduce((a, r) => a + Number(r[k]), 0) / N;
      const row = { statements: sum('calls'), plans: sum('plans'), planMs: sum('plan_ms'), execMs: sum('exec_ms') };
      if (row.statements === 0) continue;
      const top = rows
        .map((r) => ({
          perRequest: r.calls / N,
          plans: r.plans / N,
          ms: (Number(r.plan_ms) + Number(r.exec_ms)) / N,
          query: r.query.slice(0, 110),
        }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, Number(opts.top));
      perDatabase[db] = { ...row, top };
      console.log(
        `  ${db.padEnd(24)} ${row.statements.toFixed(2).padStart(10)} ${row.plans.toFixed(2).padStart(7)} ${row.planMs.toFixed(3).padStart(13)} ${row.execMs.toFixed(3).padStart(14)}`,
      );
      for (const t of top) console.log(`      ${t.perRequest.toFixed(2)}× ${t.plans.toFixed(2)} plans ${t.ms.toFixed(3)} ms  ${t.query}`);
    }
    const totals = Object.values(perDatabase).reduce(
      (a, r) => ({
        statements: a.statements + r.statements,
        plans: a.plans + r.plans,
        planMs: a.planMs + r.planMs,
        execMs: a.execMs + r.execMs,
      }),
      { statements: 0, plans: 0, planMs: 0, execMs: 0 },
    );
    console.log(
      `  ${'all'.padEnd(24)} ${totals.statements.toFixed(2).padStart(10)} ${totals.plans.toFixed(2).padStart(7)} ${totals.planMs.toFixed(3).padStart(13)} ${totals.execMs.toFixed(3).padStart(14)}`,
    );
    summary.push({ shape, requests: N, totals, perDatabase });
  }
  console.log(
    JSON.stringify({ bench: 'statements per request, per database', children: Number(opts.children), results: summary }, null, 2),
  );
} finally {
  for (const c of clients.values()) await c.end().catch(() => {});
  await stopHub(hub);
}
