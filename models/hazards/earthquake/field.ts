/**
 * One replication of an earthquake (docs/models/earthquake.md): each shock (the scripted ones, then aftershocks
 * drawn from Reasenberg-Jones) shakes every zone, facility and road-side slope of the region. Damage is held
 * per zone and structure class as the share of buildings at or above each damage state; it only grows (each
 * building keeps its fragility draw for the whole run, so a later shock damages only what a stronger shaking
 * than before reaches). The increments kill, injure and trap occupants; trapped people are handed to search
 * and rescue (`people.trapped`); slopes that fail close their road until an engineering team clears it.
 */
import type { RandomStream } from '../../../engine/random/index.js';
import { parameterView } from '../../scenario/parameter-info.js';
import type { World } from '../../world/world.js';
import { ROAD_DEBRIS } from '../../response/road-clearance.js';
import { aftershockMagnitude, aftershockTime, expectedAftershocks, ruptureLengthKm, SICHUAN_RJ } from './aftershocks.js';
import { distanceBearing, epicentralIntensity, longAxisIntensity, offsetPoint, siteIntensity, type Source } from './attenuation.js';
import { casualtyShares } from './casualties.js';
import type { CompiledEarthquake, CompiledShock } from './compile.js';
import { bridgeExceedance, exceedance, G, sa10FromPgv, STRUCTURE_CLASSES } from './fragility.js';
import { pgaFromIntensity, pgvFromIntensity } from './instrumental.js';
import { criticalAccelerationG, jibsonDisplacementCm, slopeFailureProbability } from './landslide.js';
import { EARTHQUAKE_PARAMETERS } from './parameters.js';

const NC = STRUCTURE_CLASSES.length;
/** Below this intensity no structural damage is counted (GB/T 17742: VI starts at 5.5). */
const DAMAGE_THRESHOLD = 5.5;
/** A zone shaken to VI or more is hit (the affected-population indicator). */
const HIT_INTENSITY = 5.5;
/** Aftershocks of at least this magnitude re-shake buildings and slopes (docs/models/earthquake.md section 5). */
const DAMAGING_MAGNITUDE = 5;

export interface ShockRecord {
  t: number;
  index: number;
  magnitude: number;
  lat: number;
  lon: number;
  scripted: boolean;
}

export class QuakeField {
  /** Per zone and class: P(DS >= Slight, Moderate, Extensive, Complete) reached so far. */
  readonly damage: Float64Array;
  /** Highest site intensity per zone so far. */
  readonly maxIntensity: Float64Array;
  readonly shocks: ShockRecord[] = [];
  /** Aftershocks drawn (whatever their magnitude), for tests against the R-J expectation. */
  aftershocksDrawn = 0;
  deadByShaking = 0;
  trappedTotal = 0;
  landslides = 0;
  bridgesDamaged = 0;
  private bridgeDown: Uint8Array = new Uint8Array(0);
  private readonly p: Readonly<Record<keyof typeof EARTHQUAKE_PARAMETERS, number>>;
  private readonly stream: RandomStream;
  private readonly scratch = new Float64Array(4);
  private readonly before = new Float64Array(4);
  private readonly blocked: Uint8Array;
  /** Displaced people already announced per zone (each shock announces only its increment). */
  private readonly displacedTold: Float64Array;

  constructor(
    private readonly world: World,
    private readonly c: CompiledEarthquake,
  ) {
    const nz = world.scenario.zones.length;
    this.damage = new Float64Array(nz * NC * 4);
    this.maxIntensity = new Float64Array(nz);
    this.blocked = new Uint8Array(c.slopeEdges.length);
    this.displacedTold = new Float64Array(nz);
    this.bridgeDown = new Uint8Array(c.bridges.length);
    this.p = parameterView(world.params, EARTHQUAKE_PARAMETERS);
    this.stream = world.sim.stream('earthquake');
  }

  start(): void {
    const { sim } = this.world;
    const horizon = this.world.scenario.horizonMin;
    this.c.shocks.forEach((s, i) => {
      if (s.atMin > horizon) return;
      sim.timeout(Math.max(0, s.atMin)).onProcessed(() => this.shake(s, i, true));
    });
    const main = this.c.shocks[0]!;
    if (this.c.aftershocks !== null) this.drawAftershocks(main, this.c.shocks.length);
  }

  /** Reasenberg-Jones sequence after the main shock (docs/models/earthquake.md section 5). */
  private drawAftershocks(main: CompiledShock, firstIndex: number): void {
    const as = this.c.aftershocks!;
    const horizon = this.world.scenario.horizonMin;
    const s = this.world.sim.stream('earthquake.aftershocks');
    const days = Math.min(as.days, (horizon - main.atMin) / 1440);
    if (!(days > 0)) return;
    const n = s.poisson(expectedAftershocks(SICHUAN_RJ, main.magnitude, as.minMagnitude, 0, days, this.p['earthquake.aftershockA']));
    this.aftershocksDrawn = n;
    const halfLength = ruptureLengthKm(main.magnitude) / 2;
    const drawn: CompiledShock[] = [];
    for (let k = 0; k < n; k++) {
      const t = aftershockTime(SICHUAN_RJ, 0, days, s.random());
      const m = aftershockMagnitude(SICHUAN_RJ.b, as.minMagnitude, main.magnitude + as.maxAbove, s.random());
      const along = s.uniform(-halfLength, halfLength);
      const across = s.normal(0, as.widthKm / 4);
      const at = offsetPoint(main.lat, main.lon, along, across, main.strikeDeg);
      drawn.push({ atMin: main.atMin + t * 1440, lat: at.lat, lon: at.lon, magnitude: m, depthKm: main.depthKm, strikeDeg: main.strikeDeg });
    }
    drawn.sort((a, b) => a.atMin - b.atMin);
    drawn.forEach((shock, k) => {
      // A shock in the same minute as the main shock comes after it (the kernel keeps scheduling order).
      this.world.sim.timeout(Math.max(0, shock.atMin)).onProcessed(() => this.shake(shock, firstIndex + k, false));
    });
  }

  private indoorShare(t: number): number {
    const m = (((this.world.scenario.startLocalMinuteOfDay + t) % 1440) + 1440) % 1440;
    return m >= 22 * 60 || m < 6 * 60 ? this.p['earthquake.indoorShareNight'] : this.p['earthquake.indoorShareDay'];
  }

  /** One shock: facilities told, zones damaged with their casualties, slopes tested. */
  shake(s: CompiledShock, index: number, scripted: boolean): void {
    const { sim, bus, people, scenario } = this.world;
    const source: Source = { lat: s.lat, lon: s.lon, magnitude: s.magnitude, strikeDeg: s.strikeDeg };
    const coeff = this.c.coefficients;
    const shift = this.p['earthquake.intensityShift'];
    const i0 = epicentralIntensity(coeff, s.magnitude);
    const intensityAt = (lat: number, lon: number): number => Math.min(i0, Math.max(1, siteIntensity(coeff, source, lat, lon) + shift));
    this.shocks.push({ t: sim.now, index, magnitude: s.magnitude, lat: s.lat, lon: s.lon, scripted });
    bus.emit({ t: sim.now, kind: 'quake.shock', shock: index, magnitude: s.magnitude, lat: s.lat, lon: s.lon });
    for (const f of this.c.facilities) {
      bus.emit({ t: sim.now, kind: 'facility.shaken', facility: f.id, shock: index, magnitude: s.magnitude, pgaMs2: pgaFromIntensity(intensityAt(f.lat, f.lon)) });
    }
    if (!scripted && s.magnitude < DAMAGING_MAGNITUDE) return;
    const indoor = this.indoorShare(sim.now);
    const trappedShare = this.p['earthquake.trappedUninjuredShare'];
    for (const z of scenario.zones) {
      const zi = z.index;
      const lat = this.c.zoneLat[zi]!;
      const lon = this.c.zoneLon[zi]!;
      // The long axis bounds the intensity at a distance: an aftershock too far to reach VI anywhere near the
      // zone skips the ellipse (scripted shocks are always evaluated, for the county intensities).
      if (!scripted && longAxisIntensity(coeff, s.magnitude, distanceBearing(s.lat, s.lon, lat, lon).km) + shift < DAMAGE_THRESHOLD) continue;
      const intensity = intensityAt(lat, lon);
      if (intensity > this.maxIntensity[zi]!) this.maxIntensity[zi] = intensity;
      if (intensity >= HIT_INTENSITY) this.world.zones.hit(zi, sim.now);
      if (intensity < DAMAGE_THRESHOLD) continue;
      // Scaling every median by f is scaling the PGA by 1 / f.
      const pgaG = pgaFromIntensity(intensity) / G / this.p['earthquake.fragilityMedianFactor'];
      const home = people.get(zi, 'home');
      let dead = 0;
      let injured = 0;
      let serious = 0;
      let severe = 0;
      let trapped = 0;
      for (let k = 0; k < NC; k++) {
        const share = this.c.stock[zi * NC + k]!;
        if (share === 0) continue;
        const off = (zi * NC + k) * 4;
        const now = exceedance(STRUCTURE_CLASSES[k]!, pgaG, this.scratch);
        // Damage only grows: the exceedance reached is the larger of before and now, state by state.
        const before = this.before;
        for (let d = 0; d < 4; d++) before[d] = this.damage[off + d]!;
        let grew = false;
        for (let d = 0; d < 4; d++) {
          if (now[d]! > this.damage[off + d]!) {
            this.damage[off + d] = now[d]!;
            grew = true;
          }
        }
        if (!grew) continue;
        const occupants = home * indoor * share;
        const r = casualtyShares(STRUCTURE_CLASSES[k]!, before, this.damage.subarray(off, off + 4), trappedShare);
        dead += occupants * r.dead;
        injured += occupants * r.injured;
        serious += occupants * r.serious;
        severe += occupants * r.severe;
        trapped += occupants * r.trapped;
      }
      if (dead + injured + serious + trapped === 0) continue;
      const killed = people.move(zi, 'home', 'dead', this.stream.poisson(dead));
      this.deadByShaking += killed;
      people.injure(zi, this.stream.poisson(injured));
      // The seriously injured need hospital care: they wait in the ledger's `injured` state.
      const hurt = people.move(zi, 'home', 'injured', this.stream.poisson(serious));
      if (hurt > 0) {
        people.injure(zi, hurt);
        // Severity 3 among them (Hazus rates by damage state), for the medical triage.
        const sev = this.world.sim.stream('earthquake.severity').binomial(hurt, serious > 0 ? Math.min(1, severe / serious) : 0);
        bus.emit({ t: sim.now, kind: 'people.injured', zone: z.id, persons: hurt, severe: sev });
      }
      const caught = people.move(zi, 'home', 'trapped', this.stream.poisson(trapped));
      if (caught > 0) {
        this.trappedTotal += caught;
        bus.emit({ t: sim.now, kind: 'people.trapped', zone: z.id, persons: caught });
      }
    }
    this.shakeSlopes(intensityAt, s.magnitude);
    this.shakeBridges(intensityAt);
    this.announceDisplaced();
  }

  /**
   * Bridges shaken to VII or more close for inspection; those damaged to Extensive or worse stay closed (repairs
   * take longer than a drill's horizon). Closures are known after the roads' detection delay.
   */
  private shakeBridges(intensityAt: (lat: number, lon: number) => number): void {
    const { sim, roads, bus, params } = this.world;
    const known = sim.now + (params['roads.detectionDelayMin'] ?? 0);
    this.c.bridges.forEach((b, k) => {
      if (this.bridgeDown[k] === 1) return;
      const intensity = intensityAt(b.lat, b.lon);
      if (intensity < 6.5) return;
      const damaged = this.stream.bernoulli(bridgeExceedance(b.cls, sa10FromPgv(pgvFromIntensity(intensity)))[2]);
      const until = damaged ? Infinity : sim.now + this.p['earthquake.bridgeInspectionH'] * 60;
      if (damaged) {
        this.bridgeDown[k] = 1;
        this.bridgesDamaged++;
      }
      roads.setState({ edge: b.id, start: sim.now, ...(until < Infinity ? { end: until } : {}), state: 'closed', knownAt: known });
      bus.emit({ t: sim.now, kind: 'edge.closed', edge: b.id, knownAt: known, until });
    });
  }

  /** Residents whose homes this shock made unsafe (Extensive or Complete) and who are still at home. */
  private announceDisplaced(): void {
    const { sim, bus, people, scenario } = this.world;
    for (const z of scenario.zones) {
      const total = Math.floor(this.displaced(z.index));
      const fresh = total - this.displacedTold[z.index]!;
      if (fresh <= 0) continue;
      this.displacedTold[z.index] = total;
      const persons = Math.min(fresh, people.get(z.index, 'home'));
      if (persons > 0) bus.emit({ t: sim.now, kind: 'people.displaced', zone: z.id, persons });
    }
  }

  /** Road-side slopes: Newmark displacement and failure probability per slope, a landslide closes the road. */
  private shakeSlopes(intensityAt: (lat: number, lon: number) => number, magnitude: number): void {
    const debris = this.world.find(ROAD_DEBRIS);
    if (debris === undefined || this.c.slopeEdges.length === 0) return;
    void magnitude;
    const fs = this.p['earthquake.slopeFactorOfSafety'];
    this.c.slopeEdges.forEach((se, k) => {
      if (this.blocked[k] === 1) return;
      const intensity = intensityAt(se.lat, se.lon);
      if (intensity < DAMAGE_THRESHOLD) return;
      const pgaG = pgaFromIntensity(intensity) / G;
      const pf = slopeFailureProbability(jibsonDisplacementCm(criticalAccelerationG(fs, se.slopeDeg), pgaG));
      const pBlock = 1 - (1 - pf) ** se.sources;
      if (!this.stream.bernoulli(pBlock)) return;
      this.blocked[k] = 1;
      this.landslides++;
      const volume = this.p['earthquake.landslideVolumeM3'];
      debris.block(se.edge, volume, se.node, () => (this.blocked[k] = 0));
    });
  }

  /** People whose home is unsafe (Extensive or Complete damage), per zone: they need shelter. */
  displaced(zone: number): number {
    const pop = this.world.scenario.zones[zone]!.population;
    let unsafe = 0;
    for (let k = 0; k < NC; k++) unsafe += this.c.stock[zone * NC + k]! * this.damage[(zone * NC + k) * 4 + 2]!;
    return pop * unsafe;
  }
}

declare module '../../world/events.js' {
  interface SimEventMap {
    'quake.shock': { shock: number; magnitude: number; lat: number; lon: number };
  }
}
