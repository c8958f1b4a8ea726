import { lazy, Suspense, useState } from 'react';
import { menuFor, PAGES, pagesFor, whyNot } from './access';
import { loadSession, withPreviousLogin, PURPOSE, saveSession, type Session } from './api';
import { Login } from './pages/Login';
import { SearchBox } from './pages/Search';
import { setHomeRegions, usePlaces } from './regions';
import { useRoute } from './route';

// Each page is its own chunk, loaded when first opened: the login and a child director's first page do not wait
// for the charts, the spreadsheet export or the supervisors' pages (docs/dashboard.md#loading).
const ChildProfile = lazy(() => import('./pages/ChildProfile').then((m) => ({ default: m.ChildProfile })));
const Findings = lazy(() => import('./pages/Findings').then((m) => ({ default: m.Findings })));
const Overview = lazy(() => import('./pages/Overview').then((m) => ({ default: m.Overview })));
const Emergency = lazy(() => import('./pages/Emergency').then((m) => ({ default: m.Emergency })));
const Runs = lazy(() => import('./pages/Runs').then((m) => ({ default: m.Runs })));
const Checklist = lazy(() => import('./pages/Checklist').then((m) => ({ default: m.Checklist })));
const CasePage = lazy(() => import('./pages/CasePage').then((m) => ({ default: m.CasePage })));
const Cases = lazy(() => import('./pages/Cases').then((m) => ({ default: m.Cases })));
const Search = lazy(() => import('./pages/Search').then((m) => ({ default: m.Search })));
const Inbox = lazy(() => import('./pages/Inbox').then((m) => ({ default: m.Inbox })));
const MyReports = lazy(() => import('./pages/Reports').then((m) => ({ default: m.MyReports })));
const ReportForm = lazy(() => import('./pages/Reports').then((m) => ({ default: m.ReportForm })));
const Screening = lazy(() => import('./pages/Screening').then((m) => ({ default: m.Screening })));
const Workbench = lazy(() => import('./pages/Workbench').then((m) => ({ default: m.Workbench })));
const Workforce = lazy(() => import('./pages/Workforce').then((m) => ({ default: m.Workforce })));

/**
 * While the login page waits for the user, fetch the chunks every role opens first (工作台 and the child's page), so
 * the first page after the login does not wait for its script on a slow line. Fetched once, never executed twice.
 */
let prefetched = false;
function prefetchFirstPages(): void {
  if (prefetched) return;
  prefetched = true;
  setTimeout(() => {
    void import('./pages/Workbench');
    void import('./pages/ChildProfile');
  }, 500);
}

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [route, go] = useRoute();
  const place = usePlaces(session?.jurisdiction ?? []);
  // Before the pages render: they print a place outside the user's province with that province (regions.tsx).
  setHomeRegions(session?.jurisdiction ?? []);
  if (!session) {
    prefetchFirstPages();
    return (
      <Login
        onLogin={(login) => {
          const s = withPreviousLogin(login);
          saveSession(s);
          setSession(s);
          go(menuFor(s)[0]?.path ?? '/home');
        }}
      />
    );
  }
  const menu = menuFor(session);
  const allowed = pagesFor(session);
  const child = /^\/child\/(.+)$/.exec(route);
  const kase = /^\/case\/(.+)$/.exec(route);
  // The landing page is the first the role may use; a role with none is told why.
  const path = route === '/' || route === '' || (route === '/home' && menu.length) ? (menu[0]?.path ?? '/home') : route;
  const page = PAGES.find((p) => p.path === path);
  return (
    <div className="app">
      <header>
        <strong>儿童关爱数据共享枢纽</strong>
        <nav>
          {menu.map((p) => (
            <a key={p.path} href={`#${p.path}`} className={path === p.path ? 'active' : ''}>
              {p.title}
            </a>
          ))}
        </nav>
        {allowed.some((p) => p.path === '/search') && <SearchBox onSearch={(q) => go(`/search?q=${encodeURIComponent(q)}`)} />}
        <span className="user" data-testid="user">
          {session.title} · 辖区 {session.jurisdiction.map((j) => place(j)).join('、')} · 用途 {PURPOSE[session.purpose] ?? session.purpose}
        </span>
        <button
          className="link"
          onClick={() => {
            saveSession(null);
            // With OIDC this tab also holds the provider's tokens and login state: none of it outlives the logout.
            if (session.mode === 'oidc') sessionStorage.clear();
            setSession(null);
          }}
        >
          退出
        </button>
      </header>
      <main>
        <Suspense
          fallback={
            <p className="muted" role="status">
              加载中…
            </p>
          }
        >
          {child ? (
            <ChildProfile session={session} id={decodeURIComponent(child[1])} />
          ) : kase ? (
            session.scopes.includes('case:task') ? (
              <CasePage key={kase[1]} session={session} id={decodeURIComponent(kase[1])} />
            ) : (
              <section>
                <h2>个案</h2>
                <p className="error" role="alert">
                  您的角色无权查看此页内容。
                </p>
                <p className="muted">个案只向承办任务的部门工作人员开放；您所报的强制报告，请在「我的报告」查看办理进度。</p>
              </section>
            )
          ) : path === '/home' ? (
            <NoPages session={session} />
          ) : !page ? (
            <p className="error" role="alert">
              没有这个页面。请从上方菜单选择。
            </p>
          ) : !allowed.includes(page) ? (
            <section>
              <h2>{page.title}</h2>
              <p className="error" role="alert">
                您的角色无权查看此页内容。
              </p>
              <p className="muted" data-testid="why-not">
                {whyNot(session, page)}
              </p>
            </section>
          ) : path === '/workbench' ? (
            <Workbench session={session} />
          ) : path === '/inbox' ? (
            <Inbox session={session} />
          ) : path === '/cases' ? (
            <Cases session={session} />
          ) : path === '/search' ? (
            <Search session={session} />
          ) : path === '/report' ? (
            <ReportForm session={session} />
          ) : path === '/my-reports' ? (
            <MyReports session={session} />
          ) : path === '/migrants' || path === '/visits' ? (
            <Checklist key={path} session={session} kind={path === '/migrants' ? 'migrant' : 'visits'} />
          ) : path === '/emergency' ? (
            <Emergency session={session} />
          ) : path === '/screening' ? (
            <Screening session={session} />
          ) : path === '/runs' ? (
            <Runs session={session} />
          ) : path === '/workforce' ? (
            <Workforce session={session} />
          ) : path === '/findings' ? (
            <Findings session={session} onOpenChild={(id) => go(`/child/${encodeURIComponent(id)}`)} />
          ) : (
            <Overview session={session} />
          )}
        </Suspense>
      </main>
    </div>
  );
}

/** A role none of whose scopes opens a page of this workbench (staff of other agencies, auditors). */
function NoPages({ session }: { session: Session }) {
  const auditor = session.scopes.includes('audit:read');
  return (
    <section data-testid="no-pages">
      <h2>民政工作台</h2>
      <p className="notice">
        您的角色（{session.title}
        ）在民政工作台没有可用的页面：工作台的各页查看民政台账、比对核查结果、个案任务和强制报告，您的角色没有这些数据的查看权限。
      </p>
      <p className="muted">
        {auditor
          ? '审计人员请通过统一儿童图谱查询各部门与网关的审计日志（用途「审计」），见接入文档的审计一节。'
          : '本部门的数据请在本部门业务系统中查询，或经统一儿童图谱按本部门权限查询。'}
      </p>
    </section>
  );
}
