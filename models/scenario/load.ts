import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError, type InputIssue } from '../../engine/errors.js';
import { compilePlan, type CompiledPlan } from '../plan/compile.js';
import { loadRegion, type LoadedRegion } from '../region/load.js';
import { loadLocatedDocument, readDocumentFile, type LocatedDocument } from '../schema/document.js';
import { PlanSchema, type PlanDoc } from '../schema/plan.js';
import { ScenarioSchema, type ScenarioDoc } from '../schema/scenario.js';
import { compileScenario, type CompiledScenario } from './compile.js';

/** How deep `extends` chains may go (a cycle or a runaway chain is bad input, not a hang). */
const MAX_EXTENDS = 8;

interface Located<T> {
  value: T;
  doc: LocatedDocument;
  file: string;
}

function locate<T>(loaded: Array<Located<unknown>>, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    // Compile issues carry pointers only: place each in the file that defines the top-level key. Issues
    // that already know their place (from the region's own files, say) stay where they are.
    const files = new Set(loaded.map((l) => l.file));
    const issues: InputIssue[] = err.issues.map((issue) => {
      if (issue.line !== undefined || (issue.file !== undefined && !files.has(issue.file))) return issue;
      const segments = issue.path.split('/');
      const top = segments[1];
      const owner =
        loaded.find((l) => top !== undefined && typeof l.value === 'object' && l.value !== null && top in (l.value as object)) ?? loaded[0];
      if (owner === undefined) return issue;
      // An unknown name used as a map key (a gauge id under `gauges`, a parameter name) is shown at the key.
      const last = segments[segments.length - 1] ?? '';
      const atKey = issue.message.startsWith('unknown ') && last !== '' && !/^\d+$/.test(last);
      const located = owner.doc.issue(issue.path, issue.message, atKey ? { at: 'key' } : {});
      return { ...located, ...(issue.severity ? { severity: issue.severity } : {}) };
    });
    throw new InputError(issues);
  }
}

export function loadScenarioDoc(file: string): Located<ScenarioDoc> {
  const { value, doc } = loadLocatedDocument(readDocumentFile(file), ScenarioSchema);
  return { value, doc, file };
}

/** A plan document with its `extends` chain merged (the extending file's top-level fields win). */
export function loadPlanDocs(file: string): Array<Located<PlanDoc>> {
  const chain: Array<Located<PlanDoc>> = [];
  let current = resolve(file);
  for (;;) {
    if (chain.some((c) => c.file === current)) {
      throw new InputError([{ path: '/extends', file: chain[chain.length - 1]!.file, message: `'extends' makes a cycle through ${current}` }]);
    }
    if (chain.length >= MAX_EXTENDS) {
      throw new InputError([{ path: '/extends', file: current, message: `'extends' chains may be at most ${MAX_EXTENDS} files deep` }]);
    }
    const { value, doc } = loadLocatedDocument(readDocumentFile(current), PlanSchema);
    chain.push({ value, doc, file: current });
    if (value.extends === undefined) return chain;
    current = resolve(dirname(current), value.extends);
  }
}

export function mergePlanDocs(chain: ReadonlyArray<Located<PlanDoc>>): PlanDoc {
  let merged: PlanDoc | null = null;
  for (let i = chain.length - 1; i >= 0; i--) merged = { ...(merged ?? {}), ...chain[i]!.value } as PlanDoc;
  const { extends: _ignored, ...rest } = merged!;
  return rest as PlanDoc;
}

export interface Prepared {
  scenario: CompiledScenario;
  plan: CompiledPlan;
}

/** Region reference: a built-in name, or a path relative to the scenario file. */
function regionFor(doc: ScenarioDoc, scenarioFile: string): LoadedRegion {
  const ref = doc.region;
  const looksLikePath = ref.includes('/') || ref.includes('\\') || ref.startsWith('.');
  return loadRegion(looksLikePath && !isAbsolute(ref) ? resolve(dirname(scenarioFile), ref) : ref);
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
