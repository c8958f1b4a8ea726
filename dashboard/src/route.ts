import { useCallback, useEffect, useState } from 'react';

/**
 * Hash routes (#/overview, #/findings?status=OPEN, #/child/<id>): the app is static files under /dashboard. A
 * page's filters live in the query string of its route, so Back (from a child's file, say) returns to the list
 * as it was filtered, and a filtered list can be bookmarked or sent to a colleague.
 */
function currentRoute(): { path: string; query: URLSearchParams } {
  // No route: the app opens the first page the user may use (App decides).
  const hash = location.hash.slice(1);
  const q = hash.indexOf('?');
  return q < 0 ? { path: hash, query: new URLSearchParams() } : { path: hash.slice(0, q), query: new URLSearchParams(hash.slice(q + 1)) };
}

/** The route's path, following the address bar. */
export function useRoute(): [string, (r: string) => void] {
  const [path, setPath] = useState(() => currentRoute().path);
  useEffect(() => {
    const on = () => setPath(currentRoute().path);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [path, (r) => (location.hash = r)];
}

/**
 * A page's filters, kept in its route's query string: `defaults` are left out of the address. Changing a filter
 * replaces the history entry (no Back through every change); leaving the page and coming Back restores them.
 */
export function useFilters<T extends Record<string, string>>(defaults: T): [T, (patch: Partial<T>) => void] {
  const read = useCallback((): T => {
    const q = currentRoute().query;
    return Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, q.get(k) ?? v])) as T;
    // The defaults are constants of the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const [filters, setFilters] = useState<T>(read);
  useEffect(() => {
    const on = () => setFilters(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, [read]);
  const update = (patch: Partial<T>) => {
    const next = { ...filters, ...patch } as T;
    setFilters(next);
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== defaults[k]) q.set(k, v);
    const { path } = currentRoute();
    const s = q.toString();
    history.replaceState(history.state, '', `${location.pathname}${location.search}#${path}${s ? `?${s}` : ''}`);
  };
  return [filters, update];
}
