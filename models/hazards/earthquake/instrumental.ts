/**
 * Instrumental seismic intensity on the Chinese scale from peak ground motion, GB/T 17742-2020 "The Chinese
 * seismic intensity scale", Appendix A: with PGA in m/s² and PGV in m/s (peaks of the synthesised three
 * components, 0.1-10 Hz),
 *   I_A = 3.17 lg(PGA) + 6.59,   I_V = 3.00 lg(PGV) + 9.77,
 *   I = I_V when I_A ≥ 6.0 and I_V ≥ 6.0, otherwise (I_A + I_V) / 2, clamped to [1, 12].
 * The standard reports I to 0.1; this returns it unrounded (rounding is the caller's presentation choice).
 * Its table A.1 puts the edges of degree VI at (PGA 0.457 m/s², PGV 0.0381 m/s) and (0.936, 0.0817), which
 * the formulas reproduce (test/hazards/earthquake/instrumental.test.ts).
 */

/** The PGA component I_A (PGA in m/s²). */
export function intensityFromPga(pgaMs2: number): number {
  return 3.17 * Math.log10(pgaMs2) + 6.59;
}

/** The PGV component I_V (PGV in m/s). */
export function intensityFromPgv(pgvMs: number): number {
  return 3.0 * Math.log10(pgvMs) + 9.77;
}

/** The instrumental intensity I of GB/T 17742-2020 Appendix A, unrounded, in [1, 12]. */
export function instrumentalIntensity(pgaMs2: number, pgvMs: number): number {
  const ia = intensityFromPga(pgaMs2);
  const iv = intensityFromPgv(pgvMs);
  const i = ia >= 6 && iv >= 6 ? iv : (ia + iv) / 2;
  return Math.min(12, Math.max(1, i));
}

/** PGA (m/s²) whose I_A is `intensity`: the inverse of intensityFromPga. */
export function pgaFromIntensity(intensity: number): number {
  return 10 ** ((intensity - 6.59) / 3.17);
}

/** PGV (m/s) whose I_V is `intensity`: the inverse of intensityFromPgv. */
export function pgvFromIntensity(intensity: number): number {
  return 10 ** ((intensity - 9.77) / 3.0);
}
