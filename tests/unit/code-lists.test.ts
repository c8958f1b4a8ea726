import { join } from 'node:path';
import {
  CERTIFICATE_STATUS,
  CHILD_CATEGORY,
  CUSTODY_KIND,
  DISABILITY_TYPE,
  ENROLMENT_STATUS,
  GENDER,
  GRAPHQL_CODE_LISTS,
  HUKOU_STATUS,
  PARENT_RELATION,
  PREMIUM_SUBSIDY,
  PREMIUM_SUBSIDY_BASIS,
  RISK_COLOUR,
  SCHOOL_LEVEL,
  SUPPORT_TYPE,
  VISIT_METHOD,
  VISITOR_ROLE,
  type Code,
  type CodeList,
} from '@hub/domain';
import { emptyRows, generateHouseholds, type AgencyRows } from '@hub/population';
import { buildASTSchema, isEnumType, parse } from 'graphql';
import { readdirSync, readFileSync } from 'node:fs';
import { ROOT } from '../helpers/hub';

/**
 * Every code list is defined once (domain/src/codes.ts) and read by the entities (their GraphQL enums), the
 * rules (the Chinese words in reasons), the generator (the rows it writes) and the dashboard (what people read).
 * These checks fail when one of them drifts: an enum value or description in the composed graph that the list
 * does not have, a list the graph does not expose, a code the generator writes that no list knows, a dashboard
 * table that is not the list's labels.
 */
const supergraph = buildASTSchema(parse(readFileSync(join(ROOT, 'supergraph.graphql'), 'utf8')), { assumeValid: true });
/** The graph's own enums (federation's join__/link__ machinery aside). */
const graphEnums = Object.values(supergraph.getTypeMap())
  .filter(isEnumType)
  .filter((t) => !t.name.startsWith('__') && !/^(join|link)__/.test(t.name));

describe('code lists', () => {
  it('every GraphQL enum of the composed graph is a domain code list: same values in the same order, same descriptions', () => {
    const lists = new Map(GRAPHQL_CODE_LISTS.map((l) => [l.name, l]));
    expect(graphEnums.map((e) => e.name).sort()).toEqual([...lists.keys()].sort());
    for (const e of graphEnums) {
      const list = lists.get(e.name)!;
      const codes = Object.entries<Code>(list.codes);
      expect({ enum: e.name, description: e.description }).toEqual({ enum: e.name, description: list.description });
      expect(e.getValues().map((v) => [v.name, v.description])).toEqual(codes.map(([code, c]) => [code, c.description]));
    }
  });

  it('every code has a Chinese label, unique within its list', () => {
    for (const list of GRAPHQL_CODE_LISTS) {
      const labels = Object.values<Code>(list.codes).map((c) => c.label);
      expect({ list: list.name, blank: labels.filter((l) => !/\p{Script=Han}/u.test(l)) }).toEqual({ list: list.name, blank: [] });
      expect({ list: list.name, duplicates: labels.filter((l, i) => labels.indexOf(l) !== i) }).toEqual({
        list: list.name,
        duplicates: [],
      });
    }
  });

  it('the generator writes only codes the lists know', () => {
    const rows = emptyRows();
    for (const h of generateHouseholds({ seed: 11, children: 3000, region: '50', asOf: '2025-09-01', idKey: 'codes-test' })) {
      for (const [agency, tables] of Object.entries(h.rows) as [keyof AgencyRows, Record<string, Record<string, unknown>[]>][]) {
        for (const [table, list] of Object.entries(tables))
          ((rows[agency] as Record<string, Record<string, unknown>[]>)[table] ??= []).push(...list);
      }
    }
    /** Stored value → the list's code (Gender stores 'M'/'F'). */
    const stored = (list: CodeList) => new Set(Object.entries<Code>(list.codes).map(([code, c]) => c.value ?? code));
    const columns: [string, readonly Record<string, unknown>[], string, CodeList][] = [
      ['child_record.categories', rows['civil-affairs'].child_record, 'categories', CHILD_CATEGORY],
      ['child_record.risk_colour', rows['civil-affairs'].child_record, 'risk_colour', RISK_COLOUR],
      ['child_record.gender', rows['civil-affairs'].child_record, 'gender', GENDER],
      ['support.type', rows['civil-affairs'].support, 'type', SUPPORT_TYPE],
      ['visit.method', rows['civil-affairs'].visit, 'method', VISIT_METHOD],
      ['visit.visitor_role', rows['civil-affairs'].visit, 'visitor_role', VISITOR_ROLE],
      ['person.registration_status', rows['public-security'].person, 'registration_status', HUKOU_STATUS],
      ['parent_link.relation', rows['public-security'].parent_link, 'relation', PARENT_RELATION],
      ['custody_record.kind', rows['public-security'].custody_record, 'kind', CUSTODY_KIND],
      ['enrolment.status', rows.education.enrolment, 'status', ENROLMENT_STATUS],
      ['school.level', rows.education.school, 'level', SCHOOL_LEVEL],
      ['insurance_enrolment.subsidy', rows['medical-insurance'].insurance_enrolment, 'subsidy', PREMIUM_SUBSIDY],
      ['insurance_enrolment.subsidy_basis', rows['medical-insurance'].insurance_enrolment, 'subsidy_basis', PREMIUM_SUBSIDY_BASIS],
      ['disability_certificate.type', rows['disabled-persons'].disability_certificate, 'type', DISABILITY_TYPE],
      ['disability_certificate.status', rows['disabled-persons'].disability_certificate, 'status', CERTIFICATE_STATUS],
    ];
    for (const [where, table, column, list] of columns) {
      const known = stored(list);
      const values = table.flatMap((r) => (Array.isArray(r[column]) ? (r[column] as unknown[]) : [r[column]])).filter((v) => v !== null);
      expect({ where, written: values.length > 0 }).toEqual({ where, written: true });
      expect({ where, unknown: [...new Set(values.filter((v) => !known.has(String(v))))] }).toEqual({ where, unknown: [] });
    }
  });

  it('the dashboard keeps no code tables of its own: it shows the lists’ labels (its api.ts builds them with labelsOf)', () => {
    const dir = join(ROOT, 'dashboard', 'src');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    const sources = files.map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const);
    for (const list of GRAPHQL_CODE_LISTS) {
      for (const code of Object.keys(list.codes)) {
        // `CODE: '中文…'`: a translation written out again instead of taken from the list.
        const again = new RegExp(`\\b${code}\\s*:\\s*['"\`]\\p{Script=Han}`, 'u');
        const hits = sources.filter(([, text]) => again.test(text)).map(([f]) => f);
        expect({ code: `${list.name}.${code}`, hits }).toEqual({ code: `${list.name}.${code}`, hits: [] });
      }
    }
  });
});
