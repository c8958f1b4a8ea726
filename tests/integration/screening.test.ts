import { randomUUID } from 'node:crypto';
import { auth, chinaDateIn, codeOf, gql, hubInfo, sql } from '../helpers/hub';
import { DEFAULT_POLICY, todayInChina } from '@hub/domain';

/**
 * Screening rounds (摸底排查, docs/ledger.md#screening-rounds), through the real gateway against real PostgreSQL: a
 * district opens a round for itself; the village's child director reports, once however often the phone retries;
 * completion by township and village follows the reports and the home visits to the children every round must see;
 * other roles, other villages, bad counts and a reused key are refused with their codes; the district closes the
 * round (with a reason while villages are missing) and nothing more can be reported into it.
 */
const info = hubInfo();
const today = todayInChina;
const inDays = chinaDateIn;

const OPEN = `mutation($input: OpenScreeningRoundInput!) { openScreeningRound(input: $input) { id kind title region openedOn dueOn status } }`;
const REPORT = `mutation($input: ReportScreeningInput!) {
  reportScreening(input: $input) { id roundId villageCode childrenChecked newlyRegistered changed notes reportedAt } }`;
const CLOSE = `mutation($input: CloseScreeningRoundInput!) { closeScreeningRound(input: $input) { id status closedAt closeNote } }`;
const PROGRESS = `query($id: ID!, $level: Int) { screeningRound(id: $id) { id status
  total { region villages villagesReported childrenInScope childrenChecked newlyRegistered changed priorityChildren priorityVisited lastReportedAt }
  areas(level: $level) { region villages villagesReported childrenChecked priorityChildren priorityVisited }
  reports { villageCode childrenChecked newlyRegistered changed notes } } }`;
const VISIT = `mutation($input: RecordVisitInput!) { recordVisit(input: $input) { id } }`;

interface Progress {
  region: string;
  villages: number;
  villagesReported: number;
  childrenInScope: number;
  childrenChecked: number;
  newlyRegistered: number;
  changed: number;
  priorityChildren: number;
  priorityVisited: number;
  lastReportedAt: string | null;
}
type Round = {
  id: string;
  status: string;
  total: Progress;
  areas: Progress[];
  reports: { villageCode: string; childrenChecked: number; newlyRegistered: number; changed: number; notes: string | null }[];
};

describe('screening rounds (摸底排查)', () => {
  let township: string;
  let village: string;
  let priorityChild: string;
  let roundId: string;
  const district = () => township.slice(0, 6);
  const caseworker = () => auth('ca-caseworker', district(), 'case-work');
  const director = () => auth('child-director', village, 'case-work');
  const progress = async (headers: Record<string, string>, level?: number) => {
    const res = await gql<{ screeningRound: Round }>(info.gateway, PROGRESS, { id: roundId, level }, headers);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.screeningRound;
  };

  beforeAll(async () => {
    // A village with a child every round must see at home (the policy's priority colours and categories),
    // in a district of more than two villages with ledger children.
    const [row] = await sql<{ id: string; village: string }>(
      `SELECT c.id, c.residence_region AS village FROM child_record c
        WHERE length(c.residence_region) = 12
          AND (c.risk_colour = ANY($1) OR c.categories && $2::text[])
          AND (SELECT count(DISTINCT o.residence_region) FROM child_record o WHERE o.residence_region LIKE left(c.residence_region, 6) || '%'
                AND length(o.residence_region) = 12) > 2
        ORDER BY c.id DESC LIMIT 1`,
      [DEFAULT_POLICY.screeningPriorityColours, DEFAULT_POLICY.screeningPriorityCategories],
    );
    priorityChild = row.id;
    village = row.village;
    township = village.slice(0, 9);
  });

  it('a district opens a round for itself; its villages and their children are counted from the ledger', async () => {
    const requestKey = randomUUID();
    const input = {
      kind: 'TWICE_YEARLY',
      title: '下半年农村留守儿童和困境儿童摸底排查',
      region: district(),
      dueOn: inDays(30),
      requestKey,
    };
    const opened = await gql<{ openScreeningRound: { id: string; status: string; openedOn: string } }>(
      info.gateway,
      OPEN,
      { input },
      caseworker(),
    );
    expect(opened.body.errors).toBeUndefined();
    expect(opened.body.data!.openScreeningRound).toMatchObject({
      status: 'OPEN',
      openedOn: today(),
      region: district(),
      kind: 'TWICE_YEARLY',
    });
    roundId = opened.body.data!.openScreeningRound.id;
    // Sent again (the answer was lost): the same round, opened once.
    const again = await gql<{ openScreeningRound: { id: string } }>(info.gateway, OPEN, { input }, caseworker());
    expect(again.body.data!.openScreeningRound.id).toBe(roundId);
    expect(await sql(`SELECT id FROM screening_round WHERE request_key = $1`, [requestKey])).toHaveLength(1);

    const [villages] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT residence_region FROM child_record WHERE length(residence_region) = 12 AND residence_region LIKE $1
        UNION SELECT village_code FROM child_director WHERE village_code LIKE $1) v`,
      [`${district()}%`],
    );
    const [children] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM child_record WHERE residence_region LIKE $1`, [
      `${district()}%`,
    ]);
    const round = await progress(caseworker());
    expect(round.total).toMatchObject({
      region: district(),
      villages: villages.n,
      villagesReported: 0,
      childrenInScope: children.n,
      childrenChecked: 0,
      priorityVisited: 0,
      lastReportedAt: null,
    });
    expect(round.total.priorityChildren).toBeGreaterThan(0);
    // By township by default (a district's round), summing to the total.
    expect(round.areas.every((a) => a.region.length === 9 && a.region.startsWith(district()))).toBe(true);
    expect(round.areas.reduce((n, a) => n + a.villages, 0)).toBe(villages.n);
    expect(round.areas.reduce((n, a) => n + a.priorityChildren, 0)).toBe(round.total.priorityChildren);
  });

  it("the village's child director reports once however often the phone retries; completion and the home visits follow", async () => {
    const [{ n: inVillage }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM child_record WHERE residence_region = $1`, [
      village,
    ]);
    const requestKey = randomUUID();
    const input = {
      roundId,
      villageCode: village,
      childrenChecked: inVillage + 3,
      newlyRegistered: 1,
      changed: 2,
      notes: '新发现一名留守儿童',
      requestKey,
    };
    const first = await gql<{ reportScreening: { id: string } }>(info.gateway, REPORT, { input }, director());
    expect(first.body.errors).toBeUndefined();
    const retry = await gql<{ reportScreening: { id: string } }>(info.gateway, REPORT, { input }, director());
    expect(retry.body.data!.reportScreening.id).toBe(first.body.data!.reportScreening.id);
    expect(await sql(`SELECT id FROM screening_report WHERE request_key = $1`, [requestKey])).toHaveLength(1);

    // The director sees the round through their village only.
    const mine = await progress(director());
    expect(mine.total).toMatchObject({ villages: 1, villagesReported: 1, childrenChecked: inVillage + 3, newlyRegistered: 1, changed: 2 });
    expect(mine.reports).toEqual([
      { villageCode: village, childrenChecked: inVillage + 3, newlyRegistered: 1, changed: 2, notes: '新发现一名留守儿童' },
    ]);
    expect(Date.parse(mine.total.lastReportedAt!)).toBeGreaterThan(Date.now() - 60_000);

    // A home visit to a child every round must see counts for the round; a phone call does not.
    const before = (await progress(caseworker(), 12)).areas.find((a) => a.region === village)!;
    const call = await gql(
      info.gateway,
      VISIT,
      { input: { childId: priorityChild, visitedOn: today(), method: 'PHONE', notes: '电话了解近况', requestKey: randomUUID() } },
      director(),
    );
    expect(call.body.errors).toBeUndefined();
    expect((await progress(caseworker(), 12)).areas.find((a) => a.region === village)!.priorityVisited).toBe(before.priorityVisited);
    const home = await gql(
      info.gateway,
      VISIT,
      { input: { childId: priorityChild, visitedOn: today(), method: 'HOME', notes: '排查入户，监护落实', requestKey: randomUUID() } },
      director(),
    );
    expect(home.body.errors).toBeUndefined();
    const after = await progress(caseworker(), 12);
    expect(after.areas.find((a) => a.region === village)).toMatchObject({
      villagesReported: 1,
      priorityVisited: before.priorityVisited + 1,
    });
    expect(after.total.villagesReported).toBe(1);
    // By township: the village's township carries the report and the visit.
    const byTownship = await progress(caseworker(), 9);
    expect(byTownship.areas.find((a) => a.region === township)).toMatchObject({ villagesReported: 1 });
    expect(byTownship.areas.reduce((n, a) => n + a.priorityVisited, 0)).toBe(after.total.priorityVisited);

    // A second report replaces the first in the counts; both are kept.
    const corrected = await gql(info.gateway, REPORT, { input: { ...input, changed: 3, requestKey: randomUUID() } }, director());
    expect(corrected.body.errors).toBeUndefined();
    expect((await progress(director())).total.changed).toBe(3);
    expect(await sql(`SELECT changed FROM screening_report WHERE round_id = $1 ORDER BY id`, [roundId])).toEqual([
      { changed: 2 },
      { changed: 3 },
    ]);
  });

  it('refuses other villages, other roles and agencies, bad counts and a reused key, with their codes', async () => {
    const base = { roundId, villageCode: village, childrenChecked: 5, newlyRegistered: 0, changed: 0 };
    const [other] = await sql<{ v: string }>(
      `SELECT residence_region AS v FROM child_record WHERE residence_region LIKE $1 AND residence_region <> $2 AND length(residence_region) = 12 LIMIT 1`,
      [`${district()}%`, village],
    );
    const elsewhere = await gql(info.gateway, REPORT, { input: { ...base, villageCode: other.v, requestKey: randomUUID() } }, director());
    expect(codeOf(elsewhere)).toBe('FORBIDDEN');
    const tooMany = await gql(info.gateway, REPORT, { input: { ...base, newlyRegistered: 6, requestKey: randomUUID() } }, director());
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
    const negative = await gql(info.gateway, REPORT, { input: { ...base, childrenChecked: -1, requestKey: randomUUID() } }, director());
    expect(codeOf(negative)).toBe('BAD_USER_INPUT');
    const badKey = await gql(info.gateway, REPORT, { input: { ...base, requestKey: 'x' } }, director());
    expect(codeOf(badKey)).toBe('BAD_USER_INPUT');

    // The director's key sent by the township's supervisor for the same village: another person's entry.
    const key = randomUUID();
    expect((await gql(info.gateway, REPORT, { input: { ...base, requestKey: key } }, director())).body.errors).toBeUndefined();
    const reused = await gql(
      info.gateway,
      REPORT,
      { input: { ...base, requestKey: key } },
      auth('township-supervisor', township, 'case-work'),
    );
    expect(codeOf(reused)).toBe('CONFLICT');

    // A child director neither opens nor closes rounds; a district opens none for another district.
    const byDirector = await gql(
      info.gateway,
      OPEN,
      { input: { kind: 'SPECIAL', title: '专项排查', region: district(), dueOn: inDays(10), requestKey: randomUUID() } },
      director(),
    );
    expect(codeOf(byDirector)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const [{ d: otherDistrict }] = await sql<{ d: string }>(
      `SELECT left(residence_region, 6) AS d FROM child_record WHERE residence_region NOT LIKE $1 AND length(residence_region) = 12 LIMIT 1`,
      [`${district()}%`],
    );
    const outside = await gql(
      info.gateway,
      OPEN,
      { input: { kind: 'SPECIAL', title: '专项排查', region: otherDistrict, dueOn: inDays(10), requestKey: randomUUID() } },
      caseworker(),
    );
    expect(codeOf(outside)).toBe('FORBIDDEN');
    const late = await gql(
      info.gateway,
      OPEN,
      { input: { kind: 'SPECIAL', title: '专项排查', region: district(), dueOn: inDays(400), requestKey: randomUUID() } },
      caseworker(),
    );
    expect(codeOf(late)).toBe('BAD_USER_INPUT');
    const aVillage = await gql(
      info.gateway,
      OPEN,
      { input: { kind: 'SPECIAL', title: '专项排查', region: village, dueOn: inDays(10), requestKey: randomUUID() } },
      caseworker(),
    );
    expect(codeOf(aVillage)).toBe('BAD_USER_INPUT');

    // Another district's caseworker neither sees the round nor reads it; a health worker gets no rounds at all.
    const stranger = auth('ca-caseworker', otherDistrict, 'case-work');
    const list = await gql<{ screeningRounds: { id: string }[] }>(info.gateway, `{ screeningRounds { id } }`, {}, stranger);
    expect(list.body.data!.screeningRounds.map((r) => r.id)).not.toContain(roundId);
    expect(codeOf(await gql(info.gateway, PROGRESS, { id: roundId }, stranger))).toBe('FORBIDDEN');
    const mine = await gql<{ screeningRounds: { id: string }[] }>(info.gateway, `{ screeningRounds(status: OPEN) { id } }`, {}, director());
    expect(mine.body.data!.screeningRounds.map((r) => r.id)).toContain(roundId);
    const health = await gql(info.gateway, `{ screeningRounds { id } }`, {}, auth('health-worker', district(), 'case-work'));
    expect(codeOf(health)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });

  it('the district closes the round, with a reason while villages are missing; nothing more is reported into it', async () => {
    const byDirector = await gql(info.gateway, CLOSE, { input: { roundId } }, director());
    expect(codeOf(byDirector)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const round = await progress(caseworker());
    expect(round.total.villagesReported).toBeLessThan(round.total.villages);
    const noReason = await gql<unknown>(info.gateway, CLOSE, { input: { roundId } }, caseworker());
    expect(codeOf(noReason)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(noReason.body.errors)).toContain(`尚有 ${round.total.villages - round.total.villagesReported} 个村`);

    const closed = await gql<{ closeScreeningRound: { status: string; closedAt: string; closeNote: string } }>(
      info.gateway,
      CLOSE,
      { input: { roundId, note: '其余村因汛期延后，转入下轮' } },
      caseworker(),
    );
    expect(closed.body.errors).toBeUndefined();
    expect(closed.body.data!.closeScreeningRound).toMatchObject({ status: 'CLOSED', closeNote: '其余村因汛期延后，转入下轮' });
    const late = await gql(
      info.gateway,
      REPORT,
      { input: { roundId, villageCode: village, childrenChecked: 1, newlyRegistered: 0, changed: 0, requestKey: randomUUID() } },
      director(),
    );
    expect(codeOf(late)).toBe('BAD_USER_INPUT');
    // Closing again changes nothing.
    const again = await gql<{ closeScreeningRound: { closedAt: string } }>(info.gateway, CLOSE, { input: { roundId } }, caseworker());
    expect(again.body.data!.closeScreeningRound.closedAt).toBe(closed.body.data!.closeScreeningRound.closedAt);
    // Who opened, reported and closed is kept on the rows.
    const [row] = await sql<{ opened_by: string; closed_by: string }>(`SELECT opened_by, closed_by FROM screening_round WHERE id = $1`, [
      roundId,
    ]);
    expect(row).toEqual({ opened_by: `demo:ca-caseworker:${district()}`, closed_by: `demo:ca-caseworker:${district()}` });
  });
});
