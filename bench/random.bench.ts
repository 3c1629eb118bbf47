/**
 * engine/random benchmarks (tinybench): millions of draws per second for the stream methods the models
 * call most (random, exponential, normal) plus the generator alone, Math.random as a yardstick, a few
 * rejection samplers, and how many streams per second createStream can seed (a kernel creates one per
 * stream name per replication). Each task draws 100,000 values and sums them into a sink so the JIT cannot
 * drop the work. Figures are for reading and tracking, never asserted.
 */
import { Bench } from 'tinybench';
import type * as RandomModule from '../engine/random/index.js';
import { fromDist } from './compiled.js';

const { createStream, Xoshiro128 } = await fromDist<typeof RandomModule>('engine/random/index.js');
import type { BenchResult } from './types.js';

const DRAWS = 100_000;

export async function run(timeMs = 500): Promise<BenchResult[]> {
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs) });
  // [task name, items per iteration, unit, scale]: value = throughput (iterations/s) * items * scale.
  const rows: Array<[string, number, string, number]> = [];
  let sink = 0;
  // Every task has its own loop literal: a shared `for (...) s += fn()` helper would make the call site
  // megamorphic across tasks and measure call overhead instead of the sampler.
  const addDraws = (name: string, task: () => number): void => {
    bench.add(name, () => {
      sink += task();
    });
    rows.push([name, DRAWS, 'M draws/s', 1e-6]);
  };

  const stream = createStream(20240601, 0, 'bench.random');
  const generator = new Xoshiro128([0x964d4a0c, 0xd40ab895, 0xad7fdecb, 0x3006f0f0]);

  addDraws('random.stream.random()', () => {
    let s = 0;
    for (let i = 0; i < DRAWS; i++) s += stream.random();
    return s;
  });
  addDraws('random.stream.exponential(1)', () => {
    let s = 0;
    for (let i = 0; i < DRAWS; i++) s += stream.exponential(1);
    return s;
  });
  addDraws('random.stream.normal(0, 1)', () => {
    let s = 0;
    for (let i = 0; i < DRAWS; i++) s += stream.normal(0, 1);
    return s;
  });
  addDraws('random.xoshiro128.random() (generator alone)', () => {
    let s = 0;
    for (let i = 0; i < DRAWS; i++) s += generator.random();
    return s;
  });
  addDraws('random.xoshiro128.nextUint32()', () => {
    let s = 0;
    for (let i = 0; i < DRAWS; i++) s += generator.nextUint32();
    return s;
  });
  addDraws('random.Math.random() (reference)', () => {
    let s = 0;
    for (let i = 0; i < DRAWS; i++) s += Math.random();
    return s;
  });
  addDraws('random.stream.uniform(2, 5)', () => {
    let s = 0;
    for (let i = 0; i < DRAWS; i++) s += stream.uniform(2, 5);
    return s;
  });
  addDraws('random.stream.integer(1, 6)', () => {
    let s = 0;
    for (let i = 0; i < DRAWS; i++) s += stream.integer(1, 6);
    return s;
  });
  addDraws('random.stream.lognormal(10, 5)', () => {
    let s = 0;
    for (let i = 0; i < DRAWS; i++) s += stream.lognormal(10, 5);
    return s;
  });
  addDraws('random.stream.triangular(1, 2, 6)', () => {
    let s = 0;
    for (let i = 0; i < DRAWS; i++) s += stream.triangular(1, 2, 6);
    return s;
  });
  addDraws('random.stream.weibull(1.5, 2)', () => {
    let s = 0;
    for (let i = 0; i < DRAWS; i++) s += stream.weibull(1.5, 2);
    return s;
  });
  addDraws('random.stream.gamma(2.5, 1)', () => {
    let s = 0;
    for (let i = 0; i < DRAWS; i++) s += stream.gamma(2.5, 1);
    return s;
  });
  addDraws('random.stream.beta(2, 5)', () => {
    let s = 0;
    for (let i = 0; i < DRAWS; i++) s += stream.beta(2, 5);
    return s;
  });
  addDraws('random.stream.poisson(3)', () => {
    let s = 0;
    for (let i = 0; i < DRAWS; i++) s += stream.poisson(3);
    return s;
  });
  addDraws('random.stream.poisson(500)', () => {
    let s = 0;
    for (let i = 0; i < DRAWS; i++) s += stream.poisson(500);
    return s;
  });
  addDraws('random.stream.binomial(1000, 0.3)', () => {
    let s = 0;
    for (let i = 0; i < DRAWS; i++) s += stream.binomial(1000, 0.3);
    return s;
  });

  const SEEDINGS = 1000;
  bench.add('random.createStream (seeding)', () => {
    for (let i = 0; i < SEEDINGS; i++) sink += createStream(20240601, i, 'evacuation.departure').random();
  });
  rows.push(['random.createStream (seeding)', SEEDINGS, 'k streams/s', 1e-3]);

  await bench.run();
  if (!Number.isFinite(sink)) throw new Error('benchmark sink is not finite');
  const out: BenchResult[] = [];
  for (const [name, items, unit, scale] of rows) {
    const result = bench.getTask(name)?.result;
    if (result === undefined || !('throughput' in result)) throw new Error(`tinybench task ${name} produced no result`);
    out.push({ name, value: result.throughput.mean * items * scale, unit });
  }
  return out;
}
