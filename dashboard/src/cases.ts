import {
  AGENCIES,
  AGENCY_INFO,
  CASE_ANSWER,
  CASE_EVENT as CASE_EVENT_CODES,
  CASE_SOURCE as CASE_SOURCE_CODES,
  CASE_STATUS as CASE_STATUS_CODES,
  CASE_TASK_STATUS as CASE_TASK_STATUS_CODES,
  INTERVENTION_KIND,
  isRole,
  labelsOf,
  MANDATORY_REPORT_KIND,
  ROLES,
  type Agency,
} from '@hub/domain';
import type { Session } from './api';
import { foreignProvince } from './regions';

/**
 * What the case pages (工作台, 收件箱, 个案, 强制报告) share: the case code lists in Chinese (the hub's own, from
 * @hub/domain), the user's agency and account, how a task's or case's child is asked for within the user's scopes
 * and named, and times in Beijing time.
 */

export const CASE_STATUS = labelsOf(CASE_STATUS_CODES);
export const TASK_STATUS = labelsOf(CASE_TASK_STATUS_CODES);
export const ANSWER = labelsOf(CASE_ANSWER);
export const EVENT = labelsOf(CASE_EVENT_CODES);
export const SOURCE = labelsOf(CASE_SOURCE_CODES);
export const REPORT_KIND = labelsOf(MANDATORY_REPORT_KIND);
export const INTERVENTION = labelsOf(INTERVENTION_KIND);

/** The agencies by their Chinese names, in the hub's order. */
export const AGENCY_NAMES: { code: Agency; name: string }[] = AGENCIES.map((a) => ({ code: a, name: AGENCY_INFO[a].title }));

/** The agency the user works for (from the roles table, as the hub reads it), or null for the hub's own roles. */
export function agencyOf(session: Session): Agency | null {
  if (!isRole(session.role)) return null;
  const a = ROLES[session.role].agency;
  return a === 'hub' ? null : a;
}

/** The user's account as the hub records it (the token's `sub`): what 指派给我 writes and 只看指派给我 matches. */
export function subjectOf(session: Session): string {
  try {
    const part = session.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0)));
    return String((JSON.parse(json) as { sub?: string }).sub ?? '');
  } catch {
    return '';
  }
}

/** Whether the user may work a task: their own agency's, in their jurisdiction (the hub checks the same). */
export function mayWork(session: Session, task: { agency: string; region: string }): boolean {
  return agencyOf(session) === task.agency && session.jurisdiction.some((j) => task.region.startsWith(j));
}

/**
 * The child's fields the user may read: the case's `childName` (the ledger's name) with `child:basic`, then
 * the ledger's record with `welfare:read` and public security's with `ps:household`; a child off the ledger
 * whose name none of these gives reads as not theirs to see.
 */
export function childSelection(session: Session, { idNumber = false }: { idNumber?: boolean } = {}): string {
  // The ID number (an export's, for a role with child:identity) from the same records the name comes from.
  const fields = idNumber ? 'name dateOfBirth idNumber' : 'name dateOfBirth';
  const parts = [
    session.scopes.includes('welfare:read') ? `welfare { ${fields} }` : '',
    session.scopes.includes('ps:household') ? `household { ${fields} }` : '',
  ].filter(Boolean);
  return `${session.scopes.includes('child:basic') ? 'childName ' : ''}child { id ${parts.join(' ')} } childDescription`;
}

export interface CaseChild {
  childName?: string | null;
  child: {
    id: string;
    welfare?: { name: string | null; dateOfBirth: string | null; idNumber?: string | null } | null;
    household?: { name: string | null; dateOfBirth: string | null; idNumber?: string | null } | null;
  } | null;
  childDescription: string | null;
}

/** The child's name as the graph shows it to the user, or what stands for it. */
export function childName(c: CaseChild): string {
  if (!c.child) return c.childDescription ? `身份不明：${c.childDescription}` : '身份不明';
  return c.childName ?? c.child.welfare?.name ?? c.child.household?.name ?? '（无权查看姓名）';
}

/** The child's ID number when asked for (childSelection with idNumber), from the ledger or else the register. */
export function childIdNumber(c: CaseChild): string | null {
  return c.child?.welfare?.idNumber ?? c.child?.household?.idNumber ?? null;
}

/**
 * A place name of the hub (names from the district down, joined by " · ") with village committees by their
 * everyday name, and the province in front when the place (`region`, its code) lies outside the user's province:
 * 万源市 alone would read as a district of the user's own. The page asks for the region's name (usePlaces) so the
 * province can be known.
 */
export function shortPlace(name: string, region?: string | null): string {
  const province = foreignProvince(region);
  return [...(province && !name.startsWith(province) ? [province] : []), ...name.split(' · ')]
    .map((n) =>
      n
        .replace(/(村|社区)(村民|居民)委员会$/, '$1')
        .replace(/居民委员会$/, '社区')
        .replace(/村民委员会$/, '村'),
    )
    .join(' · ');
}

const TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** An ISO time as 2025-09-01 14:05, Beijing time. */
export function timeOf(iso: string | null | undefined): string {
  return iso ? TIME.format(new Date(iso)) : '';
}

/** A message left for the next page (after a report is filed, 我的报告 says so). */
let flash = '';
export function setFlash(text: string): void {
  flash = text;
}
export function takeFlash(): string {
  const t = flash;
  flash = '';
  return t;
}
