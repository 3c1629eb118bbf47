/**
 * The batch job of a drill script (engine/batch contract): on a worker, createChunkRunner compiles the
 * scenario and plan once; each chunk runs its replications and returns their clause and level times
 * (samples.ts). runDrillBatch merges the chunks in order on any BatchRunner (this thread, the pool, Redis
 * workers), so the samples, and the script built from them, are the same on every runner.
 */
import type { BatchOutcome, BatchRunner, ChunkRange, ChunkRunner } from '../../engine/batch/types.js';
import type { MasterSeed } from '../../engine/random/index.js';
import type { CompiledPlan } from '../plan/compile.js';
import { runReplication } from '../replication.js';
import { compileStudy, type StudyInputs } from '../study/compile-study.js';
import { DEFAULT_STUDY_CHUNK, type StudyRunOptions } from '../study/run-options.js';
import { DrillSamples, type DrillSamplesJSON } from './samples.js';

/** This module's URL, for BatchJob.module. */
export const DRILL_JOB_MODULE: string = import.meta.url;

export interface DrillPayload {
  inputs: StudyInputs;
  seed: MasterSeed;
}

/** Empty samples for a plan (the accumulator a batch starts from). */
export function emptySamples(plan: CompiledPlan, first = 0): DrillSamples {
  return new DrillSamples(plan.actionIds, plan.levels.map((l) => l.level), first);
}

export async function createChunkRunner(payload: DrillPayload): Promise<ChunkRunner<DrillSamplesJSON>> {
  const { scenario, plans } = await compileStudy(payload.inputs);
  const plan = plans[0];
  if (plan === undefined) throw new Error('drill job: the payload holds no plan');
  return (range: ChunkRange): DrillSamplesJSON => {
    const samples = emptySamples(plan, range.start);
    for (let i = range.start; i < range.start + range.count; i++) samples.add(runReplication(scenario, plan, payload.seed, i));
    return samples.toJSON();
  };
}

export interface DrillBatchResult {
  samples: DrillSamples;
  outcome: BatchOutcome;
}

/** Run `replications` replications of the payload on a runner and merge their samples in order. */
export async function runDrillBatch(runner: BatchRunner, payload: DrillPayload, plan: CompiledPlan, replications: number, options: StudyRunOptions = {}): Promise<DrillBatchResult> {
  const samples = emptySamples(plan);
  const outcome = await runner.run<DrillPayload, DrillSamplesJSON>(
    { module: DRILL_JOB_MODULE, payload },
    {
      replications,
      chunkSize: options.chunkSize ?? DEFAULT_STUDY_CHUNK,
      onChunk: (_range, chunk) => {
        samples.merge(DrillSamples.fromJSON(chunk));
      },
      ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
    },
  );
  return { samples, outcome };
}
