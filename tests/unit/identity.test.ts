import { idNumberCheckChar, isValidIdNumber, makeIdNumber, maskIdNumber, parseIdNumber, pseudonymousId } from '@hub/domain';

describe('GB 11643 citizen ID numbers', () => {
  it('computes the check character of the standard’s own example (11010519491231002X)', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
  });

  it('rejects a wrong check character, a non-existent date and malformed input', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    const feb30 = '50011220150230013';
    expect(isValidIdNumber(feb30 + idNumberCheckChar(feb30))).toBe(false);
    expect(isValidIdNumber('5001122015022801')).toBe(false);
    expect(isValidIdNumber('50011220150228013x')).toBe(false);
  });

  it('builds numbers whose parts round-trip, odd sequence for men and even for women', () => {
    const male = makeIdNumber('500112', '2012-07-09', 123);
    expect(parseIdNumber(male)).toEqual({ addressCode: '500112', dateOfBirth: '2012-07-09', sequence: 123, gender: 'M' });
    expect(parseIdNumber(makeIdNumber('500112', '2012-07-09', 124))?.gender).toBe('F');
    expect(() => makeIdNumber('5001', '2012-07-09', 1)).toThrow();
  });

  it('masks birth date and sequence but keeps region and the last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('derives the same pseudonymous id for the same number and key only', () => {
    const id = '11010519491231002X';
    expect(pseudonymousId('k1', id)).toBe(pseudonymousId('k1', id));
    expect(pseudonymousId('k1', id)).not.toBe(pseudonymousId('k2', id));
    expect(pseudonymousId('k1', id)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pseudonymousId('k1', id)).not.toContain('1101051949');
  });
});
