/**
 * Vega-lite charts of a batch, built from its stored accumulator (the quantile summaries of every metric,
 * level declaration time and clause start time). The accumulator keeps distributions, not replications,
 * so a histogram is drawn from a quantile sample: K values at the mid-quantiles (i + 0.5)/K, each standing
 * for n/K replications. With the exact summaries (n <= 4096) that is the empirical distribution smoothed
 * at the 1/K scale; with sketches it is within the sketch's relative accuracy.
 *
 * Evacuation and warning-reach curves come from the scorecard's hourly curve summaries (mean and 5-95 %
 * band at each point); a batch stored before curves were recorded lists them as unavailable.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { MetricName } from '../../../models/scoring/metrics.js';
import { specMetrics, type ScorecardAccumulator } from '../../../models/scoring/scorecard.js';
import { QuantileSummary } from '../../../engine/stats/index.js';

export interface ChartInfo {
  name: string;
  title: string;
  available: boolean;
  reason?: string;
}

const METRIC_TITLES: Partial<Record<MetricName, string>> = {
  deaths: 'deaths',
  injured: 'injured',
  exposedPersonHours: 'people-hours exposed',
  evacuated: 'people evacuated',
  clearanceT95Min: 'evacuation clearance T95 (min)',
  warningReachFraction: 'share of people warned',
  responseTimeP50Min: 'response time P50 (min)',
  responseTimeP90Min: 'response time P90 (min)',
  unmetReliefPersonDays: 'unmet relief (person-days)',
  shelterOverflowPersons: 'shelter overflow (people)',
  firstReliefHours: 'time to first relief (h)',
  cutOffPeak: 'people cut off (peak)',
  rescued: 'people rescued',
  economicLossYuan: 'economic loss proxy (yuan)',
  deathsPerMillion: 'deaths per million',
  affectedPer100k: 'affected per 100k',
};

const WIDTH = 560;
const HEIGHT = 260;
const SAMPLE = 400;

/** The charts of a score batch that scores `metrics` (its ScorecardSpec's list). */
export function chartCatalog(metrics: readonly MetricName[]): ChartInfo[] {
  return [
    { name: 'outcomes', title: 'Outcome distributions over replications (every metric)', available: true },
    ...metrics.map((m) => ({ name: `metric-${m}`, title: `Distribution of ${METRIC_TITLES[m] ?? m}`, available: true })),
    { name: 'response-time-cdf', title: 'Response time: CDF over replications of the P50 and P90 per replication', available: true },
    { name: 'targets', title: 'P(target met) with 95 % intervals', available: true },
    { name: 'level-declarations', title: 'When each response level was first declared (CDF)', available: true },
    { name: 'clause-windows', title: 'When each plan clause started: P10-P90 window and median', available: true },
    { name: 'evacuation-curve', title: 'People evacuated over time (mean and 5-95 % band)', available: true },
    { name: 'warning-reach-curve', title: 'Share of the people of flooded zones warned over time (mean and 5-95 % band)', available: true },
  ];
}

/** Mid-quantile sample of a distribution: K points with their weight (replications each stands for). */
export function quantileSample(q: { count: number; quantile(p: number): number }, max = SAMPLE): Array<{ value: number; weight: number }> {
  const n = q.count;
  if (n === 0) return [];
  const k = Math.min(n, max);
  const out: Array<{ value: number; weight: number }> = [];
  for (let i = 0; i < k; i++) out.push({ value: q.quantile((i + 0.5) / k), weight: n / k });
  return out;
}

function metricSample(acc: ScorecardAccumulator, m: MetricName, max = SAMPLE): Array<{ value: number; weight: number }> {
  const s = acc.metric(m);
  return quantileSample({ count: s.n, quantile: (p) => s.quantile(p) }, max);
}

function histogram(title: string, values: Array<Record<string, unknown>>, field: string, facet?: string): TopLevelSpec {
  const layer = {
    mark: { type: 'bar' as const, tooltip: true },
    encoding: {
      x: { field, type: 'quantitative' as const, bin: { maxbins: 30 }, title: facet === undefined ? title : 'value' },
      y: { aggregate: 'sum' as const, field: 'weight', type: 'quantitative' as const, title: 'replications' },
    },
  };
  if (facet === undefined) {
    return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, width: WIDTH, height: HEIGHT, data: { values }, ...layer };
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    data: { values },
    facet: { field: facet, type: 'nominal', title: null, header: { labelFontWeight: 'bold' } },
    columns: 4,
    spec: { width: 180, height: 110, ...layer },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}

function cdfRows(q: { count: number; quantile(p: number): number }, label: string, steps = 100): Array<Record<string, unknown>> {
  if (q.count === 0) return [];
  const rows: Array<Record<string, unknown>> = [];
  for (let i = 0; i <= steps; i++) rows.push({ series: label, p: i / steps, value: q.quantile(i / steps) });
  return rows;
}

/** A curve over time with its 5-95 % band, hours from the scenario start on the x axis. */
function curveChart(acc: ScorecardAccumulator, which: 'evacuated' | 'warnedShare', title: string, yTitle: string): TopLevelSpec | undefined {
  const curves = acc.result().curves;
  if (curves === undefined) return undefined;
  const c = curves[which];
  const values = curves.t.map((t, k) => ({ hours: t / 60, mean: c.mean[k], p05: c.p05[k], p95: c.p95[k] })).filter((r) => r.mean !== null);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    encoding: { x: { field: 'hours', type: 'quantitative', title: 'hours from the scenario start' } },
    layer: [
      {
        mark: { type: 'area', opacity: 0.25 },
        encoding: { y: { field: 'p05', type: 'quantitative', title: yTitle }, y2: { field: 'p95' } },
      },
      { mark: { type: 'line' }, encoding: { y: { field: 'mean', type: 'quantitative', title: yTitle } } },
    ],
  } as TopLevelSpec;
}

/** The vega-lite spec of chart `name`, or undefined if there is no such chart. */
export function chartSpec(name: string, acc: ScorecardAccumulator, subtitle: string): TopLevelSpec | undefined {
  const withSubtitle = (spec: TopLevelSpec): TopLevelSpec => ({ ...spec, title: { text: String((spec as { title?: unknown }).title ?? ''), subtitle } }) as TopLevelSpec;
  if (name === 'evacuation-curve') {
    const spec = curveChart(acc, 'evacuated', 'People evacuated (transferred or rescued) over time', 'people');
    return spec === undefined ? undefined : withSubtitle(spec);
  }
  if (name === 'warning-reach-curve') {
    const spec = curveChart(acc, 'warnedShare', 'Share of the people of flooded zones warned over time', 'share warned');
    return spec === undefined ? undefined : withSubtitle(spec);
  }
  if (name === 'outcomes') {
    const values = specMetrics(acc.spec).flatMap((m) => metricSample(acc, m, 200).map((s) => ({ metric: METRIC_TITLES[m] ?? m, value: s.value, weight: s.weight })));
    return withSubtitle(histogram('Outcome distributions over replications', values, 'value', 'metric'));
  }
  if (name.startsWith('metric-')) {
    const m = name.slice('metric-'.length) as MetricName;
    if (!specMetrics(acc.spec).includes(m)) return undefined;
    const values = metricSample(acc, m).map((s) => ({ value: s.value, weight: s.weight }));
    return withSubtitle(histogram(METRIC_TITLES[m] ?? m, values, 'value'));
  }
  if (name === 'response-time-cdf') {
    const rows = [
      ...cdfRows(wrap(acc, 'responseTimeP50Min'), 'P50 of a replication'),
      ...cdfRows(wrap(acc, 'responseTimeP90Min'), 'P90 of a replication'),
    ];
    return withSubtitle({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: 'Response time (minutes): CDF over replications',
      width: WIDTH,
      height: HEIGHT,
      data: { values: rows },
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'value', type: 'quantitative', title: 'minutes from call to arrival' },
        y: { field: 'p', type: 'quantitative', title: 'share of replications', scale: { domain: [0, 1] } },
        color: { field: 'series', type: 'nominal', title: null },
      },
    });
  }
  if (name === 'targets') {
    const card = acc.result();
    const values = card.targets.map((t) => ({
      target: t.label ?? `${t.metric} ${t.op} ${t.value}`,
      p: t.pMet,
      lo: t.pMetCi95?.[0] ?? null,
      hi: t.pMetCi95?.[1] ?? null,
    }));
    return withSubtitle({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: 'P(target met)',
      width: WIDTH,
      data: { values },
      encoding: { y: { field: 'target', type: 'nominal', title: null } },
      layer: [
        { mark: { type: 'bar', tooltip: true }, encoding: { x: { field: 'p', type: 'quantitative', scale: { domain: [0, 1] }, title: 'share of replications meeting the target' } } },
        { mark: { type: 'rule' }, encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } },
        { mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' }, encoding: { x: { datum: 0.5 } } },
      ],
    } as TopLevelSpec);
  }
  if (name === 'level-declarations') {
    const json = acc.toJSON();
    const rows: Array<Record<string, unknown>> = [];
    const steps = 100;
    for (const level of acc.spec.levels) {
      const stored = json.levels[level]?.times;
      if (stored === undefined) continue;
      // Declaration times of the replications that declared the level; the CDF is over all replications,
      // so it tops out at the share that declared it at all.
      const times = QuantileSummary.fromJSON(stored);
      if (times.count === 0) continue;
      const share = times.count / acc.replications;
      for (let i = 0; i <= steps; i++) rows.push({ series: `level ${level}`, hours: times.quantile(i / steps) / 60, p: (share * i) / steps });
    }
    return withSubtitle({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: 'First declaration of each level (share of replications declared by then)',
      width: WIDTH,
      height: HEIGHT,
      data: { values: rows },
      mark: { type: 'line', interpolate: 'step-after', point: false },
      encoding: {
        x: { field: 'hours', type: 'quantitative', title: 'hours from scenario start' },
        y: { field: 'p', type: 'quantitative', title: 'share of replications', scale: { domain: [0, 1] } },
        color: { field: 'series', type: 'nominal', title: null },
      },
    });
  }
  if (name === 'clause-windows') {
    const card = acc.result();
    const values = Object.entries(card.actions)
      .filter(([, a]) => a.n > 0)
      .map(([id, a]) => ({ clause: id, p10: a.p10! / 60, p50: a.p50! / 60, p90: a.p90! / 60, n: a.n }));
    return withSubtitle({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: 'Plan clause start times (hours from scenario start)',
      width: WIDTH,
      data: { values },
      encoding: { y: { field: 'clause', type: 'nominal', sort: null, title: 'clause' } },
      layer: [
        { mark: { type: 'rule', strokeWidth: 6, opacity: 0.5 }, encoding: { x: { field: 'p10', type: 'quantitative', title: 'hours' }, x2: { field: 'p90' } } },
        { mark: { type: 'tick', thickness: 2, tooltip: true }, encoding: { x: { field: 'p50', type: 'quantitative' } } },
      ],
    } as TopLevelSpec);
  }
  return undefined;
}

function wrap(acc: ScorecardAccumulator, m: MetricName): { count: number; quantile(p: number): number } {
  const s = acc.metric(m);
  return { count: s.n, quantile: (p) => s.quantile(p) };
}
