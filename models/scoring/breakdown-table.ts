/**
 * A scorecard's breakdown table as plain rows (header + cells), for the CLI's `drillsim run --by ...`
 * and the HTTP CSV: both print the same rows, so neither re-derives columns or their order.
 *
 * Cells are strings, numbers or null (no value: a column that never held a number, an interval undefined
 * for n < 2); formatting (digits, percent, CSV quoting) is the printer's business.
 */
import { BREAKDOWN_COLUMNS, BREAKDOWN_TABLES, type BreakdownTable } from './breakdown-types.js';
import type { BreakdownResult, BreakdownStats } from './breakdown.js';

/** The words of `drillsim run --by`: the table names, except that `incident` reads better than `incidentType`. */
export const BREAKDOWN_BY = {
  county: 'county',
  shelter: 'shelter',
  team: 'team',
  reserve: 'reserve',
  incident: 'incidentType',
  clause: 'clause',
} as const satisfies Record<string, BreakdownTable>;
export type BreakdownBy = keyof typeof BREAKDOWN_BY;

/** The table a `--by` word names (the table's own name is accepted too); null for any other word. */
export function breakdownTableFor(word: string): BreakdownTable | null {
  if (Object.hasOwn(BREAKDOWN_BY, word)) return BREAKDOWN_BY[word as BreakdownBy];
  return (BREAKDOWN_TABLES as readonly string[]).includes(word) ? (word as BreakdownTable) : null;
}

export type BreakdownCell = string | number | null;

export interface BreakdownRows {
  table: BreakdownTable;
  header: string[];
  rows: BreakdownCell[][];
}

/**
 * - `long` (default; CSV): one line per row and column, every statistic:
 *   `<table>, column, unit, listed, n, mean, sd, ci95_lo, ci95_hi, min, max, wilson_lo, wilson_hi`
 *   (wilson_* only for share columns, else null; unit '' for a column the registry does not describe).
 * - `wide` (terminal): one line per row, `<table>, listed`, then the mean of each column.
 */
export type BreakdownLayout = 'long' | 'wide';

export const LONG_HEADER = ['column', 'unit', 'listed', 'n', 'mean', 'sd', 'ci95_lo', 'ci95_hi', 'min', 'max', 'wilson_lo', 'wilson_hi'] as const;

/**
 * Columns in a stable order: the registry's (breakdown-types.ts) first, in its order, then any others
 * (a module's own) in the order the rows first show them. Rows keep the scorecard's order.
 */
function columnOrder(table: BreakdownTable, rows: ReadonlyArray<Record<string, BreakdownStats>>): string[] {
  const known = Object.keys(BREAKDOWN_COLUMNS[table]);
  const seen = new Set<string>();
  for (const row of rows) for (const c of Object.keys(row)) seen.add(c);
  return [...known.filter((c) => seen.has(c)), ...[...seen].filter((c) => !known.includes(c))];
}

function unitOf(table: BreakdownTable, column: string): string {
  const columns = BREAKDOWN_COLUMNS[table];
  return Object.hasOwn(columns, column) ? columns[column]!.unit : '';
}

/** Every column of a row was listed in the same replications; null for a row without columns. */
function listedOf(row: Record<string, BreakdownStats>): number | null {
  const first = Object.values(row)[0];
  return first === undefined ? null : first.listed;
}

export function breakdownRows(card: { breakdown: BreakdownResult }, table: BreakdownTable, layout: BreakdownLayout = 'long'): BreakdownRows {
  const entries = Object.entries(card.breakdown[table]);
  const columns = columnOrder(
    table,
    entries.map(([, row]) => row),
  );
  if (layout === 'wide') {
    return {
      table,
      header: [table, 'listed', ...columns],
      rows: entries.map(([id, row]) => [id, listedOf(row), ...columns.map((c) => (Object.hasOwn(row, c) ? row[c]!.mean : null))]),
    };
  }
  const rows: BreakdownCell[][] = [];
  for (const [id, row] of entries) {
    for (const c of columns) {
      if (!Object.hasOwn(row, c)) continue;
      const s = row[c]!;
      rows.push([id, c, unitOf(table, c), s.listed, s.n, s.mean, s.sd, s.ci95?.[0] ?? null, s.ci95?.[1] ?? null, s.min, s.max, s.pCi95?.[0] ?? null, s.pCi95?.[1] ?? null]);
    }
  }
  return { table, header: [table, ...LONG_HEADER], rows };
}
