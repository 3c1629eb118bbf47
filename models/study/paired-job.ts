/**
 * Batch job module (engine/batch/types.ts) for plan comparisons: each chunk runs replications
 * [start, start + count) under plan A and under plan B with the same seeds and returns the
 * PairedAccumulator of the chunk as JSON. The scenario and both plans are loaded once per worker.
 */
import type { ChunkRange, ChunkRunner } from '../../engine/batch/types.js';
import type { MasterSeed } from '../../engine/random/index.js';
import { loadStudyInputs, type StudyInputs } from './inputs.js';
import { runPairedChunk, type PairedAccumulatorJSON } from './paired.js';

export interface PairedPayload {
  /** Exactly two plans: A (baseline) then B (alternative). */
  inputs: StudyInputs;
  seed: MasterSeed;
}

export function createChunkRunner(payload: PairedPayload): ChunkRunner<PairedAccumulatorJSON> {
  const { scenario, plans } = loadStudyInputs(payload.inputs);
  if (plans.length !== 2) throw new Error(`paired job: expected two plans, got ${plans.length}`);
  const [planA, planB] = plans as [typeof plans[0], typeof plans[0]];
  return (range: ChunkRange) => runPairedChunk(scenario, planA!, planB!, payload.seed, range.start, range.count).toJSON();
}
