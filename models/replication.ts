import { Simulation } from '../engine/kernel/index.js';
import { RoadNetwork } from '../engine/network/road-network.js';
import type { MasterSeed } from '../engine/random/index.js';
import type { CompiledPlan } from './plan/compile.js';
import { PlanInterpreter, type ActionRecord } from './plan/interpreter.js';
import { EVACUATION } from './response/evacuation.js';
import { RELIEF as RELIEF_STOCK } from './response/relief.js';
import { SHELTERS } from './response/shelters.js';
import { WARNINGS } from './response/warning-module.js';
import type { CompiledScenario } from './scenario/compile.js';
import { sampleParameters, sampleZoneParameters, type ParameterValues } from './scenario/parameters.js';
import { installInjects } from './scenario/injects.js';
import type { ReplicationBreakdown } from './scoring/breakdown-types.js';
import type { Metrics } from './scoring/metrics.js';
import { EventBus, type SimEvent } from './world/events.js';
import { PeopleLedger } from './world/ledger.js';
import { PERSON_STATES } from './world/population.js';
import { World } from './world/world.js';
import { ZoneConditions } from './world/zones.js';

export interface ReplicationOptions {
  /** Receives every SimEvent (traces, drill timelines); without it no event list is kept. */
  trace?: (event: SimEvent) => void;
  /** Emit an 'observation' event and check conservation every this many minutes (tests). */
  observeEveryMin?: number;
  /** Check invariants at every observation (people conserved, stock never negative). */
  checkInvariants?: boolean;
  /** Pin parameters (sweeps, screening); names as in docs/parameters.md. */
  overrides?: Readonly<Record<string, number>>;
  /**
   * Called once the world is built, before the run: an observer that reads the world as events come
   * (drill timelines read gauge stages at the time of each event). It must only read.
   */
  instrument?: (world: World) => void;
}

/** Grid of the outcome curves: one point an hour from the start to the horizon. */
export const CURVE_STEP_MIN = 60;

/** Points of the curve grid for a horizon: t = k * CURVE_STEP_MIN for k = 0 .. floor(horizon / step). */
export function curvePoints(horizonMin: number): number {
  return Math.floor(horizonMin / CURVE_STEP_MIN) + 1;
}

/** How the response unfolded over time, on the CURVE_STEP_MIN grid (charts of evacuation and warning). */
export interface ReplicationCurves {
  /** People transferred so far (left under an order, or rescued): the `evacuated` metric as it grew. */
  evacuated: number[];
  /** Share of the people of the zones a hazard hits in this replication warned so far (1 if none is hit). */
  warnedShare: number[];
}

export interface ReplicationResult {
  index: number;
  metrics: Metrics;
  parameters: ParameterValues;
  curves: ReplicationCurves;
  levels: Array<{ level: string; t: number }>;
  actions: ActionRecord[];
  /** The outcome per county, shelter, team, reserve, incident type and plan clause. */
  breakdown: ReplicationBreakdown;
}

/**
 * One replication: a pure function of (scenario, plan, master seed, replication index). Builds the world
 * (kernel, bus, roads, people), installs the response modules and the scenario's hazards, starts the
 * plan, runs to the horizon and collects what the modules' observers computed.
 */
export function runReplication(
  scenario: CompiledScenario,
  plan: CompiledPlan,
  seed: MasterSeed,
  index: number,
  options: ReplicationOptions = {},
): ReplicationResult {
  const registry = scenario.registry;
  const sim = new Simulation({ seed, replication: index });
  const bus = new EventBus();
  if (options.trace !== undefined) bus.onAny(options.trace);
  const params = sampleParameters(sim, scenario.parameters, options.overrides, registry.parameters);
  const roads = new RoadNetwork(scenario.region.network, { csr: scenario.csr });
  const people = new PeopleLedger(sim, scenario.zones.map((z) => z.population));
  const zoneParams = sampleZoneParameters(sim, scenario.zoneParameters, scenario.zones.length);
  const world = new World(sim, bus, scenario, plan, params, roads, people, new ZoneConditions(scenario.zones.length), zoneParams);

  for (const m of registry.responses) m.install(world);
  const evacuation = world.get(EVACUATION);
  // The curve of people transferred is read on the hourly grid as the run goes (reading changes nothing).
  const points = curvePoints(scenario.horizonMin);
  const curves: ReplicationCurves = { evacuated: new Array<number>(points).fill(0), warnedShare: new Array<number>(points).fill(0) };
  const record = (k: number): void => {
    curves.evacuated[k] = evacuation.departedOrdered + people.rescued;
  };
  const lastInside = (points - 1) * CURVE_STEP_MIN < scenario.horizonMin ? points - 1 : points - 2;
  sim.process(function* () {
    for (let k = 0; k <= lastInside; k++) {
      if (k > 0) yield sim.timeout(CURVE_STEP_MIN);
      record(k);
    }
  }, 'curves');
  for (const h of scenario.hazards) h.module.install(world, h.compiled as never);
  installInjects(world);
  const command = new PlanInterpreter(world);
  command.start(scenario.horizonMin);
  if (options.observeEveryMin !== undefined && options.observeEveryMin > 0) observe(world, options.observeEveryMin, options.checkInvariants === true);

  options.instrument?.(world);
  sim.run({ until: scenario.horizonMin });
  if (options.checkInvariants === true) people.population.check();
  // run({ until }) stops before events due exactly at the horizon: the last grid point is read here.
  for (let k = lastInside + 1; k < points; k++) record(k);
  warnedShareCurve(world, curves.warnedShare);
  world.finish();
  clauseRows(world, command.actions);

  const metrics: Metrics = {};
  for (const m of plan.metrics) metrics[m.name] = m.compute(world);
  // Nothing reads this replication's routing any more: its partial trees' buffers go to the next one.
  roads.release();
  return { index, metrics, parameters: params, curves, levels: command.declarations, actions: command.actions, breakdown: world.breakdown };
}

/**
 * The warned share of the people of the zones a hazard hit, on the curve grid. Warnings only accumulate
 * and a channel's share at t depends on nothing after t, so the curve is read at the end, once the zones
 * hit are known, for any hazard.
 */
function warnedShareCurve(world: World, out: number[]): void {
  const warnings = world.get(WARNINGS);
  const hit = world.scenario.zones.filter((z) => world.zones.hitAt[z.index]! < Infinity);
  // Zones warned alike (one action covers many) share their curve: group their people by signature.
  const groups = new Map<string, { zone: number; population: number }>();
  let population = 0;
  for (const z of hit) {
    population += z.population;
    const key = warnings.signature(z.index);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { zone: z.index, population: z.population });
    else g.population += z.population;
  }
  for (let k = 0; k < out.length; k++) {
    const t = k * CURVE_STEP_MIN;
    let warned = 0;
    for (const g of groups.values()) warned += g.population * warnings.fraction(g.zone, t);
    out[k] = population > 0 ? warned / population : 1;
  }
}

/** One breakdown row per plan clause (also those that never started: their share of starting is 0). */
function clauseRows(world: World, actions: readonly ActionRecord[]): void {
  const started = new Map(actions.map((a) => [a.id, a]));
  for (const id of world.plan.actionIds) {
    const a = started.get(id);
    world.record('clause', id, 'started', a !== undefined ? 1 : 0);
    world.record('clause', id, 'completed', a?.completedAt != null ? 1 : 0);
    world.record('clause', id, 'onTime', a === undefined || a.onTime === null ? null : a.onTime ? 1 : 0);
    world.record('clause', id, 'startMin', a?.startedAt ?? null);
    world.record('clause', id, 'deadlineMin', a?.deadlineAt ?? null);
    world.record('clause', id, 'completedMin', a?.completedAt ?? null);
  }
}

/** Tests: an observation event (and the invariants) every `every` minutes. */
function observe(world: World, every: number, check: boolean): void {
  const { sim, people, bus } = world;
  sim.process(function* () {
    for (;;) {
      if (check) {
        people.population.check();
        const stock = world.find(RELIEF_STOCK);
        if (stock !== undefined && stock.minStock() < 0) throw new Error(`relief stock went negative at t=${sim.now}`);
        // Nobody lost or counted twice: every sheltered person is in exactly one shelter's count.
        const shelters = world.find(SHELTERS);
        if (shelters !== undefined) {
          shelters.check();
          const present = shelters.occupancy.reduce((a, b) => a + b, 0);
          if (present !== people.total('sheltered')) throw new Error(`shelters hold ${present} at t=${sim.now}, the ledger ${people.total('sheltered')} sheltered`);
        }
      }
      const totals = Object.fromEntries(PERSON_STATES.map((s) => [s, people.total(s)])) as Record<(typeof PERSON_STATES)[number], number>;
      bus.emit({ t: sim.now, kind: 'observation', ...totals });
      if (sim.now + every > world.scenario.horizonMin) return;
      yield sim.timeout(every);
    }
  }, 'observer');
}
