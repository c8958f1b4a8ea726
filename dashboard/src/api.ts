import {
  CATEGORY_NAMES,
  CERTIFICATE_STATUS_NAMES,
  DISABILITY_TYPE_NAMES,
  ENROLMENT_STATUS_NAMES,
  HUKOU_STATUS_NAMES,
  RISK_COLOUR_NAMES,
  SUBSIDY_NAMES,
  SUPPORT_NAMES,
} from '../../shared/src/names';

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

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; serviceName?: string };
}

export class ApiError extends Error {}

/** Plain-Chinese messages for what the gateway says. */
function explain(status: number, errors: GqlError[]): string {
  const code = errors[0]?.extensions?.code;
  if (status === 401 || code === 'UNAUTHENTICATED') return '登录已过期或无效，请重新登录。';
  if (status === 403 || code === 'FORBIDDEN') return errors[0]?.message ?? '没有权限执行此操作。';
  if (code === 'BAD_USER_INPUT') return errors[0]?.message ?? '输入有误。';
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
    throw new ApiError('无法连接到数据共享枢纽，请检查网络。');
  }
  const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: GqlError[] };
  const errors = body.errors ?? [];
  const denied = new Set(errors.filter((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE').map((e) => (e.path ?? []).join('.')));
  const other = errors.filter((e) => !['UNAUTHORIZED_FIELD_OR_TYPE', 'SUBGRAPH_UNAVAILABLE'].includes(e.extensions?.code ?? ''));
  if (!res.ok || !body.data || other.length) throw new ApiError(explain(res.status, other.length ? other : errors));
  const unavailable = new Set(
    errors.filter((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE').map((e) => e.extensions?.serviceName ?? ''),
  );
  return { data: body.data, denied, unavailable };
}

// The code names are the hub's own (shared/src/names.ts, plain data bundled as it is), the same the rules write.
export {
  CATEGORY_NAMES as CATEGORY,
  CERTIFICATE_STATUS_NAMES as CERTIFICATE_STATUS,
  DISABILITY_TYPE_NAMES as DISABILITY_TYPE,
  ENROLMENT_STATUS_NAMES as ENROLMENT_STATUS,
  HUKOU_STATUS_NAMES as HUKOU_STATUS,
  SUBSIDY_NAMES as SUBSIDY,
  SUPPORT_NAMES as SUPPORT,
} from '../../shared/src/names';

/** Codes that may appear inside the hub's free text (reasons, evidence values), in Chinese. */
const TEXT_CODES: Record<string, string> = {
  ...SUBSIDY_NAMES,
  ...HUKOU_STATUS_NAMES,
  ...CERTIFICATE_STATUS_NAMES,
  ...ENROLMENT_STATUS_NAMES,
  ...DISABILITY_TYPE_NAMES,
  ...SUPPORT_NAMES,
  ...RISK_COLOUR_NAMES,
  ...CATEGORY_NAMES,
};
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

export const VISIT_METHOD: Record<string, string> = { HOME: '入户走访', PHONE: '电话访问', SCHOOL: '到校走访', VIDEO: '视频访问' };
export const VISITOR_ROLE: Record<string, string> = { DIRECTOR: '儿童主任', SUPERVISOR: '儿童督导员', CASEWORKER: '社会工作者' };

export const COLOUR: Record<string, { name: string; hex: string }> = {
  RED: { name: '红色', hex: '#d93025' },
  YELLOW: { name: '黄色', hex: '#f2b705' },
  BLUE: { name: '蓝色', hex: '#1a73e8' },
  GREEN: { name: '绿色', hex: '#188038' },
};
export const STATUS: Record<string, string> = { OPEN: '待处理', IN_PROGRESS: '处理中', RESOLVED: '已解决', DISMISSED: '已排除' };
export const RUN_STATUS: Record<string, string> = { RUNNING: '运行中', COMPLETED: '已完成', PARTIAL: '部分完成', FAILED: '失败' };
export const PURPOSE: Record<string, string> = {
  'case-work': '个案工作',
  reconciliation: '比对核查',
  'enrolment-verification': '学籍核验',
  'benefit-verification': '待遇资格核验',
  'public-safety': '公安业务',
  emergency: '突发事件应急',
  audit: '审计',
};
