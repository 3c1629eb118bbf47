/**
 * The many-machine runner (docs/architecture.md section 7): a coordinator on BullMQ and Redis. It stores the batch
 * payload ONCE under a key with a TTL, enqueues one small job per chunk (batch id, module reference,
 * range), keeps a bounded window of chunks outstanding, and merges results in chunk order through the same
 * core as the local pool (ordered.ts), so the result equals a local run with the same seed.
 *
 * Completion is learnt from a single QueueEvents listener (one per coordinator, not one per job: hundreds
 * of waitUntilFinished listeners trip MaxListenersExceeded), with a slow poll of the outstanding jobs as a
 * safety net should an event be missed across a reconnect. Failed and lost chunks are retried by BullMQ:
 * `attempts` for a chunk that throws or whose worker thread dies, stalled-job detection (short
 * lockDuration on the workers) for a chunk whose worker process died.
 */
import { randomUUID } from 'node:crypto';
import { driveChunks } from './ordered.js';
import { toModuleRef } from './modules.js';
import { DEFAULT_QUEUE, chunkJobId, payloadKey, type ChunkJobData } from './queue-names.js';
import { connectOrFail, loadBullmq, redisConnection } from './redis.js';
import type { BatchJob, BatchOutcome, BatchRunOptions, BatchRunner, ChunkRange } from './types.js';

export interface DistributedOptions {
  /** Redis URL, e.g. redis://127.0.0.1:6379. */
  redis: string;
  queue?: string;
  /** Chunks enqueued and not yet merged (default 32): bounds Redis use, coordinator memory and the waste of a stop. */
  maxInFlight?: number;
  /** BullMQ attempts per chunk (default 5). */
  attempts?: number;
  /** Seconds the payload key lives (default one day); it is deleted when the batch ends. */
  payloadTtlSec?: number;
  /** Poll of outstanding jobs, ms (default 2000): only a safety net behind the QueueEvents listener. */
  pollMs?: number;
}

export { RedisUnavailableError, connectOrFail } from './redis.js';

export class RemoteChunkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteChunkError';
  }
}

interface Waiter {
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export class DistributedRunner implements BatchRunner {
  private readonly options: Required<DistributedOptions>;

  constructor(options: DistributedOptions) {
    this.options = {
      queue: DEFAULT_QUEUE,
      maxInFlight: 32,
      attempts: 5,
      payloadTtlSec: 86_400,
      pollMs: 2000,
      ...options,
    };
  }

  async run<P, R>(job: BatchJob<P>, options: BatchRunOptions<R>): Promise<BatchOutcome> {
    if (options.signal?.aborted === true) return { replications: 0, partial: true, stoppedEarly: false };
    const { queue: queueName, redis: url } = this.options;
    const batch = randomUUID();
    const module = toModuleRef(job.module);
    const key = payloadKey(queueName, batch);
    // Fail fast when Redis is unreachable, before BullMQ's connections start retrying forever.
    const client = await connectOrFail(url);
    // Read events from the stream's current end as it is NOW: with the default '$' the listener would only
    // see events after its first blocking read, and a chunk finishing before that would go unnoticed.
    const newest = await client.xrevrange(`bull:${queueName}:events`, '+', '-', 'COUNT', 1);
    // BullMQ leaves connections it was given open on close(): keep them to close here.
    const { Job, Queue, QueueEvents } = await loadBullmq();
    const queueConnection = await redisConnection(url);
    const eventsConnection = await redisConnection(url);
    const queue = new Queue<ChunkJobData, R>(queueName, { connection: queueConnection });
    const events = new QueueEvents(queueName, { connection: eventsConnection, lastEventId: newest[0]?.[0] ?? '0-0' });
    const waiters = new Map<string, Waiter>();
    const settle = (jobId: string, outcome: { value: unknown } | { error: string }): void => {
      const w = waiters.get(jobId);
      if (w === undefined) return;
      waiters.delete(jobId);
      if ('value' in outcome) w.resolve(outcome.value);
      else w.reject(new RemoteChunkError(outcome.error));
    };
    events.on('completed', ({ jobId, returnvalue }) => settle(jobId, { value: returnvalue }));
    events.on('failed', ({ jobId, failedReason }) => settle(jobId, { error: failedReason }));
    // ioredis reconnects by itself; the listeners keep a dropped connection from being an uncaught 'error'.
    const onError = (): void => {};
    events.on('error', onError);
    queue.on('error', onError);

    // The safety net: a job that finished while its event was missed is picked up here.
    let polling = false;
    const poll = setInterval(() => {
      if (polling || waiters.size === 0) return;
      polling = true;
      void (async () => {
        for (const jobId of [...waiters.keys()]) {
          const j = await Job.fromId<ChunkJobData, R>(queue, jobId);
          if (j === undefined) continue;
          const state = await j.getState();
          if (state === 'completed') settle(jobId, { value: j.returnvalue });
          else if (state === 'failed') settle(jobId, { error: j.failedReason });
        }
      })()
        .catch(onError)
        .finally(() => {
          polling = false;
        });
    }, this.options.pollMs);
    poll.unref();

    try {
      await events.waitUntilReady();
      await queue.waitUntilReady();
      await client.set(key, JSON.stringify(job.payload), 'EX', this.options.payloadTtlSec);
      return await driveChunks<R>({
        ...options,
        maxInFlight: this.options.maxInFlight,
        // BullMQ retries; a chunk that failed for good there is not retried again here.
        maxAttempts: 1,
        submit: (range: ChunkRange) => {
          const jobId = chunkJobId(batch, range.chunk);
          const result = new Promise<R>((resolve, reject) => {
            waiters.set(jobId, { resolve: resolve as (v: unknown) => void, reject });
          });
          const data: ChunkJobData = { batch, module, chunk: range.chunk, start: range.start, count: range.count };
          queue
            .add('chunk', data, {
              jobId,
              attempts: this.options.attempts,
              backoff: { type: 'fixed', delay: 100 },
              removeOnComplete: { age: 3600 },
              removeOnFail: { age: 86_400 },
            })
            .catch((err: unknown) => {
              const w = waiters.get(jobId);
              waiters.delete(jobId);
              w?.reject(err);
            });
          return result;
        },
      });
    } finally {
      clearInterval(poll);
      // Chunks not started yet are dropped; running ones find the payload gone and do no further work.
      const leftover = [...waiters.keys()];
      waiters.clear();
      await Promise.allSettled(leftover.map((id) => queue.remove(id)));
      await client.del(key).catch(() => undefined);
      await Promise.allSettled([events.close(), queue.close()]);
      client.disconnect();
      queueConnection.disconnect();
      eventsConnection.disconnect();
    }
  }

  async close(): Promise<void> {}
}
