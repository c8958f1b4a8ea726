import { createHash } from 'node:crypto';
import { counties, isKnownRegion, isValidIdNumber, parseIdNumber, pseudonymousId, townships } from '@hub/domain';
import { generateHouseholds, NO_DISCREPANCIES, type GeneratorOptions } from '@hub/population';

// The base population without injected discrepancies: the agencies must agree with each other exactly.
const BASE: GeneratorOptions = {
  seed: 11,
  children: 2000,
  region: '50',
  asOf: '2025-09-01',
  idKey: 'unit-test-key',
  discrepancies: NO_DISCREPANCIES,
};

type Row = Record<string, unknown>;

function collect(opts: GeneratorOptions) {
  const tables = new Map<string, Row[]>();
  let children = 0;
  const hash = createHash('sha256');
  for (const h of generateHouseholds(opts)) {
    children += h.children.length;
    for (const [agency, byTable] of Object.entries(h.rows)) {
      for (const [table, rows] of Object.entries(byTable as Record<string, Row[]>)) {
        const key = `${agency}.${table}`;
        if (!tables.has(key)) tables.set(key, []);
        tables.get(key)!.push(...rows);
        for (const r of rows) hash.update(`${key}:${JSON.stringify(r)}\n`);
      }
    }
  }
  return { tables, children, digest: hash.digest('hex') };
}

describe('synthetic population generator', () => {
  const pop = collect(BASE);
  const rows = (t: string) => pop.tables.get(t) ?? [];

  it('is deterministic: the same seed and options give identical rows; another seed does not', () => {
    expect(collect(BASE).digest).toBe(pop.digest);
    expect(collect({ ...BASE, seed: 12 }).digest).not.toBe(pop.digest);
  });

  it('produces exactly the requested number of children', () => {
    expect(pop.children).toBe(BASE.children);
  });

  it('gives every person a valid, unique GB 11643 ID number whose parts match the register', () => {
    const persons = rows('public-security.person');
    expect(persons.length).toBeGreaterThan(BASE.children);
    const ids = new Set<string>();
    for (const p of persons) {
      const n = String(p.id_number);
      expect(isValidIdNumber(n)).toBe(true);
      expect(ids.has(n)).toBe(false);
      ids.add(n);
      const parts = parseIdNumber(n)!;
      expect(parts.dateOfBirth).toBe(p.date_of_birth);
      expect(parts.gender).toBe(p.gender);
      expect(p.id).toBe(pseudonymousId(BASE.idKey, n));
    }
  });

  it('uses real region codes: hukou and residence villages, school townships, paying counties', () => {
    for (const p of rows('public-security.person')) expect(isKnownRegion(String(p.hukou_region))).toBe(true);
    for (const c of rows('civil-affairs.child_record')) {
      expect(isKnownRegion(String(c.residence_region))).toBe(true);
      expect(String(c.residence_region).startsWith('50')).toBe(true);
    }
    const cqTownships = new Set(townships('50').map((t) => t.code));
    for (const s of rows('education.school')) expect(cqTownships.has(String(s.region))).toBe(true);
    const cqCounties = new Set(counties('').map((c) => c.code));
    for (const s of rows('civil-affairs.support')) expect(cqCounties.has(String(s.paying_region))).toBe(true);
  });

  it('keeps agencies consistent: the ledger agrees with the household register and schools are in the residence county', () => {
    const persons = new Map(rows('public-security.person').map((p) => [p.id, p]));
    const ledger = rows('civil-affairs.child_record');
    expect(ledger.length).toBeGreaterThan(100);
    let withoutHukou = 0;
    for (const c of ledger) {
      const p = persons.get(c.id);
      if (!p) {
        withoutHukou++;
        expect(c.id_number).toBeNull();
        expect(c.ca_issued_id).toBeTruthy();
        expect(c.id).toBe(pseudonymousId(BASE.idKey, String(c.ca_issued_id)));
        continue;
      }
      expect([c.name, c.gender, c.date_of_birth, c.id_number]).toEqual([p.name, p.gender, p.date_of_birth, p.id_number]);
    }
    expect(withoutHukou).toBeLessThan(ledger.length / 10);

    const schools = new Map(rows('education.school').map((s) => [s.code, s]));
    const residence = new Map(ledger.map((c) => [c.id, String(c.residence_region)]));
    let checked = 0;
    for (const e of rows('education.enrolment')) {
      const school = schools.get(e.school_code);
      expect(school).toBeDefined();
      const home = residence.get(e.child_id);
      if (home && e.status === 'ENROLLED') {
        expect(String(school!.region).slice(0, 6)).toBe(home.slice(0, 6));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('emits shared dimension rows (schools, directors, supervisors) once', () => {
    for (const [table, key] of [
      ['education.school', 'code'],
      ['civil-affairs.child_director', 'id'],
      ['civil-affairs.child_supervisor', 'id'],
    ] as const) {
      const keys = rows(table).map((r) => r[key]);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('covers the populations the policies name: left-behind, migrant, orphans, de-facto unsupported, disabled', () => {
    const categories = new Map<string, number>();
    for (const c of rows('civil-affairs.child_record'))
      for (const cat of c.categories as string[]) categories.set(cat, (categories.get(cat) ?? 0) + 1);
    for (const cat of ['LEFT_BEHIND', 'MIGRANT', 'DIFFICULT_POVERTY', 'DIFFICULT_DISABILITY'])
      expect(categories.get(cat) ?? 0).toBeGreaterThan(0);
    expect(rows('disabled-persons.disability_certificate').length).toBeGreaterThan(0);
    expect(rows('public-security.residence_permit').length).toBeGreaterThan(0);
  });

  it('with the default discrepancies, agencies disagree only where a discrepancy was injected', () => {
    const injected = new Map<string, string[]>();
    const persons = new Map<unknown, Row>();
    const ledger: Row[] = [];
    for (const h of generateHouseholds({ ...BASE, discrepancies: undefined })) {
      for (const i of h.injected) injected.set(i.childId, [...(injected.get(i.childId) ?? []), i.rule]);
      for (const p of h.rows['public-security'].person) persons.set(p.id, p);
      ledger.push(...h.rows['civil-affairs'].child_record);
    }
    let identityMismatches = 0;
    let withoutRecord = 0;
    for (const c of ledger) {
      const p = persons.get(c.id);
      if (!p) {
        withoutRecord++;
        const explained = (c.categories as string[]).includes('NO_HUKOU') || (injected.get(c.id as string) ?? []).includes('INCONCLUSIVE');
        expect({ id: c.id, explained }).toEqual({ id: c.id, explained: true });
        continue;
      }
      if (c.name !== p.name || c.gender !== p.gender || c.date_of_birth !== p.date_of_birth) {
        identityMismatches++;
        expect({ id: c.id, injected: injected.get(c.id as string) ?? [] }).toEqual({
          id: c.id,
          injected: expect.arrayContaining(['MIG-IDENTITY']),
        });
      }
    }
    // The check above is only meaningful if both kinds of disagreement were injected.
    expect(identityMismatches).toBeGreaterThan(0);
    expect(withoutRecord).toBeGreaterThan(0);
  });

  it('rejects bad options with a clear message', () => {
    expect(() => [...generateHouseholds({ ...BASE, children: -1 })]).toThrow(/children/);
    expect(() => [...generateHouseholds({ ...BASE, region: 'chongqing' })]).toThrow(/region/);
    expect(() => [...generateHouseholds({ ...BASE, idKey: '' })]).toThrow(/idKey/);
    expect(() => [...generateHouseholds({ ...BASE, discrepancies: { 'NO-SUCH-RULE': 0.1 } as never })]).toThrow(/unknown discrepancy rate/);
    expect(() => [...generateHouseholds({ ...BASE, discrepancies: { 'EXIT-AGE': 2 } })]).toThrow(/out of range/);
  });
});
