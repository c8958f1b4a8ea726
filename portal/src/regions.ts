import { counties, findRegion, provinces, townships, villages, type Region } from '@hub/domain';
import express, { type Router } from 'express';

/**
 * Place names for the dashboard, from the hub's own region table (GB/T 2260 and the statistics bureau's
 * township and village codes, `@hub/domain`'s regions): the dashboard shows places by name and picks them by
 * name, while the graph keeps working with codes. Public like the standard they come from: no personal data.
 *
 * - `GET /regions/names?codes=500110,500110003216`: `{ "<code>": { "name", "path" } }`, `path` the names from
 *   the province down (so a page can print "渝北区 · 双凤桥街道 · 某村"); unknown codes are left out;
 * - `GET /regions/children?parent=500110`: the regions one level below (`parent` empty: the provinces).
 */
const MAX_CODES = 1000;

/** The code one level up: 12 → 9 → 6 → 4 → 2 digits. */
function parentCode(code: string): string {
  return code.length === 12
    ? code.slice(0, 9)
    : code.length === 9
      ? code.slice(0, 6)
      : code.length === 6
        ? code.slice(0, 4)
        : code.slice(0, 2);
}

const villageIndex = new Map<string, Map<string, Region>>();

/** A region by code; villages through one index per province (the domain's fast path over the village file). */
function regionOf(code: string): Region | undefined {
  if (code.length !== 12) return findRegion(code);
  const province = code.slice(0, 2);
  let index = villageIndex.get(province);
  if (!index) {
    index = new Map(villages(province).map((v) => [v.code, v]));
    villageIndex.set(province, index);
  }
  return index.get(code);
}

/** The names of a code and the regions above it, province first; undefined when the code is not in the table. */
function pathOf(code: string): string[] | undefined {
  const own = regionOf(code);
  if (!own) return undefined;
  const path = [own.name];
  for (let c = code; c.length > 2;) {
    c = parentCode(c);
    const up = regionOf(c);
    if (up) path.unshift(up.name);
  }
  return path;
}

/** The regions one level below a code. Cities have no list of their own: they are the 4-digit heads of the counties. */
function childrenOf(parent: string): Region[] {
  if (parent === '') return provinces();
  if (parent.length === 2) {
    const cities = [...new Set(counties(parent).map((c) => c.code.slice(0, 4)))];
    return cities.map((c) => findRegion(c)).filter((r): r is Region => !!r);
  }
  if (parent.length === 4) return counties(parent).filter((c) => c.code.startsWith(parent));
  if (parent.length === 6) return townships(parent).filter((t) => t.code.startsWith(parent));
  if (parent.length === 9) return villages(parent);
  return [];
}

export function regionRoutes(): Router {
  const router = express.Router();
  router.get('/regions/names', (req, res) => {
    const codes = [...new Set(String(req.query.codes ?? '').split(','))].filter((c) => /^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/.test(c));
    if (codes.length > MAX_CODES) {
      res.status(400).json({ error: 'BAD_USER_INPUT', message: `一次最多查询 ${MAX_CODES} 个区划` });
      return;
    }
    const out: Record<string, { name: string; path: string[] }> = {};
    for (const code of codes) {
      const path = pathOf(code);
      if (path) out[code] = { name: path[path.length - 1], path };
    }
    res.set('cache-control', 'public, max-age=3600').json(out);
  });
  router.get('/regions/children', (req, res) => {
    const parent = String(req.query.parent ?? '');
    if (!/^(\d{2}|\d{4}|\d{6}|\d{9})?$/.test(parent)) {
      res.status(400).json({ error: 'BAD_USER_INPUT', message: '区划代码须为 2、4、6 或 9 位' });
      return;
    }
    res.set('cache-control', 'public, max-age=3600').json(childrenOf(parent).map((r) => ({ code: r.code, name: r.name })));
  });
  return router;
}
