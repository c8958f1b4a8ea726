import { useEffect, useState } from 'react';
import { PURPOSE, type Session } from '../api';
import { fetchAuthConfig, fetchMe, isSigninCallback, userManager, type AuthConfig, type Me } from '../auth';
import { RegionPicker, usePlaces } from '../regions';

interface DemoRole {
  role: string;
  title: string;
  purposes: string[];
  jurisdictionDigits: number;
}

const LEVEL: Record<number, string> = { 2: '省', 4: '市', 6: '区县', 9: '乡镇（街道）', 12: '村（社区）' };

/** Example jurisdictions by level, in the demo population's region (Chongqing). */
const EXAMPLE: Record<number, string> = { 2: '50', 4: '5001', 6: '500110', 9: '500110001', 12: '500110001001' };

/**
 * The login page, as the hub is configured (/auth/config): with an identity provider, 统一身份认证登录
 * (OIDC authorization code + PKCE, then the purpose of this session); in the embedded default, the demo login.
 */
export function Login({ onLogin }: { onLogin: (s: Session) => void }) {
  const [config, setConfig] = useState<AuthConfig | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    fetchAuthConfig().then(setConfig, () => setError('无法连接到数据共享枢纽。'));
  }, []);
  if (error)
    return (
      <main className="login">
        <h1>儿童关爱数据共享枢纽</h1>
        <p className="error">{error}</p>
      </main>
    );
  if (!config)
    return (
      <main className="login">
        <h1>儿童关爱数据共享枢纽</h1>
        <p className="muted">加载中…</p>
      </main>
    );
  if (config.mode === 'oidc') return <OidcLogin config={config} onLogin={onLogin} />;
  return <DevLogin onLogin={onLogin} enabled={config.mode === 'dev'} />;
}

/** 统一身份认证登录: off to the provider; back here with a code, exchanged (with the PKCE verifier) for the token. */
function OidcLogin({ config, onLogin }: { config: Extract<AuthConfig, { mode: 'oidc' }>; onLogin: (s: Session) => void }) {
  const [me, setMe] = useState<{ token: string; me: Me } | null>(null);
  const [purpose, setPurpose] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(isSigninCallback());
  const place = usePlaces(me?.me.jurisdiction ?? []);

  useEffect(() => {
    if (!isSigninCallback()) return;
    const um = userManager(config);
    um.signinRedirectCallback()
      .then(async (user) => {
        const who = await fetchMe(user.access_token);
        setMe({ token: user.access_token, me: who });
        setPurpose(who.purposes[0] ?? '');
      })
      .catch((err: Error) => setError(`统一身份认证登录失败：${err.message}`))
      .finally(() => {
        // The code and state are spent: drop them from the address bar (and from history).
        history.replaceState(null, '', `${location.pathname}#/overview`);
        setBusy(false);
      });
  }, [config]);

  const login = () => {
    setBusy(true);
    setError('');
    userManager(config)
      .signinRedirect()
      .catch((err: Error) => {
        setError(`无法连接统一身份认证服务：${err.message}`);
        setBusy(false);
      });
  };

  return (
    <main className="login">
      <h1>儿童关爱数据共享枢纽</h1>
      <p className="muted">儿童关爱工作台 · 统一身份认证</p>
      {me ? (
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            onLogin({
              token: me.token,
              role: me.me.roles[0],
              title: me.me.titles.join('、'),
              scopes: me.me.scopes,
              purposes: me.me.purposes,
              purpose,
              jurisdiction: me.me.jurisdiction,
              mode: 'oidc',
            });
          }}
        >
          <p data-testid="oidc-identity">
            {me.me.titles.join('、')} · 辖区 {me.me.jurisdiction.map((j) => place(j)).join('、')}
          </p>
          {me.me.purposes.length === 0 ? (
            <p className="error">您的角色没有可用的访问用途，请联系管理员。</p>
          ) : (
            <label>
              本次访问用途
              <select name="purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)}>
                {me.me.purposes.map((p) => (
                  <option key={p} value={p}>
                    {PURPOSE[p] ?? p}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="submit" disabled={!purpose}>
            进入工作台
          </button>
        </form>
      ) : (
        <div className="card">
          {error && <p className="error">{error}</p>}
          <button type="button" onClick={login} disabled={busy}>
            {busy ? '登录中…' : '统一身份认证登录'}
          </button>
        </div>
      )}
    </main>
  );
}

/** The embedded default's login: pick a demo user (role, jurisdiction, purpose); the hub mints a token. */
function DevLogin({ onLogin, enabled }: { onLogin: (s: Session) => void; enabled: boolean }) {
  const [roles, setRoles] = useState<DemoRole[]>([]);
  const devLogin = enabled;
  const [role, setRole] = useState('ca-caseworker');
  const [jurisdiction, setJurisdiction] = useState('500110');
  const [purpose, setPurpose] = useState('case-work');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetch('/auth/demo-users')
      .then((r) => r.json())
      .then((d: { devLogin: boolean; roles: DemoRole[] }) => setRoles(d.roles))
      .catch(() => setError('无法连接到数据共享枢纽。'));
  }, []);
  const current = roles.find((r) => r.role === role);
  // The jurisdiction is picked by name down to the role's level (a district caseworker: a district).
  const complete = !!current && jurisdiction.length === current.jurisdictionDigits;

  const pickRole = (r: string) => {
    setRole(r);
    const def = roles.find((x) => x.role === r);
    if (def) {
      setJurisdiction(EXAMPLE[def.jurisdictionDigits] ?? '');
      setPurpose(def.purposes[0]);
    }
  };

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const res = await fetch('/auth/dev-token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role, jurisdiction }),
      });
      const body = (await res.json()) as {
        token: string;
        title: string;
        scopes: string[];
        purposes: string[];
        jurisdiction: string[];
        message?: string;
      };
      if (!res.ok) throw new Error(body.message ?? '登录失败');
      onLogin({
        token: body.token,
        role,
        title: body.title,
        scopes: body.scopes,
        purposes: body.purposes,
        purpose,
        jurisdiction: body.jurisdiction,
        mode: 'dev',
      });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <h1>儿童关爱数据共享枢纽</h1>
      <p className="muted">儿童关爱工作台 · 演示登录（生产环境通过统一身份认证登录）</p>
      {!devLogin && <p className="error">本环境未开放演示登录。</p>}
      <form onSubmit={submit} className="card">
        <label>
          角色
          <select name="role" value={role} onChange={(e) => pickRole(e.target.value)}>
            {roles.map((r) => (
              <option key={r.role} value={r.role}>
                {r.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          辖区（选到{current ? LEVEL[current.jurisdictionDigits] : '所需层级'}）
          <RegionPicker
            name="jurisdiction"
            roots={['']}
            depth={current?.jurisdictionDigits ?? 12}
            value={jurisdiction}
            onChange={setJurisdiction}
            allLabel="请选择"
          />
        </label>
        <label>
          用途
          <select name="purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)}>
            {(current?.purposes ?? []).map((p) => (
              <option key={p} value={p}>
                {PURPOSE[p] ?? p}
              </option>
            ))}
          </select>
        </label>
        {error && <p className="error">{error}</p>}
        <button type="submit" disabled={busy || !devLogin || !complete}>
          {busy ? '登录中…' : '登录'}
        </button>
      </form>
    </main>
  );
}
