/**
 * The forest fire in the Leshan scenarios, replication by replication on paired seeds: a shorter detection
 * delay never leaves a larger fire; a village the front reaches is either evacuated under the plan or its
 * people are counted exposed; the same seed gives the same results.
 */
import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../models/plan/compile.js';
import { runReplication } from '../../../models/replication.js';
import { loadPlan, loadPlanDocs, loadScenario } from '../../../models/scenario/load.js';
import type { SimEvent } from '../../../models/world/events.js';
import { planDoc } from '../../model/helpers.js';

const mabian = loadScenario('scenarios/leshan-wildfire-mabian.yaml');
const baseline = loadPlan('scenarios/plans/leshan-wildfire-plan.yaml', mabian);
const SEEDS = [1, 2, 3, 4, 5, 6];

function run(overrides: Record<string, number>, seed: number, plan = baseline) {
  const events: SimEvent[] = [];
  const r = runReplication(mabian, plan, seed, 0, { overrides, trace: (e) => events.push(e) });
  return { m: r.metrics, events };
}

describe('wildfire replications (Mabian)', () => {
  it('a shorter detection delay never gives a larger burned area (paired seeds), and a smaller one on average', () => {
    let early = 0;
    let late = 0;
    for (const seed of SEEDS) {
      // Same weather and draws; only the detection medians differ.
      const fast = run({ 'wildfire.detectionPublicMin': 15, 'wildfire.detectionCameraMin': 5 }, seed).m;
      const slow = run({ 'wildfire.detectionPublicMin': 90, 'wildfire.detectionCameraMin': 30 }, seed).m;
      expect(fast['wildfireDetectionMin']!).toBeLessThan(slow['wildfireDetectionMin']!);
      expect(fast['wildfireBurnedHa']!).toBeLessThanOrEqual(slow['wildfireBurnedHa']! + 1e-9);
      early += fast['wildfireBurnedHa']!;
      late += slow['wildfireBurnedHa']!;
    }
    expect(early).toBeLessThan(late);
  });

  it('a reached village is evacuated under the plan, or its people are counted exposed', () => {
    // The baseline's detection and brigades, and one level that never triggers (a zone far from the fire): no transfer.
    const doc = planDoc({
      levels: [{ level: 'IV', when: { fireWithinM: 0, zones: { ids: ['shizhong-fengzhou'] } }, actions: [{ id: '1', warn: { channels: ['cell-broadcast'], zones: { ids: ['shizhong-fengzhou'] } } }] }],
    } as unknown as Parameters<typeof planDoc>[0]);
    const none = compilePlan({ ...doc, forestFire: loadPlanDocs('scenarios/plans/leshan-wildfire-plan.yaml')[0]!.value.forestFire } as typeof doc, mabian);
    for (const seed of SEEDS.slice(0, 3)) {
      const bare = run({ 'wildfire.windKmh': 20 }, seed, none);
      const reached = bare.events.filter((e): e is Extract<SimEvent, { kind: 'wildfire.zoneReached' }> => e.kind === 'wildfire.zoneReached');
      expect(reached.length).toBeGreaterThan(0);
      // Without a plan nobody leaves: everyone of a reached zone is exposed.
      for (const e of reached) expect(e.atHome).toBe(mabian.zones.find((z) => z.id === e.zone)!.population);
      expect(bare.m['wildfireExposedPersons']).toBe(reached.reduce((s, e) => s + e.atHome, 0));
      // The front closes the roads it crosses, each for the closure time.
      const closed = bare.events.filter((e): e is Extract<SimEvent, { kind: 'edge.closed' }> => e.kind === 'edge.closed');
      expect(closed.length).toBeGreaterThan(0);
      expect(closed.length).toBe(bare.m['wildfireRoadsClosed']);
      for (const e of closed) expect(e.until - e.t).toBeCloseTo(3 * 60, 9);
      // Under the plan the same fire reaches the same zones, and fewer people are there.
      const planned = run({ 'wildfire.windKmh': 20 }, seed);
      expect(planned.m['wildfireVillagesReached']).toBe(bare.m['wildfireVillagesReached']);
      expect(planned.m['wildfireExposedPersons']!).toBeLessThan(bare.m['wildfireExposedPersons']!);
      expect(planned.m['evacuated']!).toBeGreaterThan(0);
    }
  });

  it('is deterministic: the same seed gives the same metrics', () => {
    expect(run({}, 11).m).toEqual(run({}, 11).m);
  });
});
