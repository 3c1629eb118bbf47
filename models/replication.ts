import { Simulation } from '../engine/kernel/index.js';
import { RoadNetwork } from '../engine/network/index.js';
import type { MasterSeed } from '../engine/random/index.js';
import type { Action, CompiledPlan } from './plan/compile.js';
import { PlanInterpreter, type ActionRecord } from './plan/interpreter.js';
import { Dispatch } from './response/dispatch.js';
import { Evacuation } from './response/evacuation.js';
import { Relief } from './response/relief.js';
import { Shelters } from './response/shelters.js';
import { LinkQueues } from './response/traffic.js';
import { Warnings } from './response/warning.js';
import type { CompiledScenario } from './scenario/compile.js';
import { sampleParameters, type ParameterValues } from './scenario/parameters.js';
import { quantileOrZero, type Metrics } from './scoring/metrics.js';
import { EventBus, type SimEvent } from './world/events.js';
import { FloodField } from './world/flood.js';
import { PeopleLedger } from './world/ledger.js';

export interface ReplicationOptions {
  /** Receives every SimEvent (traces, drill timelines); without it no event list is kept. */
  trace?: (event: SimEvent) => void;
  /** Emit an 'observation' event and check conservation every this many minutes (tests). */
  observeEveryMin?: number;
  /** Check invariants at every observation (people conserved, stock never negative). */
  checkInvariants?: boolean;
  /** Pin parameters (sweeps, screening); names as in models/scenario/parameters.ts. */
  overrides?: Readonly<Record<string, number>>;
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
  /** Share of the people of the zones that flood in this replication warned so far (1 if none floods). */
  warnedShare: number[];
}

export interface ReplicationResult {
  index: number;
  metrics: Metrics;
  parameters: ParameterValues;
  curves: ReplicationCurves;
  levels: Array<{ level: string; t: number }>;
  actions: Array<ActionRecord & { completedAt: number | null }>;
}

/**
 * One replication: a pure function of (scenario, plan, master seed, replication index). Builds the world,
 * lets the flood, the people and the plan play out over the horizon, and returns the metrics.
 */
export function runReplication(
  scenario: CompiledScenario,
  plan: CompiledPlan,
  seed: MasterSeed,
  index: number,
  options: ReplicationOptions = {},
): ReplicationResult {
  const sim = new Simulation({ seed, replication: index });
  const bus = new EventBus();
  if (options.trace !== undefined) bus.onAny(options.trace);
  const params = sampleParameters(sim, scenario.parameters, options.overrides);
  const roads = new RoadNetwork(scenario.region.network, { csr: scenario.csr });
  const people = new PeopleLedger(sim, scenario.zones.map((z) => z.population));
  const flood = new FloodField(sim, bus, scenario, params, roads, people);
  const warnings = new Warnings(scenario.zones.length, scenario.startLocalMinuteOfDay, params['warning.reachFactor']);
  const shelters = new Shelters(sim, bus, scenario);
  const traffic = new LinkQueues(roads);
  const evacuation = new Evacuation(sim, bus, scenario, params, roads, people, warnings, shelters, traffic);
  const dispatch = new Dispatch(sim, bus, scenario, plan, params, roads, people);
  const relief = new Relief(sim, bus, scenario, params, roads, shelters);
  shelters.beforeOccupancyChange = (s) => relief.beforeOccupancyChange(s);
  evacuation.onArrival = (s) => relief.arrived(s);

  // Hazard -> response couplings.
  bus.on('zone.cutOff', (e) => dispatch.cutOff(scenario.zoneIndex.get(e.zone)!));
  bus.on('zone.flooded', (e) => dispatch.stranded(scenario.zoneIndex.get(e.zone)!));
  bus.on('facility.flooded', (e) => dispatch.facilityFlooded(e.facility));

  const warnCompleted = new Map<string, number>();
  const execute = (action: Action): void => {
    switch (action.type) {
      case 'warn': {
        let last = sim.now;
        for (const name of action.channels) {
          const channel = scenario.channels.get(name)!;
          warnings.warn(action.zones, channel, sim.now);
          last = Math.max(last, sim.now + channel.activationMin);
          bus.emit({ t: sim.now, kind: 'warning.issued', channel: name, zones: action.zones.length, action: action.id });
        }
        warnCompleted.set(action.id, last);
        for (const z of action.zones) evacuation.warned(z);
        break;
      }
      case 'evacuate': {
        // Grid staff carry the order door to door where that channel exists.
        const door = scenario.channels.get('door-to-door');
        if (door !== undefined) warnings.warn(action.zones, door, sim.now);
        shelters.openForCounties(new Set(Array.from(action.zones, (z) => scenario.zones[z]!.county)));
        for (const z of action.zones) evacuation.order(z, action.id);
        break;
      }
      case 'openShelters':
        shelters.openForCounties(new Set(Array.from(action.zones, (z) => scenario.zones[z]!.county)));
        break;
      case 'mobilise':
        dispatch.mobilise(action.teams);
        break;
      case 'prePosition':
        dispatch.prePosition(action.teams, action.zones);
        break;
      case 'mutualAid':
        dispatch.requestMutualAid(action.from, action.share);
        break;
      case 'releaseStock':
        relief.release(action.tiers);
        break;
    }
  };
  const command = new PlanInterpreter(
    sim,
    bus,
    plan,
    {
      stageAt: (g, t) => flood.stageAt(g, t),
      forecastAt: (g, t, lead) => flood.forecast(g, t, lead),
      zoneWetAt: (z, t) => flood.isWetAt(z, t),
      deathsAt: (t) => PeopleLedger.valueAt(people.deathLog, t),
      cutOffAt: (t) => PeopleLedger.valueAt(people.cutOffLog, t),
    },
    execute,
  );

  // Outcome curves: the state read on an hourly grid (reading changes nothing, so results are unaffected).
  const floodingZones = scenario.zones.filter((z) => flood.floodedAt[z.index]! < Infinity);
  const floodingPopulation = floodingZones.reduce((sum, z) => sum + z.population, 0);
  const points = curvePoints(scenario.horizonMin);
  const curves: ReplicationCurves = { evacuated: new Array<number>(points).fill(0), warnedShare: new Array<number>(points).fill(0) };
  const record = (k: number): void => {
    const t = k * CURVE_STEP_MIN;
    curves.evacuated[k] = evacuation.departedOrdered + dispatch.rescued;
    let warned = 0;
    for (const z of floodingZones) warned += z.population * warnings.fraction(z.index, t);
    curves.warnedShare[k] = floodingPopulation > 0 ? warned / floodingPopulation : 1;
  };
  const lastInside = (points - 1) * CURVE_STEP_MIN < scenario.horizonMin ? points - 1 : points - 2;
  sim.process(function* () {
    for (let k = 0; k <= lastInside; k++) {
      if (k > 0) yield sim.timeout(CURVE_STEP_MIN);
      record(k);
    }
  }, 'curves');

  flood.start();
  command.start(scenario.horizonMin);
  if (options.observeEveryMin !== undefined && options.observeEveryMin > 0) {
    const every = options.observeEveryMin;
    sim.process(function* () {
      for (;;) {
        if (options.checkInvariants === true) {
          people.population.check();
          if (relief.minStock() < 0) throw new Error(`relief stock went negative at t=${sim.now}`);
        }
        bus.emit({
          t: sim.now,
          kind: 'observation',
          home: people.total('home'),
          travelling: people.total('travelling'),
          sheltered: people.total('sheltered'),
          cutOff: people.total('cutOff'),
          rescued: people.total('rescued'),
          dead: people.total('dead'),
        });
        if (sim.now + every > scenario.horizonMin) return;
        yield sim.timeout(every);
      }
    }, 'observer');
  }
  sim.run({ until: scenario.horizonMin });
  if (options.checkInvariants === true) people.population.check();
  // run({ until }) stops before events due exactly at the horizon: the last grid point is read here.
  for (let k = lastInside + 1; k < points; k++) record(k);

  const horizon = scenario.horizonMin;
  const totalPopulation = scenario.zones.reduce((s, z) => s + z.population, 0);
  const deaths = people.total('dead');
  // The official count (19.68万 in 2020) is of people transferred: under orders or brought out by rescuers.
  const evacuated = evacuation.departedOrdered + dispatch.rescued;
  let atRisk = 0;
  let warnedInTime = 0;
  let affected = 0;
  for (const z of scenario.zones) {
    const at = flood.floodedAt[z.index]!;
    if (at < Infinity) {
      atRisk += z.population;
      warnedInTime += z.population * warnings.fraction(z.index, at);
      affected += z.population;
    } else {
      affected += z.population - people.get(z.index, 'home');
    }
  }
  const reliefTotals = relief.finish();
  let cutOffPeak = 0;
  for (const e of people.cutOffLog) cutOffPeak = Math.max(cutOffPeak, e.total);
  const metrics: Metrics = {
    deaths,
    injured: people.injured,
    exposedPersonHours: people.exposed.integral(horizon) / 60,
    evacuated,
    clearanceT95Min: evacuation.clearanceT95(),
    // Nobody at risk means nobody went unwarned.
    warningReachFraction: atRisk > 0 ? warnedInTime / atRisk : 1,
    responseTimeP50Min: quantileOrZero(dispatch.responseTimes, 0.5),
    responseTimeP90Min: quantileOrZero(dispatch.responseTimes, 0.9),
    unmetReliefPersonDays: reliefTotals.unmetPersonDays,
    shelterOverflowPersons: shelters.overflow,
    firstReliefHours: reliefTotals.firstReliefHours,
    cutOffPeak,
    rescued: dispatch.rescued,
    economicLossYuan: flood.lossYuan,
    deathsPerMillion: (deaths / totalPopulation) * 1e6,
    affectedPer100k: (affected / totalPopulation) * 1e5,
  };
  const actions = command.actions.map((a) => ({
    ...a,
    completedAt: a.type === 'warn' ? (warnCompleted.get(a.id) ?? null) : a.type === 'openShelters' || a.type === 'releaseStock' ? a.startedAt : null,
  }));
  return { index, metrics, parameters: params, curves, levels: command.declarations, actions };
}
