import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import {
  prettyFormatQueryPlan,
  QueryPlanner,
  type FetchNode,
  type PlanNode,
  type QueryPlan,
  type QueryPlanSelectionNode,
} from '@apollo/query-planner';
import { separateSecurityFeatures } from '@hub/gateway';
import { Kind, parse, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Plans operations in-process as the gateway does (`@apollo/gateway` calls the same `@apollo/query-planner`, with
 * the default planner config, on the supergraph stripped of its security features), without a hub.
 */

interface PlanSummary {
  /** Every fetch in plan order: `subgraph: what it fetches [at path] [requires [...]]`. */
  fetches: string[];
  /** Fetches per subgraph: one extra fetch is a one-line diff. */
  fetchesPerSubgraph: Record<string, number>;
}

export interface PlannedOperation extends PlanSummary {
  plan: QueryPlan;
  /** `prettyFormatQueryPlan` of the plan. */
  pretty: string;
}

/** A planner for `supergraphSdl` (the committed supergraph, security features included); building it takes a second. */
export function queryPlanner(supergraphSdl: string): (query: string) => PlannedOperation {
  const supergraph = Supergraph.build(separateSecurityFeatures(supergraphSdl).plannerSdl);
  const apiSchema = supergraph.apiSchema();
  const planner = new QueryPlanner(supergraph);
  return (query) => {
    const plan = planner.buildQueryPlan(operationFromDocument(apiSchema, parse(query)));
    return { plan, pretty: prettyFormatQueryPlan(plan), ...summarise(plan) };
  };
}

function summarise(plan: QueryPlan): PlanSummary {
  const fetches: { service: string; line: string }[] = [];
  const walk = (node: PlanNode | undefined, path: (string | number)[]): void => {
    if (node?.kind === 'Fetch') fetches.push({ service: node.serviceName, line: describeFetch(node, path) });
    else if (node?.kind === 'Flatten') walk(node.node, [...path, ...node.path]);
    else if (node?.kind === 'Sequence' || node?.kind === 'Parallel') for (const n of node.nodes) walk(n, path);
    else if (node?.kind === 'Condition') for (const n of [node.ifClause, node.elseClause]) walk(n, path);
    else if (node?.kind === 'Defer') for (const n of [node.primary.node, ...node.deferred.map((d) => d.node)]) walk(n, path);
  };
  const root = plan.node;
  if (root?.kind === 'Subscription') {
    walk(root.primary, []);
    walk(root.rest, []);
  } else walk(root, []);
  const fetchesPerSubgraph: Record<string, number> = {};
  for (const { service } of fetches) fetchesPerSubgraph[service] = (fetchesPerSubgraph[service] ?? 0) + 1;
  return { fetches: fetches.map((f) => `${f.service}: ${f.line}`), fetchesPerSubgraph };
}

/** `childrenForChecks` or `_entities on Child { rosterChecks } at childrenForChecks.@ requires [publicSecurityFacts, …, id]`. */
function describeFetch(fetch: FetchNode, path: (string | number)[]): string {
  const operation = parse(fetch.operation).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const roots = operation?.selectionSet.selections ?? [];
  const what = roots
    .map((s) => {
      if (s.kind !== Kind.FIELD) return '?';
      if (s.name.value !== '_entities') return s.name.value;
      const types = s.selectionSet?.selections.flatMap((f) =>
        f.kind === Kind.INLINE_FRAGMENT ? [`on ${f.typeCondition?.name.value ?? '?'} { ${fieldNames(f.selectionSet).join(' ')} }`] : [],
      );
      return `_entities ${(types ?? []).join(' ')}`;
    })
    .join(' ');
  const at = path.length ? ` at ${path.join('.')}` : '';
  const requires = fetch.requires?.flatMap((s) => (s.kind === 'InlineFragment' ? s.selections : [s])).flatMap(requiredName) ?? [];
  return `${what}${at}${requires.length ? ` requires [${requires.join(', ')}]` : ''}`;
}

function fieldNames(set: SelectionSetNode): string[] {
  return set.selections.flatMap((s) => (s.kind === Kind.FIELD && s.name.value !== '__typename' ? [s.name.value] : []));
}

function requiredName(s: QueryPlanSelectionNode): string[] {
  return s.kind === 'Field' && s.name !== '__typename' ? [s.name] : [];
}
