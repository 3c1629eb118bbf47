import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { MetricSummary, type MetricResult } from '../../engine/stats/index.js';
import { chunks, draws, normal, shuffled } from './rng.js';

function summaryOf(xs: readonly number[]): MetricSummary {
  const s = new MetricSummary();
  for (const x of xs) s.add(x);
  return s;
}

describe('MetricSummary.result', () => {
  it('is all null but n for no replications', () => {
    expect(new MetricSummary().result()).toEqual({
      n: 0, mean: null, sd: null, ci95: null, p05: null, p50: null, p95: null, min: null, max: null,
    });
  });

  it('has no sd and no interval for one replication', () => {
    expect(summaryOf([42]).result()).toEqual({
      n: 1, mean: 42, sd: null, ci95: null, p05: 42, p50: 42, p95: 42, min: 42, max: 42,
    });
  });

  it('gives analytically known values for 1..10', () => {
    const r = summaryOf([4, 8, 1, 10, 2, 9, 3, 7, 5, 6]).result();
    expect(r.n).toBe(10);
    expect(r.mean).toBe(5.5);
    // Var(1..10) = n(n+1)/12 = 110/12.
    expect(r.sd).toBeCloseTo(Math.sqrt(110 / 12), 14);
    // t_{9, 0.975} = 2.262157 (table); half-width = t · sd / √10 = 2.165852.
    const half = ((r.ci95?.[1] ?? NaN) - (r.ci95?.[0] ?? NaN)) / 2;
    expect(half).toBeCloseTo(2.165852, 5);
    expect(r.ci95?.[0]).toBeCloseTo(5.5 - half, 12);
    // Type 7: h = 9 · 0.05 = 0.45 -> 1.45; h = 8.55 -> 9.55.
    expect(r.p05).toBeCloseTo(1.45, 12);
    expect(r.p50).toBe(5.5);
    expect(r.p95).toBeCloseTo(9.55, 12);
    expect(r.min).toBe(1);
    expect(r.max).toBe(10);
  });

  it('gives a zero-width interval for constant data', () => {
    const r = summaryOf(new Array<number>(20).fill(3)).result();
    expect(r.sd).toBe(0);
    expect(r.ci95).toEqual([3, 3]);
  });
});

describe('MetricSummary merging', () => {
  // 10,000 replications: past the exact limit, so the quantiles go through the sketch.
  const xs = draws(10_000, 21, (r) => Math.max(0, 120 + 35 * normal(r)));

  it('is bit-identical for any chunking and merge order, through JSON as workers send it', () => {
    const whole = summaryOf(xs);
    const ref: MetricResult = whole.result();
    const refJson = JSON.stringify(whole.toJSON());
    for (const size of [1, 250, 1000, 4096, 7001]) {
      const parts = chunks(xs, size).map((c) => JSON.parse(JSON.stringify(summaryOf(c).toJSON())) as unknown);
      const forward = new MetricSummary();
      for (const p of parts) forward.merge(MetricSummary.fromJSON(p));
      const backward = new MetricSummary();
      for (const p of parts.slice().reverse()) backward.merge(MetricSummary.fromJSON(structuredClone(p)));
      for (const m of [forward, backward]) {
        expect(m.result()).toEqual(ref);
        expect(JSON.stringify(m.toJSON())).toBe(refJson);
      }
    }
    expect(summaryOf(shuffled(xs, 9)).result()).toEqual(ref);
  });

  it('agrees with direct computation', () => {
    const r = summaryOf(xs).result();
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs((r.mean ?? NaN) - mean) / mean).toBeLessThan(1e-12);
    const sorted = Float64Array.from(xs).sort();
    expect(r.min).toBe(sorted[0]);
    expect(r.max).toBe(sorted[sorted.length - 1]);
    // Sketch quantiles are within 0.5 % of the exact order statistics.
    const exact50 = ((sorted[4999] as number) + (sorted[5000] as number)) / 2;
    expect(Math.abs((r.p50 ?? NaN) - exact50) / exact50).toBeLessThan(0.005);
  });

  it('exposes the half-width at any level for stopping rules', () => {
    const s = summaryOf(xs.slice(0, 100));
    const h95 = s.halfWidth(0.95) as number;
    const h99 = s.halfWidth(0.99) as number;
    expect(h99).toBeGreaterThan(h95);
    expect(s.confidenceInterval(0.95)?.halfWidth).toBe(h95);
    expect(summaryOf([1]).halfWidth()).toBeNull();
  });

  it('rejects bad values without changing state, and bad JSON with a located error', () => {
    const s = summaryOf([1, 2, 3]);
    expect(() => s.add(NaN)).toThrow(RangeError);
    expect(() => s.add(-Infinity)).toThrow(RangeError);
    expect(s.result().n).toBe(3);
    expect(s.quantile(1)).toBe(3);
    const json = s.toJSON();
    const bad = { ...json, quantiles: { ...json.quantiles, n: 2, values: [1, 2], max: 2 } };
    try {
      MetricSummary.fromJSON(bad, '/metrics/deaths');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues[0]?.path).toBe('/metrics/deaths/quantiles/n');
    }
  });
});
