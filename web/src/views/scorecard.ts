/**
 * The scorecard of a score batch (`drillsim run --json`): metrics with their 95 % intervals, targets with
 * their verdicts, level and clause timing, and the breakdown tables (county, shelter, team, reserve,
 * incident type, clause), each sortable by any column with the mouse or the keyboard (the header buttons).
 * Plain DOM tables: a 1,000-replication scorecard is the same size as a 10-replication one (the server
 * sends summaries, not replications), so it draws in milliseconds (docs/performance.md).
 */
import { fill, h, minutes, num, type Child } from '../dom.js';
import { t, word } from '../i18n.js';

interface Stats {
  mean: number;
  sd?: number;
  ci95: [number, number] | null;
  p05?: number;
  p50?: number;
  p95?: number;
  min?: number;
  max?: number;
  n?: number;
}

export interface Scorecard {
  scenario: string;
  plan: string;
  replications: number;
  metrics: Record<string, Stats>;
  targets: Array<{ metric: string; op: string; value: number; pMet: number; pMetCi95: [number, number]; verdict: string; label?: string }>;
  levels: Record<string, { declaredIn: number; p10: number | null; p50: number | null; p90: number | null }>;
  actions: Record<string, { n: number; p10: number | null; p50: number | null; p90: number | null; completed: number; pOnTime: number | null; withDeadline: number }>;
  breakdown: Record<string, Record<string, Record<string, Stats & { listed?: number }>>>;
}

/** `drillsim compare --json`: plans A and B on common random numbers; D = B - A per replication. */
export interface Comparison {
  scenario: string;
  planA: string;
  planB: string;
  replications: number;
  metrics: Record<
    string,
    {
      direction: 'lower-is-better' | 'higher-is-better';
      meanA: number | null;
      meanB: number | null;
      difference: { mean: number | null; ci95: [number, number] | null };
      pBBetter: number | null;
      pBBetterCi95: [number, number] | null;
    }
  >;
}

type Cell = { sort: number | string; view: Child };

/** A table whose column headers are buttons that sort it (aria-sort says how it is sorted). */
export function sortableTable(caption: string, headers: string[], rows: Cell[][], id?: string): HTMLElement {
  const table = h('table', { class: 'data', ...(id !== undefined ? { id } : {}) });
  const tbody = h('tbody');
  let sortCol = -1;
  let dir = 1;
  const ths = headers.map((label, i) =>
    h(
      'th',
      { scope: 'col', 'aria-sort': 'none' },
      h(
        'button',
        {
          type: 'button',
          class: 'sort',
          onclick: () => {
            dir = sortCol === i ? -dir : 1;
            sortCol = i;
            ths.forEach((th, j) => th.setAttribute('aria-sort', j === i ? (dir > 0 ? 'ascending' : 'descending') : 'none'));
            draw();
          },
        },
        label,
      ),
    ),
  );
  const draw = (): void => {
    const sorted = sortCol < 0 ? rows : [...rows].sort((a, b) => compare(a[sortCol]!.sort, b[sortCol]!.sort) * dir);
    fill(tbody, sorted.map((r) => h('tr', {}, r.map((c, j) => (j === 0 ? h('th', { scope: 'row' }, c.view) : h('td', {}, c.view))))));
  };
  draw();
  fill(table, h('caption', {}, caption), h('thead', {}, h('tr', {}, ths)), tbody);
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption }, table);
}

function compare(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return (Number.isNaN(a) ? -Infinity : a) - (Number.isNaN(b) ? -Infinity : b);
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

const text = (s: string): Cell => ({ sort: s, view: s });
const number = (x: number | null | undefined, format: (v: number | null | undefined) => string = num): Cell => ({ sort: x ?? Number.NaN, view: format(x) });
const interval = (ci: [number, number] | null | undefined): Cell => ({ sort: ci?.[0] ?? Number.NaN, view: ci === null || ci === undefined ? '–' : `${num(ci[0])} – ${num(ci[1])}` });

export function renderScorecard(root: HTMLElement, sc: Scorecard): void {
  const parts: Child[] = [h('h3', {}, `${t('scorecard')}: ${sc.scenario} · ${sc.plan} · n = ${num(sc.replications)}`)];
  parts.push(
    sortableTable(
      t('metrics'),
      [t('metric'), t('mean'), t('ci95'), t('p05'), t('p50'), t('p95')],
      Object.entries(sc.metrics).map(([name, m]) => [text(name), number(m.mean), interval(m.ci95), number(m.p05), number(m.p50), number(m.p95)]),
      'metrics-table',
    ),
  );
  if (sc.targets.length > 0) {
    parts.push(
      sortableTable(
        t('targets'),
        [t('target'), t('metric'), t('pMet'), t('ci95'), t('verdict')],
        sc.targets.map((g) => [
          text(g.label ?? `${g.metric} ${g.op} ${g.value}`),
          text(`${g.metric} ${g.op} ${num(g.value)}`),
          number(g.pMet),
          interval(g.pMetCi95),
          { sort: g.verdict, view: h('span', { class: `verdict ${g.verdict.replace(' ', '-')}` }, word(g.verdict)) },
        ]),
        'targets-table',
      ),
    );
  }
  parts.push(
    sortableTable(
      t('levels'),
      [t('level'), t('declaredIn'), 'p10', 'p50', 'p90'],
      Object.entries(sc.levels).map(([level, l]) => [text(level), number(l.declaredIn), number(l.p10, minutes), number(l.p50, minutes), number(l.p90, minutes)]),
    ),
  );
  parts.push(
    sortableTable(
      t('clauses'),
      [t('clause'), 'n', 'p10', 'p50', 'p90', t('completed'), t('onTime')],
      Object.entries(sc.actions).map(([id, a]) => [text(id), number(a.n), number(a.p10, minutes), number(a.p50, minutes), number(a.p90, minutes), number(a.completed), number(a.pOnTime)]),
    ),
  );
  parts.push(h('h3', {}, t('breakdown')));
  for (const [table, rows] of Object.entries(sc.breakdown)) {
    const ids = Object.keys(rows);
    if (ids.length === 0) continue;
    const build = (): HTMLElement => {
      const columns = [...new Set(ids.flatMap((r) => Object.keys(rows[r]!)))];
      return sortableTable(
        `${t('breakdown')}: ${table} (${t('mean')})`,
        [table, ...columns],
        ids.map((r) => [text(r), ...columns.map((c) => number(rows[r]![c]?.mean ?? null))]),
        `breakdown-${table}`,
      );
    };
    // The county table is open; the others (shelters and reserves run to a hundred rows of twenty columns)
    // are built when first opened.
    const open = table === 'county';
    const details = h('details', { class: 'breakdown', open }, h('summary', {}, `${table} (${ids.length})`), open ? build() : null);
    if (!open) {
      details.addEventListener('toggle', () => {
        if (details.open && details.querySelector('table') === null) details.append(build());
      });
    }
    parts.push(details);
  }
  fill(root, ...parts);
}

export function renderComparison(root: HTMLElement, c: Comparison): void {
  fill(
    root,
    h('h3', {}, `${t('comparison')}: ${c.scenario} · A = ${c.planA} · B = ${c.planB} · n = ${num(c.replications)}`),
    sortableTable(
      t('comparison'),
      [t('metric'), 'A', 'B', 'B − A', t('ci95'), t('pBBetter')],
      Object.entries(c.metrics).map(([name, m]) => [
        text(`${name} (${m.direction === 'lower-is-better' ? '↓' : '↑'})`),
        number(m.meanA),
        number(m.meanB),
        number(m.difference.mean),
        interval(m.difference.ci95),
        number(m.pBBetter),
      ]),
      'comparison-table',
    ),
  );
}
