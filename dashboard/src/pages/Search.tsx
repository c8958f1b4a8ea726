import { useEffect, useState } from 'react';
import { pagesFor } from '../access';
import { gql, type Session } from '../api';
import { shortPlace } from '../cases';
import { useFilters } from '../route';
import { reportFor } from './Reports';

export interface Match {
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

/** What a role sees of a match: the ledger's fields with welfare:read, public security's with ps:household. */
function searchFields(session: Session): { ledger: boolean; household: boolean; query: string } {
  const ledger = session.scopes.includes('welfare:read');
  const household = session.scopes.includes('ps:household');
  const child = [ledger ? 'welfare { name dateOfBirth }' : '', household ? 'household { name dateOfBirth }' : ''].join(' ');
  const query = `query($text: String!, $first: Int!) { searchChildren(text: $text, first: $first) {
     matchedBy ${ledger ? 'placeName' : ''} child { id ${child} } } }`;
  return { ledger, household, query };
}

/** The child's name as the role may see it (masked by the graph per role); without the ledger, public security's. */
export function matchName(session: Session, m: Match): string {
  return (
    m.child.welfare?.name ??
    m.child.household?.name ??
    (session.scopes.includes('welfare:read') ? '（无权查看姓名）' : '（公安户籍无记录或暂不可用）')
  );
}
export const matchBorn = (m: Match): string => m.child.welfare?.dateOfBirth ?? m.child.household?.dateOfBirth ?? '';

/**
 * `searchChildren` for `text` (nothing while it is blank): the matches of the latest text, or its error. The
 * header's search page and the report form's child picker share it.
 */
export function useChildSearch(session: Session, text: string, first = FIRST): { matches: Match[] | null; error: string } {
  const [result, setResult] = useState<{ text: string; matches: Match[] } | null>(null);
  const [error, setError] = useState<{ text: string; message: string } | null>(null);
  useEffect(() => {
    if (!text.trim()) return;
    let live = true;
    gql<{ searchChildren: Match[] | null }>(session, searchFields(session).query, { text: text.trim(), first }).then(
      (r) => live && setResult({ text, matches: r.data.searchChildren ?? [] }),
      (e: Error) => live && setError({ text, message: e.message }),
    );
    return () => {
      live = false;
    };
  }, [session, text, first]);
  return {
    matches: result?.text === text ? result.matches : null,
    error: error?.text === text ? error.message : '',
  };
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
