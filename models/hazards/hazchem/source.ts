/**
 * Source terms: how fast a leak releases (docs/models/hazchem.md section 4). Formulas from CCPS (1999)
 * Guidelines for Consequence Analysis of Chemical Releases and Crowl & Louvar (2011) Chemical Process Safety,
 * ch. 4 (eqs. 4-6, 4-50, 4-51); pool evaporation Crowl & Louvar eqs. 3-12/3-14. SI units.
 */

/** Molar gas constant, J/(mol K) (CODATA 2018, exact). */
export const R_GAS = 8.314462618;
export const G = 9.80665;

/** Liquid through a hole (Bernoulli): m = Cd A sqrt(2 rho (Pg + rho g hL)); returns kg/s and the exit velocity. */
export function liquidHole(rho: number, cd: number, diameterM: number, gaugePa: number, headM: number): { massRateKgS: number; exitVelocityMs: number } {
  const dp = gaugePa + rho * G * headM;
  if (dp <= 0) return { massRateKgS: 0, exitVelocityMs: 0 };
  const area = (Math.PI * diameterM * diameterM) / 4;
  const v = cd * Math.sqrt((2 * dp) / rho);
  return { massRateKgS: rho * area * v, exitVelocityMs: v };
}

/** The critical pressure ratio P_a/P_0 at or below which gas flow through a hole is choked. */
export function criticalPressureRatio(k: number): number {
  return Math.pow(2 / (k + 1), k / (k - 1));
}

/**
 * Gas through a hole from a reservoir at absolute pressure p0 and temperature t0 into ambient pa: choked
 * m = Cd A sqrt(k rho0 p0 (2/(k+1))^((k+1)/(k-1))), else the subsonic form with r = pa/p0.
 */
export function gasHole(
  molarMassKgMol: number, k: number, p0: number, t0: number, cd: number, diameterM: number, pa: number,
): { massRateKgS: number; choked: boolean } {
  if (p0 <= pa) return { massRateKgS: 0, choked: false };
  const area = (Math.PI * diameterM * diameterM) / 4;
  const rho0 = (p0 * molarMassKgMol) / (R_GAS * t0);
  const r = pa / p0;
  if (r <= criticalPressureRatio(k)) {
    return { massRateKgS: cd * area * Math.sqrt(k * rho0 * p0 * Math.pow(2 / (k + 1), (k + 1) / (k - 1))), choked: true };
  }
  const flow = (2 * rho0 * p0 * k) / (k - 1) * (Math.pow(r, 2 / k) - Math.pow(r, (k + 1) / k));
  return { massRateKgS: cd * area * Math.sqrt(flow), choked: false };
}

/**
 * Evaporation of a non-boiling pool (kg/s): m = M K A Psat / (R T), with the mass-transfer coefficient scaled from
 * water's K0 = 0.83 cm/s by (18/M)^(1/3) (Crowl & Louvar 2011 eqs. 3-12, 3-14).
 */
export function poolEvaporation(molarMassKgMol: number, areaM2: number, vapourPressurePa: number, liquidTempK: number): number {
  const k = 0.0083 * Math.pow(0.018 / molarMassKgMol, 1 / 3);
  return (molarMassKgMol * k * areaM2 * vapourPressurePa) / (R_GAS * liquidTempK);
}
