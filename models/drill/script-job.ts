/**
 * The last step of a drill batch on the server (api/http): build the script from the merged samples. It
 * traces the representative replication and one per sometimes-firing clause again, so it runs as a job
 * (one chunk of one "replication") on the batch runner, never on the server's event loop.
 */
import type { ChunkRunner } from '../../engine/batch/types.js';
import type { MasterSeed } from '../../engine/random/index.js';
import type { DrillScript } from '../schema/drill.js';
import { compileStudy, type StudyInputs } from '../study/compile-study.js';
import { DrillSamples, type DrillSamplesJSON } from './samples.js';
import { buildDrillScript } from './script.js';

export const DRILL_SCRIPT_JOB_MODULE: string = import.meta.url;

export interface DrillScriptPayload {
  inputs: StudyInputs;
  seed: MasterSeed;
  /** The merged samples as JSON text (parsed on the worker, not by the caller). */
  samples: string;
  compress: number;
}

export async function createChunkRunner(payload: DrillScriptPayload): Promise<ChunkRunner<DrillScript>> {
  const { scenario, plans } = await compileStudy(payload.inputs);
  const samples = DrillSamples.fromJSON(JSON.parse(payload.samples) as DrillSamplesJSON);
  return () => buildDrillScript(scenario, plans[0]!, payload.seed, samples, { compress: payload.compress });
}
