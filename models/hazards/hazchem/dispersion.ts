/**
 * Gaussian dispersion (docs/models/hazchem.md section 3): Briggs's (1973) dispersion coefficients for a
 * continuous plume, rural and urban, as tabulated in CCPS (1999) Guidelines for Consequence Analysis of Chemical
 * Releases; the CCPS puff coefficients; the Gaussian plume with total ground reflection and a mixing lid by the
 * method of images (Beychok 1994, Fundamentals of Stack Gas Dispersion, p. 123; Turner 1970, Workbook of
 * Atmospheric Dispersion Estimates, AP-26); the Gaussian puff for an instantaneous release (CCPS 1999 p. 101).
 *
 * Units: metres, seconds, kilograms; concentrations in kg/m3. All functions are pure and allocation-free: the
 * field is evaluated for every zone at every step.
 */
import type { StabilityClass, Terrain } from './stability.js';

export interface Sigmas {
  y: number;
  z: number;
}

// Briggs coefficients: sigma = a x (1 + b x)^c. Rural A..F (open country) and urban (A-B, C, D, E-F).
// Urban E-F sigma_z uses 0.0015 (CCPS 1999 / ISC3 urban), not the 0.0003 of some public tables.
type Coef = readonly [a: number, b: number, c: number];
const RURAL_Y: Readonly<Record<StabilityClass, Coef>> = {
  A: [0.22, 0.0001, -0.5], B: [0.16, 0.0001, -0.5], C: [0.11, 0.0001, -0.5],
  D: [0.08, 0.0001, -0.5], E: [0.06, 0.0001, -0.5], F: [0.04, 0.0001, -0.5],
};
const RURAL_Z: Readonly<Record<StabilityClass, Coef>> = {
  A: [0.2, 0, 0], B: [0.12, 0, 0], C: [0.08, 0.0002, -0.5],
  D: [0.06, 0.0015, -0.5], E: [0.03, 0.0003, -1], F: [0.016, 0.0003, -1],
};
const URBAN_Y: Readonly<Record<StabilityClass, Coef>> = {
  A: [0.32, 0.0004, -0.5], B: [0.32, 0.0004, -0.5], C: [0.22, 0.0004, -0.5],
  D: [0.16, 0.0004, -0.5], E: [0.11, 0.0004, -0.5], F: [0.11, 0.0004, -0.5],
};
const URBAN_Z: Readonly<Record<StabilityClass, Coef>> = {
  A: [0.24, 0.001, 0.5], B: [0.24, 0.001, 0.5], C: [0.2, 0, 0],
  D: [0.14, 0.0003, -0.5], E: [0.08, 0.0015, -0.5], F: [0.08, 0.0015, -0.5],
};

const briggs = (k: Coef, x: number): number => k[0] * x * (k[2] === 0 ? 1 : Math.pow(1 + k[1] * x, k[2]));

/** Below 1 m the power laws go to zero: distances are clamped to 1 m (the formulas are fitted on 100 m - 10 km). */
const MIN_X = 1;

/** Briggs plume sigmas (m) at downwind distance x (m). */
export function briggsSigmas(x: number, cls: StabilityClass, terrain: Terrain, out: Sigmas = { y: 0, z: 0 }): Sigmas {
  const d = Math.max(MIN_X, x);
  out.y = briggs((terrain === 'urban' ? URBAN_Y : RURAL_Y)[cls], d);
  out.z = briggs((terrain === 'urban' ? URBAN_Z : RURAL_Z)[cls], d);
  return out;
}

// CCPS puff coefficients sigma = a x^b (sigma_x = sigma_y).
const PUFF_Y: Readonly<Record<StabilityClass, readonly [number, number]>> = {
  A: [0.18, 0.92], B: [0.14, 0.92], C: [0.1, 0.92], D: [0.06, 0.92], E: [0.04, 0.92], F: [0.02, 0.89],
};
const PUFF_Z: Readonly<Record<StabilityClass, readonly [number, number]>> = {
  A: [0.6, 0.75], B: [0.53, 0.73], C: [0.34, 0.71], D: [0.15, 0.7], E: [0.1, 0.65], F: [0.05, 0.61],
};

/** CCPS puff sigmas (m) at travel distance x (m): y is both the along-wind and the crosswind sigma. */
export function puffSigmas(x: number, cls: StabilityClass, out: Sigmas = { y: 0, z: 0 }): Sigmas {
  const d = Math.max(MIN_X, x);
  const [ay, by] = PUFF_Y[cls];
  const [az, bz] = PUFF_Z[cls];
  out.y = ay * Math.pow(d, by);
  out.z = az * Math.pow(d, bz);
  return out;
}

/** Image terms kept on each side under a mixing lid (the sum converges long before). */
const IMAGES = 6;
/** Above sigma_z = 1.6 L the plume is mixed evenly under the lid (Turner 1970). */
const WELL_MIXED = 1.6;

/**
 * The vertical factor of the Gaussian kernel, in 1/m: [exp(-(z-H)^2/2sz^2) + exp(-(z+H)^2/2sz^2)] / (sqrt(2 pi) sz)
 * with total reflection at the ground and, under a lid at L (m; Infinity for none), the images at 2nL; once
 * sz >= 1.6 L, the well-mixed 1/L.
 */
export function verticalFactor(z: number, h: number, sz: number, lid: number): number {
  const k = 1 / (Math.sqrt(2 * Math.PI) * sz);
  const g = (d: number): number => Math.exp((-d * d) / (2 * sz * sz));
  if (!(lid < Infinity)) return k * (g(z - h) + g(z + h));
  if (sz >= WELL_MIXED * lid) return 1 / lid;
  let sum = 0;
  for (let n = -IMAGES; n <= IMAGES; n++) sum += g(z - h + 2 * n * lid) + g(z + h + 2 * n * lid);
  return k * sum;
}

/**
 * Steady Gaussian plume concentration (kg/m3) of a continuous release Q (kg/s) at height H (m) in a wind u
 * (m/s, at the release height), at x downwind, y crosswind, z above ground; 0 upwind.
 */
export function plumeConcentration(
  q: number, u: number, h: number, x: number, y: number, z: number, cls: StabilityClass, terrain: Terrain, lid = Infinity, s: Sigmas = { y: 0, z: 0 },
): number {
  if (x <= 0) return 0;
  briggsSigmas(x, cls, terrain, s);
  const lateral = Math.exp((-y * y) / (2 * s.y * s.y)) / (Math.sqrt(2 * Math.PI) * s.y);
  return (q / u) * lateral * verticalFactor(z, h, s.z, lid);
}

/**
 * Gaussian puff concentration (kg/m3) of an instantaneous release m (kg) at height H, t seconds after the
 * release, at (x, y, z); the sigmas are taken at the puff centre's travel distance u t (CCPS 1999).
 */
export function puffConcentration(
  m: number, u: number, h: number, x: number, y: number, z: number, t: number, cls: StabilityClass, lid = Infinity, s: Sigmas = { y: 0, z: 0 },
): number {
  if (t <= 0) return 0;
  const xc = u * t;
  puffSigmas(xc, cls, s);
  const dx = x - xc;
  const horizontal = Math.exp((-dx * dx - y * y) / (2 * s.y * s.y)) / (2 * Math.PI * s.y * s.y);
  return m * horizontal * verticalFactor(z, h, s.z, lid);
}

/**
 * Default mixing height when no sounding is given: none (Infinity) for E and F; else L = 0.3 u* / f with
 * u* = 0.1 u10 and the Coriolis parameter f = 2 Omega sin(lat) (US EPA 1995, ISC3 user guide, as in
 * GasDispersion.jl). A valley night's drainage layer is a scenario input, not this default.
 */
export function defaultMixingHeight(u10: number, cls: StabilityClass, latDeg: number): number {
  if (cls === 'E' || cls === 'F') return Infinity;
  const f = 2 * 7.2921e-5 * Math.sin((latDeg * Math.PI) / 180);
  return (0.3 * 0.1 * u10) / f;
}

/** Density of air at 25 C and 1 atm, kg/m3 (ideal gas, M = 28.96 g/mol). */
const AIR_DENSITY = (101325 * 0.02896) / (8.314462618 * 298.15);

/**
 * Britter & McQuaid (1988, Workbook on the Dispersion of Dense Gases, HSE CRR 17/1988) criterion for a continuous
 * release of a gas at ambient temperature: (g0' q0 / (u^3 D))^(1/3) with g0' = g (rho0 - rho_a)/rho_a, q0 the
 * volume rate at source density and D = sqrt(q0/u). At 0.15 or more, dense-gas effects (slumping, upwind and
 * crosswind spread, higher near-field concentrations) matter near the source and the Gaussian plume is a
 * screening estimate there. 0 for a gas lighter than air. A cold or aerosol-laden release is denser still.
 */
export function denseGasCriterion(massRateKgS: number, molarMassKgMol: number, windMs: number): number {
  const rho0 = (101325 * molarMassKgMol) / (8.314462618 * 298.15);
  if (rho0 <= AIR_DENSITY) return 0;
  const g0 = (9.80665 * (rho0 - AIR_DENSITY)) / AIR_DENSITY;
  const q0 = massRateKgS / rho0;
  const d = Math.sqrt(q0 / windMs);
  return Math.cbrt((g0 * q0) / (windMs ** 3 * d));
}

/** The criterion's threshold for a continuous release. */
export const DENSE_GAS_THRESHOLD = 0.15;
