// Starts `hub start` for a benchmark, as a user would, and resolves when it prints that it is ready.
import { spawn } from 'node:child_process';
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
