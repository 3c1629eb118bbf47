import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { meanConfidenceInterval, Proportion, tCritical, wilsonInterval, zCritical } from '../../engine/stats/index.js';
import { mulberry32, normal } from './rng.js';

describe('tCritical', () => {
  it('matches textbook t-table values (two-sided 95 %)', () => {
    expect(tCritical(1).toFixed(3)).toBe('12.706');
    expect(tCritical(2).toFixed(3)).toBe('4.303');
    expect(tCritical(9).toFixed(3)).toBe('2.262');
    expect(tCritical(10).toFixed(3)).toBe('2.228');
    expect(tCritical(30).toFixed(3)).toBe('2.042');
    expect(tCritical(1e6).toFixed(3)).toBe('1.960');
    expect(tCritical(Infinity).toFixed(3)).toBe('1.960');
  });

  it('matches table values at other levels', () => {
    expect(tCritical(5, 0.99).toFixed(3)).toBe('4.032');
    expect(tCritical(20, 0.9).toFixed(3)).toBe('1.725');
  });

  it('gives the normal quantile in the limit, to 1e-12', () => {
    // Reference normal quantiles (e.g. R qnorm(0.975), qnorm(0.95), qnorm(0.995)).
    expect(Math.abs(zCritical(0.95) - 1.959963984540054)).toBeLessThan(1e-12);
    expect(Math.abs(zCritical(0.9) - 1.6448536269514722)).toBeLessThan(1e-12);
    expect(Math.abs(zCritical(0.99) - 2.5758293035489004)).toBeLessThan(1e-12);
    // Huge df must not fall into the inverse t's numerical breakdown (it returns 0 at df = 1e300).
    expect(Math.abs(tCritical(1e300) - 1.959963984540054)).toBeLessThan(1e-12);
  });

  it('rejects impossible arguments', () => {
    expect(() => tCritical(0)).toThrow(RangeError);
    expect(() => tCritical(NaN)).toThrow(RangeError);
    expect(() => tCritical(10, 1)).toThrow(RangeError);
    expect(() => tCritical(10, 0)).toThrow(RangeError);
  });
});

describe('meanConfidenceInterval', () => {
  it('is mean ± t·sd/√n and null below two values', () => {
    const ci = meanConfidenceInterval(10, 2, 16);
    expect(ci).not.toBeNull();
    // t_{15, 0.975} = 2.131 (table): half-width 2.131 · 2 / 4.
    expect(ci?.halfWidth.toFixed(4)).toBe((2.13145 * 0.5).toFixed(4));
    expect(ci?.lo).toBeCloseTo(10 - (ci?.halfWidth ?? NaN), 14);
    expect(meanConfidenceInterval(10, 2, 1)).toBeNull();
    expect(meanConfidenceInterval(10, NaN, 0)).toBeNull();
  });

  it('covers the true mean in 95 % ± 1 % of 20,000 simulated n = 10 normal samples', () => {
    const rng = mulberry32(20240601);
    const trueMean = 3;
    let covered = 0;
    const trials = 20_000;
    for (let t = 0; t < trials; t++) {
      let s = 0;
      const xs = new Array<number>(10);
      for (let i = 0; i < 10; i++) {
        xs[i] = trueMean + 2 * normal(rng);
        s += xs[i] as number;
      }
      const mean = s / 10;
      let ss = 0;
      for (const x of xs) ss += (x - mean) ** 2;
      const ci = meanConfidenceInterval(mean, Math.sqrt(ss / 9), 10);
      if (ci !== null && ci.lo <= trueMean && trueMean <= ci.hi) covered += 1;
    }
    const coverage = covered / trials;
    expect(coverage).toBeGreaterThan(0.94);
    expect(coverage).toBeLessThan(0.96);
  });
});

describe('wilsonInterval', () => {
  it('reproduces the Wilson intervals of Newcombe (1998), Table I', () => {
    const cases: Array<[number, number, number, number]> = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [s, n, lo, hi] of cases) {
      const ci = wilsonInterval(s, n);
      expect(ci?.[0].toFixed(4)).toBe(lo.toFixed(4));
      expect(ci?.[1].toFixed(4)).toBe(hi.toFixed(4));
    }
  });

  it('stays inside [0, 1] with exact ends at 0 and n successes, and is null for n = 0', () => {
    expect(wilsonInterval(0, 10)?.[0]).toBe(0);
    expect(wilsonInterval(10, 10)?.[1]).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
  });

  it('has close to nominal coverage for p = 0.9, n = 50 (exact binomial sum and 20,000 simulated trials)', () => {
    // The brief asked for 93-97 %. The exact coverage here is 0.9703 (checked independently in Python
    // with math.comb): Wilson coverage oscillates with n and p around 95 % (Brown, Cai & DasGupta
    // 2001, Fig. 4), and n = 50 sits on a slightly conservative peak. So the bound is 93-97.5 %.
    const p = 0.9;
    const n = 50;
    const intervals = Array.from({ length: n + 1 }, (_, k) => wilsonInterval(k, n) as [number, number]);
    // Exact coverage: Σ_k P(X = k) · [p ∈ CI(k)].
    let exact = 0;
    let logC = 0; // log C(n, k), built incrementally
    for (let k = 0; k <= n; k++) {
      if (k > 0) logC += Math.log((n - k + 1) / k);
      const pk = Math.exp(logC + k * Math.log(p) + (n - k) * Math.log(1 - p));
      const [lo, hi] = intervals[k] as [number, number];
      if (lo <= p && p <= hi) exact += pk;
    }
    expect(exact).toBeGreaterThan(0.93);
    expect(exact).toBeLessThan(0.975);
    const rng = mulberry32(77);
    const trials = 20_000;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      let k = 0;
      for (let i = 0; i < n; i++) if (rng() < p) k += 1;
      const [lo, hi] = intervals[k] as [number, number];
      if (lo <= p && p <= hi) covered += 1;
    }
    const simulated = covered / trials;
    expect(simulated).toBeGreaterThan(0.93);
    expect(simulated).toBeLessThan(0.975);
    // The simulation agrees with the exact sum within 4 binomial standard errors (~0.0012 each).
    expect(Math.abs(simulated - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / trials));
  });
});

describe('Proportion', () => {
  it('counts, merges exactly and reports a Wilson interval', () => {
    const a = new Proportion();
    const b = new Proportion();
    for (let i = 0; i < 263; i++) (i < 140 ? a : b).add(i % 263 < 81);
    a.merge(b);
    const r = a.result();
    expect(r.n).toBe(263);
    expect(r.successes).toBe(81);
    expect(r.p).toBe(81 / 263);
    expect(r.ci95?.[0].toFixed(4)).toBe('0.2553');
    expect(new Proportion().result()).toEqual({ n: 0, successes: 0, p: null, ci95: null });
  });

  it('round-trips through JSON and rejects impossible counts with a located error', () => {
    const a = new Proportion();
    a.addCounts(7, 9);
    expect(Proportion.fromJSON(JSON.parse(JSON.stringify(a))).result()).toEqual(a.result());
    expect(() => a.addCounts(3, 2)).toThrow(RangeError);
    try {
      Proportion.fromJSON({ successes: 5, trials: 4 }, '/pTargetMet');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues[0]?.path).toBe('/pTargetMet/successes');
    }
  });
});
