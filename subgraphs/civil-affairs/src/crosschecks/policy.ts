import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY, policyWith, type CrossCheckPolicy } from '@hub/shared';

let cached: CrossCheckPolicy | undefined;

/**
 * The policy the rules read: `shared/src/policy.ts` (every value with its source), optionally overridden by
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
