import { readFileSync } from 'node:fs';
import { ALL_RULES, DEFAULT_POLICY, policyWith, type CrossCheckPolicy, type RuleId } from '@hub/domain';
import { badUserInput } from '@hub/service-kit';

let cached: CrossCheckPolicy | undefined;

/**
 * The policy the rules read: `domain/src/policy.ts` (every value with its source), optionally overridden by
 * a JSON file named in `HUB_POLICY_FILE` (another province's thresholds; top-level keys replace whole values).
 */
export function crossCheckPolicy(): CrossCheckPolicy {
  if (cached) return cached;
  const file = process.env.HUB_POLICY_FILE;
  if (!file) return (cached = DEFAULT_POLICY);
  const overrides = JSON.parse(readFileSync(file, 'utf8')) as Partial<CrossCheckPolicy>;
  const unknown = Object.keys(overrides).filter((k) => !(k in DEFAULT_POLICY));
  if (unknown.length) throw new Error(`HUB_POLICY_FILE ${file}: unknown policy keys ${unknown.join(', ')}`);
  return (cached = policyWith(overrides));
}

const RULE_SET = new Set<string>(ALL_RULES);

/** Rule ids from a caller: an unknown one is refused with the list of known ones (BAD_USER_INPUT). */
export function checkRules(rules: string[]): RuleId[] {
  const bad = rules.filter((r) => !RULE_SET.has(r));
  if (bad.length) throw badUserInput(`未知规则: ${bad.join(', ')}；可用规则: ${ALL_RULES.join(', ')}`);
  return rules as RuleId[];
}
