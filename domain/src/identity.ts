import { createHmac } from 'node:crypto';

/**
 * Citizen ID numbers (公民身份号码) per GB 11643-1999: 6-digit address code, 8-digit date of birth,
 * 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('the first 17 characters of an ID number must be digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export interface IdNumberParts {
  addressCode: string;
  dateOfBirth: string; // YYYY-MM-DD
  sequence: number;
  gender: 'M' | 'F';
}

/** Parses and validates an ID number (format, real calendar date, check character); null if invalid. */
export function parseIdNumber(idNumber: string): IdNumberParts | null {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return null;
  if (idNumberCheckChar(idNumber.slice(0, 17)) !== idNumber[17]) return null;
  const y = Number(idNumber.slice(6, 10));
  const m = Number(idNumber.slice(10, 12));
  const d = Number(idNumber.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  const sequence = Number(idNumber.slice(14, 17));
  return {
    addressCode: idNumber.slice(0, 6),
    dateOfBirth: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    sequence,
    gender: sequence % 2 === 1 ? 'M' : 'F',
  };
}

export function isValidIdNumber(idNumber: string): boolean {
  return parseIdNumber(idNumber) !== null;
}

/** Builds a valid ID number from its parts (the check character is computed). */
export function makeIdNumber(addressCode: string, dateOfBirth: string, sequence: number): string {
  if (!/^\d{6}$/.test(addressCode)) throw new Error(`address code must be 6 digits: ${addressCode}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) throw new Error(`date of birth must be YYYY-MM-DD: ${dateOfBirth}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) throw new Error(`sequence out of range: ${sequence}`);
  const first17 = addressCode + dateOfBirth.replace(/-/g, '') + String(sequence).padStart(3, '0');
  return first17 + idNumberCheckChar(first17);
}

/** `500112200801011234` → `500112********1234`: region kept for routing, birth date and sequence hidden. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length !== 18) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`;
}

/**
 * The pseudonymous entity key shared by every agency: HMAC-SHA256 of the ID number (or of a
 * civil-affairs-issued id for children without hukou) under the hub-wide key, base64url. Every agency
 * computes the same id for its own records, so entities join without ID numbers travelling through
 * query plans, logs and caches.
 */
export function pseudonymousId(key: string, idNumberOrIssuedId: string): string {
  return createHmac('sha256', key).update(idNumberOrIssuedId, 'utf8').digest('base64url');
}
