/**
 * The six agencies. An agency's identity is one string everywhere: its folder under `subgraphs/`, its
 * migrations folder, its compose service, its `rover.yaml` key and the suffix of its database name.
 */
export const AGENCIES = ['civil-affairs', 'education', 'public-security', 'health', 'medical-insurance', 'disabled-persons'] as const;

export type Agency = (typeof AGENCIES)[number];

export interface AgencyInfo {
  name: Agency;
  /** Chinese name as used in the policy documents. */
  title: string;
  /** Default port of the agency's subgraph. */
  defaultPort: number;
  /** Database name on the shared PostgreSQL server (one database per agency). */
  database: string;
}

const TITLES: Record<Agency, string> = {
  'civil-affairs': '民政',
  education: '教育',
  'public-security': '公安',
  health: '卫健',
  'medical-insurance': '医保',
  'disabled-persons': '残联',
};

export const AGENCY_INFO: Record<Agency, AgencyInfo> = Object.fromEntries(
  AGENCIES.map((name, i) => [name, { name, title: TITLES[name], defaultPort: 4001 + i, database: `hub_${name.replace(/-/g, '_')}` }]),
) as Record<Agency, AgencyInfo>;

export function isAgency(value: string): value is Agency {
  return (AGENCIES as readonly string[]).includes(value);
}

/** `civil-affairs` → `CIVIL_AFFAIRS`, for environment variable names. */
export function agencyEnvKey(agency: Agency): string {
  return agency.toUpperCase().replace(/-/g, '_');
}
