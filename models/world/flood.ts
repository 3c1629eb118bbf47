import type { Simulation } from '../../engine/kernel/index.js';
import type { RoadNetwork, TravelMode } from '../../engine/network/index.js';
import { forecastStage, huizingaDamage, Hydrograph, jonkmanMortality, ROAD_CLOSURE_DEPTH_M, type WetInterval } from '../hazards/flood/index.js';
import type { ParameterValues } from '../scenario/parameters.js';
import type { CompiledScenario } from '../scenario/compile.js';
import type { EventBus } from './events.js';
import type { PeopleLedger } from './ledger.js';

/**
 * The flood of one replication (hazards.md 1.2, tier A): each gauge follows its (perturbed) hydrograph,
 * and every zone, floodable road or bridge and facility is wet while its controlling gauge stands above
 * its threshold. Wet intervals are computed exactly up front and turned into scheduled events, so the
 * replication spends no time polling the water.
 */
export class FloodField {
  readonly hydrographs = new Map<string, Hydrograph>();
  /** Forecast error of each gauge, drawn once per replication. */
  private readonly forecastBias = new Map<string, number>();
  /** Wet intervals per zone (empty when it stays dry). */
  readonly zoneIntervals: WetInterval[][];
  /** Economic-loss proxy: depth-damage of the flooded households, yuan. */
  lossYuan = 0;
  /** First time each zone flooded (Infinity if never). */
  readonly floodedAt: Float64Array;

  constructor(
    private readonly sim: Simulation,
    private readonly bus: EventBus,
    private readonly scenario: CompiledScenario,
    private readonly params: ParameterValues,
    private readonly roads: RoadNetwork,
    private readonly people: PeopleLedger,
  ) {
    const perturb = { peakFactor: params['flood.peakFactor'], shiftMin: params['flood.timingShiftH'] * 60 };
    const forecastStream = sim.stream('flood.forecast');
    // Gauges in a fixed (region) order, so the bias draws do not depend on map iteration order.
    for (const gauge of scenario.gauges.values()) {
      if (gauge.hydrograph === null) continue;
      this.hydrographs.set(gauge.id, new Hydrograph(gauge.hydrograph, perturb));
      this.forecastBias.set(gauge.id, forecastStream.normal(0, params['flood.forecastErrorSdM']));
    }
    const horizon = scenario.horizonMin;
    this.floodedAt = new Float64Array(scenario.zones.length).fill(Infinity);
    this.zoneIntervals = scenario.zones.map((z) => {
      const h = z.flood !== null ? this.hydrographs.get(z.flood.gauge) : undefined;
      if (z.flood === null || h === undefined) return [];
      const intervals = h.wetIntervals(z.flood.stageM, 0, horizon);
      if (intervals.length > 0) this.floodedAt[z.index] = (intervals[0] as WetInterval).start;
      return intervals;
    });
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

  /** The forecast issued at `issuedAt` for `lead` minutes ahead (true stage then, plus this replication's bias). */
  forecast(gauge: string, issuedAt: number, lead: number): number | null {
    const h = this.hydrographs.get(gauge);
    return h === undefined ? null : forecastStage(h, issuedAt, lead, this.forecastBias.get(gauge) ?? 0);
  }

  /** Whether a zone is under water at time t. */
  isWetAt(zone: number, t: number): boolean {
    for (const iv of this.zoneIntervals[zone] ?? []) if (t >= iv.start && t < iv.end) return true;
    return false;
  }

  private scheduleGaugeCrossings(): void {
    const sim = this.sim;
    for (const gauge of this.scenario.gauges.values()) {
      const h = this.hydrographs.get(gauge.id);
      if (h === undefined) continue;
      const levels: Array<['warning' | 'guaranteed', number]> = [['warning', gauge.warningStageM]];
      if (gauge.guaranteedStageM !== null) levels.push(['guaranteed', gauge.guaranteedStageM]);
      for (const [level, stageM] of levels) {
        const t = h.firstCrossingUp(stageM, 0, this.scenario.horizonMin);
        if (t === null) continue;
        sim.timeout(t).onProcessed(() => this.bus.emit({ t: sim.now, kind: 'gauge.crossed', gauge: gauge.id, level, stageM }));
      }
    }
  }

  private scheduleZones(): void {
    const sim = this.sim;
    const bus = this.bus;
    const people = this.people;
    this.scenario.zones.forEach((zone, z) => {
      const stageM = zone.flood?.stageM ?? 0;
      const gauge = zone.flood?.gauge ?? '';
      for (const iv of this.zoneIntervals[z] ?? []) {
        sim.timeout(iv.start).onProcessed(() => {
          people.setWet(z, true);
          bus.emit({ t: sim.now, kind: 'zone.flooded', zone: zone.id, peakDepthM: iv.peakStageM - stageM });
        });
        sim.timeout(iv.peakAtMin).onProcessed(() => this.casualties(z, iv, gauge, stageM));
        if (!iv.endsWet) {
          sim.timeout(iv.end).onProcessed(() => {
            people.setWet(z, false);
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
    const zone = this.scenario.zones[z]!;
    const depth = iv.peakStageM - stageM;
    const h = this.hydrographs.get(gauge)!;
    const rise = h.maxRiseRateMPerH(iv.start, iv.peakAtMin);
    const mortality = jonkmanMortality(depth, { riseRateMPerH: rise });
    const home = this.people.get(z, 'home');
    const cut = this.people.get(z, 'cutOff');
    const exposed = home + cut;
    let deaths = 0;
    let injured = 0;
    if (exposed > 0 && mortality > 0) {
      const s = this.sim.stream('flood.casualties');
      deaths = s.binomial(exposed, mortality);
      injured = s.binomial(exposed - deaths, Math.min(1, mortality * this.params['flood.injuryToDeathRatio']));
      const fromHome = Math.round((deaths * home) / exposed);
      this.people.move(z, 'home', 'dead', fromHome);
      this.people.move(z, 'cutOff', 'dead', deaths - fromHome);
      this.people.injured += injured;
    }
    this.lossYuan += zone.households * huizingaDamage(depth, 'residential') * this.params['loss.householdValueYuan'];
    this.bus.emit({ t: this.sim.now, kind: 'zone.casualties', zone: zone.id, depthM: depth, exposed, deaths, injured });
  }

  /**
   * Floodable roads close to cars, trucks and walkers when the water on them reaches 0.3 m (Pregnolato
   * 2017), and to high-clearance emergency vehicles at 0.5 m (hazards.md 1.3); bridges and causeway access
   * links close to every land mode when the water reaches their deck. Routing learns of a closure only
   * after the detection delay. A zone behind an access link is cut off when the link closes to cars.
   */
  private scheduleEdges(): void {
    const assets = this.scenario.region.assets;
    const detection = this.params['roads.detectionDelayMin'];
    const horizon = this.scenario.horizonMin;
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
      closures.forEach(({ level, modes }, k) => {
        for (const iv of h.wetIntervals(level, 0, horizon)) {
          const end = iv.endsWet ? Infinity : iv.end;
          const knownAt = iv.start + detection;
          this.roads.setState({ edge: fe.edge, start: iv.start, ...(end < Infinity ? { end } : {}), state: 'closed', knownAt, ...(modes ? { modes } : {}) });
          // The first closure of an edge (cars, or all land modes) is the one people feel: report and cut off.
          if (k > 0) continue;
          this.sim.timeout(iv.start).onProcessed(() => this.bus.emit({ t: this.sim.now, kind: 'edge.closed', edge: fe.edge, knownAt, until: end }));
          this.scheduleCutOffs(fe.edge, iv.start, end);
        }
      });
    }
    for (const inj of this.scenario.injects) {
      const end = inj.forMin === null ? Infinity : inj.atMin + inj.forMin;
      this.roads.setState({ edge: inj.closeEdge, start: inj.atMin, ...(end < Infinity ? { end } : {}), state: 'closed', knownAt: inj.atMin + inj.knownAfterMin });
      this.scheduleCutOffs(inj.closeEdge, inj.atMin, end);
    }
  }

  /** People still at home in a zone whose only access goes under are cut off until it reopens. */
  private scheduleCutOffs(edge: string, start: number, end: number): void {
    this.scenario.zones.forEach((zone, z) => {
      if (zone.flood?.accessEdge !== edge) return;
      this.sim.timeout(start).onProcessed(() => {
        const n = this.people.move(z, 'home', 'cutOff', this.people.get(z, 'home'));
        if (n > 0) this.bus.emit({ t: this.sim.now, kind: 'zone.cutOff', zone: zone.id, persons: n });
      });
      if (end < Infinity) {
        this.sim.timeout(end).onProcessed(() => {
          this.people.move(z, 'cutOff', 'home', this.people.get(z, 'cutOff'));
        });
      }
    });
  }

  private scheduleFacilities(): void {
    for (const f of this.scenario.region.assets.facilities) {
      if (f.flood === undefined) continue;
      const h = this.hydrographs.get(f.flood.gauge);
      if (h === undefined) continue;
      const t = h.firstCrossingUp(f.flood.floodStageM, 0, this.scenario.horizonMin);
      if (t === null) continue;
      this.sim.timeout(t).onProcessed(() => this.bus.emit({ t: this.sim.now, kind: 'facility.flooded', facility: f.id }));
    }
  }
}
