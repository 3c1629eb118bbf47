/**
 * Kernel benchmarks: tinybench micro-benchmarks of the hot paths, and the side-by-side with SimPy 3
 * (each engine in a fresh process per run, medians of `repetitions` runs over seeds 1..repetitions).
 *
 * Models (as docs/models/engine.md section 1): M/M/3 with lambda 2.7, mu 1 and 200,000 customers (2 model
 * events per customer), and 10,000 processes x 50 exponential(1) timeouts (500,000 model events).
 * Ours: bench/kernel-peer.ts under `node --import tsx`, with the kernel compiled in dist/; the floor: bench/peers/floor/mmc.mjs
 * (the smallest generator kernel that runs M/M/c, for the ceiling any kernel can reach); SimPy: bench/peers/simpy/*.py under
 * /usr/bin/python3 (Debian python3-simpy3; override with DRILLSIM_SIMPY_PYTHON). When SimPy is
 * missing the rows are reported without a peer and a note goes to stderr.
 *
 * Targets (docs/architecture.md section 9, issue 2): mmc3 events/s >= 20x SimPy's; timeouts10k >= 1.5 M events/s;
 * <= 2 kB RSS per live process. `run()` only measures and returns rows; bench/main.ts prints them.
 */
import { spawnSync } from 'node:child_process';
import { Bench } from 'tinybench';
import type * as EngineModule from '../engine/index.js';
import type { Event } from '../engine/index.js';
import { fromDist, ROOT } from './compiled.js';
import type { BenchResult } from './types.js';
import { median } from './median.js';

type BenchRow = BenchResult;

export interface KernelBenchOptions {
  /** Fresh-process runs per engine and model (seeds 1..repetitions); default 5. */
  repetitions?: number;
  customers?: number;
  processes?: number;
  timeoutsPerProcess?: number;
  /** tinybench time per micro-benchmark, ms; default 500. */
  microTimeMs?: number;
  /** Skip the side-by-side (micro-benchmarks only). */
  microOnly?: boolean;
}

/** Untimed runs before the steady-state ("-warm") measurement: V8 needs about three to finish tiering up. */
const WARMUPS = 3;
const ERLANG_C_WQ = 2.7235; // M/M/3, lambda 2.7, mu 1: C(3, 2.7) = 0.8171, Wq = C / (3 - 2.7)

type Proc = Generator<Event<unknown>, void, unknown>;

interface PeerRecord {
  engine: string;
  events: number;
  seconds: number;
  rssBytes: number;
  rssStartBytes: number;
  /** CPU time (user + system, all threads) of the timed run: steadier than wall time on a shared machine. */
  cpuSeconds?: number;
  wq?: number;
  rssBaseBytes?: number;
  rssLiveBytes?: number;
  heapBaseBytes?: number;
  heapLiveBytes?: number;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function runJson(command: string, args: string[]): PeerRecord {
  const res = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (res.error) throw res.error;
  if (res.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${res.status}: ${res.stderr.trim()}`);
  const line = res.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as PeerRecord;
}

function ours(model: string, args: number[]): PeerRecord {
  return runJson(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/kernel-peer.ts', model, ...args.map(String)]);
}

/** The floor kernel (bench/peers/floor/mmc.mjs): plain node, no tsx, nothing but what M/M/c needs. */
function floor(args: number[]): PeerRecord {
  return runJson(process.execPath, ['bench/peers/floor/mmc.mjs', ...args.map(String)]);
}

function simpyPython(): string {
  return process.env.DRILLSIM_SIMPY_PYTHON ?? '/usr/bin/python3';
}

/** The SimPy version string, or null (with the reason on stderr) when it cannot be run. */
function simpyAvailable(): string | null {
  const res = spawnSync(simpyPython(), ['-c', 'import simpy; print(simpy.__version__)'], { encoding: 'utf8' });
  if (res.status === 0) return `simpy-${res.stdout.trim()}`;
  process.stderr.write(`kernel bench: SimPy peer unavailable (${simpyPython()}: ${res.error?.message ?? res.stderr.trim()}); reporting our figures only\n`);
  return null;
}

function simpy(script: string, args: number[]): PeerRecord {
  // -B: no __pycache__ beside the scripts in a clone.
  return runJson(simpyPython(), ['-B', `bench/peers/simpy/${script}`, ...args.map(String)]);
}

/** Micro-benchmarks of the kernel's hot paths; each task does a fixed batch and reports per-item rates. */
async function micro(timeMs: number): Promise<BenchRow[]> {
  const { Resource, Simulation } = await fromDist<typeof EngineModule>('engine/index.js');
  const N = 10_000;
  const delays = Float64Array.from({ length: N }, (_, i) => ((i * 7919) % N) / 100);
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs) });
  const perItem: Array<[string, number, string]> = [];
  const add = (name: string, items: number, unit: string, fn: () => void): void => {
    bench.add(name, fn);
    perItem.push([name, items, unit]);
  };

  // Future-event list: 10,000 timeouts scheduled at scattered times, then popped in order.
  add('kernel.timeout-schedule', N, 'events/s', () => {
    const sim = new Simulation({ seed: 1 });
    for (let i = 0; i < N; i++) sim.timeout(delays[i] as number);
    sim.run();
  });
  // One generator resumed 10,000 times by its own timeouts (schedule + pop + resume).
  add('kernel.process-resume', N, 'resumes/s', () => {
    const sim = new Simulation({ seed: 1 });
    sim.process(function* (): Proc {
      for (let i = 0; i < N; i++) yield sim.timeout(1);
    });
    sim.run();
  });
  // 10,000 processes started and finished (process creation, start event, completion event).
  add('kernel.process-spawn', N, 'processes/s', () => {
    const sim = new Simulation({ seed: 1 });
    const body = function* (): Proc {
      yield sim.timeout(1);
    };
    for (let i = 0; i < N; i++) sim.process(body);
    sim.run();
  });
  // Two processes contending for one unit: 10,000 request/grant/release cycles in all.
  add('kernel.resource-request-release', N, 'cycles/s', () => {
    const sim = new Simulation({ seed: 1 });
    const res = new Resource(sim, { capacity: 1 });
    const user = function* (): Proc {
      for (let i = 0; i < N / 2; i++) {
        const req = res.request();
        yield req;
        yield sim.timeout(1);
        res.release(req);
      }
    };
    sim.process(user);
    sim.process(user);
    sim.run();
  });
  // A process waiting on anyOf([timeout, timeout]) 10,000 times (conditions, as in reneging).
  add('kernel.anyof-wait', N, 'waits/s', () => {
    const sim = new Simulation({ seed: 1 });
    sim.process(function* (): Proc {
      for (let i = 0; i < N; i++) yield sim.anyOf([sim.timeout(1), sim.timeout(2)]);
    });
    sim.run();
  });

  await bench.run();
  const rows: BenchRow[] = [];
  for (const [name, items, unit] of perItem) {
    const task = bench.getTask(name);
    const result = task?.result;
    if (result === undefined || !('throughput' in result)) throw new Error(`tinybench task ${name} produced no result`);
    rows.push({ name, value: result.throughput.mean * items, unit });
  }
  return rows;
}

/** Side-by-side with SimPy: fresh processes, interleaved ours/SimPy so background load hits both alike. */
function sideBySide(opts: Required<KernelBenchOptions>): BenchRow[] {
  const peer = simpyAvailable();
  const seeds = Array.from({ length: opts.repetitions }, (_, i) => i + 1);
  const mmcOurs: PeerRecord[] = [];
  const mmcPeer: PeerRecord[] = [];
  const mmcFloor: PeerRecord[] = [];
  const warmOurs: PeerRecord[] = [];
  const warmPeer: PeerRecord[] = [];
  const warmFloor: PeerRecord[] = [];
  const toOurs: PeerRecord[] = [];
  const toPeer: PeerRecord[] = [];
  for (const seed of seeds) {
    mmcOurs.push(ours('mmc', [seed, opts.customers]));
    if (peer !== null) mmcPeer.push(simpy('mmc.py', [seed, opts.customers]));
    mmcFloor.push(floor([seed, opts.customers]));
    // Steady state: the same run after untimed runs of the model in the same process.
    warmOurs.push(ours('mmc', [seed, opts.customers, WARMUPS]));
    if (peer !== null) warmPeer.push(simpy('mmc.py', [seed, opts.customers, WARMUPS]));
    warmFloor.push(floor([seed, opts.customers, WARMUPS]));
    // Same streams, same draws, same event order: the floor must reproduce our wait to the last bit.
    for (const f of [mmcFloor.at(-1), warmFloor.at(-1)]) {
      if (f?.wq !== mmcOurs.at(-1)?.wq) throw new Error(`kernel bench: floor kernel wq ${f?.wq} differs from ours ${mmcOurs.at(-1)?.wq} (seed ${seed})`);
    }
    toOurs.push(ours('timeouts', [seed, opts.processes, opts.timeoutsPerProcess]));
    if (peer !== null) toPeer.push(simpy('timeouts.py', [seed, opts.processes, opts.timeoutsPerProcess]));
  }
  const rate = (rs: PeerRecord[]): number => median(rs.map((r) => r.events / r.seconds));
  const perProcess = (rs: PeerRecord[]): number =>
    median(rs.map((r) => ((r.rssLiveBytes ?? Number.NaN) - (r.rssBaseBytes ?? Number.NaN)) / opts.processes));
  const heapPerProcess = (rs: PeerRecord[]): number =>
    median(rs.map((r) => ((r.heapLiveBytes ?? Number.NaN) - (r.heapBaseBytes ?? Number.NaN)) / opts.processes));
  const wq = (rs: PeerRecord[]): number => mean(rs.map((r) => r.wq ?? Number.NaN));
  /** ratio is oriented so that > 1 means drillsim is better; 'none' for figures that are not better or worse. */
  const row = (name: string, unit: string, better: 'higher' | 'lower' | 'none', value: number, peerValue?: number, peerName = peer): BenchRow => {
    if (peerName === null || peerValue === undefined) return { name, value, unit };
    if (better === 'none') return { name, value, unit, peer: peerName, peerValue };
    return { name, value, unit, peer: peerName, peerValue, ratio: better === 'higher' ? value / peerValue : peerValue / value };
  };
  const p = <T>(x: T): T | undefined => (peer !== null ? x : undefined);
  const pk = `${opts.processes / 1000}k`;
  // Peak RSS above the RSS at the start of the script: the model's memory, without the runtime's own
  // (node + tsx start near 90 MB, python + SimPy near 11 MB).
  const mb = (rs: PeerRecord[]): number => median(rs.map((r) => r.rssBytes - r.rssStartBytes)) / 1e6;
  const wall = (rs: PeerRecord[]): number => median(rs.map((r) => r.seconds));
  const cpu = (rs: PeerRecord[]): number => median(rs.map((r) => r.cpuSeconds ?? Number.NaN));
  const spread = (rs: PeerRecord[]): number => Math.max(...rs.map((r) => r.seconds)) / Math.min(...rs.map((r) => r.seconds));
  return [
    row('side-by-side.mmc3.events-per-s', 'events/s', 'higher', rate(mmcOurs), p(rate(mmcPeer))),
    row('side-by-side.mmc3.wall', 's', 'lower', wall(mmcOurs), p(wall(mmcPeer))),
    row('side-by-side.mmc3.peak-rss-above-start', 'MB', 'lower', mb(mmcOurs), p(mb(mmcPeer))),
    row('side-by-side.mmc3.wq', 'min', 'none', wq(mmcOurs), p(wq(mmcPeer))),
    row('side-by-side.mmc3.wq-vs-erlang-c', 'min', 'none', wq(mmcOurs), ERLANG_C_WQ, 'erlang-c'),
    row('side-by-side.mmc3-warm.events-per-s', 'events/s', 'higher', rate(warmOurs), p(rate(warmPeer))),
    row('side-by-side.mmc3-warm.wall', 's', 'lower', wall(warmOurs), p(wall(warmPeer))),
    // What the smallest possible generator kernel reaches against SimPy, cold and warm: the ceiling.
    row('side-by-side.mmc3.floor-kernel.events-per-s', 'events/s', 'higher', rate(mmcFloor), p(rate(mmcPeer))),
    row('side-by-side.mmc3-warm.floor-kernel.events-per-s', 'events/s', 'higher', rate(warmFloor), p(rate(warmPeer))),
    // Ours against the floor (ratio < 1: the price of the kernel's features and checks).
    row('side-by-side.mmc3.vs-floor-kernel', 'events/s', 'higher', rate(mmcOurs), rate(mmcFloor), 'floor-kernel'),
    row('side-by-side.mmc3-warm.vs-floor-kernel', 'events/s', 'higher', rate(warmOurs), rate(warmFloor), 'floor-kernel'),
    // The same ratios in CPU time (median seconds), which background load disturbs less than wall time.
    row('side-by-side.mmc3.vs-floor-kernel.cpu', 's', 'lower', cpu(mmcOurs), cpu(mmcFloor), 'floor-kernel'),
    row('side-by-side.mmc3-warm.vs-floor-kernel.cpu', 's', 'lower', cpu(warmOurs), cpu(warmFloor), 'floor-kernel'),
    // Spread of our cold and warm wall times over the fresh processes (max / min).
    row('side-by-side.mmc3.spread', 'max/min', 'none', spread(mmcOurs)),
    row('side-by-side.mmc3-warm.spread', 'max/min', 'none', spread(warmOurs)),
    row(`side-by-side.timeouts${pk}.events-per-s`, 'events/s', 'higher', rate(toOurs), p(rate(toPeer))),
    row(`side-by-side.timeouts${pk}.wall`, 's', 'lower', wall(toOurs), p(wall(toPeer))),
    row(`side-by-side.timeouts${pk}.rss-per-live-process`, 'B', 'lower', perProcess(toOurs), p(perProcess(toPeer))),
    row(`side-by-side.timeouts${pk}.heap-per-live-process`, 'B', 'lower', heapPerProcess(toOurs)),
    row(`side-by-side.timeouts${pk}.peak-rss-above-start`, 'MB', 'lower', mb(toOurs), p(mb(toPeer))),
  ];
}

export async function run(options: KernelBenchOptions = {}): Promise<BenchRow[]> {
  const opts: Required<KernelBenchOptions> = {
    repetitions: options.repetitions ?? 5,
    customers: options.customers ?? 200_000,
    processes: options.processes ?? 10_000,
    timeoutsPerProcess: options.timeoutsPerProcess ?? 50,
    microTimeMs: options.microTimeMs ?? 500,
    microOnly: options.microOnly ?? false,
  };
  const rows = await micro(opts.microTimeMs);
  if (!opts.microOnly) rows.push(...sideBySide(opts));
  return rows;
}
