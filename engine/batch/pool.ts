/**
 * The local worker pool (piscina 5): one pool per batch, whose threads receive { module, payload } once as
 * workerData and build their chunk runner once; tasks carry only a chunk range. At most
 * `chunksPerWorker` x workers chunks are queued, running or waiting for an earlier chunk, so memory is
 * flat in N and a stopping rule wastes little. Results reach onChunk in chunk order (ordered.ts).
 *
 * A thread that dies mid-chunk (out of memory, a native crash, the test hook) makes piscina reject that
 * task with "worker exited with code: N" and start a replacement thread; the chunk is then run again.
 * An exception thrown by the job itself is deterministic (same chunk, same input), so it is not retried.
 */
import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import { driveChunks } from './ordered.js';
import { startThreads } from './threads.js';
import type { BatchJob, BatchOutcome, BatchRunOptions, BatchRunner, ChunkRange } from './types.js';
import type { PoolWorkerData } from './worker.js';

export interface PoolOptions {
  /** Worker threads (default: the number of cores). */
  workers?: number;
  /** Chunks in flight per worker (default 2: one running, one queued, so a thread never idles). */
  chunksPerWorker?: number;
  /** Attempts per chunk when its thread dies (default 3). */
  maxAttempts?: number;
}

/** Does this error say a thread died (as opposed to the job throwing)? */
export function isWorkerExit(err: unknown): boolean {
  return err instanceof Error && /^worker exited with code/.test(err.message);
}

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

export class PoolRunner implements BatchRunner {
  readonly workers: number;
  private readonly chunksPerWorker: number;
  private readonly maxAttempts: number;
  private readonly active = new Set<Piscina>();

  constructor(options: PoolOptions = {}) {
    const workers = options.workers ?? defaultWorkerCount();
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`PoolRunner: workers must be an integer >= 1, got ${workers}`);
    this.workers = workers;
    this.chunksPerWorker = options.chunksPerWorker ?? 2;
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  async run<P, R>(job: BatchJob<P>, options: BatchRunOptions<R>): Promise<BatchOutcome> {
    if (options.signal?.aborted === true) return { replications: 0, partial: true, stoppedEarly: false };
    const workerData: PoolWorkerData = { module: job.module, payload: job.payload };
    const pool = startThreads<ChunkRange, R>('worker', this.workers, workerData);
    this.active.add(pool);
    try {
      return await driveChunks<R>({
        ...options,
        maxInFlight: this.workers * this.chunksPerWorker,
        maxAttempts: this.maxAttempts,
        submit: (range) => pool.run(range),
        isRetryable: isWorkerExit,
      });
    } finally {
      this.active.delete(pool);
      // Chunks still running after a stop or a cancel are discarded: their threads are terminated.
      await pool.destroy();
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.active].map((p) => p.destroy()));
    this.active.clear();
  }
}
