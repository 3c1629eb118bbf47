/**
 * A whole replication of the built-in 8-18 flood (scenarios/leshan-818-flood.yaml) on one core, with the
 * on-time and the late plan (issue 4, Performance; docs/architecture.md section 9: "a replication in milliseconds,
 * not seconds").
 *
 * Rows:
 * - replications per second and ms per replication, untraced (what a batch pays), per plan (tinybench);
 * - the share of one-to-all searches those replications took from the trees shared across replications
 *   (engine/network/shared-trees.ts);
 * - model SimEvents per replication (from traced runs, which cost more and are not timed) and kernel
 *   events per replication (events the kernel popped plus those a process took inline, counted by wrapping
 *   the kernel's internal popNext and _takeNext for a few untimed runs: the kernel keeps no counter, and a
 *   counter on the hot path is not worth it for a bench figure);
 * - a profile: ~50 replications under node's inspector CPU profiler, the functions with the most self
 *   time and their share of all samples, as `profile: <function> (<file>)` rows in %;
 * - with `DRILLSIM_BENCH_BASELINE=<another build's dist/>`, an A/B in this process: both builds warmed, then
 *   `DRILLSIM_BENCH_ROUNDS` (default 20) rounds of 10 replications each, the builds taking turns to go first;
 *   CPU time per replication of each (median over rounds) and the median of the per-round ratios. On a
 *   machine whose speed drifts from minute to minute, only a ratio taken round by round carries over.
 *
 * Figures are for reading and tracking, never asserted. `run()` only measures and returns rows.
 */
import { basename, join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { Bench } from 'tinybench';
import type { Simulation as SimulationClass } from '../engine/kernel/index.js';
import type { CompiledPlan } from '../models/plan/compile.js';
import type { runReplication as RunReplication } from '../models/replication.js';
import type { CompiledScenario } from '../models/scenario/compile.js';
import type { loadPlan as LoadPlan, prepare as Prepare } from '../models/scenario/load.js';
import type { sharedTreesOf as SharedTreesOf } from '../engine/network/shared-trees.js';
import { pathToFileURL } from 'node:url';
import { fromDist, ROOT } from './compiled.js';
import type { BenchResult } from './types.js';
import { median } from './median.js';

const { Simulation } = await fromDist<{ Simulation: typeof SimulationClass }>('engine/kernel/index.js');
const { runReplication } = await fromDist<{ runReplication: typeof RunReplication }>('models/replication.js');
const { loadPlan, prepare } = await fromDist<{ loadPlan: typeof LoadPlan; prepare: typeof Prepare }>('models/scenario/load.js');
const { sharedTreesOf } = await fromDist<{ sharedTreesOf: typeof SharedTreesOf }>('engine/network/shared-trees.js');

const SCENARIO = join(ROOT, 'scenarios/leshan-818-flood.yaml');
const LATE_PLAN = join(ROOT, 'scenarios/plans/leshan-flood-plan-late.yaml');
const SEED = 818;

/**
 * This build against another build's dist/, interleaved in this process (see the module comment). Each build
 * runs its own compiled code on a scenario prepared by its own loader.
 */
async function abRows(baseline: string, rounds: number): Promise<BenchResult[]> {
  const load = async (dist: string) => {
    const imp = async <T>(p: string): Promise<T> => (await import(pathToFileURL(join(dist, p)).href)) as T;
    const rep = await imp<{ runReplication: typeof RunReplication }>('models/replication.js');
    const ld = await imp<{ prepare: typeof Prepare }>('models/scenario/load.js');
    const { scenario, plan } = ld.prepare(SCENARIO);
    return { run: (i: number) => rep.runReplication(scenario, plan, SEED, i), cpu: [] as number[] };
  };
  const builds = [await load(join(ROOT, 'dist')), await load(baseline)];
  for (const b of builds) for (let i = 0; i < 20; i++) b.run(5000 + i);
  const per = 10;
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? [0, 1] : [1, 0];
    const ms: number[] = [0, 0];
    for (const k of order) {
      const c0 = process.cpuUsage();
      for (let i = 0; i < per; i++) builds[k]!.run(r * per + i);
      const c = process.cpuUsage(c0);
      ms[k] = (c.user + c.system) / 1000 / per;
      builds[k]!.cpu.push(ms[k]!);
    }
    ratios.push(ms[0]! / ms[1]!);
  }
  return [
    { name: 'flood-run A/B: this build, CPU per replication (median of rounds)', value: median(builds[0]!.cpu), unit: 'ms' },
    { name: 'flood-run A/B: baseline, CPU per replication (median of rounds)', value: median(builds[1]!.cpu), unit: 'ms' },
    { name: 'flood-run A/B: this build / baseline (median of per-round ratios)', value: median(ratios), unit: 'x' },
  ];
}

export interface FloodRunBenchOptions {
  /** tinybench time per plan, ms; default 3000. */
  timeMs?: number;
  /** Replications counted for events per replication; default 10. */
  countRuns?: number;
  /** Replications profiled; default 50. */
  profileRuns?: number;
  /** Profile rows returned; default 12. */
  profileTop?: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}

/** Self time by function over the samples of a V8 CPU profile, largest first, as shares of all samples. */
function selfTimeShares(nodes: readonly ProfileNode[]): Array<{ name: string; share: number }> {
  let total = 0;
  const byFunction = new Map<string, number>();
  for (const n of nodes) {
    const hits = n.hitCount ?? 0;
    if (hits === 0) continue;
    total += hits;
    const { functionName, url } = n.callFrame;
    const fn = functionName === '' ? '(anonymous)' : functionName;
    // Program, GC and idle have no url; the rest are named by file (under tsx the line numbers are those
    // of the transformed module, so they are left out).
    const where = url === '' ? '' : ` (${basename(url.replace(/^file:\/\//, ''))})`;
    const key = `${fn}${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
  }
  return [...byFunction.entries()].map(([name, hits]) => ({ name, share: (100 * hits) / total })).sort((a, b) => b.share - a.share);
}

/** Kernel events of one replication: those popped by the loop and those taken inline by a process. */
function kernelEvents(scenario: CompiledScenario, plan: CompiledPlan, index: number): number {
  type Internals = {
    popNext: (this: SimulationClass) => unknown;
    _takeNext: (this: SimulationClass, event: unknown) => boolean;
  };
  const proto = Simulation.prototype as unknown as Internals;
  const { popNext, _takeNext: takeNext } = proto;
  if (typeof popNext !== 'function' || typeof takeNext !== 'function') throw new Error('bench flood-run: kernel internals changed');
  let count = 0;
  proto.popNext = function (this: SimulationClass) {
    const event = popNext.call(this);
    if (event !== null) count++;
    return event;
  };
  proto._takeNext = function (this: SimulationClass, event: unknown) {
    const taken = takeNext.call(this, event);
    if (taken) count++;
    return taken;
  };
  try {
    runReplication(scenario, plan, SEED, index);
  } finally {
    proto.popNext = popNext;
    proto._takeNext = takeNext;
  }
  return count;
}

export async function run(options: FloodRunBenchOptions = {}): Promise<BenchResult[]> {
  const timeMs = options.timeMs ?? 3000;
  const countRuns = options.countRuns ?? 10;
  const profileRuns = options.profileRuns ?? 50;
  const profileTop = options.profileTop ?? 12;
  const out: BenchResult[] = [];

  const t0 = performance.now();
  const { scenario, plan } = prepare(SCENARIO);
  const late = loadPlan(LATE_PLAN, scenario);
  out.push({ name: 'flood-run: prepare (load region, scenario, plan)', value: performance.now() - t0, unit: 'ms' });

  const plans: Array<[string, CompiledPlan]> = [
    ['on-time plan', plan],
    ['late plan', late],
  ];

  // Throughput, untraced: each iteration is a new replication index, as in a batch.
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(1000, timeMs), warmupIterations: 5 });
  let checksum = 0;
  for (const [label, p] of plans) {
    let index = 0;
    bench.add(label, () => {
      checksum += runReplication(scenario, p, SEED, index++).metrics['evacuated']!;
    });
  }
  await bench.run();
  if (!Number.isFinite(checksum)) throw new Error('flood-run bench: non-finite checksum');
  // Searches answered by a tree an earlier replication (or an earlier epoch) of this thread computed.
  const shared = sharedTreesOf(scenario.csr);
  out.push({ name: 'flood-run: searches served by the shared trees', value: (100 * shared.hits) / Math.max(1, shared.hits + shared.misses), unit: '%' });
  for (const [label] of plans) {
    const result = bench.getTask(label)?.result;
    if (result === undefined || !('throughput' in result)) throw new Error(`tinybench task ${label} produced no result`);
    out.push({ name: `flood-run: replications/s, one core (${label})`, value: result.throughput.mean, unit: 'rep/s' });
    out.push({ name: `flood-run: time per replication (${label})`, value: result.latency.mean, unit: 'ms' });
    out.push({ name: `flood-run: time per replication p99 (${label})`, value: result.latency.p99 ?? NaN, unit: 'ms' });
  }

  // Events per replication (untimed).
  for (const [label, p] of plans) {
    let model = 0;
    let kernel = 0;
    for (let i = 0; i < countRuns; i++) {
      runReplication(scenario, p, SEED, i, { trace: () => void model++ });
      kernel += kernelEvents(scenario, p, i);
    }
    out.push({ name: `flood-run: model SimEvents per replication (${label})`, value: model / countRuns, unit: 'events' });
    out.push({ name: `flood-run: kernel events per replication (${label})`, value: kernel / countRuns, unit: 'events' });
  }

  // Profile: where a replication's time goes (on-time plan, untraced).
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    for (let i = 0; i < profileRuns; i++) checksum += runReplication(scenario, plan, SEED, 1000 + i).metrics['evacuated']!;
    const { profile } = (await session.post('Profiler.stop')) as { profile: { nodes: ProfileNode[] } };
    await session.post('Profiler.disable');
    for (const { name, share } of selfTimeShares(profile.nodes).slice(0, profileTop)) {
      out.push({ name: `profile: ${name}`, value: share, unit: '%' });
    }
  } finally {
    session.disconnect();
  }
  const baseline = process.env.DRILLSIM_BENCH_BASELINE;
  if (baseline !== undefined && baseline !== '') out.push(...(await abRows(baseline, Number(process.env.DRILLSIM_BENCH_ROUNDS ?? 20))));
  return out;
}
