/**
 * The after-action report and improvement plan (HSEEP's AAR/IP) of an evaluated drill, as one self-contained
 * HTML file: no script, no font, no style sheet or image from elsewhere; its charts are vega-lite specs
 * rendered to SVG before they are written in (the caller passes the renderer: the CLI and the HTTP server
 * use api/http/charts/render.ts, vega with `renderer: 'none'`). It prints on A4 (print styles keep tables
 * and figures whole). Sections follow the AAR/IP template: exercise overview, analysis of objectives
 * (rating and reason), the actions against their simulated windows, and the improvement plan (issue, clause,
 * recommendation, owner).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { DrillEvaluation, DrillScript, Verdict } from '../schema/drill.js';
import { drillClock } from './formats.js';

export type SvgRenderer = (spec: TopLevelSpec) => Promise<string>;

const VERDICT_COLOURS: Record<Verdict, string> = { early: '#1f77b4', 'on-time': '#2ca02c', late: '#d62728', missed: '#7f7f7f' };
const RATING_COLOURS: Record<string, string> = { P: '#2ca02c', S: '#bcbd22', M: '#ff7f0e', U: '#d62728' };

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** When each action started in the drill against its simulated P10-P90 window and median (hours). */
export function windowsChart(script: DrillScript, evaluation: DrillEvaluation): TopLevelSpec {
  const order = [...script.expectedActions].sort((a, b) => (a.start.p50 ?? 0) - (b.start.p50 ?? 0)).map((a) => a.id);
  const byId = new Map(evaluation.actions.map((x) => [x.id, x]));
  const windows = script.expectedActions.map((a) => ({
    action: a.id,
    p10: (a.start.p10 ?? 0) / 60,
    p50: (a.start.p50 ?? 0) / 60,
    p90: (a.start.p90 ?? 0) / 60,
    verdict: byId.get(a.id)?.verdict ?? 'missed',
  }));
  const logged = evaluation.actions.filter((x) => x.at !== null).map((x) => ({ action: x.id, at: x.at! / 60, verdict: x.verdict }));
  const colour = { field: 'verdict', type: 'nominal' as const, title: 'verdict', scale: { domain: Object.keys(VERDICT_COLOURS), range: Object.values(VERDICT_COLOURS) } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Logged starts against the simulated windows', subtitle: 'bar: P10-P90 of the simulated starts; tick: P50; dot: the drill (missed actions have none)' },
    width: 620,
    encoding: { y: { field: 'action', type: 'nominal', sort: order, title: null } },
    layer: [
      { data: { values: windows }, mark: { type: 'rule', strokeWidth: 7, opacity: 0.3, color: '#555' }, encoding: { x: { field: 'p10', type: 'quantitative', title: 'drill hours from the start' }, x2: { field: 'p90' } } },
      { data: { values: windows }, mark: { type: 'tick', thickness: 2, color: '#333' }, encoding: { x: { field: 'p50', type: 'quantitative' } } },
      { data: { values: logged }, mark: { type: 'point', filled: true, size: 90 }, encoding: { x: { field: 'at', type: 'quantitative' }, color: colour } },
    ],
  } as TopLevelSpec;
}

/** Each logged start's percentile among the simulated starts, with the P10 and P90 lines. */
export function percentileChart(evaluation: DrillEvaluation): TopLevelSpec {
  const values = evaluation.actions.filter((x) => x.percentile !== null).map((x) => ({ action: x.id, percentile: x.percentile, verdict: x.verdict }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Percentile of each logged start among the simulated starts', subtitle: 'on time between the dashed lines (P10 and P90)' },
    width: 620,
    layer: [
      {
        data: { values },
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'action', type: 'nominal', sort: null, title: null },
          x: { field: 'percentile', type: 'quantitative', scale: { domain: [0, 100] }, title: 'percentile' },
          color: { field: 'verdict', type: 'nominal', scale: { domain: Object.keys(VERDICT_COLOURS), range: Object.values(VERDICT_COLOURS) } },
        },
      },
      { data: { values: [{ x: 10 }, { x: 90 }] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#333' }, encoding: { x: { field: 'x', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
}

const STYLE = `
  body { font-family: "Noto Sans", "Liberation Sans", Arial, "Noto Sans CJK SC", sans-serif; color: #222; margin: 2em auto; max-width: 60em; padding: 0 1em; line-height: 1.4; }
  h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.6em; }
  table { border-collapse: collapse; width: 100%; font-size: 0.86em; margin: 0.6em 0; }
  th, td { border: 1px solid #bbb; padding: 0.25em 0.45em; text-align: left; vertical-align: top; }
  th { background: #f0f0f0; } td.num, td.id { text-align: right; white-space: nowrap; } td.id { text-align: left; }
  .rating { font-weight: bold; color: #fff; padding: 0.1em 0.5em; border-radius: 0.3em; white-space: nowrap; }
  .verdict { font-weight: bold; white-space: nowrap; }
  figure { margin: 1em 0; page-break-inside: avoid; break-inside: avoid; } figure svg { max-width: 100%; height: auto; }
  dl.overview { display: grid; grid-template-columns: 12em 1fr; gap: 0.2em 1em; } dl.overview dt { font-weight: bold; } dl.overview dd { margin: 0; }
  footer { margin-top: 2em; font-size: 0.8em; color: #666; }
  @page { size: A4; margin: 14mm; }
  @media print { body { margin: 0; max-width: none; font-size: 10pt; } h2 { page-break-after: avoid; break-after: avoid; } tr, figure { page-break-inside: avoid; break-inside: avoid; } }
`;

/** The report as one HTML document. */
export async function afterActionReport(script: DrillScript, evaluation: DrillEvaluation, render: SvgRenderer): Promise<string> {
  const [windows, percentiles] = await Promise.all([render(windowsChart(script, evaluation)), render(percentileChart(evaluation))]);
  const counts = { early: 0, 'on-time': 0, late: 0, missed: 0 } as Record<Verdict, number>;
  for (const a of evaluation.actions) counts[a.verdict]++;
  const byId = new Map(script.expectedActions.map((a) => [a.id, a]));
  const row = (cells: string[]): string => `<tr>${cells.join('')}</tr>`;
  const td = (s: string, cls = ''): string => `<td${cls !== '' ? ` class="${cls}"` : ''}>${s}</td>`;
  const verdict = (v: Verdict): string => `<span class="verdict" style="color:${VERDICT_COLOURS[v]}">${v}</span>`;
  const title = `After-action report: ${script.scenarioTitle}`;

  const objectiveRows = evaluation.objectives.map((o) =>
    row([
      td(esc(o.id)),
      td(esc(o.description)),
      td(esc(o.capability)),
      td(`<span class="rating" style="background:${RATING_COLOURS[o.rating]}">${o.rating}</span> ${esc(o.ratingText)}`),
      td(esc(o.reason)),
    ]),
  );
  const actionRows = evaluation.actions.map((x) => {
    const a = byId.get(x.id)!;
    return row([
      td(esc(x.id), 'id'),
      td(esc(a.name ?? a.type)),
      td(esc(x.owner)),
      td(drillClock(x.start.p10), 'num'),
      td(drillClock(x.start.p50), 'num'),
      td(drillClock(x.start.p90), 'num'),
      td(x.at === null ? '-' : drillClock(x.at), 'num'),
      td(x.percentile === null ? '-' : String(Math.round(x.percentile)), 'num'),
      td(verdict(x.verdict)),
      td(esc([x.by ?? '', ...x.notes].filter((s) => s !== '').join('; '))),
    ]);
  });
  const planRows =
    evaluation.improvementPlan.length === 0
      ? [row([`<td colspan="5">Every expected action started within its simulated window: no corrective action.</td>`])]
      : evaluation.improvementPlan.map((p) => row([td(esc(p.issue)), td(esc(p.clause)), td(esc(p.objective)), td(esc(p.recommendation)), td(esc(p.owner))]));

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p>After-action report and improvement plan (AAR/IP) of a drill of <em>${esc(script.planTitle)}</em>, evaluated against the simulated behaviour of the plan.</p>
<h2>1. Exercise overview</h2>
<dl class="overview">
<dt>Scenario</dt><dd>${esc(script.scenarioTitle)} (<code>${esc(script.scenario)}</code>), from ${esc(script.start)}</dd>
<dt>Plan</dt><dd>${esc(script.planTitle)} (<code>${esc(script.plan)}</code>)</dd>
<dt>Date of the drill</dt><dd>${esc(evaluation.date ?? 'not given')}</dd>
<dt>Time</dt><dd>${script.compress === 1 ? 'real time' : `compressed ${script.compress}:1`}; ${(script.duration / 60).toFixed(1)} drill hours; times are T+h:mm from the start of the drill</dd>
<dt>Simulated basis</dt><dd>${script.replications} replications, seed ${esc(String(script.seed))}; windows are P10, P50 and P90 of the simulated start times</dd>
<dt>Drill log</dt><dd>${esc(evaluation.log)}</dd>
<dt>Result</dt><dd>${evaluation.actions.length} expected actions: ${counts['on-time']} on time, ${counts.early} early, ${counts.late} late, ${counts.missed} missed</dd>
</dl>
<h2>2. Objectives</h2>
<p>Ratings on the HSEEP scale: P performed without challenges, S with some challenges, M with major challenges, U unable to be performed.</p>
<table><thead><tr><th>id</th><th>objective</th><th>core capability</th><th>rating</th><th>reason</th></tr></thead><tbody>
${objectiveRows.join('\n')}
</tbody></table>
<h2>3. Actions against the simulated windows</h2>
<figure>${windows}</figure>
<figure>${percentiles}</figure>
<table><thead><tr><th>action</th><th>what</th><th>owner</th><th>P10</th><th>P50</th><th>P90</th><th>logged</th><th>percentile</th><th>verdict</th><th>by, notes</th></tr></thead><tbody>
${actionRows.join('\n')}
</tbody></table>
<h2>4. Improvement plan</h2>
<table><thead><tr><th>issue</th><th>clause</th><th>objective</th><th>recommendation</th><th>owner</th></tr></thead><tbody>
${planRows.join('\n')}
</tbody></table>
<footer>Made by drillsim from the drill script (${script.replications} replications of ${esc(script.scenario)} under ${esc(script.plan)}) and the drill log. The charts are inline SVG: the file needs nothing else to display or print.</footer>
</body>
</html>
`;
}
