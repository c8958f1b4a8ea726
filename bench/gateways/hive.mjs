// Hive Gateway with the Rust query planner (@graphql-hive/gateway-runtime + @graphql-hive/router-runtime) for the
// side-by-side bench (bench/interactive.mjs): the same supergraph as the stock gateway gets (without its security
// features), the same subgraphs, forwarding the caller's headers and the hub gateway's identity the subgraphs
// require for `_entities`. No authorization, purpose, audit or limits: what federation alone costs on this engine.
// Prints `READY <url>` when it listens.
//
//   node bench/gateways/hive.mjs --port 24791 --key <data-dir>/gateway-identity-key.json --subgraphs '{"civil-affairs":"http://…"}'
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { referenceGateway } from './reference.mjs';

const { port, urls, plannerSdl: sdl, forwardedHeaders } = referenceGateway();
// The supergraph records each subgraph's default URL; point them at this hub's.
const plannerSdl = Object.entries(urls).reduce(
  (s, [name, url]) => s.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*`), `$1${url}`),
  sdl,
);

const gateway = createGatewayRuntime({
  supergraph: plannerSdl,
  unifiedGraphHandler,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  logging: process.env.HIVE_LOG ?? false,
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => forwardedHeaders((name) => request.headers.get(name)),
  },
});
const server = createServer(gateway);
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`READY http://127.0.0.1:${port}/graphql`));
// Hive Gateway's runtime holds SIGTERM for its own graceful disposal, which waits on this open server: the bench
// stops it with SIGTERM and must not hang on it.
process.once('SIGTERM', () => server.close(() => process.exit(0)) && setTimeout(() => process.exit(0), 1000).unref());
