/**
 * The chemical release in the built-in Leshan region: the Wutongqiao trichlorosilane scenario and its plans,
 * the hazchem team against the leak, shelter against evacuation, the flood and shaking cascades
 * (docs/models/hazchem.md). Paired seeds: the same replication index under two settings draws the same weather.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/errors.js';
import { tempDir } from '../../support/cli.js';
import { damageState, HAZCHEM, zoneAverage, type Hazchem } from '../../../models/hazards/hazchem/field.js';
import { TANK_FRAGILITIES, type CompiledRelease } from '../../../models/hazards/hazchem/compile.js';
import { runReplication, type ReplicationOptions } from '../../../models/replication.js';
import { loadPlan, loadScenario } from '../../../models/scenario/load.js';
import type { CompiledScenario } from '../../../models/scenario/compile.js';
import type { CompiledPlan } from '../../../models/plan/compile.js';
import type { SimEvent } from '../../../models/world/events.js';
import type { World } from '../../../models/world/world.js';

const here = (p: string) => new URL(p, import.meta.url).pathname;
const SCENARIO = here('../../../scenarios/leshan-hazchem-wutongqiao.yaml');
const SHELTER = here('../../../scenarios/plans/leshan-hazchem-plan.yaml');
const EVACUATE = here('../../../scenarios/plans/leshan-hazchem-plan-evacuate.yaml');
const NATECH = here('../../../scenarios/leshan-818-flood-natech.yaml');
const FLOOD = here('../../../scenarios/leshan-818-flood.yaml');

/**
 * Wind from the park towards Zhugen (bearing 327 deg, 5 km), light, clear night, held for the whole release (a
 * meandering wind spreads the dose and lowers the peaks): the scenario's worst case.
 */
const TOWARDS_ZHUGEN = { 'hazchem.windFromDeg': 147, 'hazchem.windSpeed10mMs': 1.5, 'hazchem.cloudOctas': 0, 'hazchem.windDirChangeSdDeg': 0, 'hazchem.windSpeedSdLog': 0 };

function load(file = SCENARIO): { scenario: CompiledScenario; shelter: CompiledPlan; evacuate: CompiledPlan } {
  const scenario = loadScenario(file);
  return { scenario, shelter: loadPlan(SHELTER, scenario), evacuate: loadPlan(EVACUATE, scenario) };
}

function run(scenario: CompiledScenario, plan: CompiledPlan, index: number, options: ReplicationOptions = {}) {
  let world: World | undefined;
  const events: SimEvent[] = [];
  const result = runReplication(scenario, plan, 7, index, { ...options, instrument: (w) => (world = w), trace: (e) => events.push(e) });
  return { result, world: world!, events, hazchem: world!.find(HAZCHEM) as Hazchem };
}

describe('the Wutongqiao trichlorosilane release', () => {
  const { scenario, shelter } = load();

  it('releases, disperses and harms, conserving people; same seed, same results', () => {
    const a = run(scenario, shelter, 0, { overrides: TOWARDS_ZHUGEN, checkInvariants: true, observeEveryMin: 30 });
    const b = run(scenario, shelter, 0, { overrides: TOWARDS_ZHUGEN });
    expect(a.result.metrics).toEqual(b.result.metrics);
    expect(a.result.metrics.hazchemReleasedKg).toBeGreaterThan(0);
    expect(a.result.metrics.hazchemAboveAegl2).toBeGreaterThan(0);
    // The release stops by the team or when the 20 t are gone, never later.
    const r = a.hazchem.releases[0]!.release;
    expect(r.releasedKg(scenario.horizonMin)).toBeLessThanOrEqual(20000 + 1e-6);
    expect(['plugged', 'exhausted']).toContain(r.stopReason);
    // Night, clear sky, light wind: Turner's key gives F.
    expect(a.hazchem.releases[0]!.weather!.stability).toBe('F');
    // Deaths are in the world's count too.
    expect(a.result.metrics.deaths).toBe(a.result.metrics.hazchemDeaths);
  });

  it('a faster hazchem team releases less and leaves fewer people above AEGL-2 (paired seeds)', () => {
    let fasterKg = 0;
    let slowerKg = 0;
    for (let i = 0; i < 6; i++) {
      const common = { ...TOWARDS_ZHUGEN, 'hazchem.plugWorkMin': 30 };
      const fast = run(scenario, shelter, i, { overrides: { ...common, 'dispatch.callOutMin': 5 } }).result.metrics;
      const slow = run(scenario, shelter, i, { overrides: { ...common, 'dispatch.callOutMin': 60 } }).result.metrics;
      expect(fast.hazchemReleasedKg).toBeLessThanOrEqual(slow.hazchemReleasedKg!);
      expect(fast.hazchemAboveAegl2).toBeLessThanOrEqual(slow.hazchemAboveAegl2! + 1e-9);
      expect(fast.hazchemLeakMin).toBeLessThan(slow.hazchemLeakMin!);
      fasterKg += fast.hazchemReleasedKg!;
      slowerKg += slow.hazchemReleasedKg!;
    }
    expect(fasterKg).toBeLessThan(slowerKg * 0.9);
  });

  it('shelter in place beats evacuation for a short release and loses for a long one', () => {
    // An intense leak (8x the scenario's rate) that nobody plugs, emptying in 20 min or in 2 h, the wind towards
    // Jinsu (1.5 km): the cloud is there while its evacuees get ready, board and drive (docs/models/hazchem.md
    // section 11). The weather is held so the comparison is the protective action's alone.
    const { scenario: sc, shelter: sh, evacuate: ev } = load();
    const spec = sc.hazards[0]!.compiled as CompiledRelease;
    spec.sourceRateKgS *= 8;
    const outcome = (minutes: number) => {
      spec.inventoryKg = spec.sourceRateKgS * 60 * minutes;
      let shelterAbove = 0;
      let evacuateAbove = 0;
      for (let i = 0; i < 3; i++) {
        const o = { overrides: { ...TOWARDS_ZHUGEN, 'hazchem.windFromDeg': 221, 'hazchem.plugWorkMin': 1e6 } };
        shelterAbove += run(sc, sh, i, o).result.metrics.hazchemAboveAegl2!;
        evacuateAbove += run(sc, ev, i, o).result.metrics.hazchemAboveAegl2!;
      }
      return { shelterAbove, evacuateAbove };
    };
    const short = outcome(20);
    expect(short.shelterAbove).toBeLessThan(short.evacuateAbove);
    const long = outcome(120);
    expect(long.shelterAbove).toBeGreaterThan(long.evacuateAbove);
  });
});

describe('cascades', () => {
  it('the natech variant releases exactly when the flood reaches the Yongxiang plant; the plain 8-18 flood releases nothing', () => {
    const natech = loadScenario(NATECH);
    const plan = loadPlan(here('../../../scenarios/plans/leshan-flood-plan.yaml'), natech);
    const { events, hazchem } = run(natech, plan, 0);
    const flooded = events.find((e) => e.kind === 'facility.flooded' && e.facility === 'yongxiang-plant');
    const released = events.find((e) => e.kind === 'hazchem.released');
    expect(flooded).toBeDefined();
    expect(released?.t).toBe(flooded!.t);
    expect(hazchem.releases[0]!.release.startedAt).toBe(flooded!.t);
    const plain = loadScenario(FLOOD);
    const plainRun = run(plain, loadPlan(here('../../../scenarios/plans/leshan-flood-plan.yaml'), plain), 0);
    expect(plainRun.hazchem).toBeUndefined();
    expect(plainRun.events.some((e) => e.kind === 'hazchem.released')).toBe(false);
    // The plain flood has no chemical hazard: its scorecard has no release metric at all.
    expect(plainRun.result.metrics.hazchemReleasedKg).toBeUndefined();
  });

  it('a shaking fails the tank by its fragility: strong PGA releases, weak PGA does not', () => {
    const { scenario: sc, shelter: sh } = load();
    const spec = sc.hazards[0]!.compiled as CompiledRelease;
    spec.trigger = { kind: 'shaken', fragility: TANK_FRAGILITIES['ala-atmospheric']! };
    // The earthquake module publishes facility.shaken; here the test publishes it itself.
    const shake = (pgaMs2: number) => (world: World) => {
      world.sim.timeout(60).onProcessed(() => {
        for (const f of world.scenario.region.assets.facilities) {
          world.bus.emit({ t: world.sim.now, kind: 'facility.shaken', facility: f.id, shock: 0, magnitude: 6.5, pgaMs2 });
        }
      });
    };
    const strong = runWith(sc, sh, shake(30));
    expect(strong.release.startedAt).toBe(60);
    expect(strong.release.damageState).toBeGreaterThanOrEqual(2);
    const weak = runWith(sc, sh, shake(0.05));
    expect(weak.release.startedAt).toBe(Infinity);
  });

  it('draws damage states from the ALA curves made monotone', () => {
    const ala = TANK_FRAGILITIES['ala-atmospheric']!;
    // At the DS2 median half the tanks reach DS2: u just below 0.5 is DS2, just above is none.
    expect(damageState(ala, 0.22, 0.49)).toBe(2);
    expect(damageState(ala, 0.22, 0.51)).toBe(0);
    // The DS5 curve crosses DS4 (its dispersion is smaller): capped, so DS5 is never likelier than DS4.
    for (const g of [0.3, 0.8, 1.2, 2, 4]) for (const u of [0.01, 0.2, 0.5, 0.8]) {
      const ds = damageState(ala, g, u);
      expect(ds === 0 || ds >= 2).toBe(true);
      expect(damageState(ala, g, u / 2)).toBeGreaterThanOrEqual(ds);
    }
    expect(damageState(ala, 3, 0.001)).toBe(5);
  });
});

describe('zone averaging', () => {
  it('is the point value for a zero width and conserves the crosswind integral', () => {
    expect(zoneAverage(2, 30, 50, 0)).toBeCloseTo(2 * Math.exp(-(30 * 30) / (2 * 50 * 50)), 12);
    // Strips of any width tiling the line carry the whole crosswind integral sqrt(2 pi) sigma c0.
    let sum = 0;
    for (let k = -40; k <= 40; k++) sum += zoneAverage(1, k * 25, 60, 25) * 25;
    expect(sum).toBeCloseTo(Math.sqrt(2 * Math.PI) * 60, 6);
  });
});

function runWith(sc: CompiledScenario, plan: CompiledPlan, instrument: (w: World) => void) {
  let world: World | undefined;
  runReplication(sc, plan, 3, 0, { instrument: (w) => { world = w; instrument(w); } });
  return world!.get(HAZCHEM).releases[0]!;
}

describe('region data and bad entries', () => {
  it("takes the tank's material and inventory from the region, and the zones' usual air exchange", () => {
    const { scenario: sc, shelter: sh } = load();
    const spec = sc.hazards[0]!.compiled as CompiledRelease;
    expect(spec.material).toBe('SiHCl3');
    expect(spec.inventoryKg).toBe(20000);
    const { hazchem } = run(sc, sh, 0, { overrides: TOWARDS_ZHUGEN });
    const zhugenLow = sc.zoneIndex.get('wutongqiao-zhugen-riverside-low')!;
    const e = hazchem.releases[0]!.exposures.find((x) => x.zone === zhugenLow)!;
    expect(e.achPerH).toBe(sc.region.zones.zones[zhugenLow]!.hazchem!.airExchangePerH);
  });

  it('reports an unknown tank and a missing material at their JSON pointers', () => {
    const text = readFileSync(SCENARIO, 'utf8');
    const { dir, cleanup } = tempDir('drillsim-hazchem-');
    try {
      const bad = join(dir, 'bad.yaml');
      writeFileSync(bad, text.replace('tank: pc-tcs-1', 'tank: pc-tcs-9').replace('plan: plans/leshan-hazchem-plan.yaml', `plan: ${SHELTER}`));
      expect(() => loadScenario(bad)).toThrow(InputError);
      try {
        loadScenario(bad);
      } catch (err) {
        const issue = (err as InputError).issues.find((i) => i.path === '/hazards/0/tank');
        expect(issue?.message).toMatch(/has no tank 'pc-tcs-9'; its tanks: pc-tcs-1, pc-stc-1/);
        expect(issue?.file).toBe(bad);
      }
      const none = join(dir, 'none.yaml');
      writeFileSync(none, text.replace('    tank: pc-tcs-1\n', '').replace('plan: plans/leshan-hazchem-plan.yaml', `plan: ${SHELTER}`));
      expect(() => loadScenario(none)).toThrow(/give the material/);
    } finally {
      cleanup();
    }
  });
});
