import { randomUUID } from 'node:crypto';
import { matrixChild, type Row } from '../helpers/field-matrix';
import { auth, chinaDateIn, codeOf, gql, hubInfo, sql } from '../helpers/hub';
import { expectedPopulation } from '../helpers/population';
import { ROSTER_PAGE_QUERY } from '@hub/jobs';
import { todayInChina } from '@hub/domain';

/**
 * The ledger kept in the hub (docs/ledger.md), through the real gateway against real PostgreSQL: a child director
 * records visits and a township supervisor reassesses a colour; a phone call leaves CARE-VISIT-OVERDUE FLAGGED in the
 * next live check and a home visit clears it; retries with the same key record nothing twice; other roles, other
 * villages, bad input and a reused key are refused with their codes; every write is in the change log with before
 * and after, and in civil affairs' audit.
 */
const info = hubInfo();

/** Today in Beijing, as the hub's live checks take it by default. */
const today = todayInChina;

const VISIT = `mutation($input: RecordVisitInput!) { recordVisit(input: $input) { id visitedOn method visitorRole visitorId notes nextDueOn recordedAt } }`;
const ASSESS = `mutation($input: AssessRiskColourInput!) {
  assessRiskColour(input: $input) { id assessedOn colour previousColour factors reason assessor assessorRole recordedAt } }`;
const CARE = `query($id: ID!, $asOf: Date) { child(id: $id) { careChecks(asOf: $asOf) { rule outcome reason } } }`;

describe('the ledger kept in the hub', () => {
  // A ledger child in its own village, other than the one the role × field matrix reads.
  const expected = expectedPopulation();
  const skip = matrixChild().child.id;
  const records = expected.rows['civil-affairs'].child_record;
  const child = records.find(
    (r: Row) =>
      r.id !== skip &&
      r.hukou_region === r.residence_region &&
      String(r.residence_region).length === 12 &&
      records.some((o: Row) => o.id !== r.id && o.residence_region === r.residence_region),
  )!;
  const village = String(child.residence_region);
  const director = () => auth('child-director', village, 'case-work');
  const caseworker = () => auth('ca-caseworker', village.slice(0, 6), 'case-work');
  const overdue = async () => {
    const res = await gql<{ child: { careChecks: { rule: string; outcome: string; reason: string }[] } }>(
      info.gateway,
      CARE,
      { id: child.id, asOf: today() },
      caseworker(),
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.child.careChecks.find((c) => c.rule === 'CARE-VISIT-OVERDUE')!;
  };

  /** The child's CARE-VISIT-OVERDUE as the nightly job asks for it (its roster page query, as the service account). */
  const tonight = async () => {
    const res = await gql<{ childrenForChecks: { rosterChecks: { flagged: { rule: string }[]; clear: string[] } }[] }>(
      info.gateway,
      ROSTER_PAGE_QUERY,
      { ids: [child.id], asOf: today(), rules: ['CARE-VISIT-OVERDUE'] },
      auth('reconciliation-service', '50', 'reconciliation'),
    );
    expect(res.body.errors).toBeUndefined();
    const checks = res.body.data!.childrenForChecks[0].rosterChecks;
    return checks.flagged.some((f) => f.rule === 'CARE-VISIT-OVERDUE')
      ? 'FLAGGED'
      : checks.clear.includes('CARE-VISIT-OVERDUE')
        ? 'CLEAR'
        : '?';
  };

  it('a phone call is recorded and leaves the child overdue; a home visit clears CARE-VISIT-OVERDUE in the next live check and for the nightly job', async () => {
    expect((await overdue()).outcome).toBe('FLAGGED');
    expect(await tonight()).toBe('FLAGGED');

    const call = await gql(
      info.gateway,
      VISIT,
      {
        input: { childId: child.id, visitedOn: today(), method: 'PHONE', notes: '电话联系监护人，孩子近况正常', requestKey: randomUUID() },
      },
      director(),
    );
    expect(call.body.errors).toBeUndefined();
    expect(call.body.data).toMatchObject({
      recordVisit: { visitedOn: today(), method: 'PHONE', visitorRole: 'DIRECTOR', visitorId: `demo:child-director:${village}` },
    });
    const afterCall = await overdue();
    expect(afterCall.outcome).toBe('FLAGGED');
    expect(afterCall.reason).toContain('入户走访');

    const requestKey = randomUUID();
    const input = { childId: child.id, visitedOn: today(), method: 'HOME', notes: '入户走访，居住环境安全', nextDueOn: null, requestKey };
    const home = await gql<{ recordVisit: { id: string; recordedAt: string } }>(info.gateway, VISIT, { input }, director());
    expect(home.body.errors).toBeUndefined();
    expect(Date.parse(home.body.data!.recordVisit.recordedAt)).toBeGreaterThan(Date.now() - 60_000);
    const cleared = await overdue();
    expect(cleared).toMatchObject({ outcome: 'CLEAR' });
    expect(cleared.reason).toContain(`最近入户走访 ${today()}`);
    // The next night agrees: the job's own page query, on the same day, finds the child CLEAR.
    expect(await tonight()).toBe('CLEAR');

    // The phone that lost its signal sends the same entry again: the same visit, recorded once, logged once.
    const retry = await gql<{ recordVisit: { id: string } }>(info.gateway, VISIT, { input }, director());
    expect(retry.body.data!.recordVisit.id).toBe(home.body.data!.recordVisit.id);
    expect(await sql(`SELECT id FROM visit WHERE request_key = $1`, [requestKey])).toHaveLength(1);
    const log = await sql<{ action: string; before: unknown; after: Record<string, unknown>; actor: string; actor_roles: string[] }>(
      `SELECT action, before, after, actor, actor_roles FROM ledger_change WHERE entity = 'visit' AND entity_id = $1`,
      [home.body.data!.recordVisit.id],
    );
    expect(log).toEqual([
      {
        action: 'RECORDED',
        before: null,
        after: { visitedOn: today(), method: 'HOME', notes: '入户走访，居住环境安全', nextDueOn: null },
        actor: `demo:child-director:${village}`,
        actor_roles: ['child-director'],
      },
    ]);
  });

  it('refuses the write to roles that do not keep the ledger, outside the village, with bad input and with a key used for another child', async () => {
    const input = (over: Record<string, unknown> = {}) => ({
      input: { childId: child.id, visitedOn: today(), method: 'HOME', notes: '入户走访', requestKey: randomUUID(), ...over },
    });
    for (const [role, jurisdiction, purpose] of [
      ['edu-registrar', village.slice(0, 6), 'enrolment-verification'],
      ['ca-supervisor', village.slice(0, 4), 'case-work'],
      ['mi-clerk', village.slice(0, 6), 'benefit-verification'],
    ]) {
      const r = await gql(info.gateway, VISIT, input(), auth(role, jurisdiction, purpose));
      expect({ role, code: codeOf(r), data: r.body.data?.recordVisit ?? null }).toEqual({
        role,
        code: 'UNAUTHORIZED_FIELD_OR_TYPE',
        data: null,
      });
    }
    const elsewhere = records.find(
      (r: Row) => String(r.residence_region).length === 12 && r.residence_region !== village && r.hukou_region !== village,
    )!;
    const outside = await gql(info.gateway, VISIT, input({ childId: elsewhere.id }), director());
    expect(codeOf(outside)).toBe('FORBIDDEN');
    expect(codeOf(await gql(info.gateway, VISIT, input({ visitedOn: '2999-01-01' }), director()))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(info.gateway, VISIT, input({ notes: '  ' }), director()))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(info.gateway, VISIT, input({ requestKey: 'not-a-uuid' }), director()))).toBe('BAD_USER_INPUT');
    const key = randomUUID();
    expect(codeOf(await gql(info.gateway, VISIT, input({ requestKey: key }), director()))).toBeUndefined();
    const sibling = records.find((r: Row) => r.id !== child.id && r.residence_region === village)!;
    expect(codeOf(await gql(info.gateway, VISIT, input({ requestKey: key, childId: sibling.id }), director()))).toBe('CONFLICT');
    const outsideCount = await sql(`SELECT 1 FROM visit WHERE child_id = $1 AND recorded_at IS NOT NULL`, [elsewhere.id]);
    expect(outsideCount).toHaveLength(0);
  });

  it('a township supervisor reassesses the colour: the child is RED with its factors, the history and the change log keep before and after', async () => {
    const supervisor = () => auth('township-supervisor', village.slice(0, 9), 'case-work');
    const colourNow = async () => {
      const r = await gql<{ child: { welfare: { riskColour: string; riskAssessments: Row[] } } }>(
        info.gateway,
        `query($id: ID!) { child(id: $id) { welfare { riskColour riskAssessments { colour previousColour factors reason assessorRole } } } }`,
        { id: child.id },
        supervisor(),
      );
      expect(r.body.errors).toBeUndefined();
      return r.body.data!.child.welfare;
    };
    const before = (await colourNow()).riskColour;
    const requestKey = randomUUID();
    const input = {
      childId: child.id,
      colour: 'RED',
      factors: ['LIVING_ALONE', 'GUARDIANSHIP_LACKING'],
      reason: '祖父住院，儿童独自在家',
      requestKey,
    };
    const requestId = `ledger-${randomUUID()}`;
    const res = await gql<{ assessRiskColour: Row }>(info.gateway, ASSESS, { input }, { ...supervisor(), 'x-request-id': requestId });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.assessRiskColour).toMatchObject({
      colour: 'RED',
      previousColour: before,
      factors: ['GUARDIANSHIP_LACKING', 'LIVING_ALONE'],
      assessorRole: 'township-supervisor',
      assessedOn: today(),
    });
    const again = await gql<{ assessRiskColour: Row }>(info.gateway, ASSESS, { input }, supervisor());
    expect(again.body.data!.assessRiskColour.id).toBe(res.body.data!.assessRiskColour.id);
    const now = await colourNow();
    expect(now.riskColour).toBe('RED');
    expect(now.riskAssessments[0]).toMatchObject({ colour: 'RED', previousColour: before, reason: '祖父住院，儿童独自在家' });
    expect(now.riskAssessments.filter((a) => a.reason === '祖父住院，儿童独自在家')).toHaveLength(1);
    const log = await sql<{ before: Row; after: Row; request_id: string }>(
      `SELECT before, after, request_id FROM ledger_change WHERE entity = 'child_record' AND entity_id = $1 AND request_id = $2`,
      [child.id, requestId],
    );
    expect(log).toHaveLength(1);
    expect(log[0].before).toEqual({ riskColour: before });
    expect(log[0].after).toMatchObject({ riskColour: 'RED', factors: ['GUARDIANSHIP_LACKING', 'LIVING_ALONE'] });
    // Civil affairs audited the write's disclosure under the request id.
    const audit = await gql<{ civilAffairsAuditLog: { nodes: { fields: string[]; purpose: string }[] } }>(
      info.gateway,
      `query($r: String!) { civilAffairsAuditLog(requestId: $r) { nodes { fields purpose } } }`,
      { r: requestId },
      auth('auditor', '50', 'audit'),
    );
    expect(audit.body.data!.civilAffairsAuditLog.nodes.flatMap((n) => n.fields)).toContain('RiskAssessment.colour');
    // Back to the colour the generator gave (other suites score runs against it), as a reassessment like any other.
    const back = await gql(
      info.gateway,
      ASSESS,
      { input: { childId: child.id, colour: before, factors: [], reason: '祖父出院，恢复原等级', requestKey: randomUUID() } },
      supervisor(),
    );
    expect(back.body.errors).toBeUndefined();
    expect((await colourNow()).riskColour).toBe(before);
  });

  it('signs and renews an agreement, keeps a work log and help given, and updates the record; categories only by the district, every change logged', async () => {
    const key = () => randomUUID();
    const AGREE = `mutation($input: SignCareAgreementInput!) { signCareAgreement(input: $input) { id caregiverName signedOn validUntil recordedBy } }`;
    const sign = {
      childId: child.id,
      caregiverName: '王秀英',
      caregiverRelation: '祖母',
      signedOn: today(),
      validUntil: null,
      requestKey: key(),
    };
    const signed = await gql<{ signCareAgreement: Row }>(info.gateway, AGREE, { input: sign }, director());
    expect(signed.body.errors).toBeUndefined();
    expect(signed.body.data!.signCareAgreement).toMatchObject({
      caregiverName: '王秀英',
      signedOn: today(),
      recordedBy: `demo:child-director:${village}`,
    });
    const retried = await gql<{ signCareAgreement: Row }>(info.gateway, AGREE, { input: sign }, director());
    expect(retried.body.data!.signCareAgreement.id).toBe(signed.body.data!.signCareAgreement.id);
    const [agreementLog] = await sql<{ action: string; before: Row | null }>(
      `SELECT action, before FROM ledger_change WHERE entity = 'care_agreement' AND entity_id = $1`,
      [signed.body.data!.signCareAgreement.id],
    );
    // The generator gave most ledger children an agreement already: then this one renews it, and the log says which it replaced.
    expect(agreementLog.action).toBe(agreementLog.before ? 'RENEWED' : 'SIGNED');

    const LOG = `mutation($input: RecordWorkLogInput!) { recordWorkLog(input: $input) { id workedOn content authorRole } }`;
    const HELP = `mutation($input: RecordHelpInput!) { recordHelp(input: $input) { id kind provider referredTo } }`;
    const logged = await gql(
      info.gateway,
      LOG,
      { input: { childId: child.id, workedOn: today(), content: '与班主任电话沟通学习情况', requestKey: key() } },
      director(),
    );
    expect(logged.body.errors).toBeUndefined();
    const helped = await gql(
      info.gateway,
      HELP,
      {
        input: {
          childId: child.id,
          helpedOn: today(),
          kind: 'STUDY',
          content: '联系志愿者每周辅导数学',
          provider: '青年志愿者协会',
          referredTo: null,
          requestKey: key(),
        },
      },
      director(),
    );
    expect(helped.body.errors).toBeUndefined();
    const file = await gql<{ child: { welfare: { workLog: Row[]; helpRecords: Row[]; guardian: Row | null; categories: string[] } } }>(
      info.gateway,
      `query($id: ID!) { child(id: $id) { welfare { categories guardian { name relation phone } workLog { content authorRole } helpRecords { kind content provider } } } }`,
      { id: child.id },
      director(),
    );
    expect(file.body.errors).toBeUndefined();
    const welfare = file.body.data!.child.welfare;
    expect(welfare.workLog[0]).toEqual({ content: '与班主任电话沟通学习情况', authorRole: 'child-director' });
    expect(welfare.helpRecords[0]).toEqual({ kind: 'STUDY', content: '联系志愿者每周辅导数学', provider: '青年志愿者协会' });

    const UPDATE = `mutation($input: UpdateChildRecordInput!) { updateChildRecord(input: $input) { categories guardian { phone } } }`;
    const phone = { childId: child.id, guardianPhone: '13800000000', reason: '监护人更换手机号码', requestKey: key() };
    const updated = await gql<{ updateChildRecord: { guardian: { phone: string } } }>(info.gateway, UPDATE, { input: phone }, director());
    expect(updated.body.errors).toBeUndefined();
    expect(updated.body.data!.updateChildRecord.guardian.phone).toBe('13800000000');
    const [phoneLog] = await sql<{ before: Row; after: Row }>(`SELECT before, after FROM ledger_change WHERE request_key = $1`, [
      phone.requestKey,
    ]);
    expect(phoneLog).toEqual({
      before: { guardian_phone: welfare.guardian?.phone ?? null },
      after: { guardian_phone: '13800000000', reason: '监护人更换手机号码' },
    });
    // A category is decided by the district: the director is refused, the caseworker may, and the change is logged.
    const categories = { childId: child.id, categories: [...welfare.categories, 'DIFFICULT_ILLNESS'], reason: '经认定为困境儿童（重病）' };
    const refused = await gql(info.gateway, UPDATE, { input: { ...categories, requestKey: key() } }, director());
    expect(refused.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byDistrict = await gql<{ updateChildRecord: { categories: string[] } }>(
      info.gateway,
      UPDATE,
      { input: { ...categories, requestKey: key() } },
      caseworker(),
    );
    expect(byDistrict.body.errors).toBeUndefined();
    expect(byDistrict.body.data!.updateChildRecord.categories).toContain('DIFFICULT_ILLNESS');
    // Back as the generator made it (other suites score runs against it), as a change like any other.
    const restored = await gql(
      info.gateway,
      UPDATE,
      {
        input: {
          childId: child.id,
          categories: welfare.categories,
          guardianPhone: welfare.guardian?.phone ?? '',
          reason: '测试后恢复',
          requestKey: key(),
        },
      },
      caseworker(),
    );
    expect(restored.body.errors).toBeUndefined();
    expect(
      await sql(`SELECT 1 FROM ledger_change WHERE child_id = $1 AND entity = 'child_record' AND action = 'UPDATED'`, [child.id]),
    ).toHaveLength(3);
  });

  it('the scorecard counts the work: a home visit and a signed agreement move the village’s figures; other agencies are refused', async () => {
    const SCORE = `query($r: String) { ledgerScorecard(regionPrefix: $r) { asOf month areas { region children leftBehind withAgreement visitedInTime newCases casesClosed closedInTime } total { children visitedInTime withAgreement } } }`;
    type Card = { ledgerScorecard: { asOf: string; areas: Row[]; total: Row } };
    const supervisor = auth('township-supervisor', village.slice(0, 9), 'case-work');
    const score = async () => {
      const r = await gql<Card>(info.gateway, SCORE, { r: village.slice(0, 9) }, supervisor);
      expect(r.body.errors).toBeUndefined();
      return r.body.data!.ledgerScorecard;
    };
    const before = await score();
    expect(before.asOf).toBe(today());
    const mine = (card: Card['ledgerScorecard']) => card.areas.find((a) => a.region === village)!;
    expect(mine(before).children).toBe(records.filter((r: Row) => r.residence_region === village).length);
    expect(before.total.children).toBe(records.filter((r: Row) => String(r.residence_region).startsWith(village.slice(0, 9))).length);

    // A child of the village not visited at home within its interval today, and a left-behind child without a valid agreement.
    const inVillage = records.filter((r: Row) => r.residence_region === village && r.id !== child.id).map((r: Row) => r.id as string);
    const [due] = await sql<{ id: string }>(
      `SELECT c.id FROM child_record c WHERE c.id = ANY($1) AND NOT EXISTS (
         SELECT 1 FROM visit v WHERE v.child_id = c.id AND v.method = 'HOME' AND v.visited_on >= (now() AT TIME ZONE 'Asia/Shanghai')::date - 6)
       ORDER BY c.id LIMIT 1`,
      [inVillage],
    );
    const visit = { childId: due.id, visitedOn: today(), method: 'HOME', notes: '入户走访', requestKey: randomUUID() };
    expect((await gql(info.gateway, VISIT, { input: visit }, director())).body.errors).toBeUndefined();
    const after = await score();
    expect(mine(after).visitedInTime).toBe(Number(mine(before).visitedInTime) + 1);
    expect(after.total.visitedInTime).toBe(Number(before.total.visitedInTime) + 1);

    // A left-behind child of the ledger without a valid agreement today (the generator leaves some unsigned: CARE-NO-AGREEMENT).
    const [unsigned] = await sql<{ id: string; r: string }>(
      `SELECT c.id, c.residence_region AS r FROM child_record c
        WHERE length(c.residence_region) = 12 AND 'LEFT_BEHIND' = ANY(c.categories) AND NOT EXISTS (
          SELECT 1 FROM care_agreement a WHERE a.child_id = c.id AND (a.valid_until IS NULL OR a.valid_until >= (now() AT TIME ZONE 'Asia/Shanghai')::date))
        ORDER BY c.id LIMIT 1`,
    );
    expect(unsigned).toBeDefined();
    const district = unsigned.r.slice(0, 6);
    const districtScore = async () => {
      const r = await gql<Card>(info.gateway, SCORE, { r: district }, auth('ca-caseworker', district, 'case-work'));
      expect(r.body.errors).toBeUndefined();
      return r.body.data!.ledgerScorecard.total;
    };
    const unsignedBefore = await districtScore();
    const sign = { childId: unsigned.id, caregiverName: '张桂芳', caregiverRelation: '祖母', signedOn: today(), requestKey: randomUUID() };
    const signed = await gql(
      info.gateway,
      `mutation($input: SignCareAgreementInput!) { signCareAgreement(input: $input) { id } }`,
      { input: sign },
      auth('child-director', unsigned.r, 'case-work'),
    );
    expect(signed.body.errors).toBeUndefined();
    expect((await districtScore()).withAgreement).toBe(Number(unsignedBefore.withAgreement) + 1);

    const other = await gql(info.gateway, SCORE, { r: village.slice(0, 6) }, auth('mi-clerk', village.slice(0, 6), 'benefit-verification'));
    expect(other.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('the workforce ledger: a district records a passed training, the village counts as covered, a failed one does not count', async () => {
    const WORKFORCE = `query($r: String) { workforce(regionPrefix: $r) { region villages villagesWithTrainedDirector directors trainedDirectors villagesWithoutTrainedDirector } }`;
    const TRAIN = `mutation($input: RecordTrainingInput!) { recordTraining(input: $input) { id trainedOn course hours passed } }`;
    // A director the generator left untrained, in a village with ledger children and no trained director.
    const [untrained] = await sql<{ id: string; village_code: string }>(
      `SELECT d.id, d.village_code FROM child_director d WHERE d.trained_on IS NULL
          AND EXISTS (SELECT 1 FROM child_record c WHERE c.residence_region = d.village_code)
          AND NOT EXISTS (SELECT 1 FROM child_director o WHERE o.village_code = d.village_code AND o.trained_on IS NOT NULL)
        ORDER BY d.id LIMIT 1`,
    );
    expect(untrained).toBeDefined();
    const district = untrained.village_code.slice(0, 6);
    const caseworker = auth('ca-caseworker', district, 'case-work');
    const rows = async () => {
      const r = await gql<{ workforce: Row[] }>(info.gateway, WORKFORCE, { r: district }, caseworker);
      expect(r.body.errors).toBeUndefined();
      return r.body.data!.workforce;
    };
    const township = untrained.village_code.slice(0, 9);
    const before = (await rows()).find((r) => r.region === township)!;
    expect(before.villagesWithoutTrainedDirector).toContain(untrained.village_code);

    const failed = {
      personId: untrained.id,
      trainedOn: today(),
      course: '儿童主任岗前培训',
      hours: 16,
      passed: false,
      requestKey: randomUUID(),
    };
    expect((await gql(info.gateway, TRAIN, { input: failed }, caseworker)).body.errors).toBeUndefined();
    expect((await rows()).find((r) => r.region === township)!.villagesWithoutTrainedDirector).toContain(untrained.village_code);

    const passed = { ...failed, passed: true, requestKey: randomUUID() };
    const res = await gql<{ recordTraining: Row }>(info.gateway, TRAIN, { input: passed }, caseworker);
    expect(res.body.data!.recordTraining).toMatchObject({ course: '儿童主任岗前培训', hours: 16, passed: true });
    const again = await gql<{ recordTraining: Row }>(info.gateway, TRAIN, { input: passed }, caseworker);
    expect(again.body.data!.recordTraining.id).toBe(res.body.data!.recordTraining.id);
    const after = (await rows()).find((r) => r.region === township)!;
    expect(after.villagesWithoutTrainedDirector).not.toContain(untrained.village_code);
    expect(after.villagesWithTrainedDirector).toBe(Number(before.villagesWithTrainedDirector) + 1);
    expect(after.trainedDirectors).toBe(Number(before.trainedDirectors) + 1);
    const listed = await gql<{ childDirectors: { id: string; trainedOn: string; trainings: Row[]; caseload: number }[] }>(
      info.gateway,
      `query($r: String!) { childDirectors(regionPrefix: $r) { id trainedOn caseload trainings { course passed } } }`,
      { r: untrained.village_code },
      caseworker,
    );
    const d = listed.body.data!.childDirectors.find((x) => x.id === untrained.id)!;
    expect(d.trainedOn).toBe(today());
    expect(d.trainings).toEqual([
      { course: '儿童主任岗前培训', passed: true },
      { course: '儿童主任岗前培训', passed: false },
    ]);
    expect(d.caseload).toBe(
      Number((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM child_record WHERE director_id = $1`, [untrained.id]))[0].n),
    );
    // A child director does not record trainings; a district does not reach another district's people.
    const byDirector = await gql(
      info.gateway,
      TRAIN,
      { input: { ...passed, requestKey: randomUUID() } },
      auth('child-director', untrained.village_code, 'case-work'),
    );
    expect(byDirector.body.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const [elsewhere] = await sql<{ id: string }>(`SELECT id FROM child_director WHERE village_code NOT LIKE $1 ORDER BY id LIMIT 1`, [
      `${district}%`,
    ]);
    const outside = await gql(info.gateway, TRAIN, { input: { ...passed, personId: elsewhere.id, requestKey: randomUUID() } }, caseworker);
    expect(outside.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
  it('an assessment that finds 心理或行为异常 raises the visit frequency in the next live check; a reassessment without it ends the raise', async () => {
    // A GREEN child without a raising category, nothing recorded in the hub for it yet.
    const [green] = await sql<{ id: string; village: string }>(
      `SELECT c.id, c.residence_region AS village FROM child_record c
        WHERE c.risk_colour = 'GREEN' AND NOT c.categories && ARRAY['DIFFICULT_DISABILITY', 'DIFFICULT_ILLNESS'] AND length(c.residence_region) = 12
          AND NOT EXISTS (SELECT 1 FROM visit v WHERE v.child_id = c.id AND v.recorded_at IS NOT NULL)
          AND NOT EXISTS (SELECT 1 FROM risk_assessment a WHERE a.child_id = c.id)
        ORDER BY c.id DESC OFFSET 3 LIMIT 1`,
    );
    const them = auth('child-director', green.village, 'case-work');
    const daysAgo = (n: number) => chinaDateIn(-n);
    const check = async () => {
      const r = await gql<{ child: { careChecks: { rule: string; outcome: string; reason: string }[] } }>(
        info.gateway,
        CARE,
        { id: green.id, asOf: today() },
        auth('ca-caseworker', green.village.slice(0, 6), 'case-work'),
      );
      expect(r.body.errors).toBeUndefined();
      return r.body.data!.child.careChecks.find((c) => c.rule === 'CARE-VISIT-OVERDUE')!;
    };
    const visited = await gql(
      info.gateway,
      VISIT,
      { input: { childId: green.id, visitedOn: daysAgo(20), method: 'HOME', notes: '入户走访', requestKey: randomUUID() } },
      them,
    );
    expect(visited.body.errors).toBeUndefined();
    // 20 days: within the green interval (30), beyond the raised one (15).
    expect((await check()).outcome).toBe('CLEAR');
    const assess = (factors: string[], reason: string) =>
      gql(info.gateway, ASSESS, { input: { childId: green.id, colour: 'GREEN', factors, reason, requestKey: randomUUID() } }, them);
    expect((await assess(['PSYCH_BEHAVIOUR'], '孩子情绪低落、厌学')).body.errors).toBeUndefined();
    const raised = await check();
    expect(raised.outcome).toBe('FLAGGED');
    expect(raised.reason).toContain(`心理或行为异常，${today()} 评估`);
    expect((await assess([], '复评：情绪稳定')).body.errors).toBeUndefined();
    expect((await check()).outcome).toBe('CLEAR');
  });
});
