/**
 * Count, mean, variance, min and max from *exact* sums of x and x^2.
 *
 * Why not Welford here: the batch layer merges per-chunk summaries, and docs/architecture.md section 4 asks
 * for aggregates that are bit-identical for any worker count and any chunking. Welford/Chan merges
 * round differently for different groupings. Here Σx and Σx² are kept exactly ({@link ExactSum};
 * x² is split into its rounded square and the exact rounding error), so merge is exactly
 * associative and commutative, and the statistics are computed once at the end:
 *
 *   mean     = round(Σx) / n
 *   variance = round(n·Σx² − (Σx)²) / (n(n − 1))     (the bracket is evaluated exactly)
 *
 * Because the bracket is exact there is no cancellation problem (the usual objection to the
 * sum-of-squares formula), and the result is *more* accurate than Welford: two roundings.
 *
 * Everything here (results and `toJSON()`) is bit-identical for any order and grouping of the same
 * values. Limits: |x| <= 1e100 (so squares and n·Σx² stay finite); values below ~1e-146 in
 * magnitude lose precision in x² (still deterministic).
 */
import { ExactSum, MAX_EXACT_MAGNITUDE } from './exactSum.js';
import { child, invalid, readNullableNumber, readNumber, readNumberArray, readObject } from './json.js';

export interface MomentsJSON {
  n: number;
  /** Canonical components of Σx (see ExactSum.components); their exact sum is Σx. */
  sum: number[];
  /** Canonical components of Σx². */
  sumSq: number[];
  min: number | null;
  max: number | null;
}

export class Moments {
  private n = 0;
  private s1 = new ExactSum();
  private s2 = new ExactSum();
  private lo = Infinity;
  private hi = -Infinity;

  add(x: number): void {
    if (!Number.isFinite(x) || Math.abs(x) > MAX_EXACT_MAGNITUDE) {
      throw new RangeError(`Moments.add: expected a finite number with |x| <= ${MAX_EXACT_MAGNITUDE}, got ${String(x)}`);
    }
    this.n += 1;
    this.s1.add(x);
    this.s2.addProduct(x, x);
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
  }

  merge(other: Moments): void {
    if (other.n === 0) return;
    this.n += other.n;
    this.s1.merge(other.s1);
    this.s2.merge(other.s2);
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
  }

  get count(): number {
    return this.n;
  }

  /** Σx correctly rounded. */
  get sum(): number {
    return this.s1.value();
  }

  /** Mean; NaN while empty. */
  get mean(): number {
    return this.n === 0 ? NaN : this.s1.value() / this.n;
  }

  /** Unbiased sample variance (divisor n − 1); NaN for n < 2. */
  get variance(): number {
    if (this.n < 2) return NaN;
    // D = n·Σx² − (Σx)², evaluated exactly from the canonical components of both sums.
    const d = new ExactSum();
    for (const c of this.s2.components()) d.addProduct(this.n, c);
    const c1 = this.s1.components();
    for (const a of c1) for (const b of c1) d.addProduct(-a, b);
    const exact = d.value();
    // Mathematically D = n·Σ(x − mean)² >= 0; only underflowed squares of tiny values could push it
    // below zero, so clamp rather than return NaN from sqrt.
    return Math.max(0, exact) / (this.n * (this.n - 1));
  }

  /** Sample standard deviation; NaN for n < 2. */
  get sd(): number {
    return Math.sqrt(this.variance);
  }

  /** Smallest value; Infinity while empty. */
  get min(): number {
    return this.lo;
  }

  /** Largest value; -Infinity while empty. */
  get max(): number {
    return this.hi;
  }

  toJSON(): MomentsJSON {
    return {
      n: this.n,
      sum: this.s1.components(),
      sumSq: this.s2.components(),
      min: this.n === 0 ? null : this.lo,
      max: this.n === 0 ? null : this.hi,
    };
  }

  static fromJSON(value: unknown, path = ''): Moments {
    const o = readObject(value, path);
    const m = new Moments();
    m.n = readNumber(o, 'n', path, { integer: true, min: 0 });
    m.s1 = ExactSum.fromComponents(readNumberArray(o, 'sum', path));
    m.s2 = ExactSum.fromComponents(readNumberArray(o, 'sumSq', path));
    const lo = readNullableNumber(o, 'min', path);
    const hi = readNullableNumber(o, 'max', path);
    if (m.n > 0) {
      if (lo === null || hi === null) invalid(child(path, lo === null ? 'min' : 'max'), 'expected a number when n > 0');
      if (lo > hi) invalid(child(path, 'min'), `min ${lo} is greater than max ${hi}`);
      m.lo = lo;
      m.hi = hi;
    }
    if (m.s2.value() < 0) invalid(child(path, 'sumSq'), 'a sum of squares cannot be negative');
    return m;
  }
}
