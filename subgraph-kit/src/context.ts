import type { Agency, Purpose } from '@hub/domain';
import type { Principal } from '@hub/service-kit';
import type { DataSource } from 'typeorm';
import type { Loaders } from './loader-registry';

/** What every resolver of every subgraph receives. */
export interface SubgraphContext {
  agency: Agency;
  requestId: string;
  /** The caller, from the forwarded token, verified here again (a subgraph trusts no one, not even the gateway). */
  principal: Principal;
  /** The stated purpose (`x-purpose`), allowed for the caller's roles. */
  purpose: Purpose;
  /** The request carries the gateway's own identity: `_entities` and `_service` answer only then. */
  viaGateway: boolean;
  db: DataSource;
  loaders: Loaders;
  /** The gateway's database, in the subgraph that serves the gateway's audit log (civil affairs). */
  gatewayAuditDb?: DataSource;
  /** Ids of the objects the fields returned, by response path, for the audit entry (`instrumentEntityIds`). */
  disclosedIds?: Map<string, string>;
}

// Reference resolvers are looked up by type name; their shape is fixed by @apollo/subgraph.
export type ReferenceResolvers = Record<string, { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => unknown }>;
