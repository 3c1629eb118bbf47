/**
 * Batches of the built-in 8-18 flood (issue 5, Performance; docs/architecture.md section 9): 1,000 replications with
 * one worker (in this thread: the --workers 1 path) and with the local pool of two worker threads (target:
 * at least 1.8x on a quiet machine, and at most 30 s wall), then the same batch distributed through a
 * private redis-server to two worker processes, against the local pool at two workers (the overhead of
 * the scale-out path).
 *
 * Workers load compiled JavaScript, so every runner here is taken from dist/ (`npm run build`; npm ci does
 * it); the whole figure is wall time of one batch, start-up of threads and processes included. Each
 * batch's scorecard must be identical to the first one's, or the bench fails: a fast wrong answer is no
 * figure. BENCH_BATCH_REPS overrides the 1,000 for a quick look.
 *
 * The wall-time ratio is only meaningful on a quiet machine (docs/models/engine.md section 7); the CPU-time rows are less
 * sensitive to other load: the pool's total work against one worker's (thread start-up, a second JIT
 * warm-up) and the speed-up that this work allows on two idle cores.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as BatchApi from '../engine/batch/index.js';
import type * as PayloadApi from '../models/study/payload.js';
import type * as ScoreJobApi from '../models/study/score-job.js';
import { fromDist, ROOT } from './compiled.js';
import type { BenchResult } from './types.js';

const DIST = join(ROOT, 'dist');
const SCENARIO = join(ROOT, 'scenarios/leshan-818-flood.yaml');
const SEED = 818;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function waitForOutput(child: ChildProcess, pattern: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${text}`)), 30_000);
    const onData = (d: Buffer) => {
      text += d.toString();
      if (pattern.test(text)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}):\n${text}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** A queue worker process on the compiled engine (what `drillsim worker --concurrency 1` runs). */
function startWorkerProcess(redis: string): ChildProcess {
  const script = `
    const { startQueueWorker } = await import(${JSON.stringify(pathToFileURL(join(DIST, 'engine/batch/queue-worker.js')).href)});
    await startQueueWorker({ redis: ${JSON.stringify(redis)}, concurrency: 1 });
    process.stderr.write('ready\\n');`;
  return spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function run(): Promise<BenchResult[]> {
  const reps = Number(process.env['BENCH_BATCH_REPS'] ?? 1000);
  const batch = await fromDist<typeof BatchApi>('engine/batch/index.js');
  const { prepareScoreBatch } = await fromDist<typeof PayloadApi>('models/study/payload.js');
  const { runScoreBatch } = await fromDist<typeof ScoreJobApi>('models/study/score-job.js');
  const prepared = prepareScoreBatch(SCENARIO, undefined, { seed: SEED });

  let reference: string | null = null;
  let cpuSeconds = 0;
  const timeBatch = async (label: string, runner: BatchApi.BatchRunner): Promise<number> => {
    const started = performance.now();
    // process.cpuUsage counts every thread of this process (the pool's workers included).
    const cpuStart = process.cpuUsage();
    try {
      const { accumulator, outcome } = await runScoreBatch(runner, prepared, { replications: reps });
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuStart);
      cpuSeconds = (cpu.user + cpu.system) / 1e6;
      if (outcome.replications !== reps) throw new Error(`bench batch: ${label} merged ${outcome.replications} of ${reps}`);
      const json = JSON.stringify(accumulator.toJSON());
      reference ??= json;
      if (json !== reference) throw new Error(`bench batch: ${label} gave another scorecard than the first runner`);
      return seconds;
    } finally {
      await runner.close();
    }
  };

  const one = await timeBatch('1 worker', new batch.InProcessRunner());
  const cpuOne = cpuSeconds;
  const two = await timeBatch('2 workers', new batch.PoolRunner({ workers: 2 }));
  const cpuTwo = cpuSeconds;
  const rows: BenchResult[] = [
    { name: `batch: ${reps} reps leshan-818-flood, 1 worker`, value: one, unit: 's' },
    { name: `batch: ${reps} reps leshan-818-flood, 2 workers`, value: two, unit: 's', peer: '1 worker', peerValue: one, ratio: one / two },
    { name: `batch: replications/s, 2 workers`, value: reps / two, unit: 'rep/s' },
    // The wall-time ratio needs two idle cores; on a shared machine the CPU time says what the pool costs:
    // the work of 2 workers (threads started, JIT warmed up twice) against 1, and the speed-up that work
    // allows on two idle cores.
    { name: `batch: CPU time, 2 workers`, value: cpuTwo, unit: 's', peer: '1 worker', peerValue: cpuOne, ratio: cpuOne / cpuTwo },
    { name: `batch: speed-up possible on 2 idle cores (2 x CPU ratio)`, value: (2 * cpuOne) / cpuTwo, unit: 'x' },
  ];

  const haveRedis = spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;
  if (!haveRedis && process.env['REDIS_URL'] === undefined) {
    process.stderr.write('bench batch: redis-server not installed and no REDIS_URL: distributed figure skipped\n');
    return rows;
  }
  const children: ChildProcess[] = [];
  try {
    let url = process.env['REDIS_URL'];
    if (url === undefined) {
      const port = await freePort();
      const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(server);
      await waitForOutput(server, /Ready to accept connections/, 'redis-server');
      url = `redis://127.0.0.1:${port}`;
    }
    const workers = [startWorkerProcess(url), startWorkerProcess(url)];
    children.push(...workers);
    await Promise.all(workers.map((w) => waitForOutput(w, /ready/, 'queue worker')));
    const distributed = await timeBatch('distributed', new batch.DistributedRunner({ redis: url }));
    rows.push({
      name: `batch: ${reps} reps leshan-818-flood, Redis + 2 worker processes`,
      value: distributed,
      unit: 's',
      peer: 'local pool, 2 workers',
      peerValue: two,
      ratio: two / distributed,
    });
  } finally {
    // Workers first (they hold connections to the server), then the server.
    for (const c of children.reverse()) await stop(c);
  }
  return rows;
}
