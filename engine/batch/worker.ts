/**
 * The piscina task file of the local pool (compiled to dist/engine/batch/worker.js). The pool passes
 * { module, payload } as workerData, so each thread builds its chunk runner once per batch (the scenario
 * is compiled once per thread, not per chunk); a task carries only its chunk range.
 */
import { workerData } from 'piscina';
import { loadChunkRunner } from './load-runner.js';
import { maybeCrashForTest } from './test-hooks.js';
import type { ChunkRange, ChunkRunner } from './types.js';

export interface PoolWorkerData {
  module: string;
  payload: unknown;
}

let runner: Promise<ChunkRunner<unknown>> | null = null;

export default async function runChunk(range: ChunkRange): Promise<unknown> {
  const data = workerData as PoolWorkerData;
  runner ??= loadChunkRunner(data.module, data.payload);
  const run = await runner;
  maybeCrashForTest(range.chunk);
  return run(range);
}
