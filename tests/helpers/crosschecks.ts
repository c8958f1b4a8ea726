import { ALL_RULES, type Outcome, type RuleId } from '@hub/domain';
import { expectedOutcome, readGroundTruth, type GroundTruthChild } from '@hub/population';
import { gql } from './hub';

/** One outcome the hub reported, through the gateway. */
export interface Observed {
  id: string;
  rule: RuleId;
  outcome: Outcome;
  reason: string;
}

const FAMILIES = 'exitChecks coverageChecks schoolingCheck migrantVerification careChecks';

/**
 * Every rule family for every roster child, then the discovery rules for every public-security child under
 * 18 in the region — paged through the gateway as the reconciliation service would.
 */
export async function observeAll(
  gateway: string,
  headers: Record<string, string>,
  asOf: string,
  region: string,
  opts: { pageSize?: number; tolerate?: string[] } = {},
): Promise<Observed[]> {
  const pageSize = opts.pageSize ?? 200;
  const fail = (errors: { extensions?: Record<string, unknown> }[] | undefined) => {
    const bad = (errors ?? []).filter((e) => !(opts.tolerate ?? []).includes(String(e.extensions?.code)));
    if (bad.length) throw new Error(JSON.stringify(bad.slice(0, 3)));
  };
  const out: Observed[] = [];
  const fields = FAMILIES.split(' ')
    .map((f) => `${f}(asOf: $asOf) { rule outcome reason }`)
    .join(' ');
  let after: string | null = null;
  for (;;) {
    type RosterPage = { roster: { nodes: Record<string, unknown>[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };
    const res: Awaited<ReturnType<typeof gql<RosterPage>>> = await gql<RosterPage>(
      gateway,
      `query($after: String, $asOf: Date) { roster(first: ${pageSize}, after: $after) { nodes { id ${fields} } pageInfo { endCursor hasNextPage } } }`,
      { after, asOf },
      headers,
    );
    fail(res.body.errors);
    for (const n of res.body.data!.roster.nodes) {
      for (const f of FAMILIES.split(' ')) for (const r of n[f] as Observed[]) out.push({ ...r, id: n.id as string });
    }
    if (!res.body.data!.roster.pageInfo.hasNextPage) break;
    after = res.body.data!.roster.pageInfo.endCursor;
  }
  const bornAfter = `${Number(asOf.slice(0, 4)) - 19}${asOf.slice(4)}`;
  // Children whose hukou, or any residence permit, lies in the region: two passes, each child once.
  const discovered = new Set<string>();
  for (const withPermit of [false, true]) {
    after = null;
    for (;;) {
      type ResidentPage = {
        residents: {
          nodes: { asChild: { id: string; discoveryChecks: Observed[] } }[];
          pageInfo: { endCursor: string | null; hasNextPage: boolean };
        };
      };
      const res: Awaited<ReturnType<typeof gql<ResidentPage>>> = await gql<ResidentPage>(
        gateway,
        `query($after: String, $asOf: Date, $born: Date, $region: String!) {
         residents(regionPrefix: $region, bornOnOrAfter: $born, withResidencePermit: ${withPermit}, first: ${pageSize}, after: $after) {
           nodes { asChild { id discoveryChecks(asOf: $asOf) { rule outcome reason } } } pageInfo { endCursor hasNextPage } } }`,
        { after, asOf, born: bornAfter, region },
        headers,
      );
      fail(res.body.errors);
      for (const n of res.body.data!.residents.nodes) {
        if (discovered.has(n.asChild.id)) continue;
        discovered.add(n.asChild.id);
        for (const r of n.asChild.discoveryChecks) out.push({ ...r, id: n.asChild.id });
      }
      if (!res.body.data!.residents.pageInfo.hasNextPage) break;
      after = res.body.data!.residents.pageInfo.endCursor;
    }
  }
  return out;
}

export interface RuleScore {
  rule: RuleId;
  expectedFlagged: number;
  truePositives: number;
  falsePositives: string[];
  falseNegatives: string[];
  /** Every (child, rule) whose outcome differs from the ground truth, including CLEAR/INCONCLUSIVE swaps and scope. */
  mismatches: string[];
}

/** Scores observed outcomes against a ground-truth file, rule by rule. */
export async function score(groundTruthPath: string, observed: Observed[]): Promise<RuleScore[]> {
  const byChild = new Map<string, Map<RuleId, Observed>>();
  for (const o of observed) {
    let m = byChild.get(o.id);
    if (!m) byChild.set(o.id, (m = new Map()));
    m.set(o.rule, o);
  }
  const scores = new Map<RuleId, RuleScore>(
    ALL_RULES.map((r) => [r, { rule: r, expectedFlagged: 0, truePositives: 0, falsePositives: [], falseNegatives: [], mismatches: [] }]),
  );
  const seen = new Set<string>();
  for await (const item of readGroundTruth(groundTruthPath)) {
    if ((item as { type?: string }).type === 'header') continue;
    const child = item as GroundTruthChild;
    seen.add(child.id);
    const got = byChild.get(child.id);
    for (const rule of ALL_RULES) {
      const want = expectedOutcome(child, rule);
      const have = got?.get(rule);
      const s = scores.get(rule)!;
      if (want === 'FLAGGED') s.expectedFlagged++;
      if (want === 'FLAGGED' && have?.outcome === 'FLAGGED') s.truePositives++;
      if (want === 'FLAGGED' && have?.outcome !== 'FLAGGED')
        s.falseNegatives.push(`${child.id} (${have?.outcome ?? 'absent'}: ${have?.reason ?? ''}; truth: ${child.reasons?.[rule] ?? ''})`);
      if (want !== 'FLAGGED' && have?.outcome === 'FLAGGED')
        s.falsePositives.push(`${child.id} (truth ${want ?? 'out of scope'}: ${child.reasons?.[rule] ?? ''}; hub: ${have.reason})`);
      if (want !== have?.outcome)
        s.mismatches.push(
          `${child.id} want ${want ?? 'out of scope'} got ${have?.outcome ?? 'absent'} (${have?.reason ?? ''} | ${child.reasons?.[rule] ?? ''})`,
        );
    }
  }
  for (const [id, m] of byChild) {
    if (seen.has(id)) continue;
    for (const o of m.values()) scores.get(o.rule)!.mismatches.push(`${id} not in the ground truth, hub says ${o.outcome}`);
  }
  return [...scores.values()];
}
