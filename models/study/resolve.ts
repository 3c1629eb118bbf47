import { dirname, resolve } from 'node:path';
import { InputError } from '../../engine/errors.js';
import { loadScenarioDoc } from '../scenario/load.js';
import type { StudyInputs } from './inputs.js';

/** The scenario file and one plan: the given file, else the plan the scenario names. */
export function resolveInputs(scenarioFile: string, planFile?: string): StudyInputs {
  const file = resolve(scenarioFile);
  if (planFile !== undefined) return { scenarioFile: file, planFiles: [resolve(planFile)] };
  const doc = loadScenarioDoc(file);
  if (doc.value.plan === undefined) {
    throw new InputError([{ path: '/plan', file, message: 'the scenario names no default plan: give one with --plan' }]);
  }
  return { scenarioFile: file, planFiles: [resolve(dirname(file), doc.value.plan)] };
}
