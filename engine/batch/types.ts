/**
 * The batch contract (docs/architecture.md section 7), domain-free: engine/batch knows how to cut a range of replication
 * indices into chunks, run them on local worker threads or on remote workers through a queue, and hand the
 * chunk results back IN CHUNK ORDER, so that any aggregate built from them is independent of timing,
 * worker count and distribution. What a chunk computes is the job module's business (models/ provides them).
 */

/** A contiguous range of replication indices [start, start + count); chunk numbers are 0, 1, 2, ... */
export interface ChunkRange {
  chunk: number;
  start: number;
  count: number;
}

/**
 * A job module is an ES module (compiled JavaScript when run on worker threads) exporting
 * `createChunkRunner(payload, local?)`. Each worker calls it ONCE per batch with the batch's payload (the
 * scenario and plan documents, say: sent once per worker, not per chunk) and then calls the returned function
 * per chunk. The chunk result must be structured-cloneable and JSON-safe (it crosses threads and Redis).
 * `local` is BatchJob.local when the worker runs on this machine, undefined on a remote (Redis) worker.
 */
export type ChunkRunner<R> = (range: ChunkRange) => R;
export interface JobModule<P, R> {
  createChunkRunner(payload: P, local?: unknown): ChunkRunner<R> | Promise<ChunkRunner<R>>;
}

export interface BatchJob<P> {
  /** Absolute file URL (or path) of the job module. */
  module: string;
  payload: P;
  /**
   * What the coordinator already built and workers on this machine may reuse instead of building it again
   * (a region loaded and checked, say). Structured-cloneable. The in-process runner passes it as it is;
   * the local pool serialises it ONCE into a SharedArrayBuffer that every thread reads, except its top-level
   * SharedArrayBuffer properties, which every thread receives by reference (one copy in memory); remote workers
   * never see it, so a job module must give the same results without it (it is a shortcut, not an input).
   */
  local?: unknown;
}

export interface BatchProgress {
  /** Replications whose chunk results have been merged (in order). */
  done: number;
  /** The planned total (for a precision rule: the maximum). */
  total: number;
  chunksDone: number;
}

export interface BatchRunOptions<R> {
  /** First replication index and how many (a precision rule may stop earlier, at a chunk boundary). */
  start?: number;
  replications: number;
  /** Replications per chunk; fixed by the caller, never by the worker count (determinism). */
  chunkSize: number;
  /**
   * Cut the batch's first and last block of `chunkSize` replications into smaller chunks (chunks.ts):
   * workers get work as soon as each is up, and wait less for the last chunk. Like chunkSize, a property
   * of the batch; the blocks' ends stay chunk ends, so a rule decided only there (isBlockEnd) stops at
   * the same replication with or without it.
   */
  taper?: boolean;
  /**
   * Called with each chunk result in chunk order; return true to stop after this chunk (stopping rules).
   * It may return a promise (the HTTP server merges on another thread): the next chunk is delivered only
   * once it has settled, so the order and the stopping decision are exactly those of a synchronous merge.
   */
  onChunk: (range: ChunkRange, result: R) => boolean | void | Promise<boolean | void>;
  onProgress?: (progress: BatchProgress) => void;
  signal?: AbortSignal;
}

export interface BatchOutcome {
  /** Replications merged, in order, from index `start`. */
  replications: number;
  /** True when the run was cancelled (results so far were still delivered in order). */
  partial: boolean;
  /** True when onChunk asked to stop (a stopping rule was met). */
  stoppedEarly: boolean;
}

/** Anything that can run a batch: the local piscina pool, the in-process runner, the BullMQ coordinator. */
export interface BatchRunner {
  /**
   * Optional: start workers and load the job module now, while the caller is still building the payload
   * (the local pool starts its threads; the others have nothing to start early). The next run() of the same
   * module uses them.
   */
  prepare?(module: string): void;
  run<P, R>(job: BatchJob<P>, options: BatchRunOptions<R>): Promise<BatchOutcome>;
  close(): Promise<void>;
}
