import { AGENCY_INFO, FAMILY_SCOPES, type Agency, type RuleFamily, type Scope } from '@hub/domain';
import type { Session } from './api';
import { agencyOf } from './cases';

/**
 * Which pages a user may use, from the scopes of their role (the hub's roles table, as their token carries
 * them): the menu offers only these, and a page not among them says so in plain Chinese instead of asking the
 * graph for what it would refuse.
 */
export interface PageDef {
  path: string;
  title: string;
  /** Scopes the page's main list needs (all of them). */
  needs: readonly Scope[];
  /** Scopes of which the page needs at least one (工作台: tasks, or reports of one's own). */
  anyOf?: readonly Scope[];
  /** A purpose the role must be allowed to state. */
  purpose?: string;
  /** The agency whose staff the page is for (the other agencies' roles hold some of the same scopes). */
  agency?: Agency;
  /** What the page is for, in the message to a role that may not use it. */
  about: string;
  /** Offered as the header's search box rather than as a link of the menu (找儿童). */
  header?: boolean;
}

export const PAGES: readonly PageDef[] = [
  // The first page a role may use is where it lands after login: the workbench for everyone who has cases to work or reports to follow.
  {
    path: '/workbench',
    title: '工作台',
    needs: [],
    anyOf: ['case:task', 'case:report'],
    about: '汇总本人的待办任务与所报的强制报告',
  },
  { path: '/inbox', title: '收件箱', needs: ['case:task'], about: '列出转交本部门的个案任务' },
  // The cases of the user's area, placed there or with a hukou there (a migrant child's case reaches the hukou district too).
  { path: '/cases', title: '个案', needs: ['case:task', 'welfare:read'], about: '列出本辖区的个案（所在地或户籍地在本辖区）' },
  { path: '/overview', title: '总览', needs: ['welfare:read'], about: '统计民政台账' },
  { path: '/findings', title: '问题线索', needs: ['crosscheck:read', 'welfare:read'], about: '列出比对核查发现的问题线索' },
  { path: '/migrants', title: '流动儿童核验', needs: ['crosscheck:read', 'welfare:read'], about: '列出流动儿童台账及其核验结果' },
  { path: '/visits', title: '走访情况', needs: ['crosscheck:read', 'welfare:read'], about: '列出台账儿童的走访及走访核查' },
  // Screening rounds: civil-affairs staff who report a village's result (ledger:write) or open and close rounds (welfare:write).
  {
    path: '/screening',
    title: '摸底排查',
    needs: ['welfare:read'],
    anyOf: ['ledger:write', 'welfare:write'],
    about: '部署摸底排查、报送各村排查结果并查看完成情况',
  },
  { path: '/emergency', title: '突发事件', needs: ['welfare:read'], purpose: 'emergency', about: '按区划排查台账儿童及其联系人' },
  { path: '/runs', title: '核查任务', needs: ['crosscheck:read'], about: '列出比对核查任务' },
  // The workforce ledger is civil affairs' own: medical insurance and the disabled persons' federation read the ledger
  // (welfare:read) and have case tasks, but the graph refuses them the workforce (docs/ledger.md#workforce).
  {
    path: '/workforce',
    title: '儿童工作队伍',
    needs: ['welfare:read', 'case:task'],
    agency: 'civil-affairs',
    about: '统计儿童主任、儿童督导员的培训覆盖与考核，列出人员名册',
  },
  { path: '/report', title: '强制报告', needs: ['case:report'], about: '填报强制报告' },
  { path: '/my-reports', title: '我的报告', needs: ['case:report'], about: '查看本人所报强制报告的办理进度' },
  // A match names the child only through the ledger (welfare:read) or the household register (ps:household): a role with
  // neither (health) would get rows without a name, so it is not offered the search.
  {
    path: '/search',
    title: '找儿童',
    needs: ['child:basic'],
    anyOf: ['welfare:read', 'ps:household'],
    about: '按姓名、拼音或身份证号查找本辖区的台账儿童',
    header: true,
  },
];

/** The data each scope opens, in words a caseworker uses. */
const SCOPE_WORDS: Partial<Record<Scope, string>> = {
  'welfare:read': '民政台账',
  'crosscheck:read': '比对核查结果',
  'child:basic': '儿童基本信息',
  'ps:household': '公安户籍',
  'ps:custody': '公安羁押与失联报告',
  'edu:enrollment': '教育学籍',
  'health:basic': '卫健基本信息',
  'mi:enrollment': '医保参保',
  'dpf:disability': '残联残疾证',
  'case:task': '个案任务',
  'case:report': '强制报告',
  'case:approve': '结案审批',
  'ledger:write': '台账记录',
  'welfare:write': '民政台账维护',
};

function mayUse(session: Session, page: PageDef): boolean {
  return (
    (!page.agency || agencyOf(session) === page.agency) &&
    page.needs.every((s) => session.scopes.includes(s)) &&
    (!page.anyOf || page.anyOf.some((s) => session.scopes.includes(s))) &&
    (!page.purpose || session.purposes.includes(page.purpose))
  );
}

export function pagesFor(session: Session): PageDef[] {
  return PAGES.filter((p) => mayUse(session, p));
}

/** The pages of the menu (the header's search box is not a link of it). */
export function menuFor(session: Session): PageDef[] {
  return pagesFor(session).filter((p) => !p.header);
}

/** Why a role may not use a page, as a sentence. */
export function whyNot(session: Session, page: PageDef): string {
  if (page.agency && agencyOf(session) !== page.agency)
    return `「${page.title}」${page.about}，只向${AGENCY_INFO[page.agency].title}部门工作人员开放，您的角色（${session.title}）不能使用。`;
  const missing = page.needs.filter((s) => !session.scopes.includes(s)).map((s) => SCOPE_WORDS[s] ?? s);
  if (missing.length) return `「${page.title}」${page.about}，需要查看${missing.join('和')}的权限，您的角色（${session.title}）没有。`;
  if (page.anyOf && !page.anyOf.some((s) => session.scopes.includes(s)))
    return `「${page.title}」${page.about}，需要${page.anyOf.map((s) => SCOPE_WORDS[s] ?? s).join('或')}的权限，您的角色（${session.title}）没有。`;
  return `「${page.title}」用于突发事件应急处置，您的角色（${session.title}）不能以此用途查询。`;
}

/** Whether the user may read a check family's results (its scopes: those of every fact its rules read). */
export function mayReadFamily(session: Session, family: RuleFamily): boolean {
  return FAMILY_SCOPES[family].every((s) => session.scopes.includes(s));
}

/** The data a family's results rest on that the user may not see, in words. */
export function familyMissing(session: Session, family: RuleFamily): string {
  return FAMILY_SCOPES[family]
    .filter((s) => !session.scopes.includes(s))
    .map((s) => SCOPE_WORDS[s] ?? s)
    .join('、');
}
