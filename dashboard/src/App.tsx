import { useEffect, useState } from 'react';
import { loadSession, PURPOSE, saveSession, type Session } from './api';
import { ChildProfile } from './pages/ChildProfile';
import { Findings } from './pages/Findings';
import { Login } from './pages/Login';
import { Overview } from './pages/Overview';
import { Emergency } from './pages/Emergency';
import { Runs } from './pages/Runs';
import { Checklist } from './pages/Checklist';

/** Hash routes (#/overview, #/findings, #/child/<id>): the app is static files under /dashboard. */
function useRoute(): [string, (r: string) => void] {
  const [route, setRoute] = useState(() => location.hash.slice(1) || '/overview');
  useEffect(() => {
    const on = () => setRoute(location.hash.slice(1) || '/overview');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [route, (r) => (location.hash = r)];
}

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [route, go] = useRoute();
  if (!session) {
    return (
      <Login
        onLogin={(s) => {
          saveSession(s);
          setSession(s);
          go('/overview');
        }}
      />
    );
  }
  const child = /^\/child\/(.+)$/.exec(route);
  return (
    <div className="app">
      <header>
        <strong>儿童关爱数据共享枢纽</strong>
        <nav>
          <a href="#/overview" className={route === '/overview' ? 'active' : ''}>
            总览
          </a>
          <a href="#/findings" className={route === '/findings' ? 'active' : ''}>
            问题线索
          </a>
          <a href="#/migrants" className={route === '/migrants' ? 'active' : ''}>
            流动儿童核验
          </a>
          <a href="#/visits" className={route === '/visits' ? 'active' : ''}>
            走访情况
          </a>
          <a href="#/emergency" className={route === '/emergency' ? 'active' : ''}>
            突发事件
          </a>
          <a href="#/runs" className={route === '/runs' ? 'active' : ''}>
            核查任务
          </a>
        </nav>
        <span className="user" data-testid="user">
          {session.title} · 辖区 {session.jurisdiction.join('、')} · 用途 {PURPOSE[session.purpose] ?? session.purpose}
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
        {child ? (
          <ChildProfile session={session} id={decodeURIComponent(child[1])} />
        ) : route === '/migrants' || route === '/visits' ? (
          <Checklist key={route} session={session} kind={route === '/migrants' ? 'migrant' : 'visits'} />
        ) : route === '/emergency' ? (
          <Emergency session={session} />
        ) : route === '/runs' ? (
          <Runs session={session} />
        ) : route === '/findings' ? (
          <Findings session={session} onOpenChild={(id) => go(`/child/${encodeURIComponent(id)}`)} />
        ) : (
          <Overview session={session} />
        )}
      </main>
    </div>
  );
}
