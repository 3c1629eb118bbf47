/**
 * The drill director's desk (the /v1/drills API, docs/drills.md): make a drill script from a batch, then run
 * the drill against it: the script's timeline (injects and the expected actions' windows), a drill clock
 * (start, pause, speed), the actions recorded as they happen into the drill log, and at the end the
 * evaluation (each action ranked among the simulated times) and the after-action report.
 */
import { ApiFailure, getJson, getText, send, streamEvents } from '../api.js';
import { announce, fill, h, minutes, num } from '../dom.js';
import { currentLang, t, word } from '../i18n.js';
import type { Cleanup } from '../main.js';
import type { BatchView } from './runs.js';

interface Window_ {
  p10: number | null;
  p50: number | null;
  p90: number | null;
}
interface Script {
  scenario: string;
  plan: string;
  compress: number;
  horizonMin?: number;
  injects: Array<{ id: string; t: number; from: string; fromZh: string; to: string; toZh: string; method: string; message: string; messageZh: string }>;
  expectedActions: Array<{ id: string; clause: string; name: string | null; owner: string; ownerZh: string; start: Window_; complete: Window_ }>;
}
interface Evaluation {
  id: string;
  evaluation: {
    actions: Array<{ id: string; clause: string; at: number | null; percentile: number | null; verdict: string; by: string | null }>;
    objectives: Array<{ id: string; description: string; rating: string; ratingText: string; reason: string }>;
  };
  links: { report: string };
}
export interface LogEntry {
  action: string;
  at: number;
  by?: string;
  notes?: string;
}

const LOG_KEY = (id: string): string => `drillsim.drill-log.${id}`;

export default async function drill(root: HTMLElement, args: string[]): Promise<Cleanup> {
  const stop = new AbortController();
  const id = args[0];
  if (id === undefined) {
    await createForm(root);
    return () => stop.abort();
  }
  const status = h('p', { class: 'status', role: 'status' });
  root.append(h('h2', {}, `${t('navDrill')} ${id.slice(0, 8)}`), status);
  let b = await getJson<BatchView>(`/v1/drills/${id}`);
  if (b.status === 'running' || b.status === 'queued') {
    const bar = h('progress', { id: 'progress', max: 1, value: 0, 'aria-label': t('progress') });
    root.append(bar);
    await streamEvents(
      `/v1/batches/${id}/events`,
      (event, data) => {
        const d = data as { done?: number; total?: number };
        if (event === 'progress') {
          bar.max = Math.max(1, d.total ?? 1);
          bar.value = d.done ?? 0;
        }
      },
      stop.signal,
    ).catch(() => {});
    bar.remove();
    b = await getJson<BatchView>(`/v1/drills/${id}`);
  }
  if (b.status !== 'done') {
    status.textContent = `${t('status')}: ${b.status}`;
    return () => stop.abort();
  }
  const script = await getJson<Script>(`/v1/drills/${id}/script`);
  return desk(root, id, script, stop);
}

async function createForm(root: HTMLElement): Promise<void> {
  const [scenarios, plans, batches] = await Promise.all([
    getJson<{ items: Array<{ id: string }> }>('/v1/scenarios').then((r) => r.items),
    getJson<{ items: Array<{ id: string }> }>('/v1/plans').then((r) => r.items),
    getJson<{ items: BatchView[] }>('/v1/batches?limit=50').then((r) => r.items.filter((x) => x.kind === 'drill')),
  ]);
  const scenario = h('select', { id: 'drill-scenario' }, scenarios.map((s) => h('option', { value: s.id }, s.id)));
  const plan = h('select', { id: 'drill-plan' }, h('option', { value: '' }, t('planDefault')), plans.map((p) => h('option', { value: p.id }, p.id)));
  const replications = h('input', { id: 'drill-replications', type: 'number', min: 1, max: 10000, value: 20 });
  const seed = h('input', { id: 'drill-seed', value: '2020', size: 10 });
  const compress = h('input', { id: 'drill-compress', type: 'number', min: 1, value: 36 });
  const message = h('p', { class: 'status', role: 'status' });
  const field = (id: string, label: string, input: HTMLElement): HTMLElement => h('div', { class: 'field' }, h('label', { for: id }, label), input);
  root.append(
    h(
      'form',
      {
        class: 'run-form',
        'aria-label': t('drillCreate'),
        onsubmit: (e: Event) => {
          e.preventDefault();
          const body: Record<string, unknown> = {
            scenario: scenario.value,
            replications: Number(replications.value),
            seed: /^\d+$/.test(seed.value.trim()) ? Number(seed.value.trim()) : seed.value.trim(),
            compress: Number(compress.value),
          };
          if (plan.value !== '') body['plan'] = plan.value;
          send<{ id: string }>('POST', '/v1/drills', body).then(
            (r) => (location.hash = `#/drill/${r.id}`),
            (err: unknown) => {
              message.textContent = err instanceof ApiFailure ? err.message : String(err);
              message.className = 'status bad';
            },
          );
        },
      },
      h('h2', {}, t('drillCreate')),
      field('drill-scenario', t('scenario'), scenario),
      field('drill-plan', t('plan'), plan),
      field('drill-replications', t('replications'), replications),
      field('drill-seed', t('seed'), seed),
      field('drill-compress', t('compress'), compress),
      h('button', { type: 'submit', id: 'drill-start' }, t('drillCreate')),
      message,
    ),
    h('h2', {}, t('drills')),
    batches.length === 0
      ? h('p', { class: 'muted' }, t('nothing'))
      : h('ul', { class: 'doc-list' }, batches.map((x) => h('li', {}, h('a', { href: `#/drill/${x.id}` }, `${x.scenario.id} · ${x.status} · ${x.createdAt.slice(0, 16).replace('T', ' ')}`)))),
  );
}

function desk(root: HTMLElement, id: string, script: Script, stop: AbortController): Cleanup {
  const zh = currentLang() === 'zh';
  const end = Math.max(60, ...script.injects.map((i) => i.t), ...script.expectedActions.map((a) => a.start.p90 ?? a.start.p50 ?? 0)) * 1.05;
  // The clock: drill minutes; `speed` drill minutes pass per real minute.
  let clock = 0;
  let running = false;
  let lastTick = 0;
  let speed = 1;
  let timer = 0;
  const log: LogEntry[] = JSON.parse(localStorage.getItem(LOG_KEY(id)) ?? '[]') as LogEntry[];
  const clockOut = h('output', { id: 'drill-clock', class: 'clock', 'aria-live': 'off' }, minutes(0));
  const startBtn = h('button', { type: 'button', id: 'clock-start' }, t('play'));
  const speedSel = h('select', { id: 'clock-speed', 'aria-label': t('speed') }, [1, 2, 5, 10, 60].map((s) => h('option', { value: s }, `×${s}`)));
  const marker = h('div', { class: 'tl-now', 'aria-hidden': 'true' });
  const due = h('ol', { class: 'due', 'aria-label': t('injects'), 'aria-live': 'polite' });
  const actionSel = h('select', { id: 'log-action' }, script.expectedActions.map((a) => h('option', { value: a.id }, `${a.id}${a.name !== null ? ` ${a.name}` : ''}`)));
  const atInput = h('input', { id: 'log-at', type: 'number', min: 0, step: 1, size: 6, 'aria-describedby': 'log-at-help' });
  const byInput = h('input', { id: 'log-by', size: 12 });
  const notesInput = h('input', { id: 'log-notes', size: 24 });
  const logBody = h('tbody');
  const result = h('section', { id: 'evaluation', 'aria-live': 'polite' });
  const saveLog = (): void => localStorage.setItem(LOG_KEY(id), JSON.stringify(log));
  const pos = (m: number): string => `${(100 * Math.min(end, Math.max(0, m))) / end}%`;

  const drawLog = (): void => {
    fill(
      logBody,
      log.map((e, i) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, e.action),
          h('td', {}, num(e.at)),
          h('td', {}, e.by ?? ''),
          h('td', {}, e.notes ?? ''),
          h(
            'td',
            {},
            h(
              'button',
              {
                type: 'button',
                'aria-label': `${t('remove')} ${e.action}`,
                onclick: () => {
                  log.splice(i, 1);
                  saveLog();
                  drawLog();
                },
              },
              '×',
            ),
          ),
        ),
      ),
    );
  };
  let announced = new Set<string>();
  const update = (): void => {
    clockOut.textContent = minutes(clock);
    marker.style.left = `calc(6.5rem + (100% - 7.1rem) * ${Math.min(end, Math.max(0, clock)) / end})`;
    if (!running && document.activeElement !== atInput) atInput.value = String(Math.round(clock));
    const now = script.injects.filter((i) => i.t <= clock);
    if (now.length === 0 && due.childElementCount === 0) due.append(h('li', { class: 'muted' }, t('nothing')));
    if (now.length !== announced.size) {
      fill(
        due,
        now
          .slice(-6)
          .reverse()
          .map((i) => h('li', {}, h('strong', {}, `${i.id} ${minutes(i.t)} `), `${zh ? i.fromZh : i.from} → ${zh ? i.toZh : i.to} (${i.method}): ${zh ? i.messageZh : i.message}`)),
      );
      announced = new Set(now.map((i) => i.id));
    }
  };
  const tick = (): void => {
    const now = performance.now();
    clock += ((now - lastTick) / 60000) * speed;
    lastTick = now;
    update();
  };
  startBtn.addEventListener('click', () => {
    running = !running;
    startBtn.textContent = running ? t('pause') : t('play');
    if (running) {
      lastTick = performance.now();
      timer = window.setInterval(tick, 250);
    } else window.clearInterval(timer);
    announce(`${t('clock')}: ${running ? t('play') : t('pause')} ${minutes(clock)}`);
  });
  speedSel.addEventListener('change', () => {
    if (running) tick();
    speed = Number(speedSel.value);
  });
  const record = (e: Event): void => {
    e.preventDefault();
    if (running) tick();
    const at = atInput.value !== '' && !running ? Number(atInput.value) : Math.round(clock * 10) / 10;
    const entry: LogEntry = { action: actionSel.value, at };
    if (byInput.value.trim() !== '') entry.by = byInput.value.trim();
    if (notesInput.value.trim() !== '') entry.notes = notesInput.value.trim();
    log.push(entry);
    log.sort((a, b) => a.at - b.at);
    saveLog();
    drawLog();
    notesInput.value = '';
    announce(`${t('record')}: ${entry.action} ${minutes(entry.at)}`);
  };
  const evaluate = async (): Promise<void> => {
    if (running) startBtn.click();
    try {
      const ev = await send<Evaluation>('POST', `/v1/drills/${id}/evaluations`, { entries: log });
      const report = h('button', {
        type: 'button',
        id: 'open-report',
        onclick: () =>
          void getText(ev.links.report).then((html) => {
            const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
            window.open(url, '_blank', 'noopener');
          }),
      }, t('report'));
      fill(
        result,
        h('h3', {}, t('evaluation')),
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'data', id: 'evaluation-table' },
            h('caption', {}, t('evaluation')),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('action')), h('th', { scope: 'col' }, t('at')), h('th', { scope: 'col' }, 'percentile'), h('th', { scope: 'col' }, t('verdict')))),
            h(
              'tbody',
              {},
              ev.evaluation.actions.map((a) =>
                h('tr', {}, h('th', { scope: 'row' }, a.id), h('td', {}, num(a.at)), h('td', {}, num(a.percentile)), h('td', {}, h('span', { class: `verdict ${a.verdict}` }, word(a.verdict)))),
              ),
            ),
          ),
        ),
        h('ul', {}, ev.evaluation.objectives.map((o) => h('li', {}, h('strong', {}, `${o.id} ${o.ratingText}`), ` — ${o.description}: ${o.reason}`))),
        report,
      );
    } catch (err) {
      fill(result, h('p', { class: 'status bad' }, err instanceof ApiFailure ? `${err.message} ${err.details.map((d) => `${d.path}${d.line !== undefined ? ` (${t('line')} ${d.line})` : ''}: ${d.message}`).join('; ')}` : String(err)));
    }
  };

  const timeline = h(
    'div',
    { class: 'timeline', role: 'list', 'aria-label': t('timeline') },
    script.expectedActions.map((a) => {
      const from = a.start.p10 ?? a.start.p50 ?? 0;
      const to = a.start.p90 ?? from;
      return h(
        'div',
        { class: 'tl-row', role: 'listitem' },
        h('span', { class: 'tl-label' }, a.id),
        h(
          'span',
          { class: 'tl-track' },
          h('span', { class: 'tl-window', style: `left:${pos(from)};width:calc(${pos(to)} - ${pos(from)} + 3px)`, title: `${t('window')}: ${minutes(from)} – ${minutes(to)}` }),
          h('span', { class: 'sr-only' }, `${t('window')}: ${minutes(from)} – ${minutes(to)}, ${zh ? a.ownerZh : a.owner}`),
        ),
      );
    }),
    h(
      'div',
      { class: 'tl-row', role: 'listitem' },
      h('span', { class: 'tl-label' }, t('injects')),
      h(
        'span',
        { class: 'tl-track' },
        script.injects.map((i) => h('span', { class: 'tl-inject', style: `left:${pos(i.t)}`, title: `${i.id} ${minutes(i.t)}: ${zh ? i.messageZh : i.message}` })),
      ),
    ),
    h(
      'div',
      { class: 'tl-row', 'aria-hidden': 'true' },
      h('span', { class: 'tl-label' }, ''),
      h('span', { class: 'tl-track tl-axis' }, [0, 0.25, 0.5, 0.75].map((f) => h('span', { class: 'tl-tick', style: `left:${f * 100}%` }, minutes(f * end)))),
    ),
    marker,
  );

  root.append(
    h('p', { class: 'muted' }, `${script.scenario} · ${script.plan} · ${t('compress')}: ${script.compress}`),
    h(
      'section',
      { 'aria-labelledby': 'h-clock', class: 'clock-row' },
      h('h3', { id: 'h-clock' }, t('clock')),
      clockOut,
      startBtn,
      speedSel,
      h(
        'button',
        {
          type: 'button',
          id: 'clock-reset',
          onclick: () => {
            clock = 0;
            update();
          },
        },
        t('reset'),
      ),
    ),
    h('section', { 'aria-labelledby': 'h-timeline' }, h('h3', { id: 'h-timeline' }, t('timeline')), timeline, h('h4', {}, t('injects')), due),
    h(
      'section',
      { 'aria-labelledby': 'h-log' },
      h('h3', { id: 'h-log' }, t('log')),
      h(
        'form',
        { class: 'log-form', onsubmit: record },
        h('div', { class: 'field' }, h('label', { for: 'log-action' }, t('action')), actionSel),
        h('div', { class: 'field' }, h('label', { for: 'log-at' }, t('at')), atInput, h('span', { id: 'log-at-help', class: 'sr-only' }, t('clock'))),
        h('div', { class: 'field' }, h('label', { for: 'log-by' }, t('by')), byInput),
        h('div', { class: 'field' }, h('label', { for: 'log-notes' }, t('notes')), notesInput),
        h('button', { type: 'submit', id: 'log-record' }, t('record')),
      ),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data', id: 'log-table' },
          h('caption', {}, t('log')),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('action')), h('th', { scope: 'col' }, t('at')), h('th', { scope: 'col' }, t('by')), h('th', { scope: 'col' }, t('notes')), h('td', {}))),
          logBody,
        ),
      ),
      h('button', { type: 'button', id: 'evaluate', onclick: () => void evaluate() }, t('evaluate')),
    ),
    result,
  );
  drawLog();
  update();
  return () => {
    window.clearInterval(timer);
    stop.abort();
  };
}
