/**
 * Shared set-up for the model tests: the built-in 2020 scenario with its two plans, the synthetic
 * Testvale region (test/fixtures/regions/testvale) with its scenario (test/fixtures/model), and small
 * helpers to run a replication and keep its trace.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compilePlan, type CompiledPlan } from '../../models/plan/compile.js';
import { loadRegion, type LoadedRegion } from '../../models/region/load.js';
import { runReplication, type ReplicationOptions, type ReplicationResult } from '../../models/replication.js';
import { compileScenario, type CompiledScenario } from '../../models/scenario/compile.js';
import { loadPlan, loadScenarioDoc, prepare } from '../../models/scenario/load.js';
import type { PlanDoc } from '../../models/schema/plan.js';
import type { FloodHazardDoc } from '../../models/hazards/flood/schema.js';
import type { ScenarioDoc } from '../../models/schema/scenario.js';
import type { SimEvent, SimEventKind, SimEventOf } from '../../models/world/events.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export const LESHAN_SCENARIO = here('../../scenarios/leshan-818-flood.yaml');
export const LESHAN_PLAN = here('../../scenarios/plans/leshan-flood-plan.yaml');
export const LESHAN_LATE_PLAN = here('../../scenarios/plans/leshan-flood-plan-late.yaml');
export const LESHAN_ASSETS = here('../../scenarios/regions/leshan/assets.json');

export const FIXTURES = here('../fixtures/model/');
export const TESTVALE_REGION = here('../fixtures/regions/testvale');
export const TESTVALE_SCENARIO = here('../fixtures/model/testvale-flood.yaml');

/** Leshan's resident population, 7th census (2020): the zones add up to it. */
export const LESHAN_POPULATION = 3_160_168;
/** The people transferred in August 2020 (19.68万, plan [PLAN]). */
export const EVACUATED_2020 = 196_800;

export interface Leshan {
  scenario: CompiledScenario;
  plan: CompiledPlan;
  late: CompiledPlan;
}

let leshan: Leshan | null = null;

/** The 2020 scenario with the on-time and the late plan, loaded once per test file. */
export function leshan2020(): Leshan {
  if (leshan === null) {
    const { scenario, plan } = prepare(LESHAN_SCENARIO, LESHAN_PLAN);
    // Both plans against one compiled scenario, as a comparison of plans would run them.
    leshan = { scenario, plan, late: loadPlan(LESHAN_LATE_PLAN, scenario) };
  }
  return leshan;
}

let testvaleRegion: LoadedRegion | null = null;

export function testvaleRegionLoaded(): LoadedRegion {
  testvaleRegion ??= loadRegion(TESTVALE_REGION);
  return testvaleRegion;
}

/** The Testvale scenario document as written (a fresh copy each call, to vary freely). */
export function testvaleDoc(): ScenarioDoc {
  return structuredClone(loadScenarioDoc(TESTVALE_SCENARIO).value);
}

/** Compile a (possibly modified) Testvale scenario document against the fixture region. */
export function testvaleScenario(mutate?: (doc: ScenarioDoc) => void): CompiledScenario {
  const doc = testvaleDoc();
  mutate?.(doc);
  return compileScenario(doc, testvaleRegionLoaded(), TESTVALE_SCENARIO);
}

/** Replace the table hydrograph of gauge g1. */
export function withTable(rows: Array<[number, number]>): (doc: ScenarioDoc) => void {
  return (doc) => {
    const flood = doc.hazards[0] as unknown as FloodHazardDoc;
    const g1 = flood.gauges['g1']!;
    g1.table = rows;
  };
}

/** A plan document with defaults for the fields a test does not care about. */
export function planDoc(fields: Partial<PlanDoc> & Pick<PlanDoc, 'levels'>): PlanDoc {
  return { drillsim: 1, kind: 'plan', id: 'test-plan', title: 'test plan', monitoringDelay: '15min', reviewInterval: '10min', ...fields };
}

export function compileTestPlan(doc: PlanDoc, scenario: CompiledScenario): CompiledPlan {
  return compilePlan(doc, scenario);
}

export interface Traced {
  result: ReplicationResult;
  events: SimEvent[];
}

/** Run one replication and keep every event it publishes. */
export function traced(
  scenario: CompiledScenario,
  plan: CompiledPlan,
  seed: number,
  index: number,
  options: Omit<ReplicationOptions, 'trace'> = {},
): Traced {
  const events: SimEvent[] = [];
  const result = runReplication(scenario, plan, seed, index, { ...options, trace: (e) => events.push(e) });
  return { result, events };
}

export function ofKind<K extends SimEventKind>(events: readonly SimEvent[], kind: K): Array<SimEventOf<K>> {
  return events.filter((e) => e.kind === kind) as unknown as Array<SimEventOf<K>>;
}

/** Initial stock per reserve id, by item type (as assets.json lists it). */
export function initialKits(assetsFile: string): Map<string, Readonly<Record<string, number>>> {
  const assets = JSON.parse(readFileSync(assetsFile, 'utf8')) as { reserves: Array<{ id: string; stock: Record<string, number> }> };
  return new Map(assets.reserves.map((r) => [r.id, r.stock]));
}
