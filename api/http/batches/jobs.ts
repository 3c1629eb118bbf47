/**
 * What the server runs through the batch engine, per batch kind: the job module, its payload built from
 * the batch's frozen snapshot, and how chunk results fold into the stored accumulator. The accumulator is
 * kept as JSON between chunks (that is what is persisted after each one) and rebuilt once per run.
 *
 *   score:   models/study/score-job.ts, one plan; the result is the scorecard of `drillsim run --json`.
 *   compare: models/study/paired-job.ts, plans A and B on common random numbers; the result is the
 *            comparison of `drillsim compare --json`.
 *   drill:   models/drill/job.ts, one plan; the chunks are the clause and level times of each
 *            replication; a last job (models/drill/script-job.ts) builds the drill script from them, which
 *            is the result (`drillsim drill script --format json`).
 */
import { precisionReached, type PrecisionTarget } from '../../../engine/batch/stopping.js';
import type { MasterSeed } from '../../../engine/random/index.js';
import type { MetricName } from '../../../models/scoring/metrics.js';
import { ScorecardAccumulator, type Scorecard } from '../../../models/scoring/scorecard.js';
import type { Comparison } from '../../../models/study/compare.js';
import { PAIRED_JOB_MODULE } from '../../../models/study/paired-job.js';
import { PairedAccumulator, type PairedAccumulatorJSON } from '../../../models/study/paired.js';
import { portableRegion, type StudyInputs } from '../../../models/study/payload.js';
import { SCORE_JOB_MODULE, type ScoreChunk } from '../../../models/study/score-job.js';
import type { PlanDoc } from '../../../models/schema/plan.js';
import type { ScenarioDoc } from '../../../models/schema/scenario.js';
import type { BatchKind } from '../storage/batches.js';
import type { BatchRunner } from '../../../engine/batch/types.js';
import { DRILL_JOB_MODULE } from '../../../models/drill/job.js';
import { DrillSamples } from '../../../models/drill/samples.js';
import { DRILL_SCRIPT_JOB_MODULE, type DrillScriptPayload } from '../../../models/drill/script-job.js';
import { TEXT_JOB_MODULE, textJobPayload } from './text-job.js';

export interface DocRef {
  id: string;
  version: number;
  builtin: boolean;
}

/** The documents a batch runs, frozen when it is created. */
export interface BatchSnapshot {
  scenario: ScenarioDoc;
  /** Merged plans (their `extends` chains resolved): one for a score batch, A and B for a comparison. */
  plans: PlanDoc[];
  refs: { scenario: DocRef; plans: DocRef[]; region: DocRef };
}

/** What the client asked for, normalised; stored with the batch. */
export interface BatchSpec {
  scenario: string;
  /** Plan ids as given (score: zero or one, the scenario's default then; compare: A and B). */
  plans: string[];
  replications: number;
  precision: PrecisionTarget[] | null;
  seed: MasterSeed;
  workers: number;
  /** Drill batches: scenario minutes per drill minute (default 1). */
  compress?: number;
  /**
   * The token id that created the batch ('local': the local user without a token), for the per-token
   * quotas and the fair queue. Batches stored before quotas existed have none and count as 'local'.
   */
  owner?: string;
}

/**
 * The study inputs a worker compiles; `region` is a built-in name or the absolute directory of a stored
 * region, which travels inline (its files' text) so that Redis workers on other machines need no copy.
 */
export function studyInputs(snapshot: BatchSnapshot, region: string): StudyInputs {
  return {
    scenario: { doc: snapshot.scenario, file: null },
    region: portableRegion(region),
    plans: snapshot.plans.map((doc) => ({ doc, file: null })),
  };
}

/** A batch's merged-so-far state. */
export interface Progress {
  /** The first replication not merged yet. */
  readonly next: number;
  readonly replications: number;
  /** Fold in the next chunk; accumulators refuse a chunk that does not start at `next`. */
  merge(chunk: unknown): void;
  /** Has the precision rule been met (false without one)? */
  reached(targets: readonly PrecisionTarget[] | null, minReplications: number): boolean;
  toJSON(): unknown;
  /** What GET .../results returns for this kind, under its key. */
  result(partial: boolean): { key: 'scorecard' | 'comparison' | 'script'; value: unknown };
}

/**
 * What restoring a batch's accumulator needs besides its JSON: a comparison's result names its scenario,
 * plans and seed. Small and plain, so it crosses to the merge thread (merge-thread.ts) instead of the
 * whole snapshot.
 */
export interface ProgressContext {
  scenario: string;
  plans: string[];
  seed: MasterSeed;
}

export function progressContext(spec: BatchSpec, snapshot: BatchSnapshot): ProgressContext {
  return { scenario: snapshot.refs.scenario.id, plans: snapshot.plans.map((p) => p.id), seed: spec.seed };
}

export interface JobKind {
  module: string;
  payload(snapshot: BatchSnapshot, region: string, seed: MasterSeed): unknown;
  restore(json: unknown, context: ProgressContext): Progress;
  /**
   * A last step on the runner once every replication is merged, from the saved accumulator's JSON text and
   * the job's payload; returns the batch's result as JSON text.
   */
  finish?(runner: BatchRunner, accumulator: string, payload: unknown, spec: BatchSpec): Promise<string>;
}

class ScoreProgress implements Progress {
  constructor(readonly acc: ScorecardAccumulator) {}
  get next(): number {
    return this.acc.next;
  }
  get replications(): number {
    return this.acc.replications;
  }
  merge(chunk: unknown): void {
    this.acc.merge(ScorecardAccumulator.fromJSON((chunk as ScoreChunk).scorecard, '/scorecard'));
  }
  reached(targets: readonly PrecisionTarget[] | null, minReplications: number): boolean {
    if (targets === null || targets.length === 0) return false;
    return precisionReached({ targets: [...targets], minReplications }, this.acc.replications, (m) => this.acc.metric(m as MetricName).halfWidth());
  }
  toJSON(): unknown {
    return this.acc.toJSON();
  }
  result(): { key: 'scorecard'; value: Scorecard } {
    return { key: 'scorecard', value: this.acc.result() };
  }
}

class CompareProgress implements Progress {
  constructor(
    readonly acc: PairedAccumulator,
    private readonly ids: { scenario: string; planA: string; planB: string; seed: MasterSeed },
  ) {}
  get next(): number {
    return this.acc.next;
  }
  get replications(): number {
    return this.acc.replications;
  }
  merge(chunk: unknown): void {
    this.acc.merge(PairedAccumulator.fromJSON(chunk as PairedAccumulatorJSON, '/paired'));
  }
  reached(): boolean {
    return false;
  }
  toJSON(): unknown {
    return this.acc.toJSON();
  }
  result(partial: boolean): { key: 'comparison'; value: Comparison } {
    return {
      key: 'comparison',
      value: { ...this.ids, replications: this.acc.replications, partial, metrics: this.acc.metrics() },
    };
  }
}

class DrillProgress implements Progress {
  constructor(readonly samples: DrillSamples) {}
  get next(): number {
    return this.samples.next;
  }
  get replications(): number {
    return this.samples.replications;
  }
  merge(chunk: unknown): void {
    this.samples.merge(DrillSamples.fromJSON(chunk));
  }
  reached(): boolean {
    return false;
  }
  toJSON(): unknown {
    return this.samples.toJSON();
  }
  result(partial: boolean): { key: 'script'; value: unknown } {
    // A cancelled drill batch has no script: windows from part of the batch would be mistaken for the whole.
    return { key: 'script', value: partial ? { partial: true, replications: this.samples.replications } : null };
  }
}

/**
 * Build the drill script on the runner (one chunk of the script job, wrapped in the text job so that it
 * comes back as JSON text), from the saved samples as JSON text: the event loop parses neither.
 */
async function finishDrill(runner: BatchRunner, accumulator: string, payload: unknown, spec: BatchSpec): Promise<string> {
  const p = payload as { inputs: DrillScriptPayload['inputs']; seed: DrillScriptPayload['seed'] };
  const inner: DrillScriptPayload = { inputs: p.inputs, seed: p.seed, samples: accumulator, compress: spec.compress ?? 1 };
  let text: string | undefined;
  await runner.run<unknown, unknown>(
    { module: TEXT_JOB_MODULE, payload: textJobPayload(DRILL_SCRIPT_JOB_MODULE, inner) },
    {
      replications: 1,
      chunkSize: 1,
      onChunk: (_range, result) => {
        text = result as string;
      },
    },
  );
  if (typeof text !== 'string') throw new Error('the drill script job returned nothing');
  return text;
}

export const JOB_KINDS: Record<BatchKind, JobKind> = {
  score: {
    module: SCORE_JOB_MODULE,
    payload: (snapshot, region, seed) => ({ inputs: studyInputs(snapshot, region), seed }),
    restore: (json) => new ScoreProgress(ScorecardAccumulator.fromJSON(json, '/accumulator')),
  },
  compare: {
    module: PAIRED_JOB_MODULE,
    payload: (snapshot, region, seed) => ({ inputs: studyInputs(snapshot, region), seed }),
    restore: (json, context) =>
      new CompareProgress(PairedAccumulator.fromJSON(json, '/accumulator'), {
        scenario: context.scenario,
        planA: context.plans[0]!,
        planB: context.plans[1]!,
        seed: context.seed,
      }),
  },
  drill: {
    module: DRILL_JOB_MODULE,
    payload: (snapshot, region, seed) => ({ inputs: studyInputs(snapshot, region), seed }),
    restore: (json) => new DrillProgress(DrillSamples.fromJSON(json)),
    finish: finishDrill,
  },
};

/** The scorecard accumulator of a score batch's stored JSON (charts). */
export function scorecardOf(json: unknown): ScorecardAccumulator {
  return ScorecardAccumulator.fromJSON(json, '/accumulator');
}
