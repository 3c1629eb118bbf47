import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { ExactSum, Moments, Welford } from '../../engine/stats/index.js';
import { chunks, draws, normal, shuffled } from './rng.js';

/** Textbook two-pass mean and unbiased variance. */
function twoPass(xs: readonly number[]): { mean: number; variance: number } {
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return { mean, variance: ss / (xs.length - 1) };
}

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE);
}

function welfordOf(xs: readonly number[]): Welford {
  const w = new Welford();
  for (const x of xs) w.add(x);
  return w;
}

function momentsOf(xs: readonly number[]): Moments {
  const m = new Moments();
  for (const x of xs) m.add(x);
  return m;
}

const data = draws(500, 42, (r) => 30 + 12 * normal(r));

describe('ExactSum', () => {
  it('keeps what ordinary summation loses', () => {
    const s = new ExactSum();
    for (const x of [1e16, 1, -1e16]) s.add(x);
    expect(s.value()).toBe(1); // naive left-to-right gives 0
    const t = new ExactSum();
    for (let i = 0; i < 10; i++) t.add(0.1);
    expect(t.value()).toBe(1); // math.fsum([0.1]*10) == 1.0; naive gives 0.9999999999999999
  });

  it('equals the correctly rounded exact sum (BigInt oracle) on values spanning 45 decades', () => {
    // Every value is an integer multiple of 2^-112, so x · 2^112 is an exact BigInt; Number(bigint)
    // rounds to nearest-even, and scaling back by a power of two is exact.
    const SCALE = 2 ** 112;
    for (const seed of [101, 102, 103, 104, 105]) {
      const xs = draws(400, seed, (r) => (r() < 0.5 ? -1 : 1) * Math.round(r() * 2 ** 30) * 2 ** (Math.floor(r() * 120) - 90));
      let exact = 0n;
      for (const x of xs) exact += BigInt(x * SCALE);
      expect(ExactSum.fromComponents(xs).value()).toBe(Number(exact) / SCALE);
    }
  });

  it('has canonical components that do not depend on the order of addition', () => {
    const xs = draws(300, 7, (r) => (r() - 0.5) * 10 ** Math.floor(r() * 30 - 10));
    const ref = ExactSum.fromComponents(xs).components();
    for (const seed of [1, 2, 3]) {
      expect(ExactSum.fromComponents(shuffled(xs, seed)).components()).toEqual(ref);
    }
  });

  it('merging a sum into itself doubles it', () => {
    const s = ExactSum.fromComponents([0.1, 0.2, 0.3]);
    s.merge(s);
    expect(s.value()).toBe(ExactSum.fromComponents([0.1, 0.2, 0.3, 0.1, 0.2, 0.3]).value());
  });

  it('rejects non-finite input', () => {
    expect(() => new ExactSum().add(NaN)).toThrow(RangeError);
    expect(() => new ExactSum().add(Infinity)).toThrow(RangeError);
  });
});

describe('Welford', () => {
  it('equals the two-pass mean and variance on random data', () => {
    const w = welfordOf(data);
    const ref = twoPass(data);
    expect(relErr(w.mean, ref.mean)).toBeLessThan(1e-13);
    expect(relErr(w.variance, ref.variance)).toBeLessThan(1e-12);
    expect(w.count).toBe(500);
    expect(w.min).toBe(Math.min(...data));
    expect(w.max).toBe(Math.max(...data));
  });

  it('merging at every split point equals the unsplit result within 1e-12 relative', () => {
    const whole = welfordOf(data);
    for (let k = 0; k <= data.length; k++) {
      const a = welfordOf(data.slice(0, k));
      a.merge(welfordOf(data.slice(k)));
      expect(a.count).toBe(whole.count);
      expect(relErr(a.mean, whole.mean)).toBeLessThan(1e-12);
      expect(relErr(a.variance, whole.variance)).toBeLessThan(1e-12);
      expect(relErr(a.sum, whole.sum)).toBeLessThan(1e-12);
      // count, min and max are exact whatever the split.
      expect(a.min).toBe(whole.min);
      expect(a.max).toBe(whole.max);
    }
  });

  it('different groupings agree within 1e-12; the same grouping repeated is bit-identical', () => {
    const whole = welfordOf(data);
    for (const size of [1, 3, 64, 100, 499]) {
      const merged = new Welford();
      for (const c of chunks(data, size)) merged.merge(welfordOf(c));
      expect(relErr(merged.mean, whole.mean)).toBeLessThan(1e-12);
      expect(relErr(merged.variance, whole.variance)).toBeLessThan(1e-12);
      const again = new Welford();
      for (const c of chunks(data, size)) again.merge(welfordOf(c));
      expect(again.toJSON()).toEqual(merged.toJSON());
    }
  });

  it('handles n = 0 and n = 1, and round-trips through JSON and structured clone', () => {
    const w = new Welford();
    expect(Number.isNaN(w.mean)).toBe(true);
    expect(w.toJSON()).toEqual({ n: 0, mean: 0, m2: 0, sum: 0, min: null, max: null });
    w.add(4);
    expect(w.mean).toBe(4);
    expect(Number.isNaN(w.variance)).toBe(true);
    const full = welfordOf(data);
    const back = Welford.fromJSON(JSON.parse(JSON.stringify(full)));
    expect(back.toJSON()).toEqual(full.toJSON());
    expect(Welford.fromJSON(structuredClone(full.toJSON())).variance).toBe(full.variance);
  });

  it('reports malformed JSON with a pointer to the field', () => {
    const bad = { ...welfordOf(data).toJSON(), n: -1 };
    try {
      Welford.fromJSON(bad, '/metrics/deaths');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues[0]?.path).toBe('/metrics/deaths/n');
    }
  });
});

describe('Moments (exact sums)', () => {
  it('equals the two-pass mean and variance on random data', () => {
    const m = momentsOf(data);
    const ref = twoPass(data);
    expect(relErr(m.mean, ref.mean)).toBeLessThan(1e-13);
    expect(relErr(m.variance, ref.variance)).toBeLessThan(1e-12);
  });

  it('gives the correctly rounded mean and variance of data with a large offset (checked with BigInt)', () => {
    // x = 1e9 + k/8: exact doubles, so the exact moments can be computed with integers (scaled by 8).
    const ks = draws(1000, 9, (r) => Math.floor(r() * 4000) - 2000);
    const xs = ks.map((k) => 1e9 + k / 8);
    const n = BigInt(xs.length);
    const scaled = ks.map((k) => 8_000_000_000n + BigInt(k)); // 8x
    const s1 = scaled.reduce((a, b) => a + b, 0n);
    const s2 = scaled.reduce((a, b) => a + b * b, 0n);
    const d = n * s2 - s1 * s1; // 64 · n(n−1) · variance
    const m = momentsOf(xs);
    // Σx is exact in a double here, so mean = Σx/n is one correctly rounded division.
    expect(m.mean).toBe(Number(s1) / 8 / xs.length);
    // d/64 < 2^53, so it is exact and variance is one correctly rounded division.
    expect(d / 64n).toBeLessThan(2n ** 53n);
    expect(m.variance).toBe(Number(d) / 64 / (xs.length * (xs.length - 1)));
    expect(relErr(m.variance, twoPass(xs).variance)).toBeLessThan(1e-9);
    // Why exact sums: the same sum-of-squares formula in plain doubles is far off on this data.
    let ns1 = 0;
    let ns2 = 0;
    for (const x of xs) {
      ns1 += x;
      ns2 += x * x;
    }
    const naive = (ns2 - (ns1 * ns1) / xs.length) / (xs.length - 1);
    expect(relErr(naive, m.variance)).toBeGreaterThan(1e-3);
  });

  it('is bit-identical at every split point', () => {
    const whole = momentsOf(data);
    for (let k = 0; k <= data.length; k++) {
      const a = momentsOf(data.slice(0, k));
      a.merge(momentsOf(data.slice(k)));
      expect(a.mean).toBe(whole.mean);
      expect(a.variance).toBe(whole.variance);
      expect(a.toJSON()).toEqual(whole.toJSON());
    }
  });

  it('is bit-identical for any chunking, merge tree and order (results and JSON)', () => {
    const whole = momentsOf(data);
    const ref = JSON.stringify(whole.toJSON());
    for (const size of [1, 7, 64, 250]) {
      const parts = chunks(data, size).map(momentsOf);
      // Left fold in replication order.
      const inOrder = new Moments();
      for (const p of parts) inOrder.merge(p);
      // Reverse order, and a pairwise (tree) reduction of JSON-cloned parts, as workers would send.
      const reversed = new Moments();
      for (const p of parts.slice().reverse()) reversed.merge(Moments.fromJSON(structuredClone(p.toJSON())));
      let level = parts.map((p) => Moments.fromJSON(JSON.parse(JSON.stringify(p))));
      while (level.length > 1) {
        const next: Moments[] = [];
        for (let i = 0; i < level.length; i += 2) {
          const a = level[i] as Moments;
          const b = level[i + 1];
          if (b !== undefined) a.merge(b);
          next.push(a);
        }
        level = next;
      }
      for (const m of [inOrder, reversed, level[0] as Moments]) {
        expect(JSON.stringify(m.toJSON())).toBe(ref);
        expect(m.mean).toBe(whole.mean);
        expect(m.sd).toBe(whole.sd);
      }
    }
    expect(JSON.stringify(momentsOf(shuffled(data, 5)).toJSON())).toBe(ref);
  });

  it('gives exactly zero variance for constant data and NaN below two values', () => {
    const m = momentsOf(new Array<number>(100).fill(0.1));
    expect(m.variance).toBe(0);
    expect(m.mean).toBe(0.1);
    expect(Number.isNaN(momentsOf([3]).variance)).toBe(true);
    expect(Number.isNaN(new Moments().mean)).toBe(true);
  });

  it('rejects non-finite and out-of-range values without changing state', () => {
    const m = momentsOf([1, 2]);
    expect(() => m.add(NaN)).toThrow(RangeError);
    expect(() => m.add(1e101)).toThrow(RangeError);
    expect(m.count).toBe(2);
    expect(m.mean).toBe(1.5);
  });
});
