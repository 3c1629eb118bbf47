/**
 * What a study job needs to rebuild its scenario and plans on a worker. INTERIM: file paths, loaded once
 * per worker by createChunkRunner; the pool's payload builder (models/study/payload.ts) replaces this
 * with the documents themselves so that remote workers need no shared file system.
 */
import type { CompiledPlan } from '../plan/compile.js';
import type { CompiledScenario } from '../scenario/compile.js';
import { loadPlan, loadScenario } from '../scenario/load.js';

export interface StudyInputs {
  scenarioFile: string;
  /** Plan files, compiled against the one scenario (a comparison runs two). */
  planFiles: string[];
}

export interface LoadedInputs {
  scenario: CompiledScenario;
  plans: CompiledPlan[];
}

export function loadStudyInputs(inputs: StudyInputs): LoadedInputs {
  const scenario = loadScenario(inputs.scenarioFile);
  return { scenario, plans: inputs.planFiles.map((f) => loadPlan(f, scenario)) };
}
