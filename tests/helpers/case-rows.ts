import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENCIES, type Agency } from '@hub/domain';
import { columnsOf, tableNames, type AgencyRows } from '@hub/population';
import { Client } from 'pg';
import type { HubInfo } from './hub';

/**
 * Hand-made agency rows (tests/cases/crosscheck-cases.ts) written into a running hub's own agency databases,
 * beside the test population, and deleted again by the prefix every id, number and code of a case starts with.
 */

const DATABASES: Record<Agency, string> = {
  'civil-affairs': 'hub_civil_affairs',
  'public-security': 'hub_public_security',
  education: 'hub_education',
  health: 'hub_health',
  'medical-insurance': 'hub_medical_insurance',
  'disabled-persons': 'hub_disabled_persons',
};

/** Agencies that keep a `subject_region` row for every person they hold records about (as the generator writes them). */
const KEEPERS = ['public-security', 'education', 'health', 'medical-insurance', 'disabled-persons'] as const;

/** Columns that hold an id, number or code a case introduces: a row is the case's when one of them starts with its prefix. */
const KEY_COLUMNS = new Set(['id', 'person_id', 'child_id', 'parent_id', 'household_no', 'code', 'certificate_no', 'permit_no']);

type Row = Record<string, unknown>;

/** The condition on a table's key columns that selects a case's rows (`$1` the prefix); null for a table without any. */
function ofPrefix(agency: Agency, table: string): string | null {
  const keys = columnsOf(agency, table)
    .map(([c]) => c)
    .filter((c) => KEY_COLUMNS.has(c));
  return keys.length ? keys.map((k) => `starts_with(${k}, $1)`).join(' OR ') : null;
}

/** The number of rows of all agencies' tables. */
export function rowCount(rows: AgencyRows): number {
  return AGENCIES.reduce((n, a) => n + Object.values(tablesOf(rows, a)).reduce((m, list) => m + list.length, 0), 0);
}

function tablesOf(rows: AgencyRows, agency: Agency): Record<string, Row[]> {
  return rows[agency] as unknown as Record<string, Row[]>;
}

/**
 * The rows with each keeping agency's `subject_region` filled in the way the generator's loader fills it
 * (population/src/derive/subject-regions.ts): one row per person of the household that the agency holds a
 * record about, with the person's hukou village and the place they live. The place is taken from the rows:
 * the welfare record's residence, else the person's latest residence permit, else the hukou village. Rows
 * the case already gives are kept. Without these rows the agencies would not show their records to the
 * caller's jurisdiction.
 */
export function withSubjectRegions(rows: AgencyRows): AgencyRows {
  const out = structuredClone(rows);
  const places = new Map<string, { hukou: string | null; residence: string | null }>();
  for (const r of rows['civil-affairs'].child_record)
    if (r.id !== null) places.set(r.id, { hukou: r.hukou_region, residence: r.residence_region });
  for (const p of rows['public-security'].person) {
    if (p.id === null) continue;
    const latestPermit = rows['public-security'].residence_permit
      .filter((x) => x.person_id === p.id && x.region !== null)
      .sort((a, b) => ((a.issued_on ?? '') < (b.issued_on ?? '') ? 1 : -1))[0];
    const onLedger = places.get(p.id);
    places.set(p.id, { hukou: p.hukou_region, residence: onLedger?.residence ?? latestPermit?.region ?? p.hukou_region });
  }
  for (const agency of KEEPERS) {
    const seen = new Set<string>();
    for (const [table, list] of Object.entries(tablesOf(rows, agency))) {
      if (table === 'subject_region' || table === 'school') continue;
      for (const row of list) {
        const id = agency === 'public-security' ? (table === 'person' ? row.id : undefined) : (row.person_id ?? row.child_id);
        if (typeof id === 'string' && places.has(id)) seen.add(id);
      }
    }
    const subjects = out[agency].subject_region;
    const given = new Set(subjects.map((s) => s.person_id));
    for (const id of [...seen].sort()) {
      const place = places.get(id)!;
      if (given.has(id) || place.residence === null) continue;
      subjects.push({ person_id: id, hukou_region: place.hukou, residence_region: place.residence });
    }
  }
  return out;
}

/** One connection to each agency's database of a running hub, as its operator (the password is in the hub's secrets). */
export class AgencyDatabases {
  private constructor(private readonly clients: Record<Agency, Client>) {}

  static async connect(info: HubInfo): Promise<AgencyDatabases> {
    const { postgresPassword } = JSON.parse(readFileSync(join(info.dataDir, 'secrets.json'), 'utf8')) as { postgresPassword: string };
    const clients = {} as Record<Agency, Client>;
    try {
      for (const agency of AGENCIES) {
        const client = new Client({
          connectionString: `postgres://postgres:${encodeURIComponent(postgresPassword)}@127.0.0.1:${info.pgPort}/${DATABASES[agency]}`,
        });
        await client.connect();
        clients[agency] = client;
      }
    } catch (e) {
      await Promise.all(Object.values(clients).map((c) => c.end()));
      throw e;
    }
    return new AgencyDatabases(clients);
  }

  /**
   * Every table with rows, in each agency's foreign-key-safe order: `INSERT INTO <table> (<the row's columns>)`.
   * Columns the rows do not name (the identity `id`s) take their defaults; text[] columns take JS arrays, dates
   * 'YYYY-MM-DD' strings. One transaction per agency.
   */
  async insert(rows: AgencyRows): Promise<void> {
    for (const agency of AGENCIES) {
      const client = this.clients[agency];
      const tables = tablesOf(rows, agency);
      await client.query('BEGIN');
      try {
        for (const table of tableNames(agency)) {
          const list = tables[table];
          if (!list.length) continue;
          const columns = [...new Set(list.flatMap((r) => Object.keys(r)))];
          const values: unknown[] = [];
          const tuples = list.map((r) => `(${columns.map((c) => `$${values.push(r[c] ?? null)}`).join(', ')})`);
          await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
        }
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`${agency}: ${(e as Error).message}`, { cause: e });
      }
    }
  }

  /** Deletes every row of every agency whose id, number or code starts with the prefix (children before parents). */
  async remove(prefix: string): Promise<void> {
    for (const agency of AGENCIES)
      for (const table of [...tableNames(agency)].reverse()) {
        const where = ofPrefix(agency, table);
        if (where) await this.clients[agency].query(`DELETE FROM ${table} WHERE ${where}`, [prefix]);
      }
  }

  /** How many rows of all agencies `remove(prefix)` would delete. */
  async count(prefix: string): Promise<number> {
    let n = 0;
    for (const agency of AGENCIES)
      for (const table of tableNames(agency)) {
        const where = ofPrefix(agency, table);
        if (!where) continue;
        const { rows } = await this.clients[agency].query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, [
          prefix,
        ]);
        n += rows[0].n;
      }
    return n;
  }

  async end(): Promise<void> {
    await Promise.all(Object.values(this.clients).map((c) => c.end()));
  }
}
