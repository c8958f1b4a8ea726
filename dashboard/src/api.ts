/** The logged-in user, kept for this browser tab only. */
export interface Session {
  token: string;
  role: string;
  title: string;
  scopes: string[];
  purposes: string[];
  purpose: string;
  jurisdiction: string[];
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
  extensions?: { code?: string; field?: string };
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
 * as `denied` paths (shown as 无权限查看), never as a failure of the page.
 */
export async function gql<T>(session: Session, query: string, variables: Record<string, unknown> = {}): Promise<{ data: T; denied: Set<string> }> {
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
  return { data: body.data, denied };
}

export const CATEGORY: Record<string, string> = {
  LEFT_BEHIND: '农村留守儿童',
  MIGRANT: '流动儿童',
  DIFFICULT_POVERTY: '困境儿童（贫困）',
  DIFFICULT_DISABILITY: '困境儿童（残疾）',
  DIFFICULT_ILLNESS: '困境儿童（重病）',
  DIFFICULT_GUARDIANSHIP: '困境儿童（监护）',
  ORPHAN: '孤儿',
  SCATTERED_ORPHAN: '散居孤儿',
  DE_FACTO_UNSUPPORTED: '事实无人抚养儿童',
  NO_HUKOU: '无户籍儿童',
};
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
