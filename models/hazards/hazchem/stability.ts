/**
 * Atmospheric stability and the wind profile (docs/models/hazchem.md section 2).
 *
 * Pasquill's table (Pasquill 1961, "The estimation of the dispersion of windborne material", Meteorol. Mag. 90,
 * as served on NOAA ARL READY "Pasquill Stability Classes"): wind speed at 10 m and daytime insolation or
 * night-time cloud give a class A (very unstable) .. F (stable), some cells a pair ("B-C"). Turner's (1964)
 * net-radiation key (US EPA, Meteorological Monitoring Guidance for Regulatory Modeling Applications,
 * EPA-454/R-99-005, section 6.4.1, Tables 6-4 to 6-6) gives a class from wind and the net-radiation index.
 */

export const CLASSES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type StabilityClass = (typeof CLASSES)[number];
/** A cell of Pasquill's table: one class or a pair of neighbours. */
export type PasquillCell = StabilityClass | 'A-B' | 'B-C' | 'C-D';

export type Insolation = 'strong' | 'moderate' | 'slight' | 'overcast';
/** Night sky: "clear" at most 3/8 cloud; "cloudy" thinly overcast or at least 4/8 low cloud. */
export type NightCloud = 'clear' | 'cloudy';

// Rows: u10 < 2, 2-3, 3-5, 5-6, > 6 m/s. Columns: strong, moderate, slight insolation; night cloudy, clear.
const PASQUILL: readonly (readonly PasquillCell[])[] = [
  ['A', 'A-B', 'B', 'E', 'F'],
  ['A-B', 'B', 'C', 'E', 'F'],
  ['B', 'B-C', 'C', 'D', 'E'],
  ['C', 'C-D', 'D', 'D', 'D'],
  ['C', 'D', 'D', 'D', 'D'],
];

function windRow(u10: number): number {
  if (u10 < 2) return 0;
  if (u10 < 3) return 1;
  if (u10 < 5) return 2;
  if (u10 <= 6) return 3;
  return 4;
}

/**
 * Pasquill's class by day (insolation) or night (cloud). An overcast sky gives D whatever the wind, day or
 * night (Pasquill's note). Class boundaries: a speed on a boundary belongs to the higher row (2 m/s is "2-3").
 * The night columns use at most 3/8 cloud for "clear" (Pasquill's original reading; READY heads it 4/8).
 */
export function pasquillClass(u10: number, period: 'day' | 'night', insolation?: Insolation, cloud?: NightCloud): PasquillCell {
  if (!(u10 >= 0)) throw new RangeError(`wind speed must be >= 0, got ${u10}`);
  const row = PASQUILL[windRow(u10)]!;
  if (period === 'day') {
    if (insolation === undefined) throw new RangeError('by day, give the insolation');
    if (insolation === 'overcast') return 'D';
    return row[insolation === 'strong' ? 0 : insolation === 'moderate' ? 1 : 2]!;
  }
  if (cloud === undefined) throw new RangeError('by night, give the cloud');
  return row[cloud === 'cloudy' ? 3 : 4]!;
}

/**
 * The class a model uses for a pair cell: the more stable of the two by default, since near a ground source
 * the more stable class gives the higher concentration (a conservative screening choice).
 */
export function resolveCell(cell: PasquillCell, pick: 'stable' | 'unstable' = 'stable'): StabilityClass {
  if (cell.length === 1) return cell as StabilityClass;
  const [a, b] = cell.split('-') as [StabilityClass, StabilityClass];
  return pick === 'stable' ? b : a;
}

// Turner's key, EPA-454/R-99-005 Table 6-4: rows by wind (knots 0-1, 2-3, 4-5, 6, 7, 8-9, 10, 11, >= 12),
// columns NRI 4, 3, 2, 1, 0, -1, -2; entries 1 = A .. 7 = G (G merged into F for regulatory use).
const TURNER_UPPER_MS = [0.7, 1.8, 2.8, 3.3, 3.8, 4.8, 5.4, 5.9, Infinity];
const TURNER: readonly (readonly number[])[] = [
  [1, 1, 2, 3, 4, 6, 7],
  [1, 2, 2, 3, 4, 6, 7],
  [1, 2, 3, 4, 4, 5, 6],
  [2, 2, 3, 4, 4, 5, 6],
  [2, 2, 3, 4, 4, 4, 5],
  [2, 3, 3, 4, 4, 4, 5],
  [3, 3, 4, 4, 4, 4, 5],
  [3, 3, 4, 4, 4, 4, 4],
  [3, 4, 4, 4, 4, 4, 4],
];

/** Turner's class from the 10 m wind (m/s) and the net-radiation index (-2..4); G is reported as F. */
export function turnerClass(u10: number, nri: number): StabilityClass {
  if (!Number.isInteger(nri) || nri < -2 || nri > 4) throw new RangeError(`net radiation index must be an integer in -2..4, got ${nri}`);
  let row = 0;
  while (u10 > TURNER_UPPER_MS[row]!) row++;
  const n = TURNER[row]![4 - nri]!;
  return CLASSES[Math.min(n, 6) - 1]!;
}

/**
 * Turner's net-radiation index (EPA-454/R-99-005 Table 6-6): overcast (10/10) with a low ceiling -> 0; night
 * -> -2 (cloud <= 4/10) or -1; day -> the insolation class of the solar altitude (> 60 deg 4, > 35 deg 3,
 * > 15 deg 2, else 1), reduced for cloud above 5/10 (by 2 under a ceiling below 7000 ft, by 1 otherwise), not below 1.
 */
export function netRadiationIndex(solarAltitudeDeg: number, cloudTenths: number, lowCeiling: boolean): number {
  if (cloudTenths >= 10 && lowCeiling) return 0;
  if (solarAltitudeDeg <= 0) return cloudTenths <= 4 ? -2 : -1;
  let nri = solarAltitudeDeg > 60 ? 4 : solarAltitudeDeg > 35 ? 3 : solarAltitudeDeg > 15 ? 2 : 1;
  if (cloudTenths > 5) nri -= lowCeiling ? 2 : 1;
  return Math.max(1, nri);
}

/**
 * Solar altitude (degrees) from latitude, day of year and local solar hour, by the standard declination and
 * hour-angle formula (Cooper 1969 declination; good to about a degree, enough to pick Turner's class).
 */
export function solarAltitudeDeg(latDeg: number, dayOfYear: number, solarHour: number): number {
  const rad = Math.PI / 180;
  const decl = 23.45 * Math.sin(rad * (360 * (284 + dayOfYear)) / 365);
  const hourAngle = 15 * (solarHour - 12);
  const s = Math.sin(latDeg * rad) * Math.sin(decl * rad) + Math.cos(latDeg * rad) * Math.cos(decl * rad) * Math.cos(hourAngle * rad);
  return Math.asin(Math.max(-1, Math.min(1, s))) / rad;
}

// Power-law exponents p of u(z) = u_ref (z / z_ref)^p (Irwin 1979, "A theoretical variation of the wind profile
// power-law exponent as a function of surface roughness and stability", Atmos. Environ. 13:191; urban set as in
// CCPS 1999, Guidelines for Consequence Analysis of Chemical Releases).
const P_RURAL: Readonly<Record<StabilityClass, number>> = { A: 0.07, B: 0.07, C: 0.1, D: 0.15, E: 0.35, F: 0.55 };
const P_URBAN: Readonly<Record<StabilityClass, number>> = { A: 0.15, B: 0.15, C: 0.2, D: 0.25, E: 0.4, F: 0.6 };

export type Terrain = 'rural' | 'urban';

/** Wind speed at height z from the speed at zRef by the power law; heights below 1 m are taken as 1 m. */
export function windAt(uRef: number, zRefM: number, zM: number, cls: StabilityClass, terrain: Terrain): number {
  const p = (terrain === 'urban' ? P_URBAN : P_RURAL)[cls];
  return uRef * Math.pow(Math.max(1, zM) / zRefM, p);
}
