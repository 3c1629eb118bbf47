/**
 * Consequence functions against the reference oracles (docs/models/flood.md sections 6-9): F1 Jonkman remaining zone,
 * F1b Huizinga residential, the rapidly-rising and breach branches, Pregnolato road passability and
 * Nirandjan paved-road damage (rows of the published table). Φ is checked against Python's math.erfc
 * (an independent implementation) and against the project's inverse normal.
 */
import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../engine/random/special.js';
import {
  erfc,
  huizingaDamage,
  jonkmanMortality,
  jonkmanZone,
  normalCdf,
  pregnolatoSpeedKmh,
  roadClosed,
  roadDamageFraction,
  roadSpeedFactor,
} from '../../../models/hazards/flood/index.js';

/** Relative agreement to `digits` significant digits. */
function expectSignificant(actual: number, expected: number, digits: number): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(0.5 * 10 ** (1 - digits));
}

describe('normal CDF and erfc', () => {
  // Reference values: Python 3 math.erfc (glibc / libm), Φ(z) = erfc(-z/√2)/2.
  const ERFC: Array<[number, number]> = [
    [0.1, 0.8875370839817152],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [1.9, 0.0072095707647425325],
    [2, 0.004677734981047265],
    [2.1, 0.002979466656332984],
    [3, 2.2090496998585438e-5],
    [5, 1.5374597944280351e-12],
    [10, 2.088487583762545e-45],
  ];
  const PHI: Array<[number, number]> = [
    [-8, 6.220960574271819e-16],
    [-5, 2.866515718791946e-7],
    [-3, 0.0013498980316300957],
    [-1.5, 0.06680720126885809],
    [-0.5, 0.3085375387259869],
    [0, 0.5],
    [0.3, 0.6179114221889526],
    [1, 0.8413447460685429],
    [2.5, 0.9937903346742238],
    [6, 0.9999999990134123],
  ];

  it('erfc matches reference values to 1e-13 relative, both expansions', () => {
    for (const [x, want] of ERFC) expect(Math.abs(erfc(x) - want) / want, `erfc(${x})`).toBeLessThan(1e-13);
    for (const [x, want] of ERFC) expect(Math.abs(erfc(-x) - (2 - want)), `erfc(-${x})`).toBeLessThan(1e-15);
  });

  it('Φ matches reference values to 1e-12 relative, far into the lower tail', () => {
    for (const [z, want] of PHI) expect(Math.abs(normalCdf(z) - want) / want, `Φ(${z})`).toBeLessThan(1e-12);
  });

  it('Φ inverts engine/random normalQuantile (AS 241)', () => {
    for (const p of [1e-12, 1e-6, 0.001, 0.025, 0.2, 0.5, 0.8, 0.975, 0.999]) {
      expect(Math.abs(normalCdf(normalQuantile(p)) - p) / p, `p = ${p}`).toBeLessThan(1e-12);
    }
  });

  it('is continuous where the two expansions meet (x = 2)', () => {
    const below = erfc(2 - 1e-12);
    const above = erfc(2 + 1e-12);
    expect(Math.abs(below - above) / above).toBeLessThan(1e-11);
  });
});

describe('Jonkman (2007) mortality', () => {
  it('F1: remaining zone at 1, 2, 3, 5 m = 0.002858, 0.006010, 0.009036, 0.014689 (4 significant digits)', () => {
    const oracle: Array<[number, number]> = [
      [1, 0.002858],
      [2, 0.00601],
      [3, 0.009036],
      [5, 0.014689],
    ];
    for (const [h, f] of oracle) {
      expect(jonkmanZone(h)).toBe('remaining');
      expectSignificant(jonkmanMortality(h), f, 4);
    }
  });

  it('rapidly rising zone: F = 0.5 at h = e^1.46 (hand value), and Φ((ln 3 - 1.46)/0.28) = 0.098409 at 3 m', () => {
    const h = Math.exp(1.46);
    expect(jonkmanZone(h, { riseRateMPerH: 0.5 })).toBe('rapidlyRising');
    expect(jonkmanMortality(h, { riseRateMPerH: 0.5 })).toBeCloseTo(0.5, 12);
    // z = (1.098612 - 1.46)/0.28 = -1.290670; Φ(z) = 0.0984090 (Python math.erfc)
    expectSignificant(jonkmanMortality(3, { riseRateMPerH: 1 }), 0.09840899683634935, 10);
  });

  it('rapidly rising needs both rise >= 0.5 m/h and h >= 2.1 m', () => {
    expect(jonkmanZone(2.1, { riseRateMPerH: 0.5 })).toBe('rapidlyRising');
    expect(jonkmanZone(2.09, { riseRateMPerH: 5 })).toBe('remaining');
    expect(jonkmanZone(4, { riseRateMPerH: 0.49 })).toBe('remaining');
    expect(jonkmanMortality(4, { riseRateMPerH: 0.49 })).toBeCloseTo(normalCdf((Math.log(4) - 7.6) / 2.75), 15);
  });

  it('breach zone: F = 1 when h v >= 7 m2/s and v >= 2 m/s, and only then', () => {
    expect(jonkmanMortality(3.5, { velocityMs: 2 })).toBe(1);
    expect(jonkmanZone(3.5, { velocityMs: 2 })).toBe('breach');
    expect(jonkmanMortality(3, { velocityMs: 2 })).toBeLessThan(0.01); // h v = 6
    expect(jonkmanZone(10, { velocityMs: 1.9 })).toBe('remaining'); // h v = 19 but v < 2
    expect(jonkmanZone(3, { velocityMs: 3, riseRateMPerH: 2 })).toBe('breach'); // breach wins over rapid rise
  });

  it('dry for h <= 0; located errors for NaN and negative velocity', () => {
    expect(jonkmanMortality(0)).toBe(0);
    expect(jonkmanMortality(-1, { riseRateMPerH: 3, velocityMs: 5 })).toBe(0);
    expect(() => jonkmanMortality(Number.NaN)).toThrow(RangeError);
    expect(() => jonkmanMortality(1, { velocityMs: -1 })).toThrow(RangeError);
    expect(() => jonkmanMortality(1, { riseRateMPerH: Number.NaN })).toThrow(RangeError);
  });

  it('remaining-zone mortality increases with depth', () => {
    let previous = 0;
    for (let h = 0.05; h < 20; h += 0.05) {
      const f = jonkmanMortality(h);
      expect(f).toBeGreaterThan(previous);
      previous = f;
    }
  });
});

describe('Huizinga et al. (2017) Asia depth-damage', () => {
  it('F1b: residential at 1.25 / 2.5 / 7 m = 0.555 / 0.795 / 1.00', () => {
    expect(huizingaDamage(1.25, 'residential')).toBeCloseTo(0.555, 12);
    expect(huizingaDamage(2.5, 'residential')).toBeCloseTo(0.795, 12);
    expect(huizingaDamage(7, 'residential')).toBe(1);
  });

  it('reproduces the table knots (docs/models/flood.md section 7) for all three classes', () => {
    const depths = [0, 0.5, 1, 1.5, 2, 3, 4, 5, 6];
    const table = {
      residential: [0, 0.33, 0.49, 0.62, 0.72, 0.87, 0.93, 0.98, 1.0],
      commercial: [0, 0.38, 0.54, 0.66, 0.76, 0.88, 0.94, 0.98, 1.0],
      industrial: [0, 0.28, 0.48, 0.63, 0.72, 0.86, 0.91, 0.96, 1.0],
    } as const;
    for (const occ of ['residential', 'commercial', 'industrial'] as const) {
      depths.forEach((d, i) => expect(huizingaDamage(d, occ), `${occ} ${d} m`).toBeCloseTo(table[occ][i] as number, 12));
    }
  });

  it('interpolates linearly between knots and clamps outside [0, 6] m', () => {
    expect(huizingaDamage(0.25, 'commercial')).toBeCloseTo(0.19, 12);
    expect(huizingaDamage(4.5, 'industrial')).toBeCloseTo(0.935, 12);
    expect(huizingaDamage(-0.4, 'industrial')).toBe(0);
    expect(huizingaDamage(100, 'commercial')).toBe(1);
    expect(() => huizingaDamage(Number.NaN, 'residential')).toThrow(RangeError);
    expect(() => huizingaDamage(1, 'farm' as 'residential')).toThrow(RangeError);
  });
});

describe('road passability (Pregnolato et al. 2017) and damage (Nirandjan et al. 2024)', () => {
  it('speed factor 1 when dry, 0 (closed) at 300 mm', () => {
    expect(roadSpeedFactor(0)).toBe(1);
    expect(roadSpeedFactor(-0.2)).toBe(1);
    expect(roadSpeedFactor(0.3)).toBe(0);
    expect(roadSpeedFactor(1)).toBe(0);
    expect(pregnolatoSpeedKmh(300)).toBe(0);
  });

  it('follows v(w) = 0.0009 w^2 - 0.5529 w + 86.9448: at 100 mm, (9 - 55.29 + 86.9448)/86.9448 = 0.467592', () => {
    expect(pregnolatoSpeedKmh(0)).toBeCloseTo(86.9448, 12);
    expect(pregnolatoSpeedKmh(100)).toBeCloseTo(40.6548, 10);
    expect(roadSpeedFactor(0.1)).toBeCloseTo(40.6548 / 86.9448, 12);
  });

  it('speed factor falls monotonically with depth up to closure', () => {
    let previous = 1;
    for (let mm = 1; mm < 300; mm++) {
      const f = roadSpeedFactor(mm / 1000);
      expect(f).toBeLessThan(previous);
      expect(f).toBeGreaterThan(0);
      previous = f;
    }
  });

  it('closed for cars from 0.3 m, for high-clearance emergency vehicles from 0.5 m; consistent with the factor', () => {
    expect(roadClosed(0.299, 'car')).toBe(false);
    expect(roadClosed(0.3, 'car')).toBe(true);
    expect(roadClosed(0.3)).toBe(true);
    expect(roadClosed(0.3, 'emergency')).toBe(false);
    expect(roadClosed(0.499, 'emergency')).toBe(false);
    expect(roadClosed(0.5, 'emergency')).toBe(true);
    for (let mm = 0; mm <= 600; mm += 7) {
      const d = mm / 1000;
      expect(roadClosed(d, 'car')).toBe(roadSpeedFactor(d) === 0);
    }
    expect(() => roadClosed(0.1, 'boat' as 'car')).toThrow(RangeError);
  });

  it('paved-road damage: docs/models/flood.md section 7 values 0.299 / 0.439 / 0.587 / 0.754 / 1.0 at 1 / 2 / 3 / 4 / 6 m', () => {
    expect(roadDamageFraction(1)).toBeCloseTo(0.299, 12);
    expect(roadDamageFraction(2)).toBeCloseTo(0.439, 12);
    expect(roadDamageFraction(3)).toBeCloseTo(0.587, 12);
    expect(roadDamageFraction(4)).toBeCloseTo(0.754, 12);
    expect(roadDamageFraction(6)).toBe(1);
    expect(roadDamageFraction(9)).toBe(1);
    expect(roadDamageFraction(0)).toBe(0);
    expect(roadDamageFraction(-1)).toBe(0);
  });

  it('paved-road damage reproduces rows of the published 0.05 m table (open-gira road_paved.csv) within its rounding', () => {
    const rows: Array<[number, number]> = [
      [0.05, 0.015],
      [0.25, 0.073],
      [0.5, 0.145],
      [0.95, 0.283],
      [1.25, 0.348],
      [1.7, 0.415],
      [2.55, 0.521],
      [3.65, 0.695],
      [4.5, 0.83],
      [5.1, 0.916],
      [5.95, 0.995],
    ];
    for (const [d, f] of rows) expect(Math.abs(roadDamageFraction(d) - f), `${d} m`).toBeLessThan(0.001);
  });
});
