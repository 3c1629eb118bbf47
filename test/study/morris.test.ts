/**
 * The Morris design (models/study/morris.ts) checked against its definition (Morris 1991): points on the
 * p-level grid of [0, 1]^k, each trajectory moving one factor at a time by +-delta with
 * delta = p / (2 (p - 1)), every factor exactly once; deterministic for a seed. Elementary effects checked
 * on functions whose effects are known in closed form.
 */
import { describe, expect, it } from 'vitest';
import { elementaryEffects, morrisDelta, morrisDesign, morrisIndices, type MorrisDesign } from '../../models/study/morris.js';

/** Grid index of a coordinate: x (p - 1) must be a whole number 0..p-1. */
function gridIndex(x: number, p: number): number {
  const i = Math.round(x * (p - 1));
  expect(Math.abs(x * (p - 1) - i)).toBeLessThan(1e-12);
  return i;
}

function evaluate(design: MorrisDesign, f: (x: readonly number[]) => number): number[][] {
  return design.trajectories.map((t) => t.points.map(f));
}

describe('Morris design', () => {
  it('delta = p / (2 (p - 1))', () => {
    expect(morrisDelta(4)).toBeCloseTo(2 / 3, 15);
    expect(morrisDelta(2)).toBe(1);
    expect(morrisDelta(6)).toBeCloseTo(0.6, 15);
  });

  for (const [k, r, p] of [
    [1, 5, 2],
    [3, 20, 4],
    [7, 15, 6],
    [5, 10, 8],
  ] as const) {
    it(`k=${k}, r=${r}, p=${p}: grid points in [0,1]^k, one factor per step by +-delta, every factor once`, () => {
      const d = morrisDesign({ factors: k, trajectories: r, levels: p, seed: 11 });
      expect(d.trajectories).toHaveLength(r);
      expect(d.delta).toBe(morrisDelta(p));
      const jump = p / 2;
      for (const t of d.trajectories) {
        expect(t.points).toHaveLength(k + 1);
        expect(t.steps).toHaveLength(k);
        for (const x of t.points) {
          expect(x).toHaveLength(k);
          for (const v of x) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
            gridIndex(v, p);
          }
        }
        // Each factor moved exactly once.
        expect([...t.steps.map((s) => s.factor)].sort((a, b) => a - b)).toEqual(Array.from({ length: k }, (_, j) => j));
        t.steps.forEach((s, m) => {
          const before = t.points[m]!;
          const after = t.points[m + 1]!;
          for (let j = 0; j < k; j++) {
            const di = gridIndex(after[j]!, p) - gridIndex(before[j]!, p);
            // The moved factor goes p/2 grid steps (= delta) in the step's direction; the others stay put.
            expect(di).toBe(j === s.factor ? s.sign * jump : 0);
            if (j !== s.factor) expect(after[j]).toBe(before[j]);
          }
          expect(Math.abs(after[s.factor]! - before[s.factor]! - s.sign * d.delta)).toBeLessThan(1e-12);
        });
      }
    });
  }

  it('is deterministic for a seed and changes with the seed', () => {
    const a = morrisDesign({ factors: 4, trajectories: 12, levels: 4, seed: 5 });
    const b = morrisDesign({ factors: 4, trajectories: 12, levels: 4, seed: 5 });
    const c = morrisDesign({ factors: 4, trajectories: 12, levels: 4, seed: 6 });
    const s = morrisDesign({ factors: 4, trajectories: 12, levels: 4, seed: 'study-5' });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(s).not.toEqual(a);
  });

  it('draws bases, signs and orders over all their values (p = 4: every level, both signs, every factor first)', () => {
    const d = morrisDesign({ factors: 3, trajectories: 400, levels: 4, seed: 1 });
    const levels = new Set<number>();
    const signs = new Set<number>();
    const first = new Set<number>();
    for (const t of d.trajectories) {
      for (const x of t.points) for (const v of x) levels.add(gridIndex(v, 4));
      for (const st of t.steps) signs.add(st.sign);
      first.add(t.steps[0]!.factor);
    }
    expect([...levels].sort()).toEqual([0, 1, 2, 3]);
    expect([...signs].sort()).toEqual([-1, 1]);
    expect([...first].sort()).toEqual([0, 1, 2]);
    // Morris's design has each level equally likely at every point: 400 x 4 points x 3 coordinates over
    // 4 levels; each count within 10 % of 1,200 (about 4 binomial sd).
    const counts = [0, 0, 0, 0];
    for (const t of d.trajectories) for (const x of t.points) for (const v of x) counts[gridIndex(v, 4)]! += 1;
    for (const n of counts) expect(Math.abs(n - 1200)).toBeLessThan(120);
  });

  it('rejects odd or too few levels, and empty designs', () => {
    expect(() => morrisDesign({ factors: 2, trajectories: 3, levels: 3, seed: 1 })).toThrow(/even/);
    expect(() => morrisDesign({ factors: 2, trajectories: 3, levels: 0, seed: 1 })).toThrow(RangeError);
    expect(() => morrisDesign({ factors: 0, trajectories: 3, levels: 4, seed: 1 })).toThrow(/factors/);
    expect(() => morrisDesign({ factors: 2, trajectories: 0, levels: 4, seed: 1 })).toThrow(/trajectories/);
  });
});

describe('elementary effects', () => {
  const design = morrisDesign({ factors: 4, trajectories: 10, levels: 4, seed: 3 });

  it('a linear function has EE_j = b_j in every trajectory: mu = b_j, mu* = |b_j|, sigma = 0', () => {
    const b = [3, -2, 0.5, 0];
    const res = morrisIndices(design, evaluate(design, (x) => x.reduce((s, v, j) => s + b[j]! * v, 7)));
    res.forEach((r, j) => {
      for (const e of r.effects) expect(e).toBeCloseTo(b[j]!, 12);
      expect(r.mu).toBeCloseTo(b[j]!, 12);
      expect(r.muStar).toBeCloseTo(Math.abs(b[j]!), 12);
      expect(r.sigma!).toBeLessThan(1e-12);
    });
    // The factor with no effect has effects of exactly zero.
    expect(res[3]!.effects.every((e) => e === 0)).toBe(true);
    expect(res[3]!.muStar).toBe(0);
  });

  it('effects of both signs cancel in mu but not in mu*, and show in sigma (y = (x0 - 1/2)^2)', () => {
    // With the lower end x of the move (p = 4, delta = 2/3: x is 0 or 1/3 whichever way the design steps),
    // EE = ((x + delta - 1/2)^2 - (x - 1/2)^2) / delta = 2 (x - 1/2) + delta: -1/3 from 0, +1/3 from 1/3.
    const res = morrisIndices(design, evaluate(design, (x) => (x[0]! - 0.5) ** 2));
    for (const e of res[0]!.effects) expect(Math.abs(Math.abs(e) - 1 / 3)).toBeLessThan(1e-12);
    expect(res[0]!.muStar).toBeCloseTo(1 / 3, 12);
    const nPlus = res[0]!.effects.filter((e) => e > 0).length;
    expect(res[0]!.mu).toBeCloseTo((nPlus - (10 - nPlus)) / 30, 12);
    expect(res[1]!.muStar).toBe(0);
  });

  it('an interaction x0 x1 gives EE_0 = x1 at the step: sigma > 0 when x1 varies', () => {
    const ee = elementaryEffects(design, evaluate(design, (x) => x[0]! * x[1]!));
    design.trajectories.forEach((t, i) => {
      const m = t.steps.findIndex((s) => s.factor === 0);
      expect(ee[0]![i]).toBeCloseTo(t.points[m]![1]!, 12);
    });
    const res = morrisIndices(design, evaluate(design, (x) => x[0]! * x[1]!));
    expect(res[0]!.sigma!).toBeGreaterThan(0);
  });

  it('refuses outputs that do not match the design', () => {
    expect(() => morrisIndices(design, [[1, 2]])).toThrow(/trajectories/);
    expect(() => morrisIndices(design, design.trajectories.map(() => [1, 2]))).toThrow(/outputs/);
  });
});
