import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGENCIES, ALL_RULES, checkRouting, citeBasis, DEFAULT_ROUTING, routingWith, type RoutingPolicy } from '@hub/domain';
// Its routing is read once, on first use: the last test below is the first to use it.
import { routeOf } from '@hub/civil-affairs/cases/case.store';

describe('routing policy', () => {
  it('routes every rule to known agencies with due dates in range', () => {
    expect(checkRouting(DEFAULT_ROUTING, AGENCIES)).toEqual([]);
    expect(Object.keys(DEFAULT_ROUTING).sort()).toEqual([...ALL_RULES].sort());
  });

  it('names what is wrong with a broken route', () => {
    const broken = {
      ...DEFAULT_ROUTING,
      'EDU-DROPPED-OUT': {
        responsible: 'school',
        tasks: [{ agency: 'education', action: '劝返复学', at: 'classroom', dueDays: 0 }],
        closureApproval: false,
        basis: '义务教育法',
      },
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

describe('a deployment’s routing file (HUB_ROUTING_FILE)', () => {
  const override = {
    'CARE-VISIT-OVERDUE': {
      responsible: 'civil-affairs',
      tasks: [{ agency: 'civil-affairs', action: '三日内入户走访', at: 'residence', dueDays: 3 }],
      closureApproval: true,
      basis: '本地规定：红色儿童三日内走访',
    },
  };

  it('replaces the routes it names and keeps the others', () => {
    const r = routingWith(override);
    expect(r['CARE-VISIT-OVERDUE'].tasks[0]).toEqual({ agency: 'civil-affairs', action: '三日内入户走访', at: 'residence', dueDays: 3 });
    expect(r['EDU-DROPPED-OUT']).toEqual(DEFAULT_ROUTING['EDU-DROPPED-OUT']);
  });

  it('refuses what would misroute a case, naming every problem', () => {
    expect(() =>
      routingWith({
        'NO-SUCH-RULE': override['CARE-VISIT-OVERDUE'],
        'EDU-DROPPED-OUT': {
          responsible: 'education',
          tasks: [{ agency: 'schools', action: '', at: 'residence', dueDays: 15 }],
          basis: '',
        },
      }),
    ).toThrow(
      'routing: NO-SUCH-RULE: no such rule; EDU-DROPPED-OUT: closureApproval must be true or false; EDU-DROPPED-OUT: basis (the policy clause) is required; EDU-DROPPED-OUT: a task without an action; EDU-DROPPED-OUT: unknown agency schools',
    );
  });

  it('is read by civil affairs from the file the variable names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'routing-'));
    const file = join(dir, 'routing.json');
    writeFileSync(file, JSON.stringify(override));
    process.env.HUB_ROUTING_FILE = file;
    try {
      expect(routeOf('CARE-VISIT-OVERDUE')?.tasks[0].dueDays).toBe(3);
      expect(routeOf('EDU-DROPPED-OUT')?.tasks[0].at).toBe('school');
    } finally {
      delete process.env.HUB_ROUTING_FILE;
    }
  });
});

describe('citeBasis', () => {
  it('names every policy document a default route cites instead of its number', () => {
    for (const [rule, route] of Object.entries(DEFAULT_ROUTING)) {
      const cited = citeBasis(route.basis);
      expect({ rule, cited: /(?<![\d〔])00[0-4](?!\d)/.test(cited) }).toEqual({ rule, cited: false });
    }
    expect(citeBasis('004（反馈花名册至公安进行核实）')).toBe('《重庆市流动儿童关爱保护行动实施方案（2024）》（反馈花名册至公安进行核实）');
    // Numbers that are not document numbers stay: 国发〔2016〕13号, 2 次.
    expect(citeBasis('国发〔2016〕13号（摸底排查）；000')).toBe(
      '国发〔2016〕13号（摸底排查）；《常州市留守和困境儿童关爱服务质量提升三年行动实施方案（2024）》',
    );
  });
});
