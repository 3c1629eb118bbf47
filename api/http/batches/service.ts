/**
 * Runs batches through a BatchRunner (the piscina pool, or the Redis coordinator): no replication and no
 * aggregation ever runs on the server's event loop. Chunks come back as JSON text (text-job.ts) and are
 * merged on the merge thread (merger.ts), which keeps the batch's accumulator; the event loop only
 * persists the text it returns and tells listeners.
 *
 * Lifecycle: queued -> running -> done | failed | cancelled. After every chunk, delivered in chunk order,
 * the merged accumulator and the next replication index are saved in one transaction. At start-up every
 * batch still queued or running is (re)started from its saved index: chunk results are deterministic, so
 * the resumed batch ends with exactly the result of an uninterrupted one. A graceful shutdown stops the
 * runner and leaves the batch running-in-the-database, so it resumes the same way.
 *
 * Batches run one at a time by default: each uses every worker it asked for, and a queue is easier to
 * reason about than batches competing for the same cores.
 *
 * Sharing the queue between tokens: each token may have at most `maxActiveBatches` batches and
 * `maxActiveReplications` replications (what is left of each) queued or running, beyond which a new
 * batch is a 429; the queue takes batches from the token served least recently (fair-queue.ts); and a
 * batch that has run `sliceMs` while another token's batch waits stops after its current chunk, goes back
 * to the queue and resumes later from its saved index, exactly as after a restart. One author's
 * 1,000,000-replication batch therefore takes turns with everyone else's instead of holding the queue
 * for hours, and its result is the same as if it had run alone.
 */
import { randomUUID } from 'node:crypto';
import type { BatchRunner } from '../../../engine/batch/types.js';
import { InputError } from '../../../engine/errors.js';
import { ScorecardAccumulator, scorecardSpec, unscoredMetrics } from '../../../models/scoring/scorecard.js';
import { PairedAccumulator, pairedMetrics } from '../../../models/study/paired.js';
import { MAX_REPLICATIONS } from '../../../models/schema/limits.js';
import { emptySamples } from '../../../models/drill/job.js';
import type { Catalog } from '../catalog.js';
import { ApiError, toDetails, type ErrorBody } from '../errors.js';
import { FairQueue } from './fair-queue.js';
import type { BatchKind, BatchRow, BatchStatus, BatchStore, RowColumns } from '../storage/batches.js';
import { JOB_KINDS, progressContext, studyInputs, type BatchSnapshot, type BatchSpec } from './jobs.js';
import { Merger } from './merger.js';
import { TEXT_JOB_MODULE, textJobPayload } from './text-job.js';
import { TRACE_JOB_MODULE, type TracePayload } from './trace-job.js';

export type RunnerFactory = (options: { workers: number }) => BatchRunner;

/** The owner of batches created without a token (the local user on loopback). */
export const LOCAL_OWNER = 'local';

export interface BatchQuotas {
  /** Batches one token may have queued or running at once. */
  maxActiveBatches: number;
  /** Replications one token may have queued or running at once (for a running batch: those left). */
  maxActiveReplications: number;
  /** How long a batch runs before it gives its slot to another token's waiting batch (ms). */
  sliceMs: number;
}

/**
 * Defaults: room for any one batch the API accepts (1,000,000 replications), not for a second such one;
 * twenty batches; a minute's slice, long enough that the chunk in flight when a batch yields (work that
 * is redone when it resumes) is a small share of it.
 */
export const DEFAULT_QUOTAS: BatchQuotas = { maxActiveBatches: 20, maxActiveReplications: MAX_REPLICATIONS, sliceMs: 60_000 };

export function ownerOf(spec: BatchSpec): string {
  return spec.owner ?? LOCAL_OWNER;
}

export interface BatchEvent {
  type: 'progress' | 'done' | 'error';
  data: Record<string, unknown>;
}

export interface BatchServiceOptions {
  store: BatchStore;
  catalog: Catalog;
  runnerFactory: RunnerFactory;
  /** Batches running at once (default 1). */
  concurrency?: number;
  /** Replications per chunk for a batch of n (fixed when the batch is created; default chunkSizeFor). */
  chunkSize?: (replications: number) => number;
  log?: { error: (obj: unknown, msg?: string) => void; info?: (obj: unknown, msg?: string) => void };
  /** Per-token quotas and the time slice (default DEFAULT_QUOTAS). */
  quotas?: Partial<BatchQuotas>;
}

/**
 * About 100 chunks per batch, at least 10 replications each: progress moves, a precision rule decides
 * often enough, and the accumulator (which grows with n while its quantiles are exact) is saved at most
 * ~100 times.
 */
export function chunkSizeFor(replications: number): number {
  return Math.max(10, Math.ceil(replications / 100));
}

interface Running {
  controller: AbortController;
  /**
   * Why it stopped early: a user's cancel, the server stopping (then the batch resumes at the next start),
   * or its time slice ending while another token's batch waits (then it goes back to the queue).
   */
  reason: 'cancel' | 'shutdown' | 'yield' | null;
  done: Promise<void>;
}

export class BatchService {
  private readonly store: BatchStore;
  private readonly catalog: Catalog;
  private readonly runnerFactory: RunnerFactory;
  private readonly concurrency: number;
  private readonly chunkSize: (n: number) => number;
  private readonly log: BatchServiceOptions['log'];
  private readonly quotas: BatchQuotas;
  private readonly queue = new FairQueue();
  private readonly running = new Map<string, Running>();
  private readonly listeners = new Map<string, Set<(e: BatchEvent) => void>>();
  /** The merge thread: every accumulator is read and built there, never on the event loop. */
  readonly merger: Merger;
  private closing = false;

  constructor(options: BatchServiceOptions) {
    this.store = options.store;
    this.catalog = options.catalog;
    this.runnerFactory = options.runnerFactory;
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.chunkSize = options.chunkSize ?? chunkSizeFor;
    this.log = options.log;
    this.quotas = { ...DEFAULT_QUOTAS, ...options.quotas };
    this.merger = new Merger((err) => this.log?.error({ err }, 'merge thread'));
  }

  /** Queue every batch that was queued or running when the server last stopped. */
  start(): void {
    for (const row of this.store.active()) if (!this.running.has(row.id)) this.queue.push(row.id, ownerOf(row.spec as BatchSpec));
    this.pump();
  }

  /**
   * Check and queue a batch: a score batch (one plan, or the scenario's default) or a comparison (plans A
   * and B). Bad references and invalid documents throw (422) before anything is stored; compiling happens
   * here so the client hears about them now, not from a failed batch later.
   */
  create(kind: BatchKind, spec: BatchSpec, planPaths: readonly string[]): BatchRow {
    this.checkQuota(spec);
    const { scenario, plans, snapshot } = this.catalog.resolveRun(spec.scenario, spec.plans, planPaths);
    if (kind === 'score' && spec.precision !== null) {
      const unscored = unscoredMetrics(plans[0]!, spec.precision.map((t) => t.metric));
      if (unscored.length > 0) {
        const scored = plans[0]!.metrics.map((m) => m.name).join(', ');
        throw new ApiError(
          422,
          'invalid-request',
          `precision names ${unscored.join(', ')}, which scenario '${scenario.id}' does not score (its hazards do not produce ${unscored.length === 1 ? 'it' : 'them'})`,
          unscored.map((m) => ({ path: `/precision/${m}`, message: `not scored here; the scored metrics are: ${scored}` })),
        );
      }
    }
    const empty =
      kind === 'score'
        ? new ScorecardAccumulator(scorecardSpec(scenario, plans[0]!, spec.seed)).toJSON()
        : kind === 'drill'
          ? emptySamples(plans[0]!).toJSON()
          : new PairedAccumulator(0, pairedMetrics(plans[0]!, plans[1]!)).toJSON();
    const row = this.store.insert({
      id: randomUUID(),
      kind,
      spec,
      snapshot,
      chunkSize: this.chunkSize(spec.replications),
      total: spec.replications,
      accumulator: empty,
    });
    this.queue.push(row.id, ownerOf(spec));
    this.pump();
    return row;
  }

  /**
   * Refuse a batch over its token's quota: 429 while the token's other batches hold the room (it will fit
   * once they finish or are cancelled), 422 for a batch larger than the whole quota (it never will).
   * Checked and inserted in one synchronous step, so concurrent requests cannot both slip under the cap.
   */
  private checkQuota(spec: BatchSpec): void {
    const owner = ownerOf(spec);
    const { maxActiveBatches, maxActiveReplications } = this.quotas;
    if (spec.replications > maxActiveReplications) {
      throw new ApiError(422, 'over-quota', `this server runs at most ${maxActiveReplications} replications per token at once; ask for fewer`, [
        { path: '/replications', message: `at most ${maxActiveReplications}` },
      ]);
    }
    const mine = this.store.active().filter((r) => ownerOf(r.spec as BatchSpec) === owner);
    if (mine.length >= maxActiveBatches) {
      throw new ApiError(429, 'quota-exceeded', `this token has ${mine.length} batches queued or running, the most it may have at once: wait for one to finish or cancel one`, [
        { path: '', message: `at most ${maxActiveBatches} batches queued or running per token` },
      ]);
    }
    const left = mine.reduce((sum, r) => sum + Math.max(0, r.total - r.nextIndex), 0);
    if (left + spec.replications > maxActiveReplications) {
      throw new ApiError(
        429,
        'quota-exceeded',
        `this token has ${left} replications queued or running; with ${spec.replications} more it would exceed its ${maxActiveReplications}: wait for them to finish, cancel a batch, or ask for at most ${maxActiveReplications - left}`,
        [{ path: '/replications', message: `at most ${maxActiveReplications - left} now (${maxActiveReplications} per token in all)` }],
      );
    }
  }

  /** A batch record; by default without its accumulator ('view'), which only the merge thread reads. */
  get(id: string, columns: RowColumns | boolean = 'view'): BatchRow | undefined {
    return this.store.get(id, columns);
  }

  /** A score batch's chart (vega-lite JSON text) drawn on the merge thread; null: no such chart. */
  async chart(row: BatchRow, name: string): Promise<string | null> {
    return this.merger.chart(this.store.accumulatorText(row.id) ?? 'null', name, row.status);
  }

  /**
   * The trace of replication `index` of a batch (trace-job.ts), recomputed from its frozen documents and
   * seed on a runner of one worker, never on the event loop; JSON text. `plan` picks A (0) or B (1) of a
   * comparison.
   */
  async trace(row: BatchRow, index: number, plan: number): Promise<string> {
    const snapshot = row.snapshot as BatchSnapshot;
    const spec = row.spec as BatchSpec;
    const inner: TracePayload = { inputs: studyInputs(snapshot, this.regionFor(snapshot)), seed: spec.seed, plan };
    const runner = this.runnerFactory({ workers: 1 });
    let text: string | undefined;
    try {
      await runner.run<unknown, unknown>(
        { module: TEXT_JOB_MODULE, payload: textJobPayload(TRACE_JOB_MODULE, inner) },
        {
          start: index,
          replications: 1,
          chunkSize: 1,
          onChunk: (_range, result) => {
            text = result as string;
          },
        },
      );
    } finally {
      await runner.close().catch((err: unknown) => this.log?.error({ err }, 'closing the trace runner failed'));
    }
    if (typeof text !== 'string') throw new Error('the trace job returned nothing');
    return text;
  }

  list(limit: number, status?: BatchStatus): BatchRow[] {
    return this.store.list(limit, status);
  }

  /** Cancel a queued or running batch; the merged chunks stay as partial results. */
  async cancel(id: string): Promise<BatchRow | undefined> {
    const row = this.store.get(id, true);
    if (row === undefined) return undefined;
    // Queued, including a batch that has just yielded its slot (requeued while its runner closes).
    if (this.queue.remove(id) || (row.status === 'queued' && !this.running.has(id))) {
      await this.finishCancelled(id);
    } else {
      const r = this.running.get(id);
      // A batch yielding its slot is still winding down: the cancel wins, it is not requeued.
      if (r !== undefined && (r.reason === null || r.reason === 'yield')) {
        r.reason = 'cancel';
        r.controller.abort(new Error('cancelled'));
      }
    }
    return this.store.get(id, true);
  }

  subscribe(id: string, listener: (e: BatchEvent) => void): () => void {
    let set = this.listeners.get(id);
    if (set === undefined) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  isActive(id: string): boolean {
    return this.running.has(id) || this.queue.has(id);
  }

  /** Stop running batches without finishing them (they resume at the next start) and wait for the runners. */
  async close(): Promise<void> {
    this.closing = true;
    this.queue.clear();
    for (const r of this.running.values()) {
      if (r.reason === null) r.reason = 'shutdown';
      r.controller.abort(new Error('server shutting down'));
    }
    await Promise.all([...this.running.values()].map((r) => r.done));
    await this.merger.close();
  }

  // ----------------------------------------------------------------------------------------------

  private emit(id: string, event: BatchEvent): void {
    const set = this.listeners.get(id);
    if (set === undefined) return;
    for (const l of [...set]) {
      try {
        l(event);
      } catch (err) {
        this.log?.error({ err }, 'batch event listener failed');
      }
    }
  }

  private pump(): void {
    while (!this.closing && this.running.size < this.concurrency && this.queue.size > 0) {
      const id = this.queue.shift()!;
      if (this.running.has(id)) continue;
      const controller = new AbortController();
      const entry: Running = { controller, reason: null, done: Promise.resolve() };
      this.running.set(id, entry);
      entry.done = this.runBatch(id, entry)
        .catch((err: unknown) => this.log?.error({ err, batch: id }, 'batch bookkeeping failed'))
        .finally(() => {
          this.running.delete(id);
          this.pump();
        });
    }
  }

  private async finishCancelled(id: string): Promise<void> {
    const row = this.store.get(id)!;
    try {
      const resultJson = await this.merger.final(row.kind, this.store.accumulatorText(id) ?? 'null', progressContext(row.spec as BatchSpec, row.snapshot as BatchSnapshot), true);
      this.store.finish(id, 'cancelled', { resultJson });
    } catch (err) {
      this.fail(id, err);
      return;
    }
    this.emit(id, { type: 'done', data: this.doneEvent(this.store.get(id, true)!) });
  }

  doneEvent(row: BatchRow): Record<string, unknown> {
    return {
      id: row.id,
      status: row.status,
      replications: row.nextIndex,
      partial: row.status !== 'done',
      stoppedEarly: row.stoppedEarly,
      results: `/v1/batches/${row.id}/results`,
    };
  }

  private progressEvent(row: { id: string; nextIndex: number; total: number; chunksDone: number }, status: BatchStatus): Record<string, unknown> {
    return { id: row.id, status, done: row.nextIndex, total: row.total, chunksDone: row.chunksDone };
  }

  private async runBatch(id: string, entry: Running): Promise<void> {
    const row = this.store.get(id);
    if (row === undefined || (row.status !== 'queued' && row.status !== 'running')) return;
    try {
      await this.runOpen(id, entry, row);
    } finally {
      await this.merger.drop(id).catch(() => {});
    }
  }

  private async runOpen(id: string, entry: Running, row: BatchRow): Promise<void> {
    const spec = row.spec as BatchSpec;
    const snapshot = row.snapshot as BatchSnapshot;
    const job = JOB_KINDS[row.kind];
    let payload: unknown;
    let inner: unknown;
    let opened: { next: number; reached: boolean };
    try {
      inner = job.payload(snapshot, this.regionFor(snapshot), spec.seed);
      payload = textJobPayload(job.module, inner);
      opened = await this.merger.open(id, row.kind, this.store.accumulatorText(id) ?? 'null', progressContext(spec, snapshot), spec.precision);
    } catch (err) {
      this.fail(id, err);
      return;
    }
    if (opened.next !== row.nextIndex) {
      this.fail(id, new Error(`stored accumulator ends at ${opened.next}, the batch record at ${row.nextIndex}`));
      return;
    }
    this.store.markRunning(id);
    this.log?.info?.({ batch: id, from: opened.next, total: row.total }, opened.next > 0 ? 'resuming batch' : 'starting batch');
    const state = { nextIndex: opened.next, total: row.total, chunksDone: row.chunksDone, id };
    this.emit(id, { type: 'progress', data: this.progressEvent(state, 'running') });

    const owner = ownerOf(spec);
    const sliceStart = Date.now();
    let yielded = false;
    // A precision rule met by the chunks saved before a crash: nothing left to run.
    let stoppedEarly = opened.reached;
    const remaining = row.total - opened.next;
    // The merge of the chunk in hand: a stop (cancel, shutdown) may end the run while the merge thread
    // still works on it; its saved progress must land before the batch's fate is written.
    let merging: Promise<unknown> = Promise.resolve();
    // A cancel or a shutdown may come while the merge thread restores the accumulator: then run nothing.
    if (!stoppedEarly && remaining > 0 && !entry.controller.signal.aborted) {
      let runner: BatchRunner | undefined;
      try {
        // More threads than chunks left would only start idle workers (the result is the same either way).
        runner = this.runnerFactory({ workers: Math.max(1, Math.min(spec.workers, Math.ceil(remaining / row.chunkSize))) });
        const mergeChunk = async (range: { start: number; count: number }, chunk: unknown): Promise<boolean> => {
          if (range.start !== state.nextIndex) {
            throw new Error(`chunk [${range.start}, ${range.start + range.count}) arrived where replication ${state.nextIndex} was expected`);
          }
          if (typeof chunk !== 'string') throw new Error('a chunk result arrived as an object, not as the JSON text of the text job');
          const merged = await this.merger.merge(id, chunk, spec.precision);
          state.nextIndex = merged.next;
          state.chunksDone += 1;
          this.store.saveProgress(id, merged.accumulator, state.nextIndex, state.chunksDone);
          this.emit(id, { type: 'progress', data: this.progressEvent(state, 'running') });
          if (merged.reached) return true;
          if (entry.reason === null && state.nextIndex < row.total && Date.now() - sliceStart >= this.quotas.sliceMs && this.queue.othersWaiting(owner)) {
            entry.reason = 'yield';
            yielded = true;
            return true;
          }
          return false;
        };
        const outcome = await runner.run<unknown, unknown>(
          { module: TEXT_JOB_MODULE, payload },
          {
            start: opened.next,
            replications: remaining,
            chunkSize: row.chunkSize,
            signal: entry.controller.signal,
            onChunk: (range, chunk) => {
              const p = mergeChunk(range, chunk);
              merging = p.catch(() => {});
              return p;
            },
          },
        );
        await merging;
        // A yield also stops the runner "early"; only a met precision rule counts as stopping early.
        stoppedEarly = outcome.stoppedEarly && !yielded;
      } catch (err) {
        await merging;
        if (entry.reason === null) {
          this.fail(id, err);
          return;
        }
        // Aborted: runners may reject instead of resolving partial; the saved progress is what counts.
      } finally {
        await runner?.close().catch((err: unknown) => this.log?.error({ err }, 'closing the batch runner failed'));
      }
    }
    if (entry.reason === 'shutdown') return; // resumes at the next start
    if (entry.reason === 'yield') {
      // Back to the front of its owner's queue; the owner was just served, so other tokens go first.
      // Queued before anyone hears of it, so that a cancel from a listener finds it in the queue.
      this.store.markQueued(id);
      if (!this.closing) this.queue.push(id, owner, true);
      this.log?.info?.({ batch: id, at: state.nextIndex, total: row.total }, 'batch yields its slot to another token');
      this.emit(id, { type: 'progress', data: this.progressEvent(state, 'queued') });
      return;
    }
    const cancelled = entry.reason === 'cancel' && state.nextIndex < row.total && !stoppedEarly;
    let resultJson: string;
    try {
      resultJson = await this.merger.result(id, cancelled);
    } catch (err) {
      this.fail(id, err);
      return;
    }
    if (cancelled) this.store.finish(id, 'cancelled', { resultJson });
    else if (job.finish !== undefined) {
      // A last step on the runner (a drill batch builds its script there, off the event loop), from the
      // accumulator as saved after the last chunk.
      const runner = this.runnerFactory({ workers: 1 });
      try {
        resultJson = await job.finish(runner, this.store.accumulatorText(id) ?? 'null', inner, spec);
      } catch (err) {
        this.fail(id, err);
        return;
      } finally {
        await runner.close().catch((err: unknown) => this.log?.error({ err }, 'closing the batch runner failed'));
      }
      this.store.finish(id, 'done', { resultJson, stoppedEarly });
    } else this.store.finish(id, 'done', { resultJson, stoppedEarly });
    this.emit(id, { type: 'done', data: this.doneEvent(this.store.get(id, true)!) });
  }

  private regionFor(snapshot: BatchSnapshot): string {
    const ref = snapshot.refs.region;
    return ref.builtin ? ref.id : this.catalog.regionDir(ref);
  }

  private fail(id: string, err: unknown): void {
    let error: ErrorBody;
    if (err instanceof InputError) {
      error = { error: 'invalid-document', message: 'the batch input is invalid', details: toDetails(err.issues) };
    } else {
      this.log?.error({ err, batch: id }, 'batch failed');
      error = { error: 'batch-failed', message: 'the batch failed: this is a bug in drillsim or a worker crash; the server log has the details', details: [] };
    }
    this.store.finish(id, 'failed', { error });
    this.emit(id, { type: 'error', data: { id, ...error } });
  }
}
