import { useEffect, useState } from 'react';
import { PURPOSE, type Session } from '../api';

interface DemoRole {
  role: string;
  title: string;
  purposes: string[];
  jurisdictionDigits: number;
}

/** Example jurisdictions by level, in the demo population's region (Chongqing). */
const EXAMPLE: Record<number, string> = { 2: '50', 4: '5001', 6: '500110', 9: '500110001', 12: '500110001001' };

/** The embedded default's login: pick a demo user (role, jurisdiction, purpose); the hub mints a token. */
export function Login({ onLogin }: { onLogin: (s: Session) => void }) {
  const [roles, setRoles] = useState<DemoRole[]>([]);
  const [devLogin, setDevLogin] = useState(true);
  const [role, setRole] = useState('ca-caseworker');
  const [jurisdiction, setJurisdiction] = useState('500110');
  const [purpose, setPurpose] = useState('case-work');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetch('/auth/demo-users')
      .then((r) => r.json())
      .then((d: { devLogin: boolean; roles: DemoRole[] }) => {
        setRoles(d.roles);
        setDevLogin(d.devLogin);
      })
      .catch(() => setError('无法连接到数据共享枢纽。'));
  }, []);
  const current = roles.find((r) => r.role === role);

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
      const res = await fetch('/auth/dev-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role, jurisdiction }) });
      const body = (await res.json()) as { token: string; title: string; scopes: string[]; purposes: string[]; jurisdiction: string[]; message?: string };
      if (!res.ok) throw new Error(body.message ?? '登录失败');
      onLogin({ token: body.token, role, title: body.title, scopes: body.scopes, purposes: body.purposes, purpose, jurisdiction: body.jurisdiction });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <h1>儿童关爱数据共享枢纽</h1>
      <p className="muted">民政工作台 · 演示登录（生产环境通过统一身份认证登录）</p>
      {!devLogin && <p className="error">本环境未开放演示登录。</p>}
      <form onSubmit={submit} className="card">
        <label>
          角色
          <select name="role" value={role} onChange={(e) => pickRole(e.target.value)}>
            {roles.map((r) => (
              <option key={r.role} value={r.role}>
                {r.title}（{r.role}）
              </option>
            ))}
          </select>
        </label>
        <label>
          辖区（区划代码{current ? `，${current.jurisdictionDigits} 位` : ''}，多个用逗号分隔）
          <input name="jurisdiction" value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value)} />
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
        <button type="submit" disabled={busy || !devLogin}>
          {busy ? '登录中…' : '登录'}
        </button>
      </form>
    </main>
  );
}
