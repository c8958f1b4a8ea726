import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { auth, codeOf, gql, hubInfo, ROOT, sql } from '../helpers/hub';
import { DEFAULT_POLICY, todayInChina } from '@hub/domain';

/**
 * The ledger's statistics kept month by month (docs/ledger.md#statistics), through the real gateway against real
 * PostgreSQL: the service account counts a month per township; what is kept equals the live scorecard counted on the
 * same day, for the month under way and for a finished month; a home visit moves the live scorecard at once and the
 * kept month only when counted again; a city reads its districts month by month; other roles, bad months and too long
 * a stretch are refused with their codes; `hub ledger-stats` does the same from the command line.
 */
const info = hubInfo();
const run = promisify(execFile);
const today = todayInChina;
const thisMonth = () => today().slice(0, 7);
function lastMonth(): string {
  const [y, m] = thisMonth().split('-').map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}
function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const FIGURES = `region children leftBehind withAgreement visitedInTime newCases casesClosed closedInTime directors trainedDirectors`;
const COUNT = `mutation($month: String) { recordLedgerStatistics(month: $month) { month asOf townships } }`;
const STATS = `query($r: String, $from: String, $to: String) { ledgerStatistics(regionPrefix: $r, fromMonth: $from, toMonth: $to) {
  month asOf areas { ${FIGURES} } total { ${FIGURES} } } }`;
const SCORE = `query($r: String, $asOf: Date) { ledgerScorecard(regionPrefix: $r, asOf: $asOf) { asOf areas { ${FIGURES} } total { ${FIGURES} } } }`;

type Figures = Record<string, number | string>;
type Month = { month: string; asOf: string; areas: Figures[]; total: Figures };

describe("the ledger's monthly statistics", () => {
  const service = () => auth('reconciliation-service', '50', 'reconciliation');
  let district: string;
  const caseworker = () => auth('ca-caseworker', district, 'case-work');
  const stats = async (headers: Record<string, string>, vars: Record<string, unknown>) => {
    const r = await gql<{ ledgerStatistics: Month[] }>(info.gateway, STATS, vars, headers);
    expect(r.body.errors).toBeUndefined();
    return r.body.data!.ledgerStatistics;
  };
  const score = async (asOf: string) => {
    const r = await gql<{ ledgerScorecard: { areas: Figures[]; total: Figures } }>(info.gateway, SCORE, { asOf }, caseworker());
    expect(r.body.errors).toBeUndefined();
    return r.body.data!.ledgerScorecard;
  };

  beforeAll(async () => {
    // The district with the most ledger children.
    const [row] = await sql<{ d: string }>(
      `SELECT left(residence_region, 6) AS d FROM child_record GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    district = row.d;
  });

  it('counts the month under way and the month before per township, as the live scorecard counts them that day', async () => {
    const now = await gql<{ recordLedgerStatistics: { month: string; asOf: string; townships: number } }>(
      info.gateway,
      COUNT,
      {},
      service(),
    );
    expect(now.body.errors).toBeUndefined();
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(DISTINCT t)::int AS n FROM (
         SELECT left(residence_region, 9) AS t FROM child_record
         UNION SELECT left(village_code, 9) FROM child_director
         UNION SELECT left(place_region, 9) FROM hub_case WHERE length(place_region) >= 9) x`,
    );
    expect(now.body.data!.recordLedgerStatistics).toEqual({ month: thisMonth(), asOf: today(), townships: n });
    const before = await gql<{ recordLedgerStatistics: { asOf: string } }>(info.gateway, COUNT, { month: lastMonth() }, service());
    expect(before.body.data!.recordLedgerStatistics.asOf).toBe(lastDayOf(lastMonth()));

    const kept = await stats(caseworker(), { from: lastMonth(), to: thisMonth() });
    expect(kept.map((m) => [m.month, m.asOf])).toEqual([
      [lastMonth(), lastDayOf(lastMonth())],
      [thisMonth(), today()],
    ]);
    // Kept per township, read for the district by township: the live scorecard of the same day, figure for figure.
    const live = await score(today());
    expect(kept[1].areas).toEqual(live.areas);
    expect({ ...kept[1].total, region: '' }).toEqual({ ...live.total, region: '' });
    const finished = await score(lastDayOf(lastMonth()));
    expect(kept[0].areas).toEqual(finished.areas);
    expect(live.total.children as number).toBeGreaterThan(0);
    expect(live.total.directors as number).toBeGreaterThan(0);
  });

  it('a home visit moves the live scorecard at once and the kept month when it is counted again', async () => {
    // A child of the district not visited in a counted way for longer than the longest interval: outside every colour's
    // interval today, whatever the policy says.
    const longest = Math.max(...Object.values(DEFAULT_POLICY.visitIntervalDays));
    const [child] = await sql<{ id: string; village: string }>(
      `SELECT c.id, c.residence_region AS village FROM child_record c
        WHERE c.residence_region LIKE $1 AND length(c.residence_region) = 12
          AND NOT EXISTS (SELECT 1 FROM visit v WHERE v.child_id = c.id AND v.method = ANY($3) AND v.visited_on > $2::date - $4::int)
        ORDER BY c.id LIMIT 1`,
      [`${district}%`, today(), DEFAULT_POLICY.visitMethodsCounted, longest + 1],
    );
    const township = child.village.slice(0, 9);
    const keptBefore = (await stats(caseworker(), { from: thisMonth() }))[0].areas.find((a) => a.region === township)!;
    const visit = await gql(
      info.gateway,
      `mutation($input: RecordVisitInput!) { recordVisit(input: $input) { id } }`,
      { input: { childId: child.id, visitedOn: today(), method: 'HOME', notes: '入户走访（统计测试）', requestKey: randomUUID() } },
      auth('child-director', child.village, 'case-work'),
    );
    expect(visit.body.errors).toBeUndefined();
    const live = (await score(today())).areas.find((a) => a.region === township)!;
    expect(live.visitedInTime).toBe((keptBefore.visitedInTime as number) + 1);
    expect((await stats(caseworker(), { from: thisMonth() }))[0].areas.find((a) => a.region === township)).toEqual(keptBefore);
    expect((await gql(info.gateway, COUNT, {}, service())).body.errors).toBeUndefined();
    expect((await stats(caseworker(), { from: thisMonth() }))[0].areas.find((a) => a.region === township)).toEqual(live);
  });

  it('a city reads its districts month by month; a township its own township', async () => {
    const city = await stats(auth('ca-supervisor', '5001', 'case-work'), { from: lastMonth() });
    expect(city.map((m) => m.month)).toEqual([lastMonth(), thisMonth()]);
    for (const m of city) {
      expect(m.areas.every((a) => String(a.region).length === 6 && String(a.region).startsWith('5001'))).toBe(true);
      expect(m.areas.reduce((s, a) => s + (a.children as number), 0)).toBe(m.total.children);
    }
    const mine = city[1].areas.find((a) => a.region === district)!;
    expect(mine.children).toBe((await score(today())).total.children);
    const township = String((await score(today())).areas[0].region);
    const own = await stats(auth('township-supervisor', township, 'case-work'), {});
    expect(own.at(-1)!.areas.map((a) => a.region)).toEqual([township]);
  });

  it('refuses other roles, bad months and too long a stretch, with their codes', async () => {
    const byDirector = await gql(info.gateway, COUNT, {}, auth('child-director', `${district}001001`, 'case-work'));
    expect(codeOf(byDirector)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const health = await gql(info.gateway, STATS, {}, auth('health-worker', district, 'case-work'));
    expect(codeOf(health)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect(codeOf(await gql(info.gateway, COUNT, { month: '2026-13' }, service()))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(info.gateway, COUNT, { month: '2999-01' }, service()))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(info.gateway, STATS, { from: '2020-01' }, caseworker()))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(info.gateway, STATS, { from: thisMonth(), to: lastMonth() }, caseworker()))).toBe('BAD_USER_INPUT');
  });

  it('`hub ledger-stats` finishes last month and counts this one from the command line', async () => {
    const { stdout } = await run(process.execPath, [
      join(ROOT, 'cli/dist/main.js'),
      'ledger-stats',
      '--gateway',
      info.gateway,
      '--data-dir',
      info.dataDir,
    ]);
    expect(stdout).toContain(`ledger statistics ${lastMonth()}: as of ${lastDayOf(lastMonth())}`);
    expect(stdout).toContain(`ledger statistics ${thisMonth()}: as of ${today()}`);
    const [row] = await sql<{ counted_by: string }>(`SELECT DISTINCT counted_by FROM ledger_stat_month WHERE month = $1::date`, [
      `${thisMonth()}-01`,
    ]);
    expect(row.counted_by).toBe('service:reconciliation');
  });
});
