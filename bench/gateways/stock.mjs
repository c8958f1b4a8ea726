// Stock @apollo/gateway for the side-by-side bench (bench/interactive.mjs): the same supergraph (without its security
// features, which the stock gateway refuses to load), the same subgraphs, forwarding the caller's headers and the
// hub gateway's identity the subgraphs require for `_entities`. No authorization, no purpose, no audit, no limits:
// what federation alone costs. Prints `READY <url>` when it listens.
//
//   node bench/gateways/stock.mjs --port 24790 --key <data-dir>/gateway-identity-key.json --subgraphs '{"civil-affairs":"http://…"}'
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { separateSecurityFeatures } from '@hub/gateway';
import { GATEWAY_IDENTITY_HEADER, gatewayIdentity } from '@hub/service-kit';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opts } = parseArgs({
  options: { port: { type: 'string' }, key: { type: 'string' }, subgraphs: { type: 'string' } },
});
const identity = gatewayIdentity(JSON.parse(readFileSync(opts.key, 'utf8')).privateJwk);
const urls = JSON.parse(opts.subgraphs);
const { plannerSdl } = separateSecurityFeatures(readFileSync(join(ROOT, 'supergraph.graphql'), 'utf8'));

class Forwarding extends RemoteGraphQLDataSource {
  async willSendRequest({ request, context }) {
    if (!context?.headers) return;
    for (const h of ['authorization', 'x-purpose', 'x-request-id']) if (context.headers[h]) request.http.headers.set(h, context.headers[h]);
    request.http.headers.set(GATEWAY_IDENTITY_HEADER, await identity());
  }
}
const gateway = new ApolloGateway({
  supergraphSdl: plannerSdl,
  buildService: ({ name, url }) => new Forwarding({ url: urls[name] ?? url }),
});
const server = new ApolloServer({ gateway, persistedQueries: false });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(opts.port), host: '127.0.0.1' },
  context: async ({ req }) => ({ headers: req.headers }),
});
console.log(`READY ${url}`);
