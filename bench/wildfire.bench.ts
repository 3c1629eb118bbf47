/**
 * Forest fire benchmarks (issue 14, Performance): on the compiled build, one core.
 * - minimum-travel-time spread over a 500 x 500 raster (250,000 cells, 16 neighbours) with uniform fuel and
 *   wind (eccentricity 0.7), from the centre to every cell (target: under 50 ms), and side by side in the
 *   same run the same spread queued on the binary heap (the layer without its head-rate bound: the queue
 *   the spread used before the bucket ring), as process CPU time of interleaved runs;
 * - the fire ellipse of every cell of the 250 x 250 Emei landscape for one weather (Rothermel per cell) and
 *   its preparation for spreading;
 * - a whole replication of each Leshan forest fire scenario under the baseline plan (target: well under 1 s).
 * Figures are for reading and tracking, never asserted. `run()` only measures and returns rows.
 */
import { join } from 'node:path';
import { Bench } from 'tinybench';
import type * as MttModule from '../models/hazards/wildfire/mtt.js';
import type * as LandscapeModule from '../models/hazards/wildfire/landscape.js';
import type * as RasterModule from '../models/hazards/wildfire/raster.js';
import type { runReplication as RunReplication } from '../models/replication.js';
import type { loadPlan as LoadPlan, loadScenario as LoadScenario } from '../models/scenario/load.js';
import { fromDist, ROOT } from './compiled.js';
import type { BenchResult } from './types.js';

const { MinimumTravelTime, prepareLayer } = await fromDist<typeof MttModule>('models/hazards/wildfire/mtt.js');
const { Landscape } = await fromDist<typeof LandscapeModule>('models/hazards/wildfire/landscape.js');
const { readAsciiGrid } = await fromDist<typeof RasterModule>('models/hazards/wildfire/raster.js');
const { runReplication } = await fromDist<{ runReplication: typeof RunReplication }>('models/replication.js');
const { loadPlan, loadScenario } = await fromDist<{ loadPlan: typeof LoadPlan; loadScenario: typeof LoadScenario }>('models/scenario/load.js');

export interface WildfireBenchOptions {
  timeMs?: number;
}

function mean(bench: Bench, name: string): number {
  const r = bench.getTask(name)?.result;
  if (r === undefined || !('latency' in r)) throw new Error(`tinybench task ${name} produced no result`);
  return r.latency.mean;
}

export async function run(options: WildfireBenchOptions = {}): Promise<BenchResult[]> {
  const timeMs = options.timeMs ?? 3000;
  const out: BenchResult[] = [];
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(1000, timeMs), warmupIterations: 3 });

  const size = 500;
  const n = size * size;
  const uniform = prepareLayer({ head: new Float64Array(n).fill(10), eccentricity: new Float64Array(n).fill(0.7), direction: new Float64Array(n).fill(1) });
  const mtt = new MinimumTravelTime({ cols: size, rows: size, cellSizeM: 30 });
  let checksum = 0;
  // The same layer without its head-rate bound: the spread falls back to the binary heap.
  const onHeap = { cells: uniform.cells, coefficients: uniform.coefficients };
  const centre = [{ cell: (size / 2) * size + size / 2, time: 0 }];
  bench.add('mtt 500x500', () => {
    checksum += mtt.run(centre, { horizonMin: Infinity, layers: [uniform] })[0]!;
  });

  const dir = join(ROOT, 'scenarios/regions/leshan/wildfire');
  const land = Landscape.fromRasters(readAsciiGrid(join(dir, 'emei-fuel.asc.gz')), readAsciiGrid(join(dir, 'emei-elevation.asc.gz')), 103.24, 29.44);
  const weather = { windKmh: 15, windFromDeg: 225, moistures: { oneHour: 0.06, tenHour: 0.07, hundredHour: 0.08, liveHerbaceous: 0.6, liveWoody: 0.9 } };
  bench.add('landscape layer', () => {
    checksum += prepareLayer(land.layer(weather)).coefficients[0]!;
  });

  const reps: Array<[string, ReturnType<typeof loadScenario>, ReturnType<typeof loadPlan>]> = [];
  for (const site of ['emei', 'mabian']) {
    const scenario = loadScenario(join(ROOT, `scenarios/leshan-wildfire-${site}.yaml`));
    reps.push([site, scenario, loadPlan(join(ROOT, 'scenarios/plans/leshan-wildfire-plan.yaml'), scenario)]);
  }
  for (const [site, scenario, plan] of reps) {
    let index = 0;
    bench.add(`replication ${site}`, () => {
      checksum += runReplication(scenario, plan, 14, index++).metrics['wildfireBurnedHa']!;
    });
  }
  await bench.run();
  // Process CPU time as well as wall time: on a shared machine the wall clock counts other people's work.
  const cpuMs = (f: () => void, runs: number): number => {
    const start = process.cpuUsage();
    for (let i = 0; i < runs; i++) f();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000 / runs;
  };
  const mttCpu = cpuMs(() => {
    checksum += mtt.run(centre, { horizonMin: Infinity, layers: [uniform] })[0]!;
  }, 20);
  // Buckets against the heap, interleaved so both see the same machine; medians of per-run CPU time.
  const bucketRuns: number[] = [];
  const heapRuns: number[] = [];
  for (let i = 0; i < 15; i++) {
    bucketRuns.push(cpuMs(() => void (checksum += mtt.run(centre, { horizonMin: Infinity, layers: [uniform] })[0]!), 1));
    heapRuns.push(cpuMs(() => void (checksum += mtt.run(centre, { horizonMin: Infinity, layers: [onHeap] })[0]!), 1));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const repCpu = reps.map(([site, scenario, plan]) => [site, cpuMs(() => {
    checksum += runReplication(scenario, plan, 14, 1000).metrics['wildfireBurnedHa']!;
  }, 10)] as const);
  if (!Number.isFinite(checksum)) throw new Error('wildfire bench: non-finite checksum');
  out.push({ name: 'wildfire: MTT spread, 500 x 500 cells, 16 neighbours', value: mean(bench, 'mtt 500x500'), unit: 'ms' });
  out.push({ name: 'wildfire: cell ellipses + preparation, 250 x 250 Emei', value: mean(bench, 'landscape layer'), unit: 'ms' });
  out.push({ name: 'wildfire: MTT spread 500 x 500, process CPU time', value: mttCpu, unit: 'ms' });
  out.push({
    name: 'wildfire: MTT 500 x 500 CPU, bucket ring (median of 15)',
    value: median(bucketRuns),
    unit: 'ms',
    peer: 'binary heap',
    peerValue: median(heapRuns),
    ratio: median(heapRuns) / median(bucketRuns),
  });
  for (const [site] of reps) out.push({ name: `wildfire: time per replication (${site}, baseline plan)`, value: mean(bench, `replication ${site}`), unit: 'ms' });
  for (const [site, ms] of repCpu) out.push({ name: `wildfire: replication CPU time (${site})`, value: ms, unit: 'ms' });
  return out;
}
