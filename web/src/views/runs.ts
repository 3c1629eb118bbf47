/**
 * Runs: start a batch (replications or a precision rule, seed, workers), follow its progress live (the
 * server-sent events of GET /v1/batches/:id/events), cancel it, and when it is done show the scorecard
 * (scorecard.ts) and the charts (charts.ts, vega-embed in a chunk of its own).
 */
import { ApiFailure, getJson, getText, send, streamEvents } from '../api.js';
import { announce, download, fill, h, num } from '../dom.js';
import { t, word } from '../i18n.js';
import type { Cleanup } from '../main.js';
import { renderComparison, renderScorecard, type Comparison, type Scorecard } from './scorecard.js';

interface Summary {
  id: string;
  builtin: boolean;
  title: string | null;
}

export interface BatchView {
  id: string;
  kind: string;
  status: string;
  scenario: { id: string };
  plans: Array<{ id: string }>;
  seed: number | string;
  replications: number;
  progress: { done: number; total: number };
  partial: boolean;
  createdAt: string;
  error?: { message: string };
}

/**
 * Metrics a precision rule may name here: those every scenario scores (the toll and the response's). A
 * hazard's own metric belongs to scenarios with that hazard; the API refuses it elsewhere (422).
 */
const METRICS = ['deaths', 'injured', 'evacuated', 'unservedIncidents', 'responseTimeP50Min', 'responseTimeP90Min', 'unmetReliefPersonDays'];

export default async function runs(root: HTMLElement, args: string[]): Promise<Cleanup> {
  const stop = new AbortController();
  const formHost = h('div');
  const list = h('section', { 'aria-labelledby': 'h-batches', class: 'batch-list' }, h('h2', { id: 'h-batches' }, t('batches')));
  const detail = h('section', { class: 'batch-detail', 'aria-label': t('batch') });
  root.append(h('div', { class: 'split runs' }, h('div', {}, formHost, list), detail));
  // The batch first: its scorecard is what a link to it is for; the form's lists come alongside.
  if (args[0] !== undefined) void showBatch(detail, args[0], stop.signal);
  else detail.append(h('p', { class: 'muted' }, t('pickBatch')));
  void Promise.all([getJson<{ items: Summary[] }>('/v1/scenarios').then((r) => r.items), getJson<{ items: Summary[] }>('/v1/plans').then((r) => r.items)]).then(([scenarios, plans]) =>
    formHost.append(startForm(scenarios, plans)),
  );
  void getJson<{ items: BatchView[] }>('/v1/batches?limit=15').then((r) =>
    list.append(
      r.items.length === 0
        ? h('p', { class: 'muted' }, t('nothing'))
        : h(
            'ul',
            { class: 'doc-list' },
            r.items.map((b) =>
              h(
                'li',
                {},
                h(
                  'a',
                  { href: `#/runs/${b.id}`, 'aria-current': b.id === args[0] ? 'true' : null },
                  h('span', { class: 'doc-id' }, `${b.scenario.id}`),
                  ' ',
                  h('span', { class: `badge ${b.status}` }, word(b.status)),
                  h('div', { class: 'muted' }, `${b.kind} · ${b.progress.done}/${b.progress.total} · ${b.createdAt.slice(0, 16).replace('T', ' ')}`),
                ),
              ),
            ),
          ),
    ),
  );
  return () => stop.abort();
}

function startForm(scenarios: Summary[], plans: Summary[]): HTMLElement {
  const scenario = h('select', { id: 'run-scenario', name: 'scenario' }, scenarios.map((s) => h('option', { value: s.id }, s.id)));
  const plan = h('select', { id: 'run-plan', name: 'plan' }, h('option', { value: '' }, t('planDefault')), plans.map((p) => h('option', { value: p.id }, p.id)));
  const planB = h('select', { id: 'run-plan-b', name: 'planB' }, h('option', { value: '' }, '—'), plans.map((p) => h('option', { value: p.id }, p.id)));
  const replications = h('input', { id: 'run-replications', type: 'number', min: 1, max: 1000000, value: 100, required: true });
  const precisionMetric = h('select', { id: 'run-precision-metric', 'aria-label': t('precisionMetric') }, h('option', { value: '' }, '—'), METRICS.map((m) => h('option', { value: m }, m)));
  const precisionWidth = h('input', { id: 'run-precision-width', type: 'number', min: 0, step: 'any', 'aria-label': t('precisionWidth'), size: 6 });
  const seed = h('input', { id: 'run-seed', value: '2020', required: true, size: 10 });
  const workers = h('input', { id: 'run-workers', type: 'number', min: 1, max: 64, placeholder: 'auto', size: 5 });
  const message = h('p', { class: 'status', role: 'status' });
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const body: Record<string, unknown> = { scenario: scenario.value, replications: Number(replications.value) };
    if (plan.value !== '') body['plan'] = plan.value;
    body['seed'] = /^\d+$/.test(seed.value.trim()) ? Number(seed.value.trim()) : seed.value.trim();
    if (workers.value !== '') body['workers'] = Number(workers.value);
    if (precisionMetric.value !== '' && precisionWidth.value !== '') body['precision'] = { [precisionMetric.value]: Number(precisionWidth.value) };
    try {
      // With a plan B, a comparison of A and B on common random numbers (POST /v1/compare).
      const compare = planB.value !== '';
      if (compare) {
        body['planA'] = body['plan'];
        body['planB'] = planB.value;
        delete body['plan'];
        delete body['precision'];
      }
      const b = await send<BatchView>('POST', compare ? '/v1/compare' : '/v1/batches', body);
      location.hash = `#/runs/${b.id}`;
    } catch (err) {
      message.textContent = err instanceof ApiFailure ? `${err.message} ${err.details.map((d) => `${d.path}: ${d.message}`).join('; ')}` : String(err);
      message.className = 'status bad';
    }
  };
  const field = (id: string, label: string, input: HTMLElement): HTMLElement => h('div', { class: 'field' }, h('label', { for: id }, label), input);
  return h(
    'form',
    { class: 'run-form', 'aria-label': t('start'), onsubmit: (e: Event) => void submit(e) },
    field('run-scenario', t('scenario'), scenario),
    field('run-plan', t('plan'), plan),
    field('run-plan-b', t('planB'), planB),
    field('run-replications', t('replications'), replications),
    h('div', { class: 'field' }, h('span', {}, t('precision')), precisionMetric, h('span', {}, t('precisionWidth')), precisionWidth),
    field('run-seed', t('seed'), seed),
    field('run-workers', t('workers'), workers),
    h('button', { type: 'submit', id: 'run-start' }, t('start')),
    message,
  );
}

async function showBatch(root: HTMLElement, id: string, signal: AbortSignal): Promise<void> {
  const bar = h('progress', { id: 'progress', max: 1, value: 0, 'aria-label': t('progress') });
  const label = h('span', { id: 'progress-text' });
  const status = h('span', { class: 'badge', id: 'batch-status' });
  const cancel = h('button', { type: 'button', id: 'cancel' }, t('cancel'));
  const body = h('div');
  // The results are asked for at once, beside the batch: a finished batch (the usual link) then needs no
  // second round trip; for one still running the answer is dropped and asked for again at the end.
  const early = getJson<{ scorecard?: Scorecard; comparison?: Comparison }>(`/v1/batches/${id}/results`).catch(() => null);
  let b = await getJson<BatchView>(`/v1/batches/${id}`);
  const wasDone = b.status === 'done';
  fill(
    root,
    h('h2', {}, `${t('batch')} ${id.slice(0, 8)}`, ' ', status),
    h('p', { class: 'muted' }, `${b.kind} · ${b.scenario.id}${b.plans.length > 0 ? ` · ${b.plans.map((p) => p.id).join(' / ')}` : ''} · ${t('seed')} ${b.seed}`),
    h('div', { class: 'progress-row' }, bar, label, cancel),
    body,
  );
  const setProgress = (done: number, total: number, state: string): void => {
    bar.max = Math.max(1, total);
    bar.value = done;
    const pct = total > 0 ? Math.floor((100 * done) / total) : 0;
    label.textContent = `${pct} % (${num(done)} / ${num(total)})`;
    status.textContent = word(state);
    status.className = `badge ${state}`;
    cancel.disabled = state !== 'running' && state !== 'queued';
  };
  cancel.addEventListener('click', () => {
    cancel.disabled = true;
    void send('DELETE', `/v1/batches/${id}`).catch(() => (cancel.disabled = false));
  });
  setProgress(b.progress.done, b.progress.total, b.status);
  if (b.status === 'running' || b.status === 'queued') {
    await streamEvents(
      `/v1/batches/${id}/events`,
      (event, data) => {
        const d = data as { done?: number; total?: number; status?: string; replications?: number };
        if (event === 'progress') setProgress(d.done ?? 0, d.total ?? b.progress.total, d.status ?? 'running');
      },
      signal,
    ).catch((err: unknown) => {
      if (!signal.aborted) body.append(h('p', { class: 'status bad' }, String(err)));
    });
    if (signal.aborted) return;
    b = await getJson<BatchView>(`/v1/batches/${id}`);
    setProgress(b.progress.done, b.status === 'done' ? b.progress.done : b.progress.total, b.status);
    announce(`${t('batch')} ${b.status}`);
  }
  if (b.status === 'failed') {
    body.append(h('p', { class: 'status bad' }, b.error?.message ?? 'failed'));
    return;
  }
  if (b.kind === 'drill') {
    body.append(h('p', {}, h('a', { href: `#/drill/${id}` }, t('navDrill'))));
    return;
  }
  if (b.status !== 'done' && b.status !== 'cancelled') return;
  const results = (wasDone ? await early : null) ?? (await getJson<{ scorecard?: Scorecard; comparison?: Comparison }>(`/v1/batches/${id}/results`));
  body.append(
    h(
      'div',
      { class: 'toolbar' },
      // Fetched, not linked: a link cannot carry the token.
      h('button', { type: 'button', id: 'download-csv', onclick: () => void getText(`/v1/batches/${id}/results?format=csv`).then((text) => download(`batch-${id.slice(0, 8)}.csv`, text, 'text/csv')) }, t('downloadCsv')),
      h('button', { type: 'button', id: 'download-json', onclick: () => void getText(`/v1/batches/${id}/results`).then((text) => download(`batch-${id.slice(0, 8)}.json`, text, 'application/json')) }, t('downloadJson')),
      h('a', { class: 'button', href: `#/map/${id}/0`, id: 'to-map' }, t('replay')),
    ),
  );
  if (results.scorecard !== undefined) {
    const card = h('div', { id: 'scorecard' });
    body.append(card);
    const t0 = performance.now();
    renderScorecard(card, results.scorecard);
    // For the bench (bench/web.bench.ts): time to build the tables, and when they were in the page.
    card.dataset['renderMs'] = (performance.now() - t0).toFixed(1);
    card.dataset['shownAt'] = performance.now().toFixed(1);
    const charts = h('section', { id: 'charts', 'aria-labelledby': 'h-charts' }, h('h3', { id: 'h-charts' }, t('charts')));
    body.append(charts);
    const { renderCharts } = await import('./charts.js');
    await renderCharts(charts, id, signal);
  } else if (results.comparison !== undefined) {
    const card = h('div', { id: 'comparison' });
    body.append(card);
    renderComparison(card, results.comparison);
    const chart = h('section', { id: 'charts', 'aria-labelledby': 'h-charts' }, h('h3', { id: 'h-charts' }, t('charts')));
    body.append(chart);
    const { renderComparisonChart } = await import('./charts.js');
    await renderComparisonChart(chart, results.comparison);
  }
}
