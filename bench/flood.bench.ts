/**
 * models/hazards/flood benchmarks (tinybench): how fast a replication can build its gauge hydrographs
 * and ask them for stages and wet intervals. The replication model asks ~200 zones and ~60 road edges
 * for their wet intervals per replication, over 6 gauges; the "replication-like" row does exactly
 * that. Figures are for reading and tracking, never asserted. `run()` only measures and returns rows;
 * bench/main.ts prints them.
 */
import { Bench } from 'tinybench';
import type * as FloodModule from '../models/hazards/flood/index.js';
import type { HydrographSpec } from '../models/hazards/flood/index.js';
import { fromDist } from './compiled.js';

const { Hydrograph, jonkmanMortality } = await fromDist<typeof FloodModule>('models/hazards/flood/index.js');
import type { BenchResult } from './types.js';

/** Xiaogongzui-like two rounds (15-17 and 18 August 2020), minutes from 15 Aug 00:00. */
const TWO_ROUNDS: HydrographSpec = {
  baseStageM: 356,
  rating: { a: 144.6045, b: 2, h0M: 350.294 },
  peaks: [
    { atMin: 2 * 1440 + 720, stageM: 363.15, riseMin: 1800, fallMin: 1500 },
    { atMin: 3 * 1440 + 1140, dischargeM3s: 32_000, riseMin: 1200, fallMin: 2400 },
  ],
};

/** A 6-day hourly table (145 rows) of the same shape, for the table form. */
function hourlyTable(): HydrographSpec {
  const h = new Hydrograph(TWO_ROUNDS);
  const table: Array<[number, number]> = [];
  for (let t = 0; t <= 6 * 1440; t += 60) table.push([t, h.stageAt(t)]);
  return { baseStageM: 356, table };
}

const HORIZON = 6 * 1440;
const N_QUERIES = 260; // ~200 zones + ~60 edges

export async function run(timeMs = 500): Promise<BenchResult[]> {
  const twoRounds = new Hydrograph(TWO_ROUNDS, { peakFactor: 1.05, shiftMin: 45 });
  const table = new Hydrograph(hourlyTable());
  // Thresholds spread over the stage range, as zone and road thresholds are.
  const levels = new Float64Array(N_QUERIES);
  for (let i = 0; i < N_QUERIES; i++) levels[i] = 356.5 + (9 * ((i * 0.6180339887498949) % 1));
  const times = new Float64Array(1024);
  for (let i = 0; i < times.length; i++) times[i] = HORIZON * ((i * 0.7548776662466927) % 1);
  const gaugeSpecs: HydrographSpec[] = Array.from({ length: 6 }, () => TWO_ROUNDS);

  const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs) });
  const rows: Array<[string, number, string]> = [];
  const add = (name: string, items: number, unit: string, fn: () => void): void => {
    bench.add(name, fn);
    rows.push([name, items, unit]);
  };
  let sink = 0;

  add('flood.stageAt (2 waves)', times.length, 'stageAt/s', () => {
    for (let i = 0; i < times.length; i++) sink += twoRounds.stageAt(times[i] as number);
  });
  add('flood.stageAt (145-row table)', times.length, 'stageAt/s', () => {
    for (let i = 0; i < times.length; i++) sink += table.stageAt(times[i] as number);
  });
  add('flood.wetIntervals (2 waves)', N_QUERIES, 'wetIntervals/s', () => {
    for (let i = 0; i < N_QUERIES; i++) sink += twoRounds.wetIntervals(levels[i] as number, 0, HORIZON).length;
  });
  add('flood.wetIntervals (145-row table)', N_QUERIES, 'wetIntervals/s', () => {
    for (let i = 0; i < N_QUERIES; i++) sink += table.wetIntervals(levels[i] as number, 0, HORIZON).length;
  });
  add('flood.firstCrossingUp (2 waves)', N_QUERIES, 'crossings/s', () => {
    for (let i = 0; i < N_QUERIES; i++) sink += twoRounds.firstCrossingUp(levels[i] as number, 0, HORIZON) ?? 0;
  });
  add('flood.maxRiseRateMPerH (2 waves)', N_QUERIES, 'queries/s', () => {
    for (let i = 0; i < N_QUERIES; i++) sink += twoRounds.maxRiseRateMPerH(0, (levels[i] as number) * 10);
  });
  add('flood.Hydrograph construction (2 waves, perturbed)', 1, 'hydrographs/s', () => {
    sink += new Hydrograph(TWO_ROUNDS, { peakFactor: 0.97, shiftMin: -30 }).peakStage();
  });
  add('flood.jonkmanMortality (remaining zone)', N_QUERIES, 'evaluations/s', () => {
    for (let i = 0; i < N_QUERIES; i++) sink += jonkmanMortality((levels[i] as number) - 356);
  });
  // One replication's flood work: 6 perturbed gauges, then 260 wet-interval queries and a mortality each.
  add('flood.replication-like (6 gauges, 260 wetIntervals)', 1, 'replications/s', () => {
    const gauges = gaugeSpecs.map((spec, g) => new Hydrograph(spec, { peakFactor: 0.95 + 0.02 * g, shiftMin: 10 * g }));
    for (let i = 0; i < N_QUERIES; i++) {
      const level = levels[i] as number;
      const wet = (gauges[i % 6] as InstanceType<typeof Hydrograph>).wetIntervals(level, 0, HORIZON);
      for (const w of wet) sink += jonkmanMortality(w.peakStageM - level);
    }
  });

  await bench.run();
  if (!Number.isFinite(sink)) throw new Error('flood bench: non-finite checksum');
  const out: BenchResult[] = [];
  for (const [name, items, unit] of rows) {
    const result = bench.getTask(name)?.result;
    if (result === undefined || !('throughput' in result)) throw new Error(`tinybench task ${name} produced no result`);
    out.push({ name, value: result.throughput.mean * items, unit });
  }
  // Latencies the replication budget is written in.
  const perQuery = out.find((r) => r.name === 'flood.wetIntervals (2 waves)');
  if (perQuery !== undefined) out.push({ name: 'flood.wetIntervals (2 waves) latency', value: 1e6 / perQuery.value, unit: 'us/query' });
  const perRep = out.find((r) => r.name === 'flood.replication-like (6 gauges, 260 wetIntervals)');
  if (perRep !== undefined) out.push({ name: 'flood.replication-like latency', value: 1e6 / perRep.value, unit: 'us/replication' });
  return out;
}
