import { auth, gql, hubInfo } from '../helpers/hub';
import { expectedPopulation } from '../helpers/population';

/** 突发事件: the children of the affected areas, by category and risk colour, for rapid outreach — within the caller's jurisdiction. */
describe('emergency roster', () => {
  const info = hubInfo();
  const ledger = expectedPopulation().rows['civil-affairs'].child_record;
  const q = `query($codes: [String!]!, $colours: [RiskColour!], $cats: [ChildCategory!]) {
    emergencyRoster(regionCodes: $codes, riskColours: $colours, categories: $cats, first: 1000) {
      totalCount nodes { id welfare { riskColour categories guardian { phone } } childDirector { phone } } } }`;
  const within = (r: Record<string, unknown>, codes: string[]) =>
    codes.some((c) => String(r.residence_region).startsWith(c) || String(r.hukou_region ?? '').startsWith(c));

  it('lists exactly the ledger children of the given townships with the given colours, with whom to call', async () => {
    const townships = [
      ...new Set(ledger.filter((r) => String(r.residence_region).startsWith('500110')).map((r) => String(r.residence_region).slice(0, 9))),
    ].slice(0, 2);
    expect(townships).toHaveLength(2);
    const colours = ['RED', 'YELLOW', 'BLUE'];
    const want = ledger
      .filter((r) => within(r, townships) && colours.includes(String(r.risk_colour)))
      .map((r) => r.id)
      .sort();
    expect(want.length).toBeGreaterThan(0);
    const res = await gql<{ emergencyRoster: { totalCount: number; nodes: { id: string; welfare: { riskColour: string } }[] } }>(
      info.gateway,
      q,
      { codes: townships, colours },
      auth('ca-caseworker', '500110', 'emergency'),
    );
    expect(res.body.errors).toBeUndefined();
    const got = res.body.data!.emergencyRoster;
    expect(got.nodes.map((n) => n.id).sort()).toEqual(want);
    expect(got.totalCount).toBe(want.length);
    expect(got.nodes.every((n) => colours.includes(n.welfare.riskColour))).toBe(true);
  });

  it('answers nothing outside the caller’s jurisdiction, and rejects a malformed region code', async () => {
    const other = await gql<{ emergencyRoster: { totalCount: number } }>(
      info.gateway,
      q,
      { codes: ['500101'] },
      auth('ca-caseworker', '500110', 'emergency'),
    );
    expect(other.body.data?.emergencyRoster.totalCount).toBe(0);
    const bad = await gql(info.gateway, q, { codes: ['50x'] }, auth('ca-caseworker', '500110', 'emergency'));
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
