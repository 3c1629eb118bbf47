/**
 * A metric must never improve when the response gets worse (issue 11): copies of the 8-18 flood with one
 * thing made worse, run on the same seeds as the original (common random numbers), and the direction of
 * the paired difference checked with its 95 % CI where the effect is systematic:
 *   - fewer rescue teams (every second team of each type gone) never shortens response times;
 *   - shelters at a tenth of their capacity never raise the relief fill rate;
 *   - a plan without its evacuation clauses never raises the relief fill rate, and rescues more people.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PairedSummary } from '../../engine/stats/index.js';
import { compilePlan, type CompiledPlan } from '../../models/plan/compile.js';
import { loadRegion } from '../../models/region/load.js';
import { runReplication, type ReplicationResult } from '../../models/replication.js';
import { compileScenario, type CompiledScenario } from '../../models/scenario/compile.js';
import { loadPlanDocs, loadScenarioDoc, mergePlanDocs } from '../../models/scenario/load.js';
import { LESHAN_PLAN, LESHAN_SCENARIO, leshan2020 } from './helpers.js';

const PAIRS = 16;
const SEED = 2020;
const dir = mkdtempSync(join(tmpdir(), 'drillsim-directions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The Leshan region with its assets changed by `edit`, compiled with the 2020 scenario. */
function leshanWith(name: string, edit: (assets: { teams: Array<{ id: string; type: string }>; shelters: Array<{ capacity: number }> }) => void): CompiledScenario {
  const { scenario } = leshan2020();
  const out = join(dir, name);
  cpSync(scenario.region.dir, out, { recursive: true });
  const file = join(out, 'assets.json');
  const assets = JSON.parse(readFileSync(file, 'utf8')) as Parameters<typeof edit>[0];
  edit(assets);
  writeFileSync(file, JSON.stringify(assets));
  return compileScenario(loadScenarioDoc(LESHAN_SCENARIO).value, loadRegion(out), LESHAN_SCENARIO);
}

function planFor(scenario: CompiledScenario, withoutEvacuation = false): CompiledPlan {
  const doc = mergePlanDocs(loadPlanDocs(LESHAN_PLAN));
  if (withoutEvacuation) {
    for (const level of doc.levels ?? []) level.actions = level.actions.filter((a) => !('evacuate' in a));
  }
  return compilePlan(doc, scenario);
}

function pairs(a: { scenario: CompiledScenario; plan: CompiledPlan }, b: { scenario: CompiledScenario; plan: CompiledPlan }) {
  const out: Array<[ReplicationResult, ReplicationResult]> = [];
  for (let i = 0; i < PAIRS; i++) out.push([runReplication(a.scenario, a.plan, SEED, i), runReplication(b.scenario, b.plan, SEED, i)]);
  return out;
}

/** Paired summary of metric m, A the original, B the worse response. */
function paired(ps: Array<[ReplicationResult, ReplicationResult]>, m: string, direction: 'lower-is-better' | 'higher-is-better') {
  const s = new PairedSummary(direction);
  for (const [a, b] of ps) s.add(a.metrics[m]!, b.metrics[m]!);
  return s.result();
}

describe('a worse response never scores better (paired, 8-18 flood)', () => {
  let original: { scenario: CompiledScenario; plan: CompiledPlan };
  beforeAll(() => {
    const { scenario } = leshan2020();
    original = { scenario, plan: planFor(scenario) };
  });

  it('fewer teams: response times are longer', () => {
    const fewer = leshanWith('fewer-teams', (assets) => {
      const seen = new Map<string, number>();
      // Every other team of each type goes; the plan's own area team (Fengzhou's maritime boats) stays.
      assets.teams = assets.teams.filter((t) => {
        const k = seen.get(t.type) ?? 0;
        seen.set(t.type, k + 1);
        return k % 2 === 0 || t.id === 'team-maritime-search';
      });
    });
    const ps = pairs(original, { scenario: fewer, plan: planFor(fewer) });
    for (const m of ['responseTimeP50Min', 'responseTimeP90Min']) {
      const r = paired(ps, m, 'lower-is-better');
      expect(r.difference.mean!, m).toBeGreaterThan(0);
      expect(r.difference.ci95![0], m).toBeGreaterThan(0);
    }
  });

  it('shelters at a tenth of their capacity: the relief fill rate is not higher', () => {
    const small = leshanWith('small-shelters', (assets) => {
      for (const s of assets.shelters) s.capacity = Math.max(1, Math.floor(s.capacity / 10));
    });
    const ps = pairs(original, { scenario: small, plan: planFor(small) });
    const r = paired(ps, 'reliefFillRate', 'higher-is-better');
    expect(r.difference.mean!).toBeLessThanOrEqual(0);
    expect(ps.some(([, b]) => b.metrics['shelterOverflowPersons']! > 0)).toBe(true);
  });

  it('no evacuation clauses: the relief fill rate is lower, and more people wait for boats', () => {
    const ps = pairs(original, { scenario: original.scenario, plan: planFor(original.scenario, true) });
    const fill = paired(ps, 'reliefFillRate', 'higher-is-better');
    expect(fill.difference.mean!).toBeLessThan(0);
    expect(fill.difference.ci95![1]).toBeLessThan(0);
    const rescued = paired(ps, 'rescued', 'higher-is-better');
    expect(rescued.difference.mean!).toBeGreaterThan(0);
    const ordered = paired(ps, 'evacuatedOnOrder', 'higher-is-better');
    expect(ordered.difference.mean!).toBeLessThan(0);
  });
});
