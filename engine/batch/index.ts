/**
 * engine/batch: run a batch of replications in chunks - in this thread, on a local piscina pool, or on
 * BullMQ workers across machines - and get the chunk results back in chunk order (types.ts: the contract).
 */
import { DistributedRunner } from './distributed.js';
import { InProcessRunner } from './inprocess.js';
import { PoolRunner, defaultWorkerCount } from './pool.js';
import type { BatchRunner } from './types.js';

export * from './types.js';
export { DEFAULT_CHUNK_SIZE, chunkCount, chunkRanges } from './chunks.js';
export { ChunkFailedError, driveChunks, type DriveOptions } from './ordered.js';
export { InProcessRunner } from './inprocess.js';
export { PoolRunner, defaultWorkerCount, isWorkerExit, splitSharedBuffers, type PoolOptions } from './pool.js';
export { DistributedRunner, RedisUnavailableError, RemoteChunkError, connectOrFail, type DistributedOptions } from './distributed.js';
export { startQueueWorker, type QueueWorkerHandle, type QueueWorkerOptions } from './queue-worker.js';
export { DEFAULT_QUEUE } from './queue-names.js';
export { DEFAULT_MIN_REPLICATIONS, parsePrecision, precisionReached, type PrecisionRule, type PrecisionTarget } from './stopping.js';
export { toModuleRef, resolveModuleRef } from './modules.js';

export interface RunnerChoice {
  /** Local worker threads (default: the number of cores); 0 or 1 runs in this thread. */
  workers?: number;
  /** Redis URL: run on `drillsim worker` processes instead (workers is then ignored). */
  redis?: string;
  queue?: string;
}

/** The runner the CLI options describe. */
export function createBatchRunner(choice: RunnerChoice = {}): BatchRunner {
  if (choice.redis !== undefined) return new DistributedRunner({ redis: choice.redis, ...(choice.queue !== undefined ? { queue: choice.queue } : {}) });
  const workers = choice.workers ?? defaultWorkerCount();
  return workers <= 1 ? new InProcessRunner() : new PoolRunner({ workers });
}
