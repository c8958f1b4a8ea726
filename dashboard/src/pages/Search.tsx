import { useEffect, useState } from 'react';
import { gql, type Session } from '../api';
import { shortPlace } from '../cases';
import { useFilters } from '../route';

interface Match {
  matchedBy: string;
  placeName?: string | null;
  child: {
    id: string;
    welfare?: { name: string | null; dateOfBirth: string | null } | null;
    household?: { name: string | null; dateOfBirth: string | null } | null;
  };
}

/** At most this many matches: the hub answers 50 at the most, and a longer list means the name typed is too short. */
const FIRST = 50;

/**
 * The header's search box (找儿童): what is typed goes to the search page's address (#/search?q=…), so Back from a
 * child's file returns to the results.
 */
export function SearchBox({ onSearch }: { onSearch: (q: string) => void }) {
  const [text, setText] = useState('');
  return (
    <form
      className="search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) onSearch(text.trim());
      }}
    >
      <input
        name="q"
        type="search"
        aria-label="找儿童"
        placeholder="姓名、拼音、首字母或身份证号"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit">找儿童</button>
    </form>
  );
}

/**
 * 找儿童 (#/search?q=…): `searchChildren` among the ledger children of the user's jurisdiction, by name (同音, 拼音
 * and 首字母 too) or the full ID number. The child is named as the role's scopes allow (the ledger with welfare:read,
 * public security's register with ps:household); a row opens 一人一档, which needs the ledger: for a role without
 * it the row has no link.
 */
export function Search({ session }: { session: Session }) {
  const [{ q }] = useFilters({ q: '' });
  const [result, setResult] = useState<{ q: string; matches: Match[] } | null>(null);
  const [error, setError] = useState<{ q: string; text: string } | null>(null);
  const ledger = session.scopes.includes('welfare:read');
  const household = session.scopes.includes('ps:household');

  useEffect(() => {
    if (!q.trim()) return;
    let live = true;
    const child = [ledger ? 'welfare { name dateOfBirth }' : '', household ? 'household { name dateOfBirth }' : ''].join(' ');
    gql<{ searchChildren: Match[] | null }>(
      session,
      `query($text: String!, $first: Int!) { searchChildren(text: $text, first: $first) {
         matchedBy ${ledger ? 'placeName' : ''} child { id ${child} } } }`,
      { text: q.trim(), first: FIRST },
    ).then(
      (r) => live && setResult({ q, matches: r.data.searchChildren ?? [] }),
      (e: Error) => live && setError({ q, text: e.message }),
    );
    return () => {
      live = false;
    };
  }, [session, q, ledger, household]);

  const failed = error?.q === q ? error.text : '';
  const matches = result?.q === q ? result.matches : null;
  // Without the ledger the name is public security's: a child it has no record of (or while its service is down) has none.
  const nameOf = (m: Match) =>
    m.child.welfare?.name ?? m.child.household?.name ?? (ledger ? '（无权查看姓名）' : '（公安户籍无记录或暂不可用）');
  const bornOf = (m: Match) => m.child.welfare?.dateOfBirth ?? m.child.household?.dateOfBirth ?? '';
  return (
    <section>
      <h2>找儿童</h2>
      {!q.trim() ? (
        <p className="muted">
          在页面上方的搜索框输入姓名（同音字、拼音如「zhang san」、首字母如「zs」均可）或完整的 18 位身份证号，在本辖区的台账儿童中查找。
        </p>
      ) : failed ? (
        <p className="error" role="alert" data-testid="search-error">
          {failed}
        </p>
      ) : !matches ? (
        <p className="muted">加载中…</p>
      ) : (
        <>
          <p className="muted" data-testid="search-total">
            「{q.trim()}」：找到 {matches.length} 名儿童{matches.length >= FIRST ? `（最多显示 ${FIRST} 名，请输入更完整的姓名）` : ''}
          </p>
          {!ledger && matches.length > 0 && (
            <p className="muted small">一人一档需要查看民政台账的权限，您的角色（{session.title}）没有，故结果不能打开。</p>
          )}
          {matches.length === 0 ? (
            <p className="muted">本辖区台账中没有符合的儿童。身份证号须完整输入 18 位。</p>
          ) : (
            <table className="table cards-on-phone" data-testid="search-results">
              <thead>
                <tr>
                  <th>姓名</th>
                  <th>出生日期</th>
                  <th>匹配方式</th>
                  {ledger && <th>居住地</th>}
                </tr>
              </thead>
              <tbody>
                {matches.map((m) => (
                  <tr key={m.child.id} data-testid="search-row" data-child={m.child.id}>
                    <td data-label="姓名">{ledger ? <a href={`#/child/${encodeURIComponent(m.child.id)}`}>{nameOf(m)}</a> : nameOf(m)}</td>
                    <td data-label="出生日期">{bornOf(m)}</td>
                    <td data-label="匹配方式" data-testid="matched-by">
                      {m.matchedBy}
                    </td>
                    {ledger && <td data-label="居住地">{m.placeName ? shortPlace(m.placeName) : ''}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
