/**
 * Batch job module (engine/batch/types.ts) for designs of parameter points (sweeps, Morris screening).
 * The batch's index space is (point, replication) pairs flattened point-major: index k is replication
 * k mod N of point floor(k / N), N replications per point. Replication i of every point uses the same
 * (seed, i), so points differ only by their pinned parameters (common random numbers across points).
 *
 * A chunk returns one scorecard accumulator (as JSON) per point it touches, for that point's replications
 * in the chunk; those are contiguous, so the caller merges them per point in chunk order and gets the same
 * result for any chunking.
 */
import type { ChunkRange, ChunkRunner } from '../../engine/batch/types.js';
import type { MasterSeed } from '../../engine/random/index.js';
import { runReplication } from '../replication.js';
import { ScorecardAccumulator, scorecardSpec, type ScorecardJSON } from '../scoring/scorecard.js';
import { compileStudy, type StudyInputs, type StudyLocal } from './compile-study.js';

/** This module's URL, for BatchJob.module (the .ts source under vitest/tsx, the .js file in dist/). */
export const POINTS_JOB_MODULE: string = import.meta.url;

export interface PointsPayload {
  /** One plan. */
  inputs: StudyInputs;
  seed: MasterSeed;
  /** Parameter overrides per point (names from models/scenario/parameters.ts). */
  points: Array<Record<string, number>>;
  /** Replications per point. */
  replications: number;
}

export interface PointSegment {
  point: number;
  card: ScorecardJSON;
}

export interface PointsChunk {
  segments: PointSegment[];
}

/** Index k of the flattened space -> (point, replication). */
export function pointOf(k: number, replications: number): { point: number; replication: number } {
  return { point: Math.floor(k / replications), replication: k % replications };
}

export async function createChunkRunner(payload: PointsPayload, local?: StudyLocal): Promise<ChunkRunner<PointsChunk>> {
  const { scenario, plans } = await compileStudy(payload.inputs, local);
  const plan = plans[0];
  if (plans.length !== 1 || plan === undefined) throw new Error(`points job: expected one plan, got ${plans.length}`);
  const n = payload.replications;
  if (!Number.isInteger(n) || n < 1) throw new Error(`points job: replications per point must be an integer >= 1, got ${n}`);
  const spec = scorecardSpec(scenario, plan, payload.seed);
  const total = payload.points.length * n;
  return (range: ChunkRange) => {
    if (range.start < 0 || range.start + range.count > total) {
      throw new RangeError(`points job: chunk [${range.start}, ${range.start + range.count}) outside [0, ${total})`);
    }
    const segments: PointSegment[] = [];
    let acc: ScorecardAccumulator | null = null;
    let current = -1;
    for (let k = range.start; k < range.start + range.count; k++) {
      const { point, replication } = pointOf(k, n);
      if (point !== current) {
        if (acc !== null) segments.push({ point: current, card: acc.toJSON() });
        acc = new ScorecardAccumulator(spec, replication);
        current = point;
      }
      acc!.add(runReplication(scenario, plan, payload.seed, replication, { overrides: payload.points[point]! }));
    }
    if (acc !== null) segments.push({ point: current, card: acc.toJSON() });
    return { segments };
  };
}
