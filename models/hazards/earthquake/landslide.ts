/**
 * Earthquake-triggered landslides on road-side slopes (docs/models/earthquake.md section 6): Newmark's rigid
 * block (Newmark 1965) with the critical acceleration of an infinite slope, the displacement regression of
 * Jibson (2007, Engineering Geology 91:209, model (a): lg Dn = 0.215 + lg[(1 - ac/amax)^2.341 (ac/amax)^-1.438],
 * Dn in cm) and the probability of failure of Jibson et al. (2000, Engineering Geology 58:271, Northridge),
 * P(f) = 0.335 [1 - exp(-0.048 Dn^1.565)], as implemented in the OpenQuake engine (openquake/sep/landslide).
 */

/** Critical acceleration (g) of a slope of `slopeDeg` with static factor of safety `fs`, floored at 1e-4 g. */
export function criticalAccelerationG(fs: number, slopeDeg: number): number {
  return Math.max(1e-4, (fs - 1) * Math.sin((slopeDeg * Math.PI) / 180));
}

/** Newmark displacement (cm), Jibson 2007 model (a); ac/amax clipped to [0.05, 1] (0 at 1). */
export function jibsonDisplacementCm(acG: number, pgaG: number): number {
  if (!(pgaG > 0)) return 0;
  const r = Math.min(1, Math.max(0.05, acG / pgaG));
  if (r >= 1) return 0;
  return 10 ** (0.215 + Math.log10((1 - r) ** 2.341 * r ** -1.438));
}

/** Probability that a slope fails at a Newmark displacement of `dnCm` (Jibson et al. 2000). */
export function slopeFailureProbability(dnCm: number): number {
  if (!(dnCm > 0)) return 0;
  return 0.335 * (1 - Math.exp(-0.048 * dnCm ** 1.565));
}
