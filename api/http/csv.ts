/**
 * A scorecard as CSV for spreadsheets: one row per metric, then one per plan target, level and clause,
 * with a `section` column saying which. Numbers are written in full (JSON's shortest round-trip form);
 * empty cells mean "no value" (null).
 */
import type { Scorecard } from '../../models/scoring/scorecard.js';
import type { Comparison } from '../../models/study/compare.js';

const HEADER = ['section', 'name', 'mean', 'sd', 'ci95_lo', 'ci95_hi', 'p05', 'p10', 'p50', 'p90', 'p95', 'min', 'max', 'n', 'p_met', 'p_met_lo', 'p_met_hi', 'met', 'target', 'declared_in'] as const;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
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
      met: t.met,
      target: `${t.metric} ${t.op} ${t.value}`,
    });
  }
  for (const [level, l] of Object.entries(card.levels)) {
    records.push({ section: 'level-declared-min', name: level, p10: l.p10, p50: l.p50, p90: l.p90, declared_in: l.declaredIn });
  }
  for (const [id, a] of Object.entries(card.actions)) {
    records.push({ section: 'clause-start-min', name: id, p10: a.p10, p50: a.p50, p90: a.p90, n: a.n });
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
