/**
 * `drillsim compare`: two plans on the same scenario under common random numbers. Replication i of plan A
 * and of plan B share (seed, i), hence every stream; the paired job runs both per index and the chunk
 * results are merged in replication order, so the comparison is the same on any runner and worker count.
 */
import type { BatchRunner } from '../../engine/batch/types.js';
import type { MasterSeed } from '../../engine/random/index.js';
import type { MetricName } from '../scoring/metrics.js';
import { PairedAccumulator, pairedMetrics, type MetricComparison, type PairedAccumulatorJSON } from './paired.js';
import { PAIRED_JOB_MODULE, type PairedPayload } from './paired-job.js';
import { loadStudy, studyLocal } from './payload.js';
import { DEFAULT_STUDY_CHUNK, type StudyRunOptions } from './run-options.js';

export interface CompareRequest extends StudyRunOptions {
  scenarioFile: string;
  planA: string;
  planB: string;
  seed: MasterSeed;
  replications: number;
}

/** The object `drillsim compare --json` prints. */
export interface Comparison {
  scenario: string;
  planA: string;
  planB: string;
  seed: MasterSeed;
  replications: number;
  /** True when the run was cancelled: the figures cover the replications merged so far. */
  partial: boolean;
  metrics: Record<MetricName, MetricComparison>;
}

export async function comparePlans(runner: BatchRunner, request: CompareRequest): Promise<Comparison> {
  // Load here first: bad input fails (located) before any worker starts, and the ids come from the documents.
  const { inputs, scenario, plans } = loadStudy(request.scenarioFile, [request.planA, request.planB]);
  const payload: PairedPayload = { inputs, seed: request.seed };
  const total = new PairedAccumulator(0, pairedMetrics(plans[0]!, plans[1]!));
  const outcome = await runner.run<PairedPayload, PairedAccumulatorJSON>(
    // Threads on this machine reuse the region loaded here (payload.ts StudyLocal).
    { module: PAIRED_JOB_MODULE, payload, local: studyLocal(scenario.region) },
    {
      replications: request.replications,
      chunkSize: request.chunkSize ?? DEFAULT_STUDY_CHUNK,
      onChunk: (_range, result) => {
        total.merge(PairedAccumulator.fromJSON(result));
      },
      ...(request.onProgress !== undefined ? { onProgress: request.onProgress } : {}),
      ...(request.signal !== undefined ? { signal: request.signal } : {}),
    },
  );
  return {
    scenario: scenario.id,
    planA: plans[0]!.id,
    planB: plans[1]!.id,
    seed: request.seed,
    replications: total.replications,
    partial: outcome.partial,
    metrics: total.metrics(),
  };
}
