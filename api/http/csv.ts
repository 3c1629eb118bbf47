/**
 * A scorecard as CSV for spreadsheets: one row per metric, then one per plan target, level and clause,
 * with a `section` column saying which. Numbers are written in full (JSON's shortest round-trip form);
 * empty cells mean "no value" (null).
 */
import type { Scorecard } from '../../models/scoring/scorecard.js';
import type { Comparison } from '../../models/study/compare.js';

const HEADER = ['section', 'name', 'mean', 'sd', 'ci95_lo', 'ci95_hi', 'p05', 'p10', 'p50', 'p90', 'p95', 'min', 'max', 'n', 'p_met', 'p_met_lo', 'p_met_hi', 'met', 'target', 'declared_in'];

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function scorecardCsv(card: Scorecard): string {
  const rows: unknown[][] = [HEADER];
  const blank = (): unknown[] => HEADER.map(() => null);
  const set = (row: unknown[], col: string, v: unknown): void => {
    row[HEADER.indexOf(col)] = v;
  };
  for (const [name, m] of Object.entries(card.metrics)) {
    const row = blank();
    set(row, 'section', 'metric');
    set(row, 'name', name);
    set(row, 'mean', m.mean);
    set(row, 'sd', m.sd);
    set(row, 'ci95_lo', m.ci95?.[0]);
    set(row, 'ci95_hi', m.ci95?.[1]);
    set(row, 'p05', m.p05);
    set(row, 'p50', m.p50);
    set(row, 'p95', m.p95);
    set(row, 'min', m.min);
    set(row, 'max', m.max);
    set(row, 'n', card.replications);
    rows.push(row);
  }
  for (const t of card.targets) {
    const row = blank();
    set(row, 'section', 'target');
    set(row, 'name', t.label ?? t.metric);
    set(row, 'p_met', t.pMet);
    set(row, 'p_met_lo', t.pMetCi95?.[0]);
    set(row, 'p_met_hi', t.pMetCi95?.[1]);
    set(row, 'met', t.met);
    set(row, 'target', `${t.metric} ${t.op} ${t.value}`);
    rows.push(row);
  }
  for (const [level, l] of Object.entries(card.levels)) {
    const row = blank();
    set(row, 'section', 'level-declared-min');
    set(row, 'name', level);
    set(row, 'p10', l.p10);
    set(row, 'p50', l.p50);
    set(row, 'p90', l.p90);
    set(row, 'declared_in', l.declaredIn);
    rows.push(row);
  }
  for (const [id, a] of Object.entries(card.actions)) {
    const row = blank();
    set(row, 'section', 'clause-start-min');
    set(row, 'name', id);
    set(row, 'p10', a.p10);
    set(row, 'p50', a.p50);
    set(row, 'p90', a.p90);
    set(row, 'n', a.n);
    rows.push(row);
  }
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
