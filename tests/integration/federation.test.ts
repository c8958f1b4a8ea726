import { AGENCIES, type Agency } from '@hub/domain';
import { gql, hubInfo, type HubInfo, SUPERVISOR } from '../helpers/hub';
import { expectedPopulation } from '../helpers/population';

/**
 * The unified child graph through the real gateway over HTTP, against the population the hub seeded
 * with the generator: every agency's contribution must be exactly what the generator wrote into that
 * agency's database.
 */
const CHILD_QUERY = /* GraphQL */ `
  query Child($first: Int!, $after: String, $filter: RosterFilter) {
    roster(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        welfare {
          name
          gender
          dateOfBirth
          categories
          riskColour
          residenceRegion
          hukouRegion
        }
        supports {
          type
          monthlyAmount
          startDate
          endDate
          payingRegion
        }
        careAgreements {
          caregiverName
          signedOn
        }
        visits {
          visitedOn
          recordedAt
        }
        household {
          name
          gender
          dateOfBirth
          hukouRegion
          householdNo
          registrationStatus
        }
        parents {
          id
          household {
            name
          }
          residencePermits {
            region
          }
          custodyRecords {
            kind
          }
        }
        enrolments {
          status
          grade
          studentNo
          school {
            code
            name
            region
          }
        }
        immunization {
          dosesDue
          dosesGiven
          upToDate
        }
        newbornScreenings {
          condition
          result
        }
        insuranceEnrolments {
          year
          subsidy
          insuredRegion
        }
        disabilityCertificates {
          certificateNo
          type
          level
          status
          validUntil
        }
        rehabilitation {
          year
          service
        }
      }
    }
  }
`;

type Node = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('unified child graph through the gateway', () => {
  let info: HubInfo;
  let nodes: Node[];
  const expected = expectedPopulation();
  const ledger = expected.rows['civil-affairs'].child_record;

  beforeAll(async () => {
    info = hubInfo();
    nodes = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: Awaited<ReturnType<typeof gql>> = await gql(info.gateway, CHILD_QUERY, { first: 97, after }, SUPERVISOR());
      expect(res.body.errors).toBeUndefined();
      const page = (
        res.body.data as { roster: { nodes: Node[]; pageInfo: { endCursor: string | null; hasNextPage: boolean }; totalCount: number } }
      ).roster;
      expect(page.totalCount).toBe(ledger.length);
      nodes.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after && pages < 1000);
  });

  it('pages the whole civil-affairs roster with keyset cursors, each child once, in id order', () => {
    expect(ledger.length).toBeGreaterThan(20);
    const ids = nodes.map((n) => n.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ledger.map((r) => r.id as string).sort());
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('returns every agency’s facts for every ledger child exactly as generated', () => {
    const counts: Record<Agency, number> = Object.fromEntries(AGENCIES.map((a) => [a, 0])) as Record<Agency, number>;
    for (const node of nodes) {
      const id = node.id as string;
      const rec = expected.where('civil-affairs', 'child_record', 'id', id)[0];
      expect(node.welfare).toMatchObject({
        name: rec.name,
        dateOfBirth: rec.date_of_birth,
        categories: rec.categories,
        riskColour: rec.risk_colour,
        residenceRegion: rec.residence_region,
      });
      expect(sortBy(node.supports.map((s: Node) => s.type))).toEqual(
        sortBy(expected.where('civil-affairs', 'support', 'child_id', id).map((s) => s.type)),
      );
      // Visits recorded in the hub since (ledger.test.ts) are not the generator's: they carry the time they were entered.
      expect(node.visits.filter((v: Node) => v.recordedAt === null)).toHaveLength(
        expected.where('civil-affairs', 'visit', 'child_id', id).length,
      );
      counts['civil-affairs']++;

      const person = expected.where('public-security', 'person', 'id', id)[0];
      if (person) {
        expect(node.household).toMatchObject({
          name: person.name,
          dateOfBirth: person.date_of_birth,
          hukouRegion: person.hukou_region,
          householdNo: person.household_no,
        });
        expect(sortBy(node.parents.map((p: Node) => p.id))).toEqual(
          sortBy(expected.where('public-security', 'parent_link', 'child_id', id).map((l) => l.parent_id)),
        );
        counts['public-security']++;
      } else {
        expect(node.household).toBeNull(); // 无户籍: no household record
        expect(node.parents).toEqual([]);
      }

      const enrolments = expected.where('education', 'enrolment', 'child_id', id);
      expect(sortBy(node.enrolments.map((e: Node) => `${e.school.code}/${e.status}/${e.grade}`))).toEqual(
        sortBy(enrolments.map((e) => `${e.school_code}/${e.status}/${e.grade}`)),
      );
      if (enrolments.length) counts.education++;

      const imm = expected.where('health', 'immunization_status', 'child_id', id)[0];
      expect(node.immunization).toEqual(
        imm ? { dosesDue: imm.doses_due, dosesGiven: imm.doses_given, upToDate: Number(imm.doses_given) >= Number(imm.doses_due) } : null,
      );
      expect(node.newbornScreenings).toHaveLength(expected.where('health', 'newborn_screening', 'child_id', id).length);
      if (imm || node.newbornScreenings.length) counts.health++;

      const ins = expected.where('medical-insurance', 'insurance_enrolment', 'person_id', id);
      expect(sortBy(node.insuranceEnrolments.map((e: Node) => `${e.year}/${e.subsidy}`))).toEqual(
        sortBy(ins.map((e) => `${e.year}/${e.subsidy}`)),
      );
      if (ins.length) counts['medical-insurance']++;

      const certs = expected.where('disabled-persons', 'disability_certificate', 'person_id', id);
      expect(sortBy(node.disabilityCertificates.map((c: Node) => `${c.certificateNo}/${c.level}/${c.status}`))).toEqual(
        sortBy(certs.map((c) => `${c.certificate_no}/${c.level}/${c.status}`)),
      );
      if (certs.length) counts['disabled-persons']++;
    }
    // The comparison above is only meaningful if every agency actually contributed data.
    for (const agency of AGENCIES) expect(counts[agency]).toBeGreaterThan(0);
  });

  it('answers one child’s query with fields from every agency that holds a record of the child', () => {
    const agenciesAnswering = (n: Node) =>
      [
        n.welfare,
        n.household,
        n.enrolments.length,
        n.immunization || n.newbornScreenings.length,
        n.insuranceEnrolments.length,
        n.disabilityCertificates.length,
      ].filter(Boolean).length;
    const best = Math.max(...nodes.map(agenciesAnswering));
    expect(best).toBe(6);
  });

  it('reads each child’s latest visits with visits(last:), a page of children or one child at a time', async () => {
    const VISITS = `query($first: Int!, $id: ID!) {
      roster(first: $first) { nodes { id latest: visits(last: 2) { visitedOn method } all: visits { visitedOn method } } }
      child(id: $id) { latest: visits(last: 3) { visitedOn method } all: visits { visitedOn method } } }`;
    // The child with most visits, read alone (its keys spelled out) and among a page of 40 (one array of keys).
    const busiest = [...nodes].sort((a, b) => b.visits.length - a.visits.length)[0];
    expect(busiest.visits.length).toBeGreaterThan(3);
    const res = await gql(info.gateway, VISITS, { first: 40, id: busiest.id }, SUPERVISOR());
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data as { roster: { nodes: Node[] }; child: Node };
    expect(data.child.latest).toEqual(data.child.all.slice(0, 3));
    expect(data.child.latest).toHaveLength(3);
    let withMore = 0;
    for (const n of data.roster.nodes) {
      expect(n.latest).toEqual(n.all.slice(0, 2));
      if (n.all.length > 2) withMore++;
    }
    expect(withMore).toBeGreaterThan(0);
  });

  it('filters the roster by category, region prefix and risk colour', async () => {
    const sample = ledger[0];
    const county = String(sample.residence_region).slice(0, 6);
    const filter = { categories: [(sample.categories as string[])[0]], regionPrefix: county, riskColours: [sample.risk_colour] };
    const res = await gql(
      info.gateway,
      `query($f: RosterFilter) { roster(first: 1000, filter: $f) { totalCount nodes { id } } }`,
      { f: filter },
      SUPERVISOR(),
    );
    expect(res.body.errors).toBeUndefined();
    const want = ledger.filter(
      (r) =>
        (r.categories as string[]).includes(filter.categories[0]) &&
        (String(r.residence_region).startsWith(county) || String(r.hukou_region ?? '').startsWith(county)) &&
        r.risk_colour === sample.risk_colour,
    );
    const roster = (res.body.data as { roster: { totalCount: number; nodes: Node[] } }).roster;
    expect(roster.totalCount).toBe(want.length);
    expect(sortBy(roster.nodes.map((n) => n.id))).toEqual(sortBy(want.map((r) => r.id as string)));
  });

  it.each([
    ['a page size of 0', `{ roster(first: 0) { totalCount } }`],
    ['an oversized page', `{ roster(first: 1000000) { totalCount } }`],
    ['a forged cursor', `{ roster(first: 5, after: "not a cursor!") { totalCount } }`],
    ['a region prefix with letters', `{ roster(first: 5, filter: { regionPrefix: "50ab" }) { totalCount } }`],
  ])('rejects %s with BAD_USER_INPUT', async (_name, query) => {
    const res = await gql(info.gateway, query, undefined, SUPERVISOR());
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.data?.roster ?? null).toBeNull();
  });

  it('reports the gateway and all six subgraphs healthy', async () => {
    const res = await fetch(info.health);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; subgraphs: Record<string, string> };
    expect(body.status).toBe('ok');
    expect(Object.keys(body.subgraphs).sort()).toEqual([...AGENCIES].sort());
    expect(Object.values(body.subgraphs).every((s) => s === 'ok')).toBe(true);
    // No ETag from any of them: express would hash every body for one, and nothing here is served from a cache.
    expect(res.headers.get('etag')).toBeNull();
    for (const agency of AGENCIES) expect((await fetch(new URL('/health', info.subgraphs[agency]))).headers.get('etag')).toBeNull();
    expect((await gql(info.gateway, '{ __typename }', undefined, SUPERVISOR())).headers.get('etag')).toBeNull();
  });
});

function sortBy(values: unknown[]): string[] {
  return values.map(String).sort();
}
