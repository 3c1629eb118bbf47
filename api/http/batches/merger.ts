/**
 * The server side of the merge thread (merge-thread.ts): one piscina thread per server, started when the
 * first batch needs it and kept while the server runs, so that a batch's accumulator stays in the thread
 * between chunks. Every accumulator the server reads or builds (restore, merge, the result, a chart) goes
 * through here; the event loop only moves JSON text between the batch runner, this thread and SQLite.
 */
import type { Piscina } from 'piscina';
import { threadFileNear } from '../../../engine/batch/modules.js';
import type { PrecisionTarget } from '../../../engine/batch/stopping.js';
import { startThreads } from '../../../engine/batch/threads.js';
import type { BatchKind } from '../storage/batches.js';
import type { ProgressContext } from './jobs.js';
import type { MergeState, MergeTask } from './merge-thread.js';

export class Merger {
  private pool: Piscina<MergeTask, unknown> | null = null;

  constructor(private readonly onError: (err: Error) => void = () => {}) {}

  private run<T>(task: MergeTask): Promise<T> {
    this.pool ??= startThreads<MergeTask, unknown>(threadFileNear(import.meta.url, 'merge-thread'), 1, null, this.onError);
    return this.pool.run(task) as Promise<T>;
  }

  /** Restore a batch's accumulator in the thread; where it ends and whether its precision rule is met. */
  open(batch: string, kind: BatchKind, accumulator: string, context: ProgressContext, precision: PrecisionTarget[] | null): Promise<MergeState> {
    return this.run({ op: 'open', batch, kind, accumulator, context, precision });
  }

  /** Merge the next chunk (JSON text); the new state, with the accumulator's JSON text to save. */
  async merge(batch: string, chunk: string, precision: PrecisionTarget[] | null): Promise<Required<MergeState>> {
    return this.run({ op: 'merge', batch, chunk, precision });
  }

  /** The open batch's result, as JSON text. */
  async result(batch: string, partial: boolean): Promise<string> {
    return (await this.run<{ result: string }>({ op: 'result', batch, partial })).result;
  }

  async drop(batch: string): Promise<void> {
    if (this.pool !== null) await this.run({ op: 'drop', batch });
  }

  /** The result of a stored accumulator that no batch holds open (a queued batch cancelled), as JSON text. */
  async final(kind: BatchKind, accumulator: string, context: ProgressContext, partial: boolean): Promise<string> {
    return (await this.run<{ result: string }>({ op: 'final', kind, accumulator, context, partial })).result;
  }

  /** A chart's vega-lite spec (JSON text) from a stored score accumulator; null when there is no such chart. */
  async chart(accumulator: string, name: string, status: string): Promise<string | null> {
    return (await this.run<{ spec: string | null }>({ op: 'chart', accumulator, name, status })).spec;
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }
}
