import {
  FAMILY_NAMES,
  CERTIFICATE_STATUS as CERTIFICATE_STATUS_CODES,
  CHECK_OUTCOME,
  CHILD_CATEGORY,
  DISABILITY_TYPE as DISABILITY_TYPE_CODES,
  ENROLMENT_STATUS as ENROLMENT_STATUS_CODES,
  FINDING_STATUS,
  HUKOU_STATUS as HUKOU_STATUS_CODES,
  labelsOf,
  PREMIUM_SUBSIDY,
  PURPOSES,
  RISK_COLOUR,
  RULE_NAMES,
  RULES,
  type RuleFamily,
  RUN_STATUS as RUN_STATUS_CODES,
  SUPPORT_TYPE,
  VISIT_METHOD as VISIT_METHOD_CODES,
  VISITOR_ROLE as VISITOR_ROLE_CODES,
} from '@hub/domain';

/** The logged-in user, kept for this browser tab only. */
export interface Session {
  token: string;
  role: string;
  title: string;
  scopes: string[];
  purposes: string[];
  purpose: string;
  jurisdiction: string[];
  /** How the user logged in: the demo login, or the identity provider (OIDC). */
  mode?: 'dev' | 'oidc';
  /** When this role and jurisdiction last logged in on this browser (ISO 8601), for 工作台's "new since". */
  previousLogin?: string;
}

/** Notes this login in the browser and returns the session with the one before it. */
export function withPreviousLogin(s: Session): Session {
  const key = `hub.lastLogin.${s.role}.${s.jurisdiction.join(',')}`;
  const previous = localStorage.getItem(key) ?? undefined;
  localStorage.setItem(key, new Date().toISOString());
  return { ...s, previousLogin: previous };
}

const KEY = 'hub.session';

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as Session) : null;
}

export function saveSession(s: Session | null): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; serviceName?: string };
}

export class ApiError extends Error {}
/** The hub could not be reached at all (no signal, no network): what was sent may be sent again later. */
export class NetworkError extends ApiError {}

/** What a page says when the user's role may not read what it lists (instead of loading for ever). */
export const NOT_PERMITTED = '您的角色无权查看此页内容。';

/** Plain-Chinese messages for what the gateway says. */
function explain(status: number, errors: GqlError[]): string {
  const code = errors[0]?.extensions?.code;
  if (status === 401 || code === 'UNAUTHENTICATED') return '登录已过期或无效，请重新登录。';
  if (status === 403 || code === 'FORBIDDEN') return errors[0]?.message ?? '没有权限执行此操作。';
  // Strict authorization (HUB_AUTHZ_REJECT_UNAUTHORIZED) refuses the whole operation rather than its fields.
  if (errors.length && errors.every((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE')) return NOT_PERMITTED;
  if (status === 429) return '请求过于频繁，请稍后再试。';
  if (code === 'BAD_USER_INPUT') return errors[0]?.message ?? '输入有误。';
  // A write that clashes with one already recorded (a key reused, a second appraisal for the period): the hub says which, in Chinese.
  if (code === 'CONFLICT') return errors[0]?.message ?? '与已有记录冲突。';
  return '服务暂时不可用，请稍后再试。';
}

/**
 * A GraphQL call to the gateway with the user's token and purpose. Fields the user may not see come back
 * as `denied` paths (shown as 无权限查看), never as a failure of the page; agencies whose service did not
 * answer come back in `unavailable` (their fields are null: unknown, not "no record").
 */
export async function gql<T>(
  session: Session,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data: T; denied: Set<string>; unavailable: Set<string> }> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}`, 'x-purpose': session.purpose },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new NetworkError('无法连接到数据共享枢纽，请检查网络。');
  }
  const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: GqlError[] };
  if (!body.data && !body.errors) throw new ApiError(explain(res.status, []));
  const errors = body.errors ?? [];
  const denied = new Set(errors.filter((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE').map((e) => (e.path ?? []).join('.')));
  const other = errors.filter((e) => !['UNAUTHORIZED_FIELD_OR_TYPE', 'SUBGRAPH_UNAVAILABLE'].includes(e.extensions?.code ?? ''));
  if (!res.ok || !body.data || other.length) throw new ApiError(explain(res.status, other.length ? other : errors));
  const unavailable = new Set(
    errors.filter((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE').map((e) => e.extensions?.serviceName ?? ''),
  );
  return { data: body.data, denied, unavailable };
}

/**
 * True when the list a page shows was refused: the root field itself, or its nodes (a policy on the node type),
 * or it came back null for any other reason. A page then says so instead of waiting or failing on `null`.
 */
export function refused(r: { data: unknown; denied: Set<string> }, root: string): boolean {
  const value = (r.data as Record<string, unknown> | null)?.[root];
  return value == null || [...r.denied].some((p) => p === root || p === `${root}.nodes`);
}

/** Whole years of age on a date (today by default), from an ISO date of birth. */
export function ageOf(dateOfBirth: string, on = new Date()): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const before = on.getMonth() + 1 < m || (on.getMonth() + 1 === m && on.getDate() < d);
  return on.getFullYear() - y - (before ? 1 : 0);
}

/** The check families in Chinese (the names the policy documents use). */
export const FAMILY = FAMILY_NAMES;
export const FAMILIES = Object.keys(RULES) as RuleFamily[];
export { RULES };

/** A rule's Chinese name, or the id when the hub knows a rule this page does not. */
export function ruleName(rule: string): string {
  return (RULE_NAMES as Record<string, string>)[rule] ?? rule;
}

// The code names are the hub's own (@hub/domain's code lists, bundled as they are), the same the rules write.
export const CATEGORY = labelsOf(CHILD_CATEGORY);
export const CERTIFICATE_STATUS = labelsOf(CERTIFICATE_STATUS_CODES);
export const DISABILITY_TYPE = labelsOf(DISABILITY_TYPE_CODES);
export const ENROLMENT_STATUS = labelsOf(ENROLMENT_STATUS_CODES);
export const HUKOU_STATUS = labelsOf(HUKOU_STATUS_CODES);
export const SUBSIDY = labelsOf(PREMIUM_SUBSIDY);
export const SUPPORT = labelsOf(SUPPORT_TYPE);
export const OUTCOME = labelsOf(CHECK_OUTCOME);

/** Codes that may appear inside the hub's free text (reasons, evidence values), in Chinese. */
const TEXT_CODES: Record<string, string> = Object.assign(
  {},
  ...[
    PREMIUM_SUBSIDY,
    HUKOU_STATUS_CODES,
    CERTIFICATE_STATUS_CODES,
    ENROLMENT_STATUS_CODES,
    DISABILITY_TYPE_CODES,
    SUPPORT_TYPE,
    RISK_COLOUR,
    CHILD_CATEGORY,
  ].map(labelsOf),
) as Record<string, string>;
const TEXT_CODE = new RegExp(
  `(?<![A-Za-z_])(${Object.keys(TEXT_CODES)
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![A-Za-z_])`,
  'g',
);

/**
 * Text from the hub (reasons, evidence values) with codes in Chinese — child categories above all: the rules
 * write some values as codes, and findings recorded by earlier runs keep what was written then, so the page
 * translates what it shows.
 */
export function zh(text: string): string {
  return text.replace(TEXT_CODE, (code) => TEXT_CODES[code] ?? code);
}

export const VISIT_METHOD = labelsOf(VISIT_METHOD_CODES);
export const VISITOR_ROLE = labelsOf(VISITOR_ROLE_CODES);

const HEX: Record<string, string> = { RED: '#d93025', YELLOW: '#f2b705', BLUE: '#1a73e8', GREEN: '#188038' };
export const COLOUR: Record<string, { name: string; hex: string }> = Object.fromEntries(
  Object.entries(labelsOf(RISK_COLOUR)).map(([code, name]) => [code, { name, hex: HEX[code] }]),
);
export const STATUS = labelsOf(FINDING_STATUS);
export const RUN_STATUS = labelsOf(RUN_STATUS_CODES);
export const PURPOSE: Record<string, string> = Object.fromEntries(Object.entries(PURPOSES).map(([k, p]) => [k, p.label]));
