/**
 * GB/T 17742-2020 Appendix A instrumental intensity: the two components, the rule that picks I_V above
 * degree VI, the clamp, and the edges of degree VI that the standard's table A.1 gives as peak pairs.
 */
import { describe, expect, it } from 'vitest';
import {
  instrumentalIntensity,
  intensityFromPga,
  intensityFromPgv,
  pgaFromIntensity,
  pgvFromIntensity,
} from '../../../models/hazards/earthquake/instrumental.js';

describe('instrumental intensity (GB/T 17742-2020)', () => {
  it('PGA 1.0 m/s² and PGV 0.1 m/s give I_A 6.59, I_V 6.77 and I = I_V (both at least 6)', () => {
    expect(intensityFromPga(1.0)).toBeCloseTo(6.59, 12);
    expect(intensityFromPgv(0.1)).toBeCloseTo(6.77, 12);
    expect(instrumentalIntensity(1.0, 0.1)).toBeCloseTo(6.77, 12);
  });

  it('below degree VI the two components are averaged', () => {
    const ia = intensityFromPga(0.3);
    const iv = intensityFromPgv(0.02);
    expect(ia).toBeLessThan(6);
    expect(instrumentalIntensity(0.3, 0.02)).toBeCloseTo((ia + iv) / 2, 12);
  });

  it('reproduces the edges of degree VI in table A.1: 5.5 at (0.457, 0.0381), 6.5 at (0.936, 0.0817)', () => {
    expect(instrumentalIntensity(0.457, 0.0381)).toBeCloseTo(5.5, 1);
    expect(Math.abs(instrumentalIntensity(0.457, 0.0381) - 5.5)).toBeLessThan(0.02);
    expect(Math.abs(instrumentalIntensity(0.936, 0.0817) - 6.5)).toBeLessThan(0.02);
  });

  it('is clamped to [1, 12]', () => {
    expect(instrumentalIntensity(1e-6, 1e-7)).toBe(1);
    expect(instrumentalIntensity(99, 19)).toBe(12);
  });

  it('the inverses give back the component intensities', () => {
    for (const i of [4.5, 6, 7.3, 9, 10.8]) {
      expect(intensityFromPga(pgaFromIntensity(i))).toBeCloseTo(i, 10);
      expect(intensityFromPgv(pgvFromIntensity(i))).toBeCloseTo(i, 10);
    }
  });
});
