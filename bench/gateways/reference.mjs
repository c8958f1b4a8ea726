// What both reference gateways of the side-by-side bench (stock.mjs, hive.mjs) start from: their command line
// (`--port`, `--key` the hub gateway's identity key file, `--subgraphs` a JSON map of agency → URL), the hub's
// supergraph without its security features (which neither is asked to enforce), and the headers they forward to
// a subgraph — the caller's identity, purpose and request id, and the hub gateway's own identity, without which
// the subgraphs refuse `_entities`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { separateSecurityFeatures } from '@hub/gateway';
import { GATEWAY_IDENTITY_HEADER, gatewayIdentity } from '@hub/service-kit';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FORWARDED = ['authorization', 'x-purpose', 'x-request-id'];

export function referenceGateway() {
  const { values: opts } = parseArgs({
    options: { port: { type: 'string' }, key: { type: 'string' }, subgraphs: { type: 'string' } },
  });
  const identity = gatewayIdentity(JSON.parse(readFileSync(opts.key, 'utf8')).privateJwk);
  const { plannerSdl } = separateSecurityFeatures(readFileSync(join(ROOT, 'supergraph.graphql'), 'utf8'));
  return {
    port: Number(opts.port),
    urls: JSON.parse(opts.subgraphs),
    plannerSdl,
    /** The headers for one subgraph request, given a lookup of the client's request headers. */
    async forwardedHeaders(header) {
      const out = { [GATEWAY_IDENTITY_HEADER]: await identity() };
      for (const h of FORWARDED) {
        const v = header(h);
        if (v) out[h] = v;
      }
      return out;
    },
  };
}
