import { counties, countyOf, findRegion, isKnownRegion, regionName, townships, underAnyPrefix, villages } from '@hub/domain';

describe('region codes from the GB/T 2260 data package', () => {
  it('knows Chongqing’s districts and counties', () => {
    const cq = counties('50');
    expect(cq.length).toBeGreaterThanOrEqual(38);
    expect(cq.find((c) => c.code === '500112')?.name).toBe('渝北区');
    expect(cq.every((c) => c.code.startsWith('50') && c.code.length === 6)).toBe(true);
  });

  it('has townships and villages below a district, each under its parent', () => {
    const ts = townships('500112');
    expect(ts.length).toBeGreaterThan(10);
    expect(ts.every((t) => t.code.length === 9 && t.parent === '500112')).toBe(true);
    const vs = villages(ts[0].code);
    expect(vs.length).toBeGreaterThan(0);
    expect(vs.every((v) => v.code.length === 12 && v.parent === ts[0].code)).toBe(true);
    expect(regionName(vs[0].code)).toBe(vs[0].name);
  });

  it('resolves names at every level and rejects unknown codes', () => {
    expect(regionName('50')).toBe('重庆市');
    expect(regionName('500103')).toBe('渝中区');
    expect(findRegion('509999')).toBeUndefined();
    expect(isKnownRegion('500199')).toBe(false);
  });

  it('matches jurisdiction prefixes and derives counties', () => {
    expect(countyOf('500112001001')).toBe('500112');
    expect(() => countyOf('5001')).toThrow();
    expect(underAnyPrefix('500112001001', ['500112'])).toBe(true);
    expect(underAnyPrefix('500113001001', ['500112', '5002'])).toBe(false);
    expect(underAnyPrefix(null, ['50'])).toBe(false);
  });
});
