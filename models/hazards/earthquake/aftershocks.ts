/**
 * Aftershocks (docs/models/earthquake.md section 5): the Reasenberg-Jones rate of aftershocks of magnitude
 * >= M at t days after a mainshock Mm, λ(t, M) = 10^(a + b (Mm - M)) (t + c)^(-p) (Reasenberg & Jones 1989,
 * Science 243:1173; USGS Operational Aftershock Forecasting), with the generic parameters of Page et al.
 * (2016, BSSA 106:2290) for active shallow continental crust (ANSR-SHALCON, Garcia et al. 2012 regimes), as
 * used operationally by the USGS (opensha/opensha-oaf GenericRJ_ParametersFetch.json). Sichuan's crust is
 * active shallow continental.
 */

export interface RjParameters {
  /** Mean productivity a, and its between-sequence standard deviation. */
  a: number;
  aSigma: number;
  b: number;
  p: number;
  /** Omori c, days. */
  c: number;
}

export const RJ_REGIMES = {
  'ANSR-SHALCON': { a: -2.42, aSigma: 0.63, b: 1.0, p: 0.98, c: 0.018 },
  'ANSR-DEEPCON': { a: -2.13, aSigma: 0.52, b: 1.0, p: 0.98, c: 0.018 },
  'SCR-GENERIC': { a: -2.85, aSigma: 0.78, b: 1.0, p: 0.73, c: 0.018 },
} as const satisfies Record<string, RjParameters>;

export type RjRegime = keyof typeof RJ_REGIMES;
/** The Sichuan default: active shallow continental crust. */
export const SICHUAN_RJ: RjParameters = RJ_REGIMES['ANSR-SHALCON'];

/** ∫ from t1 to t2 of (t + c)^(-p) dt. */
export function omoriIntegral(p: number, c: number, t1: number, t2: number): number {
  if (Math.abs(1 - p) < 1e-6) return Math.log((t2 + c) / (t1 + c));
  const q = 1 - p;
  return ((t2 + c) ** q - (t1 + c) ** q) / q;
}

/** Expected number of aftershocks of magnitude >= minMagnitude between fromDays and toDays. */
export function expectedAftershocks(rj: RjParameters, mainshock: number, minMagnitude: number, fromDays: number, toDays: number, a = rj.a): number {
  return 10 ** (a + rj.b * (mainshock - minMagnitude)) * omoriIntegral(rj.p, rj.c, fromDays, toDays);
}

/** Inverse CDF of the Omori time density on [t1, t2] (days) at u in [0, 1). */
export function aftershockTime(rj: Pick<RjParameters, 'p' | 'c'>, t1: number, t2: number, u: number): number {
  const { p, c } = rj;
  if (Math.abs(1 - p) < 1e-6) return (t1 + c) * ((t2 + c) / (t1 + c)) ** u - c;
  const q = 1 - p;
  return ((t1 + c) ** q + u * ((t2 + c) ** q - (t1 + c) ** q)) ** (1 / q) - c;
}

/** Truncated Gutenberg-Richter magnitude on [mMin, mMax] at u in [0, 1). */
export function aftershockMagnitude(b: number, mMin: number, mMax: number, u: number): number {
  return mMin - Math.log10(1 - u * (1 - 10 ** (-b * (mMax - mMin)))) / b;
}

/** Surface rupture length (km), Wells & Coppersmith (1994), all slip types: lg L = -3.22 + 0.69 Mw. */
export function ruptureLengthKm(magnitude: number): number {
  return 10 ** (-3.22 + 0.69 * magnitude);
}
