#!/usr/bin/env node
// What one audit append costs, the two ways a service commits one (docs/access.md#audit-审计): the full way (the
// transaction, the chain's lock and head in one message, the row and the commit in the next) and one round trip (the
// lock and an INSERT guarded on the head this process wrote last). Side by side in one run: the two take turns for
// `--rounds`, each round appending `--appends` rows one after another, as a service does when its requests do not
// overlap; each figure is the median over the rounds. CPU is read from /proc: PostgreSQL's (the postmaster and all
// its processes, with those that ended) and this process's, which does the service's part of an append (the same
// service-kit code). The hub runs as `npm start` runs it, in a temporary data folder, and is otherwise idle.
//
//   npm run bench:audit -- [--appends 2000] [--rounds 5] [--data-dir DIR] [--port 24550]
//
// Prints one line per round and way, then a JSON summary with the ratios one round trip / full way.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AGENCY_AUDIT, appendChained, createDataSource } from '@hub/service-kit';
import { startHub, stopHub } from './hub.mjs';
import { cpuOf, parentOf } from './proc.mjs';

const { values: opts } = parseArgs({
  options: {
    appends: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '5' },
    port: { type: 'string', default: '24550' },
    'data-dir': { type: 'string' },
  },
});
const appends = Number(opts.appends);
const rounds = Number(opts.rounds);
for (const [name, n] of [
  ['--appends', appends],
  ['--rounds', rounds],
]) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: expected a whole number of at least 1, got ${opts[name.slice(2)]}`);
}
const dataDir = opts['data-dir'] ?? mkdtempSync(join(tmpdir(), 'bench-audit-'));
const port = Number(opts.port);
const pgPort = port + 99;

/** CPU milliseconds (user + system, with ended children's) of the postmaster and every process it started. */
function postgresCpuMs(postmaster) {
  let seconds = cpuOf(postmaster);
  for (const pid of readdirSync('/proc')) {
    if (/^\d+$/.test(pid) && Number(pid) !== postmaster && parentOf(pid) === postmaster) seconds += cpuOf(pid);
  }
  return seconds * 1000;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const WAYS = { 'one round trip': 'on', 'full way': 'off' };

const { child: hub } = await startHub({ dataDir, port, pgPort, args: ['--children', '200'] });
let writer;
try {
  const password = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).postgresPassword;
  const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  writer = createDataSource({
    name: 'bench-audit',
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/hub_civil_affairs`,
  });
  await writer.initialize();
  const row = (i) => ({
    at: null,
    request_id: `bench-audit-${i}`,
    subject: 'bench:audit',
    roles: ['ca-supervisor'],
    purpose: 'case-work',
    operation: 'Profile__civil_affairs__0',
    entity_type: 'Child',
    entity_ids: ['Child:bench-audit-child'],
    fields: ['Child.welfare', 'Welfare.name', 'Welfare.categories'],
    outcome: 'DISCLOSED',
  });
  let n = 0;
  const append = () => appendChained(writer, AGENCY_AUDIT, row(n++));
  for (let i = 0; i < 200; i++) await append(); // warm-up: connection, JIT, the chain's head known
  const results = Object.fromEntries(Object.keys(WAYS).map((w) => [w, []]));
  for (let r = 0; r < rounds; r++) {
    // Taking turns, and in the other order each round, so neither way always follows the other.
    const order = r % 2 ? Object.keys(WAYS).reverse() : Object.keys(WAYS);
    for (const way of order) {
      process.env.HUB_AUDIT_ONE_ROUND_TRIP = WAYS[way];
      const pg0 = postgresCpuMs(postmaster);
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < appends; i++) await append();
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpu = process.cpuUsage(cpu0);
      const pgMs = postgresCpuMs(postmaster) - pg0;
      const figures = {
        way,
        round: r + 1,
        wallMsPerAppend: +(wallMs / appends).toFixed(3),
        postgresCpuMsPerAppend: +(pgMs / appends).toFixed(3),
        serviceCpuMsPerAppend: +((cpu.user + cpu.system) / 1000 / appends).toFixed(3),
      };
      results[way].push(figures);
      console.log(JSON.stringify(figures));
    }
  }
  const summary = {};
  for (const [way, rs] of Object.entries(results)) {
    summary[way] = Object.fromEntries(
      ['wallMsPerAppend', 'postgresCpuMsPerAppend', 'serviceCpuMsPerAppend'].map((k) => [k, +median(rs.map((x) => x[k])).toFixed(3)]),
    );
  }
  const ratio = (k) => +(summary['one round trip'][k] / summary['full way'][k]).toFixed(2);
  console.log(
    JSON.stringify(
      {
        appends,
        rounds,
        medians: summary,
        oneOverFull: {
          wall: ratio('wallMsPerAppend'),
          postgresCpu: ratio('postgresCpuMsPerAppend'),
          serviceCpu: ratio('serviceCpuMsPerAppend'),
        },
      },
      null,
      2,
    ),
  );
} finally {
  await writer?.destroy();
  await stopHub(hub);
}
