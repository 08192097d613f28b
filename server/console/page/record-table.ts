/// <reference lib="dom" />
// Stored records of unknown shape as a table: one column per attribute, in
// the order they first appear; nested values (and null) as compact JSON.
import { type Child, h } from './dom.ts';

/** A value as one line: null says so; an absent attribute is an empty cell. */
export const cellText = (value: unknown): string => {
  if (value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

export interface RecordTableOptions<T> {
  /** Attributes not to show as columns. */
  omit?: readonly string[];
  /** Extra columns after the attributes. */
  extra?: Array<{ title: string; cell: (record: T) => Child[] }>;
  /** Per-row decoration (a class, data attributes). */
  decorate?: (row: HTMLTableRowElement, record: T) => void;
  /** Content put first in each row's first cell (a badge). */
  lead?: (record: T) => Child[];
  testId?: string;
}

export function recordTable<T extends Record<string, unknown>>(records: readonly T[], options: RecordTableOptions<T> = {}): HTMLElement {
  if (records.length === 0) return h('p', { className: 'note' }, 'none');
  const omit = new Set(options.omit ?? []);
  const columns = [...new Set(records.flatMap((record) => Object.keys(record)))].filter((column) => !omit.has(column));
  const extra = options.extra ?? [];
  const head = h('tr', {}, ...columns.map((column) => h('th', {}, column)), ...extra.map((column) => h('th', {}, column.title)));
  const rows = records.map((record) => {
    const cells = columns.map((column) => h('td', { attrs: { 'data-col': column } }, cellText(record[column])));
    if (options.lead && cells[0]) cells[0].prepend(h('span', {}, ...options.lead(record)));
    const row = h('tr', {}, ...cells, ...extra.map((column) => h('td', {}, ...column.cell(record))));
    options.decorate?.(row, record);
    return row;
  });
  return h(
    'table',
    { className: 'records', ...(options.testId ? { testId: options.testId } : {}) },
    h('thead', {}, head),
    h('tbody', {}, ...rows),
  );
}

/** One record as a two-column table: attribute, value. */
export function fieldTable(record: Record<string, unknown>, testId?: string): HTMLElement {
  return h(
    'table',
    { className: 'fields', ...(testId ? { testId } : {}) },
    h(
      'tbody',
      {},
      ...Object.entries(record).map(([name, value]) =>
        h('tr', { attrs: { 'data-field': name } }, h('td', {}, name), h('td', { className: 'mono' }, cellText(value))),
      ),
    ),
  );
}
