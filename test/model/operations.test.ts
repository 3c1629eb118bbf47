/**
 * Plausible operations (issue 11, item 7), each behaviour with a test that could fail:
 *   - a boat's round trip grows with the distance and the current (by hand), so a longer crossing or a
 *     stronger current brings people out later on the same seeds;
 *   - every boat of a team shuttles on its own: a team with more boats finishes sooner;
 *   - relief need follows the Sphere norms (by hand) and is everyone present in a shelter, all the time;
 *   - fewer loading bays never improves relief; a shelter opening later never improves anything;
 *   - people go home once their zone has stayed dry, and the shelters empty.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PairedSummary } from '../../engine/stats/index.js';
import { loadRegion } from '../../models/region/load.js';
import { runReplication } from '../../models/replication.js';
import { RELIEF_PARAMETERS } from '../../models/response/relief-parameters.js';
import { reliefNorms, RELIEF_ITEMS } from '../../models/response/relief.js';
import { boatRoundTripMin } from '../../models/response/water-rescue.js';
import { compileScenario } from '../../models/scenario/compile.js';
import { loadPlan } from '../../models/scenario/load.js';
import { sampleParameters } from '../../models/scenario/parameters.js';
import { Simulation } from '../../engine/kernel/index.js';
import { compileTestPlan, FIXTURES, leshan2020, ofKind, planDoc, TESTVALE_REGION, TESTVALE_SCENARIO, testvaleDoc, testvaleScenario, traced } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'drillsim-operations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TRIP = { speedKmh: 30, dockMin: 10, boardingMinPerPerson: 2 };

describe('boat round trips (docs/models/response.md section 7)', () => {
  it('by hand: 1.5 km against and with a 2 m/s current at 30 km/h, 10 min docking, 5 people at 2 min', () => {
    // Out at 30 - 7.2 = 22.8 km/h, back at 37.2 km/h: 60 (1.5/22.8 + 1.5/37.2) = 6.3666 min; + 10 + 10.
    const expected = 60 * (1.5 / 22.8 + 1.5 / 37.2) + 10 + 2 * 5;
    expect(boatRoundTripMin({ km: 1.5, currentMs: 2 }, 5, TRIP)).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(26.3666, 3);
  });

  it('longer distance and stronger current both lengthen the trip; a current never shortens it', () => {
    let last = 0;
    for (const km of [0.2, 0.5, 1, 2, 5]) {
      const t = boatRoundTripMin({ km, currentMs: 1 }, 4, TRIP);
      expect(t).toBeGreaterThan(last);
      last = t;
    }
    last = 0;
    for (const currentMs of [0, 0.5, 1, 2, 3, 5, 7]) {
      const t = boatRoundTripMin({ km: 1, currentMs }, 4, TRIP);
      expect(t).toBeGreaterThan(last);
      last = t;
    }
    // A current the boat cannot stem (here 27 km/h and more) leaves it 10 % headway, slowly: no shorter trip beyond.
    const stemmed = 60 * (1 / 3 + 1 / 57) + 10;
    for (const currentMs of [7.5, 30 / 3.6, 20]) expect(boatRoundTripMin({ km: 1, currentMs }, 0, TRIP)).toBeCloseTo(stemmed, 9);
    expect(stemmed).toBeGreaterThanOrEqual(boatRoundTripMin({ km: 1, currentMs: 7 }, 0, TRIP));
    expect(() => boatRoundTripMin({ km: 1, currentMs: -1 }, 1, TRIP)).toThrow(RangeError);
  });
});

/** Testvale with a plan that does nothing: the island is cut off and the riverside floods; boats bring everyone out. */
function idleRun(overrides: Record<string, number>, seed = 5, scenario = testvaleScenario()) {
  const idle = compileTestPlan(planDoc({ levels: [{ level: 'IV', when: { after: '10d' }, actions: [] }] }), scenario);
  return traced(scenario, idle, seed, 0, { overrides });
}

const lastTrip = (events: ReturnType<typeof idleRun>['events'], zone: string): number =>
  Math.max(...ofKind(events, 'rescue.trip').filter((e) => e.incident.includes(`:${zone}:`)).map((e) => e.t));


describe('boat rescues on paired seeds (Testvale, nobody ordered out)', () => {
  it('a stronger current brings the cut-off islanders out later', () => {
    // The island's access is a bridge over the river: its crossing meets the river current. The bridge
    // reopens at minute 1450 (the rest then walk out), so compare how many the boats had out by 1350.
    const outBy = (events: ReturnType<typeof idleRun>['events'], t: number) =>
      ofKind(events, 'rescue.trip')
        .filter((e) => e.incident.includes(':island:') && e.t <= t)
        .reduce((s, e) => s + e.persons, 0);
    for (const seed of [1, 2, 3]) {
      const slow = idleRun({ 'rescue.riverCurrentMs': 0.5 }, seed);
      const fast = idleRun({ 'rescue.riverCurrentMs': 6 }, seed);
      expect(outBy(fast.events, 1350), `seed ${seed}`).toBeLessThan(outBy(slow.events, 1350));
      // The first boatload lands later.
      const first = (r: typeof slow) => Math.min(...ofKind(r.events, 'rescue.trip').filter((e) => e.incident.includes(':island:')).map((e) => e.t));
      expect(first(fast), `seed ${seed}`).toBeGreaterThan(first(slow));
    }
  });

  it('a longer way to the people of a flooded zone brings them out later, and leaves more exposed', () => {
    for (const seed of [1, 2, 3]) {
      const near = idleRun({ 'rescue.floodedZoneKm': 0.5 }, seed);
      const far = idleRun({ 'rescue.floodedZoneKm': 4 }, seed);
      expect(lastTrip(far.events, 'riverside'), `seed ${seed}`).toBeGreaterThan(lastTrip(near.events, 'riverside'));
      expect(far.result.metrics['exposedPersonHours']!, `seed ${seed}`).toBeGreaterThan(near.result.metrics['exposedPersonHours']!);
    }
  });

  it('every boat of a team is a unit: trips are per boat, and more boats per team finish sooner', () => {
    const out = join(dir, 'more-boats');
    cpSync(TESTVALE_REGION, out, { recursive: true });
    const file = join(out, 'assets.json');
    const assets = JSON.parse(readFileSync(file, 'utf8')) as { teams: Array<{ id: string; equipment: { boats?: number } }> };
    for (const t of assets.teams) if (t.id === 'team-boat') t.equipment.boats = 8;
    writeFileSync(file, JSON.stringify(assets));
    const more = compileScenario(testvaleDoc(), loadRegion(out), TESTVALE_SCENARIO);
    for (const seed of [1, 2, 3]) {
      const two = idleRun({}, seed);
      const eight = idleRun({}, seed, more);
      // Nobody is lost: each run brings out everyone who was not killed, one boatload at a time.
      for (const r of [two, eight]) {
        const trips = ofKind(r.events, 'rescue.trip');
        // (A boat can land fewer than it took when people aboard were counted among the flood's dead.)
        expect(trips.every((e) => e.persons <= 6 && e.persons >= 0)).toBe(true);
        expect(trips.reduce((s, e) => s + e.persons, 0)).toBe(r.result.metrics['rescued']);
      }
      // team-boat's boats each made trips of their own.
      const boats = new Set(ofKind(eight.events, 'rescue.trip').filter((e) => e.team === 'team-boat').map((e) => e.boat));
      expect(boats.size, `seed ${seed}`).toBeGreaterThan(2);
      const done = (r: typeof two) => Math.max(...ofKind(r.events, 'rescue.trip').map((e) => e.t));
      expect(done(eight), `seed ${seed}`).toBeLessThan(done(two));
      expect(eight.result.metrics['exposedPersonHours']!, `seed ${seed}`).toBeLessThan(two.result.metrics['exposedPersonHours']!);
    }
  });
});

describe('relief norms (Sphere Handbook 2018) and relief need', () => {
  it('the default norms in the reserves’ units, by hand', () => {
    const sim = new Simulation({ seed: 1 });
    const p = sampleParameters(sim, {}, {}, RELIEF_PARAMETERS) as Parameters<typeof reliefNorms>[0];
    const { perDay, perPlace } = reliefNorms(p);
    const at = (a: Float64Array, item: string) => a[RELIEF_ITEMS.indexOf(item as (typeof RELIEF_ITEMS)[number])]!;
    // 7.5 L a day in cases of 12 x 0.55 L; 2,100 kcal in boxes of 2,100 kcal.
    expect(at(perDay, 'drinkingWater')).toBeCloseTo(7.5 / 6.6, 12);
    expect(at(perDay, 'instantFood')).toBe(1);
    // A quilt each, a folding bed for a quarter of the places, tents for the quarter of places outdoors at 3.5 m2 a person in 12 m2 tents.
    expect(at(perPlace, 'quilts')).toBe(1);
    expect(at(perPlace, 'foldingBeds')).toBe(0.25);
    expect(at(perPlace, 'tents')).toBeCloseTo((0.25 * 3.5) / 12, 12);
    for (const item of ['quilts', 'foldingBeds', 'tents']) expect(at(perDay, item)).toBe(0);
    // 15 L (the key indicator once a supply runs) is twice the cases.
    expect(reliefNorms({ ...p, 'relief.waterLPerPersonDay': 15 }).perDay[0]).toBeCloseTo(15 / 6.6, 12);
  });

  it('the need in shelters is everyone present, all the time: the integral of the arrivals and returns by hand', () => {
    const scenario = testvaleScenario();
    const plan = loadPlan(join(FIXTURES, 'plans/basic.yaml'), scenario);
    const { result, events } = traced(scenario, plan, 3, 0, { observeEveryMin: 60, checkInvariants: true });
    let present = 0;
    let lastT = 0;
    let personMin = 0;
    for (const e of events) {
      if (e.kind !== 'evacuation.arrived' && e.kind !== 'zone.returned') continue;
      personMin += present * (e.t - lastT);
      lastT = e.t;
      present += e.kind === 'evacuation.arrived' ? e.persons : -e.fromShelters;
    }
    personMin += present * (scenario.horizonMin - lastT);
    const needed = Object.values(result.breakdown.shelter).reduce((s, r) => s + (r['neededReliefPersonDays'] ?? 0), 0);
    expect(needed).toBeCloseTo(personMin / 1440, 6);
    expect(needed).toBeGreaterThan(0);
  });
});

describe('people go home when their zone has stayed dry', () => {
  const scenario = testvaleScenario();
  const plan = loadPlan(join(FIXTURES, 'plans/basic.yaml'), scenario);

  it('6 h after the last zone of the county dried, the evacuees leave the shelters; occupancy and need fall', () => {
    // Riverside, the last zone of county vale under water, dries when g1 falls below 104 m: minute 1600.
    const back = traced(scenario, plan, 3, 0, { overrides: { 'shelters.returnAfterDryH': 6 }, observeEveryMin: 60, checkInvariants: true });
    const stay = traced(scenario, plan, 3, 0, { overrides: { 'shelters.returnAfterDryH': 100 }, observeEveryMin: 60, checkInvariants: true });
    const returned = ofKind(back.events, 'zone.returned');
    expect(returned.length).toBeGreaterThan(0);
    // The zone clears at 1960; people still on the road then go home as they arrive.
    expect(returned[0]!.t).toBeCloseTo(1600 + 360, 6);
    for (const e of returned) expect(e.t).toBeGreaterThanOrEqual(1960 - 1e-6);
    const dry = ofKind(back.events, 'zone.dry').map((e) => e.t);
    expect(Math.max(...dry)).toBeCloseTo(1600, 6);
    // Everyone who was in a shelter then went home: the observations after show nobody sheltered.
    const after = ofKind(back.events, 'observation').filter((e) => e.t > 1960);
    expect(after.length).toBeGreaterThan(0);
    for (const o of after) expect(o.sheltered).toBe(0);
    const before = ofKind(back.events, 'observation').filter((e) => e.t < 1960 && e.t > 1000);
    expect(Math.max(...before.map((o) => o.sheltered))).toBeGreaterThan(0);
    const rows = (r: typeof back) => Object.values(r.result.breakdown.shelter);
    for (const row of rows(back)) expect(row['occupancyAtEnd']).toBe(0);
    expect(rows(stay).some((row) => row['occupancyAtEnd']! > 0)).toBe(true);
    const need = (r: typeof back) => rows(r).reduce((s, row) => s + row['neededReliefPersonDays']!, 0);
    expect(need(back)).toBeLessThan(need(stay));
    // The home count is back: returned people counted in the county rows.
    expect(Object.values(back.result.breakdown.county).reduce((s, r) => s + (r['returnedHome'] ?? 0), 0)).toBe(
      returned.reduce((s, e) => s + e.fromShelters + e.fromRescued, 0),
    );
  });

  it('a zone that floods again before the wait is over keeps its people away', () => {
    // Two humps above 104 m: (400, 600) and (900, 1100), 5 h apart: with 6 h to wait, nobody goes home
    // between them; they go home 6 h after the second.
    const humps = testvaleScenario((doc) => {
      const flood = doc.hazards[0] as unknown as { gauges: Record<string, { table: Array<[number, number]> }> };
      flood.gauges['g1']!.table = [
        [0, 100],
        [500, 105],
        [700, 100],
        [900, 105],
        [1100, 100],
        [2880, 100],
      ];
    });
    const r = traced(humps, loadPlan(join(FIXTURES, 'plans/basic.yaml'), humps), 3, 0, { overrides: { 'shelters.returnAfterDryH': 6 } });
    const lastDry = Math.max(...ofKind(r.events, 'zone.dry').map((e) => e.t));
    // The second hump falls from 105 m at 900 to 100 m at 1100: below 104 m at 940.
    expect(lastDry).toBeCloseTo(940, 6);
    const returned = ofKind(r.events, 'zone.returned');
    expect(returned.length).toBeGreaterThan(0);
    expect(returned[0]!.t).toBeCloseTo(lastDry + 360, 6);
    for (const e of returned) expect(e.t).toBeGreaterThanOrEqual(lastDry + 360 - 1e-6);
  });
});

/** Paired replications of the 8-18 flood, parameters pinned differently in B. */
function leshanPairs(n: number, a: Record<string, number>, b: Record<string, number>) {
  const { scenario, plan } = leshan2020();
  const out: Array<[Record<string, number>, Record<string, number>]> = [];
  for (let i = 0; i < n; i++) out.push([runReplication(scenario, plan, 2020, i, { overrides: a }).metrics, runReplication(scenario, plan, 2020, i, { overrides: b }).metrics]);
  return out;
}

describe('logistics and shelters on the 8-18 flood (paired seeds)', () => {
  it('a shelter opening later never improves anything', () => {
    for (const [a, b] of leshanPairs(6, { 'shelters.openingH': 1 }, { 'shelters.openingH': 8 })) {
      expect(b['reliefFillRate']!).toBeLessThanOrEqual(a['reliefFillRate']! + 1e-12);
      expect(b['unmetReliefPersonDays']!).toBeGreaterThanOrEqual(a['unmetReliefPersonDays']! - 1e-9);
      // Opening is when places are ready, not when people may come: who is safe and when is unchanged.
      for (const m of ['deaths', 'evacuated', 'exposedPersonHours', 'clearanceFromFirstOrderT95Min']) expect(b[m], m).toBe(a[m]);
    }
  });

  it('fewer loading bays never improve relief', () => {
    const one = { 'relief.cityBays': 1, 'relief.countyBays': 1, 'relief.townshipBays': 1 };
    const ps = leshanPairs(8, {}, one);
    const fill = new PairedSummary('higher-is-better');
    for (const [a, b] of ps) fill.add(a['reliefFillRate']!, b['reliefFillRate']!);
    const r = fill.result();
    expect(r.difference.mean!).toBeLessThan(0);
    expect(r.difference.ci95![1]).toBeLessThan(0);
    for (const [a, b] of ps) expect(b['unmetReliefPersonDays']!).toBeGreaterThan(a['unmetReliefPersonDays']! - 1);
  });
});
