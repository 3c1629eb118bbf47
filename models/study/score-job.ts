/**
 * The job module of `drillsim run` (engine/batch contract, engine/batch/types.ts). On a worker,
 * createChunkRunner compiles the scenario and plan from the payload's documents once; each chunk then runs
 * runReplication for its indices and returns the chunk's ScorecardAccumulator as JSON (plus, for `--out`,
 * one small record per replication). On the coordinator, runScoreBatch merges those chunks in order into
 * one accumulator, streams the records and applies the precision stopping rule.
 *
 * Because a replication is a pure function of (scenario, plan, seed, index) and chunks merge in order,
 * the scorecard is bit-identical for any runner, worker count or machine count.
 */
import type { BatchOutcome, BatchProgress, BatchRunner, ChunkRange, ChunkRunner } from '../../engine/batch/types.js';
import { DEFAULT_CHUNK_SIZE, isBlockEnd } from '../../engine/batch/chunks.js';
import { precisionReached, type PrecisionRule } from '../../engine/batch/stopping.js';
import { runReplication, type ReplicationOptions } from '../replication.js';
import type { ParameterValues } from '../scenario/parameters.js';
import type { Metrics, MetricName } from '../scoring/metrics.js';
import { ScorecardAccumulator, scorecardSpec, type ScorecardJSON } from '../scoring/scorecard.js';
import { compileStudy, studyLocal, type StudyLocal } from './compile-study.js';
import type { PreparedScoreBatch, ScorePayload } from './payload.js';

/** This module's URL, for BatchJob.module (the .ts source under vitest/tsx, the .js file in dist/). */
export const SCORE_JOB_MODULE: string = import.meta.url;

/** One line of `--out <file>.ndjson`. */
export interface ReplicationRecord {
  index: number;
  metrics: Metrics;
  parameters: ParameterValues;
}

export interface ScoreChunk {
  scorecard: ScorecardJSON;
  records?: ReplicationRecord[];
}

export async function createChunkRunner(payload: ScorePayload, local?: StudyLocal): Promise<ChunkRunner<ScoreChunk>> {
  const { scenario, plans } = await compileStudy(payload.inputs, local);
  const plan = plans[0];
  if (plan === undefined) throw new Error('score job: the payload holds no plan');
  const spec = scorecardSpec(scenario, plan, payload.seed);
  const options: ReplicationOptions = payload.overrides !== undefined ? { overrides: payload.overrides } : {};
  return (range: ChunkRange): ScoreChunk => {
    const acc = new ScorecardAccumulator(spec, range.start);
    const records: ReplicationRecord[] | null = payload.records === true ? [] : null;
    for (let i = range.start; i < range.start + range.count; i++) {
      const result = runReplication(scenario, plan, payload.seed, i, options);
      acc.add(result);
      records?.push({ index: result.index, metrics: result.metrics, parameters: result.parameters });
    }
    return records !== null ? { scorecard: acc.toJSON(), records } : { scorecard: acc.toJSON() };
  };
}

export interface ScoreBatchOptions {
  /** Replications to run (with a precision rule: the maximum). */
  replications: number;
  chunkSize?: number;
  /** Smaller chunks at both ends of the batch (BatchRunOptions.taper); the results are the same. */
  taper?: boolean;
  precision?: PrecisionRule;
  /** Each replication's record, in replication order (needs payload.records). */
  onRecord?: (record: ReplicationRecord) => void;
  onProgress?: (progress: BatchProgress) => void;
  signal?: AbortSignal;
}

export interface ScoreBatchResult {
  /** Everything merged, in replication order: the replications of every delivered chunk. */
  accumulator: ScorecardAccumulator;
  outcome: BatchOutcome;
}

/** Run the score job on any BatchRunner and merge the chunks in order. */
export async function runScoreBatch(runner: BatchRunner, prepared: PreparedScoreBatch, options: ScoreBatchOptions): Promise<ScoreBatchResult> {
  const spec = scorecardSpec(prepared.scenario, prepared.plan, prepared.payload.seed);
  const total = new ScorecardAccumulator(spec);
  const rule = options.precision;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const taper = options.taper === true;
  const local: StudyLocal = studyLocal(prepared.scenario.region);
  const outcome = await runner.run<ScorePayload, ScoreChunk>(
    { module: SCORE_JOB_MODULE, payload: prepared.payload, local },
    {
      replications: options.replications,
      chunkSize,
      ...(taper ? { taper } : {}),
      onChunk: (range, chunk) => {
        total.merge(ScorecardAccumulator.fromJSON(chunk.scorecard, '/scorecard'));
        if (options.onRecord !== undefined && chunk.records !== undefined) for (const r of chunk.records) options.onRecord(r);
        if (rule === undefined) return false;
        // A tapered batch stops only where an untapered one could: the same stopping point, the same result.
        if (taper && !isBlockEnd(range, chunkSize, options.replications)) return false;
        return precisionReached(rule, total.replications, (m) => total.metric(m as MetricName).halfWidth());
      },
      ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
    },
  );
  return { accumulator: total, outcome };
}
