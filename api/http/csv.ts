/**
 * A scorecard as CSV for spreadsheets: one row per metric, then one per plan target, level and clause
 * (start, completion and P(on time)), then the breakdown (section `breakdown-<table>`, one row per table
 * row and column, as models/scoring/breakdown-table.ts lays it out), with a `section` column saying which. Numbers are written in full (JSON's shortest round-trip form);
 * empty cells mean "no value" (null).
 */
import { breakdownRows } from '../../models/scoring/breakdown-table.js';
import { BREAKDOWN_TABLES } from '../../models/scoring/breakdown-types.js';
import type { Scorecard } from '../../models/scoring/scorecard.js';
import type { Comparison } from '../../models/study/compare.js';

const HEADER = [
  'section',
  'name',
  'mean',
  'sd',
  'ci95_lo',
  'ci95_hi',
  'p05',
  'p10',
  'p50',
  'p90',
  'p95',
  'min',
  'max',
  'n',
  'p_met',
  'p_met_lo',
  'p_met_hi',
  'met',
  'target',
  'declared_in',
  // Breakdown rows: the column of the table row, its unit, and the replications that listed the row.
  'column',
  'unit',
  'listed',
] as const;

/**
 * Text cells a spreadsheet would run as a formula (OWASP "CSV injection": a leading =, +, - or @, and tab
 * or carriage return, which some spreadsheets strip first) get a leading single quote, so a target label
 * such as `=HYPERLINK(...)` from a stored plan shows as text. Numbers are written as numbers: -1.5 is not
 * a formula, and quoting it would turn it into text in every spreadsheet.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  if (typeof v !== 'number' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

type Column = (typeof HEADER)[number];

export function scorecardCsv(card: Scorecard): string {
  // One object per row, keyed by column; absent columns are empty cells.
  const records: Array<Partial<Record<Column, unknown>>> = [];
  for (const [name, m] of Object.entries(card.metrics)) {
    records.push({
      section: 'metric',
      name,
      mean: m.mean,
      sd: m.sd,
      ci95_lo: m.ci95?.[0],
      ci95_hi: m.ci95?.[1],
      p05: m.p05,
      p50: m.p50,
      p95: m.p95,
      min: m.min,
      max: m.max,
      n: card.replications,
    });
  }
  for (const t of card.targets) {
    records.push({
      section: 'target',
      name: t.label ?? t.metric,
      p_met: t.pMet,
      p_met_lo: t.pMetCi95?.[0],
      p_met_hi: t.pMetCi95?.[1],
      met: t.verdict,
      target: `${t.metric} ${t.op} ${t.value}`,
    });
  }
  for (const [level, l] of Object.entries(card.levels)) {
    records.push({ section: 'level-declared-min', name: level, p10: l.p10, p50: l.p50, p90: l.p90, declared_in: l.declaredIn });
  }
  for (const [id, a] of Object.entries(card.actions)) {
    records.push({ section: 'clause-start-min', name: id, p10: a.p10, p50: a.p50, p90: a.p90, n: a.n });
    records.push({ section: 'clause-completed-min', name: id, p10: a.completedP10, p50: a.completedP50, p90: a.completedP90, mean: a.completed });
    if (a.withDeadline > 0) records.push({ section: 'clause-on-time', name: id, n: a.withDeadline, p_met: a.pOnTime, p_met_lo: a.pOnTimeCi95?.[0], p_met_hi: a.pOnTimeCi95?.[1] });
  }
  for (const table of BREAKDOWN_TABLES) {
    // Long layout: [row, column, unit, listed, n, mean, sd, ci95_lo, ci95_hi, min, max, wilson_lo, wilson_hi].
    for (const r of breakdownRows(card, table, 'long').rows) {
      const [name, column, unit, listed, n, mean, sd, lo, hi, min, max, wlo, whi] = r;
      records.push({ section: `breakdown-${table}`, name, column, unit, listed, n, mean, sd, ci95_lo: lo, ci95_hi: hi, min, max, p_met_lo: wlo, p_met_hi: whi });
    }
  }
  const rows: unknown[][] = [[...HEADER], ...records.map((r) => HEADER.map((col) => r[col]))];
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

const COMPARE_HEADER = ['metric', 'direction', 'mean_a', 'mean_b', 'diff_mean', 'diff_sd', 'diff_ci95_lo', 'diff_ci95_hi', 'p_b_better', 'p_b_better_lo', 'p_b_better_hi', 'b_better', 'a_better', 'ties'];

/** A comparison as CSV: one row per metric, D = B - A. */
export function comparisonCsv(c: Comparison): string {
  const rows: unknown[][] = [COMPARE_HEADER];
  for (const [name, m] of Object.entries(c.metrics)) {
    rows.push([
      name,
      m.direction,
      m.meanA,
      m.meanB,
      m.difference.mean,
      m.difference.sd,
      m.difference.ci95?.[0],
      m.difference.ci95?.[1],
      m.pBBetter,
      m.pBBetterCi95?.[0],
      m.pBBetterCi95?.[1],
      m.bBetter,
      m.aBetter,
      m.ties,
    ]);
  }
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
