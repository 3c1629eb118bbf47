/**
 * ALOHA-style threat zones (docs/models/hazchem.md section 3.4): for a continuous release, the ground-level
 * footprint where the steady plume reaches each AEGL level of concern (60-min values: AEGL-3 red, AEGL-2
 * orange, AEGL-1 yellow), its downwind distance, and the footprint as a polygon in longitude/latitude. Like
 * ALOHA, nothing is reported beyond 10 km (the Gaussian model is not meant for it).
 */
import { briggsSigmas, plumeConcentration } from './dispersion.js';
import type { StabilityClass, Terrain } from './stability.js';
import { aegl60, kgM3FromPpm, type Substance } from './substances.js';

export const MAX_DISTANCE_M = 10_000;
const RECEPTOR_M = 1.5;
/** Points along each side of a footprint. */
const SAMPLES = 60;
/** Metres per degree of latitude on the mean sphere (6,371.0088 km x pi/180, rounded), for local east/north offsets. */
export const M_PER_DEG = 111_195;

export interface ThreatInput {
  substance: Substance;
  /** Release rate of the dispersing gas, kg/s. */
  rateKgS: number;
  /** Wind at the release height, m/s. */
  windMs: number;
  stability: StabilityClass;
  terrain: Terrain;
  releaseHeightM: number;
  mixingHeightM: number;
  site: { lat: number; lon: number };
  windFromDeg: number;
}

export interface ThreatZone {
  level: 1 | 2 | 3;
  ppm: number;
  /** Farthest downwind distance reaching the level, m; null: not reached beyond the source's first metre. */
  distanceM: number | null;
  /** The footprint reaches the 10 km limit: the true distance is longer. */
  beyondLimit: boolean;
  /** Widest crosswind half-width, m. */
  halfWidthM: number;
  /** Closed ring of [lon, lat] points (empty when not reached). */
  ring: Array<[number, number]>;
}

/** Centreline ground-level concentration, kg/m3, at x downwind. */
function centreline(t: ThreatInput, x: number): number {
  return plumeConcentration(t.rateKgS, t.windMs, t.releaseHeightM, x, 0, RECEPTOR_M, t.stability, t.terrain, t.mixingHeightM);
}

/**
 * Farthest x in [1 m, 10 km] where the centreline reaches c: scanned on a log grid from far to near (an elevated
 * source's centreline rises then falls), then refined by bisection.
 */
function reach(t: ThreatInput, c: number): number | null {
  const n = 400;
  let prev = MAX_DISTANCE_M;
  if (centreline(t, MAX_DISTANCE_M) >= c) return MAX_DISTANCE_M;
  for (let i = n - 1; i >= 0; i--) {
    const x = Math.pow(10, (4 * i) / n);
    if (centreline(t, x) >= c) {
      let lo = x;
      let hi = prev;
      for (let k = 0; k < 60; k++) {
        const mid = (lo + hi) / 2;
        if (centreline(t, mid) >= c) lo = mid;
        else hi = mid;
      }
      return lo;
    }
    prev = x;
  }
  return null;
}

export function threatZones(t: ThreatInput): ThreatZone[] {
  const toRad = Math.PI / 180;
  const ex = -Math.sin(t.windFromDeg * toRad);
  const ey = -Math.cos(t.windFromDeg * toRad);
  const cosLat = Math.cos(t.site.lat * toRad);
  const toLonLat = (x: number, y: number): [number, number] => {
    // x along the wind, y to its left: east = x ex + y ey... (y axis is the wind direction turned by +90 deg).
    const east = x * ex - y * ey;
    const north = x * ey + y * ex;
    return [t.site.lon + east / (M_PER_DEG * cosLat), t.site.lat + north / M_PER_DEG];
  };
  const out: ThreatZone[] = [];
  for (const level of [3, 2, 1] as const) {
    const ppm = aegl60(t.substance, level);
    const c = kgM3FromPpm(ppm, t.substance.molarMassGMol);
    const far = reach(t, c);
    if (far === null) {
      out.push({ level, ppm, distanceM: null, beyondLimit: false, halfWidthM: 0, ring: [] });
      continue;
    }
    const left: Array<[number, number]> = [];
    const right: Array<[number, number]> = [];
    let widest = 0;
    for (let i = 0; i <= SAMPLES; i++) {
      const x = 1 + ((far - 1) * i) / SAMPLES;
      const c0 = centreline(t, x);
      const sy = briggsSigmas(x, t.stability, t.terrain).y;
      const half = c0 > c ? sy * Math.sqrt(2 * Math.log(c0 / c)) : 0;
      widest = Math.max(widest, half);
      left.push(toLonLat(x, half));
      right.push(toLonLat(x, -half));
    }
    const ring = [toLonLat(0, 0), ...left, ...right.reverse(), toLonLat(0, 0)];
    out.push({ level, ppm, distanceM: far, beyondLimit: far >= MAX_DISTANCE_M, halfWidthM: widest, ring });
  }
  return out;
}

/** The footprints as a GeoJSON FeatureCollection (RFC 7946: [longitude, latitude], counter-clockwise rings not required by readers). */
export function threatZonesGeoJson(zones: readonly ThreatZone[], t: ThreatInput): object {
  const colours = { 3: 'red', 2: 'orange', 1: 'yellow' } as const;
  return {
    type: 'FeatureCollection',
    features: zones
      .filter((z) => z.ring.length > 0)
      .map((z) => ({
        type: 'Feature',
        properties: {
          level: `AEGL-${z.level}`,
          zone: colours[z.level],
          ppm: z.ppm,
          substance: t.substance.id,
          distanceM: Math.round(z.distanceM ?? 0),
          beyondLimit: z.beyondLimit,
          stability: t.stability,
          windMs: t.windMs,
          windFromDeg: t.windFromDeg,
          rateKgS: t.rateKgS,
        },
        geometry: { type: 'Polygon', coordinates: [z.ring] },
      })),
  };
}
