/**
 * The many-machine runner (docs/architecture.md section 7): a coordinator on BullMQ and Redis. It stores the batch
 * payload ONCE under a key with a TTL, enqueues one small job per chunk (batch id, module reference,
 * range), keeps a bounded window of chunks outstanding, and merges results in chunk order through the same
 * core as the local pool (ordered.ts), so the result equals a local run with the same seed.
 *
 * Completion is learnt from a single QueueEvents listener (one per coordinator, not one per job: hundreds
 * of waitUntilFinished listeners trip MaxListenersExceeded). Failed and lost chunks are retried by BullMQ:
 * `attempts` for a chunk that throws or whose worker thread dies, stalled-job detection (short
 * lockDuration on the workers) for a chunk whose worker process died.
 *
 * A watchdog (every pollMs, on its own fail-fast connection) makes sure a batch never hangs:
 * - it reads the outstanding jobs' state, so a completion whose event was missed across a reconnect is
 *   still merged;
 * - a payload key gone means Redis lost the batch's state (restarted empty, flushed): the payload is stored
 *   again and every chunk not yet merged is re-submitted under a new job id (a bounded number of times);
 * - Redis unreachable for longer than min(redisDownMs, waitWorkersMs) fails the batch;
 * - no chunk held by a live worker (a job lock present) and none finished for noticeMs says so once, and
 *   for waitWorkersMs fails the batch: no workers, or all of them gone.
 * These failures are RedisModeErrors (plain messages), not chunk failures.
 */
import { randomUUID } from 'node:crypto';
import { driveChunks } from './ordered.js';
import { toModuleRef } from './modules.js';
import { DEFAULT_QUEUE, chunkJobId, jobKey, jobLockKey, payloadKey, type ChunkJobData } from './queue-names.js';
import { RedisModeError, RedisUnavailableError, controlConnection, loadBullmq, redisConnection } from './redis.js';
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
  /** Watchdog period, ms (default 1000). */
  pollMs?: number;
  /** Fail when no worker has held or finished a chunk for this long, ms (default 120000: `--wait-workers`). */
  waitWorkersMs?: number;
  /** Say so (through `notice`) when no worker has held or finished a chunk for this long, ms (default 10000). */
  noticeMs?: number;
  /** Fail when Redis stays unreachable this long, ms (default 30000; never longer than waitWorkersMs). */
  redisDownMs?: number;
  /** How often the batch's state may be lost and re-submitted before the batch fails (default 3). */
  maxResubmits?: number;
  /** One line for the user (the CLI writes it to stderr): waiting for workers, Redis lost and back. */
  notice?: (line: string) => void;
}

export { RedisModeError, RedisUnavailableError, connectOrFail } from './redis.js';

export class RemoteChunkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteChunkError';
  }
}

/** No worker held or finished a chunk of the batch for --wait-workers. */
export class NoWorkersError extends RedisModeError {
  constructor(message: string) {
    super(message);
    this.name = 'NoWorkersError';
  }
}

/** Redis lost the batch's state more often than the coordinator re-submits it. */
export class RedisStateLostError extends RedisModeError {
  constructor(message: string) {
    super(message);
    this.name = 'RedisStateLostError';
  }
}

/** A chunk not merged yet: its current job, and how to hand its result to driveChunks. */
interface Pending {
  data: ChunkJobData;
  jobId: string;
  round: number;
  /** The current job is known to be in Redis (add() resolved). */
  added: boolean;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/** Wait for `work` at most ms: clean-up with Redis away must not hang (what is left is disconnected). */
const atMost = (work: Promise<unknown>, ms: number): Promise<unknown> => Promise.race([work.catch(() => undefined), sleep(ms)]);

export function formatDuration(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

export class DistributedRunner implements BatchRunner {
  private readonly options: Required<Omit<DistributedOptions, 'notice'>> & Pick<DistributedOptions, 'notice'>;

  constructor(options: DistributedOptions) {
    this.options = {
      queue: DEFAULT_QUEUE,
      maxInFlight: 32,
      attempts: 5,
      payloadTtlSec: 86_400,
      pollMs: 1000,
      waitWorkersMs: 120_000,
      noticeMs: 10_000,
      redisDownMs: 30_000,
      maxResubmits: 3,
      ...options,
    };
  }

  async run<P, R>(job: BatchJob<P>, options: BatchRunOptions<R>): Promise<BatchOutcome> {
    if (options.signal?.aborted === true) return { replications: 0, partial: true, stoppedEarly: false };
    const o = this.options;
    const { queue: queueName, redis: url } = o;
    const notice = (line: string): void => o.notice?.(line);
    const batch = randomUUID();
    const module = toModuleRef(job.module);
    const key = payloadKey(queueName, batch);
    const payloadText = JSON.stringify(job.payload);
    // Fails fast (a RedisUnavailableError) when Redis is unreachable, before BullMQ's connections start
    // retrying forever; afterwards it reconnects forever but never queues a command, so the watchdog on
    // it sees an outage instead of waiting inside it.
    const ctl = await controlConnection(url);
    const { Queue, QueueEvents } = await loadBullmq();
    // BullMQ leaves connections it was given open on close(): keep them to close here.
    const queueConnection = await redisConnection(url);
    const eventsConnection = await redisConnection(url);
    let queue: InstanceType<typeof Queue<ChunkJobData, R>> | null = null;
    let events: InstanceType<typeof QueueEvents> | null = null;
    let watchdog: NodeJS.Timeout | null = null;
    const pending = new Map<number, Pending>();
    const chunkOfJob = new Map<string, number>();
    // The watchdog ends the batch through this signal (driveChunks then stops) and `fatal` says why.
    const stop = new AbortController();
    const forward = (): void => stop.abort();
    options.signal?.addEventListener('abort', forward, { once: true });
    let fatal: RedisModeError | null = null;
    const fail = (err: RedisModeError): void => {
      fatal ??= err;
      stop.abort();
    };

    try {
      // Read events from the stream's current end as it is NOW: with the default '$' the listener would only
      // see events after its first blocking read, and a chunk finishing before that would go unnoticed.
      const newest = await ctl.xrevrange(`bull:${queueName}:events`, '+', '-', 'COUNT', 1);
      queue = new Queue<ChunkJobData, R>(queueName, { connection: queueConnection });
      events = new QueueEvents(queueName, { connection: eventsConnection, lastEventId: newest[0]?.[0] ?? '0-0' });
      const q = queue;
      // Connection errors are the watchdog's business (it sees the outage on its own connection).
      const ignore = (): void => {};
      events.on('error', ignore);
      queue.on('error', ignore);

      // Progress from a worker: a chunk held under a live lock, or finished. Restarts the no-worker clock.
      let lastActivity = Date.now();
      let noticed = false;
      const activity = (): void => {
        lastActivity = Date.now();
        if (noticed) notice('a worker took a chunk; going on');
        noticed = false;
      };

      const addJob = (p: Pending): void => {
        p.added = false;
        const jobId = p.jobId;
        q.add('chunk', p.data, {
          jobId,
          attempts: o.attempts,
          backoff: { type: 'fixed', delay: 100 },
          removeOnComplete: { age: 3600 },
          removeOnFail: { age: 86_400 },
        }).then(
          () => {
            if (p.jobId === jobId) p.added = true;
          },
          // Left not added: the watchdog adds it again once Redis answers.
          ignore,
        );
      };
      const resubmit = (p: Pending): void => {
        chunkOfJob.delete(p.jobId);
        p.round += 1;
        p.jobId = chunkJobId(batch, p.data.chunk, p.round);
        chunkOfJob.set(p.jobId, p.data.chunk);
        addJob(p);
      };
      const settle = (jobId: string, outcome: { value: unknown } | { error: string }): void => {
        const chunk = chunkOfJob.get(jobId);
        const p = chunk !== undefined ? pending.get(chunk) : undefined;
        if (p === undefined || p.jobId !== jobId) return;
        activity();
        if ('value' in outcome && outcome.value === null) {
          // The worker found no payload: it ran while Redis was losing the batch's state. The watchdog
          // stores the payload again; the chunk goes round once more.
          resubmit(p);
          return;
        }
        pending.delete(p.data.chunk);
        chunkOfJob.delete(jobId);
        if ('value' in outcome) p.resolve(outcome.value);
        else p.reject(new RemoteChunkError(outcome.error));
      };
      events.on('completed', ({ jobId, returnvalue }) => settle(jobId, { value: returnvalue }));
      events.on('failed', ({ jobId, failedReason }) => settle(jobId, { error: failedReason }));
      events.on('active', ({ jobId }) => {
        if (chunkOfJob.has(jobId)) activity();
      });

      let downSince: number | null = null;
      let resubmits = 0;
      const check = async (): Promise<void> => {
        const now = Date.now();
        if (ctl.status !== 'ready') {
          if (downSince === null) {
            downSince = now;
            notice(`lost the connection to Redis at ${url}; waiting for it`);
          }
          const limit = Math.min(o.redisDownMs, o.waitWorkersMs);
          if (now - downSince >= limit) {
            fail(new RedisUnavailableError(`Redis at ${url} unreachable for ${formatDuration(limit)}: gave up with ${pending.size} chunk(s) not merged`));
          }
          return;
        }
        if (downSince !== null) {
          downSince = null;
          notice('Redis is back');
          // Workers need a moment to reconnect too: the no-worker clock starts again.
          activity();
        }
        if ((await ctl.exists(key)) === 0) {
          resubmits += 1;
          if (resubmits > o.maxResubmits) {
            fail(new RedisStateLostError(`Redis lost this batch's state ${resubmits} times (restarted empty or flushed): gave up`));
            return;
          }
          notice(`Redis lost this batch's state (restarted empty or flushed): re-submitting the ${pending.size} chunk(s) not merged`);
          await ctl.set(key, payloadText, 'EX', o.payloadTtlSec);
          for (const p of pending.values()) resubmit(p);
          activity();
          return;
        }
        // The outstanding jobs' state, in one round trip.
        const watched = [...pending.values()];
        const pipe = ctl.pipeline();
        for (const p of watched) {
          pipe.hmget(jobKey(queueName, p.jobId), 'finishedOn', 'returnvalue', 'failedReason');
          pipe.exists(jobLockKey(queueName, p.jobId));
        }
        const replies = (await pipe.exec()) ?? [];
        let held = false;
        watched.forEach((p, i) => {
          const [, fields] = replies[2 * i] ?? [null, null];
          const [, locked] = replies[2 * i + 1] ?? [null, 0];
          const [finishedOn, returnvalue, failedReason] = (fields as (string | null)[] | null) ?? [null, null, null];
          if (locked === 1) held = true;
          if (finishedOn === null || finishedOn === undefined) {
            // A job added and now without a hash was lost on its own (removed by hand, say): add it again.
            if (p.added && (fields as (string | null)[] | null)?.every((f) => f === null) === true && locked !== 1) {
              void ctl.exists(jobKey(queueName, p.jobId)).then((n) => {
                if (n === 0 && pending.get(p.data.chunk) === p && p.added) addJob(p);
              }, ignore);
            }
            return;
          }
          // A finish whose event was missed (across a reconnect): settle it from the hash.
          if (returnvalue !== null && returnvalue !== undefined) settle(p.jobId, { value: JSON.parse(returnvalue) as unknown });
          else settle(p.jobId, { error: failedReason ?? 'failed' });
        });
        if (held) activity();
        const idle = Date.now() - lastActivity;
        if (pending.size > 0 && idle >= o.waitWorkersMs) {
          fail(
            new NoWorkersError(
              `no worker took a chunk within ${formatDuration(o.waitWorkersMs)} (--wait-workers): start \`drillsim worker --redis ${url}\`` +
                (queueName !== DEFAULT_QUEUE ? ` --queue ${queueName}` : '') +
                ' and run again',
            ),
          );
        } else if (pending.size > 0 && idle >= o.noticeMs && !noticed) {
          noticed = true;
          notice(
            `no worker has taken a chunk for ${formatDuration(o.noticeMs)}: start one with \`drillsim worker --redis ${url}\`; ` +
              `giving up after ${formatDuration(o.waitWorkersMs)} (--wait-workers)`,
          );
        }
      };
      let checking = false;
      watchdog = setInterval(() => {
        if (checking) return;
        checking = true;
        // A command failing here is an outage seen mid-check: the next tick sees the connection state.
        check()
          .catch(ignore)
          .finally(() => {
            checking = false;
          });
      }, o.pollMs);
      watchdog.unref();

      await ctl.set(key, payloadText, 'EX', o.payloadTtlSec);
      const ready = Promise.all([events.waitUntilReady(), queue.waitUntilReady()]);
      await Promise.race([ready, new Promise((resolve) => stop.signal.addEventListener('abort', resolve, { once: true }))]);
      const outcome = await driveChunks<R>({
        ...options,
        signal: stop.signal,
        maxInFlight: o.maxInFlight,
        // BullMQ retries; a chunk that failed for good there is not retried again here.
        maxAttempts: 1,
        submit: (range: ChunkRange) =>
          new Promise<R>((resolve, reject) => {
            const data: ChunkJobData = { batch, module, chunk: range.chunk, start: range.start, count: range.count };
            const p: Pending = { data, jobId: chunkJobId(batch, range.chunk), round: 0, added: false, resolve: resolve as (v: unknown) => void, reject };
            pending.set(range.chunk, p);
            chunkOfJob.set(p.jobId, range.chunk);
            addJob(p);
          }),
      });
      if (fatal !== null) throw fatal;
      return outcome;
    } finally {
      if (watchdog !== null) clearInterval(watchdog);
      options.signal?.removeEventListener('abort', forward);
      // Chunks not started yet are dropped; running ones find the payload gone and do no further work.
      // Each step is bounded: with Redis away they would wait forever, and the sockets are closed anyway.
      const leftover = [...pending.values()].map((p) => p.jobId);
      pending.clear();
      if (queue !== null) {
        const q = queue;
        await atMost(Promise.allSettled(leftover.map((id) => q.remove(id))), 2000);
      }
      await atMost(ctl.del(key), 1000);
      await atMost(Promise.allSettled([events?.close(), queue?.close()]), 2000);
      ctl.disconnect();
      queueConnection.disconnect();
      eventsConnection.disconnect();
    }
  }

  async close(): Promise<void> {}
}
