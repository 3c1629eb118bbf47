/**
 * The piscina task file of the HTTP server's merge thread (merger.ts starts it): everything that reads or
 * builds a batch accumulator runs here, never on the server's event loop. Restoring, merging and saving
 * the accumulator of the largest batch the API accepts (a 60-day horizon: 2 x 1,441 curve summaries) costs
 * about 0.6 s per chunk and 0.5 s to restore (measured on this 2-core machine), which on the event loop
 * would stall every request, /v1/health included, a hundred times per batch.
 *
 * The thread keeps each running batch's accumulator between chunks (one thread, so the state stays put);
 * chunks and accumulators travel as JSON text, which crosses threads as one copy.
 */
import type { PrecisionTarget } from '../../../engine/batch/stopping.js';
import { DEFAULT_MIN_REPLICATIONS } from '../../../engine/batch/stopping.js';
import { ScorecardAccumulator } from '../../../models/scoring/scorecard.js';
import { chartSpec } from '../charts/specs.js';
import type { BatchKind } from '../storage/batches.js';
import { JOB_KINDS, type Progress, type ProgressContext } from './jobs.js';

export type MergeTask =
  /** Restore a batch's accumulator from its stored JSON; replies MergeState. */
  | { op: 'open'; batch: string; kind: BatchKind; accumulator: string; context: ProgressContext; precision: PrecisionTarget[] | null }
  /** Fold in the next chunk (JSON text); replies MergeState with the accumulator to save. */
  | { op: 'merge'; batch: string; chunk: string; precision: PrecisionTarget[] | null }
  /** The batch's result as JSON text; replies { result }. */
  | { op: 'result'; batch: string; partial: boolean }
  /** Forget a batch (finished, stopped or yielded). */
  | { op: 'drop'; batch: string }
  /** The result of a stored accumulator, without keeping it (a queued batch cancelled); replies { result }. */
  | { op: 'final'; kind: BatchKind; accumulator: string; context: ProgressContext; partial: boolean }
  /** A chart's vega-lite spec as JSON text, drawn from a stored score accumulator; replies { spec } (null: no such chart). */
  | { op: 'chart'; accumulator: string; name: string; status: string };

export interface MergeState {
  /** The first replication not merged. */
  next: number;
  /** Has the batch's precision rule been met (false without one)? */
  reached: boolean;
  /** The accumulator as JSON text (merge only: what the server saves after the chunk). */
  accumulator?: string;
}

const open = new Map<string, Progress>();

function progressOf(batch: string): Progress {
  const p = open.get(batch);
  if (p === undefined) throw new Error(`merge thread: batch ${batch} is not open (the thread was restarted?)`);
  return p;
}

function state(p: Progress, precision: PrecisionTarget[] | null, withAccumulator: boolean): MergeState {
  return {
    next: p.next,
    reached: p.reached(precision, DEFAULT_MIN_REPLICATIONS),
    ...(withAccumulator ? { accumulator: JSON.stringify(p.toJSON()) } : {}),
  };
}

export default function mergeTask(task: MergeTask): MergeState | { result: string } | { spec: string | null } | Record<string, never> {
  switch (task.op) {
    case 'open': {
      const p = JOB_KINDS[task.kind].restore(JSON.parse(task.accumulator) as unknown, task.context);
      open.set(task.batch, p);
      return state(p, task.precision, false);
    }
    case 'merge': {
      const p = progressOf(task.batch);
      p.merge(JSON.parse(task.chunk) as unknown);
      return state(p, task.precision, true);
    }
    case 'result':
      return { result: JSON.stringify(progressOf(task.batch).result(task.partial).value) };
    case 'drop':
      open.delete(task.batch);
      return {};
    case 'final': {
      const p = JOB_KINDS[task.kind].restore(JSON.parse(task.accumulator) as unknown, task.context);
      return { result: JSON.stringify(p.result(task.partial).value) };
    }
    case 'chart': {
      const acc = ScorecardAccumulator.fromJSON(JSON.parse(task.accumulator) as unknown);
      const subtitle = `${acc.spec.scenario} / ${acc.spec.plan}, seed ${String(acc.spec.seed)}, ${acc.replications} replications${task.status === 'done' ? '' : ` (${task.status})`}`;
      const spec = chartSpec(task.name, acc, subtitle);
      return { spec: spec === undefined ? null : JSON.stringify(spec) };
    }
  }
}
