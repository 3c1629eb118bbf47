/**
 * The scheduling core shared by the local pool and the distributed coordinator: keep a bounded number of
 * chunks in flight, buffer results that arrive early, and hand them to onChunk strictly in chunk order.
 *
 * Why bounded: the buffer holds at most `maxInFlight` results, so memory stays flat for any N, and a
 * stopping decision (made at a chunk boundary, in chunk order) wastes at most the chunks in flight.
 * Why in order: every aggregate is then built from the same sequence of merges whatever the timing, the
 * worker count or the machine count, so it is bit-identical to the in-process run.
 */
import type { BatchOutcome, BatchRunOptions, ChunkRange } from './types.js';
import { chunkRanges } from './chunks.js';

export interface DriveOptions<R> extends BatchRunOptions<R> {
  /** Chunks running or queued at once (results buffered for in-order delivery count too). */
  maxInFlight: number;
  /** Start one attempt of a chunk; the promise settles with its result. */
  submit: (range: ChunkRange, attempt: number) => Promise<R>;
  /** Failures worth another attempt (a worker that died); others fail the batch at once. */
  isRetryable?: (err: unknown) => boolean;
  /** Attempts per chunk, the first included. */
  maxAttempts?: number;
}

export class ChunkFailedError extends Error {
  readonly chunk: ChunkRange;
  constructor(chunk: ChunkRange, attempts: number, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    super(`chunk ${chunk.chunk} (replications ${chunk.start}..${chunk.start + chunk.count - 1}) failed${tries}: ${why}`, { cause });
    this.name = 'ChunkFailedError';
    this.chunk = chunk;
  }
}

export function driveChunks<R>(options: DriveOptions<R>): Promise<BatchOutcome> {
  const start = options.start ?? 0;
  const total = options.replications;
  const maxAttempts = options.maxAttempts ?? 3;
  const maxInFlight = Math.max(1, Math.floor(options.maxInFlight));
  const ranges = chunkRanges(start, total, options.chunkSize, options.taper === true);
  const ready = new Map<number, { range: ChunkRange; result: R }>();

  return new Promise<BatchOutcome>((resolve, reject) => {
    let settled = false;
    let inFlight = 0;
    let exhausted = false;
    let nextToDeliver = 0;
    let done = 0;
    let chunksDone = 0;

    const finish = (partial: boolean, stoppedEarly: boolean): void => {
      if (settled) return;
      settled = true;
      ready.clear();
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ replications: done, partial, stoppedEarly });
    };
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      ready.clear();
      options.signal?.removeEventListener('abort', onAbort);
      reject(err);
    };
    const onAbort = (): void => finish(true, false);

    // True while an asynchronous onChunk is settling: results that arrive meanwhile wait in `ready` (they
    // count against the window, so the buffer stays bounded) and are delivered when it has settled.
    let merging = false;
    /** After onChunk said `stop` for a chunk: count it, report progress, stop or go on. False when finished. */
    const delivered = (range: ChunkRange, stop: boolean | void): boolean => {
      done += range.count;
      chunksDone += 1;
      try {
        options.onProgress?.({ done, total, chunksDone });
      } catch (err) {
        fail(err);
        return false;
      }
      if (stop === true) {
        finish(false, true);
        return false;
      }
      return !settled;
    };

    const deliver = (): void => {
      if (merging) return;
      for (let item = ready.get(nextToDeliver); item !== undefined && !settled; item = ready.get(nextToDeliver)) {
        ready.delete(nextToDeliver);
        nextToDeliver += 1;
        let stop: boolean | void | Promise<boolean | void>;
        try {
          stop = options.onChunk(item.range, item.result);
        } catch (err) {
          fail(err);
          return;
        }
        if (stop instanceof Promise) {
          const range = item.range;
          merging = true;
          stop.then(
            (s) => {
              merging = false;
              if (settled) return;
              if (!delivered(range, s)) return;
              deliver();
              fill();
            },
            (err: unknown) => {
              merging = false;
              fail(err);
            },
          );
          return;
        }
        if (!delivered(item.range, stop)) return;
      }
      if (!settled && exhausted && inFlight === 0 && ready.size === 0) finish(false, false);
    };

    const launch = (range: ChunkRange, attempt: number): void => {
      inFlight += 1;
      let attemptPromise: Promise<R>;
      try {
        attemptPromise = options.submit(range, attempt);
      } catch (err) {
        attemptPromise = Promise.reject(err);
      }
      attemptPromise.then(
        (result) => {
          inFlight -= 1;
          if (settled) return;
          ready.set(range.chunk, { range, result });
          deliver();
          fill();
        },
        (err: unknown) => {
          inFlight -= 1;
          if (settled) return;
          if (attempt < maxAttempts && (options.isRetryable?.(err) ?? false)) launch(range, attempt + 1);
          else fail(new ChunkFailedError(range, attempt, err));
        },
      );
    };

    const fill = (): void => {
      // Results waiting for an earlier chunk count against the window: a slow chunk 0 must not let the
      // buffer grow without bound.
      while (!settled && !exhausted && inFlight + ready.size < maxInFlight) {
        const next = ranges.next();
        if (next.done === true) {
          exhausted = true;
          break;
        }
        launch(next.value, 1);
      }
      if (!settled && !merging && exhausted && inFlight === 0 && ready.size === 0) finish(false, false);
    };

    if (options.signal?.aborted === true) {
      finish(true, false);
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      fill();
    } catch (err) {
      fail(err);
    }
  });
}
