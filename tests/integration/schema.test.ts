import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENCIES, AGENCY_INFO } from '@hub/shared';
import { composeSupergraph, printAllSubgraphs } from '@hub/cli/dist/composition';
import { ROOT } from '../helpers/hub';

/**
 * Generated files are checked in and checked: the SDL printed from each subgraph's code and the
 * composed supergraph must equal the committed files (`npm run compose` regenerates both).
 */
describe('committed schemas are current', () => {
  let printed: Record<string, string>;
  beforeAll(async () => {
    printed = await printAllSubgraphs();
  });

  it.each(AGENCIES.map((a) => [a]))('subgraphs/%s/schema.graphql matches the code', (agency) => {
    const committed = readFileSync(join(ROOT, 'subgraphs', agency, 'schema.graphql'), 'utf8');
    expect(committed).toBe(printed[agency]);
    expect(committed).toContain('@link(url: "https://specs.apollo.dev/federation/v2.5"');
    expect(committed).toMatch(/type Child\s+@key\(fields: "id"\)/);
  });

  it('supergraph.graphql is the composition of the committed subgraph files', () => {
    const committed = readFileSync(join(ROOT, 'supergraph.graphql'), 'utf8');
    expect(committed).toBe(composeSupergraph(printed));
    for (const agency of AGENCIES) expect(committed).toContain(`name: "${agency}"`);
  });

  it('rover.yaml lists the same six subgraphs, files and default URLs', () => {
    const rover = readFileSync(join(ROOT, 'rover.yaml'), 'utf8');
    for (const agency of AGENCIES) {
      const block = new RegExp(
        `\\n  ${agency}:\\n    routing_url: http://127\\.0\\.0\\.1:${AGENCY_INFO[agency].defaultPort}/graphql\\n    schema:\\n      file: \\./subgraphs/${agency}/schema\\.graphql`,
      );
      expect(rover).toMatch(block);
    }
  });
});
