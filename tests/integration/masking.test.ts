import { maskIdNumber } from '@hub/domain';
import { auth, gql, hubInfo } from '../helpers/hub';
import { expectedPopulation } from '../helpers/population';

/**
 * ID numbers travel whole only to roles with the identity scope; everyone else sees them masked, in
 * both agencies that hold them (civil-affairs ledger, public-security register).
 */
const QUERY = `{ roster(first: 200) { nodes { id welfare { idNumber } household { idNumber } } } }`;

type Node = { id: string; welfare: { idNumber: string | null } | null; household: { idNumber: string } | null };

describe('ID-number masking', () => {
  const expected = expectedPopulation();
  const ledgerNumber = new Map(expected.rows['civil-affairs'].child_record.map((r) => [r.id as string, r.id_number as string | null]));
  const registerNumber = new Map(expected.rows['public-security'].person.map((p) => [p.id as string, p.id_number as string]));

  async function roster(headers: Record<string, string>): Promise<Node[]> {
    const res = await gql(hubInfo().gateway, QUERY, undefined, headers);
    expect(res.body.errors).toBeUndefined();
    return (res.body.data as { roster: { nodes: Node[] } }).roster.nodes;
  }

  it('shows whole numbers to a civil-affairs supervisor (child:identity)', async () => {
    const nodes = await roster(auth('ca-supervisor', '5001,5002', 'case-work'));
    const withNumbers = nodes.filter((n) => n.household);
    expect(withNumbers.length).toBeGreaterThan(20);
    for (const n of withNumbers) {
      expect(n.household!.idNumber).toBe(registerNumber.get(n.id));
      expect(n.welfare!.idNumber).toBe(ledgerNumber.get(n.id));
    }
  });

  it('masks them for the reconciliation service (no child:identity)', async () => {
    const nodes = await roster(auth('reconciliation-service', '50', 'reconciliation'));
    const withNumbers = nodes.filter((n) => n.household);
    expect(withNumbers.length).toBeGreaterThan(20);
    for (const n of withNumbers) {
      const whole = registerNumber.get(n.id)!;
      expect(n.household!.idNumber).toBe(maskIdNumber(whole));
      expect(n.household!.idNumber).not.toBe(whole);
      const ledger = ledgerNumber.get(n.id);
      expect(n.welfare!.idNumber).toBe(ledger ? maskIdNumber(ledger) : null);
    }
  });
});
