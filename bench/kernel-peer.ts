/**
 * The drillsim side of the kernel side-by-side with SimPy (bench/kernel.bench.ts runs this in a fresh
 * node process per measurement; bench/peers/simpy/*.py are the same models on SimPy 3).
 *
 *   npx tsx bench/kernel-peer.ts mmc [seed=1] [customers=200000] [warmups=0]
 *   npx tsx bench/kernel-peer.ts timeouts [seed=1] [processes=10000] [timeouts=50]
 *
 * With warmups > 0 the M/M/c model first runs that many times untimed, so the timed run measures the JIT's
 * steady state rather than its warm-up (model "mmc-warm").
 * Prints one JSON line {engine, model, seed, events, seconds, rssBytes, ...}. "events" counts model
 * events as docs/models/engine.md section 1 does (M/M/c: 2 per customer; timeouts: processes x timeouts);
 * "seconds" is the wall time of building and running the model (process start and module loading
 * excluded); "rssBytes" is the peak RSS and "rssStartBytes" the RSS before the model is built. The timeouts model also reports rssBaseBytes (before the
 * processes exist) and rssLiveBytes (all processes started, each waiting on a timeout), and the same for
 * the JS heap (heapBaseBytes, heapLiveBytes); both readings follow a full GC when run with --expose-gc.
 * Wall-clock reads are fine here: this is benchmark harness code, not a replication.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Event, Resource as ResourceClass, Simulation as SimulationClass } from '../engine/kernel/index.js';

// The kernel is measured as users run it: compiled by tsc into dist/ (npm ci builds it). Through tsx the
// source would pass esbuild's class-field and name-keeping helpers, which is not the code users run.
// Only the kernel is imported (it brings the random streams), as the floor kernel imports only the random
// streams: importing the whole engine barrel (network, statistics, ...) under tsx made the cold M/M/3 run
// that follows cost 12-23 % more CPU, on the main thread too, and the floor pays no such start-up (issue
// 18, docs/performance.md "Kernel cold start, third round").
const compiled = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'engine', 'kernel', 'index.js');
if (!existsSync(compiled)) throw new Error(`bench kernel: ${compiled} is missing; run \`npm run build\` first`);
const { Resource, Simulation } = (await import(pathToFileURL(compiled).href)) as {
  Resource: typeof ResourceClass;
  Simulation: typeof SimulationClass;
};

/** RSS once node, tsx and the kernel are loaded: peak RSS minus this is what the model itself used. */
const rssStart = process.memoryUsage.rss();

type Proc = Generator<Event<unknown>, void, unknown>;

interface ModelRecord {
  model: string;
  seed: number;
  events: number;
  seconds: number;
  [extra: string]: string | number;
}

interface PeerRecord extends ModelRecord {
  engine: string;
  rssBytes: number;
}

function intArg(i: number, fallback: number): number {
  const raw = process.argv[i];
  if (raw === undefined) return fallback;
  const x = Number(raw);
  if (!Number.isInteger(x) || x < 0) throw new Error(`argument ${i - 2} must be a non-negative integer, got ${raw}`);
  return x;
}

function seconds(from: bigint, to: bigint): number {
  return Number(to - from) / 1e9;
}

/** M/M/c: c = 3, lambda = 2.7, mu = 1, FIFO; the same code shape as bench/peers/simpy/mmc.py. */
function mmc(seed: number, customers: number): ModelRecord {
  const cpu0 = process.cpuUsage();
  const started = process.hrtime.bigint();
  const sim = new Simulation({ seed });
  const counter = new Resource(sim, { capacity: 3 });
  const arrivals = sim.stream('arrivals');
  const service = sim.stream('service');
  let totalWait = 0;

  function* customer(): Proc {
    const arrive = sim.now;
    const req = counter.request();
    yield req;
    totalWait += sim.now - arrive;
    yield sim.timeout(service.exponential(1));
    counter.release(req);
  }

  function* source(): Proc {
    for (let i = 0; i < customers; i++) {
      sim.process(customer());
      yield sim.timeout(arrivals.exponential(2.7));
    }
  }

  sim.process(source());
  sim.run();
  const wall = seconds(started, process.hrtime.bigint());
  const cpu = process.cpuUsage(cpu0);
  return { model: 'mmc', seed, customers, events: 2 * customers, seconds: wall, cpuSeconds: (cpu.user + cpu.system) / 1e6, wq: totalWait / customers };
}

/** A full collection when node runs with --expose-gc (as kernel.bench.ts starts it), so RSS and heap readings hold live data. */
const collect = (globalThis as { gc?: () => void }).gc ?? ((): void => {});

/** P processes x K exponential(1) timeouts; the future-event list holds about P entries throughout. */
function timeouts(seed: number, processes: number, count: number): ModelRecord {
  collect();
  const rssBase = process.memoryUsage.rss();
  const heapBase = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  const sim = new Simulation({ seed });
  const draws = sim.stream('timeouts');

  function* proc(): Proc {
    for (let i = 0; i < count; i++) yield sim.timeout(draws.exponential(1));
  }

  for (let p = 0; p < processes; p++) sim.process(proc());
  sim.run({ until: 0.001 });
  const paused = process.hrtime.bigint();
  collect();
  const rssLive = process.memoryUsage.rss();
  const heapLive = process.memoryUsage().heapUsed;
  const resumed = process.hrtime.bigint();
  sim.run();
  const wall = seconds(started, paused) + seconds(resumed, process.hrtime.bigint());
  return {
    model: 'timeouts',
    seed,
    processes,
    timeouts: count,
    events: processes * count,
    seconds: wall,
    now: sim.now,
    rssBaseBytes: rssBase,
    rssLiveBytes: rssLive,
    heapBaseBytes: heapBase,
    heapLiveBytes: heapLive,
  };
}

function main(): void {
  const model = process.argv[2];
  const seed = intArg(3, 1);
  let record: ModelRecord;
  if (model === 'mmc') {
    const customers = intArg(4, 200_000);
    const warmups = intArg(5, 0);
    for (let i = 0; i < warmups; i++) mmc(seed, customers);
    record = mmc(seed, customers);
    if (warmups > 0) record.model = 'mmc-warm';
  } else if (model === 'timeouts') record = timeouts(seed, intArg(4, 10_000), intArg(5, 50));
  else throw new Error(`usage: kernel-peer.ts mmc|timeouts [seed] [size...]; got model ${String(model)}`);
  const out: PeerRecord = {
    engine: `drillsim-node-${process.versions.node}`,
    rssBytes: process.resourceUsage().maxRSS * 1024,
    rssStartBytes: rssStart,
    ...record,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main();
