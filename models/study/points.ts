/**
 * Run a design of parameter points through the points job and merge each point's chunks in order: one
 * ScorecardAccumulator per point, the same for any chunking, runner and worker count.
 */
import type { BatchRunner } from '../../engine/batch/types.js';
import type { MasterSeed } from '../../engine/random/index.js';
import { ScorecardAccumulator, scorecardSpec } from '../scoring/scorecard.js';
import { studyLocal, type LoadedStudy } from './payload.js';
import { POINTS_JOB_MODULE, type PointsChunk, type PointsPayload } from './points-job.js';
import { DEFAULT_STUDY_CHUNK, type StudyRunOptions } from './run-options.js';

export interface PointsRequest extends StudyRunOptions {
  /** The scenario and one plan, loaded and checked (models/study/payload.ts loadStudy). */
  study: LoadedStudy;
  seed: MasterSeed;
  points: Array<Record<string, number>>;
  replications: number;
}

export interface PointsOutcome {
  cards: ScorecardAccumulator[];
  /** Cancelled before every (point, replication) was run. */
  partial: boolean;
}

export async function runPoints(runner: BatchRunner, request: PointsRequest): Promise<PointsOutcome> {
  const { inputs, scenario, plans } = request.study;
  if (plans.length !== 1) throw new Error(`runPoints: expected one plan, got ${plans.length}`);
  const spec = scorecardSpec(scenario, plans[0]!, request.seed);
  const cards = request.points.map(() => new ScorecardAccumulator(spec));
  const payload: PointsPayload = { inputs, seed: request.seed, points: request.points, replications: request.replications };
  const outcome = await runner.run<PointsPayload, PointsChunk>(
    // Threads on this machine reuse the region loaded here (payload.ts StudyLocal).
    { module: POINTS_JOB_MODULE, payload, local: studyLocal(scenario.region) },
    {
      replications: request.points.length * request.replications,
      chunkSize: request.chunkSize ?? DEFAULT_STUDY_CHUNK,
      onChunk: (_range, chunk) => {
        for (const s of chunk.segments) cards[s.point]!.merge(ScorecardAccumulator.fromJSON(s.card));
      },
      ...(request.onProgress !== undefined ? { onProgress: request.onProgress } : {}),
      ...(request.signal !== undefined ? { signal: request.signal } : {}),
    },
  );
  return { cards, partial: outcome.partial };
}
