import type { AgencyRows } from '../tables';
import type { HouseholdTruth, PersonTruth } from '../types';

/**
 * Agencies that keep the hukou and residence place of each person they hold records about (`subject_region`).
 * Public security's is its residence registration (居住登记, the step before a residence permit).
 */
const KEEPERS = ['public-security', 'education', 'health', 'medical-insurance', 'disabled-persons'] as const;

/**
 * After every agency row of the household is final (discrepancies included): each agency records the
 * regions of the persons it holds data about, as the person's registration forms state them — the hukou
 * village (none without hukou) and where they live. Row-level jurisdiction reads these.
 */
export function recordSubjectRegions(truth: HouseholdTruth, rows: AgencyRows): void {
  const people = new Map<string, PersonTruth>();
  for (const p of [...truth.parents, ...truth.children]) people.set(p.id, p);
  for (const agency of KEEPERS) {
    const tables = rows[agency] as unknown as Record<string, Record<string, unknown>[]>;
    const seen = new Set<string>();
    for (const [name, list] of Object.entries(tables)) {
      if (name === 'subject_region' || name === 'school') continue;
      for (const row of list) {
        const id = (agency === 'public-security' ? (name === 'person' ? row.id : undefined) : (row.person_id ?? row.child_id)) as
          string | undefined;
        if (id && people.has(id)) seen.add(id);
      }
    }
    const out = rows[agency].subject_region;
    for (const id of [...seen].sort()) {
      const p = people.get(id)!;
      out.push({ person_id: id, hukou_region: p.hukouRegion, residence_region: p.residenceRegion });
    }
  }
}
