/**
 * The chemical releases of one replication (docs/models/hazchem.md section 8): the weather drawn hourly with
 * persistence, each release started by its trigger and stopped by the hazchem team or an empty inventory, its
 * air carried as a segmented plume (each hour's emission keeps the wind and stability it left with), the
 * concentrations of all releases of one gas summed at every receptor before the toxic load, and the load of
 * every zone's people indoors (single-zone air exchange), outdoors, sheltering, getting ready to leave and in
 * their vehicles along the road out. At the end of each zone's exposure the probit gives deaths and the AEGL
 * loads the people needing care.
 */
import type { World } from '../../world/world.js';
import { WorldKey } from '../../world/world.js';
import { parameterView } from '../../scenario/parameter-info.js';
import { DENSE_GAS_THRESHOLD, denseGasCriterion, plumeConcentration, puffConcentration, puffSigmas, type Sigmas } from './dispersion.js';
import { DAMAGE_RATE_SHARE, type CompiledRelease, type TankFragility } from './compile.js';
import { HAZCHEM_PARAMETERS } from './parameters.js';
import { Release } from './release.js';
import { aegl60, ppmFromKgM3, type Substance } from './substances.js';
import { M_PER_DEG } from './threat-zones.js';
import { normalCdf } from '../../../engine/random/normal-cdf.js';
import { probability, probitOfLoad } from './toxic.js';
import { WARNINGS } from '../../response/warning-module.js';
import type { EvacueeDeparture } from '../../response/evacuation.js';
import { stepIndexAt, weatherSeries, WEATHER_STEP_MIN, type WeatherStep } from './weather.js';

/** Time step of the exposure, minutes: the cloud front crosses a 1 km zone in 8 min at 2 m/s. */
export const STEP_MIN = 1;
/** Joiners of an order within this window share one cohort (their state is averaged). */
const COHORT_MIN = 10;
/** Joiners move into cohorts in steps of at least this share of the zone (the warnings' long tail in few steps). */
const JOIN_STEP = 0.01;
/** Receptor height, m (breathing height). */
const RECEPTOR_M = 1.5;
/** Metres per degree of latitude; longitude scales with cos(latitude) (local equirectangular frame). */
/** Cells per side of a zone's receptor grid (GRID x GRID cells of zoneWidthM / GRID). */
export const GRID = 3;
const CELLS = GRID * GRID;

export type OrderMode = 'shelter' | 'evacuate';
export type { WeatherStep } from './weather.js';
/** The weather of a release as the older interface named it (one hour's step). */
export type ReleaseWeather = WeatherStep;

/** Evacuees of one zone who drove off in the same minute: one vehicle air state and one road load for all. */
export interface RoadGroup {
  zone: number;
  departAt: number;
  arriveAt: number;
  /** Route vertices (east, north, m) and the minutes from departure at which the group passes each. */
  east: Float64Array;
  north: Float64Array;
  minutes: Float64Array;
  /** Destination node (a road node outside the threat zone as estimated at departure). */
  destination: number;
  persons: number;
  /** Concentration inside the vehicles, ppm, and the load on the road so far, ppm^n min. */
  cVeh: number;
  load: number;
  /** Peak outdoor concentration met on the road, ppm. */
  peakPpm: number;
  /** Index of the route leg the group is on (the legs are walked in order). */
  leg: number;
  /** Moved by the evacuation module (a flood's evacuees passing the cloud), not by a protective order. */
  external: boolean;
  /** An external group's effects have been counted (on arrival). */
  settled: boolean;
}

/** People of a cell who followed an order at about the same time: one state for all of them. */
interface Cohort {
  mode: OrderMode;
  joinedAt: number;
  persons: number;
  cIn: number;
  load: number;
  /** Evacuating: the road group they drove off with (null before departure or when no way out was found). */
  road: RoadGroup | null;
  /** Evacuating: no road out (they stay indoors as usual). */
  stuck: boolean;
}

/** A cell of a zone's receptor grid: its people, their indoor air and their loads. */
interface Cell {
  /** Position, m east and north of the frame's origin. */
  east: number;
  north: number;
  persons: number;
  cIn: number;
  loadIn: number;
  loadOut: number;
  joinedShare: number;
  cohorts: Cohort[];
}

/** The zone's people as seen by the exposure model of one gas. */
export interface ZoneExposure {
  zone: number;
  east: number;
  north: number;
  cells: Cell[];
  /** Peak outdoor concentration over its cells, ppm. */
  peakPpm: number;
  /** Some release's air has reached it (or may: a segment's bound was not negligible). */
  reached: boolean;
  achPerH: number;
  decay: number;
  shelterDecay: number;
  /** Evacuees: minutes getting ready indoors, then outdoors loading and boarding, before driving off. */
  prepMin: number;
  boardMin: number;
  settled: boolean;
  /** Some home of the zone holds the gas; someone is getting ready, boarding or driving; the share joined. */
  indoors: boolean;
  moving: boolean;
  joined: number;
  /** Effects already counted at an earlier settlement (a later release may reopen the zone). */
  countedDeaths: number;
  countedAbove2: number;
  countedAbove3: number;
}

/** A protective order given to a zone: how, and when. */
export interface ZoneOrder {
  mode: OrderMode;
  at: number;
}

/**
 * The exposure to one gas: every release of that gas adds its concentration at a receptor before the toxic
 * load (the load is nonlinear in C, C^n, so doses of separate releases must not be added instead).
 */
export class Exposure {
  readonly runs: HazchemRun[] = [];
  readonly zones: ZoneExposure[] = [];
  readonly groups: RoadGroup[] = [];
  /** ppm^n min: the 60-min AEGL-2 and AEGL-3 as toxic loads. */
  readonly load2: number;
  readonly load3: number;
  constructor(readonly substance: Substance) {
    this.load2 = Math.pow(aegl60(substance, 2), substance.probit.n) * 60;
    this.load3 = Math.pow(aegl60(substance, 3), substance.probit.n) * 60;
  }
}

/**
 * The chemical releases of a replication, their weather and the protective orders the plan gave (shared by
 * every release entry of the scenario; the response modules reach it through HAZCHEM).
 */
export class Hazchem {
  readonly releases: HazchemRun[] = [];
  readonly exposures: Exposure[] = [];
  readonly orders = new Map<number, ZoneOrder>();
  /** The hourly weather from the first release's start to the horizon (empty before). */
  steps: WeatherStep[] = [];
  /** Origin of the local frame (the first installed release's site). */
  lat0 = NaN;
  lon0 = NaN;
  cosLat = 1;
  deaths = 0;
  aboveAegl2 = 0;
  aboveAegl3 = 0;
  private running = false;
  private world: World | null = null;
  private p: Readonly<Record<keyof typeof HAZCHEM_PARAMETERS, number>> | null = null;
  private readonly s: Sigmas = { y: 0, z: 0 };

  /** The release running at a facility, if any (the hazchem team's target). */
  activeAt(facility: string | null): HazchemRun | undefined {
    return this.releases.find((r) => r.release.spec.facility === facility && r.release.startedAt < Infinity);
  }

  /** Order zones to shelter in place or evacuate (the first order of a zone stands). */
  order(zones: ArrayLike<number>, mode: OrderMode, t: number): void {
    for (let i = 0; i < zones.length; i++) if (!this.orders.has(zones[i]!)) this.orders.set(zones[i]!, { mode, at: t });
  }

  releasedKg(t: number): number {
    return this.releases.reduce((s, r) => s + r.release.releasedKg(t), 0);
  }

  /** Position of a point in the frame, m east and north of the origin. */
  toFrame(lat: number, lon: number): [number, number] {
    return [(lon - this.lon0) * this.cosLat * M_PER_DEG, (lat - this.lat0) * M_PER_DEG];
  }

  /** The weather step in effect at t. */
  weatherAt(t: number): WeatherStep | null {
    return this.steps.length === 0 ? null : this.steps[stepIndexAt(this.steps, t)]!;
  }

  /** The run's world is known once a release is installed. */
  attach(world: World, spec: CompiledRelease): void {
    if (this.world !== null) return;
    this.world = world;
    this.p = parameterView(world.params, HAZCHEM_PARAMETERS);
    this.lat0 = spec.lat;
    this.lon0 = spec.lon;
    this.cosLat = Math.cos((spec.lat * Math.PI) / 180);
  }

  get params(): Readonly<Record<keyof typeof HAZCHEM_PARAMETERS, number>> {
    return this.p!;
  }

  /**
   * The weather series, drawn when the first release starts: the first hour from the parameters, the next
   * ones by persistence (docs/models/hazchem.md section 8.1) from the replication's 'hazchem.weather' stream.
   */
  ensureWeather(spec: CompiledRelease, t: number): void {
    if (this.steps.length > 0) return;
    const world = this.world!;
    const p = this.p!;
    const stream = world.sim.stream('hazchem.weather');
    this.steps = weatherSeries(
      {
        startMin: t,
        horizonMin: world.scenario.horizonMin,
        startLocalMinuteOfDay: world.scenario.startLocalMinuteOfDay,
        startIso: world.scenario.startIso,
        lat: spec.lat,
        lon: spec.lon,
        releaseHeightM: spec.releaseHeightM,
        terrain: spec.terrain,
        mixingHeightM: spec.mixingHeightM,
        u10: p['hazchem.windSpeed10mMs'],
        fromDeg: p['hazchem.windFromDeg'],
        cloudOctas: p['hazchem.cloudOctas'],
        dirSdDeg: p['hazchem.windDirChangeSdDeg'],
        speedSdLog: p['hazchem.windSpeedSdLog'],
        speedPersistence: p['hazchem.windSpeedPersistence'],
      },
      () => stream.normal(0, 1),
    );
  }

  /** The exposure of a gas, created with every zone's people on first use. */
  exposureOf(sub: Substance): Exposure {
    let ex = this.exposures.find((e) => e.substance.id === sub.id);
    if (ex !== undefined) return ex;
    ex = new Exposure(sub);
    const world = this.world!;
    const { scenario } = world;
    const lat = scenario.csr.graph.lat;
    const lon = scenario.csr.graph.lon;
    const width = this.p!['hazchem.zoneWidthM'];
    const cw = width / GRID;
    for (const z of scenario.zones) {
      const [east, north] = this.toFrame(lat[z.node]!, lon[z.node]!);
      const cells: Cell[] = [];
      for (let i = 0; i < GRID; i++) {
        for (let j = 0; j < GRID; j++) {
          const de = (i - (GRID - 1) / 2) * cw;
          const dn = (j - (GRID - 1) / 2) * cw;
          cells.push({ east: east + de, north: north + dn, persons: z.population / CELLS, cIn: 0, loadIn: 0, loadOut: 0, joinedShare: 0, cohorts: [] });
        }
      }
      const achPerH = this.usualAirExchange(z.index);
      const shelterAch = achPerH * this.p!['hazchem.shelterAirExchangeFactor'];
      ex.zones.push({
        zone: z.index,
        east,
        north,
        cells,
        peakPpm: 0,
        reached: false,
        achPerH,
        decay: Math.exp((-achPerH * STEP_MIN) / 60),
        shelterDecay: Math.exp((-shelterAch * STEP_MIN) / 60),
        prepMin: world.paramIn('hazchem.evacuationPrepMin', z.index),
        boardMin: world.paramIn('hazchem.evacuationBoardMin', z.index),
        settled: false,
        indoors: false,
        moving: false,
        joined: 0,
        countedDeaths: 0,
        countedAbove2: 0,
        countedAbove3: 0,
      });
    }
    this.exposures.push(ex);
    return ex;
  }

  /**
   * A zone's usual air exchange: the scenario's hazchem.airExchangePerH where it sets one (for this zone, or
   * city-wide), else the region's value for the zone, else the parameter's default.
   */
  private usualAirExchange(zone: number): number {
    const { scenario } = this.world!;
    const name = 'hazchem.airExchangePerH';
    const zonal = scenario.zoneParameters.some((zp) => name in zp.parameters && zp.zones.includes(zone));
    const region = scenario.region.zones.zones[zone]?.hazchem?.airExchangePerH;
    if (!zonal && !(name in scenario.parameters) && region !== undefined) return region;
    return this.world!.paramIn(name, zone);
  }

  /** Start the minute-by-minute exposure process unless it runs. */
  wake(): void {
    if (this.running) return;
    this.running = true;
    const self = this;
    const sim = this.world!.sim;
    sim.process(function* () {
      while (!self.step()) yield sim.timeout(STEP_MIN);
      self.running = false;
    }, 'hazchem');
  }

  /** Share of the people outdoors (by day; a tenth of it at night), from the first hour's weather. */
  outdoorShare(): number {
    return this.p!['hazchem.outdoorShare'] * (this.steps[0]?.night === false ? 1 : 0.1);
  }

  /** One step of every gas's exposure; true when nothing is left to follow. */
  private step(): boolean {
    const t = this.world!.sim.now;
    let live = false;
    for (const ex of this.exposures) {
      for (const r of ex.runs) {
        if (r.release.startedAt <= t && (r.release.active || r.release.instantaneous)) r.ensureSegment(t);
        // A puff has no segments to mark the zones it may reach: mark those it is near now.
        if (r.release.instantaneous && r.release.startedAt <= t) {
          for (const e of ex.zones) if (!e.reached) r.touches(e.zone, t);
          if (!ex.zones.every((e) => r.passed(e, t))) live = true;
        }
        if (r.release.active) live = true;
      }
      if (this.stepExposure(ex, t)) live = true;
    }
    return !live;
  }

  /** Outdoor concentration of a gas at a cell, summed over its releases, kg/m3. */
  private cellConcentration(ex: Exposure, z: number, c: number, cell: Cell, t: number): number {
    let sum = 0;
    for (const r of ex.runs) sum += r.concentrationAt(z, c, cell, t);
    return sum;
  }

  /** Point concentration of a gas (a vehicle), summed over its releases, kg/m3. */
  pointConcentration(ex: Exposure, east: number, north: number, t: number): number {
    let sum = 0;
    for (const r of ex.runs) sum += r.pointAt(east, north, t, this.s);
    return sum;
  }

  /** The step of one gas; true while something is left to follow. */
  private stepExposure(ex: Exposure, t: number): boolean {
    const world = this.world!;
    const sub = ex.substance;
    const n = sub.probit.n;
    const aegl2Ppm = aegl60(sub, 2);
    const vehDecay = Math.exp((-this.p!['hazchem.vehicleAirExchangePerH'] * STEP_MIN) / 60);
    let live = false;
    // Road groups first: where they are now, what they breathe in their vehicles.
    for (const g of ex.groups) {
      if (t >= g.arriveAt) {
        if (g.external && !g.settled) this.settleGroup(ex, g);
        continue;
      }
      live = true;
      const [east, north] = routePosition(g, t - g.departAt);
      const ppm = ppmFromKgM3(this.pointConcentration(ex, east, north, t), sub.molarMassGMol);
      if (ppm > g.peakPpm) g.peakPpm = ppm;
      g.load += (n === 1 ? g.cVeh : Math.pow(g.cVeh, n)) * STEP_MIN;
      g.cVeh = ppm + (g.cVeh - ppm) * vehDecay;
    }
    for (const e of ex.zones) {
      const ordered = this.orders.has(e.zone);
      if (!e.reached && !ordered) continue;
      if (e.settled) {
        if (!ex.runs.some((r) => r.reaches(e.zone, t))) continue;
        e.settled = false; // a later release reaches a zone already settled: follow it again
      }
      let touched = false;
      if (e.reached) for (const r of ex.runs) if (r.touches(e.zone, t)) touched = true;
      const joining = this.joiningShare(e, t);
      const newJoiners = joining >= e.joined + JOIN_STEP;
      if (!touched && !e.indoors && !e.moving && !newJoiners) {
        // Quiet: no air over the zone, clean homes, nobody on the move, nobody new joining: nothing changes
        // but whether the cloud has passed for good.
        if (ex.runs.every((r) => r.passed(e, t))) this.settle(ex, e);
        else live = true;
        continue;
      }
      if (newJoiners) e.joined = joining;
      const passed = ex.runs.every((r) => r.passed(e, t));
      let indoors = false;
      let moving = false;
      const mode = this.orders.get(e.zone)?.mode ?? 'shelter';
      let pending = false;
      for (let c = 0; c < e.cells.length; c++) {
        const cell = e.cells[c]!;
        const ppm = touched ? ppmFromKgM3(this.cellConcentration(ex, e.zone, c, cell, t), sub.molarMassGMol) : 0;
        if (ppm > e.peakPpm) e.peakPpm = ppm;
        if (ppm >= aegl2Ppm) world.zones.hit(e.zone, t);
        if (newJoiners) this.join(cell, joining, mode, t);
        // Loads over [t, t + dt) with the concentrations at t; indoors the exact single-zone update.
        const cOutN = n === 1 ? ppm : Math.pow(ppm, n);
        cell.loadOut += cOutN * STEP_MIN;
        cell.loadIn += (n === 1 ? cell.cIn : Math.pow(cell.cIn, n)) * STEP_MIN;
        cell.cIn = ppm + (cell.cIn - ppm) * e.decay;
        if (cell.cIn > 0) indoors = true;
        for (const h of cell.cohorts) {
          if (h.mode === 'evacuate') {
            if (h.road !== null) {
              if (t < h.road.arriveAt) pending = true;
              continue;
            }
            if (!h.stuck) moving = true;
            if (h.cIn > 0) indoors = true;
            const since = t - h.joinedAt;
            if (h.stuck || since < e.prepMin) {
              // Getting ready indoors (windows as usual), or no way out: the home's air.
              h.load += (n === 1 ? h.cIn : Math.pow(h.cIn, n)) * STEP_MIN;
              h.cIn = ppm + (h.cIn - ppm) * e.decay;
              if (!h.stuck) pending = true;
              continue;
            }
            if (since < e.prepMin + e.boardMin) {
              h.load += cOutN * STEP_MIN;
              pending = true;
              continue;
            }
            this.depart(ex, e, h, t, ppm);
            if (h.road !== null) pending = true;
            continue;
          }
          // Sheltering: windows shut until the cloud has passed, then the home is aired (C_in -> 0).
          if (passed) {
            h.cIn = 0;
            continue;
          }
          h.load += (n === 1 ? h.cIn : Math.pow(h.cIn, n)) * STEP_MIN;
          h.cIn = ppm + (h.cIn - ppm) * e.shelterDecay;
          if (h.cIn > 0) indoors = true;
        }
      }
      e.indoors = indoors;
      e.moving = moving || pending;
      if (passed && !pending) {
        // The cloud has gone for good: what is left indoors for people following no order decays as
        // C_in e^(-lambda s), a load of C_in^n (1 - e^(-n lambda T)) / (n lambda) until the horizon T away.
        const rest = world.scenario.horizonMin - t;
        const lam = e.achPerH / 60;
        for (const cell of e.cells) {
          if (cell.cIn > 0 && rest > 0) {
            cell.loadIn += lam > 0 ? (Math.pow(cell.cIn, n) * (1 - Math.exp(-n * lam * rest))) / (n * lam) : Math.pow(cell.cIn, n) * rest;
          }
          cell.cIn = 0;
          for (const h of cell.cohorts) if (h.mode === 'evacuate' && h.road === null) h.cIn = 0;
        }
        this.settle(ex, e);
      } else live = true;
    }
    return live;
  }

  /**
   * An evacuating cohort drives off: the fastest road from its zone's node (the open network: the closures of
   * the threat zone keep traffic out, not its people in) to the nearest node where the command's estimate of
   * every release of the gas is below AEGL-1; the cohort joins the zone's group leaving this minute.
   */
  private depart(ex: Exposure, e: ZoneExposure, h: Cohort, t: number, ppmHere: number): void {
    let g = ex.groups.find((x) => !x.external && x.zone === e.zone && x.departAt === t);
    if (g === undefined) {
      const route = this.routeOut(ex, e.zone, t);
      if (route === null) {
        h.stuck = true;
        return;
      }
      // Doors open as they board: the vehicles start with the outdoor air of the zone.
      g = { zone: e.zone, departAt: t, persons: 0, cVeh: ppmHere, load: 0, peakPpm: ppmHere, leg: 0, external: false, settled: false, ...route };
      ex.groups.push(g);
    }
    g.persons += h.persons;
    h.road = g;
  }

  private routeOut(ex: Exposure, zone: number, t: number): Pick<RoadGroup, 'east' | 'north' | 'minutes' | 'arriveAt' | 'destination'> | null {
    const world = this.world!;
    const { roads, scenario } = world;
    const graph = roads.csr.graph;
    const origin = scenario.zones[zone]!.node;
    const tree = roads.baseTree(origin, 'car');
    const safe = aegl60(ex.substance, 1);
    let best = -1;
    for (let v = 0; v < tree.dist.length; v++) {
      if (v === origin || !(tree.dist[v]! < Infinity)) continue;
      if (best >= 0 && tree.dist[v]! >= tree.dist[best]!) continue;
      const [east, north] = this.toFrame(graph.lat[v]!, graph.lon[v]!);
      let c = 0;
      for (const r of ex.runs) c += r.estimateAt(east, north, t, this.s);
      if (ppmFromKgM3(c, ex.substance.molarMassGMol) < safe) best = v;
    }
    if (best < 0) return null;
    const arcs: number[] = [];
    for (let v = best; v !== origin; v = graph.tails[tree.predArc[v]!]!) arcs.push(tree.predArc[v]!);
    arcs.reverse();
    const base = roads.csr.baseMinutes('car');
    const east = new Float64Array(arcs.length + 1);
    const north = new Float64Array(arcs.length + 1);
    const minutes = new Float64Array(arcs.length + 1);
    [east[0], north[0]] = this.toFrame(graph.lat[origin]!, graph.lon[origin]!);
    arcs.forEach((a, i) => {
      const head = graph.heads[a]!;
      [east[i + 1], north[i + 1]] = this.toFrame(graph.lat[head]!, graph.lon[head]!);
      minutes[i + 1] = minutes[i]! + base[a]!;
    });
    return { east, north, minutes, arriveAt: t + minutes[arcs.length]!, destination: best };
  }

  /**
   * Exposure hook of the evacuation module: a group setting off while a release of some gas runs (or its cloud
   * lasts) is followed along its planned road like the protective orders' evacuees, its minutes scaled to its
   * real arrival; on arrival its load is judged.
   */
  evacuees(d: EvacueeDeparture): void {
    if (this.world === null || d.arcs.length === 0 || !(d.persons > 0)) return;
    const t = d.departAt;
    const { roads } = this.world;
    const graph = roads.csr.graph;
    const base = roads.csr.baseMinutes('car');
    for (const ex of this.exposures) {
      if (!ex.runs.some((r) => r.release.startedAt <= t && (r.release.active || r.cloudClearAt() > t || r.release.instantaneous))) continue;
      const n = d.arcs.length;
      const east = new Float64Array(n + 1);
      const north = new Float64Array(n + 1);
      const minutes = new Float64Array(n + 1);
      const first = graph.tails[d.arcs[0]!]!;
      [east[0], north[0]] = this.toFrame(graph.lat[first]!, graph.lon[first]!);
      d.arcs.forEach((a, i) => {
        const head = graph.heads[a]!;
        [east[i + 1], north[i + 1]] = this.toFrame(graph.lat[head]!, graph.lon[head]!);
        minutes[i + 1] = minutes[i]! + base[a]!;
      });
      const total = minutes[n]!;
      const scale = total > 0 ? (d.arriveAt - t) / total : 0;
      for (let i = 0; i <= n; i++) minutes[i] = minutes[i]! * scale;
      const c0 = ppmFromKgM3(this.pointConcentration(ex, east[0]!, north[0]!, t), ex.substance.molarMassGMol);
      ex.groups.push({ zone: d.zone, departAt: t, arriveAt: d.arriveAt, east, north, minutes, destination: graph.heads[d.arcs[n - 1]!]!, persons: d.persons, cVeh: c0, load: 0, peakPpm: c0, leg: 0, external: true, settled: false });
    }
    this.wake();
  }

  /** An evacuation-module group has arrived: probit deaths and the AEGL loads of its people (in shelter now). */
  private settleGroup(ex: Exposure, g: RoadGroup): void {
    g.settled = true;
    if (!(g.load > 0)) return;
    const world = this.world!;
    const expected = g.persons * probability(probitOfLoad(ex.substance.probit, g.load));
    const above2 = g.load >= ex.load2 ? g.persons : 0;
    const above3 = g.load >= ex.load3 ? g.persons : 0;
    if (!(expected > 0) && above2 === 0) return;
    const u = world.sim.stream(`hazchem.effects.${ex.substance.id}`).random();
    const k = Math.floor(expected + u);
    // They reached shelter this minute (or are still being counted as travelling).
    let deaths = world.people.move(g.zone, 'sheltered', 'dead', k);
    if (deaths < k) deaths += world.people.move(g.zone, 'travelling', 'dead', k - deaths);
    const injured = Math.max(0, Math.round(above2) - deaths);
    world.people.injure(g.zone, injured);
    this.deaths += deaths;
    this.aboveAegl2 += above2;
    this.aboveAegl3 += above3;
    const zone = world.scenario.zones[g.zone]!;
    world.tally('county', zone.county, 'aboveAegl2', above2);
    world.bus.emit({ t: world.sim.now, kind: 'hazchem.exposed', zone: zone.id, aboveAegl2: Math.round(above2), injured, deaths, peakPpm: g.peakPpm });
  }

  /** The share of a zone's people warned and complying with its order by t (0 without an order). */
  private joiningShare(e: ZoneExposure, t: number): number {
    const order = this.orders.get(e.zone);
    if (order === undefined || t < order.at) return 0;
    const warnings = this.world!.find(WARNINGS);
    const warned = warnings === undefined ? 1 : warnings.fraction(e.zone, t);
    return Math.min(1, warned * this.world!.paramIn('hazchem.compliance', e.zone));
  }

  /** Move the newly warned and compliant people of a cell into a cohort. */
  private join(cell: Cell, share: number, mode: OrderMode, t: number): void {
    const joining = share - cell.joinedShare;
    if (!(joining > 0)) return;
    const persons = (joining / (1 - cell.joinedShare)) * cell.persons;
    cell.joinedShare = share;
    const outdoorShare = this.outdoorShare();
    const load = (1 - outdoorShare) * cell.loadIn + outdoorShare * cell.loadOut;
    const last = cell.cohorts[cell.cohorts.length - 1];
    if (last !== undefined && last.mode === mode && t - last.joinedAt < COHORT_MIN && last.road === null) {
      const total = last.persons + persons;
      last.cIn = (last.cIn * last.persons + cell.cIn * persons) / total;
      last.load = (last.load * last.persons + load * persons) / total;
      last.persons = total;
    } else {
      cell.cohorts.push({ mode, joinedAt: t, persons, cIn: cell.cIn, load, road: null, stuck: false });
    }
    cell.persons -= persons;
  }

  /** The effects of a zone's exposure: probit deaths and the people above AEGL-2 and AEGL-3 (beyond those counted). */
  private settle(ex: Exposure, e: ZoneExposure): void {
    e.settled = true;
    const world = this.world!;
    const p = ex.substance.probit;
    const outdoorShare = this.outdoorShare();
    let expectedDeaths = 0;
    let above2 = 0;
    let above3 = 0;
    const add = (persons: number, load: number): void => {
      if (!(persons > 0) || !(load > 0)) return;
      expectedDeaths += persons * probability(probitOfLoad(p, load));
      if (load >= ex.load2) above2 += persons;
      if (load >= ex.load3) above3 += persons;
    };
    for (const cell of e.cells) {
      add(cell.persons * (1 - outdoorShare), cell.loadIn);
      add(cell.persons * outdoorShare, cell.loadOut);
      for (const h of cell.cohorts) add(h.persons, h.load + (h.road?.load ?? 0));
    }
    const dExpected = expectedDeaths - e.countedDeaths;
    const d2 = Math.max(0, above2 - e.countedAbove2);
    const d3 = Math.max(0, above3 - e.countedAbove3);
    e.countedDeaths = Math.max(e.countedDeaths, expectedDeaths);
    e.countedAbove2 = Math.max(e.countedAbove2, above2);
    e.countedAbove3 = Math.max(e.countedAbove3, above3);
    if (!(dExpected > 0) && d2 === 0) return;
    const zone = world.scenario.zones[e.zone]!;
    // Whole people: deaths by stochastic rounding of their expectation; the others above AEGL-2 are injured.
    const u = world.sim.stream(`hazchem.effects.${ex.substance.id}`).random();
    const deaths = world.people.move(e.zone, 'home', 'dead', Math.floor(Math.max(0, dExpected) + u));
    const injured = Math.max(0, Math.round(d2) - deaths);
    world.people.injure(e.zone, injured);
    this.deaths += deaths;
    this.aboveAegl2 += d2;
    this.aboveAegl3 += d3;
    world.tally('county', zone.county, 'aboveAegl2', d2);
    world.bus.emit({ t: world.sim.now, kind: 'hazchem.exposed', zone: zone.id, aboveAegl2: Math.round(d2), injured, deaths, peakPpm: e.peakPpm });
  }

  /** At the horizon: zones still exposed are judged on their load so far. */
  settleAll(): void {
    for (const ex of this.exposures) {
      for (const e of ex.zones) if (!e.settled && (e.reached || this.orders.has(e.zone))) this.settle(ex, e);
      for (const g of ex.groups) if (g.external && !g.settled) this.settleGroup(ex, g);
    }
  }
}

export const HAZCHEM = new WorldKey<Hazchem>('hazchem');

/** The position (east, north) of a road group `since` minutes after departure (linear along each leg). */
export function routePosition(g: RoadGroup, since: number): [number, number] {
  const last = g.minutes.length - 1;
  if (since >= g.minutes[last]!) return [g.east[last]!, g.north[last]!];
  while (g.leg < last - 1 && since >= g.minutes[g.leg + 1]!) g.leg++;
  const i = g.leg;
  const span = g.minutes[i + 1]! - g.minutes[i]!;
  const f = span > 0 ? Math.min(1, Math.max(0, (since - g.minutes[i]!) / span)) : 1;
  return [g.east[i]! + f * (g.east[i + 1]! - g.east[i]!), g.north[i]! + f * (g.north[i + 1]! - g.north[i]!)];
}

/** One hour's emission of a continuous release: the cell-averaged plume per kg/s at every zone's cells. */
interface Segment {
  step: WeatherStep;
  /** Emission window of the hour, minutes. */
  from: number;
  to: number;
  /** Per zone: 1 when the segment's plume may reach it (bound above a hundredth of AEGL-1). */
  reach: Uint8Array;
  /** Per zone and cell: concentration per kg/s (kg/m3) and downwind distance (m). */
  perRate: Float64Array;
  x: Float64Array;
  /** Per zone: the nearest and farthest downwind distances of its cells (m), for the front's and tail's passage. */
  xMin: Float64Array;
  xMax: Float64Array;
}

export class HazchemRun {
  readonly release: Release;
  /** The release site in the service's frame, m. */
  siteEast = 0;
  siteNorth = 0;
  private readonly segments: Array<Segment | null> = [];
  private readonly p: Readonly<Record<keyof typeof HAZCHEM_PARAMETERS, number>>;
  private readonly s: Sigmas = { y: 0, z: 0 };
  private exposure: Exposure | null = null;
  /** Puff: centre (east, north) and distance travelled, advanced minute by minute with the hour's wind. */
  private puffEast = 0;
  private puffNorth = 0;
  private puffTravelled = 0;
  private puffAt = 0;

  constructor(
    private readonly world: World,
    spec: CompiledRelease,
    private readonly service: Hazchem,
  ) {
    this.release = new Release(spec);
    this.p = parameterView(world.params, HAZCHEM_PARAMETERS);
  }

  /** The weather at the release's start (null before it). */
  get weather(): WeatherStep | null {
    return this.release.startedAt < Infinity ? this.service.weatherAt(this.release.startedAt) : null;
  }

  /** The exposure of this release's gas (null before it starts). */
  get exposures(): ZoneExposure[] {
    return this.exposure?.zones ?? [];
  }

  /** Arm the trigger. */
  install(): void {
    const { world, release } = this;
    const spec = release.spec;
    const trig = spec.trigger;
    this.service.attach(world, spec);
    if (trig.kind === 'at') {
      const at = Math.max(0, trig.atMin + this.p['hazchem.startShiftMin']);
      world.sim.timeout(at).onProcessed(() => this.begin(1, false));
    } else if (trig.kind === 'flooded') {
      world.bus.on('facility.flooded', (e) => {
        if (e.facility === spec.facility && release.startedAt === Infinity) this.begin(1, false);
      });
    } else {
      const stream = world.sim.stream(`hazchem.tank.${spec.id}`);
      world.bus.on('facility.shaken', (e) => {
        if (e.facility !== spec.facility || release.startedAt < Infinity) return;
        const ds = damageState(trig.fragility, e.pgaMs2 / 9.80665, stream.random());
        if (ds < 2) return;
        release.damageState = ds;
        if (ds === 5) this.begin(1, true);
        else this.begin(DAMAGE_RATE_SHARE[ds - 2]!, false);
      });
    }
    release.onStop((t) => {
      world.bus.emit({ t, kind: 'hazchem.stopped', release: spec.id, facility: spec.facility, reason: release.stopReason ?? '', releasedKg: release.releasedKg(t) });
    });
  }

  private begin(rateShare: number, instantaneous: boolean): void {
    const { world, release, service } = this;
    const { sim, bus } = world;
    const spec = release.spec;
    service.ensureWeather(spec, sim.now);
    [this.siteEast, this.siteNorth] = service.toFrame(spec.lat, spec.lon);
    this.puffEast = this.siteEast;
    this.puffNorth = this.siteNorth;
    this.puffAt = sim.now;
    release.start(sim.now, rateShare, instantaneous);
    if (!instantaneous) sim.timeout(release.durationLimitMin).onProcessed(() => release.stop(sim.now, 'exhausted'));
    const ex = (this.exposure = service.exposureOf(spec.substance));
    ex.runs.push(this);
    this.ensureSegment(sim.now);
    const w = service.weatherAt(sim.now)!;
    bus.emit({
      t: sim.now,
      kind: 'hazchem.released',
      release: spec.id,
      facility: spec.facility,
      substance: spec.substance.id,
      rateKgS: release.gasRateKgS,
      instantaneous,
      stability: w.stability,
      windMs: w.u10,
      windFromDeg: w.fromDeg,
      denseGas: !instantaneous && denseGasCriterion(release.gasRateKgS, spec.substance.molarMassGMol / 1000, w.u) >= DENSE_GAS_THRESHOLD,
    });
    service.wake();
  }

  /**
   * The segment of the hour in effect at t (computed when its emission starts): each zone's cells in that
   * hour's wind frame and the plume averaged over each cell's crosswind width. Puffs: marks the zones the
   * puff may reach in that hour.
   */
  ensureSegment(t: number): void {
    const steps = this.service.steps;
    const k = stepIndexAt(steps, t);
    if (k < 0 || this.segments[k] != null) return;
    while (this.segments.length <= k) this.segments.push(null);
    const w = steps[k]!;
    const ex = this.exposure!;
    const spec = this.release.spec;
    const nz = ex.zones.length;
    const seg: Segment = {
      step: w,
      from: Math.max(w.fromMin, this.release.startedAt),
      to: Math.min(w.fromMin + WEATHER_STEP_MIN, this.release.stoppedAt),
      reach: new Uint8Array(nz),
      perRate: new Float64Array(this.release.instantaneous ? 0 : nz * CELLS),
      x: new Float64Array(this.release.instantaneous ? 0 : nz * CELLS),
      xMin: new Float64Array(nz),
      xMax: new Float64Array(nz),
    };
    this.segments[k] = seg;
    if (k === steps.length - 1) seg.to = this.release.stoppedAt;
    if (this.release.instantaneous) {
      // The puff is checked zone by zone as it moves (puffReach); nothing to precompute.
      return;
    }
    const width = this.p['hazchem.zoneWidthM'];
    const cw = width / GRID;
    const half = (width / 2) * Math.SQRT2;
    const negligible = aegl60(spec.substance, 1) * 0.01;
    const rate = this.release.gasRateKgS;
    const s = this.s;
    for (let zi = 0; zi < nz; zi++) {
      const z = ex.zones[zi]!;
      const de = z.east - this.siteEast;
      const dn = z.north - this.siteNorth;
      const xc = de * w.ex + dn * w.ey;
      const yc = de * w.ey - dn * w.ex;
      seg.xMin[zi] = Math.max(0, xc - half);
      seg.xMax[zi] = xc + half;
      if (xc + half <= 0) continue;
      // Bound over the zone: the centreline at its nearest downwind point (the largest), the crosswind factor
      // at its nearest side with the widest sigma of the zone (the largest factor).
      const bound0 = plumeConcentration(1, w.u, spec.releaseHeightM, Math.max(1, xc - half), 0, RECEPTOR_M, w.stability, spec.terrain, w.mixingHeightM, s);
      const off = Math.max(0, Math.abs(yc) - half);
      const sYFar = plumeSigmaY(xc + half, w, spec, s);
      const bound = bound0 * Math.exp((-off * off) / (2 * sYFar * sYFar));
      if (ppmFromKgM3(bound * rate, spec.substance.molarMassGMol) < negligible) continue;
      seg.reach[zi] = 1;
      z.reached = true;
      for (let c = 0; c < CELLS; c++) {
        const cell = z.cells[c]!;
        const ce = cell.east - this.siteEast;
        const cn = cell.north - this.siteNorth;
        const x = ce * w.ex + cn * w.ey;
        const y = ce * w.ey - cn * w.ex;
        seg.x[zi * CELLS + c] = x;
        const c0 = plumeConcentration(1, w.u, spec.releaseHeightM, x, 0, RECEPTOR_M, w.stability, spec.terrain, w.mixingHeightM, s);
        seg.perRate[zi * CELLS + c] = c0 > 0 ? zoneAverage(c0, y, s.y, cw) : 0;
      }
    }
  }

  /** Whether some segment's air is over the zone at t (between its front's and its tail's passage). */
  touches(zone: number, t: number): boolean {
    const r = this.release;
    if (r.startedAt > t) return false;
    if (r.instantaneous) return this.puffNear(zone, t);
    for (const seg of this.segments) {
      if (seg == null || seg.reach[zone] !== 1) continue;
      const u = seg.step.u * 60;
      if (t >= seg.from + seg.xMin[zone]! / u && t < Math.min(seg.to, r.stoppedAt) + seg.xMax[zone]! / u + STEP_MIN) return true;
    }
    return false;
  }

  /** Whether some segment of this release may still bring air to a zone at t. */
  reaches(zone: number, t: number): boolean {
    if (this.release.instantaneous) return this.puffNear(zone, t);
    for (const seg of this.segments) {
      if (seg === null || seg.reach[zone] !== 1) continue;
      if (t < Math.min(seg.to, this.release.stoppedAt) + seg.xMax[zone]! / seg.step.u / 60) return true;
    }
    return false;
  }

  /**
   * Outdoor concentration at a cell (zone index z, cell c) at t, kg/m3: the sum over the hourly segments of the
   * plume of the air that left the source x/u ago, if it left within the segment's hour while the release ran.
   */
  concentrationAt(z: number, c: number, cell: Cell, t: number): number {
    const r = this.release;
    if (r.startedAt > t) return 0;
    if (r.instantaneous) return this.puffAtCell(cell, t);
    let sum = 0;
    const stop = r.stoppedAt;
    const i = z * CELLS + c;
    for (let k = 0; k < this.segments.length; k++) {
      const seg = this.segments[k];
      if (seg == null || seg.reach[z] !== 1) continue;
      const u = seg.step.u * 60;
      if (t < seg.from + seg.xMin[z]! / u || t >= Math.min(seg.to, stop) + seg.xMax[z]! / u + STEP_MIN) continue;
      const x = seg.x[i]!;
      if (x <= 0) continue;
      const emitted = t - x / seg.step.u / 60;
      if (emitted >= seg.from && emitted < Math.min(seg.to, stop)) sum += r.gasRateKgS * seg.perRate[i]!;
    }
    return sum;
  }

  /** Point concentration (a vehicle on the road) at t, kg/m3: the same segments, not averaged over a cell. */
  pointAt(east: number, north: number, t: number, s: Sigmas): number {
    const r = this.release;
    if (r.startedAt > t) return 0;
    const spec = r.spec;
    if (r.instantaneous) return this.puffPoint(east, north, t, s);
    let sum = 0;
    for (const seg of this.segments) {
      if (seg == null) continue;
      const w = seg.step;
      const de = east - this.siteEast;
      const dn = north - this.siteNorth;
      const x = de * w.ex + dn * w.ey;
      if (x <= 0) continue;
      const emitted = t - x / w.u / 60;
      if (!(emitted >= seg.from && emitted < Math.min(seg.to, r.stoppedAt))) continue;
      const y = de * w.ey - dn * w.ex;
      sum += plumeConcentration(r.gasRateKgS, w.u, spec.releaseHeightM, x, y, RECEPTOR_M, w.stability, spec.terrain, w.mixingHeightM, s);
    }
    return sum;
  }

  /**
   * The command's estimate at a point now (where to send evacuees, which zones to order): the steady plume at
   * the current rate in the current hour's weather (ALOHA's threat zone); a puff where it is now.
   */
  estimateAt(east: number, north: number, t: number, s: Sigmas): number {
    const r = this.release;
    if (r.startedAt > t) return 0;
    if (r.instantaneous) return this.puffPoint(east, north, t, s);
    if (!r.active) return 0;
    const w = this.service.weatherAt(t)!;
    const spec = r.spec;
    const de = east - this.siteEast;
    const dn = north - this.siteNorth;
    return plumeConcentration(r.gasRateKgS, w.u, spec.releaseHeightM, de * w.ex + dn * w.ey, de * w.ey - dn * w.ex, RECEPTOR_M, w.stability, spec.terrain, w.mixingHeightM, s);
  }

  /** Advance the puff's centre to t with each minute's wind (the segments of a puff are its path's hours). */
  private advancePuff(t: number): void {
    while (this.puffAt < t) {
      const dt = Math.min(STEP_MIN, t - this.puffAt);
      const w = this.service.weatherAt(this.puffAt)!;
      const d = w.u * dt * 60;
      this.puffEast += w.ex * d;
      this.puffNorth += w.ey * d;
      this.puffTravelled += d;
      this.puffAt += dt;
    }
  }

  private puffPoint(east: number, north: number, t: number, s: Sigmas): number {
    this.advancePuff(t);
    const r = this.release;
    const spec = r.spec;
    const w = this.service.weatherAt(t)!;
    const tS = (t - r.startedAt) * 60;
    if (!(tS > 0) || !(this.puffTravelled > 0)) return 0;
    const de = east - this.puffEast;
    const dn = north - this.puffNorth;
    const along = de * w.ex + dn * w.ey;
    const across = de * w.ey - dn * w.ex;
    // puffConcentration puts the centre at u t: the mean speed over the path gives the distance travelled.
    return puffConcentration(spec.inventoryKg * spec.gasPerKg, this.puffTravelled / tS, spec.releaseHeightM, this.puffTravelled + along, across, RECEPTOR_M, tS, w.stability, w.mixingHeightM, s);
  }

  private puffAtCell(cell: Cell, t: number): number {
    this.advancePuff(t);
    const r = this.release;
    const spec = r.spec;
    const w = this.service.weatherAt(t)!;
    const tS = (t - r.startedAt) * 60;
    if (!(tS > 0) || !(this.puffTravelled > 0)) return 0;
    const de = cell.east - this.puffEast;
    const dn = cell.north - this.puffNorth;
    const along = de * w.ex + dn * w.ey;
    const across = de * w.ey - dn * w.ex;
    const c0 = puffConcentration(spec.inventoryKg * spec.gasPerKg, this.puffTravelled / tS, spec.releaseHeightM, this.puffTravelled + along, 0, RECEPTOR_M, tS, w.stability, w.mixingHeightM, this.s);
    return zoneAverage(c0, across, this.s.y, this.p['hazchem.zoneWidthM'] / GRID);
  }

  /** Whether the puff is within five of its sigmas (plus the zone's half-diagonal) of a zone at t. */
  private puffNear(zone: number, t: number): boolean {
    if (this.release.startedAt > t || this.exposure === null) return false;
    this.advancePuff(t);
    const z = this.exposure.zones[zone]!;
    const sy = Math.max(10, puffSigmas(Math.max(1, this.puffTravelled), this.service.weatherAt(t)!.stability, this.s).y);
    const d = Math.hypot(z.east - this.puffEast, z.north - this.puffNorth);
    const near = d < 5 * sy + (this.p['hazchem.zoneWidthM'] / 2) * Math.SQRT2;
    if (near) z.reached = true;
    return near;
  }

  /** Whether this release's air has passed a zone for good by t (so sheltering people may air their homes). */
  passed(e: ZoneExposure, t: number): boolean {
    const r = this.release;
    if (r.startedAt === Infinity) return true;
    if (r.stoppedAt === Infinity) return false;
    if (r.instantaneous) {
      if (this.puffNear(e.zone, t)) return false;
      // Gone past: travelled beyond the zone (its distance from the site) by four sigmas.
      const sy = Math.max(10, puffSigmas(Math.max(1, this.puffTravelled), this.service.weatherAt(t)!.stability, this.s).y);
      return this.puffTravelled > Math.hypot(e.east - this.siteEast, e.north - this.siteNorth) + 4 * sy || t >= this.world.scenario.horizonMin;
    }
    return !this.reaches(e.zone, t);
  }

  /** When the last air of this release will have crossed the farthest zone it reaches (Infinity while it runs). */
  cloudClearAt(): number {
    const r = this.release;
    if (r.stoppedAt === Infinity) return Infinity;
    let clear = r.stoppedAt;
    for (const seg of this.segments) {
      if (seg === null) continue;
      for (let zi = 0; zi < seg.reach.length; zi++) {
        if (seg.reach[zi] === 1) clear = Math.max(clear, Math.min(seg.to, r.stoppedAt) + seg.xMax[zi]! / seg.step.u / 60);
      }
    }
    return clear;
  }

  /**
   * The threat zone as the command estimates it now: zones where the plume at the current release rate in the
   * current hour's weather reaches the level's 60-min AEGL in some cell (ALOHA's default threat zones); for a
   * puff, where it has been seen. Empty before the release.
   */
  threatZones(level: 1 | 2 | 3): number[] {
    const r = this.release;
    const ex = this.exposure;
    if (ex === null || r.startedAt === Infinity) return [];
    const t = this.world.sim.now;
    const sub = r.spec.substance;
    const loc = aegl60(sub, level);
    const rate = r.gasRateKgS > 0 ? r.gasRateKgS : r.spec.sourceRateKgS * r.spec.gasPerKg;
    const k = stepIndexAt(this.service.steps, t);
    // The hour's segment exists while the release runs; after it stops the last one computed stands.
    let seg: Segment | null = null;
    for (let j = Math.min(k, this.segments.length - 1); j >= 0 && seg === null; j--) seg = this.segments[j] ?? null;
    const out: number[] = [];
    for (const e of ex.zones) {
      let c = e.peakPpm;
      if (!r.instantaneous && seg !== null && seg.reach[e.zone] === 1) {
        for (let cc = 0; cc < CELLS; cc++) c = Math.max(c, ppmFromKgM3(seg.perRate[e.zone * CELLS + cc]! * rate, sub.molarMassGMol));
      }
      if (c >= loc) out.push(e.zone);
    }
    return out;
  }
}

/** sigma_y of the plume at x in a step's weather (a bound's helper). */
function plumeSigmaY(x: number, w: WeatherStep, spec: CompiledRelease, s: Sigmas): number {
  plumeConcentration(1, w.u, spec.releaseHeightM, Math.max(1, x), 0, RECEPTOR_M, w.stability, spec.terrain, w.mixingHeightM, s);
  return s.y;
}

/**
 * The mean over a zone's crosswind width W of a Gaussian crosswind profile whose centreline value is c0: a zone
 * is an area, not its centre point, and a narrow stable plume must not hit or miss a whole town by its centre.
 * c0 sqrt(2 pi) sigma_y / W [Phi((y + W/2)/sigma_y) - Phi((y - W/2)/sigma_y)]; W = 0 gives the point value.
 */
export function zoneAverage(c0: number, y: number, sigmaY: number, width: number): number {
  if (c0 === 0) return 0;
  if (!(width > 0)) return c0 * Math.exp((-y * y) / (2 * sigmaY * sigmaY));
  const share = normalCdf((y + width / 2) / sigmaY) - normalCdf((y - width / 2) / sigmaY);
  return (c0 * Math.sqrt(2 * Math.PI) * sigmaY * share) / width;
}

/** The highest damage state (2..5; 0 none) a uniform draw u reaches, the exceedance curves made monotone. */
export function damageState(f: TankFragility, pgaG: number, u: number): number {
  if (!(pgaG > 0)) return 0;
  let ds = 0;
  let prev = 1;
  for (let k = 0; k < 4; k++) {
    const pk = Math.min(prev, normalCdf(Math.log(pgaG / f.medianG[k]!) / f.beta[k]!));
    if (u < pk) ds = k + 2;
    prev = pk;
  }
  return ds;
}

declare module '../../world/events.js' {
  interface SimEventMap {
    'hazchem.released': {
      release: string;
      facility: string;
      substance: string;
      rateKgS: number;
      instantaneous: boolean;
      stability: string;
      windMs: number;
      windFromDeg: number;
      /** Britter & McQuaid's criterion says dense-gas effects matter near the source (the plume is a screening estimate there). */
      denseGas: boolean;
    };
    'hazchem.stopped': { release: string; facility: string; reason: string; releasedKg: number };
    'hazchem.exposed': { zone: string; aboveAegl2: number; injured: number; deaths: number; peakPpm: number };
  }
}
