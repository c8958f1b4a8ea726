import { useEffect, useMemo, useReducer, useState } from 'react';

/**
 * Places by name. The graph works with region codes (GB/T 2260, extended to townships and villages); people read
 * names. The names come from the portal (`/regions/…`, from the hub's own region table in @hub/domain), fetched
 * once per code and kept for the tab.
 */
interface Place {
  name: string;
  /** Names from the province down. */
  path: string[];
}

const names = new Map<string, Place | null>();
const pending = new Set<string>();
const listeners = new Set<() => void>();
let queued: string[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;

function flush(): void {
  timer = null;
  const batch = queued;
  queued = [];
  for (let i = 0; i < batch.length; i += 500) {
    const part = batch.slice(i, i + 500);
    fetch(`/regions/names?codes=${part.join(',')}`)
      .then((r) => (r.ok ? (r.json() as Promise<Record<string, Place>>) : {}))
      .catch(() => ({}) as Record<string, Place>)
      .then((found) => {
        for (const code of part) {
          names.set(code, (found as Record<string, Place>)[code] ?? null);
          pending.delete(code);
        }
        for (const l of listeners) l();
      });
  }
}

function request(codes: Iterable<string | null | undefined>): void {
  for (const c of codes) {
    if (!c || names.has(c) || pending.has(c) || !/^\d{2,12}$/.test(c)) continue;
    pending.add(c);
    queued.push(c);
  }
  if (queued.length && !timer) timer = setTimeout(flush, 0);
}

/**
 * The provinces of the user's jurisdiction (its codes' first two digits). A place is printed from its district
 * down because the user knows their own province; a place in another (a migrant child's hukou in 四川省万源市)
 * would read as a district of their own without it. Set by the app for the logged-in session.
 */
let homeProvinces: string[] = [];
export function setHomeRegions(jurisdiction: readonly string[]): void {
  homeProvinces = jurisdiction.map((j) => j.slice(0, 2));
}

/** The province's name when a place lies outside the user's province (and its name has arrived), else ''. */
export function foreignProvince(code: string | null | undefined): string {
  if (!code || code.length < 2 || !homeProvinces.length || homeProvinces.includes(code.slice(0, 2))) return '';
  return short(names.get(code)?.path[0] ?? names.get(code.slice(0, 2))?.name ?? '');
}

/**
 * How a page prints a place: a village or township with the district above it ("渝北区 · 双凤桥街道 · 某村"),
 * a district by its name, a city with its province; a place outside the user's province with that province in
 * front ("四川省 · 万源市 · …"). Never the bare code: while the name is on its way, "…".
 */
export function placeName(code: string | null | undefined, opts: { short?: boolean } = {}): string {
  if (!code) return '';
  const p = names.get(code);
  if (p === undefined) return '…';
  if (p === null) return '未知区划';
  const path = p.path.map(short);
  if (opts.short) return path[path.length - 1];
  // A city with the province (Chongqing's two "cities" are 市辖区 and 县: 重庆市（市辖区）).
  if (code.length === 4) return /^(市辖区|县)$/.test(path[1]) ? `${path[0]}（${path[1]}）` : path.join(' · ');
  if (code.length < 6) return path.join(' · ');
  const province = foreignProvince(code);
  return [...(province ? [province] : []), ...path.slice(2)].join(' · ');
}

/** A village committee by its everyday name: 照贵村村民委员会 → 照贵村, 某某社区居民委员会 → 某某社区. */
function short(name: string): string {
  return name
    .replace(/(村|社区)(村民|居民)委员会$/, '$1')
    .replace(/居民委员会$/, '社区')
    .replace(/村民委员会$/, '村');
}

/**
 * `placeName` for a component, which re-renders when names arrive (the function changes then, so memoised
 * charts recompute); ask for the codes it shows with `usePlaces(codes)`.
 */
export function usePlaces(codes: (string | null | undefined)[]): typeof placeName {
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    listeners.add(bump);
    return () => void listeners.delete(bump);
  }, []);
  const key = codes.join(',');
  useEffect(() => {
    request(key.split(','));
  }, [key]);
  return useMemo(() => {
    const asOf = version; // a new function per arrival of names
    return (code: string | null | undefined, opts?: { short?: boolean }) => (asOf >= 0 ? placeName(code, opts) : '');
  }, [version]);
}

interface Option {
  code: string;
  name: string;
}
const childrenCache = new Map<string, Promise<Option[]>>();

/** The regions one level below a code ('' for the provinces). */
function childrenOf(parent: string): Promise<Option[]> {
  let hit = childrenCache.get(parent);
  if (!hit) {
    hit = fetch(`/regions/children?parent=${parent}`).then((r) => (r.ok ? (r.json() as Promise<Option[]>) : []));
    hit.catch(() => childrenCache.delete(parent));
    childrenCache.set(parent, hit);
  }
  return hit;
}

const LEVELS = [2, 4, 6, 9, 12];
const LEVEL_NAME: Record<number, string> = { 2: '省', 4: '市', 6: '区县', 9: '乡镇（街道）', 12: '村（社区）' };

function useChildren(parent: string | null): Option[] | null {
  const [state, setState] = useState<{ parent: string | null; list: Option[] } | null>(null);
  useEffect(() => {
    if (parent === null) return;
    let live = true;
    childrenOf(parent).then(
      (list) => live && setState({ parent, list }),
      () => live && setState({ parent, list: [] }),
    );
    return () => {
      live = false;
    };
  }, [parent]);
  return state && state.parent === parent ? state.list : null;
}

/**
 * Cascading selects by name that yield a region code: from under the user's jurisdiction (`roots`, region-code
 * prefixes of one length; `['']` to start at the provinces) down to `depth` digits. An empty choice at a level
 * means "all of the level above"; the value is then that level's code (or '' with several roots and none chosen).
 */
export function RegionPicker(props: {
  name: string;
  roots: string[];
  value: string;
  onChange: (code: string) => void;
  depth?: number;
  /** Text of the empty choice at the first level. */
  allLabel?: string;
}) {
  const { name, roots, value, onChange, depth = 12, allLabel = '全部' } = props;
  const several = roots.length > 1;
  const start = several ? roots[0].length : (LEVELS.find((l) => l > (roots[0] ?? '').length) ?? 13);
  const levels = LEVELS.filter((l) => l >= start && l <= depth);
  const chain = levels.filter((l) => l <= value.length).map((l) => value.slice(0, l));
  const shown = levels.slice(0, Math.min(levels.length, chain.length + 1));
  const place = usePlaces(several ? roots : []);
  return (
    <span className="region-picker">
      {shown.map((level, i) => (
        <LevelSelect
          key={level}
          name={`${name}-${level}`}
          label={LEVEL_NAME[level]}
          parent={i === 0 ? (several ? null : (roots[0] ?? '')) : chain[i - 1]}
          fixed={i === 0 && several ? roots.map((code) => ({ code, name: place(code, { short: true }) })) : null}
          value={chain[i] ?? ''}
          allLabel={i === 0 ? allLabel : '全部'}
          onChange={(code) => onChange(code || (i === 0 ? (several ? '' : (roots[0] ?? '')) : chain[i - 1]))}
        />
      ))}
    </span>
  );
}

function LevelSelect(props: {
  name: string;
  label: string;
  parent: string | null;
  fixed: Option[] | null;
  value: string;
  allLabel: string;
  onChange: (code: string) => void;
}) {
  const loaded = useChildren(props.fixed ? null : props.parent);
  const options = props.fixed ?? loaded;
  return (
    <select name={props.name} aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">{options ? `${props.label}：${props.allLabel}` : '加载区划…'}</option>
      {(options ?? []).map((o) => (
        <option key={o.code} value={o.code}>
          {o.name}
        </option>
      ))}
    </select>
  );
}

/** Region codes inside the hub's text (reasons, evidence values): 6, 9 or 12 digits standing alone. */
const CODE_IN_TEXT = /(?<![\d*X])(\d{6}|\d{9}|\d{12})(?![\d*X])/g;

/** The region codes a text mentions, to ask for their names. */
export function codesIn(...texts: (string | null | undefined)[]): string[] {
  return texts.flatMap((t) => (t ? [...t.matchAll(CODE_IN_TEXT)].map((m) => m[1]) : []));
}

/** A text of the hub with the region codes in it replaced by their names (numbers that are no region stay). */
export function withPlaces(text: string, place: typeof placeName = placeName): string {
  return text.replace(CODE_IN_TEXT, (code) => (names.get(code) === null ? code : place(code)));
}

/** Resolves when the names of these codes are known (or known to be missing): for exports built at once. */
export function loadPlaces(codes: (string | null | undefined)[]): Promise<void> {
  request(codes);
  const waiting = () => codes.some((c) => c && /^\d{2,12}$/.test(c) && !names.has(c));
  if (!waiting()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (waiting()) return;
      listeners.delete(check);
      resolve();
    };
    listeners.add(check);
  });
}
