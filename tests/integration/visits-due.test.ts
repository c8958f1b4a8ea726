import { randomUUID } from 'node:crypto';
import { DEFAULT_POLICY, todayInChina } from '@hub/domain';
import { matrixChild, type Row } from '../helpers/field-matrix';
import { allPages, auth, gql, hubInfo, sql } from '../helpers/hub';
import { expectedPopulation } from '../helpers/population';

/**
 * A child director's list of children due a visit (docs/ledger.md#children-due-a-visit), through the real gateway
 * against real PostgreSQL: exactly the children living in the director's village, with the last home visit the
 * database holds and the due date the policy gives (raised for disability and serious illness), never-visited first
 * and then most overdue first, paged; a phone call leaves the child where it was, a home visit moves it off the
 * overdue part with a new due date; roles that do not keep the ledger are refused.
 *
 * The visits it records are dated today: the cross-checks of the test population are scored as of its own date
 * (2025-09-01), where they do not count. It uses a village no other suite writes to.
 */
const info = hubInfo();
const today = todayInChina;
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

interface Due {
  child: { id: string; welfare: { name: string } | null };
  residenceRegion: string;
  riskColour: 'RED' | 'YELLOW' | 'BLUE' | 'GREEN';
  intervalDays: number | null;
  lastHomeVisitOn: string | null;
  dueOn: string | null;
  daysOverdue: number | null;
  overdue: boolean;
}
const FIELDS = `child { id welfare { name } } residenceRegion riskColour intervalDays lastHomeVisitOn dueOn daysOverdue overdue`;
const PAGE = `query($first: Int!, $after: String, $r: String, $within: Int) {
  visitsDue(first: $first, after: $after, regionPrefix: $r, dueWithinDays: $within) {
    totalCount overdueCount asOf nodes { ${FIELDS} } pageInfo { endCursor hasNextPage } } }`;
const VISIT = `mutation($input: RecordVisitInput!) { recordVisit(input: $input) { id } }`;

describe('children due a visit (visitsDue)', () => {
  const records = expectedPopulation().rows['civil-affairs'].child_record as Row[];
  const inVillage = (v: string) => records.filter((r) => r.residence_region === v);
  // The villages other suites write to: the role × field matrix's, ledger.test.ts's and dashboard-ledger.test.ts's.
  const fits = (r: Row) => r.hukou_region === r.residence_region && String(r.residence_region).length === 12;
  const taken = new Set<unknown>([
    matrixChild().village,
    records.find((r) => r.id !== matrixChild().child.id && fits(r) && inVillage(String(r.residence_region)).length > 1)?.residence_region,
    [...records].reverse().find((r) => r.id !== matrixChild().child.id && fits(r))?.residence_region,
  ]);
  // The village of this suite: its own, with at least three children living there, and a township with another village.
  const village = String(
    records.find(
      (r) =>
        fits(r) &&
        !taken.has(r.residence_region) &&
        inVillage(String(r.residence_region)).length >= 3 &&
        records.some(
          (o) => String(o.residence_region).startsWith(String(r.residence_region).slice(0, 9)) && o.residence_region !== r.residence_region,
        ),
    )!.residence_region,
  );
  const township = village.slice(0, 9);
  const director = () => auth('child-director', village, 'case-work');

  const list = async (headers: Record<string, string>, vars: Record<string, unknown> = {}) => {
    const r = await gql<{ visitsDue: { totalCount: number; overdueCount: number; asOf: string; nodes: Due[] } }>(
      info.gateway,
      PAGE,
      { first: 500, ...vars },
      headers,
    );
    expect(r.body.errors).toBeUndefined();
    return r.body.data!.visitsDue;
  };
  /** The last home visit on or before today, read from the database directly. */
  const lastHome = async (ids: string[]) =>
    new Map(
      (
        await sql<{ child_id: string; last: string }>(
          `SELECT child_id, to_char(max(visited_on), 'YYYY-MM-DD') AS last FROM visit
            WHERE child_id = ANY($1) AND method = 'HOME' AND visited_on <= (now() AT TIME ZONE 'Asia/Shanghai')::date GROUP BY child_id`,
          [ids],
        )
      ).map((r) => [r.child_id, r.last]),
    );
  /**
   * Each child's interval from its colour, its categories and its assessments as the database has them now, by the
   * default policy: raised by a category, or by a factor of the latest assessment made by today (latest day, then the
   * last recorded).
   */
  const intervals = async (ids: string[]) => {
    const assessed = new Map<string, string[]>();
    for (const a of await sql<{ child_id: string; factors: string[] }>(
      `SELECT child_id, factors FROM risk_assessment WHERE child_id = ANY($1) AND assessed_on <= $2::date ORDER BY assessed_on, id`,
      [ids, today()],
    ))
      assessed.set(a.child_id, a.factors);
    return new Map(
      (
        await sql<{ id: string; risk_colour: keyof typeof DEFAULT_POLICY.visitIntervalDays; categories: string[] }>(
          `SELECT id, risk_colour, categories FROM child_record WHERE id = ANY($1)`,
          [ids],
        )
      ).map((c) => {
        const raised =
          c.categories.some((k) => (DEFAULT_POLICY.raisedVisitCategories as string[]).includes(k)) ||
          (assessed.get(c.id) ?? []).some((f) => (DEFAULT_POLICY.raisedVisitFactors as string[]).includes(f));
        return [c.id, (raised ? DEFAULT_POLICY.raisedVisitIntervalDays : DEFAULT_POLICY.visitIntervalDays)[c.risk_colour]];
      }),
    );
  };

  /** Each row's last home visit and due date as the database and the policy give them, computed here independently. */
  const expectAsPolicy = async (nodes: Due[]) => {
    const last = await lastHome(nodes.map((n) => n.child.id));
    const interval = await intervals(nodes.map((n) => n.child.id));
    for (const n of nodes) {
      const days = interval.get(n.child.id)!;
      const want = last.get(n.child.id) ?? null;
      expect({ id: n.child.id, last: n.lastHomeVisitOn, interval: n.intervalDays }).toEqual({ id: n.child.id, last: want, interval: days });
      if (want === null) expect(n).toMatchObject({ dueOn: null, daysOverdue: null, overdue: true });
      else {
        const dueOn = plusDays(want, days);
        expect(n).toMatchObject({ dueOn, daysOverdue: daysBetween(dueOn, today()), overdue: dueOn < today() });
      }
    }
    const order = nodes.map((n) => n.dueOn ?? '');
    expect(order).toEqual([...order].sort());
  };

  it('lists exactly the children living in the director’s village, named, with the last home visit and the due date the policy gives, most overdue first', async () => {
    const due = await list(director());
    expect(due.asOf).toBe(today());
    const ids = inVillage(village).map((r) => String(r.id));
    expect(due.nodes.map((n) => n.child.id).sort()).toEqual([...ids].sort());
    expect(due.totalCount).toBe(ids.length);
    expect(due.nodes.every((n) => n.residenceRegion === village)).toBe(true);
    // Named as the graph names them to a child director (child:basic): the ledger's name.
    const names = new Map(inVillage(village).map((r) => [String(r.id), String(r.name)]));
    for (const n of due.nodes) expect(n.child.welfare?.name).toBe(names.get(n.child.id));

    await expectAsPolicy(due.nodes);
    expect(due.overdueCount).toBe(due.nodes.filter((n) => n.overdue).length);

    // Paged two at a time, the same list in the same order.
    const paged = await allPages<Due>(info.gateway, 'visitsDue', PAGE, { first: 2 }, director());
    expect(paged.map((n) => n.child.id)).toEqual(due.nodes.map((n) => n.child.id));

    // A township supervisor sees the township's villages, and one of them when asked.
    const supervisor = auth('township-supervisor', township, 'case-work');
    const all = await list(supervisor);
    expect(all.totalCount).toBe(records.filter((r) => String(r.residence_region).startsWith(township)).length);
    expect(new Set(all.nodes.map((n) => n.residenceRegion)).size).toBeGreaterThan(1);
    expect((await list(supervisor, { r: village })).nodes.map((n) => n.child.id)).toEqual(due.nodes.map((n) => n.child.id));
    // The list of a caseworker of every district, paged: every ledger child of the test population once, each as the policy
    // gives it — children with a disability or a serious illness at the raised interval, a call after the last home
    // visit not counted.
    const districts = [...new Set(records.map((r) => String(r.residence_region).slice(0, 6)))];
    const rows = await allPages<Due>(
      info.gateway,
      'visitsDue',
      PAGE,
      { first: 50 },
      auth('ca-caseworker', districts.join(','), 'case-work'),
    );
    expect(rows.every((n) => districts.some((d) => n.residenceRegion.startsWith(d)))).toBe(true);
    await expectAsPolicy(rows);
    const seen = rows.map((n) => n.child.id);
    expect(seen.sort()).toEqual(records.map((r) => String(r.id)).sort());
    // Those cases are in the population, so the comparison above covered them.
    const [cover] = await sql<{ raised: number; call_after: number }>(
      `SELECT count(*) FILTER (WHERE categories && ARRAY['DIFFICULT_DISABILITY', 'DIFFICULT_ILLNESS'])::int AS raised,
              count(*) FILTER (WHERE (SELECT method FROM visit v WHERE v.child_id = c.id ORDER BY visited_on DESC, id DESC LIMIT 1) <> 'HOME')::int AS call_after
         FROM child_record c`,
    );
    expect(cover.raised).toBeGreaterThan(0);
    expect(cover.call_after).toBeGreaterThan(0);
    // A director asking for another village gets nothing of it: the jurisdiction is applied in SQL.
    const other = all.nodes.find((n) => n.residenceRegion !== village)!.residenceRegion;
    expect(await list(director(), { r: other })).toMatchObject({ totalCount: 0, nodes: [] });
  });

  it('a phone call leaves the child overdue; a home visit moves it off the overdue part with a new due date', async () => {
    const before = await list(director());
    // An overdue child that has been visited at home before (a never-visited child is one other suites look for).
    const child = before.nodes.find((n) => n.overdue && n.lastHomeVisitOn !== null)!;
    expect(child).toBeDefined();
    const input = (method: string, notes: string) => ({
      input: { childId: child.child.id, visitedOn: today(), method, notes, requestKey: randomUUID() },
    });
    expect((await gql(info.gateway, VISIT, input('PHONE', '电话联系监护人，近况正常'), director())).body.errors).toBeUndefined();
    const afterCall = await list(director());
    expect(afterCall.nodes.find((n) => n.child.id === child.child.id)).toEqual(child);
    expect(afterCall.overdueCount).toBe(before.overdueCount);

    expect((await gql(info.gateway, VISIT, input('HOME', '入户走访，监护良好'), director())).body.errors).toBeUndefined();
    const after = await list(director());
    const moved = after.nodes.find((n) => n.child.id === child.child.id)!;
    expect(moved).toMatchObject({
      lastHomeVisitOn: today(),
      dueOn: plusDays(today(), child.intervalDays!),
      daysOverdue: -child.intervalDays!,
      overdue: false,
    });
    expect(after.overdueCount).toBe(before.overdueCount - 1);
    // Off the overdue part: after every overdue child in the list.
    const at = after.nodes.findIndex((n) => n.child.id === child.child.id);
    expect(after.nodes.slice(at).some((n) => n.overdue)).toBe(false);
    // Not due within the week (the shortest interval is 7 days).
    const soon = await list(director(), { within: 6 });
    expect(soon.nodes.map((n) => n.child.id)).not.toContain(child.child.id);
    expect(soon.nodes.every((n) => n.dueOn === null || n.dueOn <= plusDays(today(), 6))).toBe(true);
  });

  it('is refused to roles that do not keep the ledger, and bad arguments are refused with their codes', async () => {
    for (const [role, jurisdiction, purpose] of [
      ['ca-supervisor', village.slice(0, 4), 'case-work'],
      ['mi-clerk', village.slice(0, 6), 'benefit-verification'],
      ['edu-registrar', village.slice(0, 6), 'enrolment-verification'],
      ['police-officer', village.slice(0, 6), 'public-safety'],
    ]) {
      const r = await gql(info.gateway, PAGE, { first: 5 }, auth(role, jurisdiction, purpose));
      expect({ role, code: r.body.errors?.[0]?.extensions?.code, data: r.body.data?.visitsDue ?? null }).toEqual({
        role,
        code: 'UNAUTHORIZED_FIELD_OR_TYPE',
        data: null,
      });
    }
    const code = async (vars: Record<string, unknown>) =>
      (await gql(info.gateway, PAGE, vars, director())).body.errors?.[0]?.extensions?.code;
    expect(await code({ first: 0 })).toBe('BAD_USER_INPUT');
    expect(await code({ first: 5, within: -1 })).toBe('BAD_USER_INPUT');
    expect(await code({ first: 5, after: 'not a cursor' })).toBe('BAD_USER_INPUT');
    expect(await code({ first: 5, r: '5x' })).toBe('BAD_USER_INPUT');
  });
});
