/**
 * `drillsim compare`: two plans on the same scenario under common random numbers. Replication i of plan A
 * and of plan B share (seed, i), hence every stream; the paired job runs both per index and the chunk
 * results are merged in replication order, so the comparison is the same on any runner and worker count.
 */
import type { BatchRunner } from '../../engine/batch/types.js';
import type { MasterSeed } from '../../engine/random/index.js';
import type { MetricName } from '../scoring/metrics.js';
import { loadStudyInputs, type StudyInputs } from './inputs.js';
import { studyJobModule } from './modules.js';
import { PairedAccumulator, type MetricComparison, type PairedAccumulatorJSON } from './paired.js';
import type { PairedPayload } from './paired-job.js';
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
  const inputs: StudyInputs = { scenarioFile: request.scenarioFile, planFiles: [request.planA, request.planB] };
  // Load here first: bad input fails before any worker starts, and the ids come from the documents.
  const { scenario, plans } = loadStudyInputs(inputs);
  const payload: PairedPayload = { inputs, seed: request.seed };
  const total = new PairedAccumulator();
  const outcome = await runner.run<PairedPayload, PairedAccumulatorJSON>(
    { module: studyJobModule('paired-job'), payload },
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
