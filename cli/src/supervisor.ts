import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger, ServiceListening } from '@hub/service-kit';

/** A service process started by `hub start`, its output written to a log file in the data folder. */
export interface ManagedProcess {
  name: string;
  /** The current process: replaced when `superviseRestarts` starts it again. */
  child: ChildProcess;
  logFile: string;
  /** Where the service listens, once it has said so (a service may be started on port 0). */
  url?: string;
  port?: number;
  healthUrl?: string;
  /** Starts the same service again: same entry and environment, on the port it listened on before. */
  respawn(): ChildProcess;
}

/**
 * Node flags for every service, overridable with `HUB_SERVICE_NODE_ARGS` (e.g. add `--cpu-prof` to profile a
 * run). A 32 MB young generation: GraphQL execution allocates many short-lived objects, and with V8's default
 * (16 MB) the nightly job spent about a tenth more CPU in the subgraphs (bench/RESULTS.md).
 */
const DEFAULT_SERVICE_NODE_ARGS = '--max-semi-space-size=32';

/**
 * Starts a service process with an IPC channel: the service reports the port it listens on (`runServiceProcess`
 * in @hub/service-kit), so `hub start --port 0` needs no fixed ports, and a service whose parent dies stops too.
 * `portVariable` names the environment variable carrying its port.
 */
export function spawnService(opts: {
  name: string;
  entry: string;
  env: NodeJS.ProcessEnv;
  portVariable: string;
  logDir: string;
}): ManagedProcess {
  mkdirSync(opts.logDir, { recursive: true });
  const logFile = join(opts.logDir, `${opts.name}.log`);
  const nodeArgs = (opts.env.HUB_SERVICE_NODE_ARGS ?? DEFAULT_SERVICE_NODE_ARGS).split(/\s+/).filter(Boolean);
  const managed: ManagedProcess = {
    name: opts.name,
    logFile,
    child: undefined as unknown as ChildProcess,
    respawn: () => start(),
  };
  const start = () => {
    const log = createWriteStream(logFile, { flags: 'a' });
    // Started again, a service keeps its port: the gateway and the portal know it by that address.
    const env = managed.port === undefined ? opts.env : { ...opts.env, [opts.portVariable]: String(managed.port) };
    const child = spawn(process.execPath, [...nodeArgs, opts.entry], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    child.on('message', (m: ServiceListening) => {
      if (m?.type !== 'listening') return;
      managed.url = m.url;
      managed.port = m.port;
      managed.healthUrl = new URL('/health', m.url).toString();
    });
    return child;
  };
  managed.child = start();
  return managed;
}

/**
 * Keeps services up after start-up, as a process manager would: a service that exits on its own is logged and
 * started again, after 1 s, then 2, 4 … up to 30 s while it keeps failing (reset once it has run a minute).
 * Meanwhile the gateway answers its fields with SUBGRAPH_UNAVAILABLE, and a nightly run marks them PARTIAL.
 * Returns a function that stops supervising (call it before stopping the services).
 */
export function superviseRestarts(processes: ManagedProcess[], logger: Logger): () => void {
  let stopping = false;
  const timers = new Set<NodeJS.Timeout>();
  const watch = (p: ManagedProcess, delayMs: number) => {
    const startedAt = Date.now();
    p.child.once('exit', (code, signal) => {
      if (stopping) return;
      const delay = Date.now() - startedAt > 60_000 ? 1000 : delayMs;
      logger.error(
        { process: p.name, code, signal, restartInMs: delay, log: p.logFile },
        `${p.name} exited unexpectedly; starting it again`,
      );
      const t = setTimeout(() => {
        timers.delete(t);
        if (stopping) return;
        p.child = p.respawn();
        watch(p, Math.min(delay * 2, 30_000));
        waitHealthy(p).then(
          () => logger.info({ process: p.name }, `${p.name} is back`),
          (err: Error) => logger.error({ process: p.name, err: err.message }, `${p.name} did not come back healthy`),
        );
      }, delay);
      timers.add(t);
    });
  };
  for (const p of processes) watch(p, 1000);
  return () => {
    stopping = true;
    for (const t of timers) clearTimeout(t);
  };
}

/** Waits until the service has said where it listens and its `/health` answers 200; fails if it dies or the deadline passes. */
export async function waitHealthy(p: ManagedProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const child = p.child;
  let lastError = 'not listening yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${p.name} exited (${child.exitCode ?? child.signalCode}) during start-up; see ${p.logFile}`);
    }
    if (p.healthUrl) {
      try {
        const res = await fetch(p.healthUrl, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return;
        lastError = `HTTP ${res.status}`;
      } catch (err) {
        lastError = (err as Error).message;
      }
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${p.name} not healthy after ${timeoutMs} ms (${lastError}); see ${p.logFile}`);
}

/**
 * SIGTERM, then SIGKILL after a grace period; resolves when every process has exited. Each service drains its
 * requests in flight and exits within 2 s of SIGTERM (service-kit's closeServer); one that does not is killed
 * and logged, and so is one that exits with an error.
 */
export async function stopAll(processes: ManagedProcess[], logger: Logger, graceMs = 2000): Promise<void> {
  await Promise.all(
    processes.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
          const startedAt = Date.now();
          let killed = false;
          const timer = setTimeout(() => {
            killed = true;
            logger.warn({ service: p.name, graceMs }, 'did not stop in time; killing');
            p.child.kill('SIGKILL');
          }, graceMs);
          p.child.once('exit', (code, signal) => {
            clearTimeout(timer);
            const ms = Date.now() - startedAt;
            if (!killed && code !== 0) logger.warn({ service: p.name, code, signal, ms }, 'stopped with an error');
            else logger.info({ service: p.name, ms }, 'stopped');
            resolve();
          });
          p.child.kill('SIGTERM');
        }),
    ),
  );
}
