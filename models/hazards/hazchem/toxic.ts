/**
 * Toxic load, probits and indoor concentration (docs/models/hazchem.md section 5).
 *
 * Probit Y = a + b ln(L), L = sum C^n dt (C ppm, t min), P = Phi(Y - 5) (Finney 1971; the toxic-load form of
 * ten Berge et al. 1986, J. Hazard. Mater. 13:301). Indoors: one well-mixed zone with air-exchange rate lambda,
 * dC_in/dt = lambda (C_out - C_in), updated exactly for a step with C_out held constant.
 */
import { normalCdf } from '../../../engine/random/normal-cdf.js';

export interface Probit {
  a: number;
  b: number;
  n: number;
}

/** The probit of a toxic load (ppm^n min); -Infinity for no load. */
export function probitOfLoad(p: Probit, load: number): number {
  return load > 0 ? p.a + p.b * Math.log(load) : -Infinity;
}

/** The probability of the effect for a probit value. */
export function probability(y: number): number {
  return y === -Infinity ? 0 : normalCdf(y - 5);
}

/** Probit and probability of a constant concentration (ppm) for a time (min). */
export function probitConstant(p: Probit, ppm: number, minutes: number): { probit: number; probability: number } {
  const y = probitOfLoad(p, Math.pow(ppm, p.n) * minutes);
  return { probit: y, probability: probability(y) };
}

/**
 * One exact step of the single-zone indoor model: C_in <- C_out + (C_in - C_out) e^(-lambda dt), with lambda in
 * air changes per hour and dt in minutes. Unconditionally stable.
 */
export function indoorStep(cIn: number, cOut: number, achPerH: number, dtMin: number): number {
  return cOut + (cIn - cOut) * Math.exp((-achPerH * dtMin) / 60);
}

/**
 * The exact integral of C_in over such a step (concentration x min), for dose accounting with n = 1:
 * C_out dt + (C_in0 - C_out) (1 - e^(-lambda dt)) / lambda.
 */
export function indoorStepDose(cIn: number, cOut: number, achPerH: number, dtMin: number): number {
  const lam = achPerH / 60;
  if (lam === 0) return cIn * dtMin;
  return cOut * dtMin + ((cIn - cOut) * (1 - Math.exp(-lam * dtMin))) / lam;
}
