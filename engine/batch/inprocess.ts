/**
 * The in-process runner: chunks one after another in the calling thread. It is the reference the pool and
 * the distributed coordinator must agree with, and the `--workers 1` path (no thread start-up, no copy of
 * the payload). Between chunks it yields to the event loop, so progress output, Ctrl-C and an AbortSignal
 * are handled while a long batch runs.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { chunkRanges } from './chunks.js';
import { mark } from '../timings.js';
import { loadChunkRunner } from './load-runner.js';
import type { BatchJob, BatchOutcome, BatchRunOptions, BatchRunner } from './types.js';

export class InProcessRunner implements BatchRunner {
  async run<P, R>(job: BatchJob<P>, options: BatchRunOptions<R>): Promise<BatchOutcome> {
    const total = options.replications;
    let done = 0;
    let chunksDone = 0;
    // A function, not a narrowed property: the signal changes while chunks run.
    const aborted = (): boolean => options.signal?.aborted === true;
    if (aborted()) return { replications: 0, partial: true, stoppedEarly: false };
    const runChunk = await loadChunkRunner<P, R>(job.module, job.payload, job.local);
    mark('in-process: chunk runner built');
    for (const range of chunkRanges(options.start ?? 0, total, options.chunkSize, options.taper === true)) {
      if (aborted()) return { replications: done, partial: true, stoppedEarly: false };
      const stop = await options.onChunk(range, runChunk(range));
      done += range.count;
      chunksDone += 1;
      options.onProgress?.({ done, total, chunksDone });
      if (stop === true) return { replications: done, partial: false, stoppedEarly: true };
      await yieldToEventLoop();
    }
    return { replications: done, partial: false, stoppedEarly: false };
  }

  async close(): Promise<void> {}
}
