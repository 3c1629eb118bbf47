/**
 * The worker side of the distributed runner (`drillsim worker --redis URL`): a BullMQ Worker whose
 * processor hands each chunk job to a local piscina pool of `concurrency` threads (queue-thread.ts). The
 * chunks run off the main thread so that BullMQ can renew job locks while they run; that is what allows a
 * short lockDuration, and a short lockDuration is what gets the chunk of a worker that died (killed,
 * machine lost) retried quickly by the stalled-job check of the remaining workers.
 *
 * Stopping is bounded whatever Redis does: BullMQ's close() waits for running chunks and for Redis, and a
 * second close(true) only returns the first call's promise, so close() here races it against a grace
 * period and then tears the connections and threads down itself. A chunk abandoned that way keeps its
 * lock until the lock expires; the stalled-job check of another worker then puts it back in the queue.
 */
import { DEFAULT_QUEUE, type ChunkJobData } from './queue-names.js';
import type { QueueThreadData } from './queue-thread.js';
import { loadBullmq, redisConnection } from './redis.js';
import { startThreads } from './threads.js';

/** Default time close() lets running chunks finish before abandoning them. */
export const DEFAULT_STOP_GRACE_MS = 5000;
/** Time each teardown step (BullMQ's forced close, the thread pool) may take before it is left behind. */
const TEARDOWN_STEP_MS = 1000;

export interface QueueWorkerOptions {
  redis: string;
  /** Chunks run at once (threads); default 1. */
  concurrency?: number;
  queue?: string;
  /** Job lock time, ms (default 10000): a dead worker's chunk is retried after at most this plus stalledIntervalMs. */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs, ms (default 5000). */
  stalledIntervalMs?: number;
  /** How often a chunk may stall (its worker die) before it counts as failed (default 3). */
  maxStalledCount?: number;
  /** One line per finished or failed chunk (the CLI prints them to stderr). */
  log?: (line: string) => void;
  /** Lines worth printing without --verbose: Redis lost and back. */
  notice?: (line: string) => void;
}

export interface QueueWorkerHandle {
  readonly concurrency: number;
  /** Chunks this worker finished. */
  readonly completed: number;
  /**
   * Stop taking chunks and release everything. Running chunks get `graceMs` (default DEFAULT_STOP_GRACE_MS;
   * 0 with force) to finish and are abandoned after that; resolves within about graceMs + 2 s in any case.
   * Resolves true when nothing had to be abandoned.
   */
  close(force?: boolean, graceMs?: number): Promise<boolean>;
}

const sleep = (ms: number): Promise<false> =>
  new Promise((resolve) => {
    setTimeout(() => resolve(false), ms).unref();
  });

/** True if `work` settled within ms (an error counts as settled: the aim is only not to wait forever). */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([work.then(
    () => true,
    () => true,
  ), sleep(ms)]);
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorkerHandle> {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be an integer >= 1, got ${concurrency}`);
  const queue = options.queue ?? DEFAULT_QUEUE;
  const threadData: QueueThreadData = { redis: options.redis, queue };
  const pool = startThreads<ChunkJobData, unknown>('queue-thread', concurrency, threadData, (err) => options.log?.(`thread: ${err.message}`));
  let completed = 0;
  // Said once per outage, not once per reconnect attempt.
  let down = false;
  const onConnectionError = (err: Error): void => {
    if (down) return;
    down = true;
    options.notice?.(`Redis unreachable (${err.message}); retrying, chunks resume when it is back`);
  };
  // BullMQ does not close a connection it was given: kept here to close with the worker.
  const { Worker } = await loadBullmq();
  const connection = await redisConnection(options.redis, onConnectionError);
  connection.on('ready', () => {
    if (!down) return;
    down = false;
    options.notice?.('Redis is back');
  });
  const worker = new Worker<ChunkJobData, unknown>(queue, async (job) => pool.run(job.data), {
    connection,
    concurrency,
    lockDuration: options.lockDurationMs ?? 10_000,
    stalledInterval: options.stalledIntervalMs ?? 5_000,
    maxStalledCount: options.maxStalledCount ?? 3,
    autorun: true,
  });
  worker.on('completed', (job) => {
    completed += 1;
    options.log?.(`chunk ${job.data.chunk} of batch ${job.data.batch} done`);
  });
  worker.on('failed', (job, err) => {
    options.log?.(`chunk ${job?.data.chunk ?? '?'} of batch ${job?.data.batch ?? '?'} failed: ${err.message}`);
  });
  // Connection errors are reported once per outage above; the rest are BullMQ's, worth a line with --verbose.
  worker.on('error', (err) => {
    if (!down) options.log?.(`error: ${err.message}`);
  });
  await worker.waitUntilReady();
  let closing: Promise<boolean> | null = null;
  // A close(true) during a graceful close() ends the grace at once (a second Ctrl-C or SIGTERM).
  let endGrace: () => void = () => {};
  const graceEnded = new Promise<false>((resolve) => {
    endGrace = () => resolve(false);
  });
  return {
    concurrency,
    get completed() {
      return completed;
    },
    close(force = false, graceMs = DEFAULT_STOP_GRACE_MS) {
      if (force) endGrace();
      closing ??= (async () => {
        const stopped = worker.close(force).then(
          () => true,
          () => true,
        );
        const clean = await Promise.race([stopped, sleep(force ? TEARDOWN_STEP_MS : graceMs), graceEnded]);
        if (!clean) {
          // Running chunks (or a Redis that does not answer) outlived the grace: drop the sockets so that
          // nothing waits on them; the abandoned chunks' locks expire and other workers retry them.
          await within(worker.disconnect(), TEARDOWN_STEP_MS);
        }
        connection.disconnect();
        await within(pool.destroy(), TEARDOWN_STEP_MS);
        return clean;
      })();
      return closing;
    },
  };
}
