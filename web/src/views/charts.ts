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
