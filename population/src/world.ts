import { makeIdNumber, pseudonymousId } from '@hub/domain';
import { addYears, iso } from './dates';
import { Geography } from './geography';
import { fullName, mobilePhone, randomSurname } from './names';
import type { ResolvedOptions } from './options';
import { hashString, mixSeed, Rng } from './rng';
import type { Gender, SchoolLevel } from './types';

/** Dates of birth the ID counters cover: the 90 years before asOf (parents and children alike). */
const ID_YEARS = 90;
const ID_DAYS = ID_YEARS * 366;

export interface School {
  code: string;
  name: string;
  /** 9-digit township code. */
  region: string;
  level: SchoolLevel;
}

export interface Staff {
  id: string;
  name: string;
  /** Township (supervisor) or village (director) code. */
  region: string;
  phone: string;
  appointedOn: string;
  trainedOn: string | null;
  supervisorId: string | null;
}

interface TownshipSchools {
  primary: School[];
  junior: School[];
  all: School[];
}

interface CountySchools {
  senior: School[];
  vocational: School;
  special: School;
  all: School[];
}

/**
 * State shared across households: unique-number counters (ID sequences, household, permit and
 * certificate numbers) and the population's fixed entities (schools, child directors and
 * supervisors). Entities are drawn from a generator seeded by their own region code, so a school or
 * a director is the same whichever household happens to need it first.
 */
export class World {
  readonly opts: ResolvedOptions;
  readonly geo: Geography;
  private readonly idSequences = new Map<string, Uint16Array>();
  private readonly idFirstDay: number;
  private readonly counters = new Map<string, number>();
  private readonly townshipSchools = new Map<string, TownshipSchools>();
  private readonly countySchools = new Map<string, CountySchools>();
  private readonly directors = new Map<string, Staff>();
  /** Each school's sibling set (a township's or a county's schools), emitted together. */
  private readonly schoolGroups = new Map<string, School[]>();
  private readonly supervisors = new Map<string, Staff>();

  constructor(opts: ResolvedOptions) {
    this.opts = opts;
    this.geo = new Geography(opts);
    this.idFirstDay = addYears(opts.asOfDay, -ID_YEARS);
  }

  pid(idNumberOrIssuedId: string): string {
    return pseudonymousId(this.opts.idKey, idNumberOrIssuedId);
  }

  /**
   * A GB 11643 number unique in the run: the sequence (odd for men, even for women) is counted per
   * address code, date of birth and gender, from an offset that varies by key so numbers look issued
   * rather than all ending in 001. Counters live in one typed array per address code (memory bounded
   * by the region, not by the population size).
   */
  idNumber(county: string, dobDay: number, gender: Gender): string {
    let counts = this.idSequences.get(county);
    if (!counts) this.idSequences.set(county, (counts = new Uint16Array(ID_DAYS * 2)));
    const dayIndex = dobDay - this.idFirstDay;
    if (!(dayIndex >= 0 && dayIndex < ID_DAYS))
      throw new Error(`date of birth out of range: ${Number.isFinite(dobDay) ? iso(dobDay) : dobDay}`);
    const key = dayIndex * 2 + (gender === 'M' ? 1 : 0);
    const used = counts[key];
    const slots = gender === 'M' ? 500 : 499;
    if (used >= slots) throw new Error(`ID sequence numbers exhausted for ${county} born ${iso(dobDay)} (${gender})`);
    counts[key] = used + 1;
    const start = mixSeed(this.opts.seed, Number(county), dobDay, gender === 'M' ? 1 : 0) % 300;
    const slot = (start + used) % slots;
    const sequence = gender === 'M' ? slot * 2 + 1 : slot * 2 + 2;
    return makeIdNumber(county, iso(dobDay), sequence);
  }

  /** Next value of a named counter, starting at 1. */
  next(counter: string): number {
    const n = (this.counters.get(counter) ?? 0) + 1;
    this.counters.set(counter, n);
    return n;
  }

  /** Household number: county code + 9-digit running number. */
  householdNo(county: string): string {
    return `${county}${String(this.next(`hh:${county}`)).padStart(9, '0')}`;
  }

  /** Residence permit number: region county + year of issue + 8-digit running number. */
  permitNo(region: string, issuedOnYear: number): string {
    const county = region.slice(0, 6);
    return `${county}${issuedOnYear}${String(this.next(`rp:${county}`)).padStart(8, '0')}`;
  }

  /** Civil-affairs-issued id for a child without hukou. */
  caIssuedId(county: string): string {
    return `MZ${county}${String(this.next(`ca:${county}`)).padStart(8, '0')}`;
  }

  deathCertificateNo(county: string, year: number): string {
    return `${county}${year}${String(this.next(`dc:${county}:${year}`)).padStart(7, '0')}`;
  }

  judgmentNo(county: string, year: number): string {
    return `（${year}）${this.geo.provinceAbbreviation(county.slice(0, 2))}${county.slice(2)}民特${this.next(`jd:${county}:${year}`)}号`;
  }

  court(county: string): string {
    return `${this.geo.prefixName(county)}${this.geo.name(county)}人民法院`;
  }

  private entityRng(code: string, salt: number): Rng {
    return new Rng(mixSeed(this.opts.seed, hashString(code), salt));
  }

  /** The primary and junior schools of a township: a 乡 has one nine-year school, a 镇 one of each, a 街道 two primaries. */
  schoolsOf(township: string): TownshipSchools {
    let s = this.townshipSchools.get(township);
    if (s) return s;
    const county = township.slice(0, 6);
    const tname = this.geo.name(township);
    const head = `${this.geo.name(county)}${tname}`;
    if (tname.endsWith('乡')) {
      const nine: School = { code: `${township}1`, name: `${head}九年一贯制学校`, region: township, level: 'NINE_YEAR' };
      s = { primary: [nine], junior: [nine], all: [nine] };
    } else {
      const primary: School[] = [{ code: `${township}1`, name: `${head}第一小学`, region: township, level: 'PRIMARY' }];
      if (tname.endsWith('街道')) primary.push({ code: `${township}2`, name: `${head}第二小学`, region: township, level: 'PRIMARY' });
      const junior: School[] = [{ code: `${township}3`, name: `${head}初级中学`, region: township, level: 'JUNIOR' }];
      s = { primary, junior, all: [...primary, ...junior] };
    }
    this.townshipSchools.set(township, s);
    for (const x of s.all) this.schoolGroups.set(x.code, s.all);
    return s;
  }

  /** County-level schools, sited in the county's first township: senior high schools, vocational centre, special school. */
  schoolsOfCounty(county: string): CountySchools {
    let s = this.countySchools.get(county);
    if (s) return s;
    const seat = this.geo.countySeat(county);
    const cname = `${this.geo.name(county)}`;
    const senior: School[] = [
      { code: `${seat}5`, name: `${cname}第一中学校`, region: seat, level: 'SENIOR' },
      { code: `${seat}6`, name: `${cname}第二中学校`, region: seat, level: 'SENIOR' },
    ];
    const vocational: School = { code: `${seat}7`, name: `${cname}职业教育中心`, region: seat, level: 'VOCATIONAL' };
    const special: School = { code: `${seat}8`, name: `${cname}特殊教育学校`, region: seat, level: 'SPECIAL' };
    s = { senior, vocational, special, all: [...senior, vocational, special] };
    this.countySchools.set(county, s);
    for (const x of s.all) this.schoolGroups.set(x.code, s.all);
    return s;
  }

  /** The schools sited together with the given one (its township's, or its county's). */
  schoolGroupOf(code: string): School[] {
    const g = this.schoolGroups.get(code);
    if (!g) throw new Error(`unknown school ${code}`);
    return g;
  }

  private staff(id: string, region: string, supervisorId: string | null, salt: number): Staff {
    const rng = this.entityRng(region, salt);
    const gender: Gender = rng.chance(0.7) ? 'F' : 'M';
    const appointed = this.opts.asOfDay - rng.int(200, 2500);
    const trained = rng.chance(0.85) ? Math.min(this.opts.asOfDay - 1, appointed + rng.int(10, 400)) : null;
    return {
      id,
      name: fullName(rng, randomSurname(rng), gender, 'parent'),
      region,
      phone: mobilePhone(rng),
      appointedOn: iso(appointed),
      trainedOn: trained === null ? null : iso(trained),
      supervisorId,
    };
  }

  /** 儿童督导员 of a township. */
  supervisorOf(township: string): Staff {
    let s = this.supervisors.get(township);
    if (!s) this.supervisors.set(township, (s = this.staff(`S${township}`, township, null, 11)));
    return s;
  }

  /** 儿童主任 of a village (reports to the township supervisor). */
  directorOf(village: string): Staff {
    let d = this.directors.get(village);
    if (!d) this.directors.set(village, (d = this.staff(`D${village}`, village, this.supervisorOf(village.slice(0, 9)).id, 13)));
    return d;
  }

  /** asOf shifted by whole years (helper for validity periods). */
  yearsFromAsOf(years: number): number {
    return addYears(this.opts.asOfDay, years);
  }
}
