/**
 * INTERIM in-process BatchRunner (engine/batch/types.ts) for the study commands until the pool's
 * engine/batch/inprocess.ts lands. It follows the contract to the letter so that the job modules run
 * unchanged on the pool and on Redis workers: the module is imported by URL, createChunkRunner is called
 * once per batch, chunk results pass through JSON (as they do through Redis) and reach onChunk in chunk
 * order.
 */
import type { BatchJob, BatchOutcome, BatchRunner, BatchRunOptions, ChunkRange, JobModule } from '../../engine/batch/types.js';

export class LocalRunner implements BatchRunner {
  async run<P, R>(job: BatchJob<P>, options: BatchRunOptions<R>): Promise<BatchOutcome> {
    const { replications, chunkSize } = options;
    const start = options.start ?? 0;
    if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`LocalRunner: chunkSize must be an integer >= 1, got ${chunkSize}`);
    if (!Number.isInteger(replications) || replications < 0) throw new RangeError(`LocalRunner: replications must be an integer >= 0, got ${replications}`);
    const mod = (await import(job.module)) as JobModule<P, R>;
    const runChunk = await mod.createChunkRunner(structuredClone(job.payload));
    let done = 0;
    let chunk = 0;
    for (let from = start; from < start + replications; from += chunkSize, chunk++) {
      if (options.signal?.aborted === true) return { replications: done, partial: true, stoppedEarly: false };
      const range: ChunkRange = { chunk, start: from, count: Math.min(chunkSize, start + replications - from) };
      const result = JSON.parse(JSON.stringify(runChunk(range))) as R;
      const stop = options.onChunk(range, result);
      done += range.count;
      options.onProgress?.({ done, total: replications, chunksDone: chunk + 1 });
      if (stop === true) return { replications: done, partial: false, stoppedEarly: done < replications };
      // Let signals and timers in between chunks (Ctrl-C, progress redraws).
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { replications: done, partial: false, stoppedEarly: false };
  }

  async close(): Promise<void> {}
}
