/**
 * Summary of one metric over replications: exact moments (mean, sd, t-interval) plus a quantile
 * summary (p05/p50/p95, CDF points for charts).
 *
 * Why exact moments rather than Welford here: this is the object workers build per chunk and the
 * batch layer merges, and the merged result must not depend on the chunking (see moments.ts).
 * With {@link Moments} and {@link QuantileSummary} both chunking-invariant, `result()` and
 * `toJSON()` are bit-identical for any chunking, worker count or merge order of the same values.
 *
 * Memory is bounded: Moments is O(1) and the quantile summary switches to a sketch past its exact
 * limit.
 */
import { meanConfidenceInterval, type ConfidenceInterval, type Interval } from './ci.js';
import { child, invalid, readObject } from './json.js';
import { Moments, type MomentsJSON } from './moments.js';
import { QuantileSummary, type CdfPoint, type QuantileOptions, type QuantileSummaryJSON } from './quantiles.js';

/**
 * What the CLI prints per metric in `--json`. Fields that are undefined for the sample size are
 * null rather than NaN (NaN is not JSON): everything but `n` is null for n = 0; `sd` and `ci95` are
 * null for n = 1 (one replication says nothing about spread, and [mean, mean] would claim certainty).
 */
export interface MetricResult {
  n: number;
  mean: number | null;
  sd: number | null;
  /** Student-t 95 % confidence interval of the mean, [lo, hi]; null for n < 2. */
  ci95: Interval | null;
  p05: number | null;
  p50: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
}

export interface MetricSummaryJSON {
  moments: MomentsJSON;
  quantiles: QuantileSummaryJSON;
}

export type MetricSummaryOptions = QuantileOptions;

function orNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

export class MetricSummary {
  private moments = new Moments();
  private q: QuantileSummary;

  constructor(options: MetricSummaryOptions = {}) {
    this.q = new QuantileSummary(options);
  }

  add(x: number): void {
    // Moments validates first (finite, |x| <= 1e100), so a rejected value leaves both parts unchanged.
    this.moments.add(x);
    this.q.add(x);
  }

  merge(other: MetricSummary): void {
    this.q.merge(other.q);
    this.moments.merge(other.moments);
  }

  get n(): number {
    return this.moments.count;
  }

  get mean(): number {
    return this.moments.mean;
  }

  get sd(): number {
    return this.moments.sd;
  }

  /** Confidence interval of the mean at any level; null for n < 2. */
  confidenceInterval(level = 0.95): ConfidenceInterval | null {
    return meanConfidenceInterval(this.moments.mean, this.moments.sd, this.moments.count, level);
  }

  /** Half-width of the confidence interval (for stopping rules); null for n < 2. */
  halfWidth(level = 0.95): number | null {
    return this.confidenceInterval(level)?.halfWidth ?? null;
  }

  /** Type-7 quantile; NaN while empty. */
  quantile(p: number): number {
    return this.q.quantile(p);
  }

  quantiles(ps: readonly number[]): number[] {
    return this.q.quantiles(ps);
  }

  cdfPoints(steps = 100): CdfPoint[] {
    return this.q.cdfPoints(steps);
  }

  result(): MetricResult {
    const n = this.moments.count;
    if (n === 0) return { n: 0, mean: null, sd: null, ci95: null, p05: null, p50: null, p95: null, min: null, max: null };
    const ci = this.confidenceInterval(0.95);
    const [p05, p50, p95] = this.q.quantiles([0.05, 0.5, 0.95]) as [number, number, number];
    return {
      n,
      mean: this.moments.mean,
      sd: n < 2 ? null : orNull(this.moments.sd),
      ci95: ci === null ? null : [ci.lo, ci.hi],
      p05,
      p50,
      p95,
      min: this.moments.min,
      max: this.moments.max,
    };
  }

  toJSON(): MetricSummaryJSON {
    return { moments: this.moments.toJSON(), quantiles: this.q.toJSON() };
  }

  static fromJSON(value: unknown, path = ''): MetricSummary {
    const o = readObject(value, path);
    const s = new MetricSummary();
    s.moments = Moments.fromJSON(o['moments'], child(path, 'moments'));
    s.q = QuantileSummary.fromJSON(o['quantiles'], child(path, 'quantiles'));
    if (s.q.count !== s.moments.count) {
      invalid(child(child(path, 'quantiles'), 'n'), `quantiles.n (${s.q.count}) differs from moments.n (${s.moments.count})`);
    }
    return s;
  }
}
