import { AGENCIES, ALL_RULES, checkRouting, DEFAULT_ROUTING, type RoutingPolicy } from '@hub/domain';

describe('routing policy', () => {
  it('routes every rule to known agencies with due dates in range', () => {
    expect(checkRouting(DEFAULT_ROUTING, AGENCIES)).toEqual([]);
    expect(Object.keys(DEFAULT_ROUTING).sort()).toEqual([...ALL_RULES].sort());
  });

  it('names what is wrong with a broken route', () => {
    const broken = {
      ...DEFAULT_ROUTING,
      'EDU-DROPPED-OUT': { responsible: 'school', tasks: [{ agency: 'education', action: '劝返复学', at: 'classroom', dueDays: 0 }] },
    } as unknown as RoutingPolicy;
    expect(checkRouting(broken, AGENCIES)).toEqual([
      'EDU-DROPPED-OUT: unknown responsible agency school',
      'EDU-DROPPED-OUT: dueDays must be 1–365',
      'EDU-DROPPED-OUT: at must be residence, hukou or school',
    ]);
  });

  it('sends the seeds’ named rules to the agency that must act', () => {
    const agencies = (rule: keyof RoutingPolicy) => DEFAULT_ROUTING[rule].tasks.map((t) => t.agency);
    expect(agencies('EDU-DROPPED-OUT')).toEqual(['education']);
    expect(DEFAULT_ROUTING['MIG-IDENTITY'].tasks).toEqual([
      { agency: 'public-security', action: '户籍信息核实', at: 'hukou', dueDays: 15 },
    ]);
    expect(agencies('MIG-IMMUNIZATION')).toEqual(['health']);
    expect(agencies('GAP-MEDICAL-INSURANCE')).toEqual(['medical-insurance']);
    expect(agencies('MIG-NO-INSURANCE')).toEqual(['medical-insurance']);
    expect(agencies('EXIT-DISABILITY-CERT').sort()).toEqual(['civil-affairs', 'disabled-persons']);
  });
});
