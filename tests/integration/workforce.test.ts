import { randomUUID } from 'node:crypto';
import { allPages, auth, codeOf, gql, hubInfo, sql } from '../helpers/hub';
import { todayInChina } from '@hub/domain';

/**
 * The workforce ledger (docs/ledger.md#workforce) through the real gateway against real PostgreSQL: a district records
 * a director's appraisal (考核) once per period and once per client key; roles without welfare:write, other agencies
 * and people outside the jurisdiction are refused with their codes; the appraisal shows on the person, latest period
 * first; the coverage rows and the list of people agree with what the database holds.
 */
const info = hubInfo();

const year = () => todayInChina().slice(0, 4);

const APPRAISE = `mutation($input: RecordAppraisalInput!) {
  recordAppraisal(input: $input) { id period result score remarks recordedBy recordedAt } }`;
const WORKFORCE = `query($r: String, $p: String) { workforce(regionPrefix: $r, period: $p) {
  region villages villagesWithTrainedDirector directors trainedDirectors villagesWithoutTrainedDirector
  supervisors trainedSupervisors period appraisedDirectors appraisedSupervisors failedAppraisals } }`;
const PEOPLE = `query($r: String, $u: Boolean, $first: Int, $after: String) {
  workforcePeople(regionPrefix: $r, untrainedOnly: $u, first: $first, after: $after) {
    totalCount
    nodes { id kind name region appointedOn trainedOn trained caseload
      lastTraining { trainedOn course passed } latestAppraisal { period result score } }
    pageInfo { endCursor hasNextPage } } }`;

type Errors = { body: { errors?: { message: string; extensions?: Record<string, unknown> }[] } };
const messageOf = (r: Errors) => r.body.errors?.[0]?.message ?? '';

interface WorkforceRow {
  region: string;
  villages: number;
  villagesWithTrainedDirector: number;
  directors: number;
  trainedDirectors: number;
  villagesWithoutTrainedDirector: string[];
  supervisors: number;
  trainedSupervisors: number;
  period: string;
  appraisedDirectors: number;
  appraisedSupervisors: number;
  failedAppraisals: number;
}
interface Person {
  id: string;
  kind: 'DIRECTOR' | 'SUPERVISOR';
  name: string;
  region: string;
  trained: boolean;
  caseload: number;
  lastTraining: { trainedOn: string; course: string; passed: boolean } | null;
  latestAppraisal: { period: string; result: string; score: number | null } | null;
}

/** The district's workforce rows as the database holds them, counted here in JS from the raw tables. */
async function expectedRows(district: string, period: string): Promise<WorkforceRow[]> {
  const directors = await sql<{ id: string; village_code: string; trained_on: string | null }>(
    `SELECT id, village_code, trained_on::text FROM child_director WHERE village_code LIKE $1`,
    [`${district}%`],
  );
  const supervisors = await sql<{ id: string; township_code: string; trained_on: string | null }>(
    `SELECT id, township_code, trained_on::text FROM child_supervisor WHERE township_code LIKE $1`,
    [`${district}%`],
  );
  const passed = new Set((await sql<{ person_id: string }>(`SELECT person_id FROM training_event WHERE passed`)).map((r) => r.person_id));
  const appraisals = await sql<{ person_id: string; period: string; result: string }>(`SELECT person_id, period, result FROM appraisal`);
  const inPeriod = (a: { period: string }) => a.period === period || a.period.startsWith(`${period}-`);
  const appraised = new Set(appraisals.filter(inPeriod).map((a) => a.person_id));
  const failed = new Set(appraisals.filter((a) => inPeriod(a) && a.result === 'FAIL').map((a) => a.person_id));
  const villages = (
    await sql<{ village: string }>(
      `SELECT DISTINCT residence_region AS village FROM child_record WHERE residence_region LIKE $1 AND length(residence_region) = 12`,
      [`${district}%`],
    )
  ).map((r) => r.village);
  const trained = (p: { id: string; trained_on: string | null }) => p.trained_on !== null || passed.has(p.id);
  const townships = [...new Set(villages.map((v) => v.slice(0, 9)))].sort();
  return townships.map((t) => {
    const vs = villages.filter((v) => v.startsWith(t)).sort();
    const ds = directors.filter((d) => d.village_code.startsWith(t));
    const ss = supervisors.filter((s) => s.township_code === t);
    const covered = (v: string) => ds.some((d) => d.village_code === v && trained(d));
    return {
      region: t,
      villages: vs.length,
      villagesWithTrainedDirector: vs.filter(covered).length,
      directors: ds.length,
      trainedDirectors: ds.filter(trained).length,
      villagesWithoutTrainedDirector: vs.filter((v) => !covered(v)),
      supervisors: ss.length,
      trainedSupervisors: ss.filter(trained).length,
      period,
      appraisedDirectors: ds.filter((d) => appraised.has(d.id)).length,
      appraisedSupervisors: ss.filter((s) => appraised.has(s.id)).length,
      failedAppraisals: [...ds, ...ss].filter((p) => failed.has(p.id)).length,
    };
  });
}

describe('the workforce ledger: appraisals, coverage and the people of an area', () => {
  let district = '';
  let director: { id: string; village_code: string };
  let supervisor: { id: string; township_code: string };
  /** Another director of the district, appraised for a half year only. */
  let halfYear: { id: string; village_code: string };
  const caseworker = () => auth('ca-caseworker', district, 'case-work');

  beforeAll(async () => {
    // The district with the most child directors, and one of its directors with children and their supervisor.
    [{ district }] = await sql<{ district: string }>(
      `SELECT left(village_code, 6) AS district FROM child_director GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    [director] = await sql<{ id: string; village_code: string }>(
      `SELECT d.id, d.village_code FROM child_director d
        WHERE d.village_code LIKE $1 AND d.supervisor_id IS NOT NULL AND EXISTS (SELECT 1 FROM child_record c WHERE c.director_id = d.id)
        ORDER BY d.id DESC LIMIT 1`,
      [`${district}%`],
    );
    [halfYear] = await sql<{ id: string; village_code: string }>(
      `SELECT id, village_code FROM child_director WHERE village_code LIKE $1 AND id <> $2 ORDER BY id LIMIT 1`,
      [`${district}%`, director.id],
    );
    [supervisor] = await sql<{ id: string; township_code: string }>(
      `SELECT s.id, s.township_code FROM child_supervisor s JOIN child_director d ON d.supervisor_id = s.id WHERE d.id = $1`,
      [director.id],
    );
  });

  it('a district caseworker records an appraisal once: a retry returns it, a second one for the period or a reused key is CONFLICT', async () => {
    const requestId = randomUUID();
    const input = {
      personId: director.id,
      period: year(),
      result: 'EXCELLENT',
      score: 92.5,
      remarks: '走访及时，台账规范',
      requestKey: randomUUID(),
    };
    const res = await gql<{ recordAppraisal: Record<string, unknown> }>(
      info.gateway,
      APPRAISE,
      { input },
      {
        ...caseworker(),
        'x-request-id': requestId,
      },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.recordAppraisal).toMatchObject({
      period: year(),
      result: 'EXCELLENT',
      score: 92.5,
      remarks: '走访及时，台账规范',
      recordedBy: `demo:ca-caseworker:${district}`,
    });
    expect(Date.parse(res.body.data!.recordAppraisal.recordedAt as string)).toBeGreaterThan(Date.now() - 60_000);

    // Who, when and which request are on the row; civil affairs audited the request under the same id.
    const rows = await sql<{ person_kind: string; recorded_by: string; request_id: string; request_key: string }>(
      `SELECT person_kind, recorded_by, request_id, request_key::text FROM appraisal WHERE person_id = $1`,
      [director.id],
    );
    expect(rows).toEqual([
      { person_kind: 'DIRECTOR', recorded_by: `demo:ca-caseworker:${district}`, request_id: requestId, request_key: input.requestKey },
    ]);
    const audit = await sql<{ subject: string; fields: string[] }>(`SELECT subject, fields FROM audit_log WHERE request_id = $1`, [
      requestId,
    ]);
    expect(audit.map((a) => a.subject)).toContain(`demo:ca-caseworker:${district}`);
    expect(audit.flatMap((a) => a.fields)).toContain('Appraisal.result');

    // The same entry sent again: the same appraisal, nothing written twice.
    const again = await gql<{ recordAppraisal: { id: string } }>(info.gateway, APPRAISE, { input }, caseworker());
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data!.recordAppraisal.id).toBe(res.body.data!.recordAppraisal.id);
    expect(await sql(`SELECT id FROM appraisal WHERE person_id = $1`, [director.id])).toHaveLength(1);

    // A second appraisal of the same person and period under a new key; the first key used for another person.
    const second = await gql(info.gateway, APPRAISE, { input: { ...input, result: 'PASS', requestKey: randomUUID() } }, caseworker());
    expect(codeOf(second)).toBe('CONFLICT');
    expect(messageOf(second)).toMatch(/已有考核结果（优秀）/);
    const reused = await gql(info.gateway, APPRAISE, { input: { ...input, personId: supervisor.id } }, caseworker());
    expect(codeOf(reused)).toBe('CONFLICT');
    expect(messageOf(reused)).toMatch(/requestKey/);
    expect(await sql(`SELECT id FROM appraisal WHERE person_id = ANY($1)`, [[director.id, supervisor.id]])).toHaveLength(1);
  });

  it('refuses roles without welfare:write, other agencies, people outside the jurisdiction, and bad input, in Chinese', async () => {
    const input = (over: Record<string, unknown> = {}) => ({
      input: { personId: director.id, period: String(Number(year()) - 1), result: 'PASS', requestKey: randomUUID(), ...over },
    });
    for (const [role, jurisdiction, purpose] of [
      ['child-director', director.village_code, 'case-work'],
      ['township-supervisor', director.village_code.slice(0, 9), 'case-work'],
      ['mi-clerk', district, 'benefit-verification'],
      ['dpf-clerk', district, 'case-work'],
    ]) {
      const r = await gql(info.gateway, APPRAISE, input(), auth(role, jurisdiction, purpose));
      expect({ role, code: codeOf(r) }).toEqual({ role, code: 'UNAUTHORIZED_FIELD_OR_TYPE' });
    }
    const [elsewhere] = await sql<{ id: string }>(`SELECT id FROM child_director WHERE village_code NOT LIKE $1 ORDER BY id LIMIT 1`, [
      `${district}%`,
    ]);
    const outside = await gql(info.gateway, APPRAISE, input({ personId: elsewhere.id }), caseworker());
    expect(codeOf(outside)).toBe('FORBIDDEN');
    expect(messageOf(outside)).toBe('该人员不在您辖区的儿童工作队伍中');
    // A person that does not exist reads the same.
    expect(messageOf(await gql(info.gateway, APPRAISE, input({ personId: 'D000000000000' }), caseworker()))).toBe(
      '该人员不在您辖区的儿童工作队伍中',
    );
    for (const bad of [
      { period: '2026年' },
      { period: String(Number(year()) + 1) },
      { period: `${year()}-H3` },
      { period: '1999' },
      { score: 100.5 },
      { score: -1 },
      { remarks: '好'.repeat(501) },
      { requestKey: 'not-a-uuid' },
    ]) {
      const r = await gql(info.gateway, APPRAISE, input(bad), caseworker());
      expect({ bad, code: codeOf(r), chinese: /\p{Script=Han}/u.test(messageOf(r)) }).toEqual({
        bad,
        code: 'BAD_USER_INPUT',
        chinese: true,
      });
    }
    // None of it was written.
    expect(await sql(`SELECT id FROM appraisal WHERE period = $1`, [String(Number(year()) - 1)])).toHaveLength(0);
  });

  it('a city supervisor appraises a township supervisor; appraisals show on the person, latest period first', async () => {
    const city = auth('ca-supervisor', district.slice(0, 4), 'case-work');
    const last = String(Number(year()) - 1);
    for (const [period, result] of [
      [last, 'PASS'],
      [`${year()}-H1`, 'BASIC'],
      [year(), 'FAIL'],
    ]) {
      const r = await gql(
        info.gateway,
        APPRAISE,
        { input: { personId: supervisor.id, period, result, remarks: null, requestKey: randomUUID() } },
        city,
      );
      expect(r.body.errors).toBeUndefined();
    }
    // Another director appraised for this year's second half only: the year's counts include the half.
    const half = await gql(
      info.gateway,
      APPRAISE,
      { input: { personId: halfYear.id, period: `${year()}-h2`, result: 'PASS', requestKey: randomUUID() } },
      city,
    );
    expect(half.body.errors).toBeUndefined();
    expect(half.body.data).toMatchObject({ recordAppraisal: { period: `${year()}-H2` } });
    const sup = await gql<{ childSupervisors: { id: string; appraisals: { period: string; result: string }[] }[] }>(
      info.gateway,
      `query($r: String!) { childSupervisors(regionPrefix: $r) { id appraisals { period result } } }`,
      { r: supervisor.township_code },
      caseworker(),
    );
    expect(sup.body.errors).toBeUndefined();
    expect(sup.body.data!.childSupervisors.find((s) => s.id === supervisor.id)!.appraisals).toEqual([
      { period: year(), result: 'FAIL' },
      { period: `${year()}-H1`, result: 'BASIC' },
      { period: last, result: 'PASS' },
    ]);
    const dir = await gql<{ childDirectors: { id: string; appraisals: { period: string; result: string; score: number }[] }[] }>(
      info.gateway,
      `query($r: String!) { childDirectors(regionPrefix: $r) { id appraisals { period result score } } }`,
      { r: director.village_code },
      auth('child-director', director.village_code, 'case-work'),
    );
    // The director reads their own appraisal (welfare:read), though they may not record one.
    expect(dir.body.data!.childDirectors.find((d) => d.id === director.id)!.appraisals).toEqual([
      { period: year(), result: 'EXCELLENT', score: 92.5 },
    ]);
    // The director may see their township's supervisor, not how the supervisor was appraised.
    const above = await gql<{ childSupervisors: { id: string; appraisals: unknown[] }[] }>(
      info.gateway,
      `query($r: String!) { childSupervisors(regionPrefix: $r) { id appraisals { period result } } }`,
      { r: supervisor.township_code },
      auth('child-director', director.village_code, 'case-work'),
    );
    expect(above.body.errors).toBeUndefined();
    expect(above.body.data!.childSupervisors.find((s) => s.id === supervisor.id)!.appraisals).toEqual([]);
    // Another agency holding welfare:read (medical insurance) reads no appraisal at all.
    const mi = await gql(
      info.gateway,
      `query($r: String!) { childDirectors(regionPrefix: $r) { id appraisals { period result } } }`,
      { r: director.village_code },
      auth('mi-clerk', district, 'benefit-verification'),
    );
    expect(codeOf(mi)).toBe('FORBIDDEN');
    expect(JSON.stringify(mi.body)).not.toContain('EXCELLENT');
  });

  it('the coverage rows count directors, supervisors, training and appraisals as the database holds them', async () => {
    const rows = async (period?: string) => {
      const r = await gql<{ workforce: WorkforceRow[] }>(info.gateway, WORKFORCE, { r: district, p: period ?? null }, caseworker());
      expect(r.body.errors).toBeUndefined();
      return r.body.data!.workforce;
    };
    const now = await rows();
    expect(now).toEqual(await expectedRows(district, year()));
    // The appraisals of the tests above are in the counts: the director's, and the supervisor's (a 不合格 for the year).
    const township = now.find((r) => r.region === supervisor.township_code)!;
    expect(township.appraisedDirectors).toBeGreaterThanOrEqual(1);
    expect(township.appraisedSupervisors).toBe(1);
    expect(township.failedAppraisals).toBeGreaterThanOrEqual(1);
    const halfTownship = now.find((r) => r.region === halfYear.village_code.slice(0, 9))!;
    expect(halfTownship.appraisedDirectors).toBeGreaterThanOrEqual(1);
    // A half year counts its own appraisals only; last year its own.
    expect(await rows(`${year()}-H1`)).toEqual(await expectedRows(district, `${year()}-H1`));
    const lastYear = await rows(String(Number(year()) - 1));
    expect(lastYear).toEqual(await expectedRows(district, String(Number(year()) - 1)));
    expect(lastYear.find((r) => r.region === supervisor.township_code)!.appraisedDirectors).toBe(0);
    // The row totals agree with the list of people.
    const people = await allPages<Person>(info.gateway, 'workforcePeople', PEOPLE, { r: district, first: 7 }, caseworker());
    expect(people.filter((p) => p.kind === 'DIRECTOR')).toHaveLength(now.reduce((n, r) => n + r.directors, 0));
    expect(people.filter((p) => p.kind === 'SUPERVISOR')).toHaveLength(now.reduce((n, r) => n + r.supervisors, 0));
    const bad = await gql(info.gateway, WORKFORCE, { r: district, p: '今年' }, caseworker());
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });

  it('the list of people pages through the area in order with caseload, last training and latest appraisal', async () => {
    const first = await gql<{ workforcePeople: { totalCount: number } }>(info.gateway, PEOPLE, { r: district, first: 5 }, caseworker());
    expect(first.body.errors).toBeUndefined();
    const people = await allPages<Person>(info.gateway, 'workforcePeople', PEOPLE, { r: district, first: 5 }, caseworker());
    const [{ n }] = await sql<{ n: number }>(
      `SELECT (SELECT count(*) FROM child_director WHERE village_code LIKE $1) + (SELECT count(*) FROM child_supervisor WHERE township_code LIKE $1) AS n`,
      [`${district}%`],
    );
    expect(people).toHaveLength(Number(n));
    expect(first.body.data!.workforcePeople.totalCount).toBe(Number(n));
    expect(new Set(people.map((p) => p.id)).size).toBe(people.length);
    // In order of region code, then id (a township's code is a prefix of its villages' and sorts before them).
    const byCode = (a: Person, b: Person) => (a.region < b.region ? -1 : a.region > b.region ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    expect(people.map((p) => p.id)).toEqual([...people].sort(byCode).map((p) => p.id));
    // A township's supervisor comes before the directors of its villages.
    const sIndex = people.findIndex((p) => p.id === supervisor.id);
    expect(people.slice(sIndex + 1).some((p) => p.region.startsWith(supervisor.township_code))).toBe(true);
    expect(people.slice(0, sIndex).some((p) => p.region.startsWith(supervisor.township_code))).toBe(false);

    const caseloads = new Map(
      (
        await sql<{ id: string; n: number }>(
          `SELECT d.id, count(c.id)::int AS n FROM child_director d LEFT JOIN child_record c ON c.director_id = d.id
            WHERE d.village_code LIKE $1 GROUP BY 1`,
          [`${district}%`],
        )
      ).map((r) => [r.id, r.n]),
    );
    for (const p of people.filter((x) => x.kind === 'DIRECTOR'))
      expect({ id: p.id, caseload: p.caseload }).toEqual({ id: p.id, caseload: caseloads.get(p.id) });
    const s = people.find((p) => p.id === supervisor.id)!;
    const ofSupervisor = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM child_record c JOIN child_director d ON d.id = c.director_id WHERE d.supervisor_id = $1`,
      [supervisor.id],
    );
    expect(s.caseload).toBe(ofSupervisor[0].n);
    expect(s.latestAppraisal).toEqual({ period: year(), result: 'FAIL', score: null });
    expect(people.find((p) => p.id === director.id)!.latestAppraisal).toEqual({ period: year(), result: 'EXCELLENT', score: 92.5 });

    // Last training: the latest of the person's trainings, recorded through the graph.
    const TRAIN = `mutation($input: RecordTrainingInput!) { recordTraining(input: $input) { id } }`;
    const today = todayInChina();
    const t = await gql(
      info.gateway,
      TRAIN,
      {
        input: {
          personId: director.id,
          trainedOn: today,
          course: '儿童关爱服务能力提升',
          hours: 8,
          passed: true,
          requestKey: randomUUID(),
        },
      },
      caseworker(),
    );
    expect(t.body.errors).toBeUndefined();
    const one = await gql<{ workforcePeople: { nodes: Person[] } }>(
      info.gateway,
      PEOPLE,
      { r: director.village_code, first: 5 },
      caseworker(),
    );
    expect(one.body.data!.workforcePeople.nodes).toMatchObject([
      { id: director.id, trained: true, lastTraining: { trainedOn: today, course: '儿童关爱服务能力提升', passed: true } },
    ]);

    // Only the untrained: as many as the database has without a training passed.
    const untrained = await allPages<Person>(info.gateway, 'workforcePeople', PEOPLE, { r: district, u: true, first: 50 }, caseworker());
    const [{ u }] = await sql<{ u: number }>(
      `SELECT count(*)::int AS u FROM (
         SELECT id, trained_on FROM child_director WHERE village_code LIKE $1
         UNION ALL SELECT id, trained_on FROM child_supervisor WHERE township_code LIKE $1) p
        WHERE p.trained_on IS NULL AND NOT EXISTS (SELECT 1 FROM training_event t WHERE t.person_id = p.id AND t.passed)`,
      [`${district}%`],
    );
    expect(untrained).toHaveLength(u);
    expect(untrained.every((p) => !p.trained)).toBe(true);
  });

  it('a child director sees only themselves; other agencies are refused; a forged cursor is bad input', async () => {
    const own = await gql<{ workforcePeople: { totalCount: number; nodes: Person[] } }>(
      info.gateway,
      PEOPLE,
      { first: 10 },
      auth('child-director', director.village_code, 'case-work'),
    );
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data!.workforcePeople.nodes.map((p) => p.id)).toEqual([director.id]);
    // Another district's people are not in a caseworker's list, even when asked for by prefix.
    const [{ other }] = await sql<{ other: string }>(
      `SELECT left(village_code, 6) AS other FROM child_director WHERE village_code NOT LIKE $1 ORDER BY 1 LIMIT 1`,
      [`${district}%`],
    );
    const foreign = await gql<{ workforcePeople: { totalCount: number } }>(info.gateway, PEOPLE, { r: other, first: 5 }, caseworker());
    expect(foreign.body.data!.workforcePeople.totalCount).toBe(0);
    const mi = await gql(info.gateway, PEOPLE, { first: 5 }, auth('mi-clerk', district, 'benefit-verification'));
    expect(codeOf(mi)).toBe('FORBIDDEN');
    const edu = await gql(info.gateway, PEOPLE, { first: 5 }, auth('edu-registrar', district, 'enrolment-verification'));
    expect(codeOf(edu)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect(codeOf(await gql(info.gateway, PEOPLE, { first: 5, after: 'bm90LWEta2V5' }, caseworker()))).toBe('BAD_USER_INPUT');
  });
});
