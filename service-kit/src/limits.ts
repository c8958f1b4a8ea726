import { isRole, type Role } from '@hub/domain';

/**
 * How much one caller may ask of the hub at once: the bounds an operation must keep before it is planned (at the
 * gateway) or executed (at a subgraph called directly), the largest request body, and the request rate. A caller
 * with several roles gets the largest bound of each. docs/security.md explains each and how they were sized.
 */
export interface OperationLimits {
  /** Fields within fields, counted from the operation's root. */
  depth: number;
  /** Aliased fields in the operation (1,000 aliases of `child(id:)` is a way to ask for 1,000 children). */
  aliases: number;
  /** Directives in the operation. */
  directives: number;
  /**
   * Estimated cost: every field counts 1, multiplied by the sizes of the lists it sits in — `first:`, the length of
   * an id list (`ids:`, `representations:`), or 5 for a list with no size argument.
   */
  cost: number;
  /** Largest request body, in bytes. */
  bodyBytes: number;
  /** Requests per minute per principal (at the gateway). */
  perMinute: number;
}

/** What a person at the dashboard or an agency developer may ask. */
export const DEFAULT_LIMITS: OperationLimits = {
  depth: 12,
  aliases: 30,
  directives: 20,
  cost: 50_000,
  bodyBytes: 256 * 1024,
  perMinute: 600,
};

/**
 * Roles that need more: the nightly reconciliation asks for every rule of 500 children a page (a roster page costs
 * 97,501 by this estimate, one of 2,000 children 390,001, and its outcomes travel back in pages of a few
 * megabytes), many pages a minute.
 */
const ROLE_LIMITS: Partial<Record<Role, Partial<OperationLimits>>> = {
  'reconciliation-service': { cost: 5_000_000, bodyBytes: 32 * 1024 * 1024, perMinute: 30_000 },
};

/** Tokens (names, punctuation, values) in one GraphQL document, for anyone: the parser stops past this. */
export const MAX_TOKENS = 5_000;

/** Limits as configured: `HUB_LIMITS` (JSON `{ "default": {…}, "roles": { "<role>": {…} } }`) over the defaults. */
export interface LimitsConfig {
  default: OperationLimits;
  roles: Partial<Record<Role, Partial<OperationLimits>>>;
}

const KEYS = Object.keys(DEFAULT_LIMITS) as (keyof OperationLimits)[];

function checkPartial(value: unknown, where: string): Partial<OperationLimits> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`HUB_LIMITS ${where}: expected an object`);
  for (const [k, v] of Object.entries(value)) {
    if (!KEYS.includes(k as keyof OperationLimits)) throw new Error(`HUB_LIMITS ${where}: unknown limit ${k} (known: ${KEYS.join(', ')})`);
    if (!Number.isInteger(v) || (v as number) < 1) throw new Error(`HUB_LIMITS ${where}.${k}: expected a positive integer`);
  }
  return value as Partial<OperationLimits>;
}

export function limitsConfig(env: NodeJS.ProcessEnv = process.env): LimitsConfig {
  const raw = env.HUB_LIMITS ? (JSON.parse(env.HUB_LIMITS) as { default?: unknown; roles?: Record<string, unknown> }) : {};
  const roles: LimitsConfig['roles'] = { ...ROLE_LIMITS };
  for (const [role, value] of Object.entries(raw.roles ?? {})) {
    if (!isRole(role)) throw new Error(`HUB_LIMITS roles: unknown role ${role}`);
    roles[role] = { ...roles[role], ...checkPartial(value, `roles.${role}`) };
  }
  return { default: { ...DEFAULT_LIMITS, ...(raw.default === undefined ? {} : checkPartial(raw.default, 'default')) }, roles };
}

/** The limits of a caller with these roles: the default, raised by each role that raises it. */
export function limitsFor(roles: readonly string[], config: LimitsConfig): OperationLimits {
  const out = { ...config.default };
  for (const role of roles) {
    if (!isRole(role)) continue;
    for (const [k, v] of Object.entries(config.roles[role] ?? {}) as [keyof OperationLimits, number][]) out[k] = Math.max(out[k], v);
  }
  return out;
}
