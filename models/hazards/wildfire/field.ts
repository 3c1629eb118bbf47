/**
 * One replication of a forest fire (docs/models/wildfire.md): the weather of the replication with its
 * diurnal cycle, free spread on the landscape by minimum travel time from the ignition, detection after a
 * delay set by what watches the area, containment of the reported fire by the brigades that reach it
 * (Fried & Fried as behave's Contain), and the fire front reaching villages and roads until it is held.
 *
 * The free-burning arrival times are computed once at the start (the weather of the replication is known
 * to the model, not to the plan). A held fire keeps the footprint the free-burning fire had when it was the
 * size at which the containment model holds it; an escaped fire keeps spreading to the horizon.
 */
import type { World } from '../../world/world.js';
import { contain, type ContainResource, type ContainResult } from './contain.js';
import type { CompiledWildfire } from './compile.js';
import type { Weather } from './landscape.js';
import { MinimumTravelTime, type PreparedLayer } from './mtt.js';
import { chainsPerHour, HA_PER_ACRE, M_PER_CHAIN } from './units.js';
import { parameterView } from '../../scenario/parameter-info.js';
import { WILDFIRE_PARAMETERS } from './parameters.js';

declare module '../../world/events.js' {
  interface SimEventMap {
    'wildfire.detected': { fire: string; delayMin: number; areaHa: number };
    'wildfire.contained': { fire: string; areaHa: number };
    'wildfire.zoneReached': { fire: string; zone: string; atHome: number };
    /** The front reached a facility of the region (within the village reach of its node): a cascade for modules that model what burns there. */
    'wildfire.facilityReached': { fire: string; facility: string };
  }
}

/** A brigade building line: when it starts (absolute min), its production (m/h) and how long. */
export interface LineCrew {
  startMin: number;
  productionMH: number;
  durationMin: number;
}

/** Detection: what watches the area of the ignition (set by the plan). */
export interface DetectionCover {
  /** Share of the forest area in view of cameras, 0-1. */
  cameraCoverage: number;
  drones: boolean;
}

export class WildfireField {
  /** Free-burning arrival time per cell (min from the scenario start), Infinity where not reached. */
  readonly arrival: Float64Array;
  readonly detectedAt: number;
  readonly detectionDelayMin: number;
  /** The fire is held from this time on (Infinity: not, or not yet). */
  containedAt = Infinity;
  /** The free-burning time whose footprint the held fire keeps (Infinity while it spreads). */
  cutoff = Infinity;
  /** Latest fire-front time already acted on (zones reached, roads closed): the footprint never shrinks below it. */
  private lastFront = -Infinity;
  readonly crews: LineCrew[] = [];
  lastContain: ContainResult | null = null;
  zonesReached = 0;
  exposedPersons = 0;
  roadsClosed = 0;
  facilitiesReached = 0;
  private readonly sortedArrivals: Float64Array;
  /** The replication's values of the wildfire parameters. */
  readonly params: Readonly<Record<keyof typeof WILDFIRE_PARAMETERS, number>>;
  private readonly threatCache = new Map<number, Float64Array>();

  constructor(
    private readonly world: World,
    readonly compiled: CompiledWildfire,
    cover: DetectionCover,
  ) {
    const { sim } = world;
    this.params = parameterView(world.params, WILDFIRE_PARAMETERS);
    const p = this.params;
    const land = compiled.landscape;
    const horizon = world.scenario.horizonMin;
    // Weather blocks of the diurnal cycle, from the scenario start's hour of day.
    const startHour = world.scenario.startLocalMinuteOfDay / 60;
    const blocksPerDay = Math.round((24 * 60) / compiled.blockMin);
    const layers: PreparedLayer[] = [];
    const byBlock = new Map<number, PreparedLayer>();
    const ends: number[] = [];
    const firstBlockStart = Math.floor((startHour * 60) / compiled.blockMin) * compiled.blockMin - startHour * 60;
    for (let t = firstBlockStart; t < horizon; t += compiled.blockMin) {
      const block = Math.round(((((t + startHour * 60) % 1440) + 1440) % 1440) / compiled.blockMin) % blocksPerDay;
      let layer = byBlock.get(block);
      if (layer === undefined) {
        layer = land.lazyLayer(this.weatherAtHour(((block + 0.5) * compiled.blockMin) / 60));
        byBlock.set(block, layer);
      }
      layers.push(layer);
      ends.push(t + compiled.blockMin);
    }
    const mtt = new MinimumTravelTime({ cols: land.cols, rows: land.rows, cellSizeM: land.cellSizeM });
    const first = ends.findIndex((e) => e > compiled.ignitionMin);
    this.arrival = Float64Array.from(
      mtt.run([{ cell: compiled.ignitionCell, time: compiled.ignitionMin }], {
        horizonMin: horizon,
        layers: layers.slice(Math.max(0, first)),
        periodEndsMin: ends.slice(Math.max(0, first)),
      }),
    );
    this.sortedArrivals = this.arrival.filter((t) => t <= horizon).sort();

    // Detection: one uniform decides what sees the fire, one normal scales every median alike, so a
    // plan with more cameras or drones never detects later on the same seed.
    const s = sim.stream('wildfire.detection');
    const u = s.uniform(0, 1);
    const z = s.normal(0, 1);
    const median = u < cover.cameraCoverage ? p['wildfire.detectionCameraMin'] : cover.drones ? p['wildfire.detectionDroneMin'] : p['wildfire.detectionPublicMin'];
    this.detectionDelayMin = median * Math.exp(p['wildfire.detectionSpread'] * z);
    this.detectedAt = compiled.ignitionMin + this.detectionDelayMin;
  }

  /** The replication's weather at an hour of the day: driest and windiest at 15:00, calmest and dampest at 03:00. */
  weatherAtHour(hour: number): Weather {
    const p = this.params;
    const dry = (1 + Math.cos(((hour - 15) / 24) * 2 * Math.PI)) / 2; // 1 at 15:00, 0 at 03:00
    const oneHour = p['wildfire.oneHourMaxPercent'] + (p['wildfire.oneHourMinPercent'] - p['wildfire.oneHourMaxPercent']) * dry;
    return {
      windKmh: p['wildfire.windKmh'] * (p['wildfire.nightWindFactor'] + (1 - p['wildfire.nightWindFactor']) * dry),
      windFromDeg: p['wildfire.windFromDeg'],
      moistures: {
        oneHour: oneHour / 100,
        tenHour: (oneHour + 1) / 100,
        hundredHour: (oneHour + 2) / 100,
        liveHerbaceous: p['wildfire.liveHerbaceousPercent'] / 100,
        liveWoody: p['wildfire.liveWoodyPercent'] / 100,
      },
    };
  }

  /** Free-burning burned area (ha) at time t. */
  freeAreaHa(t: number): number {
    const a = this.sortedArrivals;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    const cell = this.compiled.landscape.cellSizeM;
    return (lo * cell * cell) / 10_000;
  }

  /** The earliest free-burning time at which the fire covers `ha`. */
  private timeOfArea(ha: number): number {
    const cell = this.compiled.landscape.cellSizeM;
    const k = Math.ceil((ha * 10_000) / (cell * cell));
    if (k <= 0) return this.compiled.ignitionMin;
    return k <= this.sortedArrivals.length ? this.sortedArrivals[k - 1]! : Infinity;
  }

  /** The footprint time at `t`: free spread up to the cutoff (and never less than what was acted on). */
  frontTime(t: number): number {
    return Math.min(t, Math.max(this.cutoff, this.lastFront));
  }

  /** Whether the fire has reached a cell by time t (as it is, not as known). */
  burnedBy(cell: number, t: number): boolean {
    return this.arrival[cell]! <= this.frontTime(t);
  }

  burnedAreaHa(t: number): number {
    return this.freeAreaHa(this.frontTime(t));
  }

  /** Mark the front as acted on at time t (a zone reached, a road closed). */
  touch(t: number): void {
    if (t > this.lastFront) this.lastFront = t;
  }

  /** The head rate (m/min) and fire shape at the ignition under the weather at time t. */
  headAt(t: number): { headMMin: number; lengthToWidthRatio: number; flameLengthM: number; fuelCode: string } {
    const hour = (((this.world.scenario.startLocalMinuteOfDay + t) / 60) % 24 + 24) % 24;
    const f = this.compiled.landscape.cellFire(this.compiled.ignitionCell, this.weatherAtHour(hour));
    return { headMMin: f.headMMin, lengthToWidthRatio: f.lengthToWidthRatio, flameLengthM: f.flameLengthM, fuelCode: f.fuel?.code ?? 'NB' };
  }

  /**
   * A crew starts building line: rerun the containment of the reported fire with every crew so far
   * (Fried & Fried as behave's Contain: arrivals in minutes since report, production in chains per hour).
   * Returns the time the fire is held, or Infinity if these crews cannot hold it.
   */
  addCrew(crew: LineCrew): number {
    this.crews.push(crew);
    if (this.cutoff < Infinity) return this.containedAt;
    const report = this.detectedAt;
    const fire = this.headAt(report);
    const reportHa = Math.max(0.01, this.freeAreaHa(report));
    const resources: ContainResource[] = this.crews.map((c) => ({
      arrivalMin: Math.max(0, c.startMin - report),
      durationMin: c.durationMin,
      productionChH: c.productionMH / M_PER_CHAIN,
    }));
    const r = contain({
      reportSizeAc: reportHa / HA_PER_ACRE,
      reportRateChH: chainsPerHour(Math.max(fire.headMMin, 1e-3)),
      lengthToWidthRatio: fire.lengthToWidthRatio,
      tactic: 'head',
      attackDistanceCh: 0,
      resources,
      maxFireSizeAc: 5000,
      maxFireTimeMin: Math.max(60, this.world.scenario.horizonMin - report),
    });
    this.lastContain = r;
    if (r.status === 'contained') {
      this.containedAt = report + r.timeSinceReportMin;
      this.cutoff = Math.min(this.containedAt, Math.max(report, this.timeOfArea(r.finalSizeAc * HA_PER_ACRE)));
      return this.containedAt;
    }
    return Infinity;
  }

  /**
   * When the fire comes within `radiusM` of each zone's seat (free-burning, min; Infinity never), per radius
   * memoised: the plan's "fire within" triggers read it with the known cutoff.
   */
  threatTimes(radiusM: number): Float64Array {
    let times = this.threatCache.get(radiusM);
    if (times !== undefined) return times;
    times = this.nearTimes(this.compiled.zoneCells, radiusM);
    this.threatCache.set(radiusM, times);
    return times;
  }

  /** Per cell of `cells`, when the free-burning front first comes within `radiusM` of it (Infinity: never). */
  nearTimes(cells: ArrayLike<number>, radiusM: number): Float64Array {
    const land = this.compiled.landscape;
    const r = Math.ceil(radiusM / land.cellSizeM);
    return Float64Array.from(cells, (cell) => {
      if (cell < 0) return Infinity;
      const col = cell % land.cols;
      const row = (cell - col) / land.cols;
      let best = Infinity;
      for (let dr = -r; dr <= r; dr++) {
        const rr = row + dr;
        if (rr < 0 || rr >= land.rows) continue;
        for (let dc = -r; dc <= r; dc++) {
          const cc = col + dc;
          if (cc < 0 || cc >= land.cols || (dr * dr + dc * dc) * land.cellSizeM * land.cellSizeM > radiusM * radiusM) continue;
          const t = this.arrival[rr * land.cols + cc]!;
          if (t < best) best = t;
        }
      }
      return best;
    });
  }
}
