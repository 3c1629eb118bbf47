/**
 * The piscina task file of the local pool (compiled to dist/engine/batch/worker.js). The pool passes the
 * job module as workerData, and the thread imports it as it starts (top-level await: piscina reports the
 * thread ready only then), so module loading runs while the coordinator is still loading and compiling
 * the scenario. The payload comes with the tasks as one SharedArrayBuffer (pool.ts: serialised once,
 * shared, never copied per thread or per chunk), with the local's own SharedArrayBuffers beside it (a
 * region's routing arrays); the first task builds the chunk runner from them.
 */
import { deserialize } from 'node:v8';
import { workerData } from 'piscina';
import { mark } from '../timings.js';
import { buildChunkRunner, importJobModule, type LoadedJobModule } from './load-runner.js';
import { maybeCrashForTest } from './test-hooks.js';
import type { ChunkRange, ChunkRunner } from './types.js';

export interface PoolWorkerData {
  module: string;
}

/** A task: the chunk, and the batch's payload and local data as v8-serialised bytes in shared memory. */
export interface PoolTask {
  range: ChunkRange;
  job: SharedArrayBuffer;
  /** The local's top-level SharedArrayBuffer properties (pool.ts splitSharedBuffers), by reference. */
  buffers?: Record<string, SharedArrayBuffer>;
}

/** What the shared buffer holds. */
export interface SharedJob {
  payload: unknown;
  local?: unknown;
}

mark('worker: thread started');

/**
 * The task handler, as a promise: piscina awaits a default export that is a promise before it reports
 * the thread ready, so the job module is imported as the thread starts. (Not top-level await: under tsx a
 * worker loads this file through require, where top-level await is not allowed.)
 */
const handler: Promise<(task: PoolTask) => Promise<unknown>> = importJobModule((workerData as PoolWorkerData).module).then(
  (loaded) => {
    mark('worker: job module loaded');
    return chunkHandler(loaded);
  },
  // An import failure is thrown by every task (deterministic, so not retried), not here, where it would
  // kill the thread before it is ready and make piscina start another one, forever.
  (error: unknown) => () => Promise.reject(error),
);
export default handler;

function chunkHandler(loaded: LoadedJobModule<unknown, unknown>): (task: PoolTask) => Promise<unknown> {
  let runner: Promise<ChunkRunner<unknown>> | null = null;
  let chunks = 0;
  const build = async (job: SharedArrayBuffer, buffers: Record<string, SharedArrayBuffer> | undefined): Promise<ChunkRunner<unknown>> => {
    // deserialize reads the shared bytes into this thread's own objects; the Uint8Array view copies nothing.
    const { payload, local } = deserialize(new Uint8Array(job)) as SharedJob;
    // Shared buffers go back where they were taken from: the same memory as the coordinator's, not a copy.
    const withBuffers = buffers !== undefined ? { ...(local as Record<string, unknown> | undefined), ...buffers } : local;
    const built = await buildChunkRunner(loaded, payload, withBuffers);
    mark('worker: chunk runner built');
    return built;
  };
  return async (task) => {
    runner ??= build(task.job, task.buffers);
    const run = await runner;
    maybeCrashForTest(task.range.chunk);
    const result = run(task.range);
    chunks += 1;
    if (chunks === 1) mark(`worker: first chunk done (${task.range.count} replications)`);
    return result;
  };
}
