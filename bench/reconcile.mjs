#!/usr/bin/env node
// Nightly reconciliation, end to end: seeds N children (or reuses --data-dir), starts the
// hub, runs `hub reconcile` as a separate process through the real gateway and subgraphs, and prints
// children/s, wall time and the job's peak RSS. For the ratio only, a direct reference: the same rules
// evaluated by the generator's oracle over the same rows read straight from the six databases with SQL
// (never used by the product).
//
//   npm run bench:reconcile -- --children 20000 [--page-size 500] [--concurrency 4] [--data-dir DIR] [--port 24800] [--no-reference]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createRequire } from 'node:module';
import { CLI, startHub, stopHub } from './hub.mjs';

const require = createRequire(import.meta.url);
const { TABLES, evaluateHousehold, expectedOutcome, readGroundTruth } = require('@hub/population');
const { DEFAULT_POLICY, ALL_RULES } = require('@hub/domain');
const { values: opts } = parseArgs({
  options: {
    children: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '42' },
    'as-of': { type: 'string', default: '2025-09-01' },
    'page-size': { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '4' },
    port: { type: 'string', default: '24800' },
    'data-dir': { type: 'string' },
    'no-reference': { type: 'boolean', default: false },
  },
});
const dataDir = opts['data-dir'] ?? mkdtempSync(join(tmpdir(), 'bench-reconcile-'));
const port = Number(opts.port);
const pgPort = port + 99;
const asOf = opts['as-of'];

/** Runs the job as its own process; returns its output, wall time and peak RSS (VmHWM, polled). */
function runJob(gateway) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
        CLI,
        'reconcile',
        '--gateway',
        gateway,
        '--data-dir',
        dataDir,
        '--as-of',
        asOf,
        '--page-size',
        opts['page-size'],
        '--concurrency',
        opts.concurrency,
      ],
      {
        env: { ...process.env, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // the job exited between two polls
      }
    }, 200);
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', (code) => {
      clearInterval(poll);
      if (code !== 0) reject(new Error(`reconcile exited with ${code}:\n${out}`));
      else resolve({ out, seconds: (performance.now() - started) / 1000, peakMb: Math.round(peakKb / 1024) });
    });
  });
}

/** The reference: every table read with SQL, the oracle over all rows at once. */
async function reference() {
  const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
  pg.types.setTypeParser(1082, (v) => v);
  pg.types.setTypeParser(1700, (v) => Number(v));
  const started = performance.now();
  const rows = {};
  for (const [agency, tables] of Object.entries(TABLES)) {
    const client = new pg.Client({
      connectionString: `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${pgPort}/hub_${agency.replace('-', '_')}`,
    });
    await client.connect();
    rows[agency] = {};
    for (const [table, columns] of Object.entries(tables)) {
      rows[agency][table] = (await client.query(`SELECT ${Object.keys(columns).join(', ')} FROM ${table}`)).rows;
    }
    await client.end();
  }
  const read = (performance.now() - started) / 1000;
  const results = evaluateHousehold(rows, { asOf, policy: DEFAULT_POLICY, jurisdiction: '50' });
  return { seconds: (performance.now() - started) / 1000, readSeconds: read, children: results.length };
}

/** Findings of the run against the ground truth: the FLAGGED set per rule (precision and recall). */
async function scoreFindings() {
  const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
  const client = new pg.Client({
    connectionString: `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${pgPort}/hub_civil_affairs`,
  });
  await client.connect();
  const { rows } = await client.query(`SELECT rule, child_id FROM finding WHERE status IN ('OPEN', 'IN_PROGRESS') AND last_seen_on = $1`, [
    asOf,
  ]);
  await client.end();
  const found = new Set(rows.map((r) => `${r.rule}|${r.child_id}`));
  const truth = new Set();
  for await (const item of readGroundTruth(join(dataDir, 'ground-truth.jsonl.gz'))) {
    if (item.type === 'header') continue;
    for (const rule of ALL_RULES) if (expectedOutcome(item, rule) === 'FLAGGED') truth.add(`${rule}|${item.id}`);
  }
  const tp = [...found].filter((k) => truth.has(k)).length;
  return {
    findings: found.size,
    groundTruthFlagged: truth.size,
    precision: found.size ? tp / found.size : 1,
    recall: truth.size ? tp / truth.size : 1,
  };
}

// A new directory is seeded by the hub on its first start (--children, --seed).
if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });
const { child: hub, ready } = await startHub({
  dataDir,
  port,
  pgPort,
  args: ['--children', opts.children, '--seed', opts.seed, '--as-of', asOf],
});
try {
  const job = await runJob(ready.gateway);
  const m = /reconciliation (\S+): (\w+), (\d+) children, (\d+) pages/.exec(job.out);
  const children = Number(m?.[3] ?? 0);
  const ref = opts['no-reference'] ? null : await reference();
  const score = await scoreFindings();
  console.log(job.out.split('\n').slice(0, 1).join('\n'));
  console.log(
    JSON.stringify(
      {
        bench: 'nightly reconciliation: every rule for every child, through the gateway',
        population: Number(opts.children),
        checked: children,
        status: m?.[2],
        wallSeconds: Number(job.seconds.toFixed(1)),
        childrenPerSecond: Math.round(children / job.seconds),
        jobPeakRssMb: job.peakMb,
        pageSize: Number(opts['page-size']),
        concurrency: Number(opts.concurrency),
        reference: ref && {
          what: 'oracle over rows read with SQL from the six databases (for the ratio only)',
          seconds: Number(ref.seconds.toFixed(1)),
          readSeconds: Number(ref.readSeconds.toFixed(1)),
          children: ref.children,
          ratio: Number((job.seconds / ref.seconds).toFixed(1)),
        },
        findingsVsGroundTruth: score,
        projectedSecondsFor1M: Math.round((job.seconds * 1_000_000) / Number(opts.children)),
      },
      null,
      2,
    ),
  );
} finally {
  await stopHub(hub);
}
