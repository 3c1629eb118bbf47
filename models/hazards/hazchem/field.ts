/**
 * The chemical release in one replication (docs/models/hazchem.md section 8): weather drawn once, the release
 * started by its trigger and stopped by the hazchem team or an empty inventory, the outdoor concentration at
 * every zone each minute, and the toxic load of the zone's people indoors (single-zone air exchange), outdoors,
 * sheltering and evacuating. At the end of each zone's exposure the probit gives deaths and the AEGL-2 load
 * the people needing care.
 */
import type { World } from '../../world/world.js';
import { WorldKey } from '../../world/world.js';
import { parameterView } from '../../scenario/parameter-info.js';
import { DENSE_GAS_THRESHOLD, defaultMixingHeight, denseGasCriterion, plumeConcentration, puffConcentration, puffSigmas, type Sigmas } from './dispersion.js';
import { DAMAGE_RATE_SHARE, type CompiledRelease, type TankFragility } from './compile.js';
import { HAZCHEM_PARAMETERS } from './parameters.js';
import { Release } from './release.js';
import { netRadiationIndex, solarAltitudeDeg, turnerClass, windAt, type StabilityClass } from './stability.js';
import { aegl60, ppmFromKgM3 } from './substances.js';
import { normalCdf } from '../../../engine/random/normal-cdf.js';
import { probability, probitOfLoad } from './toxic.js';
import { WARNINGS } from '../../response/warning-module.js';

/** Time step of the exposure, minutes: the cloud front crosses a 1 km zone in 8 min at 2 m/s. */
export const STEP_MIN = 1;
/** Joiners of an order within this window share one cohort (their state is averaged). */
const COHORT_MIN = 10;
/** Receptor height, m (breathing height). */
const RECEPTOR_M = 1.5;
/** Metres per degree of latitude; longitude scales with cos(latitude) (local equirectangular frame). */
const M_PER_DEG = 111_195;

export type OrderMode = 'shelter' | 'evacuate';

/** The weather of a replication's release. */
export interface ReleaseWeather {
  u10: number;
  /** Wind at the release height, m/s. */
  u: number;
  fromDeg: number;
  cloudOctas: number;
  stability: StabilityClass;
  night: boolean;
  mixingHeightM: number;
}

/** People of a strip who followed an order at about the same time: one state for all of them. */
interface Cohort {
  mode: OrderMode;
  joinedAt: number;
  persons: number;
  cIn: number;
  load: number;
}

/**
 * A crosswind strip of a zone: a zone is an area, and a narrow stable plume crosses part of a town, so each
 * zone's people are spread evenly over STRIPS strips across its width, each with its own concentration.
 */
interface Strip {
  /** Crosswind distance of the strip's centre from the plume axis, m. */
  y: number;
  /** Outdoor concentration per kg/s of gas, kg/m3 (plume), averaged over the strip: fixed while the weather holds. */
  perRate: number;
  /** People following no order: indoor share at the usual air exchange, outdoor share in the open. */
  persons: number;
  cIn: number;
  loadIn: number;
  loadOut: number;
  /** Warned-and-compliant share already moved into cohorts. */
  joinedShare: number;
  cohorts: Cohort[];
}

/** The zone's people as seen by the exposure model. */
export interface ZoneExposure {
  zone: number;
  /** Downwind distance of the zone's centre from the release, m. */
  x: number;
  strips: Strip[];
  /** Peak outdoor concentration over its strips, ppm. */
  peakPpm: number;
  /** The plume never reaches it (continuous release, concentration below a hundredth of AEGL-1). */
  outside: boolean;
  /** Air changes per hour as homes are used, the indoor decay factor of one step, and the same sheltering. */
  achPerH: number;
  decay: number;
  shelterDecay: number;
  evacuationMin: number;
  settled: boolean;
}

/** Crosswind strips per zone. */
const STRIPS = 5;

/** A protective order given to a zone: how, and when. */
export interface ZoneOrder {
  mode: OrderMode;
  at: number;
}

/**
 * The chemical releases of a replication and the protective orders the plan gave (shared by every release
 * entry of the scenario; the response modules reach it through HAZCHEM).
 */
export class Hazchem {
  readonly releases: HazchemRun[] = [];
  readonly orders = new Map<number, ZoneOrder>();
  deaths = 0;
  aboveAegl2 = 0;
  aboveAegl3 = 0;

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
}

export const HAZCHEM = new WorldKey<Hazchem>('hazchem');

export class HazchemRun {
  readonly release: Release;
  weather: ReleaseWeather | null = null;
  readonly exposures: ZoneExposure[] = [];
  private readonly p: Readonly<Record<keyof typeof HAZCHEM_PARAMETERS, number>>;
  private readonly s: Sigmas = { y: 0, z: 0 };
  /** ppm^n min: the 60-min AEGL-2 and AEGL-3 as toxic loads. */
  readonly load2: number;
  readonly load3: number;
  private done = false;

  constructor(
    private readonly world: World,
    spec: CompiledRelease,
    private readonly service: Hazchem,
  ) {
    this.release = new Release(spec);
    this.p = parameterView(world.params, HAZCHEM_PARAMETERS);
    const sub = spec.substance;
    this.load2 = Math.pow(aegl60(sub, 2), sub.probit.n) * 60;
    this.load3 = Math.pow(aegl60(sub, 3), sub.probit.n) * 60;
  }

  /** Arm the trigger. */
  install(): void {
    const { world, release } = this;
    const spec = release.spec;
    const trig = spec.trigger;
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
    world.atEnd(() => this.settleAll());
  }

  /** The weather at the start: Turner's class from the sun's altitude and the cloud. */
  private drawWeather(t: number): ReleaseWeather {
    const { scenario } = this.world;
    const spec = this.release.spec;
    const localMin = (((scenario.startLocalMinuteOfDay + t) % 1440) + 1440) % 1440;
    const day = dayOfYear(scenario.startIso, t);
    // Local clock time at Leshan (UTC+8, 120 E) to local solar time: 4 min per degree of longitude.
    const solarHour = localMin / 60 + (spec.lon - 120) / 15;
    const altitude = solarAltitudeDeg(spec.lat, day, solarHour);
    const octas = this.p['hazchem.cloudOctas'];
    const u10 = this.p['hazchem.windSpeed10mMs'];
    const cls = turnerClass(u10, netRadiationIndex(altitude, (octas * 10) / 8, true));
    // The cloud of a ground release is tens of metres deep within a few hundred metres: it moves and dilutes
    // with the wind at 10 m at least, not the wind at 1 m (0.28 u10 in class F, below the ~1 m/s where Gaussian
    // models stop being reliable). Elevated releases use the power law to their height.
    const u = windAt(u10, 10, Math.max(10, spec.releaseHeightM), cls, spec.terrain);
    return {
      u10,
      u,
      fromDeg: this.p['hazchem.windFromDeg'],
      cloudOctas: octas,
      stability: cls,
      night: altitude <= 0,
      mixingHeightM: spec.mixingHeightM ?? defaultMixingHeight(u10, cls, spec.lat),
    };
  }

  private begin(rateShare: number, instantaneous: boolean): void {
    const { world, release } = this;
    const { sim, bus, scenario } = world;
    const spec = release.spec;
    const w = (this.weather = this.drawWeather(sim.now));
    release.start(sim.now, rateShare, instantaneous);
    if (!instantaneous) {
      sim.timeout(release.durationLimitMin).onProcessed(() => release.stop(sim.now, 'exhausted'));
    }
    // Zone geometry in the wind's frame: x along the wind, y across it.
    const toRad = Math.PI / 180;
    const ex = -Math.sin(w.fromDeg * toRad);
    const ey = -Math.cos(w.fromDeg * toRad);
    const cosLat = Math.cos(spec.lat * toRad);
    const lat = scenario.csr.graph.lat;
    const lon = scenario.csr.graph.lon;
    const width = this.p['hazchem.zoneWidthM'];
    const stripWidth = width / STRIPS;
    const sub = spec.substance;
    // Below a hundredth of AEGL-1 a zone is left out: its load could never approach AEGL-2 (22 ppm for an hour for HCl).
    const negligible = aegl60(sub, 1) * 0.01;
    for (const z of scenario.zones) {
      const east = (lon[z.node]! - spec.lon) * cosLat * M_PER_DEG;
      const north = (lat[z.node]! - spec.lat) * M_PER_DEG;
      const x = east * ex + north * ey;
      const y = east * ey - north * ex;
      const centre = plumeConcentration(1, w.u, spec.releaseHeightM, x, 0, RECEPTOR_M, w.stability, spec.terrain, w.mixingHeightM, this.s);
      const strips: Strip[] = [];
      let reach = 0;
      for (let k = 0; k < STRIPS; k++) {
        const yk = y + (k - (STRIPS - 1) / 2) * stripWidth;
        const perRate = zoneAverage(centre, yk, this.s.y, stripWidth);
        reach = Math.max(reach, perRate);
        strips.push({ y: yk, perRate, persons: z.population / STRIPS, cIn: 0, loadIn: 0, loadOut: 0, joinedShare: 0, cohorts: [] });
      }
      const outside = !instantaneous && ppmFromKgM3(reach * release.gasRateKgS, sub.molarMassGMol) < negligible;
      const achPerH = this.usualAirExchange(z.index);
      const shelterAch = achPerH * this.p['hazchem.shelterAirExchangeFactor'];
      this.exposures.push({
        zone: z.index,
        x,
        strips,
        peakPpm: 0,
        outside,
        settled: false,
        achPerH,
        decay: Math.exp((-achPerH * STEP_MIN) / 60),
        shelterDecay: Math.exp((-shelterAch * STEP_MIN) / 60),
        evacuationMin: world.paramIn('hazchem.evacuationExposureMin', z.index),
      });
    }
    bus.emit({
      t: sim.now,
      kind: 'hazchem.released',
      release: spec.id,
      facility: spec.facility,
      substance: sub.id,
      rateKgS: release.gasRateKgS,
      instantaneous,
      stability: w.stability,
      windMs: w.u10,
      windFromDeg: w.fromDeg,
      denseGas: !instantaneous && denseGasCriterion(release.gasRateKgS, sub.molarMassGMol / 1000, w.u) >= DENSE_GAS_THRESHOLD,
    });
    const self = this;
    sim.process(function* () {
      while (!self.step()) yield sim.timeout(STEP_MIN);
    }, 'hazchem');
  }

  /**
   * A zone's usual air exchange: the scenario's hazchem.airExchangePerH where it sets one (for this zone, or
   * city-wide), else the region's value for the zone, else the parameter's default.
   */
  private usualAirExchange(zone: number): number {
    const { scenario } = this.world;
    const name = 'hazchem.airExchangePerH';
    const zonal = scenario.zoneParameters.some((zp) => name in zp.parameters && zp.zones.includes(zone));
    const region = scenario.region.zones.zones[zone]?.hazchem?.airExchangePerH;
    if (!zonal && !(name in scenario.parameters) && region !== undefined) return region;
    return this.world.paramIn(name, zone);
  }

  /** Outdoor concentration at a strip of a zone at time t, kg/m3. */
  concentrationAt(e: ZoneExposure, strip: Strip, t: number): number {
    const r = this.release;
    const w = this.weather!;
    if (r.instantaneous) {
      const dtS = (t - r.startedAt) * 60;
      const centre = puffConcentration(r.spec.inventoryKg * r.spec.gasPerKg, w.u, r.spec.releaseHeightM, e.x, 0, RECEPTOR_M, dtS, w.stability, w.mixingHeightM, this.s);
      return zoneAverage(centre, strip.y, this.s.y, this.p['hazchem.zoneWidthM'] / STRIPS);
    }
    if (e.x <= 0 || strip.perRate === 0) return 0;
    // The plume front and tail travel with the wind: the air at the zone left the source x/u ago.
    const emitted = t - e.x / w.u / 60;
    return emitted >= r.startedAt && emitted < r.stoppedAt ? r.gasRateKgS * strip.perRate : 0;
  }

  /** Whether the cloud has passed the zone for good (so sheltering people may air their homes). */
  private passed(e: ZoneExposure, t: number): boolean {
    const r = this.release;
    if (r.stoppedAt === Infinity) return false;
    if (r.instantaneous) {
      // Four along-wind sigmas past the zone (sigma at the zone's distance).
      const travelled = (t - r.startedAt) * 60 * this.weather!.u;
      return travelled > e.x + 4 * Math.max(10, puffSigmas(Math.max(1, e.x), this.weather!.stability, this.s).y);
    }
    return e.x <= 0 || t >= r.stoppedAt + e.x / this.weather!.u / 60;
  }

  /** One step of every zone's exposure; true when nothing is left to follow. */
  private step(): boolean {
    const { world, release } = this;
    const t = world.sim.now;
    const sub = release.spec.substance;
    const n = sub.probit.n;
    const aegl2Ppm = aegl60(sub, 2);
    let live = false;
    for (const e of this.exposures) {
      if (e.settled) continue;
      if (e.outside) {
        // Never reached: nothing to follow, and nobody is harmed there.
        e.settled = true;
        continue;
      }
      const passed = this.passed(e, t);
      const joining = this.joiningShare(e, t);
      const mode = this.service.orders.get(e.zone)?.mode ?? 'shelter';
      const decay = e.decay;
      for (const strip of e.strips) {
        const ppm = ppmFromKgM3(this.concentrationAt(e, strip, t), sub.molarMassGMol);
        if (ppm > e.peakPpm) e.peakPpm = ppm;
        if (ppm >= aegl2Ppm) world.zones.hit(e.zone, t);
        if (joining > 0) this.join(strip, joining, mode, t);
        // Loads over [t, t + dt) with the concentrations at t; indoors the exact single-zone update.
        const cOutN = n === 1 ? ppm : Math.pow(ppm, n);
        strip.loadOut += cOutN * STEP_MIN;
        strip.loadIn += (n === 1 ? strip.cIn : Math.pow(strip.cIn, n)) * STEP_MIN;
        strip.cIn = ppm + (strip.cIn - ppm) * decay;
        for (const c of strip.cohorts) {
          if (c.mode === 'evacuate') {
            if (t < c.joinedAt + e.evacuationMin) c.load += cOutN * STEP_MIN;
            continue;
          }
          // Sheltering: windows shut until the cloud has passed, then the home is aired (C_in -> 0).
          if (passed) {
            c.cIn = 0;
            continue;
          }
          c.load += (n === 1 ? c.cIn : Math.pow(c.cIn, n)) * STEP_MIN;
          c.cIn = ppm + (c.cIn - ppm) * e.shelterDecay;
        }
      }
      if (passed) {
        // The cloud has gone for good: what is left indoors for people following no order decays as
        // C_in e^(-lambda s), a load of C_in^n (1 - e^(-n lambda T)) / (n lambda) until the horizon T away.
        const rest = world.scenario.horizonMin - t;
        const lam = e.achPerH / 60;
        for (const strip of e.strips) {
          if (strip.cIn > 0 && rest > 0) {
            strip.loadIn += lam > 0 ? (Math.pow(strip.cIn, n) * (1 - Math.exp(-n * lam * rest))) / (n * lam) : Math.pow(strip.cIn, n) * rest;
          }
          strip.cIn = 0;
        }
        this.settle(e);
      } else live = true;
    }
    return !live;
  }

  /** The share of a zone's people warned and complying with its order by t (0 without an order). */
  private joiningShare(e: ZoneExposure, t: number): number {
    const order = this.service.orders.get(e.zone);
    if (order === undefined || t < order.at) return 0;
    const warnings = this.world.find(WARNINGS);
    const warned = warnings === undefined ? 1 : warnings.fraction(e.zone, t);
    return Math.min(1, warned * this.world.paramIn('hazchem.compliance', e.zone));
  }

  /** Move the newly warned and compliant people of a strip into a cohort. */
  private join(strip: Strip, share: number, mode: OrderMode, t: number): void {
    const joining = share - strip.joinedShare;
    if (!(joining > 0)) return;
    const persons = (joining / (1 - strip.joinedShare)) * strip.persons;
    strip.joinedShare = share;
    const outdoorShare = this.outdoorShare();
    const load = (1 - outdoorShare) * strip.loadIn + outdoorShare * strip.loadOut;
    const last = strip.cohorts[strip.cohorts.length - 1];
    if (last !== undefined && last.mode === mode && t - last.joinedAt < COHORT_MIN) {
      const total = last.persons + persons;
      last.cIn = (last.cIn * last.persons + strip.cIn * persons) / total;
      last.load = (last.load * last.persons + load * persons) / total;
      last.persons = total;
    } else {
      strip.cohorts.push({ mode, joinedAt: t, persons, cIn: strip.cIn, load });
    }
    strip.persons -= persons;
  }

  private outdoorShare(): number {
    return this.p['hazchem.outdoorShare'] * (this.weather!.night ? 0.1 : 1);
  }

  /** The effects of a zone's exposure: probit deaths and the people above AEGL-2 and AEGL-3. */
  private settle(e: ZoneExposure): void {
    e.settled = true;
    const { world, release } = this;
    const p = release.spec.substance.probit;
    const outdoorShare = this.outdoorShare();
    let expectedDeaths = 0;
    let above2 = 0;
    let above3 = 0;
    const add = (persons: number, load: number): void => {
      expectedDeaths += persons * probability(probitOfLoad(p, load));
      if (load >= this.load2) above2 += persons;
      if (load >= this.load3) above3 += persons;
    };
    for (const strip of e.strips) {
      add(strip.persons * (1 - outdoorShare), strip.loadIn);
      add(strip.persons * outdoorShare, strip.loadOut);
      for (const c of strip.cohorts) add(c.persons, c.load);
    }
    if (expectedDeaths === 0 && above2 === 0) return;
    const zone = world.scenario.zones[e.zone]!;
    // Whole people: deaths by stochastic rounding of their expectation; the others above AEGL-2 are injured.
    const u = world.sim.stream(`hazchem.effects.${release.spec.id}`).random();
    const deaths = world.people.move(e.zone, 'home', 'dead', Math.floor(expectedDeaths + u));
    const injured = Math.max(0, Math.round(above2) - deaths);
    world.people.injure(e.zone, injured);
    this.service.deaths += deaths;
    this.service.aboveAegl2 += above2;
    this.service.aboveAegl3 += above3;
    world.tally('county', zone.county, 'aboveAegl2', above2);
    world.bus.emit({ t: world.sim.now, kind: 'hazchem.exposed', zone: zone.id, aboveAegl2: Math.round(above2), injured, deaths, peakPpm: e.peakPpm });
  }

  /** At the horizon: zones still exposed are judged on their load so far. */
  private settleAll(): void {
    if (this.done || this.weather === null) return;
    this.done = true;
    for (const e of this.exposures) if (!e.settled) this.settle(e);
  }

  /**
   * The threat zone as the command estimates it now: zones where the plume at the current release rate reaches
   * the level's 60-min AEGL in some strip (ALOHA's default threat zones); for a puff, where it has been seen.
   * Empty before the release.
   */
  threatZones(level: 1 | 2 | 3): number[] {
    const r = this.release;
    if (this.weather === null) return [];
    const sub = r.spec.substance;
    const loc = aegl60(sub, level);
    const rate = r.gasRateKgS > 0 ? r.gasRateKgS : r.spec.sourceRateKgS * r.spec.gasPerKg;
    const out: number[] = [];
    for (const e of this.exposures) {
      let c = e.peakPpm;
      if (!r.instantaneous) for (const s of e.strips) c = Math.max(c, ppmFromKgM3(s.perRate * rate, sub.molarMassGMol));
      if (c >= loc && e.x > 0) out.push(e.zone);
    }
    return out;
  }
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

/** Day of the year (1..366) of the instant t minutes after an ISO start (its local date). */
function dayOfYear(startIso: string, t: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(startIso);
  if (m === null) return 172;
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const jan1 = Date.UTC(Number(m[1]), 0, 1);
  return Math.floor((start - jan1) / 86_400_000 + t / 1440) + 1;
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
