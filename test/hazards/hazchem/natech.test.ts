/**
 * Issue 13's second round (docs/models/hazchem.md sections 8-11): the weather changing during a release (hourly
 * steps with persistence, Turner's key at sunrise), the segmented plume, several releases of one gas summed
 * before the toxic load, evacuees' dose in their vehicles along the road out, and the earthquake-to-tank Natech
 * cascade in one replication with its scorecard.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../engine/kernel/index.js';
import { InProcessRunner } from '../../../engine/batch/index.js';
import { tempDir } from '../../support/cli.js';
import { damageState, HAZCHEM, routePosition, type Hazchem, type RoadGroup } from '../../../models/hazards/hazchem/field.js';
import { DAMAGE_RATE_SHARE, type CompiledRelease } from '../../../models/hazards/hazchem/compile.js';
import { plumeConcentration } from '../../../models/hazards/hazchem/dispersion.js';
import { aegl60 } from '../../../models/hazards/hazchem/substances.js';
import { stepAt, weatherSeries, type WeatherInputs, type WeatherStep } from '../../../models/hazards/hazchem/weather.js';
import { runReplication, type ReplicationOptions } from '../../../models/replication.js';
import { loadPlan, loadScenario } from '../../../models/scenario/load.js';
import { prepareScoreBatch } from '../../../models/study/payload.js';
import { runScoreBatch } from '../../../models/study/score-job.js';
import type { CompiledScenario } from '../../../models/scenario/compile.js';
import type { CompiledPlan } from '../../../models/plan/compile.js';
import type { SimEvent } from '../../../models/world/events.js';
import type { World } from '../../../models/world/world.js';

const here = (p: string) => new URL(p, import.meta.url).pathname;
const SCENARIO = here('../../../scenarios/leshan-hazchem-wutongqiao.yaml');
const SHELTER = here('../../../scenarios/plans/leshan-hazchem-plan.yaml');
const EVACUATE = here('../../../scenarios/plans/leshan-hazchem-plan-evacuate.yaml');
const QUAKE = here('../../../scenarios/leshan-quake-wutongqiao-natech.yaml');
const QUAKE_PLAN = here('../../../scenarios/plans/leshan-quake-hazchem-plan.yaml');

/** Held weather (no change during the release): the first hour's values throughout. */
const HELD = { 'hazchem.windDirChangeSdDeg': 0, 'hazchem.windSpeedSdLog': 0 };

function run(scenario: CompiledScenario, plan: CompiledPlan, seed: number, index: number, options: ReplicationOptions = {}) {
  let world: World | undefined;
  const events: SimEvent[] = [];
  const result = runReplication(scenario, plan, seed, index, { ...options, instrument: (w) => { world = w; options.instrument?.(w); }, trace: (e) => events.push(e) });
  return { result, world: world!, events, hazchem: world!.find(HAZCHEM) as Hazchem };
}

const INPUTS: WeatherInputs = {
  startMin: 0,
  horizonMin: 24 * 60,
  startLocalMinuteOfDay: 0,
  startIso: '2020-08-20T00:00+08:00',
  lat: 29.37,
  lon: 103.85,
  releaseHeightM: 1,
  terrain: 'rural',
  mixingHeightM: null,
  u10: 2,
  fromDeg: 150,
  cloudOctas: 0,
  dirSdDeg: 20,
  speedSdLog: 0.3,
  speedPersistence: 0.8,
};

/** A deterministic stream of standard normal draws (Box-Muller on a fixed sequence). */
function normals(seed: number): () => number {
  const sim = new Simulation({ seed, replication: 0 });
  const s = sim.stream('test.normals');
  return () => s.normal(0, 1);
}

describe('weather changing during the release', () => {
  it('starts from the drawn first hour, is deterministic, and holds still when its spreads are zero', () => {
    const a = weatherSeries(INPUTS, normals(1));
    const b = weatherSeries(INPUTS, normals(1));
    expect(a).toEqual(b);
    expect(a).toHaveLength(24);
    expect(a[0]!.u10).toBe(2);
    expect(a[0]!.fromDeg).toBe(150);
    // With the spreads set the wind moves; a different seed gives a different path.
    expect(new Set(a.map((s) => s.fromDeg.toFixed(3))).size).toBeGreaterThan(20);
    expect(weatherSeries(INPUTS, normals(2)).map((s) => s.fromDeg)).not.toEqual(a.map((s) => s.fromDeg));
    const held = weatherSeries({ ...INPUTS, dirSdDeg: 0, speedSdLog: 0 }, normals(1));
    for (const s of held) {
      expect(s.fromDeg).toBe(150);
      expect(s.u10).toBeCloseTo(2, 12);
    }
  });

  it('is persistent: hour-to-hour changes of log speed shrink as the autocorrelation grows', () => {
    const spread = (phi: number) => {
      const s = weatherSeries({ ...INPUTS, horizonMin: 2000 * 60, speedPersistence: phi }, normals(3));
      let sum = 0;
      for (let k = 2; k < s.length; k++) sum += Math.abs(Math.log(s[k]!.u10) - Math.log(s[k - 1]!.u10));
      return sum / (s.length - 2);
    };
    expect(spread(0.95)).toBeLessThan(spread(0.5));
    expect(spread(0.5)).toBeLessThan(spread(0));
    // Stationary around the first hour's speed: the mean log speed stays near log 2.
    const s = weatherSeries({ ...INPUTS, horizonMin: 2000 * 60 }, normals(4));
    const mean = s.reduce((m, x) => m + Math.log(x.u10), 0) / s.length;
    expect(Math.abs(mean - Math.log(2))).toBeLessThan(0.05);
  });

  it("turns stable to unstable at sunrise and back at sunset by Turner's key (clear August day at Wutongqiao)", () => {
    // Same wind all day, only the sun moves: the class is the key's at each hour's solar altitude.
    const held = weatherSeries({ ...INPUTS, dirSdDeg: 0, speedSdLog: 0 }, normals(1));
    const at = (hour: number) => held[hour]!;
    expect(at(2).stability).toBe('F'); // 02:00-03:00 Beijing time: night, clear, 2 m/s
    expect(at(2).night).toBe(true);
    expect(['A', 'B']).toContain(at(12).stability); // around solar noon, strong sun
    expect(at(12).night).toBe(false);
    expect(at(22).stability).toBe('F');
    // Every hour's class follows from that hour's sun: the day's sequence is monotone through the morning.
    const order = 'ABCDEF';
    const morning = held.slice(4, 13).map((s) => order.indexOf(s.stability));
    for (let k = 1; k < morning.length; k++) expect(morning[k]!).toBeLessThanOrEqual(morning[k - 1]!);
  });

  it('recomputes the plume per hour: each hour\'s air keeps the wind it left with (segmented plume), and the doses add up to the emission', () => {
    const sc = loadScenario(SCENARIO);
    const plan = loadPlan(SHELTER, sc);
    const spec = sc.hazards[0]!.compiled as CompiledRelease;
    // A leak of exactly 100 minutes (nobody plugs it): 60 min in the first hour, 40 in the second.
    spec.inventoryKg = spec.sourceRateKgS * 60 * 100;
    const base: WeatherInputs = { ...INPUTS, startMin: 30, horizonMin: sc.horizonMin, startLocalMinuteOfDay: sc.startLocalMinuteOfDay, startIso: sc.startIso, lat: spec.lat, lon: spec.lon, u10: 1.5 };
    // Hour 1 from 147 deg (towards Zhugen); from the second hour on the wind has turned 90 degrees (from 237).
    const steps: WeatherStep[] = [stepAt(base, 30, 1.5, 147)];
    for (let t = 90; t < sc.horizonMin; t += 60) steps.push(stepAt(base, t, 1.5, 237));
    const { hazchem } = run(sc, plan, 5, 0, {
      overrides: { 'hazchem.plugWorkMin': 1e6 },
      instrument: (w) => {
        w.sim.timeout(0).onProcessed(() => {
          w.get(HAZCHEM).steps = steps;
        });
      },
    });
    const r = hazchem.releases[0]!;
    expect(r.release.startedAt).toBe(30);
    expect(r.release.stoppedAt).toBeCloseTo(130, 6);
    const q = r.release.gasRateKgS;
    const s = { y: 0, z: 0 };
    const dose = (east: number, north: number) => {
      let sum = 0;
      for (let t = 30; t < sc.horizonMin; t += 0.25) sum += r.pointAt(east, north, t, s) * 0.25;
      return sum;
    };
    const steady = (w: WeatherStep, x: number) => plumeConcentration(q, w.u, spec.releaseHeightM, x, 0, 1.5, w.stability, spec.terrain, w.mixingHeightM, s);
    const x = 2000;
    const a = [r.siteEast + steps[0]!.ex * x, r.siteNorth + steps[0]!.ey * x] as const;
    const b = [r.siteEast + steps[1]!.ex * x, r.siteNorth + steps[1]!.ey * x] as const;
    // On the first hour's axis: the steady plume for the 60 minutes emitted then (minutes x kg/m3).
    expect(dose(a[0], a[1]) / (steady(steps[0]!, x) * 60)).toBeCloseTo(1, 2);
    // On the later hours' axis: the 40 minutes emitted after the turn, not the first hour's air.
    expect(dose(b[0], b[1]) / (steady(steps[1]!, x) * 40)).toBeCloseTo(1, 2);
    // Half-way between the two axes (45 degrees off each, 1.4 km from both plumes): nothing.
    const m = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] as const;
    expect(dose(m[0], m[1])).toBeLessThan(1e-6 * dose(a[0], a[1]));
  });

  it('same seed, same weather path; the path differs between replications', () => {
    const sc = loadScenario(SCENARIO);
    const plan = loadPlan(SHELTER, sc);
    const path = (i: number) => run(sc, plan, 9, i).hazchem.steps.map((s) => [s.fromDeg, s.u10, s.stability]);
    expect(path(0)).toEqual(path(0));
    expect(path(0)).not.toEqual(path(1));
  });
});

/** A scenario file: the Wutongqiao one with its hazard entry replaced (relative plan path made absolute). */
function withHazard(dir: string, name: string, hazard: string): string {
  const text = readFileSync(SCENARIO, 'utf8');
  const start = text.indexOf('hazards:\n');
  const end = text.indexOf('parameters:\n');
  const file = join(dir, name);
  writeFileSync(file, text.slice(0, start).replace('plan: plans/leshan-hazchem-plan.yaml', `plan: ${SHELTER}`) + 'hazards:\n' + hazard + text.slice(end));
  return file;
}

const CHLORINE = `  - kind: hazchem
    id: cl2-a
    facility: fuhua-plant
    tank: fh-cl2-1
    source: { kind: rate, massRateKgS: 0.5 }
    terrain: rural
    trigger: { at: 2020-08-20T01:30+08:00 }
`;
const SECOND_CHLORINE = `    also:
      - { id: cl2-b, facility: fuhua-plant, tank: fh-cl2-1, source: { kind: rate, massRateKgS: 0.5 }, terrain: rural, trigger: { at: 2020-08-20T01:30+08:00 } }
`;
const AMMONIA = `    also:
      - { id: nh3, facility: hebang-plant, tank: hb-nh3-1, source: { kind: rate, massRateKgS: 0.5 }, terrain: rural, trigger: { at: 2020-08-20T01:30+08:00 } }
`;

describe('several releases in one replication', () => {
  it('adds the concentrations of one gas before the toxic load (chlorine, n = 2: twice the concentration, four times the load)', () => {
    const { dir, cleanup } = tempDir('drillsim-hazchem-sum-');
    try {
      const one = loadScenario(withHazard(dir, 'one.yaml', CHLORINE));
      const two = loadScenario(withHazard(dir, 'two.yaml', CHLORINE + SECOND_CHLORINE));
      expect((two.hazards[0]!.compiled as CompiledRelease).also.map((r) => r.id)).toEqual(['cl2-b']);
      const o = { overrides: { ...HELD, 'hazchem.windFromDeg': 147, 'hazchem.windSpeed10mMs': 1.5, 'hazchem.cloudOctas': 0, 'hazchem.plugWorkMin': 1e6 } };
      let compared = 0;
      for (let i = 0; i < 3; i++) {
        const a = run(one, loadPlan(SHELTER, one), 11, i, o);
        const b = run(two, loadPlan(SHELTER, two), 11, i, o);
        expect(b.hazchem.releases).toHaveLength(2);
        expect(b.hazchem.exposures).toHaveLength(1); // one gas: one exposure, both releases in it
        expect(b.result.metrics.hazchemReleasedKg).toBeCloseTo(2 * a.result.metrics.hazchemReleasedKg!, 6);
        const za = a.hazchem.exposures[0]!.zones;
        const zb = b.hazchem.exposures[0]!.zones;
        for (let z = 0; z < za.length; z++) {
          for (let c = 0; c < za[z]!.cells.length; c++) {
            const la = za[z]!.cells[c]!.loadOut;
            if (la < 1) continue;
            expect(zb[z]!.cells[c]!.loadOut / la).toBeCloseTo(4, 9);
            compared++;
          }
          expect(zb[z]!.peakPpm).toBeCloseTo(2 * za[z]!.peakPpm, 9);
        }
        expect(b.result.metrics.hazchemAboveAegl2).toBeGreaterThanOrEqual(a.result.metrics.hazchemAboveAegl2!);
      }
      expect(compared).toBeGreaterThan(0);
      // Different gases are not summed: chlorine and ammonia each have their own load.
      const mixed = loadScenario(withHazard(dir, 'mixed.yaml', CHLORINE + AMMONIA));
      const m = run(mixed, loadPlan(SHELTER, mixed), 11, 0, o);
      expect(m.hazchem.exposures.map((e) => e.substance.id).sort()).toEqual(['Cl2', 'NH3']);
    } finally {
      cleanup();
    }
  });

  it('reports a release id used twice at its JSON pointer', () => {
    const { dir, cleanup } = tempDir('drillsim-hazchem-dup-');
    try {
      const file = withHazard(dir, 'dup.yaml', CHLORINE + SECOND_CHLORINE.replace('cl2-b', 'cl2-a'));
      expect(() => loadScenario(file)).toThrow(/\/hazards\/0\/also\/0\/id|used twice/);
    } finally {
      cleanup();
    }
  });
});

describe('dose on the road', () => {
  /** Wind towards Jinsu (金粟镇, 1.5 km at 41 deg): the cloud reaches it while its people get ready and drive. */
  const TOWARDS_JINSU = { ...HELD, 'hazchem.windFromDeg': 221, 'hazchem.windSpeed10mMs': 1.5, 'hazchem.cloudOctas': 0, 'hazchem.plugWorkMin': 1e6 };

  function evacuation(vehicleAch: number, index: number) {
    const sc = loadScenario(SCENARIO);
    const spec = sc.hazards[0]!.compiled as CompiledRelease;
    spec.sourceRateKgS *= 8;
    spec.inventoryKg = spec.sourceRateKgS * 60 * 60;
    return run(sc, loadPlan(EVACUATE, sc), 3, index, { overrides: { ...TOWARDS_JINSU, 'hazchem.vehicleAirExchangePerH': vehicleAch }, checkInvariants: index === 0 });
  }

  it('follows each group along its road: the route starts at the zone, ends at a node outside the threat zone, and is walked in time', () => {
    const { hazchem, world } = evacuation(6, 0);
    const groups = hazchem.exposures[0]!.groups;
    expect(groups.length).toBeGreaterThan(0);
    const g = groups[0]!;
    const zone = world.scenario.zones[g.zone]!;
    const [e0, n0] = hazchem.toFrame(world.scenario.csr.graph.lat[zone.node]!, world.scenario.csr.graph.lon[zone.node]!);
    const probe: RoadGroup = { ...g, leg: 0 };
    expect(routePosition(probe, 0)).toEqual([e0, n0]);
    const total = g.minutes[g.minutes.length - 1]!;
    expect(g.arriveAt - g.departAt).toBeCloseTo(total, 9);
    const [ed, nd] = hazchem.toFrame(world.scenario.csr.graph.lat[g.destination]!, world.scenario.csr.graph.lon[g.destination]!);
    expect(routePosition({ ...g, leg: 0 }, total + 5)).toEqual([ed, nd]);
    // Half-way through the first leg: half-way between its two vertices.
    const half = routePosition({ ...g, leg: 0 }, g.minutes[1]! / 2);
    expect(half[0]).toBeCloseTo((g.east[0]! + g.east[1]!) / 2, 6);
    expect(half[1]).toBeCloseTo((g.north[0]! + g.north[1]!) / 2, 6);
  });

  it('evacuees breathe the cloud in their vehicles on the way out: a leakier vehicle gives a larger road load (paired seeds)', () => {
    let tightTotal = 0;
    let leakyTotal = 0;
    for (let i = 0; i < 3; i++) {
      const tight = evacuation(1, i).hazchem.exposures[0]!.groups;
      const leaky = evacuation(60, i).hazchem.exposures[0]!.groups;
      // Same departures and routes (the vehicles' air exchange changes nothing else).
      expect(leaky.map((g) => [g.zone, g.departAt, g.destination])).toEqual(tight.map((g) => [g.zone, g.departAt, g.destination]));
      // The outdoor air met on the way is the same: the vehicle only delays and damps it. (A group that boards
      // inside the cloud and drives out of it keeps the gas longer in a tight vehicle: no per-group order.)
      tight.forEach((g, k) => expect(leaky[k]!.peakPpm).toBeCloseTo(g.peakPpm, 9));
      tightTotal += tight.reduce((s, g) => s + g.load, 0);
      leakyTotal += leaky.reduce((s, g) => s + g.load, 0);
    }
    expect(tightTotal).toBeGreaterThan(0);
    expect(leakyTotal).toBeGreaterThan(1.1 * tightTotal);
  });
});

describe('a catastrophic tank failure (DS5): the puff moves with each hour\'s wind', () => {
  it('carries the whole inventory along the wind and stops exposing a zone once past it', () => {
    const sc = loadScenario(SCENARIO);
    const plan = loadPlan(SHELTER, sc);
    const spec = sc.hazards[0]!.compiled as CompiledRelease;
    spec.trigger = { kind: 'shaken', fragility: { name: 'certain failure', medianG: [0.001, 0.001, 0.001, 0.001], beta: [0.1, 0.1, 0.1, 0.1] } };
    // 20 minutes after the failure the puff's centre is 20 min x u along the wind: the concentration there is the
    // Gaussian puff's centre value, and it falls off symmetrically ahead of and behind the centre. (Sampled during
    // the run: the puff only moves forward in time.)
    const probe: number[] = [];
    const { hazchem, events } = run(sc, plan, 5, 0, {
      overrides: { ...HELD, 'hazchem.windFromDeg': 147, 'hazchem.windSpeed10mMs': 1.5, 'hazchem.cloudOctas': 0 },
      checkInvariants: true,
      instrument: (world) => {
        world.sim.timeout(60).onProcessed(() => world.bus.emit({ t: world.sim.now, kind: 'facility.shaken', facility: spec.facility, shock: 0, magnitude: 6.5, pgaMs2: 5 }));
        world.sim.timeout(80).onProcessed(() => {
          const h = world.get(HAZCHEM);
          const r = h.releases[0]!;
          const w = h.weatherAt(60)!;
          const s = { y: 0, z: 0 };
          const d = w.u * 20 * 60;
          for (const off of [0, 100, -100]) probe.push(r.pointAt(r.siteEast + w.ex * (d + off), r.siteNorth + w.ey * (d + off), 80, s));
        });
      },
    });
    const r = hazchem.releases[0]!;
    expect(r.release.instantaneous).toBe(true);
    expect(r.release.releasedKg(sc.horizonMin)).toBe(spec.inventoryKg);
    const [centre, ahead, behind] = probe as [number, number, number];
    expect(centre).toBeGreaterThan(ahead);
    expect(ahead).toBeGreaterThan(0);
    expect(ahead / behind).toBeCloseTo(1, 6);
    // Zhugen lies down this wind: it is reached, then settled once the puff has gone past.
    const zhugen = sc.zoneIndex.get('wutongqiao-zhugen')!;
    const z = hazchem.exposures[0]!.zones[zhugen]!;
    expect(z.reached).toBe(true);
    expect(z.peakPpm).toBeGreaterThan(aegl60(spec.substance, 1));
    expect(z.settled).toBe(true);
    // A zone upwind of the park (Xiba, 4 km at 185 deg, wind from 147) never sees it.
    expect(hazchem.exposures[0]!.zones[sc.zoneIndex.get('wutongqiao-xiba')!]!.peakPpm).toBe(0);
    expect(events.some((e) => e.kind === 'hazchem.released' && (e as SimEvent & { instantaneous: boolean }).instantaneous)).toBe(true);
  });
});

describe("the evacuation module's exposure hook", () => {
  it('follows the flood evacuees who set off while the natech release runs, and only them', () => {
    const natech = loadScenario(here('../../../scenarios/leshan-818-flood-natech.yaml'));
    const plan = loadPlan(here('../../../scenarios/plans/leshan-flood-plan.yaml'), natech);
    const { events, hazchem } = run(natech, plan, 0, 0);
    const start = hazchem.releases[0]!.release.startedAt;
    expect(start).toBeLessThan(Infinity);
    const groups = hazchem.exposures[0]!.groups.filter((g) => g.external);
    const departed = events.filter((e) => e.kind === 'evacuation.departed' && e.t >= start) as Array<SimEvent & { persons: number; arriveAt: number }>;
    expect(groups.length).toBeGreaterThan(0);
    // Every group follows a departure after the start, same size and arrival; the ones before are not followed.
    expect(groups.every((g) => g.departAt >= start)).toBe(true);
    expect(groups.length).toBeLessThanOrEqual(departed.length);
    for (const g of groups) {
      expect(departed.some((d) => d.t === g.departAt && d.persons === g.persons && Math.abs(d.arriveAt - g.arriveAt) < 1e-9)).toBe(true);
      expect(g.minutes[g.minutes.length - 1]!).toBeCloseTo(g.arriveAt - g.departAt, 9);
      expect(g.settled).toBe(true);
    }
  });
});

describe('earthquake to tank to release (Natech) in one replication', () => {
  const sc = loadScenario(QUAKE);
  const plan = loadPlan(QUAKE_PLAN, sc);
  const spec = sc.hazards.find((h) => h.kind === 'hazchem')!.compiled as CompiledRelease;

  it('fires exactly when the tank damage state sampled from its fragility at the park PGA says so (paired seeds)', () => {
    const seed = 21;
    let fired = 0;
    let quiet = 0;
    for (let i = 0; i < 10; i++) {
      const { events, hazchem } = run(sc, plan, seed, i, { overrides: { 'earthquake.intensityShift': 0 }, checkInvariants: i < 2 });
      const shaken = events.filter((e) => e.kind === 'facility.shaken' && e.facility === spec.facility);
      expect(shaken).toHaveLength(1);
      const pgaG = (shaken[0] as SimEvent & { pgaMs2: number }).pgaMs2 / 9.80665;
      for (const tank of [spec, ...spec.also]) {
        // The tank's own stream, first draw: the same u the replication used.
        const u = new Simulation({ seed, replication: i }).stream(`hazchem.tank.${tank.id}`).random();
        const ds = damageState(tank.trigger.kind === 'shaken' ? tank.trigger.fragility : (undefined as never), pgaG, u);
        const r = hazchem.releases.find((x) => x.release.spec.id === tank.id)!.release;
        const released = events.find((e) => e.kind === 'hazchem.released' && (e as SimEvent & { release: string }).release === tank.id);
        if (ds >= 2) {
          fired++;
          expect(r.startedAt).toBe(shaken[0]!.t);
          expect(r.damageState).toBe(ds);
          expect(released).toBeDefined();
          if (ds < 5) expect(r.sourceRateKgS).toBeCloseTo(tank.sourceRateKgS * DAMAGE_RATE_SHARE[ds - 2]!, 12);
          else expect(r.instantaneous).toBe(true);
        } else {
          quiet++;
          expect(r.startedAt).toBe(Infinity);
          expect(released).toBeUndefined();
        }
      }
    }
    // The scenario sits where the fragility matters: both outcomes occur.
    expect(fired).toBeGreaterThan(0);
    expect(quiet).toBeGreaterThan(0);
  });

  it("scores both hazards' metrics and targets on one scorecard", async () => {
    const prepared = prepareScoreBatch(QUAKE, undefined, { seed: 'natech' });
    const { accumulator } = await runScoreBatch(new InProcessRunner(), prepared, { replications: 6, chunkSize: 3 });
    const card = accumulator.result();
    for (const m of ['trappedDeaths', 'deaths', 'hazchemReleasedKg', 'hazchemAboveAegl2', 'hazchemLeakMin']) expect(card.metrics[m as keyof typeof card.metrics]).toBeDefined();
    expect(card.targets.map((t) => t.metric)).toEqual(['trappedDeaths', 'responseTimeP90Min', 'hazchemLeakMin', 'hazchemAboveAegl2', 'hazchemDeaths']);
    for (const t of card.targets) expect(t.pMet).not.toBeNull();
    // The quake kills in every replication; some replications release, some do not.
    expect(card.metrics['deaths' as keyof typeof card.metrics]!.mean).toBeGreaterThan(0);
  });
});
