/**
 * Mergeable quantile summary: exact while small, a DDSketch once large.
 *
 * Why two modes: most batches run hundreds of replications, where keeping every value costs a few
 * KB and gives exact percentiles; a 10,000+ replication batch must not grow memory with N, so past
 * `exactLimit` values the summary switches to DDSketch (Masson, Rim & Lee, VLDB 2019), whose
 * logarithmic buckets give every quantile a relative-error guarantee α and whose merge is an
 * integer sum of bucket counts.
 *
 * Chunking invariance: the mode is a function of the total count only (exact iff n <= exactLimit),
 * the exact mode's quantiles come from the sorted values, and the sketch's state is the integer count
 * per bucket key plus the exact min and max. So for the same multiset of values the results and the
 * (canonical) `toJSON()` are bit-identical whatever the chunking, grouping or merge order.
 *
 * Quantile definition (both modes): type 7 of Hyndman & Fan (1996), the default of R and NumPy:
 * with sorted x_0..x_{n−1} and h = (n − 1)·p, Q(p) = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋).
 * In sketch mode each order statistic is replaced by its bucket's representative value (relative
 * error <= α), the smallest and largest by the exact min and max, and the same interpolation is
 * applied. When the two neighbouring order statistics have the same sign, the result is therefore
 * within relative error α of the exact type-7 quantile of the data.
 *
 * Why the library's own `merge`/`toProto` are not used (@datadog/sketches-js 2.1.1):
 * - `DDSketch.merge` ignores the negative-value store (DataDog/sketches-js issue #22), and paired
 *   differences are negative;
 * - `DenseStore.merge` computes `secondKey || key`, so a store whose largest key is 0 (values in
 *   (1/γ, 1]) is merged into bins that were never allocated and the counts become NaN (seen here);
 * - `toProto`/`fromProto` need `protobufjs`, which the package does not depend on, and drop min/max.
 * We therefore merge and serialise by walking the bucket counts and re-adding them with
 * `DenseStore.add`, which extends its range correctly.
 */
import { DDSketch } from '@datadog/sketches-js';
import { child, invalid, readLiteral, readNullableNumber, readNumber, readNumberArray, readObject } from './json.js';

/** The package root does not export its store class; take the type from the sketch instead. */
type DenseStore = DDSketch['store'];

/** Keep exact values up to this many (32 KB of doubles per metric). */
export const DEFAULT_EXACT_LIMIT = 4096;
/** DDSketch relative accuracy α: 0.5 % (about 230 buckets per decade of values). */
export const DEFAULT_RELATIVE_ACCURACY = 0.005;

export interface QuantileOptions {
  /** Exact mode while n <= exactLimit; 0 means always sketch. Integer >= 0. */
  exactLimit?: number;
  /** Relative accuracy α of the sketch, in (0, 1). */
  relativeAccuracy?: number;
}

/** Dense bucket counts starting at `firstKey`; empty store: `{ firstKey: 0, counts: [] }`. */
export interface SketchBinsJSON {
  firstKey: number;
  counts: number[];
}

interface QuantileJSONBase {
  exactLimit: number;
  relativeAccuracy: number;
  n: number;
  /** Exact smallest/largest value; null while empty (JSON has no Infinity). */
  min: number | null;
  max: number | null;
}

export interface ExactQuantileJSON extends QuantileJSONBase {
  mode: 'exact';
  /** The values, sorted ascending (canonical: independent of the order they were added in). */
  values: number[];
}

export interface SketchQuantileJSON extends QuantileJSONBase {
  mode: 'sketch';
  /** Values mapped to zero (|x| below ~1e-308) */
  zeroCount: number;
  positive: SketchBinsJSON;
  /** Buckets of |x| for negative x. */
  negative: SketchBinsJSON;
}

export type QuantileSummaryJSON = ExactQuantileJSON | SketchQuantileJSON;

/** One point of an empirical CDF for charts: P(X <= value) ≈ p. */
export interface CdfPoint {
  p: number;
  value: number;
}

/**
 * Type-7 quantile of an ascending array (R/NumPy default). NaN for an empty array.
 * Example: [1, 2, 3, 4] at p = 0.25 gives 1.75.
 */
export function type7Quantile(sorted: ArrayLike<number>, p: number): number {
  checkP(p);
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const j = Math.floor(h);
  const lo = sorted[j] as number;
  if (j + 1 >= n) return lo;
  const hi = sorted[j + 1] as number;
  const frac = h - j;
  return frac === 0 ? lo : lo + frac * (hi - lo);
}

function checkP(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1], got ${String(p)}`);
}

/** Cumulative view of the sketch buckets in ascending value order, rebuilt lazily after changes. */
interface SketchTable {
  /** Representative value of each non-empty bucket, ascending. */
  values: Float64Array;
  /** Number of values in buckets 0..i (inclusive). */
  cumulative: Float64Array;
}

export class QuantileSummary {
  readonly exactLimit: number;
  readonly relativeAccuracy: number;
  private n = 0;
  private lo = Infinity;
  private hi = -Infinity;
  /** Exact mode: the values in arrival order; null in sketch mode. */
  private values: number[] | null = [];
  private sketch: DDSketch | null = null;
  /** Lazily built, invalidated by add/merge. */
  private sorted: Float64Array | null = null;
  private table: SketchTable | null = null;

  constructor(options: QuantileOptions = {}) {
    const exactLimit = options.exactLimit ?? DEFAULT_EXACT_LIMIT;
    const relativeAccuracy = options.relativeAccuracy ?? DEFAULT_RELATIVE_ACCURACY;
    if (!Number.isInteger(exactLimit) || exactLimit < 0) {
      throw new RangeError(`QuantileSummary: exactLimit must be an integer >= 0, got ${String(exactLimit)}`);
    }
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
      throw new RangeError(`QuantileSummary: relativeAccuracy must be in (0, 1), got ${String(relativeAccuracy)}`);
    }
    this.exactLimit = exactLimit;
    this.relativeAccuracy = relativeAccuracy;
  }

  get count(): number {
    return this.n;
  }

  get mode(): 'exact' | 'sketch' {
    return this.sketch === null ? 'exact' : 'sketch';
  }

  /** Exact smallest value; Infinity while empty. */
  get min(): number {
    return this.lo;
  }

  /** Exact largest value; -Infinity while empty. */
  get max(): number {
    return this.hi;
  }

  add(x: number): void {
    if (!Number.isFinite(x)) throw new RangeError(`QuantileSummary.add: expected a finite number, got ${String(x)}`);
    this.n += 1;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
    this.sorted = null;
    this.table = null;
    if (this.sketch !== null) {
      this.sketch.accept(x);
      return;
    }
    const values = this.values as number[];
    values.push(x);
    if (values.length > this.exactLimit) this.toSketch();
  }

  /** Fold `other` into this; `other` is unchanged. Both must have the same options. */
  merge(other: QuantileSummary): void {
    if (other.exactLimit !== this.exactLimit || other.relativeAccuracy !== this.relativeAccuracy) {
      throw new Error(
        `QuantileSummary.merge: options differ (exactLimit ${this.exactLimit} vs ${other.exactLimit}, ` +
          `relativeAccuracy ${this.relativeAccuracy} vs ${other.relativeAccuracy})`,
      );
    }
    if (other.n === 0) return;
    const total = this.n + other.n;
    this.sorted = null;
    this.table = null;
    if (this.sketch === null && other.sketch === null && total <= this.exactLimit) {
      const mine = this.values as number[];
      for (const v of other.values as number[]) mine.push(v);
    } else {
      if (this.sketch === null) this.toSketch();
      const target = this.sketch as DDSketch;
      if (other.sketch === null) {
        for (const v of other.values as number[]) target.accept(v);
      } else {
        addStore(target.store, other.sketch.store);
        addStore(target.negativeStore, other.sketch.negativeStore);
        target.zeroCount += other.sketch.zeroCount;
        target.count += other.sketch.count;
      }
    }
    this.n = total;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
  }

  /** Type-7 quantile (see the module comment); NaN while empty. */
  quantile(p: number): number {
    checkP(p);
    if (this.n === 0) return NaN;
    if (this.sketch === null) return type7Quantile(this.sortedValues(), p);
    const h = (this.n - 1) * p;
    const j = Math.floor(h);
    const a = this.orderStatistic(j);
    if (j + 1 >= this.n) return a;
    const frac = h - j;
    if (frac === 0) return a;
    const b = this.orderStatistic(j + 1);
    return a + frac * (b - a);
  }

  quantiles(ps: readonly number[]): number[] {
    return ps.map((p) => this.quantile(p));
  }

  /** Points of the empirical CDF for charts: p = 0, 1/steps, ..., 1 with their quantiles. */
  cdfPoints(steps = 100): CdfPoint[] {
    if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`cdfPoints: steps must be an integer >= 1, got ${String(steps)}`);
    const out: CdfPoint[] = [];
    if (this.n === 0) return out;
    for (let i = 0; i <= steps; i++) {
      const p = i / steps;
      out.push({ p, value: this.quantile(p) });
    }
    return out;
  }

  toJSON(): QuantileSummaryJSON {
    const base = {
      exactLimit: this.exactLimit,
      relativeAccuracy: this.relativeAccuracy,
      n: this.n,
      min: this.n === 0 ? null : this.lo,
      max: this.n === 0 ? null : this.hi,
    };
    if (this.sketch === null) return { mode: 'exact', ...base, values: Array.from(this.sortedValues()) };
    return {
      mode: 'sketch',
      ...base,
      zeroCount: this.sketch.zeroCount,
      positive: storeToJSON(this.sketch.store),
      negative: storeToJSON(this.sketch.negativeStore),
    };
  }

  static fromJSON(value: unknown, path = ''): QuantileSummary {
    const o = readObject(value, path);
    const mode = readLiteral(o, 'mode', path, ['exact', 'sketch'] as const);
    const exactLimit = readNumber(o, 'exactLimit', path, { integer: true, min: 0 });
    const relativeAccuracy = readNumber(o, 'relativeAccuracy', path, { min: Number.MIN_VALUE, max: 1 - Number.EPSILON });
    const n = readNumber(o, 'n', path, { integer: true, min: 0 });
    const lo = readNullableNumber(o, 'min', path);
    const hi = readNullableNumber(o, 'max', path);
    const q = new QuantileSummary({ exactLimit, relativeAccuracy });
    if (n > 0) {
      if (lo === null || hi === null) invalid(child(path, lo === null ? 'min' : 'max'), 'expected a number when n > 0');
      if (lo > hi) invalid(child(path, 'min'), `min ${lo} is greater than max ${hi}`);
    }
    if (mode === 'exact') {
      if (n > exactLimit) invalid(child(path, 'mode'), `n = ${n} exceeds exactLimit ${exactLimit}, so the summary must be a sketch`);
      const values = readNumberArray(o, 'values', path);
      if (values.length !== n) invalid(child(path, 'values'), `expected ${n} values (n), got ${values.length}`);
      for (const v of values) q.add(v);
      if (n > 0 && (q.lo !== lo || q.hi !== hi)) invalid(child(path, 'min'), 'min/max do not match the values');
      return q;
    }
    if (n <= exactLimit) invalid(child(path, 'mode'), `n = ${n} is within exactLimit ${exactLimit}, so the summary must be exact`);
    const sketch = new DDSketch({ relativeAccuracy });
    const zeroCount = readNumber(o, 'zeroCount', path, { integer: true, min: 0 });
    const positive = storeFromJSON(o['positive'], child(path, 'positive'), sketch.store);
    const negative = storeFromJSON(o['negative'], child(path, 'negative'), sketch.negativeStore);
    if (zeroCount + positive + negative !== n) {
      invalid(child(path, 'n'), `n = ${n} but the buckets hold ${zeroCount + positive + negative} values`);
    }
    sketch.zeroCount = zeroCount;
    sketch.count = n;
    q.sketch = sketch;
    q.values = null;
    q.n = n;
    q.lo = lo as number;
    q.hi = hi as number;
    return q;
  }

  private toSketch(): void {
    const sketch = new DDSketch({ relativeAccuracy: this.relativeAccuracy });
    for (const v of this.values as number[]) sketch.accept(v);
    this.sketch = sketch;
    this.values = null;
  }

  private sortedValues(): Float64Array {
    if (this.sorted === null) {
      // Float64Array sorts numerically (and -0 before +0), unlike Array.prototype.sort's default.
      this.sorted = Float64Array.from(this.values as number[]).sort();
    }
    return this.sorted;
  }

  /** Estimate of the k-th smallest value (0-based): exact at both ends, bucket value in between. */
  private orderStatistic(k: number): number {
    if (k <= 0) return this.lo;
    if (k >= this.n - 1) return this.hi;
    const table = this.sketchTable();
    // First bucket whose cumulative count exceeds k holds the k-th value.
    let a = 0;
    let b = table.cumulative.length - 1;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if ((table.cumulative[mid] as number) > k) b = mid;
      else a = mid + 1;
    }
    const v = table.values[a] as number;
    // Bucket values may lie just outside the observed range; the true value never does.
    return v < this.lo ? this.lo : v > this.hi ? this.hi : v;
  }

  private sketchTable(): SketchTable {
    if (this.table !== null) return this.table;
    const sketch = this.sketch as DDSketch;
    const values: number[] = [];
    const cumulative: number[] = [];
    let running = 0;
    const push = (value: number, count: number): void => {
      running += count;
      values.push(value);
      cumulative.push(running);
    };
    const neg = sketch.negativeStore;
    // Largest |x| first = most negative first.
    for (let key = neg.maxKey; key >= neg.minKey; key--) {
      const c = neg.bins[key - neg.offset] ?? 0;
      if (c > 0) push(-sketch.mapping.value(key), c);
    }
    if (sketch.zeroCount > 0) push(0, sketch.zeroCount);
    const pos = sketch.store;
    for (let key = pos.minKey; key <= pos.maxKey; key++) {
      const c = pos.bins[key - pos.offset] ?? 0;
      if (c > 0) push(sketch.mapping.value(key), c);
    }
    this.table = { values: Float64Array.from(values), cumulative: Float64Array.from(cumulative) };
    return this.table;
  }
}

/** Add every bucket of `from` to `into` through `DenseStore.add` (see the module comment for why). */
function addStore(into: DenseStore, from: DenseStore): void {
  if (from.count === 0) return;
  for (let key = from.minKey; key <= from.maxKey; key++) {
    const c = from.bins[key - from.offset] ?? 0;
    if (c > 0) into.add(key, c);
  }
}

/** Canonical dense form: from the first to the last non-empty bucket, whatever the store's layout. */
function storeToJSON(store: DenseStore): SketchBinsJSON {
  let first = Infinity;
  let last = -Infinity;
  if (store.count > 0) {
    for (let key = store.minKey; key <= store.maxKey; key++) {
      if ((store.bins[key - store.offset] ?? 0) > 0) {
        if (key < first) first = key;
        last = key;
      }
    }
  }
  if (first > last) return { firstKey: 0, counts: [] };
  const counts: number[] = [];
  for (let key = first; key <= last; key++) counts.push(store.bins[key - store.offset] ?? 0);
  return { firstKey: first, counts };
}

/** Fill `store` from its JSON form; returns the number of values it holds. */
function storeFromJSON(value: unknown, path: string, store: DenseStore): number {
  const o = readObject(value, path);
  const firstKey = readNumber(o, 'firstKey', path, { integer: true });
  const counts = readNumberArray(o, 'counts', path, { integer: true, min: 0 });
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    if (c > 0) {
      store.add(firstKey + i, c);
      total += c;
    }
  }
  return total;
}
