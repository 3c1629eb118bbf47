/**
 * The worker side of the distributed runner (`drillsim worker --redis URL`): a BullMQ Worker whose
 * processor hands each chunk job to a local piscina pool of `concurrency` threads (queue-thread.ts). The
 * chunks run off the main thread so that BullMQ can renew job locks while they run; that is what allows a
 * short lockDuration, and a short lockDuration is what gets the chunk of a worker that died (killed,
 * machine lost) retried quickly by the stalled-job check of the remaining workers.
 */
import { DEFAULT_QUEUE, type ChunkJobData } from './queue-names.js';
import type { QueueThreadData } from './queue-thread.js';
import { loadBullmq, redisConnection } from './redis.js';
import { startThreads } from './threads.js';

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
}

export interface QueueWorkerHandle {
  readonly concurrency: number;
  /** Chunks this worker finished. */
  readonly completed: number;
  /** Stop taking chunks, let running ones finish (force: abandon them), release everything. */
  close(force?: boolean): Promise<void>;
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorkerHandle> {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be an integer >= 1, got ${concurrency}`);
  const queue = options.queue ?? DEFAULT_QUEUE;
  const threadData: QueueThreadData = { redis: options.redis, queue };
  const pool = startThreads<ChunkJobData, unknown>('queue-thread', concurrency, threadData, (err) => options.log?.(`thread: ${err.message}`));
  let completed = 0;
  // BullMQ does not close a connection it was given: kept here to close with the worker.
  const { Worker } = await loadBullmq();
  const connection = await redisConnection(options.redis);
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
  worker.on('error', (err) => options.log?.(`error: ${err.message}`));
  await worker.waitUntilReady();
  return {
    concurrency,
    get completed() {
      return completed;
    },
    async close(force = false) {
      await worker.close(force);
      await pool.destroy();
      connection.disconnect();
    },
  };
}
