// Hive Gateway with the Rust query planner (@graphql-hive/gateway-runtime + @graphql-hive/router-runtime) for the
// side-by-side bench (bench/interactive.mjs): the same supergraph as the stock gateway gets (without its security
// features), the same subgraphs, forwarding the caller's headers and the hub gateway's identity the subgraphs
// require for `_entities`. No authorization, purpose, audit or limits: what federation alone costs on this engine.
// Prints `READY <url>` when it listens.
//
//   node bench/gateways/hive.mjs --port 24791 --key <data-dir>/gateway-identity-key.json --subgraphs '{"civil-affairs":"http://…"}'
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { separateSecurityFeatures } from '@hub/gateway';
import { GATEWAY_IDENTITY_HEADER, gatewayIdentity } from '@hub/service-kit';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opts } = parseArgs({
  options: { port: { type: 'string' }, key: { type: 'string' }, subgraphs: { type: 'string' } },
});
const identity = gatewayIdentity(JSON.parse(readFileSync(opts.key, 'utf8')).privateJwk);
const urls = JSON.parse(opts.subgraphs);
let { plannerSdl } = separateSecurityFeatures(readFileSync(join(ROOT, 'supergraph.graphql'), 'utf8'));
// The supergraph records each subgraph's default URL; point them at this hub's.
for (const [name, url] of Object.entries(urls)) {
  plannerSdl = plannerSdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*`), `$1${url}`);
}

const gateway = createGatewayRuntime({
  supergraph: plannerSdl,
  unifiedGraphHandler,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  logging: process.env.HIVE_LOG ?? false,
  propagateHeaders: {
    async fromClientToSubgraphs({ request }) {
      const out = { [GATEWAY_IDENTITY_HEADER]: await identity() };
      for (const h of ['authorization', 'x-purpose', 'x-request-id']) {
        const v = request.headers.get(h);
        if (v) out[h] = v;
      }
      return out;
    },
  },
});
const server = createServer(gateway);
server.keepAliveTimeout = 65_000;
server.listen(Number(opts.port), '127.0.0.1', () => console.log(`READY http://127.0.0.1:${opts.port}/graphql`));
