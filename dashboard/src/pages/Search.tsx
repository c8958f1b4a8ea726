import { useState } from 'react';
import { pagesFor } from '../access';
import { type Session } from '../api';
import { shortPlace } from '../cases';
import { useFilters } from '../route';
import { FIRST, matchBorn, matchName, reportFor, searchFields, useChildSearch, type Match } from '../childSearch';

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
 * it the row has no link. A role that files mandatory reports gets a link to the form with the child filled in.
 */
export function Search({ session }: { session: Session }) {
  const [{ q }] = useFilters({ q: '' });
  const { matches, error: failed } = useChildSearch(session, q);
  const { ledger } = searchFields(session);
  const reporter = session.scopes.includes('case:report');
  const nameOf = (m: Match) => matchName(session, m);
  const bornOf = matchBorn;
  // The ID number's rule is worth saying only to someone who typed one (digits, perhaps ending in X).
  const idLike = /^\d[\d\s]*[\dXx]?$/.test(q.trim());
  // A child off the ledger has a case, not a file: point there when the role has the 个案 list.
  const casesPage = pagesFor(session).some((p) => p.path === '/cases');
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
            <div data-testid="search-none">
              <p className="muted">本辖区台账中没有符合的儿童。{idLike ? '身份证号须完整输入 18 位。' : ''}</p>
              {casesPage && (
                <p className="muted small">
                  找儿童只查民政台账：不在台账中的儿童（例如比对核查发现、尚未登记的流动儿童）在这里查不到，可在「<a href="#/cases">个案</a>
                  」中查找。
                </p>
              )}
            </div>
          ) : (
            <table className="table cards-on-phone" data-testid="search-results">
              <thead>
                <tr>
                  <th>姓名</th>
                  <th>出生日期</th>
                  <th>匹配方式</th>
                  {ledger && <th>居住地</th>}
                  {reporter && <th>强制报告</th>}
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
                    {reporter && (
                      <td data-label="强制报告">
                        <a href={`#/report?child=${encodeURIComponent(m.child.id)}`} onClick={() => reportFor(session, m)}>
                          为该儿童报告
                        </a>
                      </td>
                    )}
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
