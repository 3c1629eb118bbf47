/**
 * Flood consequence functions (docs/models/flood.md sections 6-8): mortality of people left in the water, damage to
 * buildings and paved roads, and road passability. Pure functions of depth (m) and, for mortality, the
 * local rise rate and flow velocity. Depth <= 0 means dry. NaN inputs throw RangeError (a NaN depth is
 * a bug upstream, and silently returning 0 would hide deaths).
 */
import { normalCdf } from '../../../engine/random/normal-cdf.js';

function checkDepth(depthM: number): void {
  if (Number.isNaN(depthM)) throw new RangeError('flood consequences: depth is NaN');
}

/** Piecewise-linear interpolation on increasing knots xs, constant (clamped) outside. */
function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  const last = xs.length - 1;
  if (x <= (xs[0] as number)) return ys[0] as number;
  if (x >= (xs[last] as number)) return ys[last] as number;
  let k = 1;
  while ((xs[k] as number) < x) k++;
  const x0 = xs[k - 1] as number;
  const y0 = ys[k - 1] as number;
  return y0 + (((ys[k] as number) - y0) * (x - x0)) / ((xs[k] as number) - x0);
}

// --- mortality: Jonkman (2007) ----------------------------------------------------------------------

/**
 * Jonkman, S. N. (2007), Loss of life estimation in flood risk assessment, PhD thesis, TU Delft:
 * mortality among the exposed population (those not evacuated) by hydraulic zone.
 */
export const JONKMAN = {
  /** Breach / high-velocity zone: h v >= 7 m2/s and v >= 2 m/s -> F = 1. */
  breachDepthVelocity: 7,
  breachVelocityMs: 2,
  /** Rapidly rising zone: rise >= 0.5 m/h and h >= 2.1 m -> F = Φ((ln h - 1.46) / 0.28). */
  rapidRiseMPerH: 0.5,
  rapidMinDepthM: 2.1,
  rapidMu: 1.46,
  rapidSigma: 0.28,
  /** Remaining zone: F = Φ((ln h - 7.60) / 2.75). */
  remainingMu: 7.6,
  remainingSigma: 2.75,
} as const;

export type JonkmanZone = 'dry' | 'breach' | 'rapidlyRising' | 'remaining';

export interface JonkmanConditions {
  /** Rate of rise of the water (m/h), e.g. Hydrograph.maxRiseRateMPerH over the wet interval; default 0. */
  riseRateMPerH?: number;
  /** Flow velocity (m/s), >= 0; default 0 (river-stage flooding behind the bank is slow). */
  velocityMs?: number;
}

/** Which of Jonkman's zones applies at this depth, rise rate and velocity. */
export function jonkmanZone(depthM: number, conditions: JonkmanConditions = {}): JonkmanZone {
  checkDepth(depthM);
  const rise = conditions.riseRateMPerH ?? 0;
  const v = conditions.velocityMs ?? 0;
  if (Number.isNaN(rise)) throw new RangeError('Jonkman mortality: riseRateMPerH is NaN');
  if (!(v >= 0)) throw new RangeError(`Jonkman mortality: velocityMs must be >= 0, got ${v}`);
  if (depthM <= 0) return 'dry';
  if (depthM * v >= JONKMAN.breachDepthVelocity && v >= JONKMAN.breachVelocityMs) return 'breach';
  if (rise >= JONKMAN.rapidRiseMPerH && depthM >= JONKMAN.rapidMinDepthM) return 'rapidlyRising';
  return 'remaining';
}

/** Mortality fraction F (0..1) of the exposed people at this depth (Jonkman 2007); 0 when dry. */
export function jonkmanMortality(depthM: number, conditions: JonkmanConditions = {}): number {
  switch (jonkmanZone(depthM, conditions)) {
    case 'dry':
      return 0;
    case 'breach':
      return 1;
    case 'rapidlyRising':
      return normalCdf((Math.log(depthM) - JONKMAN.rapidMu) / JONKMAN.rapidSigma);
    case 'remaining':
      return normalCdf((Math.log(depthM) - JONKMAN.remainingMu) / JONKMAN.remainingSigma);
  }
}

// --- building damage: Huizinga, de Moel & Szewczyk (2017), Asia ----------------------------------

export type Occupancy = 'residential' | 'commercial' | 'industrial';

/**
 * JRC global depth-damage functions, continental averages for Asia (Huizinga et al. 2017, EUR 28552 EN,
 * tables 3-2, 3-6, 3-11, as in nismod/open-gira config/damage_curves/flood/*_asia.csv): damage fraction
 * against water depth (m). Linear between knots, 1.0 from 6 m.
 */
export const HUIZINGA_ASIA_DEPTHS_M: readonly number[] = [0, 0.5, 1, 1.5, 2, 3, 4, 5, 6];
export const HUIZINGA_ASIA: Readonly<Record<Occupancy, readonly number[]>> = {
  residential: [0, 0.33, 0.49, 0.62, 0.72, 0.87, 0.93, 0.98, 1.0],
  commercial: [0, 0.38, 0.54, 0.66, 0.76, 0.88, 0.94, 0.98, 1.0],
  industrial: [0, 0.28, 0.48, 0.63, 0.72, 0.86, 0.91, 0.96, 1.0],
};

/** Building damage fraction (0..1) at this depth for an occupancy class. */
export function huizingaDamage(depthM: number, occupancy: Occupancy): number {
  checkDepth(depthM);
  const curve = HUIZINGA_ASIA[occupancy];
  if (curve === undefined) throw new RangeError(`Huizinga damage: unknown occupancy '${String(occupancy)}' (residential, commercial or industrial)`);
  return interpolate(HUIZINGA_ASIA_DEPTHS_M, curve, depthM);
}

// --- roads ------------------------------------------------------------------------------------------

export type VehicleClass = 'car' | 'emergency';

/**
 * Depth (m) at and above which a road is closed: cars at 0.3 m, where Pregnolato et al. (2017) make
 * the road impassable; high-clearance emergency vehicles at 0.5 m (docs/models/flood.md section 8, an estimate).
 */
export const ROAD_CLOSURE_DEPTH_M: Readonly<Record<VehicleClass, number>> = { car: 0.3, emergency: 0.5 };

/**
 * Pregnolato, Ford, Wilkinson & Dawson (2017), Transp. Res. D 55:67-81: safe vehicle speed (km/h) in
 * water depth w (mm), v(w) = 0.0009 w^2 - 0.5529 w + 86.9448 for 0 <= w < 300; 0 (impassable) from
 * 300 mm. Negative depth reads as dry.
 */
export function pregnolatoSpeedKmh(depthMm: number): number {
  checkDepth(depthMm);
  if (depthMm >= 300) return 0;
  const w = depthMm > 0 ? depthMm : 0;
  return 0.0009 * w * w - 0.5529 * w + 86.9448;
}

const PREGNOLATO_V0_KMH = 86.9448;

/** Speed factor v(w)/v(0) for cars (1 when dry, 0 when closed: exactly when roadClosed(depthM, 'car')). */
export function roadSpeedFactor(depthM: number): number {
  checkDepth(depthM);
  if (depthM >= ROAD_CLOSURE_DEPTH_M.car) return 0;
  if (depthM <= 0) return 1;
  return pregnolatoSpeedKmh(depthM * 1000) / PREGNOLATO_V0_KMH;
}

/**
 * Depth bands below closure in which water slows road traffic, as nested edge states (a band holds
 * while the depth is at least `fromM`; the slowest band that holds wins). Cars, trucks and emergency
 * vehicles take Pregnolato's speed at the band's mid-depth (0.05, 0.15 and 0.25 m: 71 %, 28 % and 6 % of
 * the dry speed); high-clearance emergency vehicles still drive from 0.3 m until their closure at 0.5 m,
 * at a slow wade (3 km/h of Pregnolato's 86.9, an estimate). A traveller sees the water as it drives in,
 * so these states are known at once.
 */
export const ROAD_SLOW_BANDS: ReadonlyArray<{ fromM: number; speedFactor: number; modes: Array<'car' | 'truck' | 'emergency'> }> = [
  ...[0, 0.1, 0.2].map((fromM) => ({ fromM, speedFactor: roadSpeedFactor(fromM + 0.05), modes: ['car', 'truck', 'emergency'] as Array<'car' | 'truck' | 'emergency'> })),
  { fromM: ROAD_CLOSURE_DEPTH_M.car, speedFactor: 3 / PREGNOLATO_V0_KMH, modes: ['emergency'] },
];

/** Whether a road under this depth of water is closed to the vehicle class. */
export function roadClosed(depthM: number, vehicle: VehicleClass = 'car'): boolean {
  checkDepth(depthM);
  const limit = ROAD_CLOSURE_DEPTH_M[vehicle];
  if (limit === undefined) throw new RangeError(`roadClosed: unknown vehicle class '${String(vehicle)}' (car or emergency)`);
  return depthM >= limit;
}

/**
 * Paved-road damage fraction against depth: Nirandjan et al. (2024) multi-hazard vulnerability curves,
 * curve F7.2a (nismod/open-gira config/damage_curves/flood/road_paved.csv). The published table has a
 * row every 0.05 m; it is linear between these knots (every row reproduced within 0.00065, i.e. to
 * its rounding); 1.0 from 6 m.
 */
export const ROAD_PAVED_DEPTHS_M: readonly number[] = [0, 0.5, 1, 1.5, 2, 3, 4, 5, 6];
export const ROAD_PAVED_DAMAGE: readonly number[] = [0, 0.145, 0.299, 0.398, 0.439, 0.587, 0.754, 0.906, 1.0];

export function roadDamageFraction(depthM: number): number {
  checkDepth(depthM);
  return interpolate(ROAD_PAVED_DEPTHS_M, ROAD_PAVED_DAMAGE, depthM);
}
