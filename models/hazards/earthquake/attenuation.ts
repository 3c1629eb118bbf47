/**
 * Elliptical seismic-intensity attenuation on the Chinese scale (docs/models/earthquake.md section 1), the form
 * of the relations behind the 2015 seismic zonation map GB 18306-2015 (Yu Yanxiang, Li Shanyou & Xiao Liang
 * 2013, "Development of ground motion attenuation relations for the new seismic hazard map of China",
 * Technology for Earthquake Disaster Prevention 8(1)):
 *   long axis  I_a(R) = A_a + B M + C_a lg(R + R0_a)
 *   short axis I_b(R) = A_b + B M + C_b lg(R + R0_b)
 * with M the surface-wave magnitude and R the epicentral distance in km (no depth term: the regression is on
 * epicentral distance). The long axis lies along the rupture strike. A site off both axes lies on the isoseismal
 * ellipse (x/a(I))² + (y/b(I))² = 1, solved for I by bisection.
 */
import { DEG_TO_RAD, EARTH_RADIUS_KM } from '../../../engine/network/geo.js';

export interface AttenuationCoefficients {
  aLong: number;
  aShort: number;
  b: number;
  cLong: number;
  cShort: number;
  r0Long: number;
  r0Short: number;
  /** Standard deviation of the intensity residual (for reporting; the replication draws its own shift). */
  sigma: number;
}

/**
 * Yu, Li & Xiao (2013) coefficients per sub-region. The R0 of the short axis of the moderate-to-strong and
 * Qinghai-Tibet areas (7 and 9 km) were lost in the table read; they are the only values that make the two
 * axes meet at R = 0, I_a(0) = I_b(0), to 3-4 decimals (docs/models/earthquake.md section 1).
 */
export const ATTENUATION = {
  'qinghai-tibet': { aLong: 6.458, aShort: 3.3682, b: 1.2746, cLong: -4.4709, cShort: -3.3119, r0Long: 25, r0Short: 9, sigma: 0.6636 },
  'moderate-strong': { aLong: 5.841, aShort: 3.944, b: 1.071, cLong: -3.657, cShort: -2.845, r0Long: 15, r0Short: 7, sigma: 0.52 },
  eastern: { aLong: 5.7123, aShort: 3.6588, b: 1.3626, cLong: -4.2903, cShort: -3.5406, r0Long: 25, r0Short: 13, sigma: 0.5826 },
  xinjiang: { aLong: 5.6018, aShort: 3.6113, b: 1.4347, cLong: -4.4899, cShort: -3.8477, r0Long: 25, r0Short: 13, sigma: 0.5924 },
} as const satisfies Record<string, AttenuationCoefficients>;

export type AttenuationRegion = keyof typeof ATTENUATION;
export const ATTENUATION_REGIONS = Object.keys(ATTENUATION) as AttenuationRegion[];

const MIN_INTENSITY = 1;
const MAX_INTENSITY = 12;

/** Intensity along the long axis (strike) at R km, unclamped. */
export function longAxisIntensity(c: AttenuationCoefficients, magnitude: number, rKm: number): number {
  return c.aLong + c.b * magnitude + c.cLong * Math.log10(rKm + c.r0Long);
}

/** Intensity along the short axis (across strike) at R km, unclamped. */
export function shortAxisIntensity(c: AttenuationCoefficients, magnitude: number, rKm: number): number {
  return c.aShort + c.b * magnitude + c.cShort * Math.log10(rKm + c.r0Short);
}

/** Epicentral intensity I0 = I_a(0), capped at XII. */
export function epicentralIntensity(c: AttenuationCoefficients, magnitude: number): number {
  return Math.min(MAX_INTENSITY, longAxisIntensity(c, magnitude, 0));
}


/**
 * Site intensity at `alongKm` along strike and `acrossKm` across it from the epicentre: the I whose ellipse
 * passes through the site, in [1, I0]. Within 1 km of the epicentre it is I0 (R0 keeps the log finite; the
 * near field saturates at I0). 60 bisection steps bracket it to below 1e-12.
 */
export function ellipseIntensity(c: AttenuationCoefficients, magnitude: number, alongKm: number, acrossKm: number): number {
  const i0 = epicentralIntensity(c, magnitude);
  if (Math.hypot(alongKm, acrossKm) <= 1) return i0;
  // The ellipse of intensity I encloses the site while g(I) <= 1; g grows with I (radii shrink). The semi-axes
  // are the inverses of I_a and I_b: a(I) = 10^((I - A_a - B M) / C_a) - R0_a (and likewise b).
  const ka = Math.LN10 / c.cLong;
  const kb = Math.LN10 / c.cShort;
  const ma = c.aLong + c.b * magnitude;
  const mb = c.aShort + c.b * magnitude;
  const x2 = alongKm * alongKm;
  const y2 = acrossKm * acrossKm;
  const g = (i: number): number => {
    const a = Math.exp((i - ma) * ka) - c.r0Long;
    const b = Math.exp((i - mb) * kb) - c.r0Short;
    if (!(a > 0) || !(b > 0)) return Infinity;
    return x2 / (a * a) + y2 / (b * b);
  };
  // The site lies between the long-axis and the short-axis intensity at its distance: a tight bracket.
  const d = Math.hypot(alongKm, acrossKm);
  let lo = Math.max(MIN_INTENSITY, shortAxisIntensity(c, magnitude, d) - 1e-9);
  let hi = Math.min(i0, longAxisIntensity(c, magnitude, d) + 1e-9);
  if (g(lo) > 1) return lo <= MIN_INTENSITY ? MIN_INTENSITY : lo;
  for (let k = 0; k < 60 && hi - lo > 1e-10; k++) {
    const mid = 0.5 * (lo + hi);
    if (g(mid) <= 1) lo = mid;
    else hi = mid;
  }
  return Math.min(MAX_INTENSITY, Math.max(MIN_INTENSITY, lo));
}

const RAD = DEG_TO_RAD;

/** Great-circle distance (km) and initial bearing (degrees clockwise from north) from a to b. */
export function distanceBearing(aLat: number, aLon: number, bLat: number, bLon: number): { km: number; bearingDeg: number } {
  const p1 = aLat * RAD;
  const p2 = bLat * RAD;
  const dp = p2 - p1;
  const dl = (bLon - aLon) * RAD;
  const h = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  const km = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  const y = Math.sin(dl) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
  const bearingDeg = ((Math.atan2(y, x) / RAD) % 360 + 360) % 360;
  return { km, bearingDeg };
}

/** A point `km` from (lat, lon) on bearing `deg` (flat-earth step, for aftershock locations within tens of km). */
export function offsetPoint(lat: number, lon: number, alongKm: number, acrossKm: number, strikeDeg: number): { lat: number; lon: number } {
  const s = strikeDeg * RAD;
  // Along strike is the bearing; across is 90 degrees clockwise from it.
  const north = alongKm * Math.cos(s) - acrossKm * Math.sin(s);
  const east = alongKm * Math.sin(s) + acrossKm * Math.cos(s);
  return { lat: lat + north / (EARTH_RADIUS_KM * RAD), lon: lon + east / (EARTH_RADIUS_KM * RAD * Math.cos(lat * RAD)) };
}

export interface Source {
  lat: number;
  lon: number;
  magnitude: number;
  strikeDeg: number;
}

/** Site intensity of a point source on the Chinese scale, unrounded, in [1, min(I0, 12)]. */
export function siteIntensity(c: AttenuationCoefficients, source: Source, siteLat: number, siteLon: number): number {
  const { km, bearingDeg } = distanceBearing(source.lat, source.lon, siteLat, siteLon);
  const theta = (bearingDeg - source.strikeDeg) * RAD;
  return ellipseIntensity(c, source.magnitude, km * Math.cos(theta), km * Math.sin(theta));
}
