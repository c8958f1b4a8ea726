import type { ColumnType } from './tables';

/**
 * PostgreSQL COPY text format (the default of `COPY … FROM STDIN`): columns separated by tabs, rows
 * by newlines, NULL as \N, and backslash, tab, newline and carriage return escaped with a backslash.
 * Arrays are array literals ({"a","b"}) whose quotes and backslashes are escaped for the array
 * parser first, then the whole literal for COPY.
 */
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const COPY_NULL = '\\N';

function escapeCopyText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch]) : s;
}

function arrayLiteral(items: readonly (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < items.length; i++) {
    if (i) out += ',';
    const item = items[i];
    out += item === null ? 'NULL' : `"${item.replace(/["\\]/g, '\\$&')}"`;
  }
  return `${out}}`;
}

function encodeValue(value: unknown, type: ColumnType): string {
  if (value === null || value === undefined) return COPY_NULL;
  switch (type) {
    case 'text':
      return escapeCopyText(String(value));
    case 'date':
      // Generated as YYYY-MM-DD: nothing to escape.
      return String(value);
    case 'int':
    case 'numeric': {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`not a finite number: ${String(value)}`);
      return String(value);
    }
    case 'bool':
      return value ? 't' : 'f';
    case 'text[]':
      if (!Array.isArray(value)) throw new Error(`not an array: ${String(value)}`);
      return escapeCopyText(arrayLiteral(value as (string | null)[]));
  }
}

/** Encodes rows of one table into COPY text lines (each ending in a newline). */
export function encodeRows(rows: readonly Record<string, unknown>[], columns: readonly (readonly [string, ColumnType])[]): string {
  let out = '';
  const n = columns.length;
  for (const row of rows) {
    for (let i = 0; i < n; i++) {
      const [name, type] = columns[i];
      out += encodeValue(row[name], type);
      out += i === n - 1 ? '\n' : '\t';
    }
  }
  return out;
}
