/**
 * The batch's charts, drawn with vega-embed from the server's vega-lite specs (GET
 * /v1/batches/:id/charts/:name.json): the same specs the server renders to SVG. This module and vega are a
 * chunk of their own, loaded once a scorecard is shown. Rendered as SVG, so each chart's marks are in the
 * page (and its title is the image's label for screen readers).
 */
import embed from 'vega-embed';
// ast: vega's expressions are interpreted (vega-interpreter), not compiled with new Function: the page's CSP has no 'unsafe-eval'.
import { getJson } from '../api.js';
import { h } from '../dom.js';
import type { Comparison } from './scorecard.js';
import { t } from '../i18n.js';

interface ChartInfo {
  name: string;
  title: string;
  available: boolean;
  reason?: string;
  json: string;
}

export async function renderCharts(root: HTMLElement, batch: string, signal: AbortSignal): Promise<void> {
  const { items } = await getJson<{ items: ChartInfo[] }>(`/v1/batches/${batch}/charts`);
  const grid = h('div', { class: 'charts' });
  root.append(grid);
  for (const c of items) {
    if (signal.aborted) return;
    const figure = h('figure', { class: 'chart', 'data-chart': c.name });
    grid.append(figure);
    if (!c.available) {
      figure.append(h('figcaption', {}, `${c.title}: ${t('chartUnavailable')}${c.reason !== undefined ? ` (${c.reason})` : ''}`));
      continue;
    }
    const holder = h('div', { role: 'img', 'aria-label': c.title });
    figure.append(holder, h('figcaption', {}, c.title));
    try {
      const spec = await getJson<Record<string, unknown>>(c.json);
      await embed(holder, spec as never, { renderer: 'svg', ast: true, actions: { export: true, source: false, compiled: false, editor: false }, tooltip: true });
    } catch (err) {
      figure.append(h('p', { class: 'status bad' }, String((err as Error).message ?? err)));
    }
  }
}

/**
 * Plan A against plan B: the server draws no chart for a comparison, so this one is built here, from the
 * comparison itself: per metric, the share of replications in which B did better, with its 95 % interval
 * (one scale for every metric, whatever its unit; 0.5 is a tie).
 */
export async function renderComparisonChart(root: HTMLElement, c: Comparison): Promise<void> {
  const values = Object.entries(c.metrics)
    .filter(([, m]) => m.pBBetter !== null)
    .map(([metric, m]) => ({ metric, p: m.pBBetter, lo: m.pBBetterCi95?.[0] ?? m.pBBetter, hi: m.pBBetterCi95?.[1] ?? m.pBBetter }));
  const title = `P(${c.planB} better than ${c.planA})`;
  const holder = h('div', { role: 'img', 'aria-label': title });
  root.append(h('figure', { class: 'chart', 'data-chart': 'compare' }, holder, h('figcaption', {}, title)));
  const metricAxis = { field: 'metric', type: 'nominal', sort: null, title: null };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 420,
    data: { values },
    layer: [
      { mark: { type: 'rule' }, encoding: { y: metricAxis, x: { field: 'lo', type: 'quantitative', scale: { domain: [0, 1] }, title: 'share of replications' }, x2: { field: 'hi' } } },
      { mark: { type: 'point', filled: true, size: 60 }, encoding: { y: metricAxis, x: { field: 'p', type: 'quantitative' } } },
      // A tie: a vertical rule at 0.5 over the whole height.
      { data: { values: [{ x: 0.5 }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#888' }, encoding: { x: { field: 'x', type: 'quantitative' } } },
    ],
  };
  await embed(holder, spec as never, { renderer: 'svg', ast: true, actions: { export: true, source: false, compiled: false, editor: false } });
}
