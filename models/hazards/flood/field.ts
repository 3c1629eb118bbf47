import type { TravelMode } from '../../../engine/network/index.js';
import { parameterView } from '../../scenario/parameter-info.js';
import { scheduleCutOffs } from '../../world/access.js';
import type { World } from '../../world/world.js';
import type { CompiledFlood, ZoneFlood } from './compile.js';
import { huizingaDamage, jonkmanMortality, ROAD_CLOSURE_DEPTH_M, ROAD_SLOW_BANDS } from './consequences.js';
import type { FloodExposure } from './exposure.js';
import { checkForecastErrorModel, forecastError, ForecastErrorSeries, forecastStage, issueCorrelation, type ForecastErrorModel } from './forecast.js';
import { Hydrograph, type WetInterval } from './hydrograph.js';
import { FLOOD_PARAMETERS } from './parameters.js';
import './events.js';

/** A dike's failure in one replication. */
export interface DikeFailure {
  at: number;
  mode: 'overtopping' | 'breach';
  /** River stage at the controlling gauge when it failed. */
  stageM: number;
  /** Depth the zone fills to at once: the river's stage then over the zone's ground. */
  depthM: number;
}

/**
 * The stage at which a dike fails in this replication: its crest, or lower where its fragility curve
 * (a normal failure stage) says it breaches first. `standardNormal` is drawn exactly once when the dike
 * has a fragility curve.
 */
export function dikeFailureStage(dike: { crestM: number; fragility: { medianM: number; sdM: number } | null }, standardNormal: () => number): number {
  if (dike.fragility === null) return dike.crestM;
  return Math.min(dike.crestM, dike.fragility.medianM + dike.fragility.sdM * standardNormal());
}

/**
 * The flood of one replication (docs/models/flood.md): each gauge follows its (perturbed) hydrograph, and
 * every zone, floodable road or bridge and facility is wet while its controlling gauge stands above its
 * threshold. Wet intervals are computed exactly up front and turned into scheduled events, so the
 * replication spends no time polling the water. This is the flood's pure *field* for the plan's triggers
 * (stage, forecast, zone wet) as well.
 */
export class FloodField {
  readonly hydrographs = new Map<string, Hydrograph>();
  /** The standardised errors of each gauge's forecast issues (drawn lazily, docs/models/flood.md section 5). */
  private readonly forecastErrors = new Map<string, ForecastErrorSeries>();
  private readonly forecastModel: ForecastErrorModel;
  /** Wet intervals per zone (empty when it stays dry). */
  readonly zoneIntervals: WetInterval[][];
  /** Per zone with a dike that fails in this replication: when, how, and the stage then. */
  readonly dikeFailures: Array<DikeFailure | null>;
  /** Economic-loss proxy: depth-damage of the flooded households, yuan. */
  lossYuan = 0;
  private readonly params: Readonly<Record<keyof typeof FLOOD_PARAMETERS, number>>;

  constructor(
    private readonly world: World,
    private readonly flood: CompiledFlood,
    private readonly exposure: FloodExposure,
  ) {
    const { sim, scenario } = world;
    const params = (this.params = parameterView(world.params, FLOOD_PARAMETERS));
    const perturb = { peakFactor: params['flood.peakFactor'], shiftMin: params['flood.timingShiftH'] * 60 };
    this.forecastModel = {
      sd0M: params['flood.forecastErrorSdM'],
      doublingLeadMin: params['flood.forecastErrorDoublingLeadH'] * 60,
      intervalMin: params['flood.forecastIntervalH'] * 60,
      hourlyCorrelation: params['flood.forecastIssueCorrelation'],
    };
    checkForecastErrorModel(this.forecastModel);
    const rho = issueCorrelation(this.forecastModel);
    for (const gauge of flood.gauges.values()) {
      if (gauge.hydrograph === null) continue;
      this.hydrographs.set(gauge.id, new Hydrograph(gauge.hydrograph, perturb));
      // One stream per gauge, drawn in issue order only when asked: a gauge's forecasts depend on neither
      // the other gauges nor how often the plan looks, so adding a trigger perturbs nothing else.
      const stream = sim.stream(`flood.forecast.${gauge.id}`);
      this.forecastErrors.set(gauge.id, new ForecastErrorSeries(() => stream.normal(0, 1), rho));
    }
    const horizon = scenario.horizonMin;
    // Every dike draws its failure stage, in zone order, whether or not the river reaches it: the draws
    // of one dike never depend on another's or on the hydrographs.
    const dikeStream = sim.stream('flood.dikes');
    this.dikeFailures = scenario.zones.map(() => null);
    this.zoneIntervals = scenario.zones.map((z) => {
      const zf = flood.zones[z.index] ?? null;
      const failureStageM = zf?.dike == null ? null : dikeFailureStage(zf.dike, () => dikeStream.normal(0, 1));
      const h = zf !== null ? this.hydrographs.get(zf.gauge) : undefined;
      if (zf === null || h === undefined) return [];
      const intervals = failureStageM === null ? h.wetIntervals(zf.stageM, 0, horizon) : this.behindDike(z.index, zf, failureStageM, h, horizon);
      if (intervals.length > 0) {
        world.zones.hit(z.index, (intervals[0] as WetInterval).start);
      }
      return intervals;
    });
  }

  /**
   * A zone behind a dike is dry until the river passes the dike's failure stage (its crest, or a breach
   * below it); from then on the breach stays open and the zone is wet whenever the river stands above
   * its ground.
   */
  private behindDike(zone: number, zf: ZoneFlood, failureStageM: number, h: Hydrograph, horizon: number): WetInterval[] {
    const level = Math.max(failureStageM, zf.stageM);
    const first = h.wetIntervals(level, 0, horizon)[0];
    if (first === undefined) return [];
    const at = first.start;
    const stageM = h.stageAt(at);
    this.dikeFailures[zone] = { at, mode: failureStageM < zf.dike!.crestM ? 'breach' : 'overtopping', stageM, depthM: stageM - zf.stageM };
    return h.wetIntervals(zf.stageM, at, horizon);
  }

  /** Start the processes that play the flood out. */
  start(): void {
    this.scheduleGaugeCrossings();
    this.scheduleZones();
    this.scheduleEdges();
    this.scheduleFacilities();
  }

  stageAt(gauge: string, t: number): number | null {
    const h = this.hydrographs.get(gauge);
    return h === undefined ? null : h.stageAt(t);
  }

  /**
   * The stage forecast read at `issuedAt` for `lead` minutes ahead: the latest issue's forecast, the true
   * stage then plus an error growing with the lead from that issue (docs/models/flood.md section 5).
   */
  forecast(gauge: string, issuedAt: number, lead: number): number | null {
    const h = this.hydrographs.get(gauge);
    const errors = this.forecastErrors.get(gauge);
    if (h === undefined || errors === undefined) return null;
    return forecastStage(h, issuedAt, lead, forecastError(this.forecastModel, errors, issuedAt, lead));
  }

  /** Whether a zone is under water at time t. */
  isWetAt(zone: number, t: number): boolean {
    for (const iv of this.zoneIntervals[zone] ?? []) if (t >= iv.start && t < iv.end) return true;
    return false;
  }

  private guaranteedAt = Infinity;
  private warningAt = Infinity;

  private scheduleGaugeCrossings(): void {
    const { sim, bus } = this.world;
    for (const gauge of this.flood.gauges.values()) {
      const h = this.hydrographs.get(gauge.id);
      if (h === undefined) continue;
      const levels: Array<['warning' | 'guaranteed', number]> = [['warning', gauge.warningStageM]];
      if (gauge.guaranteedStageM !== null) levels.push(['guaranteed', gauge.guaranteedStageM]);
      for (const [level, stageM] of levels) {
        const t = h.firstCrossingUp(stageM, 0, this.world.scenario.horizonMin);
        if (t === null) continue;
        // A gauge past its guaranteed stage is when the record says evacuation orders were due (past its
        // warning stage, when no gauge reaches its guaranteed stage).
        if (level === 'guaranteed') this.guaranteedAt = Math.min(this.guaranteedAt, t);
        else this.warningAt = Math.min(this.warningAt, t);
        sim.timeout(t).onProcessed(() => bus.emit({ t: sim.now, kind: 'gauge.crossed', gauge: gauge.id, level, stageM }));
      }
    }
    const reference = this.guaranteedAt < Infinity ? this.guaranteedAt : this.warningAt;
    this.world.zones.orderReferenceAt = Math.min(this.world.zones.orderReferenceAt, reference);
  }

  private scheduleZones(): void {
    const { sim, bus, zones } = this.world;
    const exposure = this.exposure;
    this.world.scenario.zones.forEach((zone, z) => {
      const zf = this.flood.zones[z] ?? null;
      const stageM = zf?.stageM ?? 0;
      const gauge = zf?.gauge ?? '';
      for (const iv of this.zoneIntervals[z] ?? []) {
        sim.timeout(iv.start).onProcessed(() => {
          exposure.setWet(z, true);
          zones.setHazardous(z, true);
          bus.emit({ t: sim.now, kind: 'zone.flooded', zone: zone.id, peakDepthM: iv.peakStageM - stageM });
        });
        const failure = this.dikeFailures[z];
        if (failure != null && failure.at === iv.start) sim.timeout(iv.start).onProcessed(() => this.dikeFailed(z, failure));
        sim.timeout(iv.peakAtMin).onProcessed(() => this.casualties(z, iv, gauge, stageM));
        if (!iv.endsWet) {
          sim.timeout(iv.end).onProcessed(() => {
            exposure.setWet(z, false);
            zones.setHazardous(z, false);
            bus.emit({ t: sim.now, kind: 'zone.dry', zone: zone.id });
          });
        }
      }
    });
  }

  /**
   * At the height of a zone's flood, the people still there (at home or cut off) face Jonkman's mortality
   * for that depth and rise rate; injuries follow as a multiple of it. Buildings take Huizinga's damage.
   */
  private casualties(z: number, iv: WetInterval, gauge: string, stageM: number): void {
    const { sim, people, bus } = this.world;
    const zone = this.world.scenario.zones[z]!;
    const depth = iv.peakStageM - stageM;
    const h = this.hydrographs.get(gauge)!;
    // Behind a failed dike the zone fills from its ground to the river's level within the fill time: a
    // rise far faster than the river's own (Jonkman's rapidly rising zone when deep enough).
    const failure = this.dikeFailures[z];
    const fillRise = failure != null && failure.at === iv.start ? failure.depthM / this.params['flood.breachFillH'] : 0;
    const rise = Math.max(h.maxRiseRateMPerH(iv.start, iv.peakAtMin), fillRise);
    const mortality = jonkmanMortality(depth, { riseRateMPerH: rise });
    const exposed = this.exposedIn(z);
    let deaths = 0;
    let injured = 0;
    if (exposed > 0 && mortality > 0) {
      const s = sim.stream('flood.casualties');
      deaths = s.binomial(exposed, mortality);
      injured = s.binomial(exposed - deaths, Math.min(1, mortality * this.params['flood.injuryToDeathRatio']));
      this.kill(z, deaths);
      people.injure(z, injured);
    }
    this.lossYuan += zone.households * huizingaDamage(depth, 'residential') * this.params['loss.householdValueYuan'];
    bus.emit({ t: sim.now, kind: 'zone.casualties', zone: zone.id, depthM: depth, exposed, deaths, injured });
  }

  /** People the water can reach in a zone: at home or cut off there. */
  private exposedIn(z: number): number {
    return this.world.people.get(z, 'home') + this.world.people.get(z, 'cutOff');
  }

  /** `deaths` of a zone's exposed people die, shared between those at home and those cut off. */
  private kill(z: number, deaths: number): void {
    const people = this.world.people;
    const home = people.get(z, 'home');
    const fromHome = Math.round((deaths * home) / (home + people.get(z, 'cutOff')));
    people.move(z, 'home', 'dead', fromHome);
    people.move(z, 'cutOff', 'dead', deaths - fromHome);
  }

  /**
   * A dike fails. When it breaches, the people still in the zone near the breach are in Jonkman's breach
   * zone (depth times velocity of 7 m2/s or more, mortality 1); the share of the zone's people that close
   * is a parameter. Either way the zone then fills fast (see casualties).
   */
  private dikeFailed(z: number, failure: DikeFailure): void {
    const { sim, bus } = this.world;
    const zone = this.world.scenario.zones[z]!;
    const exposed = this.exposedIn(z);
    let deaths = 0;
    // Overtopping pours a sheet of water over the crest (fast filling, not fast flow): no breach zone.
    if (exposed > 0 && failure.mode === 'breach') {
      deaths = sim.stream('flood.casualties').binomial(exposed, this.params['flood.breachZoneShare']);
      this.kill(z, deaths);
    }
    bus.emit({ t: sim.now, kind: 'dike.failed', zone: zone.id, mode: failure.mode, stageM: failure.stageM, exposed, deaths });
  }

  /**
   * Floodable roads close to cars, trucks and walkers when the water on them reaches 0.3 m (Pregnolato et
   * al. 2017), and to high-clearance emergency vehicles at 0.5 m; bridges and causeway access links close
   * to every land mode when the water reaches their deck. Routing learns of a closure only after the
   * detection delay. A zone behind an access link is cut off when the link closes to cars.
   */
  private scheduleEdges(): void {
    const { sim, bus, roads } = this.world;
    const assets = this.world.scenario.region.assets;
    const detection = this.world.params['roads.detectionDelayMin']!;
    const horizon = this.world.scenario.horizonMin;
    for (const fe of assets.floodableEdges) {
      const h = this.hydrographs.get(fe.gauge);
      if (h === undefined) continue;
      const closures: Array<{ level: number; modes?: TravelMode[] }> =
        fe.kind === 'road'
          ? [
              { level: fe.floodStageM + ROAD_CLOSURE_DEPTH_M.car, modes: ['car', 'truck', 'foot'] },
              { level: fe.floodStageM + ROAD_CLOSURE_DEPTH_M.emergency, modes: ['emergency'] },
            ]
          : [{ level: fe.floodStageM }];
      // Below the closure depth water slows traffic (Pregnolato et al. 2017): nested depth bands, each
      // holding while the water is at least its lower depth, at the speed of its mid-depth; the edge
      // states combine by the slowest, so the deepest band that holds sets the speed.
      if (fe.kind === 'road') {
        for (const band of ROAD_SLOW_BANDS) {
          for (const iv of h.wetIntervals(fe.floodStageM + band.fromM, 0, horizon)) {
            const end = iv.endsWet ? undefined : iv.end;
            roads.setState({ edge: fe.edge, start: iv.start, ...(end !== undefined ? { end } : {}), state: { speedFactor: band.speedFactor }, knownAt: iv.start, modes: band.modes });
          }
        }
      }
      closures.forEach(({ level, modes }, k) => {
        for (const iv of h.wetIntervals(level, 0, horizon)) {
          const end = iv.endsWet ? Infinity : iv.end;
          const knownAt = iv.start + detection;
          roads.setState({ edge: fe.edge, start: iv.start, ...(end < Infinity ? { end } : {}), state: 'closed', knownAt, ...(modes ? { modes } : {}) });
          // The first closure of an edge (cars, or all land modes) is the one people feel: report and cut off.
          if (k > 0) continue;
          sim.timeout(iv.start).onProcessed(() => bus.emit({ t: sim.now, kind: 'edge.closed', edge: fe.edge, knownAt, until: end }));
          scheduleCutOffs(this.world, fe.edge, iv.start, end);
        }
      });
    }
  }

  private scheduleFacilities(): void {
    const { sim, bus } = this.world;
    for (const f of this.world.scenario.region.assets.facilities) {
      if (f.flood === undefined) continue;
      const h = this.hydrographs.get(f.flood.gauge);
      if (h === undefined) continue;
      const t = h.firstCrossingUp(f.flood.floodStageM, 0, this.world.scenario.horizonMin);
      if (t === null) continue;
      sim.timeout(t).onProcessed(() => bus.emit({ t: sim.now, kind: 'facility.flooded', facility: f.id }));
    }
  }
}
