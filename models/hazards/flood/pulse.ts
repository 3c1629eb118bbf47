/**
 * The flood-wave pulse: an asymmetric raised-cosine (half a cosine period up, half down) above base.
 *
 *   P(t) = A sin^2( pi (t - s) / (2 R) )      s <= t <= p   (rising limb, s = p - R)
 *   P(t) = A cos^2( pi (t - p) / (2 F) )      p <= t <= e   (falling limb, e = p + F)
 *   P(t) = 0                                   otherwise
 *
 * (A sin^2(x/2) is the raised cosine A (1 - cos x)/2.) Why this shape:
 * - the peak height and time are exactly the data (P(p) = A, the only maximum), which the 2020 record
 *   gives and a gamma-like pulse only reaches through its parameters;
 * - rise and fall durations are independent, and the support is finite: before s and after e the
 *   gauge is at base, so a wave has a clear start and end and does not leak into other rounds;
 * - it is C1 (zero slope at start, peak and end), like a real stage trace;
 * - every question the model asks has a closed form: the crossing times of a level are
 *   s + (2R/pi) atan2(sqrt(d), sqrt(A - d)) and p + (2F/pi) atan2(sqrt(A - d), sqrt(d)) for d = level
 *   - base, so wet intervals cost a few flops (written with atan2 of the two square roots, so both
 *   ends of the range stay well conditioned); the steepest rise is A pi / (2R) at mid-rise.
 *
 * These are small free functions over numbers so the Hydrograph can keep its pulses in typed arrays.
 */

const HALF_PI = Math.PI / 2;
const TWO_OVER_PI = 2 / Math.PI;

/** Rising crossing time of height d above base, for 0 <= d < a. */
export function pulseRiseCrossing(a: number, s: number, p: number, d: number): number {
  return s + (p - s) * TWO_OVER_PI * Math.atan2(Math.sqrt(d), Math.sqrt(a - d));
}

/** Falling crossing time of height d above base, for 0 <= d < a. */
export function pulseFallCrossing(a: number, p: number, e: number, d: number): number {
  return p + (e - p) * TWO_OVER_PI * Math.atan2(Math.sqrt(a - d), Math.sqrt(d));
}

/** Slope dP/dt (m per minute) on the rising limb, s <= t <= p: A pi/(2R) sin(pi (t - s)/R); exactly 0 at both ends. */
export function pulseRiseSlope(a: number, s: number, p: number, t: number): number {
  if (t <= s || t >= p) return 0;
  const r = p - s;
  return ((a * HALF_PI) / r) * Math.sin((Math.PI * (t - s)) / r);
}
