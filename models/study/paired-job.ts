/**
 * Batch job module (engine/batch/types.ts) for plan comparisons: each chunk runs replications
 * [start, start + count) under plan A and under plan B with the same seeds and returns the
 * PairedAccumulator of the chunk as JSON. The scenario and both plans are compiled from the payload's
 * documents once per worker (models/study/payload.ts).
 */
import type { ChunkRange, ChunkRunner } from '../../engine/batch/types.js';
import type { MasterSeed } from '../../engine/random/index.js';
import { runPairedChunk, type PairedAccumulatorJSON } from './paired.js';
import { compileStudy, type StudyInputs, type StudyLocal } from './compile-study.js';

/** This module's URL, for BatchJob.module (the .ts source under vitest/tsx, the .js file in dist/). */
export const PAIRED_JOB_MODULE: string = import.meta.url;

export interface PairedPayload {
  /** Exactly two plans: A (baseline) then B (alternative). */
  inputs: StudyInputs;
  seed: MasterSeed;
}

export async function createChunkRunner(payload: PairedPayload, local?: StudyLocal): Promise<ChunkRunner<PairedAccumulatorJSON>> {
  const { scenario, plans } = await compileStudy(payload.inputs, local);
  const [planA, planB] = plans;
  if (plans.length !== 2 || planA === undefined || planB === undefined) throw new Error(`paired job: expected two plans, got ${plans.length}`);
  return (range: ChunkRange) => runPairedChunk(scenario, planA, planB, payload.seed, range.start, range.count).toJSON();
}
