// Starts `hub start` for a benchmark, as a user would, and resolves when it prints that it is ready.
import { execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = join(ROOT, 'cli', 'dist', 'main.js');

export function startHub({ dataDir, port, pgPort, args = [], env = {} }) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [CLI, 'start', '--data-dir', dataDir, '--port', String(port), '--pg-port', String(pgPort), ...args],
      {
        // No nightly run in the middle of a measurement.
        env: { ...process.env, HUB_READY_JSON: '1', LOG_LEVEL: 'warn', HUB_RECONCILE_CRON: 'off', ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /HUB_READY (\{.*\})/.exec(out);
      if (m) resolve({ child, ready: JSON.parse(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}`)));
  });
}

export async function stopHub(child) {
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
}

/**
 * The benches' caller: a city supervisor of Chongqing's two cities (5001, 5002) asking for case work. It asks
 * hundreds of times a second, so `hub start` is given BENCH_LIMITS, which lifts its rate limit and nothing else.
 */
export const BENCH_LIMITS = JSON.stringify({ roles: { 'ca-supervisor': { perMinute: 10_000_000 } } });

export function benchHeaders(dataDir) {
  const token = execFileSync(
    process.execPath,
    [CLI, 'token', '--role', 'ca-supervisor', '--jurisdiction', '5001,5002', '--data-dir', dataDir],
    {
      encoding: 'utf8',
    },
  ).trim();
  return { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'case-work' };
}

/**
 * Children of the bench caller's jurisdiction, read through the roster `pageSize` at a time until `children` ids
 * (or the end), and the cursor of each page after the first (`cursors[0]` is null: the first page).
 */
export async function rosterInputs(gateway, headers, { children, pageSize = 100 }) {
  const ids = [];
  const cursors = [null];
  for (let after = null; ids.length < children;) {
    const res = await fetch(gateway, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        query: `query($a: String) { roster(first: ${pageSize}, after: $a) { nodes { id } pageInfo { endCursor hasNextPage } } }`,
        variables: { a: after },
      }),
    });
    const page = (await res.json()).data.roster;
    ids.push(...page.nodes.map((n) => n.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
    cursors.push(after);
  }
  return { ids, cursors };
}
