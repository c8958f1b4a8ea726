import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { AGENCIES, AGENCY_INFO } from '@hub/domain';
import { buildFederatedSchema, printSdl } from '@hub/subgraph-kit';
import { parse } from 'graphql';
import { subgraphSchemaPath } from './paths';
import { SUBGRAPHS } from './registry';

/** Each subgraph's SDL as printed from its code (with federation directives, via printSubgraphSchema). */
export async function printAllSubgraphs(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const agency of AGENCIES) out[agency] = printSdl(await buildFederatedSchema(SUBGRAPHS[agency].definition));
  return out;
}

/** Default subgraph URLs recorded in the supergraph; deployments override them per agency at run time. */
function defaultSubgraphUrl(agency: string): string {
  return `http://127.0.0.1:${AGENCY_INFO[agency as keyof typeof AGENCY_INFO].defaultPort}/graphql`;
}

/**
 * Composes the SDL files as written (exactly what `rover supergraph compose --config rover.yaml` reads)
 * with @apollo/composition, which works offline.
 */
export function composeSupergraph(sdls?: Record<string, string>): string {
  const services = AGENCIES.map((agency) => ({
    name: agency,
    url: defaultSubgraphUrl(agency),
    typeDefs: parse(sdls?.[agency] ?? readFileSync(subgraphSchemaPath(agency), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trim()}\n`;
}
