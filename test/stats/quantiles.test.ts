import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { QuantileSummary, type7Quantile, type QuantileOptions, type SketchQuantileJSON } from '../../engine/stats/index.js';
import { chunks, draws, normal, shuffled } from './rng.js';

function summaryOf(xs: readonly number[], options: QuantileOptions = {}): QuantileSummary {
  const q = new QuantileSummary(options);
  for (const x of xs) q.add(x);
  return q;
}

function sortedCopy(xs: readonly number[]): Float64Array {
  return Float64Array.from(xs).sort();
}

const PS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

describe('type7Quantile', () => {
  it('matches hand-computed R/NumPy type-7 values', () => {
    expect(type7Quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(type7Quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(type7Quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(type7Quantile([1, 2, 3, 4], 1)).toBe(4);
    // numpy.quantile([1, 3, 6, 10, 15], 0.9): h = 3.6 -> 10 + 0.6 * 5 = 13
    expect(type7Quantile([1, 3, 6, 10, 15], 0.9)).toBeCloseTo(13, 12);
    // R: quantile(1:10, 0.33) = 3.97
    expect(type7Quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.33)).toBeCloseTo(3.97, 12);
    expect(type7Quantile([5], 0.3)).toBe(5);
    expect(Number.isNaN(type7Quantile([], 0.5))).toBe(true);
    expect(() => type7Quantile([1], 1.5)).toThrow(RangeError);
  });
});

describe('QuantileSummary, exact mode', () => {
  it('gives type-7 quantiles of unsorted input, including negatives and zeros', () => {
    const xs = [3, -1, 0, 7, -4, 0, 2.5];
    const q = summaryOf(xs);
    expect(q.mode).toBe('exact');
    const sorted = [-4, -1, 0, 0, 2.5, 3, 7];
    for (const p of [0, 0.1, 0.25, 0.5, 0.9, 1]) expect(q.quantile(p)).toBe(type7Quantile(sorted, p));
    expect(q.quantile(1 / 6)).toBe(-1); // h = 1 exactly
    expect(q.min).toBe(-4);
    expect(q.max).toBe(7);
  });

  it('switches to a sketch exactly when n exceeds exactLimit', () => {
    const q = summaryOf(draws(10, 1, (r) => r()), { exactLimit: 10 });
    expect(q.mode).toBe('exact');
    q.add(0.5);
    expect(q.mode).toBe('sketch');
    expect(new QuantileSummary({ exactLimit: 0 }).mode).toBe('exact'); // empty
    expect(summaryOf([1], { exactLimit: 0 }).mode).toBe('sketch');
  });
});

describe('QuantileSummary, sketch mode', () => {
  const alpha = 0.005;
  const n = 100_000;

  function checkRelativeAccuracy(xs: readonly number[]): void {
    const q = summaryOf(xs, { exactLimit: 0, relativeAccuracy: alpha });
    expect(q.mode).toBe('sketch');
    const sorted = sortedCopy(xs);
    for (const p of PS) {
      const exact = type7Quantile(sorted, p);
      const est = q.quantile(p);
      expect(Math.abs(est - exact) / Math.abs(exact), `p = ${p}`).toBeLessThan(alpha);
    }
    expect(q.quantile(0)).toBe(sorted[0]);
    expect(q.quantile(1)).toBe(sorted[sorted.length - 1]);
  }

  it('is within the relative accuracy of the exact type-7 quantiles on 100k lognormal values', () => {
    checkRelativeAccuracy(draws(n, 11, (r) => Math.exp(1 + 1.5 * normal(r))));
  });

  it('is within the relative accuracy on negative values (paired differences)', () => {
    checkRelativeAccuracy(draws(n, 12, (r) => -Math.exp(2 + normal(r))));
  });

  it('handles mixed signs and exact zeros', () => {
    // 20 % exact zeros, the rest normal(-2, 3): quantiles on either side of zero and at zero.
    const xs = draws(n, 13, (r) => (r() < 0.2 ? 0 : -2 + 3 * normal(r)));
    const q = summaryOf(xs, { exactLimit: 0, relativeAccuracy: alpha });
    const sorted = sortedCopy(xs);
    for (const p of [0.05, 0.25, 0.5, 0.95]) {
      const h = (n - 1) * p;
      const a = sorted[Math.floor(h)] as number;
      const b = sorted[Math.ceil(h)] as number;
      const exact = type7Quantile(sorted, p);
      const est = q.quantile(p);
      if (a === 0 && b === 0) expect(est, `p = ${p}`).toBe(0);
      else {
        expect(Math.sign(a) === Math.sign(b), `neighbours of p = ${p} share a sign`).toBe(true);
        expect(Math.abs(est - exact) / Math.abs(exact), `p = ${p}`).toBeLessThan(alpha);
      }
    }
    // The zero band: about 20 % of the mass sits at exactly 0.
    const zeros = xs.filter((x) => x === 0).length;
    const below = xs.filter((x) => x < 0).length;
    expect(q.quantile((below + zeros / 2) / (n - 1))).toBe(0);
  });

  it('merging two sketches equals the sketch of the union (bucket counts equal)', () => {
    const xs = draws(30_000, 14, (r) => (r() < 0.1 ? 0 : (r() < 0.5 ? -1 : 1) * Math.exp(3 * normal(r))));
    const a = summaryOf(xs.slice(0, 12_345), { exactLimit: 0 });
    a.merge(summaryOf(xs.slice(12_345), { exactLimit: 0 }));
    const union = summaryOf(xs, { exactLimit: 0 });
    expect(a.toJSON()).toEqual(union.toJSON());
    expect(a.quantiles(PS)).toEqual(union.quantiles(PS));
    const json = a.toJSON() as SketchQuantileJSON;
    expect(json.negative.counts.length).toBeGreaterThan(0); // the negative store took part
  });

  it('merges stores whose largest bucket key is 0 (values in (1/γ, 1]) correctly', () => {
    // @datadog/sketches-js 2.1.1 DenseStore.merge turns these counts into NaN; we must not.
    const a = summaryOf([0.3, 0.31], { exactLimit: 0 });
    a.merge(summaryOf([0.001, 1], { exactLimit: 0 }));
    const union = summaryOf([0.3, 0.31, 0.001, 1], { exactLimit: 0 });
    expect(a.toJSON()).toEqual(union.toJSON());
    for (const p of [0.2, 0.4, 0.6, 0.8]) {
      expect(Number.isFinite(a.quantile(p))).toBe(true);
      expect(a.quantile(p)).toBe(union.quantile(p));
    }
  });

  it('is bit-identical for any chunking across the exact/sketch switch, in any merge order', () => {
    const options = { exactLimit: 4096 };
    const xs = draws(10_000, 15, (r) => 50 + 20 * normal(r));
    const ref = JSON.stringify(summaryOf(xs, options).toJSON());
    const refQ = summaryOf(xs, options).quantiles(PS);
    for (const size of [1, 1000, 4095, 4096, 4097, 6000]) {
      const parts = chunks(xs, size).map((c) => summaryOf(c, options));
      const forward = new QuantileSummary(options);
      for (const p of parts) forward.merge(p);
      const backward = new QuantileSummary(options);
      for (const p of parts.slice().reverse()) backward.merge(QuantileSummary.fromJSON(structuredClone(p.toJSON())));
      for (const m of [forward, backward]) {
        expect(JSON.stringify(m.toJSON())).toBe(ref);
        expect(m.quantiles(PS)).toEqual(refQ);
      }
    }
    expect(JSON.stringify(summaryOf(shuffled(xs, 3), options).toJSON())).toBe(ref);
  });

  it('keeps memory flat as n grows', () => {
    const make = (count: number): SketchQuantileJSON => summaryOf(draws(count, 16, (r) => Math.exp(2 * normal(r)))) .toJSON() as SketchQuantileJSON;
    const small = make(20_000);
    const large = make(200_000);
    // ~230 buckets per decade at α = 0.5 %: bounded by the data's range, not by n.
    expect(large.positive.counts.length).toBeLessThan(5_000);
    expect(large.positive.counts.length).toBeLessThan(small.positive.counts.length * 1.5);
    expect(large.n).toBe(200_000);
  });
});

describe('QuantileSummary JSON and edge cases', () => {
  it('round-trips exact and sketch summaries through JSON and structured clone', () => {
    for (const options of [{ exactLimit: 4096 }, { exactLimit: 0 }]) {
      const q = summaryOf(draws(2_000, 17, (r) => (r() < 0.3 ? 0 : -5 + 10 * r())), options);
      const viaJson = QuantileSummary.fromJSON(JSON.parse(JSON.stringify(q)));
      const viaClone = QuantileSummary.fromJSON(structuredClone(q.toJSON()));
      for (const back of [viaJson, viaClone]) {
        expect(back.mode).toBe(q.mode);
        expect(back.toJSON()).toEqual(q.toJSON());
        expect(back.quantiles(PS)).toEqual(q.quantiles(PS));
      }
      // A restored summary keeps merging.
      viaJson.merge(q);
      expect(viaJson.count).toBe(4_000);
    }
  });

  it('handles all-zero and all-negative data', () => {
    for (const exactLimit of [4096, 0]) {
      const zeros = summaryOf(new Array<number>(50).fill(0), { exactLimit });
      expect(zeros.quantiles([0, 0.5, 1])).toEqual([0, 0, 0]);
      const negatives = summaryOf([-1, -10, -100, -1000], { exactLimit });
      const [a, b, c] = negatives.quantiles([0, 0.5, 1]) as [number, number, number];
      expect(a).toBe(-1000);
      expect(c).toBe(-1);
      expect(Math.abs(b - -55) / 55).toBeLessThan(0.005);
    }
  });

  it('gives CDF points for charts: monotone, from min to max', () => {
    const q = summaryOf(draws(5_000, 18, (r) => normal(r)));
    const pts = q.cdfPoints(100);
    expect(pts).toHaveLength(101);
    expect(pts[0]).toEqual({ p: 0, value: q.min });
    expect(pts[100]).toEqual({ p: 1, value: q.max });
    for (let i = 1; i < pts.length; i++) expect((pts[i] as { value: number }).value).toBeGreaterThanOrEqual((pts[i - 1] as { value: number }).value);
    expect(new QuantileSummary().cdfPoints()).toEqual([]);
    expect(Number.isNaN(new QuantileSummary().quantile(0.5))).toBe(true);
  });

  it('refuses to merge summaries with different options and rejects non-finite values', () => {
    expect(() => new QuantileSummary({ exactLimit: 10 }).merge(new QuantileSummary({ exactLimit: 20 }))).toThrow(/options differ/);
    expect(() => new QuantileSummary().add(NaN)).toThrow(RangeError);
    expect(() => new QuantileSummary({ relativeAccuracy: 0 })).toThrow(RangeError);
  });

  it('reports inconsistent JSON with a pointer to the field', () => {
    const good = summaryOf(draws(100, 19, (r) => r()), { exactLimit: 0 }).toJSON() as SketchQuantileJSON;
    const cases: Array<[unknown, string]> = [
      [{ ...good, n: 99 }, '/q/n'],
      [{ ...good, mode: 'exact' }, '/q/mode'],
      [{ ...good, positive: { firstKey: 0, counts: [1, -2] } }, '/q/positive/counts/1'],
      [{ ...good, relativeAccuracy: 'x' }, '/q/relativeAccuracy'],
    ];
    for (const [bad, path] of cases) {
      try {
        QuantileSummary.fromJSON(bad, '/q');
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as InputError).issues[0]?.path).toBe(path);
      }
    }
  });
});
