/**
 * A hazard is an addition (issue 10): the toy meteor of test/fixtures/modules/meteor.ts plugs into a
 * registry by one line and then its scenario entry validates (a typo is a located error), its parameter is
 * in the parameter table, its trigger declares a plan level, its events reach the trace, and its metric is
 * in the replication's metrics, the scorecard and the breakdown. No file of drillsim changes for it.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { HAZARD_MODULES } from '../../models/hazards/index.js';
import { createRegistry } from '../../models/modules/registry.js';
import { compilePlan } from '../../models/plan/compile.js';
import { loadRegion } from '../../models/region/load.js';
import { runReplication } from '../../models/replication.js';
import { RESPONSE_MODULES } from '../../models/response/index.js';
import { compileScenario } from '../../models/scenario/compile.js';
import { parametersMarkdown } from '../../models/scenario/parameters-doc.js';
import { loadDocument, loadLocatedDocument, readDocumentFile } from '../../models/schema/document.js';
import type { PlanDoc } from '../../models/schema/plan.js';
import type { ScenarioDoc } from '../../models/schema/scenario.js';
import { runScorecardBatch } from '../../models/scoring/batch.js';
import { REGISTRY } from '../../models/registry.js';
import type { SimEvent } from '../../models/world/events.js';
import { meteor } from '../fixtures/modules/meteor.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const SCENARIO = here('../fixtures/modules/testvale-meteor.yaml');
const PLAN = here('../fixtures/modules/meteor-plan.yaml');
const REGION = here('../fixtures/regions/testvale');

// The one registry line.
const registry = createRegistry({ hazards: [...HAZARD_MODULES, meteor], responses: RESPONSE_MODULES });

function load() {
  const doc = loadDocument(readDocumentFile(SCENARIO), registry.scenarioSchema) as ScenarioDoc;
  const scenario = compileScenario(doc, loadRegion(REGION), SCENARIO, registry);
  const plan = compilePlan(loadDocument(readDocumentFile(PLAN), registry.planSchema) as PlanDoc, scenario, PLAN);
  return { scenario, plan };
}

function issuesOf(run: () => unknown): InputError['issues'] {
  try {
    run();
  } catch (err) {
    if (err instanceof InputError) return err.issues;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('a toy hazard plugged in by one registry line', () => {
  it('validates its scenario entry, and reports a typo in it at its line', () => {
    expect(() => load()).not.toThrow();
    const text = readDocumentFile(SCENARIO).text.replace('    zone: town', '    zoen: town');
    const issues = issuesOf(() => loadLocatedDocument({ text, file: SCENARIO }, registry.scenarioSchema));
    const typo = issues.find((i) => i.path.startsWith('/hazards/0'));
    expect(typo, JSON.stringify(issues)).toBeDefined();
    expect(typo!.line).toBe(readDocumentFile(SCENARIO).text.split('\n').findIndex((l) => l.includes('zone: town')) + 1);
    expect(typo!.message).toMatch(/zoen/);
  });

  it('is unknown to the built-in registry: the same file is a located error there', () => {
    const issues = issuesOf(() => loadLocatedDocument(readDocumentFile(SCENARIO), REGISTRY.scenarioSchema));
    expect(issues.some((i) => i.path.startsWith('/hazards/0') && i.line !== undefined)).toBe(true);
  });

  it('brings its parameter into the parameter table and its docs', () => {
    expect(registry.parameters['meteor.lethality']?.unit).toBe('share');
    expect(parametersMarkdown(registry.parameters)).toContain('`meteor.lethality`');
    expect(REGISTRY.parameters['meteor.lethality']).toBeUndefined();
  });

  it('drives a plan level with its trigger, and its events reach the trace', () => {
    const { scenario, plan } = load();
    const events: SimEvent[] = [];
    const r = runReplication(scenario, plan, 1, 0, { trace: (e) => events.push(e) });
    const impact = events.find((e) => e.kind === 'meteor.impact');
    expect(impact).toMatchObject({ t: 120, zone: 'town', deaths: 50 });
    // Impact at 120, seen with the 15 min delay from 135, declared at the review of minute 140.
    expect(r.levels).toEqual([{ level: 'IV', t: 140 }]);
    expect(r.metrics['deaths']).toBe(50);
    expect(r.metrics['meteorCraters']).toBe(1);
    // The warning clause completed when its channel activated (10 min), inside its 1 h deadline.
    expect(r.actions).toEqual([expect.objectContaining({ id: '1.1', startedAt: 140, completedAt: 150, onTime: true })]);
  });

  it('puts its metric in the scorecard and its column in the breakdown', () => {
    const { scenario, plan } = load();
    const card = runScorecardBatch(scenario, plan, 1, 4).result();
    expect(card.metrics['meteorCraters']).toMatchObject({ mean: 1, min: 1, max: 1 });
    expect(card.targets[0]).toMatchObject({ metric: 'meteorCraters', pMet: 0 });
    expect(card.breakdown.county['vale']?.['meteorCraters']).toMatchObject({ mean: 1 });
    expect(card.breakdown.county['vale']?.['deaths']).toMatchObject({ mean: 50 });
  });
});
