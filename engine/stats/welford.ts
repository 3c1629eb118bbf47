/**
 * Online mean and variance (Welford 1962) with the parallel merge of Chan, Golub & LeVeque (1979).
 *
 * Why Welford: one pass, O(1) memory and no catastrophic cancellation (unlike sum-of-squares), so
 * it suits running estimates inside a batch (progress bars, sequential stopping rules) and kernel
 * monitors.
 *
 * What is bit-identical: the same sequence of `add`/`merge` calls always gives the same bits
 * (plain IEEE arithmetic, no hidden state), and `count`, `min`, `max` are exact whatever the
 * grouping. `mean`, `variance` and `sum` are NOT bit-identical across different groupings (merging
 * chunks of 100 versus 250 rounds differently; the difference is ~1e-16 relative). When the merged
 * aggregate must be identical for any chunking use {@link Moments} (exact sums), which is what
 * `MetricSummary` uses.
 */
import { child, invalid, readNullableNumber, readNumber, readObject } from './json.js';

/** Plain-JSON state of a {@link Welford} (min/max are null while empty, because JSON has no Infinity). */
export interface WelfordJSON {
  n: number;
  mean: number;
  m2: number;
  sum: number;
  min: number | null;
  max: number | null;
}

export class Welford {
  private n = 0;
  private mu = 0;
  /** Sum of squared deviations from the current mean. */
  private m2 = 0;
  private total = 0;
  private lo = Infinity;
  private hi = -Infinity;

  add(x: number): void {
    if (!Number.isFinite(x)) throw new RangeError(`Welford.add: expected a finite number, got ${String(x)}`);
    this.n += 1;
    const delta = x - this.mu;
    this.mu += delta / this.n;
    this.m2 += delta * (x - this.mu);
    this.total += x;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
  }

  /**
   * Fold `other` into this (Chan et al.). `other` is not modified. Merging into an empty summary
   * copies the other's state exactly, so a single chunk merged into a fresh aggregate keeps its bits.
   */
  merge(other: Welford): void {
    if (other.n === 0) return;
    if (this.n === 0) {
      this.n = other.n;
      this.mu = other.mu;
      this.m2 = other.m2;
      this.total = other.total;
      this.lo = other.lo;
      this.hi = other.hi;
      return;
    }
    const n = this.n + other.n;
    const delta = other.mu - this.mu;
    this.mu += delta * (other.n / n);
    this.m2 += other.m2 + delta * delta * ((this.n * other.n) / n);
    this.n = n;
    this.total += other.total;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
  }

  get count(): number {
    return this.n;
  }

  /** Mean; NaN while empty. */
  get mean(): number {
    return this.n === 0 ? NaN : this.mu;
  }

  /** Unbiased sample variance (divisor n - 1); NaN for n < 2. */
  get variance(): number {
    return this.n < 2 ? NaN : this.m2 / (this.n - 1);
  }

  /** Population variance (divisor n); NaN while empty. */
  get populationVariance(): number {
    return this.n === 0 ? NaN : this.m2 / this.n;
  }

  /** Sample standard deviation; NaN for n < 2. */
  get sd(): number {
    return Math.sqrt(this.variance);
  }

  get sum(): number {
    return this.total;
  }

  /** Smallest value seen; Infinity while empty. */
  get min(): number {
    return this.lo;
  }

  /** Largest value seen; -Infinity while empty. */
  get max(): number {
    return this.hi;
  }

  toJSON(): WelfordJSON {
    return {
      n: this.n,
      mean: this.mu,
      m2: this.m2,
      sum: this.total,
      min: this.n === 0 ? null : this.lo,
      max: this.n === 0 ? null : this.hi,
    };
  }

  static fromJSON(value: unknown, path = ''): Welford {
    const o = readObject(value, path);
    const w = new Welford();
    w.n = readNumber(o, 'n', path, { integer: true, min: 0 });
    w.mu = readNumber(o, 'mean', path);
    w.m2 = readNumber(o, 'm2', path, { min: 0 });
    w.total = readNumber(o, 'sum', path);
    const lo = readNullableNumber(o, 'min', path);
    const hi = readNullableNumber(o, 'max', path);
    if (w.n > 0) {
      if (lo === null || hi === null) invalid(child(path, lo === null ? 'min' : 'max'), 'expected a number when n > 0');
      if (lo > hi) invalid(child(path, 'min'), `min ${lo} is greater than max ${hi}`);
      w.lo = lo;
      w.hi = hi;
    }
    return w;
  }
}
