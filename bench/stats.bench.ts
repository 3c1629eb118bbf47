/**
 * engine/stats benchmarks (tinybench): how fast summaries absorb replication values, merge per-chunk
 * partials and serialise them, and how large their JSON is. Figures are for reading and tracking,
 * never asserted. `run()` only measures and returns rows; bench/main.ts prints them.
 *
 * Inputs come from a fixed LCG-free deterministic sequence (golden-ratio fractions pushed through an
 * inverse-logistic), so runs are comparable; the values are lognormal-like, positive, spread over
 * several decades like response times or person-hours.
 */
import { Bench } from 'tinybench';
import type * as StatsModule from '../engine/stats/index.js';
import { fromDist } from './compiled.js';

const { MetricSummary, Moments, QuantileSummary, TimeWeighted, Welford } = await fromDist<typeof StatsModule>('engine/stats/index.js');
import type { BenchResult } from './types.js';

/** Deterministic spread-out positive values (no Math.random so runs are comparable). */
function values(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let u = seed * 0.7548776662466927;
  for (let i = 0; i < n; i++) {
    u = (u + 0.6180339887498949) % 1;
    const x = Math.log(u / (1 - u)); // logistic, heavy-ish tails
    out[i] = Math.exp(3 + 1.2 * x);
  }
  return out;
}

function metricOf(xs: Float64Array, exactLimit?: number): InstanceType<typeof MetricSummary> {
  const s = new MetricSummary(exactLimit === undefined ? {} : { exactLimit });
  for (const x of xs) s.add(x);
  return s;
}

export async function run(timeMs = 500): Promise<BenchResult[]> {
  const EXACT_N = 4096;
  const SKETCH_N = 10_000;
  const exactData = values(EXACT_N, 1);
  const sketchData = values(SKETCH_N, 2);
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs) });
  // [task name, items per iteration, unit]: value = throughput (iterations/s) · items.
  const rows: Array<[string, number, string]> = [];
  const add = (name: string, items: number, unit: string, fn: () => void): void => {
    bench.add(name, fn);
    rows.push([name, items, unit]);
  };

  add('stats.metric-add-exact (4,096 values)', EXACT_N, 'adds/s', () => {
    metricOf(exactData);
  });
  add('stats.metric-add-sketch (10,000 values)', SKETCH_N, 'adds/s', () => {
    metricOf(sketchData, 0);
  });
  add('stats.moments-add (exact sums)', SKETCH_N, 'adds/s', () => {
    const m = new Moments();
    for (const x of sketchData) m.add(x);
  });
  add('stats.welford-add', SKETCH_N, 'adds/s', () => {
    const w = new Welford();
    for (const x of sketchData) w.add(x);
  });
  add('stats.quantile-add-sketch', SKETCH_N, 'adds/s', () => {
    const q = new QuantileSummary({ exactLimit: 0 });
    for (const x of sketchData) q.add(x);
  });
  add('stats.timeweighted-update', SKETCH_N, 'updates/s', () => {
    const tw = new TimeWeighted(0, 0);
    for (let i = 0; i < SKETCH_N; i++) tw.update(i * 0.5, sketchData[i] as number);
  });

  // Merges: a fresh aggregate absorbing two chunk summaries, as the batch layer does per chunk.
  const exactA = metricOf(values(1000, 3));
  const exactB = metricOf(values(1000, 4));
  const sketchA = metricOf(values(20_000, 5));
  const sketchB = metricOf(values(20_000, 6));
  add('stats.merge-exact (2 x 1,000 values)', 1, 'merges/s', () => {
    const agg = new MetricSummary();
    agg.merge(exactA);
    agg.merge(exactB);
  });
  add('stats.merge-sketch (2 x 20,000 values)', 1, 'merges/s', () => {
    const agg = new MetricSummary();
    agg.merge(sketchA);
    agg.merge(sketchB);
  });
  const sketchJson = JSON.stringify(sketchA.toJSON());
  add('stats.json-roundtrip-sketch', 1, 'roundtrips/s', () => {
    MetricSummary.fromJSON(JSON.parse(JSON.stringify(sketchA.toJSON())));
  });
  add('stats.result-sketch', 1, 'results/s', () => {
    // Fresh copy each time so the cached bucket table is rebuilt, as after a merge.
    MetricSummary.fromJSON(JSON.parse(sketchJson)).result();
  });

  await bench.run();
  const out: BenchResult[] = [];
  for (const [name, items, unit] of rows) {
    const result = bench.getTask(name)?.result;
    if (result === undefined || !('throughput' in result)) throw new Error(`tinybench task ${name} produced no result`);
    out.push({ name, value: result.throughput.mean * items, unit });
  }
  // Per-merge latency, the figure the batch layer cares about.
  for (const name of ['stats.merge-exact (2 x 1,000 values)', 'stats.merge-sketch (2 x 20,000 values)']) {
    const r = out.find((row) => row.name === name);
    if (r !== undefined) out.push({ name: `${name} latency`, value: 1e6 / r.value, unit: 'us/merge' });
  }
  // Memory stays flat: serialised size of one metric at 4,096 (exact) and 100,000 / 1,000,000 (sketch) values.
  out.push({ name: 'stats.json-size exact (4,096 values)', value: JSON.stringify(metricOf(exactData).toJSON()).length, unit: 'bytes' });
  for (const n of [100_000, 1_000_000]) {
    out.push({
      name: `stats.json-size sketch (${n.toLocaleString('en')} values)`,
      value: JSON.stringify(metricOf(values(n, 7)).toJSON()).length,
      unit: 'bytes',
    });
  }
  return out;
}
