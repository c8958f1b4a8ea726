import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { defaultProtectSingleValidateFn, type ValidateUserFnParams } from '@envelop/generic-auth';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { getDirectiveExtensions } from '@graphql-tools/utils';
import type { Purpose } from '@hub/domain';
import {
  checkPurpose,
  closeServer,
  createLogger,
  exceededLimit,
  GATEWAY_IDENTITY_HEADER,
  isProduction,
  limitError,
  limitsConfig,
  limitsFor,
  type LimitsConfig,
  type Logger,
  portOf,
  type Principal,
  type RunningService,
  type ScopeRequirement,
  type TokenVerifier,
  unauthorizedField,
  unmetRequirement,
} from '@hub/service-kit';
import { getNamedType, getOperationAST, GraphQLError, type GraphQLNamedType, type GraphQLSchema } from 'graphql';

/**
 * The hub's supergraph on an existing engine: Hive Gateway with the Rust query planner, for when one Node gateway
 * process is not enough and a deployment would rather run a maintained engine than the hub's own
 * (docs/hive-gateway.md). What it enforces:
 *
 * - the caller's token, verified exactly as the hub's gateway and every subgraph verify it (`createTokenVerifier`:
 *   the hub's key or the identity provider's JWKS, the role table's checks);
 * - the caller's purpose (`x-purpose`), checked against the roles as at the hub's gateway;
 * - `@requiresScopes`/`@authenticated` from the supergraph, by Hive Gateway's own generic-auth plugin: an
 *   unauthorized field is removed before planning and answered with UNAUTHORIZED_FIELD_OR_TYPE. The plugin looks
 *   at the field and the type that holds it; the check below adds the type the field returns, as the hub's
 *   gateway and Apollo Router do, so a field returning a protected type is denied where it is asked for;
 * - the operation limits of the caller's roles (depth, aliases, directives, cost: the same rules the hub's
 *   gateway and the subgraphs apply);
 * - no introspection, no stacks and no field suggestions in production.
 *
 * It forwards to each subgraph the caller's token, purpose and request id, and signs as the gateway
 * (`x-hub-gateway`), so every subgraph still verifies the caller, filters rows by jurisdiction in SQL, enforces its
 * own field rules and writes its audit row before answering. What it does not do: the hub gateway's own audit log
 * and refusal log, and the per-principal rate limit (docs/hive-gateway.md says how those are covered).
 */
export interface HiveGatewayOptions {
  /** The composed supergraph, security directives included. */
  supergraphSdl: string;
  verifyToken: TokenVerifier;
  /** The gateway's own identity towards the subgraphs; without it they refuse `_entities`. */
  identity: () => Promise<string>;
  /** 0: any free port. */
  port: number;
  host?: string;
  /** Subgraph URLs by name, overriding those recorded in the supergraph. */
  subgraphUrls?: Record<string, string>;
  production?: boolean;
  limits?: LimitsConfig;
  logger?: Logger;
}

/** What generic-auth keeps as `currentUser`: the verified principal, its purpose and the request's id. */
interface HiveCaller extends Principal {
  purpose: Purpose;
  requestId: string;
}

/** Points each `@join__graph` of the supergraph at the URL given for it. */
function withSubgraphUrls(sdl: string, urls: Record<string, string>): string {
  return Object.entries(urls).reduce(
    (s, [name, url]) => s.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*`), `$1${url}`),
    sdl,
  );
}

/** The `@requiresScopes` and `@authenticated` a type carries in the engine's schema. */
function typeRequirements(type: GraphQLNamedType, schema: GraphQLSchema): { scopes?: ScopeRequirement; authenticated: boolean } {
  const directives = getDirectiveExtensions(type, schema) as Record<string, Record<string, unknown>[] | undefined>;
  return {
    scopes: directives.requiresScopes?.[0]?.scopes as ScopeRequirement | undefined,
    authenticated: !!directives.authenticated?.length,
  };
}

/**
 * generic-auth's check of one field (the field's and its parent type's directives), then the type the field
 * returns. A denial carries the hub's coded error: the coordinate, the scopes missing, the response path.
 */
function validateField(params: ValidateUserFnParams<Record<string, unknown>>): GraphQLError | undefined {
  const coordinate = `${params.parentType.name}.${params.field.name}`;
  const path = params.path.filter((p) => p !== '@');
  const scopes = new Set(params.userScopes);
  const returned = getNamedType(params.field.type);
  const own = returned === params.parentType ? { authenticated: false } : typeRequirements(returned, params.executionArgs.schema);
  const requirements = [params.fieldScopes, params.typeScopes, own.scopes].filter((r): r is ScopeRequirement => !!r?.length);
  if (defaultProtectSingleValidateFn(params) || (own.authenticated && !params.user)) {
    return unauthorizedField(coordinate, unmetRequirement(requirements, scopes) ?? [[]], path);
  }
  const unmet = own.scopes ? unmetRequirement([own.scopes], scopes) : null;
  return unmet ? unauthorizedField(coordinate, unmet, path) : undefined;
}

/** Operation limits of the caller's roles, checked before anything is planned (after generic-auth's removals). */
function operationLimits(limits: LimitsConfig): GatewayPlugin {
  return {
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const caller = (args.contextValue as { currentUser?: HiveCaller }).currentUser;
      const operation = getOperationAST(args.document, args.operationName);
      if (!caller || !operation) return;
      const refusal = exceededLimit(
        args.schema,
        args.document,
        operation,
        (args.variableValues ?? undefined) as Record<string, unknown> | undefined,
        limitsFor(caller.roles, limits),
      );
      if (refusal) return setResultAndStopExecution({ errors: [limitError(refusal)] });
      // Every root field denied and removed by generic-auth (which runs after this hook): nothing is left to plan.
      // The caller gets what the hub's gateway answers, each denied root field null with its error (generic-auth
      // adds them to this result).
      setExecuteFn((final) => {
        const left = getOperationAST(final.document, final.operationName);
        return left && left.selectionSet.selections.length === 0 ? { data: {} } : executeFn(final);
      });
    },
  };
}

/** In production a validation error names no field the caller did not ask for ("Did you mean …?"). */
const noSuggestions: GatewayPlugin = {
  onValidate() {
    return ({ result, setResult }) => {
      if (result.length === 0) return;
      setResult(
        result.map((e) =>
          /Did you mean/.test(e.message)
            ? new GraphQLError(e.message.replace(/\s*Did you mean[^?]*\?/, ''), { nodes: e.nodes, extensions: e.extensions })
            : e,
        ),
      );
    };
  },
};

export async function startHiveGateway(opts: HiveGatewayOptions): Promise<RunningService> {
  const logger = opts.logger ?? createLogger('hive-gateway');
  const production = opts.production ?? isProduction();
  const limits = opts.limits ?? limitsConfig();
  const gateway = createGatewayRuntime<{ currentUser?: HiveCaller }>({
    supergraph: withSubgraphUrls(opts.supergraphSdl, opts.subgraphUrls ?? {}),
    unifiedGraphHandler,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    logging: false,
    maskedErrors: production,
    disableIntrospection: production ? { disableIf: () => true } : undefined,
    genericAuth: {
      mode: 'protect-granular',
      // Denied fields come back null with their errors, as at the hub's gateway (not the whole operation refused).
      rejectUnauthenticated: false,
      async resolveUserFn(context) {
        const request = (context as unknown as { request: Request }).request;
        const principal = await opts.verifyToken(request.headers.get('authorization') ?? '');
        return {
          ...principal,
          purpose: checkPurpose(principal, request.headers.get('x-purpose')),
          requestId: (request.headers.get('x-request-id') ?? '').slice(0, 100) || randomUUID(),
        };
      },
      extractScopes: (caller) => [...(caller as HiveCaller).scopes],
      validateUser: validateField,
    },
    propagateHeaders: {
      async fromClientToSubgraphs({ context, request }) {
        const caller = context.currentUser;
        if (!caller) return {};
        return {
          authorization: request.headers.get('authorization'),
          'x-purpose': caller.purpose,
          'x-request-id': caller.requestId,
          [GATEWAY_IDENTITY_HEADER]: await opts.identity(),
        };
      },
    },
    plugins: () => [operationLimits(limits), ...(production ? [noSuggestions] : [])],
  });
  const server: Server = createServer(gateway);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = portOf(server);
  const url = `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1'}:${port}/graphql`;
  logger.info({ url }, 'hive gateway listening');
  return {
    url,
    port,
    async stop() {
      await closeServer(server);
      await gateway.dispose();
    },
  };
}
