/**
 * Dikes and fast water (issue 11, item 6; docs/models/flood.md section 9) on the synthetic Testvale flood,
 * whose gauge rises 1 cm a minute from 100 m at minute 0 to 110 m at minute 1000 and falls back by minute
 * 2000: a stage of X m is reached at minute 100 (X - 100) on the rise. The riverside zone (1,000 people)
 * has its ground at 104 m; the tests put a dike in front of it.
 */
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { ROAD_CLOSURE_DEPTH_M, ROAD_SLOW_BANDS, roadSpeedFactor } from '../../models/hazards/flood/consequences.js';
import { dikeFailureStage } from '../../models/hazards/flood/field.js';
import { HAZARD_MODULES } from '../../models/hazards/index.js';
import type { Dike } from '../../models/hazards/flood/region.js';
import { createRegistry } from '../../models/modules/registry.js';
import type { ResponseModule } from '../../models/modules/types.js';
import { loadRegion, type LoadedRegion } from '../../models/region/load.js';
import { runReplication } from '../../models/replication.js';
import { RESPONSE_MODULES } from '../../models/response/index.js';
import { compileScenario } from '../../models/scenario/compile.js';
import type { ScenarioDoc } from '../../models/schema/scenario.js';
import { compileTestPlan, ofKind, planDoc, TESTVALE_REGION, TESTVALE_SCENARIO, testvaleDoc, testvaleRegionLoaded, traced, withTable } from './helpers.js';

/** The fixture region with a dike in front of the riverside zone. */
function withDike(dike: Dike): LoadedRegion {
  const region = testvaleRegionLoaded();
  const zones = region.zones.zones.map((z) => (z.id === 'riverside' ? { ...z, flood: { ...z.flood!, dike } } : z));
  return { ...region, zones: { ...region.zones, zones } };
}

/** Nobody is ordered out (the only level needs a stage the flood never reaches): people stay at home. */
const NO_EVACUATION = planDoc({ levels: [{ level: 'IV', when: { gauge: 'g1', stageAboveM: 200 }, actions: [] }] });

function scenarioOn(region: LoadedRegion, params: Record<string, number> = {}, mutate?: (doc: ScenarioDoc) => void) {
  const doc: ScenarioDoc = testvaleDoc();
  mutate?.(doc);
  for (const [k, v] of Object.entries(params)) (doc.parameters as Record<string, unknown>)[k] = { dist: 'fixed', value: v };
  return compileScenario(doc, region, TESTVALE_SCENARIO);
}

function run(region: LoadedRegion, params: Record<string, number> = {}, mutate?: (doc: ScenarioDoc) => void) {
  const scenario = scenarioOn(region, params, mutate);
  return traced(scenario, compileTestPlan(NO_EVACUATION, scenario), 11, 0);
}

describe('dike failure stage', () => {
  it('is the crest without a fragility curve, and the lower of crest and the drawn stage with one', () => {
    expect(dikeFailureStage({ crestM: 106, fragility: null }, () => -3)).toBe(106);
    const fragile = { crestM: 106, fragility: { medianM: 105.5, sdM: 0.2 } };
    expect(dikeFailureStage(fragile, () => -1)).toBeCloseTo(105.3, 12);
    expect(dikeFailureStage(fragile, () => 4)).toBe(106);
  });
});

describe('a zone behind a dike', () => {
  it('stays dry until the crest is overtopped, then fills fast: rapid-rise mortality instead of the slow flood', () => {
    // A slow river (0.25 m/h: 10 m in 40 h, stage X at minute 240 (X - 100)), so only the dike makes the rise rapid.
    const slow = withTable([
      [0, 100],
      [2400, 110],
      [2880, 100],
    ]);
    const open = run(testvaleRegionLoaded(), { 'flood.breachFillH': 1 }, slow);
    const diked = run(withDike({ crestM: 106, estimated: false, src: ['T'] }), { 'flood.breachFillH': 1 }, slow);
    const floodedAt = (r: typeof open) => ofKind(r.events, 'zone.flooded').find((e) => e.zone === 'riverside')!.t;
    expect(floodedAt(open)).toBeCloseTo(960, 6); // 104 m
    expect(floodedAt(diked)).toBeCloseTo(1440, 6); // 106 m, the crest
    const failed = ofKind(diked.events, 'dike.failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ zone: 'riverside', mode: 'overtopping', deaths: 0 });
    expect(failed[0]!.t).toBeCloseTo(1440, 6);
    expect(failed[0]!.stageM).toBeCloseTo(106, 9);
    // Peak depth 6 m either way; filling 2 m in 1 h is a rapid rise (>= 0.5 m/h, depth >= 2.1 m), so
    // Jonkman's mortality is 0.90 against 0.017 for the river's own 0.25 m/h.
    const deaths = (r: typeof open) => ofKind(r.events, 'zone.casualties').find((e) => e.zone === 'riverside')!;
    const o = deaths(open);
    const d = deaths(diked);
    expect(o.depthM).toBeCloseTo(6, 6);
    expect(d.depthM).toBeCloseTo(6, 6);
    expect(d.exposed).toBeGreaterThan(0);
    expect(d.deaths / d.exposed).toBeGreaterThan(0.8);
    expect(o.deaths / o.exposed).toBeLessThan(0.05);
  });

  it('breaches below its crest where its fragility says, killing a share of those still there in the fast water', () => {
    const region = withDike({ crestM: 106, fragility: { medianM: 105, sdM: 1e-6 }, estimated: false, src: ['T'] });
    const r = run(region, { 'flood.breachFillH': 1, 'flood.breachZoneShare': 0.1 });
    const [failed] = ofKind(r.events, 'dike.failed');
    expect(failed).toMatchObject({ zone: 'riverside', mode: 'breach' });
    expect(failed!.t).toBeCloseTo(500, 3);
    expect(failed!.exposed).toBeGreaterThan(0);
    // Binomial(exposed, 0.1): within 5 sd of its mean.
    const mean = failed!.exposed * 0.1;
    expect(Math.abs(failed!.deaths - mean)).toBeLessThan(5 * Math.sqrt(mean * 0.9));
    expect(failed!.deaths).toBeGreaterThan(0);
    // Nobody is lost or counted twice: the dead are the breach's plus those of every zone's peak.
    const atPeaks = ofKind(r.events, 'zone.casualties').reduce((s, e) => s + e.deaths, 0);
    expect(r.result.metrics['deaths']).toBe(failed!.deaths + atPeaks);
    // Without the breach zone, overtopping alone kills nobody at the moment of failure.
    const none = run(region, { 'flood.breachFillH': 1, 'flood.breachZoneShare': 0 });
    expect(ofKind(none.events, 'dike.failed')[0]!.deaths).toBe(0);
  });

  it('holds when the river never reaches its failure stage', () => {
    const r = run(withDike({ crestM: 111, estimated: false, src: ['T'] }));
    expect(ofKind(r.events, 'dike.failed')).toHaveLength(0);
    expect(ofKind(r.events, 'zone.flooded').some((e) => e.zone === 'riverside')).toBe(false);
  });

  it('a crest at or below the ground is a located region error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'drillsim-dike-'));
    cpSync(TESTVALE_REGION, dir, { recursive: true });
    const file = join(dir, 'zones.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { zones: Array<{ id: string; flood?: Record<string, unknown> }> };
    doc.zones.find((z) => z.id === 'riverside')!.flood!['dike'] = { crestM: 103, estimated: false, src: ['T'] };
    writeFileSync(file, JSON.stringify(doc, null, 2));
    try {
      loadRegion(dir);
      expect.unreachable('the region should be refused');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const issue = (e as InputError).issues.find((i) => i.path.endsWith('/flood/dike/crestM'));
      expect(issue, JSON.stringify((e as InputError).issues)).toBeDefined();
      expect(issue!.path).toBe('/zones/0/flood/dike/crestM');
      expect(issue!.message).toMatch(/crest .*above the zone's ground/);
    }
  });
});

describe('shallow water slows road traffic (Pregnolato et al. 2017)', () => {
  it('the slow bands lie below closure, slow down as the water deepens, and match the depth-speed curve', () => {
    const carBands = ROAD_SLOW_BANDS.filter((b) => b.modes.includes('car'));
    expect(carBands.map((b) => b.fromM)).toEqual([0, 0.1, 0.2]);
    for (const b of carBands) expect(b.speedFactor).toBeCloseTo(roadSpeedFactor(b.fromM + 0.05), 12);
    for (let k = 1; k < ROAD_SLOW_BANDS.length; k++) expect(ROAD_SLOW_BANDS[k]!.speedFactor).toBeLessThan(ROAD_SLOW_BANDS[k - 1]!.speedFactor);
    expect(ROAD_SLOW_BANDS.every((b) => b.fromM < ROAD_CLOSURE_DEPTH_M.emergency)).toBe(true);
  });

  it('a floodable road is slowed, then closed to cars, then to emergency vehicles, as the water rises', () => {
    // The road seat--riverside floods from 106.5 m: depth d m at minute 650 + 100 d on the rise.
    const samples: Array<{ t: number; car: { closed: boolean; speedFactor: number }; emergency: { closed: boolean; speedFactor: number } }> = [];
    const probe: ResponseModule = {
      name: 'road-probe',
      description: 'reads the true state of one road during the flood (test only)',
      parameters: {},
      triggers: [],
      actions: [],
      install(world) {
        const edge = world.roads.edgeIndexOf('seat--riverside');
        for (const t of [640, 655, 665, 675, 690, 705, 1295, 1305, 1345]) {
          world.sim.timeout(t).onProcessed(() => {
            samples.push({ t, car: world.roads.states.trueState(edge, t, 'car'), emergency: world.roads.states.trueState(edge, t, 'emergency') });
          });
        }
      },
      metrics: [],
    };
    const registry = createRegistry({ hazards: HAZARD_MODULES, responses: [...RESPONSE_MODULES, probe] });
    const scenario = compileScenario(testvaleDoc(), loadRegion(TESTVALE_REGION), TESTVALE_SCENARIO, registry);
    runReplication(scenario, compileTestPlan(NO_EVACUATION, scenario), 1, 0);
    const at = (t: number) => samples.find((s) => s.t === t)!;
    expect(at(640).car).toMatchObject({ closed: false, speedFactor: 1 });
    expect(at(655).car.speedFactor).toBeCloseTo(roadSpeedFactor(0.05), 12);
    expect(at(665).car.speedFactor).toBeCloseTo(roadSpeedFactor(0.15), 12);
    expect(at(675).car.speedFactor).toBeCloseTo(roadSpeedFactor(0.25), 12);
    expect(at(690).car.closed).toBe(true);
    expect(at(690).emergency.closed).toBe(false);
    expect(at(690).emergency.speedFactor).toBeLessThan(roadSpeedFactor(0.25));
    expect(at(705).emergency.closed).toBe(true);
    // Falling (stage X m at minute 2000 - 100 (X - 100)): the same states in reverse.
    expect(at(1295).emergency.closed).toBe(true); // 0.55 m
    expect(at(1305).car.closed).toBe(true); // 0.45 m: emergency vehicles only, wading
    expect(at(1305).emergency).toMatchObject({ closed: false, speedFactor: ROAD_SLOW_BANDS[3]!.speedFactor });
    expect(at(1345).car.closed).toBe(false); // 0.05 m
    expect(at(1345).car.speedFactor).toBeCloseTo(roadSpeedFactor(0.05), 12);
  });
});
