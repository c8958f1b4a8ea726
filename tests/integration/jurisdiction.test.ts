import { auth, gql, hubInfo, subgraphUrl } from '../helpers/hub';
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
    (r) => (r.categories as string[]).includes('MIGRANT') && String(r.hukou_region ?? '').startsWith('50') && county(r, 'hukou_region') !== county(r, 'residence_region'),
  )!;
  const caseworker = (district: string) => auth('ca-caseworker', district, 'case-work');

  async function rosterIds(headers: Record<string, string>): Promise<{ total: number; ids: string[] }> {
    const res = await gql(info.gateway, '{ roster(first: 1000) { totalCount nodes { id } } }', undefined, headers);
    expect(res.body.errors).toBeUndefined();
    const roster = (res.body.data as { roster: { totalCount: number; nodes: { id: string }[] } }).roster;
    return { total: roster.totalCount, ids: roster.nodes.map((n) => n.id) };
  }

  it('a district caseworker’s roster and count hold exactly the children living or registered there', async () => {
    const district = '500110';
    const want = inDistrict(district).map((r) => r.id as string).sort();
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
    const outsider = await gql(subgraphUrl(info, 2), entities, { reps }, caseworker('500110'));
    expect(outsider.body).toEqual({ data: { _entities: [{ household: null }] } });
    const insider = await gql(subgraphUrl(info, 2), entities, { reps }, caseworker('500101'));
    expect(insider.body).toEqual({ data: { _entities: [{ household: { name: person.name } }] } });
  });
});
