import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { MetricSummary, PairedSummary, type Direction } from '../../engine/stats/index.js';
import { chunks, draws, mulberry32, normal } from './rng.js';

function pairedOf(direction: Direction, pairs: ReadonlyArray<readonly [number, number]>): PairedSummary {
  const s = new PairedSummary(direction);
  for (const [a, b] of pairs) s.add(a, b);
  return s;
}

describe('PairedSummary', () => {
  it('gives exactly zero difference, a [0, 0] interval and all ties for identical series', () => {
    const a = draws(200, 31, (r) => 100 * r());
    const r = pairedOf('lower-is-better', a.map((x) => [x, x] as const)).result();
    expect(r.difference.mean).toBe(0);
    expect(r.difference.sd).toBe(0);
    expect(r.difference.ci95).toEqual([0, 0]);
    expect(r.ties).toBe(200);
    expect(r.bBetter).toBe(0);
    expect(r.aBetter).toBe(0);
    expect(r.pBBetter).toBe(0);
    expect(r.pBBetterCi95?.[0]).toBe(0);
  });

  it('recovers a known shift, and the direction decides who is better', () => {
    // Multiples of 1/1024, so x - 2 and the difference are exact.
    const a = draws(500, 32, (r) => Math.round((50 + 10 * normal(r)) * 1024) / 1024);
    const pairs = a.map((x) => [x, x - 2] as const);
    const lower = pairedOf('lower-is-better', pairs).result();
    expect(lower.difference.mean).toBe(-2);
    expect(lower.difference.ci95).toEqual([-2, -2]);
    expect(lower.difference.p05).toBe(-2);
    expect(lower.bBetter).toBe(500);
    expect(lower.pBBetter).toBe(1);
    const higher = pairedOf('higher-is-better', pairs).result();
    expect(higher.aBetter).toBe(500);
    expect(higher.bBetter).toBe(0);
    expect(higher.difference).toEqual(lower.difference);
  });

  it('finds a small shift under common random numbers that unpaired intervals would miss', () => {
    // Both plans see the same large replication-to-replication variation (sd 30); B is 1 lower
    // with a small plan-specific noise (sd 0.5).
    const rng = mulberry32(33);
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < 400; i++) {
      const common = 200 + 30 * normal(rng);
      pairs.push([common + 0.5 * normal(rng), common - 1 + 0.5 * normal(rng)]);
    }
    const r = pairedOf('lower-is-better', pairs).result();
    const [lo, hi] = r.difference.ci95 ?? [NaN, NaN];
    expect(lo).toBeLessThan(-1);
    expect(hi).toBeGreaterThan(-1);
    expect(hi).toBeLessThan(0); // the improvement is significant
    // P(B better) = P(N(-1, 0.5·√2) < 0) = Φ(1.414) ≈ 0.92; the Wilson interval must cover it.
    const [plo, phi] = r.pBBetterCi95 ?? [NaN, NaN];
    expect(plo).toBeLessThan(0.921);
    expect(phi).toBeGreaterThan(0.921);
    // Analysed as two independent samples, the plans' 95 % intervals overlap: no conclusion.
    const sa = new MetricSummary();
    const sb = new MetricSummary();
    for (const [a, b] of pairs) {
      sa.add(a);
      sb.add(b);
    }
    const ia = sa.confidenceInterval() as { lo: number; hi: number };
    const ib = sb.confidenceInterval() as { lo: number; hi: number };
    expect(ib.hi).toBeGreaterThan(ia.lo);
    expect(ia.hi).toBeGreaterThan(ib.lo);
  });

  it('counts exact ties separately so the three shares add up', () => {
    const pairs: Array<[number, number]> = [[0, 0], [0, 0], [3, 1], [1, 3], [2, 1], [5, 5]];
    const r = pairedOf('lower-is-better', pairs).result();
    expect([r.bBetter, r.aBetter, r.ties]).toEqual([2, 1, 3]);
    expect(r.pBBetter).toBe(2 / 6);
    expect(r.n).toBe(6);
  });

  it('merges bit-identically across chunkings and round-trips through JSON', () => {
    const rng = mulberry32(34);
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < 6_000; i++) {
      const c = Math.floor(5 * rng());
      pairs.push([c, Math.max(0, c + Math.floor(3 * rng()) - 1)]);
    }
    const whole = pairedOf('lower-is-better', pairs);
    for (const size of [1, 999, 5000]) {
      const merged = new PairedSummary('lower-is-better');
      for (const part of chunks(pairs, size)) merged.merge(PairedSummary.fromJSON(JSON.parse(JSON.stringify(pairedOf('lower-is-better', part)))));
      expect(merged.result()).toEqual(whole.result());
      expect(JSON.stringify(merged.toJSON())).toBe(JSON.stringify(whole.toJSON()));
    }
  });

  it('rejects mismatched directions, non-finite values and inconsistent JSON', () => {
    expect(() => new PairedSummary('lower-is-better').merge(new PairedSummary('higher-is-better'))).toThrow(/directions differ/);
    expect(() => new PairedSummary('lower-is-better').add(1, NaN)).toThrow(RangeError);
    const json = pairedOf('lower-is-better', [[1, 2], [2, 1]]).toJSON();
    try {
      PairedSummary.fromJSON({ ...json, ties: 5 }, '/comparison');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues[0]?.path).toBe('/comparison/ties');
    }
  });
});
