/**
 * Conservation at every observation (issue 4, Tests): every person is in exactly one state, relief stock
 * never goes negative, a team is never in two places. The replication checks its own ledger when
 * `checkInvariants` is on (and throws); these tests also check from the outside, through the trace only:
 * the observed state totals add up to the census population, agree with a ledger rebuilt from the
 * movement events, and the deliveries and dispatches in the trace respect stock and team exclusivity.
 */
import { describe, expect, it } from 'vitest';
import type { CompiledPlan } from '../../models/plan/compile.js';
import type { CompiledScenario } from '../../models/scenario/compile.js';
import type { SimEvent } from '../../models/world/events.js';
import {
  initialKits,
  LESHAN_ASSETS,
  LESHAN_POPULATION,
  leshan2020,
  ofKind,
  FIXTURES,
  TESTVALE_REGION,
  testvaleScenario,
  traced,
} from './helpers.js';
import { loadPlan } from '../../models/scenario/load.js';
import { RELIEF_ITEMS, reliefNorms } from '../../models/response/relief.js';
import { join } from 'node:path';

const OBSERVE_EVERY_MIN = 30;
const SEED = 20200818;
const INDICES = [0, 1, 2];

interface Checked {
  observations: number;
  deliveries: number;
  dispatches: number;
}

/**
 * Walk a trace in order, keeping a ledger of what the movement events say, and check every observation
 * against it. Events are published synchronously as the state changes, so the running tallies at an
 * observation are the state at that instant (ties in time are resolved by the trace order).
 */
function checkTrace(events: readonly SimEvent[], population: number, horizonMin: number): Checked {
  let travelling = 0;
  let sheltered = 0;
  let rescued = 0;
  let dead = 0;
  let observations = 0;
  let lastT = -Infinity;
  const openDispatch = new Map<string, string>();
  let dispatches = 0;
  for (const e of events) {
    // Events come in simulated-time order.
    expect(e.t, `${e.kind} at ${e.t} after an event at ${lastT}`).toBeGreaterThanOrEqual(lastT);
    lastT = e.t;
    switch (e.kind) {
      case 'evacuation.departed':
        expect(e.persons).toBeGreaterThan(0);
        travelling += e.persons;
        expect(e.arriveAt).toBeGreaterThanOrEqual(e.t);
        break;
      case 'evacuation.arrived':
        travelling -= e.persons;
        sheltered += e.persons;
        expect(travelling, `travelling went negative at ${e.t}`).toBeGreaterThanOrEqual(0);
        break;
      case 'zone.returned':
        // A zone cleared: its people left the shelters (and the rescuers' care) for home.
        sheltered -= e.fromShelters;
        rescued -= e.fromRescued;
        expect(sheltered, `sheltered went negative at ${e.t}`).toBeGreaterThanOrEqual(0);
        break;
      case 'rescue.trip':
        // Rescued people set off to a shelter (an evacuation.departed event of their own) or, with none
        // reachable, stay at the landing in the rescuers' care.
        expect(e.persons).toBeGreaterThanOrEqual(e.landed);
        expect(e.landed).toBeGreaterThanOrEqual(0);
        rescued += e.landed;
        break;
      case 'zone.casualties':
      case 'dike.failed':
        expect(e.deaths).toBeLessThanOrEqual(e.exposed);
        dead += e.deaths;
        break;
      case 'team.dispatched': {
        const open = openDispatch.get(e.team);
        expect(open, `team ${e.team} dispatched to ${e.incident} at ${e.t} while still on ${open}`).toBeUndefined();
        openDispatch.set(e.team, e.incident);
        dispatches++;
        break;
      }
      case 'team.arrived':
        expect(openDispatch.get(e.team), `team ${e.team} arrived at ${e.incident} at ${e.t}`).toBe(e.incident);
        break;
      case 'team.released':
        expect(openDispatch.get(e.team), `team ${e.team} released from ${e.incident} at ${e.t}`).toBe(e.incident);
        openDispatch.delete(e.team);
        break;
      case 'observation': {
        observations++;
        const states = [e.home, e.travelling, e.sheltered, e.cutOff, e.trapped, e.injured, e.hospital, e.rescued, e.dead];
        for (const n of states) {
          expect(Number.isInteger(n) && n >= 0, `a state count of ${n} at ${e.t}`).toBe(true);
        }
        expect(states.reduce((a, b) => a + b, 0), `people at t=${e.t}`).toBe(population);
        expect(e.travelling, `travelling at ${e.t}`).toBe(travelling);
        expect(e.sheltered, `sheltered at ${e.t}`).toBe(sheltered);
        expect(e.rescued, `rescued at ${e.t}`).toBe(rescued);
        expect(e.dead, `dead at ${e.t}`).toBe(dead);
        break;
      }
      default:
        break;
    }
  }
  expect(lastT).toBeLessThanOrEqual(horizonMin);
  return { observations, deliveries: ofKind(events, 'relief.delivered').length, dispatches };
}

/**
 * Items delivered from each reserve never exceed what it held at the start plus what was brought to it:
 * stock is allocated when an order is placed, so deliveries up to any time are bounded by the stock up to
 * then. Only the city reserve is resupplied (after the city releases its stock, the province sends each
 * item at its daily rate from `relief.resupplyLeadH` on); the bound allows that rate plus one batch ahead,
 * whatever the delivery cadence. Every delivery carries something.
 */
function checkStock(
  events: readonly SimEvent[],
  initial: ReadonlyMap<string, Readonly<Record<string, number>>>,
  cityReserves: ReadonlySet<string>,
  resupply: { cityReleasedAt: number; leadMin: number; perDay: Readonly<Record<string, number>> },
): void {
  const delivered = new Map<string, number>();
  for (const e of ofKind(events, 'relief.delivered')) {
    const items = Object.entries(e.items);
    expect(items.length, `empty delivery at ${e.t}`).toBeGreaterThan(0);
    expect(initial.has(e.reserve), `unknown reserve ${e.reserve}`).toBe(true);
    for (const [item, n] of items) {
      expect(n, `delivery of ${n} ${item} at ${e.t}`).toBeGreaterThan(0);
      const key = `${e.reserve}/${item}`;
      const total = (delivered.get(key) ?? 0) + n;
      delivered.set(key, total);
      let bound = initial.get(e.reserve)![item] ?? 0;
      const flowing = e.t - resupply.cityReleasedAt - resupply.leadMin;
      const perDay = resupply.perDay[item] ?? 0;
      if (cityReserves.has(e.reserve) && flowing >= 0) bound += (perDay * flowing) / 1440 + perDay / 4;
      // A tolerance for float sums only.
      expect(total, `${item} delivered from ${e.reserve} by t=${e.t}`).toBeLessThanOrEqual(bound + 1e-6);
    }
  }
}

/** When the plan released the city tier's stock (Infinity if it never did), from the trace. */
function cityReleasedAt(events: readonly SimEvent[], plan: CompiledPlan): number {
  const releasesCity = new Set<string>();
  for (const level of plan.levels) {
    for (const a of level.actions) if (a.type === 'releaseStock' && (a.data as string[]).includes('city')) releasesCity.add(a.id);
  }
  return ofKind(events, 'action.started').find((e) => releasesCity.has(e.action))?.t ?? Infinity;
}

function runChecked(scenario: CompiledScenario, plan: CompiledPlan, seed: number, index: number, population: number, kits: ReadonlyMap<string, Readonly<Record<string, number>>>) {
  const { result, events } = traced(scenario, plan, seed, index, { observeEveryMin: OBSERVE_EVERY_MIN, checkInvariants: true });
  const checked = checkTrace(events, population, scenario.horizonMin);
  const params = result.parameters as Readonly<Record<string, number>>;
  const cityReserves = new Set(scenario.region.assets.reserves.filter((r) => r.tier === 'city').map((r) => r.id));
  const { perDay, perPlace } = reliefNorms(params as Parameters<typeof reliefNorms>[0]);
  const rates: Record<string, number> = {};
  RELIEF_ITEMS.forEach((item, i) => {
    rates[item] = perDay[i]! * params['relief.resupplyPersonDaysPerDay']! + perPlace[i]! * params['relief.resupplyPlacesPerDay']!;
  });
  checkStock(events, kits, cityReserves, { cityReleasedAt: cityReleasedAt(events, plan), leadMin: (params['relief.resupplyLeadH'] ?? 0) * 60, perDay: rates });
  // One observation every 30 min from t = 0 until the horizon (the run stops at the horizon, so an
  // observation due exactly then is not made).
  expect(checked.observations).toBe(Math.ceil(scenario.horizonMin / OBSERVE_EVERY_MIN));
  // The scoring agrees with the trace: deaths and rescues are what the events say; `evacuated` counts
  // those who left under orders plus those brought out by boat (shadow evacuees excluded).
  const dead = [...ofKind(events, 'zone.casualties'), ...ofKind(events, 'dike.failed')].reduce((s, e) => s + e.deaths, 0);
  const rescued = ofKind(events, 'rescue.trip').reduce((s, e) => s + e.persons, 0);
  const ordered = ofKind(events, 'evacuation.departed')
    .filter((e) => !e.shadow && e.rescued !== true)
    .reduce((s, e) => s + e.persons, 0);
  // Rescued people go on to a shelter (departures marked rescued) unless they stayed at the landing.
  const rescuedToShelter = ofKind(events, 'evacuation.departed')
    .filter((e) => e.rescued === true)
    .reduce((s, e) => s + e.persons, 0);
  const landed = ofKind(events, 'rescue.trip').reduce((s, e) => s + e.landed, 0);
  expect(rescuedToShelter + landed).toBe(rescued);
  expect(result.metrics['deaths']!).toBe(dead);
  expect(result.metrics['rescued']!).toBe(rescued);
  expect(result.metrics['evacuatedOnOrder']!).toBe(ordered);
  expect(result.metrics['evacuated']!).toBe(ordered + rescued);
  return { result, events, checked };
}

describe('conservation on the 2020 scenario (every 30 min, both plans)', () => {
  const { scenario, plan, late } = leshan2020();
  const kits = initialKits(LESHAN_ASSETS);

  it('the region holds the census population', () => {
    expect(scenario.zones.reduce((s, z) => s + z.population, 0)).toBe(LESHAN_POPULATION);
  });

  for (const [name, p] of [
    ['on-time plan', plan],
    ['late plan', late],
  ] as const) {
    for (const index of INDICES) {
      it(`${name}, replication ${index}: people, stock and teams conserved at every observation`, () => {
        const { checked } = runChecked(scenario, p, SEED, index, LESHAN_POPULATION, kits);
        // The run exercised what is being checked.
        expect(checked.deliveries).toBeGreaterThan(0);
        expect(checked.dispatches).toBeGreaterThan(0);
      });
    }
  }
});

describe('conservation on the synthetic Testvale flood', () => {
  const scenario = testvaleScenario();
  const plan = loadPlan(join(FIXTURES, 'plans/basic.yaml'), scenario);
  const kits = initialKits(join(TESTVALE_REGION, 'assets.json'));
  const population = scenario.zones.reduce((s, z) => s + z.population, 0);

  it('holds for several seeds, with evacuation, cut-offs, rescues and relief all active', () => {
    expect(population).toBe(8300);
    for (const seed of [1, 2, 3]) {
      const { events } = runChecked(scenario, plan, seed, 0, population, kits);
      expect(ofKind(events, 'zone.cutOff').length).toBeGreaterThan(0);
      expect(ofKind(events, 'rescue.trip').length).toBeGreaterThan(0);
      expect(ofKind(events, 'evacuation.arrived').length).toBeGreaterThan(0);
    }
  });
});

describe('the outside checks can fail', () => {
  // Each check above must reject a trace that breaks what it guards: tamper with a real trace.
  const scenario = testvaleScenario();
  const plan = loadPlan(join(FIXTURES, 'plans/basic.yaml'), scenario);
  const { events } = traced(scenario, plan, 1, 0, { observeEveryMin: OBSERVE_EVERY_MIN });
  const population = 8300;

  it('accepts the untouched trace', () => {
    expect(() => checkTrace(events, population, scenario.horizonMin)).not.toThrow();
  });

  it('rejects an observation whose states do not add up', () => {
    const i = events.findIndex((e) => e.kind === 'observation' && e.t > 600);
    const bad = events.map((e, j) => (j === i && e.kind === 'observation' ? { ...e, home: e.home + 1 } : e));
    expect(() => checkTrace(bad, population, scenario.horizonMin)).toThrow(/people at t=/);
  });

  it('rejects a lost arrival (the ledger rebuilt from events disagrees)', () => {
    const i = events.findIndex((e) => e.kind === 'evacuation.arrived');
    expect(i).toBeGreaterThanOrEqual(0);
    const bad = events.filter((_, j) => j !== i);
    expect(() => checkTrace(bad, population, scenario.horizonMin)).toThrow(/travelling|sheltered/);
  });

  it('rejects a team dispatched while still on another incident', () => {
    const i = events.findIndex((e) => e.kind === 'team.dispatched');
    const bad = [...events.slice(0, i + 1), events[i]!, ...events.slice(i + 1)];
    expect(() => checkTrace(bad, population, scenario.horizonMin)).toThrow(/while still on/);
  });

  it('rejects deliveries beyond the stock', () => {
    const kits = initialKits(join(TESTVALE_REGION, 'assets.json'));
    const water = kits.get('reserve-hill')!['drinkingWater']!;
    const e = { t: 500, kind: 'relief.delivered', shelter: 'shelter-town', reserve: 'reserve-hill', items: { drinkingWater: water + 1 } } as const;
    expect(() => checkStock([e], kits, new Set(), { cityReleasedAt: Infinity, leadMin: 0, perDay: {} })).toThrow(/reserve-hill/);
  });
});
