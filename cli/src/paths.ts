import { join, resolve } from 'node:path';

/** The checkout (or image) root: cli/dist/… → two levels up. */
const ROOT = resolve(__dirname, '..', '..');

export const SUPERGRAPH_PATH = join(ROOT, 'supergraph.graphql');

export function dataDir(explicit?: string): string {
  return resolve(explicit ?? process.env.HUB_DATA_DIR ?? join(ROOT, '.data'));
}

export function subgraphSchemaPath(agency: string): string {
  return join(ROOT, 'subgraphs', agency, 'schema.graphql');
}

export function subgraphEntry(agency: string): string {
  return join(ROOT, 'subgraphs', agency, 'dist', 'index.js');
}

export const GATEWAY_ENTRY = join(ROOT, 'gateway', 'dist', 'index.js');

export const PORTAL_ENTRY = join(ROOT, 'portal', 'dist', 'index.js');

/** The embedded default's token signing key (ES256 JWK pair), created on first start. */
export function signingKeyPath(dir: string): string {
  return join(dir, 'jwt-signing-key.json');
}

/** The gateway's own identity key (ES256 JWK pair), created on first start; the subgraphs get its public half. */
export function gatewayKeyPath(dir: string): string {
  return join(dir, 'gateway-identity-key.json');
}
