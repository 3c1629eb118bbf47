/**
 * The scorecard as terminal text (`drillsim run` without --json): metrics with their 95 % CI and 5-95 %
 * range, the plan's targets with P(met) and the verdict, and when levels were declared and clauses started,
 * as local times in the scenario's own offset (a Leshan scenario prints Beijing time).
 */
import { METRIC_INFO } from '../../../models/scoring/metrics.js';
import type { Scorecard } from '../../../models/scoring/scorecard.js';
import { formatInstant } from '../../../models/schema/units.js';
import { formatInterval, formatNumber, formatPercent } from './numbers.js';
import { renderTable } from './table.js';
import { breakdownRows, type BreakdownCell } from '../../../models/scoring/breakdown-table.js';
import type { BreakdownTable } from '../../../models/scoring/breakdown-types.js';

function range(lo: number | null, hi: number | null): string {
  return lo === null || hi === null ? '-' : `${formatNumber(lo)} .. ${formatNumber(hi)}`;
}

export function renderScorecard(card: Scorecard): string {
  const at = (t: number | null): string => (t === null ? '-' : formatInstant(t, card.start));
  const out: string[] = [];
  const n = card.replications;
  out.push(`scenario ${card.scenario}, plan ${card.plan}, seed ${JSON.stringify(card.seed)}, ${n} replication${n === 1 ? '' : 's'}`);
  out.push('');
  out.push(
    renderTable(
      [{ header: 'metric' }, { header: 'unit' }, { header: 'mean', align: 'right' }, { header: '95 % CI', align: 'right' }, { header: 'p05 .. p95' }],
      // The scorecard's own metrics: a registry with more modules (tests, other builds) shows theirs too.
      Object.entries(card.metrics).map(([name, m]) => {
        // The t-interval is symmetric: '± half-width' reads better than [lo, hi] with thousands separators.
        const half = m.ci95 === null ? '-' : `± ${formatNumber((m.ci95[1] - m.ci95[0]) / 2)}`;
        return [name, METRIC_INFO[name]?.unit ?? '', formatNumber(m.mean), half, range(m.p05, m.p95)];
      }),
    ),
  );
  if (card.targets.length > 0) {
    out.push('');
    out.push(
      renderTable(
        [{ header: 'target' }, { header: 'P(met)', align: 'right' }, { header: '95 % CI (Wilson)' }, { header: 'verdict' }, { header: 'source' }],
        card.targets.map((t) => [
          `${t.metric} ${t.op} ${formatNumber(t.value)}${t.label !== undefined ? ` (${t.label})` : ''}`,
          formatPercent(t.pMet),
          formatInterval(t.pMetCi95, formatPercent),
          t.verdict === null ? '-' : t.verdict === 'not met' ? 'NOT MET' : t.verdict,
          t.source ?? '',
        ]),
      ),
    );
    const confidence = formatPercent(card.targets[0]!.confidence);
    out.push(
      `verdict: met when the 95 % interval of P(met) lies at or above ${confidence} (the plan's confidence), NOT MET when it lies below, ` +
        'uncertain in between (run more replications); annual indicators are shown, not judged on one event',
    );
  }
  const levels = Object.entries(card.levels);
  if (levels.length > 0) {
    out.push('');
    out.push(
      renderTable(
        [{ header: 'level' }, { header: 'declared in', align: 'right' }, { header: 'first declared p10' }, { header: 'p50' }, { header: 'p90' }],
        levels.map(([level, l]) => [level, formatPercent(l.declaredIn), at(l.p10), at(l.p50), at(l.p90)]),
      ),
    );
  }
  const actions = Object.entries(card.actions);
  if (actions.length > 0) {
    out.push('');
    out.push(
      renderTable(
        [
          { header: 'clause' },
          { header: 'carried out', align: 'right' },
          { header: 'started p10' },
          { header: 'p50' },
          { header: 'p90' },
          { header: 'completed', align: 'right' },
          { header: 'completed p50' },
          { header: 'P(on time)', align: 'right' },
          { header: '95 % CI (Wilson)' },
        ],
        actions.map(([id, a]) => [
          id,
          `${a.n}/${n}`,
          at(a.p10),
          at(a.p50),
          at(a.p90),
          formatPercent(a.completed),
          at(a.completedP50 === null ? null : Math.round(a.completedP50)),
          a.withDeadline > 0 ? formatPercent(a.pOnTime) : 'no deadline',
          formatInterval(a.pOnTimeCi95, formatPercent),
        ]),
      ),
    );
    out.push('completed: the action\'s own completion rule was met by the horizon; on time: completed by the clause\'s deadline');
  }
  return `${out.join('\n')}\n`;
}

/** One breakdown table of a scorecard for the terminal (`drillsim run --by ...`): the mean of each column per row. */
export function renderBreakdown(card: Scorecard, table: BreakdownTable): string {
  const { header, rows } = breakdownRows(card, table, 'wide');
  const cell = (v: BreakdownCell): string => (v === null ? '-' : typeof v === 'number' ? formatNumber(v) : v);
  const lines = [
    `${card.scenario} under ${card.plan}, seed ${card.seed}, ${card.replications} replications: mean per ${table} row`,
    renderTable(
      header.map((h, i) => ({ header: h, ...(i > 0 ? { align: 'right' as const } : {}) })),
      rows.map((r) => r.map(cell)),
    ),
  ];
  if (rows.length === 0) lines.push(`(no ${table} rows)`);
  return `${lines.join('\n')}\n`;
}
