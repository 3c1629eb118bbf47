import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError, type InputIssue } from '../../engine/errors.js';
import { compilePlan, type CompiledPlan } from '../plan/compile.js';
import { loadRegion, looksLikePath, type LoadedRegion } from '../region/load.js';
import { loadLocatedDocument, readDocumentFile } from '../schema/document.js';
import { PlanSchema, type PlanDoc } from '../schema/plan.js';
import { ScenarioSchema, type ScenarioDoc } from '../schema/scenario.js';
import { compileScenario, type CompiledScenario } from './compile.js';
import { locateInChain, mergeChain, resolveExtends, type ChainLink, type ExtendsSource } from './extends.js';

interface Located<T> extends ChainLink<T> {
  file: string;
}

/** Issues that already know their place: located in a file, or from a file outside the chain (a region's own files, say). */
function placedIn(loaded: ReadonlyArray<Located<unknown>>): (issue: InputIssue) => boolean {
  const files = new Set(loaded.map((l) => l.file));
  return (issue) => issue.line !== undefined || (issue.file !== undefined && !files.has(issue.file));
}

/** Compile issues carry pointers only: place each in the file that defines the top-level key. */
function locate<T>(loaded: ReadonlyArray<Located<unknown>>, run: () => T): T {
  return locateInChain(loaded, run, placedIn(loaded));
}

export function loadScenarioDoc(file: string): Located<ScenarioDoc> {
  const { value, doc } = loadLocatedDocument(readDocumentFile(file), ScenarioSchema);
  return { value, doc, file };
}

function loadPlanFile(file: string): Located<PlanDoc> {
  const { value, doc } = loadLocatedDocument(readDocumentFile(file), PlanSchema);
  return { value, doc, file };
}

/**
 * `extends` between files: a path relative to the extending file. A chain problem names files and carries
 * no line (the cycle is shown at the file that closes it, a too-deep chain at the file it would read next).
 */
const planFiles: ExtendsSource<Located<PlanDoc>> = {
  key: (first) => first.file,
  resolve: (from, ref) => resolve(dirname(from.file), ref),
  fetch: (file) => loadPlanFile(file),
  unit: 'files',
  describe: (file) => file,
  problem: (from, file, kind, message) => ({ path: '/extends', file: kind === 'cycle' ? from.file : file, message }),
};

/** A plan document with its `extends` chain (the plan first, then the plan it extends, and so on). */
export function loadPlanDocs(file: string): Array<Located<PlanDoc>> {
  return resolveExtends(loadPlanFile(resolve(file)), planFiles);
}

/** The chain merged (the extending file's top-level fields win). */
export function mergePlanDocs(chain: ReadonlyArray<Located<PlanDoc>>): PlanDoc {
  return mergeChain(chain) as PlanDoc;
}

export interface Prepared {
  scenario: CompiledScenario;
  plan: CompiledPlan;
}

/** What `loadRegion` takes for a scenario's region reference: a built-in name, or a path relative to the scenario file. */
export function regionLocation(ref: string, scenarioFile: string): string {
  return looksLikePath(ref) && !isAbsolute(ref) ? resolve(dirname(scenarioFile), ref) : ref;
}

function regionFor(doc: ScenarioDoc, scenarioFile: string): LoadedRegion {
  return loadRegion(regionLocation(doc.region, scenarioFile));
}

/** A scenario compiled, with the document it came from (workers recompile from the document). */
export function loadScenarioAndDoc(file: string, region?: LoadedRegion): { scenario: CompiledScenario; doc: ScenarioDoc } {
  const s = loadScenarioDoc(resolve(file));
  return { scenario: locate([s], () => compileScenario(s.value, region ?? regionFor(s.value, s.file), s.file)), doc: s.value };
}

export function loadScenario(file: string, region?: LoadedRegion): CompiledScenario {
  return loadScenarioAndDoc(file, region).scenario;
}

/** A plan compiled against a scenario, with its document (the `extends` chain merged). */
export function loadPlanAndDoc(file: string, scenario: CompiledScenario): { plan: CompiledPlan; doc: PlanDoc } {
  const chain = loadPlanDocs(file);
  const doc = mergePlanDocs(chain);
  return { plan: locate(chain, () => compilePlan(doc, scenario, chain[0]!.file)), doc };
}

export function loadPlan(file: string, scenario: CompiledScenario): CompiledPlan {
  return loadPlanAndDoc(file, scenario).plan;
}

/** Load a scenario and its plan (the given file, else the scenario's default plan). */
export function prepare(scenarioFile: string, planFile?: string): Prepared {
  const scenario = loadScenario(scenarioFile);
  const planPath = planFile ?? (scenario.planRef !== null ? resolve(dirname(scenario.file!), scenario.planRef) : null);
  if (planPath === null) {
    throw new InputError([{ path: '/plan', file: scenario.file ?? scenarioFile, message: 'the scenario names no default plan: give one with --plan' }]);
  }
  return { scenario, plan: loadPlan(planPath, scenario) };
}
