import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ALL_RULES, DEFAULT_ROUTING, familyOf, ROSTER_FAMILIES, routingWith, todayInChina, type RuleId } from '@hub/domain';
import type { Logger } from '@hub/service-kit';
import { GatewayClient } from './graphql-client';

/**
 * The nightly reconciliation (docs/architecture.md, "The path of a nightly run"): every rule for every child through the gateway, recorded in
 * civil affairs through the graph. Pages the civil-affairs roster (keyset), then the public-security
 * register for the discovery rules; evaluates pages concurrently; records each page in one transaction
 * (idempotent, keyed by the page); keeps a checkpoint that only moves past pages already recorded, so a
 * killed job resumes where it stopped and ends with the same findings as an uninterrupted run.
 */
export interface ReconcileOptions {
  gateway: string;
  token: string;
  logger: Logger;
  /** Evaluation date; default today (Beijing time). Ignored on resume (the run's own). */
  asOf?: string;
  /** Rules to run; default all. Ignored on resume. */
  rules?: RuleId[];
  /** Region-code prefix to reconcile (shards a province across workers). Ignored on resume. */
  region: string;
  pageSize?: number;
  concurrency?: number;
  resume?: string;
  /** As soon as the run is started or resumed (before any page). */
  onRun?(run: { id: string }): void;
  /** Once the totals are counted (the pages have started already): `done` so far, `resumedAt` where this process began. */
  onStart?(run: { id: string; total: number; done: number; resumedAt: number }): void;
  onProgress?(p: { done: number; total: number; phase: Phase }): void;
  /** Stop producing pages (e.g. on SIGINT); in-flight pages are recorded, the run is left resumable. */
  signal?: AbortSignal;
}

/**
 * Defaults measured on the 2-core bench machine (bench/RESULTS.md): once the per-page costs were gone, 500
 * children a page with 4 in flight beat 250 with 6 (1,000,000 children: 402.2 s against 429.5 s; 100,000:
 * 43.6 s against 50.7 s). Enough pages in flight keep both cores busy while a page's fetches wait on one another.
 */
export const DEFAULT_PAGE_SIZE = 500;
export const DEFAULT_CONCURRENCY = 4;

type Phase = 'roster' | 'discovery-hukou' | 'discovery-permit' | 'done';
/**
 * The rules whose cases go to an office of the school's district (docs/cases.md, "Routing"), by the same routing
 * civil affairs applies (`HUB_ROUTING_FILE` replaces rules' routes).
 */
function schoolRoutedRules(): Set<string> {
  const file = process.env.HUB_ROUTING_FILE;
  const routing = file ? routingWith(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : DEFAULT_ROUTING;
  return new Set(
    Object.entries(routing)
      .filter(([, r]) => r.tasks.some((t) => t.at === 'school'))
      .map(([rule]) => rule),
  );
}
const PHASES: Phase[] = ['roster', 'discovery-hukou', 'discovery-permit', 'done'];

interface Position {
  phase: Phase;
  after: string | null;
  seq: number;
}

interface Checkpoint extends Position {
  pageSize: number;
  /**
   * The roster pages answer the roster children's discovery rules, so discovery skips them. Absent in a run
   * started by an earlier version of the job, whose roster pages did not: resumed, it checks them in discovery.
   */
  rosterDiscovery?: boolean;
}

interface Page extends Position {
  ids: string[];
  regions: Map<string, string>;
}

interface RuleCount {
  rule: string;
  flagged: number;
  clear: number;
  inconclusive: number;
  unavailable: number;
}

export interface RunRecord {
  id: string;
  asOf: string;
  region: string;
  rules: string[];
  status: 'RUNNING' | 'COMPLETED' | 'PARTIAL' | 'FAILED';
  startedAt: string;
  finishedAt: string | null;
  checkpoint: string | null;
  pagesDone: number;
  children: number;
  counts: RuleCount[];
}

const RUN_FIELDS =
  'id asOf region rules status startedAt finishedAt checkpoint pagesDone children counts { rule flagged clear inconclusive unavailable }';
const RESULT_FIELDS = 'rule outcome reason evidence { agency fact value }';

/** One roster page of the nightly job (see `processPage`); its query plan is pinned by tests/unit/query-plans.test.ts. */
export const ROSTER_PAGE_QUERY = `query($ids: [ID!]!, $asOf: Date, $rules: [String!]) { childrenForChecks(ids: $ids) { id
                 rosterChecks(asOf: $asOf, evidenceFor: [FLAGGED], rules: $rules) { flagged { ${RESULT_FIELDS} } inconclusive { ${RESULT_FIELDS} } clear } } }`;
/** One discovery page of the nightly job: the register's children not on the roster, the discovery rules only. Pinned likewise. */
export const DISCOVERY_PAGE_QUERY = `query($ids: [ID!]!, $asOf: Date, $except: String) { childrenForChecks(ids: $ids, exceptRoster: $except) { id
                 discoveryChecks(asOf: $asOf, evidenceFor: [FLAGGED]) { ${RESULT_FIELDS} } } }`;

interface CheckResult {
  rule: string;
  outcome: 'FLAGGED' | 'CLEAR' | 'INCONCLUSIVE';
  reason: string;
  evidence: { agency: string; fact: string; value: string }[];
}

interface CheckSummary {
  flagged: CheckResult[];
  inconclusive: CheckResult[];
  clear: string[];
}

/** A roster child's summary as results; a CLEAR result needs no reason here. */
function fromSummary(s: CheckSummary | null): CheckResult[] {
  if (!s) return [];
  return [...s.flagged, ...s.inconclusive, ...s.clear.map((rule) => ({ rule, outcome: 'CLEAR' as const, reason: '', evidence: [] }))];
}

/**
 * The earliest birth date of someone still under 18 on `asOf`: `asOf` minus 18 years (29 February clamped to
 * the 28th), plus one day. Children born earlier are adults; the discovery rules answer nothing for them.
 */
export function minorsBornOnOrAfter(asOf: string, adultAge = 18): string {
  const y = Number(asOf.slice(0, 4)) - adultAge;
  const m = Number(asOf.slice(5, 7));
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = new Date(Date.UTC(y, m - 1, Math.min(Number(asOf.slice(8, 10)), lastDay)));
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function reconcile(opts: ReconcileOptions): Promise<RunRecord> {
  const log = opts.logger;
  const schoolRouted = schoolRoutedRules();
  const client = new GatewayClient({ url: opts.gateway, token: opts.token, purpose: 'reconciliation', logger: log });

  // ---------------------------------------------------------------- start or resume
  let run: RunRecord;
  let position: Position;
  let pageSize: number;
  let rosterDiscovery = true;
  if (opts.resume) {
    run = (
      await client.request<{ resumeReconciliationRun: RunRecord }>(
        `mutation($id: ID!) { resumeReconciliationRun(id: $id) { ${RUN_FIELDS} } }`,
        { id: opts.resume },
      )
    ).data.resumeReconciliationRun;
    const cp = run.checkpoint ? (JSON.parse(run.checkpoint) as Checkpoint) : null;
    pageSize = cp?.pageSize ?? opts.pageSize ?? DEFAULT_PAGE_SIZE;
    position = cp ? { phase: cp.phase, after: cp.after, seq: cp.seq } : { phase: 'roster', after: null, seq: 0 };
    rosterDiscovery = cp ? cp.rosterDiscovery === true : true;
    log.info({ runId: run.id, checkpoint: cp, pagesDone: run.pagesDone }, 'resuming reconciliation run');
  } else {
    pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
    const asOf = opts.asOf ?? todayInChina();
    const rules = opts.rules ?? ALL_RULES;
    const checkpoint: Checkpoint = { phase: 'roster', after: null, seq: 0, pageSize, rosterDiscovery };
    run = (
      await client.request<{ startReconciliationRun: RunRecord }>(
        `mutation($asOf: Date!, $region: String!, $rules: [String!]!, $cp: String, $id: ID) { startReconciliationRun(asOf: $asOf, region: $region, rules: $rules, checkpoint: $cp, id: $id) { ${RUN_FIELDS} } }`,
        // Our own id: a retried start whose answer was lost finds the run it created.
        { asOf, region: opts.region, rules, cp: JSON.stringify(checkpoint), id: randomUUID() },
      )
    ).data.startReconciliationRun;
    position = { phase: 'roster', after: null, seq: 0 };
    log.info({ runId: run.id, asOf, region: opts.region, rules: rules.length }, 'reconciliation run started');
  }
  opts.onRun?.({ id: run.id });
  const rules = new Set(run.rules);
  const families = ROSTER_FAMILIES.filter((f) => run.rules.some((r) => familyOf(r as RuleId) === f));
  const discovery = run.rules.some((r) => familyOf(r as RuleId) === 'discovery');
  // A roster child's discovery rules are answered with its roster checks (the facts they read are among
  // those fetched anyway), so the discovery pages leave out the children of the region's roster. Without
  // roster rules there is no roster pass, and discovery covers everyone.
  const discoveryExceptRoster = families.length > 0 && rosterDiscovery ? run.region : null;
  const born = minorsBornOnOrAfter(run.asOf);
  const skip = (phase: Phase) => (phase === 'roster' ? families.length === 0 : phase !== 'done' && !discovery);
  while (position.phase !== 'done' && skip(position.phase))
    position = { phase: PHASES[PHASES.indexOf(position.phase) + 1], after: null, seq: position.seq };

  // ---------------------------------------------------------------- totals, for progress
  // Discovery visits only the minors public security's screen lets through (AWAY_SCREEN in the public-security
  // subgraph): the others are, by the register alone, neither migrant nor left-behind children. Counting them
  // takes a while on a large register (about 20 s at 1,000,000 children), so the pages do not wait for it:
  // progress starts when the totals are in. A count that fails only costs the progress display.
  let done = run.children;
  let total: number | null = null;
  const totals = client
    .request<{
      roster: { totalCount: number };
      hukou: { totalCount: number };
      permit: { totalCount: number };
      hukouMinors: { totalCount: number };
      permitMinors: { totalCount: number };
    }>(
      `query($region: String!, $born: Date, $on: Date) {
         roster(first: 1, filter: { regionPrefix: $region }) { totalCount }
         hukou: residents(regionPrefix: $region, bornOnOrAfter: $born, awayScreenOn: $on, first: 1) { totalCount }
         permit: residents(regionPrefix: $region, bornOnOrAfter: $born, withResidencePermit: true, hukouOutsideRegion: true, awayScreenOn: $on, first: 1) { totalCount }
         hukouMinors: residents(regionPrefix: $region, bornOnOrAfter: $born, first: 1) { totalCount }
         permitMinors: residents(regionPrefix: $region, bornOnOrAfter: $born, withResidencePermit: true, hukouOutsideRegion: true, first: 1) { totalCount }
       }`,
      { region: run.region, born, on: run.asOf },
    )
    .then(
      ({ data: t }) => {
        total = (families.length ? t.roster.totalCount : 0) + (discovery ? t.hukou.totalCount + t.permit.totalCount : 0);
        if (discovery) {
          log.info(
            { minors: t.hukouMinors.totalCount + t.permitMinors.totalCount, screenedIn: t.hukou.totalCount + t.permit.totalCount },
            'discovery: minors of the region (hukou or residence permit) and those the public-security screen lets through',
          );
        }
        opts.onStart?.({ id: run.id, total, done, resumedAt: run.children });
      },
      (err: unknown) =>
        log.warn({ err: (err as Error).message }, 'could not count the children to check; running without a progress total'),
    );

  // ---------------------------------------------------------------- pages
  async function* pages(): AsyncGenerator<Page> {
    while (position.phase !== 'done') {
      if (opts.signal?.aborted) return;
      const { phase, after, seq } = position;
      const regions = new Map<string, string>();
      let ids: string[];
      let next: string | null;
      if (phase === 'roster') {
        const r = await client.request<{
          roster: { nodes: { id: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
        }>(
          `query($first: Int!, $after: String, $region: String) { roster(first: $first, after: $after, filter: { regionPrefix: $region }) { nodes { id } pageInfo { endCursor hasNextPage } } }`,
          { first: pageSize, after, region: run.region },
        );
        ids = r.data.roster.nodes.map((n) => n.id);
        next = r.data.roster.pageInfo.hasNextPage ? r.data.roster.pageInfo.endCursor : null;
      } else {
        const permit = phase === 'discovery-permit';
        const r = await client.request<{
          residents: {
            nodes: { id: string; hukouRegion: string | null; asChild: { residencePermits?: { region: string }[] } }[];
            pageInfo: { endCursor: string | null; hasNextPage: boolean };
          };
        }>(
          `query($first: Int!, $after: String, $region: String!, $born: Date, $on: Date, $permit: Boolean!) {
             residents(regionPrefix: $region, bornOnOrAfter: $born, awayScreenOn: $on, withResidencePermit: $permit, hukouOutsideRegion: $permit, first: $first, after: $after) {
               nodes { id hukouRegion ${permit ? 'asChild { residencePermits { region } }' : ''} } pageInfo { endCursor hasNextPage } } }`,
          { first: pageSize, after, region: run.region, born, on: run.asOf, permit },
        );
        // The permit pass holds only children whose hukou lies outside the region (the hukou pass had the others):
        // their region for the run is that of their permit here.
        ids = r.data.residents.nodes.map((n) => n.id);
        for (const n of r.data.residents.nodes) {
          const region = permit ? n.asChild.residencePermits?.find((p) => p.region.startsWith(run.region))?.region : n.hukouRegion;
          if (region) regions.set(n.id, region);
        }
        next = r.data.residents.pageInfo.hasNextPage ? r.data.residents.pageInfo.endCursor : null;
      }
      // Registered as pending before the position moves past it, so no checkpoint can skip it.
      pending.set(seq, { phase, after, seq });
      position = next !== null ? { phase, after: next, seq: seq + 1 } : { phase: nextPhase(phase), after: null, seq: seq + 1 };
      yield { phase, after, seq, ids, regions };
    }
  }
  const nextPhase = (p: Phase): Phase => {
    let n = PHASES[PHASES.indexOf(p) + 1];
    while (n !== 'done' && skip(n)) n = PHASES[PHASES.indexOf(n) + 1];
    return n;
  };

  const pending = new Map<number, Position>();
  /** Resume from the earliest page not yet recorded (the page being recorded now excluded). */
  const checkpointAfter = (seq: number): Checkpoint => {
    let earliest: Position = position;
    for (const [s, p] of pending) if (s !== seq && s < earliest.seq) earliest = p;
    // Only the position: never a page's ids.
    return { phase: earliest.phase, after: earliest.after, seq: earliest.seq, pageSize, rosterDiscovery };
  };

  /**
   * Where the school a finding cites lies, for the rules whose cases go to the education office of the school's
   * district (劝返复学, 送教上门): asked of education through the graph for the few flagged children, and matched by
   * the school the finding's evidence names (by name since the evidence is read by people; by code for evidence
   * written before). Unknown (education down, no match) leaves the residence's office.
   */
  async function schoolRegions(results: { id: string; results: CheckResult[] }[]): Promise<Map<string, string>> {
    const cites = new Map<string, string[]>();
    for (const c of results) {
      const values = c.results
        .filter((x) => x.outcome === 'FLAGGED' && schoolRouted.has(x.rule))
        .flatMap((x) => x.evidence.filter((e) => e.agency === '教育').map((e) => e.value));
      if (values.length) cites.set(c.id, values);
    }
    const out = new Map<string, string>();
    if (!cites.size) return out;
    const r = await client.request<{
      childrenForChecks: { id: string; enrolments: { school: { code: string; name: string; region: string } }[] | null }[];
    }>(
      `query($ids: [ID!]!) { childrenForChecks(ids: $ids) { id enrolments { school { code name region } } } }`,
      { ids: [...cites.keys()] },
      ['SUBGRAPH_UNAVAILABLE'],
    );
    for (const c of r.data?.childrenForChecks ?? []) {
      const values = cites.get(c.id) ?? [];
      // The longest name cited wins: one school's name may contain another's (某镇小学, 某镇中心小学).
      const school = (c.enrolments ?? [])
        .filter((e) => values.some((v) => v.includes(e.school.name) || v.includes(e.school.code)))
        .sort((a, b) => b.school.name.length - a.school.name.length)[0];
      if (school) out.set(c.id, school.school.region);
    }
    return out;
  }

  async function processPage(page: Page): Promise<void> {
    let results: { id: string; results: CheckResult[] }[] = [];
    let outage = false;
    if (page.ids.length) {
      // Every rule of a roster child in one field: asked as five family fields, the gateway makes five
      // civil-affairs fetches, each with its own copy of the facts.
      const [query, variables] =
        page.phase === 'roster'
          ? [
              ROSTER_PAGE_QUERY,
              {
                ids: page.ids,
                asOf: run.asOf,
                rules: rosterDiscovery ? run.rules : run.rules.filter((r) => familyOf(r as RuleId) !== 'discovery'),
              },
            ]
          : [DISCOVERY_PAGE_QUERY, { ids: page.ids, asOf: run.asOf, except: discoveryExceptRoster }];
      // An agency down: the gateway answers its facts with nulls and the rules say INCONCLUSIVE.
      const r = await client.request<{ childrenForChecks: Record<string, unknown>[] }>(query, variables, ['SUBGRAPH_UNAVAILABLE']);
      // Only an agency that did not answer makes a run PARTIAL; facts withheld by jurisdiction are just INCONCLUSIVE.
      outage = r.errors.some((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE');
      results = r.data.childrenForChecks.map((c) => ({
        id: c.id as string,
        results: (page.phase === 'roster'
          ? fromSummary(c.rosterChecks as CheckSummary | null)
          : ((c.discoveryChecks as CheckResult[] | null) ?? [])
        ).filter((x) => rules.has(x.rule)),
      }));
    }
    const schools = await schoolRegions(results);
    const children = results.map((c) => ({
      childId: c.id,
      region: page.regions.get(c.id) ?? null,
      schoolRegion: schools.get(c.id) ?? null,
      flagged: c.results.filter((x) => x.outcome === 'FLAGGED').map((x) => ({ rule: x.rule, reason: x.reason, evidence: x.evidence })),
      clear: c.results.filter((x) => x.outcome === 'CLEAR').map((x) => x.rule),
      inconclusive: c.results.filter((x) => x.outcome === 'INCONCLUSIVE').map((x) => x.rule),
      unavailable: outage
        ? c.results.filter((x) => x.outcome === 'INCONCLUSIVE' && x.reason.includes('数据不可用')).map((x) => x.rule)
        : [],
    }));
    await client.request(
      `mutation($run: ID!, $key: String!, $cp: String, $children: [ChildOutcomeInput!]!) {
         recordReconciliationPage(runId: $run, pageKey: $key, checkpoint: $cp, children: $children) { id } }`,
      { run: run.id, key: `${page.phase}:${page.after ?? ''}`, cp: JSON.stringify(checkpointAfter(page.seq)), children },
    );
    pending.delete(page.seq);
    done += page.ids.length;
    if (total !== null) opts.onProgress?.({ done, total, phase: page.phase });
  }

  // ---------------------------------------------------------------- the pipeline
  // The run's lock lives while its heartbeat does: refreshed every 30 s, whatever the pages are doing.
  const heartbeat = setInterval(() => {
    client
      .request(`mutation($id: ID!) { heartbeatReconciliationRun(id: $id) }`, { id: run.id })
      .catch((e: unknown) => log.warn({ err: (e as Error).message }, 'heartbeat failed'));
  }, 30_000);
  heartbeat.unref();
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY);
  const inflight = new Set<Promise<void>>();
  let failure: unknown;
  try {
    for await (const page of pages()) {
      const p: Promise<void> = processPage(page).then(
        () => void inflight.delete(p),
        (err: unknown) => {
          inflight.delete(p);
          failure ??= err;
        },
      );
      inflight.add(p);
      while (inflight.size >= concurrency) await Promise.race(inflight);
      if (failure) break;
    }
  } catch (err) {
    failure ??= err;
  }
  await Promise.all(inflight);
  await totals;
  clearInterval(heartbeat);

  if (failure || opts.signal?.aborted) {
    const reason = failure ? (failure as Error).message : 'interrupted';
    log.error({ runId: run.id, err: reason }, `reconciliation stopped; resume with --resume ${run.id}`);
    await client
      .request(`mutation($id: ID!) { finishReconciliationRun(id: $id, failed: true) { id } }`, { id: run.id })
      .catch((e: unknown) => log.error({ err: (e as Error).message }, 'could not mark the run FAILED (its heartbeat will lapse)'));
    throw Object.assign(new Error(`reconciliation ${run.id} stopped: ${reason}; resume with --resume ${run.id}`), { runId: run.id });
  }
  const finished = (
    await client.request<{ finishReconciliationRun: RunRecord }>(
      `mutation($id: ID!) { finishReconciliationRun(id: $id) { ${RUN_FIELDS} } }`,
      { id: run.id },
    )
  ).data.finishReconciliationRun;
  log.info(
    { runId: finished.id, status: finished.status, children: finished.children, pages: finished.pagesDone },
    'reconciliation run finished',
  );
  return finished;
}
