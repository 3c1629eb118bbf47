/**
 * A job module that wraps another and returns each chunk result as JSON text. The HTTP server runs its
 * batches through it: a chunk of a large batch is a ~5 MB object graph (a 60-day scorecard has 2 x 1,441
 * curve summaries), and a result that crosses a thread (piscina) or Redis (BullMQ) as an object is rebuilt
 * on the receiving side's event loop (~100 ms per chunk measured), whereas a string crosses as one copy.
 * The server's event loop never parses it either: the merge thread does (merge-thread.ts).
 */
import { loadChunkRunner } from '../../../engine/batch/load-runner.js';
import { toModuleRef } from '../../../engine/batch/modules.js';
import type { ChunkRange, ChunkRunner } from '../../../engine/batch/types.js';

/** This module's URL, for BatchJob.module. */
export const TEXT_JOB_MODULE: string = import.meta.url;

export interface TextJobPayload {
  /** The wrapped job module, as a machine-independent reference (workers on other machines resolve it). */
  module: string;
  payload: unknown;
}

/** The payload that runs `module` with `payload` and returns its chunk results as JSON text. */
export function textJobPayload(module: string, payload: unknown): TextJobPayload {
  return { module: toModuleRef(module), payload };
}

export async function createChunkRunner(p: TextJobPayload): Promise<ChunkRunner<string>> {
  const inner = await loadChunkRunner<unknown, unknown>(p.module, p.payload);
  return (range: ChunkRange): string => JSON.stringify(inner(range));
}
