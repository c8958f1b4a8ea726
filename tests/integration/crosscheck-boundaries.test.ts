import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { gql, hubInfo, RECONCILIATION } from '../helpers/hub';
import { expectedPopulation } from '../helpers/population';

/**
 * Hand-made children added to the agencies' databases, each on a boundary of the catalogue: the day a
 * child turns 18 or 16, exactly six months of residence, a move between two central Chongqing districts
 * versus from an outer county, a certificate expiring today, a custody term of 5 versus 6 months, a month
 * of home-delivered education with 1 versus 2 sessions. Evaluated through the gateway on both sides of
 * each boundary.
 */
type Row = Record<string, unknown>;
const info = hubInfo();
const secrets = JSON.parse(readFileSync(join(info.dataDir, 'secrets.json'), 'utf8')) as { postgresPassword: string };
const DB: Record<string, string> = {
  ca: 'hub_civil_affairs',
  ps: 'hub_public_security',
  edu: 'hub_education',
  dpf: 'hub_disabled_persons',
};
const PREFIX = 'bnd-';
const VILLAGE = '500112001001'; // 渝北区, a central district
const OUTER = '500230001001'; // 丰都县, an outer county
const CENTRAL_OTHER = '500103001001'; // 渝中区, same equivalence group as 渝北

async function withDb<T>(db: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({
    connectionString: `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${info.pgPort}/${db}`,
  });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function insert(c: Client, table: string, row: Row): Promise<void> {
  const cols = Object.keys(row);
  await c.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
}

async function cleanUp(): Promise<void> {
  const like = `${PREFIX}%`;
  await withDb(DB.ca, async (c) => {
    for (const t of ['support', 'visit', 'care_agreement']) await c.query(`DELETE FROM ${t} WHERE child_id LIKE $1`, [like]);
    await c.query('DELETE FROM child_record WHERE id LIKE $1', [like]);
  });
  await withDb(DB.ps, async (c) => {
    await c.query('DELETE FROM parent_link WHERE child_id LIKE $1', [like]);
    for (const t of ['residence_permit', 'custody_record', 'subject_region'])
      await c.query(`DELETE FROM ${t} WHERE person_id LIKE $1`, [like]);
    await c.query('DELETE FROM person WHERE id LIKE $1', [like]);
    await c.query('DELETE FROM household WHERE household_no LIKE $1', ['BND%']);
  });
  await withDb(DB.edu, async (c) => {
    await c.query('DELETE FROM home_delivery_session WHERE child_id LIKE $1', [like]);
    await c.query('DELETE FROM home_delivery WHERE child_id LIKE $1', [like]);
  });
  await withDb(DB.dpf, (c) => c.query('DELETE FROM disability_certificate WHERE person_id LIKE $1', [like]));
}

let serial = 0;
/** A child on the civil-affairs ledger and in the household register, living in its hukou village unless told otherwise. */
async function child(id: string, dob: string, opts: { categories?: string[]; hukou?: string; gender?: string } = {}): Promise<void> {
  const hukou = opts.hukou ?? VILLAGE;
  serial++;
  const idNumber = `${hukou.slice(0, 6)}${dob.replaceAll('-', '')}${String(9000 + serial).slice(-4)}`;
  await withDb(DB.ps, async (c) => {
    await insert(c, 'household', {
      household_no: `BND${String(serial).padStart(12, '0')}`,
      region: hukou,
      address: '测试地址',
      established_on: '2000-01-01',
    });
    await insert(c, 'person', {
      id: `${PREFIX}${id}`,
      id_number: idNumber,
      name: `边界${id}`,
      gender: opts.gender ?? 'M',
      date_of_birth: dob,
      hukou_region: hukou,
      household_no: `BND${String(serial).padStart(12, '0')}`,
      registration_status: 'NORMAL',
      status_since: null,
    });
  });
  await withDb(DB.ca, (c) =>
    insert(c, 'child_record', {
      id: `${PREFIX}${id}`,
      id_number: idNumber,
      ca_issued_id: null,
      name: `边界${id}`,
      gender: opts.gender ?? 'M',
      date_of_birth: dob,
      hukou_region: hukou,
      residence_region: VILLAGE,
      categories: opts.categories ?? ['DIFFICULT_POVERTY'],
      risk_colour: 'GREEN',
      guardian_name: null,
      guardian_relation: null,
      guardian_phone: null,
      director_id: null,
      registered_on: '2020-01-01',
    }),
  );
}

async function parent(id: string, childId: string, relation: 'FATHER' | 'MOTHER', status = 'NORMAL'): Promise<void> {
  serial++;
  await withDb(DB.ps, async (c) => {
    await insert(c, 'household', {
      household_no: `BND${String(serial).padStart(12, '0')}`,
      region: VILLAGE,
      address: '测试地址',
      established_on: '2000-01-01',
    });
    await insert(c, 'person', {
      id: `${PREFIX}${id}`,
      id_number: `500112198001${String(9000 + serial).slice(-4)}01`.slice(0, 18),
      name: `家长${id}`,
      gender: relation === 'FATHER' ? 'M' : 'F',
      date_of_birth: '1985-01-01',
      hukou_region: VILLAGE,
      household_no: `BND${String(serial).padStart(12, '0')}`,
      registration_status: status,
      status_since: null,
    });
    await insert(c, 'parent_link', { child_id: `${PREFIX}${childId}`, parent_id: `${PREFIX}${id}`, relation });
  });
}

const support = (childId: string, type: string) =>
  withDb(DB.ca, (c) =>
    insert(c, 'support', {
      child_id: `${PREFIX}${childId}`,
      type,
      monthly_amount: 500,
      start_date: '2020-01-01',
      end_date: null,
      paying_region: '500112',
    }),
  );

const permit = (personId: string, region: string, since: string) =>
  withDb(DB.ps, (c) =>
    insert(c, 'residence_permit', {
      person_id: `${PREFIX}${personId}`,
      permit_no: `BND${personId}`.slice(0, 24),
      region,
      residence_since: since,
      issued_on: since,
      valid_until: '2029-12-31',
    }),
  );

const FAMILIES = 'exitChecks coverageChecks schoolingCheck migrantVerification careChecks';

async function outcomes(id: string, asOf: string): Promise<Record<string, { outcome: string; reason: string }>> {
  const q = `query($id: ID!, $asOf: Date) { child(id: $id) { ${FAMILIES.split(' ')
    .map((f) => `${f}(asOf: $asOf) { rule outcome reason }`)
    .join(' ')} } }`;
  const res = await gql<{ child: Record<string, { rule: string; outcome: string; reason: string }[]> | null }>(
    info.gateway,
    q,
    { id: `${PREFIX}${id}`, asOf },
    RECONCILIATION(),
  );
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data?.child).not.toBeNull();
  const out: Record<string, { outcome: string; reason: string }> = {};
  for (const f of FAMILIES.split(' ')) for (const r of res.body.data!.child![f]) out[r.rule] = { outcome: r.outcome, reason: r.reason };
  return out;
}

describe('cross-check boundaries on hand-made children', () => {
  beforeAll(async () => {
    await cleanUp();
    const school = expectedPopulation().rows.education.school.find((s) => String(s.region).startsWith('500112'))!;

    // Turns 18 on 2025-09-01 with a difficult-child allowance (ends at 18).
    await child('adult', '2007-09-01');
    await support('adult', 'DIFFICULT_CHILD_ALLOWANCE');

    // Migrants from an outer county: turning 16 on 2025-09-01; resident exactly six months on 2025-09-01.
    await child('mig16', '2009-09-01', { categories: ['MIGRANT'], hukou: OUTER });
    await permit('mig16', VILLAGE, '2024-01-01');
    await child('mig6m', '2015-05-05', { categories: ['MIGRANT'], hukou: OUTER });
    await permit('mig6m', VILLAGE, '2025-03-01');
    // Moved between two central districts (渝中 → 渝北): not a migrant under Chongqing's definition.
    await child('central', '2015-05-05', { categories: ['MIGRANT'], hukou: CENTRAL_OTHER });
    await permit('central', VILLAGE, '2023-01-01');

    // A disability living subsidy whose certificate expires on 2025-09-01.
    await child('cert', '2012-01-01', { categories: ['DIFFICULT_DISABILITY'] });
    await support('cert', 'DISABILITY_LIVING_SUBSIDY');
    await withDb(DB.dpf, (c) =>
      insert(c, 'disability_certificate', {
        certificate_no: 'BNDCERT00000000001',
        person_id: `${PREFIX}cert`,
        type: 'PHYSICAL',
        level: 3,
        issued_on: '2020-09-02',
        valid_until: '2025-09-01',
        status: 'VALID',
        status_since: '2020-09-02',
        issuing_region: '500112',
      }),
    );

    // De facto unsupported: mother deceased, father imprisoned since 2025-01-01 for 6 (qualifies) or 5 months (does not).
    for (const [id, term] of [
      ['custody6', 6],
      ['custody5', 5],
    ] as const) {
      await child(id, '2014-06-01', { categories: ['DE_FACTO_UNSUPPORTED'] });
      await support(id, 'DE_FACTO_UNSUPPORTED_ALLOWANCE');
      await parent(`${id}-f`, id, 'FATHER');
      await parent(`${id}-m`, id, 'MOTHER', 'DECEASED');
      await withDb(DB.ps, (c) =>
        insert(c, 'custody_record', {
          person_id: `${PREFIX}${id}-f`,
          kind: 'IMPRISONED',
          since: '2025-01-01',
          term_months: term,
          released_on: null,
          institution: '测试监狱',
        }),
      );
    }

    // Home-delivered education: one or two sessions in August 2025.
    for (const [id, dates] of [
      ['home1', ['2025-08-05']],
      ['home2', ['2025-08-05', '2025-08-20']],
    ] as const) {
      await child(id, '2015-03-01', { categories: ['DIFFICULT_DISABILITY'] });
      await withDb(DB.edu, async (c) => {
        await insert(c, 'home_delivery', {
          child_id: `${PREFIX}${id}`,
          school_code: school.code,
          registered_on: '2025-01-10',
          ended_on: null,
        });
        for (const d of dates)
          await insert(c, 'home_delivery_session', {
            child_id: `${PREFIX}${id}`,
            session_date: d,
            teacher_name: '测试教师',
            duration_minutes: 90,
          });
      });
    }
  }, 60_000);

  afterAll(cleanUp);

  it('EXIT-AGE: the day before the 18th birthday CLEAR, on it FLAGGED', async () => {
    expect((await outcomes('adult', '2025-08-31'))['EXIT-AGE'].outcome).toBe('CLEAR');
    const on = (await outcomes('adult', '2025-09-01'))['EXIT-AGE'];
    expect(on.outcome).toBe('FLAGGED');
    expect(on.reason).toContain('18 岁');
  });

  it('MIG-NOT-MIGRANT: a migrant of 15 is one, on the 16th birthday no longer', async () => {
    expect((await outcomes('mig16', '2025-08-31'))['MIG-NOT-MIGRANT'].outcome).toBe('CLEAR');
    expect((await outcomes('mig16', '2025-09-01'))['MIG-NOT-MIGRANT']).toMatchObject({
      outcome: 'FLAGGED',
      reason: expect.stringContaining('16 岁'),
    });
  });

  it('MIG-NOT-MIGRANT: exactly six calendar months of residence counts, a day less does not', async () => {
    expect((await outcomes('mig6m', '2025-09-01'))['MIG-NOT-MIGRANT'].outcome).toBe('CLEAR');
    expect((await outcomes('mig6m', '2025-08-31'))['MIG-NOT-MIGRANT']).toMatchObject({
      outcome: 'FLAGGED',
      reason: expect.stringContaining('不满 6 个月'),
    });
  });

  it('MIG-NOT-MIGRANT: 渝中 → 渝北 is not a migration, 丰都 → 渝北 is', async () => {
    expect((await outcomes('central', '2025-09-01'))['MIG-NOT-MIGRANT']).toMatchObject({
      outcome: 'FLAGGED',
      reason: expect.stringContaining('同属一个区域'),
    });
    expect((await outcomes('mig6m', '2025-09-01'))['MIG-NOT-MIGRANT'].outcome).toBe('CLEAR');
  });

  it('EXIT-DISABILITY-CERT: a certificate is valid on its expiry day, expired the day after', async () => {
    expect((await outcomes('cert', '2025-09-01'))['EXIT-DISABILITY-CERT'].outcome).toBe('CLEAR');
    expect((await outcomes('cert', '2025-09-02'))['EXIT-DISABILITY-CERT'].outcome).toBe('FLAGGED');
  });

  it('EXIT-DEFACTO-CHANGED: a custody term of 6 months is a parental circumstance, 5 months is not', async () => {
    const six = await outcomes('custody6', '2025-09-01');
    expect(six['EXIT-DEFACTO-CHANGED'].outcome).toBe('CLEAR');
    expect(six['EXIT-DEFACTO-CHANGED'].reason).toContain('服刑在押');
    const five = await outcomes('custody5', '2025-09-01');
    expect(five['EXIT-DEFACTO-CHANGED'].outcome).toBe('FLAGGED');
    // And the mother's death alone never makes an orphan.
    expect(five['GAP-ORPHAN'].outcome).toBe('CLEAR');
  });

  it('EDU-HOME-DELIVERY: one session last month is too few, two are enough; this month’s do not count', async () => {
    expect((await outcomes('home1', '2025-09-01'))['EDU-HOME-DELIVERY']).toMatchObject({
      outcome: 'FLAGGED',
      reason: expect.stringContaining('仅 1 次'),
    });
    expect((await outcomes('home2', '2025-09-01'))['EDU-HOME-DELIVERY'].outcome).toBe('CLEAR');
    // As of 2025-08-31 the month that counts is July: none, so both are short.
    expect((await outcomes('home2', '2025-08-31'))['EDU-HOME-DELIVERY'].outcome).toBe('FLAGGED');
  });
});
