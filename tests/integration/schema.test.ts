import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENCIES, AGENCY_INFO } from '@hub/domain';
import { Kind, parse } from 'graphql';
import { composeSupergraph, printAllSubgraphs } from '@hub/cli/composition';
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

  it.each(AGENCIES.map((a) => [a]))('%s: every type, field, argument and enum value has a Chinese description', (agency) => {
    const doc = parse(printed[agency]);
    const missing: string[] = [];
    const chinese = (d?: { value: string }) => !!d && /[\u4e00-\u9fff]/.test(d.value);
    // Mirrors of another subgraph's types for @requires (`extend type`, `@external` fields) are described where they are owned.
    const external = (f: { directives?: readonly { name: { value: string } }[] }) =>
      !!f.directives?.some((d) => d.name.value === 'external');
    for (const def of doc.definitions) {
      if (!('name' in def) || !def.name) continue;
      if (def.kind === Kind.OBJECT_TYPE_EXTENSION) continue;
      const fieldsOf = ('fields' in def ? def.fields : undefined) ?? [];
      if (fieldsOf.length > 0 && fieldsOf.every(external)) continue;
      const type = def.name.value;
      if (!['Query', 'Mutation'].includes(type) && !chinese('description' in def ? def.description : undefined)) missing.push(type);
      for (const f of fieldsOf.filter((x) => !external(x))) {
        if (!chinese(f.description)) missing.push(`${type}.${f.name.value}`);
        for (const a of ('arguments' in f ? f.arguments : undefined) ?? [])
          if (!chinese(a.description)) missing.push(`${type}.${f.name.value}(${a.name.value})`);
      }
      for (const v of ('values' in def ? def.values : undefined) ?? [])
        if (!chinese(v.description)) missing.push(`${type}.${v.name.value}`);
    }
    expect(missing).toEqual([]);
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
