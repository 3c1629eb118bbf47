/**
 * The local worker pool (piscina 5): one pool per batch. Its threads get the job module as workerData and
 * import it as they start, which prepare() does before the caller has built the payload, so thread
 * start-up overlaps the caller's own loading. The payload (and BatchJob.local) is serialised once into a
 * SharedArrayBuffer that every task carries by reference: no copy per thread or per chunk, and each thread
 * builds its chunk runner from it once, on its first task. The local's own top-level SharedArrayBuffers (a
 * region's routing arrays) travel beside it by reference, so every thread reads the coordinator's one copy. At most
 * `chunksPerWorker` x workers chunks are queued, running or waiting for an earlier chunk, so memory is
 * flat in N and a stopping rule wastes little. Results reach onChunk in chunk order (ordered.ts).
 *
 * A thread that dies mid-chunk (out of memory, a native crash, the test hook) makes piscina reject that
 * task with "worker exited with code: N" and start a replacement thread; the chunk is then run again.
 * An exception thrown by the job itself is deterministic (same chunk, same input), so it is not retried.
 */
import { availableParallelism } from 'node:os';
import { serialize } from 'node:v8';
import type { Piscina } from 'piscina';
import { mark } from '../timings.js';
import { driveChunks } from './ordered.js';
import { toModuleRef } from './modules.js';
import { startThreads } from './threads.js';
import type { BatchJob, BatchOutcome, BatchRunOptions, BatchRunner } from './types.js';
import type { PoolTask, PoolWorkerData, SharedJob } from './worker.js';

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

/**
 * Take the SharedArrayBuffers found as top-level properties of a local object out of it: v8.serialize
 * cannot write them (and would copy their bytes if it could), while a task message hands them to a thread
 * by reference. worker.ts puts them back as the same properties, so the job module sees its local as given
 * and every thread reads the one copy (a region's routing arrays, say).
 */
export function splitSharedBuffers(local: unknown): { local: unknown; buffers?: Record<string, SharedArrayBuffer> } {
  if (local === null || typeof local !== 'object' || Array.isArray(local)) return { local };
  let buffers: Record<string, SharedArrayBuffer> | undefined;
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(local)) {
    if (v instanceof SharedArrayBuffer) (buffers ??= {})[k] = v;
    else rest[k] = v;
  }
  return buffers === undefined ? { local } : { local: rest, buffers };
}

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

export class PoolRunner implements BatchRunner {
  readonly workers: number;
  private readonly chunksPerWorker: number;
  private readonly maxAttempts: number;
  private readonly active = new Set<Piscina>();
  /** Threads started by prepare() for the next run of this module. */
  private prepared: { module: string; pool: Piscina<PoolTask, unknown> } | null = null;

  constructor(options: PoolOptions = {}) {
    const workers = options.workers ?? defaultWorkerCount();
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`PoolRunner: workers must be an integer >= 1, got ${workers}`);
    this.workers = workers;
    this.chunksPerWorker = options.chunksPerWorker ?? 2;
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  private startPool(module: string): Piscina<PoolTask, unknown> {
    const workerData: PoolWorkerData = { module };
    const pool = startThreads<PoolTask, unknown>('worker', this.workers, workerData);
    mark(`pool: ${this.workers} threads started`);
    this.active.add(pool);
    return pool;
  }

  prepare(module: string): void {
    module = toModuleRef(module);
    if (this.prepared?.module === module) return;
    if (this.prepared !== null) {
      this.active.delete(this.prepared.pool);
      void this.prepared.pool.destroy();
    }
    this.prepared = { module, pool: this.startPool(module) };
  }

  async run<P, R>(job: BatchJob<P>, options: BatchRunOptions<R>): Promise<BatchOutcome> {
    let pool: Piscina<PoolTask, unknown>;
    // The same module may be named by its file URL or by its pkg: reference.
    if (this.prepared !== null && this.prepared.module === toModuleRef(job.module)) {
      pool = this.prepared.pool;
      this.prepared = null;
    } else {
      pool = this.startPool(job.module);
    }
    try {
      if (options.signal?.aborted === true) return { replications: 0, partial: true, stoppedEarly: false };
      const { local, buffers } = splitSharedBuffers(job.local);
      const shared: SharedJob = local !== undefined ? { payload: job.payload, local } : { payload: job.payload };
      const bytes = serialize(shared);
      const buffer = new SharedArrayBuffer(bytes.byteLength);
      new Uint8Array(buffer).set(bytes);
      mark(`pool: job serialised (${bytes.byteLength} bytes${buffers !== undefined ? `, ${Object.keys(buffers).length} shared buffer(s) by reference` : ''})`);
      return await driveChunks<R>({
        ...options,
        maxInFlight: this.workers * this.chunksPerWorker,
        maxAttempts: this.maxAttempts,
        submit: (range) => pool.run({ range, job: buffer, ...(buffers !== undefined ? { buffers } : {}) }) as Promise<R>,
        isRetryable: isWorkerExit,
      });
    } finally {
      this.active.delete(pool);
      // Chunks still running after a stop or a cancel are discarded: their threads are terminated.
      await pool.destroy();
    }
  }

  async close(): Promise<void> {
    this.prepared = null;
    await Promise.all([...this.active].map((p) => p.destroy()));
    this.active.clear();
  }
}
