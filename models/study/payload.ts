/**
 * What a worker needs to rebuild a scenario and its plans: the documents themselves (plain JSON, as
 * loaded and validated; a plan's `extends` chain already merged) and a reference to the region. Workers
 * compile them once per batch (createChunkRunner), so no worker re-reads or re-validates scenario files
 * and a remote worker needs no copy of them; only the region is read from disk (built-in regions ship with
 * drillsim; a region given by path must exist at that absolute path on the worker too).
 *
 * The coordinator compiles the same documents first, through the located loaders, so bad input fails
 * with file:line:column before any worker starts, and gets the compiled objects it needs itself (the
 * scorecard spec, a trace of one replication).
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError } from '../../engine/errors.js';
import type { MasterSeed } from '../../engine/random/index.js';
import { compilePlan, type CompiledPlan } from '../plan/compile.js';
import { loadRegion, resolveRegionDir } from '../region/load.js';
import { compileScenario, type CompiledScenario } from '../scenario/compile.js';
import { loadPlan, loadPlanDocs, loadScenario, loadScenarioDoc, mergePlanDocs } from '../scenario/load.js';
import type { PlanDoc } from '../schema/plan.js';
import type { ScenarioDoc } from '../schema/scenario.js';

export interface StudyInputs {
  scenario: { doc: ScenarioDoc; file: string | null };
  /** A built-in region name ('leshan') or the absolute path of the region directory. */
  region: string;
  /** Plans in the order given (a comparison has two), each with its `extends` chain merged. */
  plans: Array<{ doc: PlanDoc; file: string | null }>;
}

export interface LoadedStudy {
  inputs: StudyInputs;
  scenario: CompiledScenario;
  plans: CompiledPlan[];
}

/** The region reference as load.ts resolves it: a path relative to the scenario file, or a built-in name. */
export function regionReference(doc: ScenarioDoc, scenarioFile: string): string {
  const ref = doc.region;
  const looksLikePath = ref.includes('/') || ref.includes('\\') || ref.startsWith('.');
  if (!looksLikePath) return ref;
  return resolveRegionDir(isAbsolute(ref) ? ref : resolve(dirname(scenarioFile), ref));
}

/**
 * Load and check a scenario and plans (default: the scenario's own plan). Bad input is an InputError
 * with locations, thrown before anything runs.
 */
export function loadStudy(scenarioFile: string, planFiles: readonly string[] = []): LoadedStudy {
  const file = resolve(scenarioFile);
  const scenario = loadScenario(file);
  let files = planFiles.map((f) => resolve(f));
  if (files.length === 0) {
    if (scenario.planRef === null) {
      throw new InputError([{ path: '/plan', file, message: 'the scenario names no default plan: give one with --plan' }]);
    }
    files = [resolve(dirname(file), scenario.planRef)];
  }
  const plans = files.map((f) => loadPlan(f, scenario));
  const scenarioDoc = loadScenarioDoc(file).value;
  const inputs: StudyInputs = {
    scenario: { doc: scenarioDoc, file },
    region: regionReference(scenarioDoc, file),
    plans: files.map((f) => ({ doc: mergePlanDocs(loadPlanDocs(f)), file: f })),
  };
  return { inputs, scenario, plans };
}

/** Compile inputs on a worker (once per batch). */
export function compileStudy(inputs: StudyInputs): { scenario: CompiledScenario; plans: CompiledPlan[] } {
  const scenario = compileScenario(inputs.scenario.doc, loadRegion(inputs.region), inputs.scenario.file);
  return { scenario, plans: inputs.plans.map((p) => compilePlan(p.doc, scenario, p.file)) };
}

/** The payload of the score job (models/study/score-job.ts): one plan, one seed. */
export interface ScorePayload {
  inputs: StudyInputs;
  seed: MasterSeed;
  /** Pinned parameter values for every replication (sweeps). */
  overrides?: Record<string, number>;
  /** Return each replication's record (index, metrics, parameters) with the chunk (`--out`). */
  records?: boolean;
}

export interface ScorePayloadOptions {
  seed: MasterSeed;
  overrides?: Record<string, number>;
  records?: boolean;
}

export interface PreparedScoreBatch {
  payload: ScorePayload;
  scenario: CompiledScenario;
  plan: CompiledPlan;
}

/** Load a scenario and one plan (default: the scenario's) and build the score job's payload. */
export function prepareScoreBatch(scenarioFile: string, planFile: string | undefined, options: ScorePayloadOptions): PreparedScoreBatch {
  const study = loadStudy(scenarioFile, planFile !== undefined ? [planFile] : []);
  return {
    payload: {
      inputs: study.inputs,
      seed: options.seed,
      ...(options.overrides !== undefined ? { overrides: { ...options.overrides } } : {}),
      ...(options.records === true ? { records: true } : {}),
    },
    scenario: study.scenario,
    plan: study.plans[0]!,
  };
}
