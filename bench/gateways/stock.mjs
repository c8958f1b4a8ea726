// Stock @apollo/gateway for the side-by-side bench (bench/interactive.mjs): the same supergraph (without its security
// features, which the stock gateway refuses to load), the same subgraphs, forwarding the caller's headers and the
// hub gateway's identity the subgraphs require for `_entities`. No authorization, no purpose, no audit, no limits:
// what federation alone costs. Prints `READY <url>` when it listens.
//
//   node bench/gateways/stock.mjs --port 24790 --key <data-dir>/gateway-identity-key.json --subgraphs '{"civil-affairs":"http://…"}'
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { referenceGateway } from './reference.mjs';

const { port, urls, plannerSdl, forwardedHeaders } = referenceGateway();

class Forwarding extends RemoteGraphQLDataSource {
  async willSendRequest({ request, context }) {
    if (!context?.headers) return;
    for (const [h, v] of Object.entries(await forwardedHeaders((name) => context.headers[name]))) request.http.headers.set(h, v);
  }
}
const gateway = new ApolloGateway({
  supergraphSdl: plannerSdl,
  buildService: ({ name, url }) => new Forwarding({ url: urls[name] ?? url }),
});
const server = new ApolloServer({ gateway, persistedQueries: false });
const { url } = await startStandaloneServer(server, {
  listen: { port, host: '127.0.0.1' },
  context: async ({ req }) => ({ headers: req.headers }),
});
console.log(`READY ${url}`);
