import { asGateway, auth, gql, hubInfo, subgraphUrl } from '../helpers/hub';
import { expectedPopulation } from '../helpers/population';

/**
 * Row-level jurisdiction in the civil-affairs and public-security subgraphs' SQL: a caller sees a
 * record only if one of its region codes is under one of the caller's prefixes; a migrant child is
 * visible to both the hukou place and the residence place.
 */
type Row = Record<string, unknown>;

describe('row-level jurisdiction', () => {
  const info = hubInfo();
  const expected = expectedPopulation();
  const ledger = expected.rows['civil-affairs'].child_record;
  const county = (r: Row, col: string) => String(r[col] ?? '').slice(0, 6);
  const inDistrict = (d: string) => ledger.filter((r) => county(r, 'residence_region') === d || county(r, 'hukou_region') === d);
  // A migrant child who moved between two Chongqing counties: visible to both, to nobody else.
  const migrant = ledger.find(
    (r) =>
      (r.categories as string[]).includes('MIGRANT') &&
      String(r.hukou_region ?? '').startsWith('50') &&
      county(r, 'hukou_region') !== county(r, 'residence_region'),
  )!;
  const caseworker = (district: string) => auth('ca-caseworker', district, 'case-work');
  const RECONCILIATION_50 = () => auth('reconciliation-service', '50', 'reconciliation');

  async function rosterIds(headers: Record<string, string>): Promise<{ total: number; ids: string[] }> {
    const res = await gql(info.gateway, '{ roster(first: 1000) { totalCount nodes { id } } }', undefined, headers);
    expect(res.body.errors).toBeUndefined();
    const roster = (res.body.data as { roster: { totalCount: number; nodes: { id: string }[] } }).roster;
    return { total: roster.totalCount, ids: roster.nodes.map((n) => n.id) };
  }

  it('a district caseworker’s roster and count hold exactly the children living or registered there', async () => {
    const district = '500110';
    const want = inDistrict(district)
      .map((r) => r.id as string)
      .sort();
    expect(want.length).toBeGreaterThan(3);
    const got = await rosterIds(caseworker(district));
    expect(got.total).toBe(want.length);
    expect(got.ids.sort()).toEqual(want);
  });

  it('a migrant child is visible to the hukou district and to the residence district, not to a third', async () => {
    expect(migrant).toBeDefined();
    const hukou = county(migrant, 'hukou_region');
    const residence = county(migrant, 'residence_region');
    const third = ['500101', '500110', '500112', '500117'].find((d) => d !== hukou && d !== residence)!;
    expect((await rosterIds(caseworker(hukou))).ids).toContain(migrant.id);
    expect((await rosterIds(caseworker(residence))).ids).toContain(migrant.id);
    expect((await rosterIds(caseworker(third))).ids).not.toContain(migrant.id);
  });

  it('another district’s child stays hidden even when asked for by id, at the gateway and at a subgraph', async () => {
    const other = ledger.find((r) => county(r, 'residence_region') === '500101' && county(r, 'hukou_region') === '500101')!;
    expect(other).toBeDefined();
    const q = `query($id: ID!) { child(id: $id) { id welfare { name } } }`;
    const hidden = await gql(info.gateway, q, { id: other.id }, caseworker('500110'));
    expect(hidden.body).toEqual({ data: { child: null } });
    const shown = await gql(info.gateway, q, { id: other.id }, caseworker('500101'));
    expect(shown.body).toEqual({ data: { child: { id: other.id, welfare: { name: other.name } } } });

    // Directly at public security, with an entity reference: no household record for an outsider.
    const person = expected.rows['public-security'].person.find((p) => p.id === other.id)!;
    expect(person).toBeDefined();
    const entities = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { household { name } } } }`;
    const reps = [{ __typename: 'Child', id: other.id }];
    const outsider = await gql(subgraphUrl(info, 'public-security'), entities, { reps }, asGateway(caseworker('500110')));
    expect(outsider.body).toEqual({ data: { _entities: [{ household: null }] } });
    const insider = await gql(subgraphUrl(info, 'public-security'), entities, { reps }, asGateway(caseworker('500101')));
    expect(insider.body).toEqual({ data: { _entities: [{ household: { name: person.name } }] } });
  });

  // Education, health, medical insurance, disabled persons: visibility follows the child — the hukou and
  // residence place on the agency's record, or a region of the record itself (school, clinic, insured place…).
  const AGENCY_CASES = [
    { agency: 'education', table: 'enrolment', key: 'child_id', field: 'enrolments { status }' },
    { agency: 'health', table: 'immunization_status', key: 'child_id', field: 'immunization { dosesDue }' },
    {
      agency: 'medical-insurance',
      table: 'insurance_enrolment',
      key: 'person_id',
      field: 'insuranceEnrolments { year insuredRegion }',
    },
    { agency: 'disabled-persons', table: 'disability_certificate', key: 'person_id', field: 'disabilityCertificates { level }' },
  ] as const;
  const DISTRICTS = [
    '500101',
    '500102',
    '500103',
    '500104',
    '500105',
    '500106',
    '500107',
    '500108',
    '500110',
    '500112',
    '500113',
    '500117',
    '500118',
    '500230',
    '500233',
    '500240',
  ];

  it.each(AGENCY_CASES)(
    '$agency: a child’s records are visible to its districts and hidden from a third, at the subgraph itself',
    async (c) => {
      const rows = expected.rows[c.agency];
      const subjects = new Map(rows.subject_region.map((r) => [r.person_id as string, r]));
      const holder = ledger.find((r) => rows[c.table].some((x) => x[c.key] === r.id) && subjects.has(r.id as string))!;
      expect(holder).toBeDefined();
      // Every region this child's records in the agency carry (schools through their codes): the third district avoids them all.
      const own = Object.entries(rows)
        .filter(([t]) => t !== 'school')
        .flatMap(([, list]) => list.filter((x) => x.person_id === holder.id || x.child_id === holder.id));
      const schools = rows.school ? rows.school.filter((sc) => own.some((x) => x.school_code === sc.code)) : [];
      const regions = [...own, ...schools]
        .flatMap((x) => Object.values(x))
        .filter((v) => typeof v === 'string' && /^\d{6,12}$/.test(v))
        .map((v) => String(v).slice(0, 6));
      const third = DISTRICTS.find((d) => ![county(holder, 'hukou_region'), county(holder, 'residence_region'), ...regions].includes(d))!;
      const q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { ${c.field} } } }`;
      const reps = [{ __typename: 'Child', id: holder.id }];
      const fieldName = c.field.split(' ')[0];
      const seen = await gql(subgraphUrl(info, c.agency), q, { reps }, asGateway(RECONCILIATION_50()));
      expect(seen.body.errors).toBeUndefined();
      const value = (seen.body.data as { _entities: Record<string, unknown>[] })._entities[0][fieldName];
      expect(value === null || (Array.isArray(value) && value.length === 0)).toBe(false);

      const home = await gql(subgraphUrl(info, c.agency), q, { reps }, asGateway(caseworker(county(holder, 'residence_region'))));
      expect((home.body.data as { _entities: Record<string, unknown>[] })._entities[0][fieldName]).toEqual(value);
      const outsider = await gql(subgraphUrl(info, c.agency), q, { reps }, asGateway(caseworker(third)));
      const hidden = (outsider.body.data as { _entities: Record<string, unknown>[] })._entities[0][fieldName];
      expect(hidden === null || (Array.isArray(hidden) && hidden.length === 0)).toBe(true);
    },
  );

  it('a Chongqing resident insured at a hukou place in another province: the residence district sees the insurance', async () => {
    const mi = expected.rows['medical-insurance'];
    const enrolment = mi.insurance_enrolment.find(
      (e) =>
        !String(e.insured_region).startsWith('50') &&
        ledger.some((r) => r.id === e.person_id && String(r.residence_region).startsWith('50')),
    )!;
    expect(enrolment).toBeDefined();
    const resident = ledger.find((r) => r.id === enrolment.person_id)!;
    const q = `query($id: ID!) { child(id: $id) { insuranceEnrolments { year insuredRegion } } }`;
    const res = await gql(info.gateway, q, { id: resident.id }, caseworker(county(resident, 'residence_region')));
    expect(res.body.errors).toBeUndefined();
    const got = (res.body.data as { child: { insuranceEnrolments: { insuredRegion: string }[] } }).child.insuranceEnrolments;
    expect(got.map((e) => e.insuredRegion)).toContain(enrolment.insured_region);
  });

  it('region lists answer only inside the caller’s jurisdiction', async () => {
    const q = `query($p: String!) { insuranceEnrolmentsByRegion(regionPrefix: $p, year: 2025, first: 5000) { nodes { enrolment { insuredRegion } } } }`;
    const res = await gql(info.gateway, q, { p: '50' }, auth('mi-clerk', '500110', 'benefit-verification'));
    expect(res.body.errors).toBeUndefined();
    const regions = (
      res.body.data as { insuranceEnrolmentsByRegion: { nodes: { enrolment: { insuredRegion: string } }[] } }
    ).insuranceEnrolmentsByRegion.nodes.map((n) => n.enrolment.insuredRegion);
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.every((r) => r.startsWith('500110'))).toBe(true);
    const none = await gql(info.gateway, q, { p: '500101' }, auth('mi-clerk', '500110', 'benefit-verification'));
    expect(none.body.data).toEqual({ insuranceEnrolmentsByRegion: { nodes: [] } });
  });

  it('a village child director sees the township supervisor above the village, and no other township’s', async () => {
    const director = expected.rows['civil-affairs'].child_director.find((d) => d.supervisor_id)!;
    const supervisor = expected.rows['civil-affairs'].child_supervisor.find((s) => s.id === director.supervisor_id)!;
    const village = String(director.village_code);
    const q = `query($p: String!) { childSupervisors(regionPrefix: $p) { id townshipCode childDirectors { villageCode } } }`;
    const res = await gql(info.gateway, q, { p: village }, auth('child-director', village, 'case-work'));
    expect(res.body.errors).toBeUndefined();
    const list = (res.body.data as { childSupervisors: { id: string; townshipCode: string; childDirectors: { villageCode: string }[] }[] })
      .childSupervisors;
    expect(list.map((s) => s.id)).toEqual([supervisor.id]);
    // Of the supervisor's directors, only the caller's own village is listed.
    expect(list[0].childDirectors.every((d) => d.villageCode === village)).toBe(true);
  });

  it('shared facts of a person outside the caller’s jurisdiction are unknown (null), never “no record”', async () => {
    const health = expected.rows.health;
    const subjects = new Map(health.subject_region.map((r) => [r.person_id as string, r]));
    const holder = ledger.find((r) => health.immunization_status.some((i) => i.child_id === r.id) && subjects.has(r.id as string))!;
    const regions = [
      county(holder, 'hukou_region'),
      county(holder, 'residence_region'),
      ...health.immunization_status.filter((i) => i.child_id === holder.id).map((i) => String(i.clinic_region).slice(0, 6)),
    ];
    const third = DISTRICTS.find((d) => !regions.includes(d))!;
    const nobody = ledger.find((r) => !subjects.has(r.id as string))?.id ?? 'no-such-person-at-all';
    const q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { healthFacts { deathDates immunization { dosesDue } } } } }`;
    const reps = [
      { __typename: 'Child', id: holder.id },
      { __typename: 'Child', id: nobody },
    ];
    const outsider = await gql<{ _entities: { healthFacts: unknown }[] }>(
      subgraphUrl(info, 'health'),
      q,
      { reps },
      asGateway(caseworker(third)),
    );
    expect(outsider.body.data!._entities[0].healthFacts).toBeNull();
    // Someone health holds nothing about: that absence is a fact.
    expect(outsider.body.data!._entities[1].healthFacts).toEqual({ deathDates: [], immunization: null });
    const insider = await gql<{ _entities: { healthFacts: { immunization: unknown } | null }[] }>(
      subgraphUrl(info, 'health'),
      q,
      { reps },
      asGateway(caseworker(county(holder, 'residence_region'))),
    );
    expect(insider.body.data!._entities[0].healthFacts?.immunization).not.toBeNull();
  });
});
