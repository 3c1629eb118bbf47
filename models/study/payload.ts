/**
 * What a worker needs to rebuild a scenario and its plans: the documents themselves (plain JSON, as
 * loaded and validated; a plan's `extends` chain already merged) and a reference to the region. Workers
 * compile them once per batch (createChunkRunner), so no worker re-reads or re-validates scenario files
 * and a remote worker needs no copy of them. A built-in region travels by name (it ships with drillsim); a
 * region directory travels as the text of its files (portableRegion), which a worker writes once to a
 * temporary directory named by their hash, so workers on other machines need no copy of it either.
 *
 * The coordinator compiles the same documents first, through the located loaders, so bad input fails
 * with file:line:column before any worker starts, and gets the compiled objects it needs itself (the
 * scorecard spec, a trace of one replication).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import { InputError } from '../../engine/errors.js';
import { RoadCsr } from '../../engine/network/csr.js';
import { shareCsr, sharedCsr } from '../../engine/network/snapshot.js';
import type { MasterSeed } from '../../engine/random/index.js';
import { compilePlan, type CompiledPlan } from '../plan/compile.js';
import { loadRegion, looksLikePath, resolveRegionDir, type LoadedRegion } from '../region/load.js';
import { compileScenario, type CompiledScenario } from '../scenario/compile.js';
import { loadPlanAndDoc, loadScenarioAndDoc, regionLocation } from '../scenario/load.js';
import type { PlanDoc } from '../schema/plan.js';
import type { ScenarioDoc } from '../schema/scenario.js';
import type { RegionInput, StudyInputs } from './compile-study.js';

export { compileStudy, studyLocal, type InlineRegion, type RegionInput, type StudyInputs, type StudyLocal } from './compile-study.js';

export interface LoadedStudy {
  inputs: StudyInputs;
  scenario: CompiledScenario;
  plans: CompiledPlan[];
}

/** The region reference as load.ts resolves it: a path relative to the scenario file, or a built-in name. */
export function regionReference(doc: ScenarioDoc, scenarioFile: string): string {
  const ref = doc.region;
  return looksLikePath(ref) ? resolveRegionDir(regionLocation(ref, scenarioFile)) : ref;
}

/**
 * The region as it should travel to workers: a built-in name as it is, a region directory as the text of
 * region.json and the three files it names (they must sit in the directory itself).
 */
export function portableRegion(region: string): RegionInput {
  if (!looksLikePath(region)) return region;
  const dir = resolveRegionDir(region);
  const manifestText = readFileSync(join(dir, 'region.json'), 'utf8');
  const manifest = JSON.parse(manifestText) as { id: string; files: Record<string, string> };
  const files: Record<string, string> = { 'region.json': manifestText };
  for (const name of Object.values(manifest.files)) {
    if (basename(name) !== name) {
      throw new InputError([{ path: '/files', file: join(dir, 'region.json'), message: `'${name}': region files must sit in the region directory to travel to workers` }]);
    }
    files[name] = readFileSync(join(dir, name), 'utf8');
  }
  return { inline: { id: manifest.id, files } };
}

/**
 * Load and check a scenario and plans (default: the scenario's own plan). Bad input is an InputError
 * with locations, thrown before anything runs.
 */
export function loadStudy(scenarioFile: string, planFiles: readonly string[] = []): LoadedStudy {
  const file = resolve(scenarioFile);
  const { scenario, doc: scenarioDoc } = loadScenarioAndDoc(file);
  let files = planFiles.map((f) => resolve(f));
  if (files.length === 0) {
    if (scenario.planRef === null) {
      throw new InputError([{ path: '/plan', file, message: 'the scenario names no default plan: give one with --plan' }]);
    }
    files = [resolve(dirname(file), scenario.planRef)];
  }
  const loaded = files.map((f) => ({ file: f, ...loadPlanAndDoc(f, scenario) }));
  const inputs: StudyInputs = {
    scenario: { doc: scenarioDoc, file },
    region: portableRegion(regionReference(scenarioDoc, file)),
    plans: loaded.map(({ doc, file: f }) => ({ doc, file: f })),
  };
  return { inputs, scenario, plans: loaded.map((l) => l.plan) };
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
