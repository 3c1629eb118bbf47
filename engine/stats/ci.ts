/**
 * Confidence intervals: Student-t for means (terminating-simulation practice, Law & Kelton; see
 * docs/models/engine.md section 5) and Wilson score intervals for proportions such as
 * P(target met).
 *
 * Why Wilson rather than the textbook Wald interval p ± z·sqrt(p(1−p)/n): plans are often judged on
 * proportions near 0 or 1 (P(all evacuated before landfall) = 0.97), where Wald collapses to zero
 * width at p = 0 or 1 and under-covers badly; Wilson keeps close to nominal coverage there.
 */
import { createRequire } from 'node:module';

/**
 * @stdlib's inverse t, loaded on first use: it is about 400 small CommonJS files, and a worker thread,
 * which only adds replications to summaries, never needs it (only the coordinator computes intervals).
 * Loading it at import cost every thread and every command 0.1 to 0.2 s (docs/performance.md).
 */
let tQuantileFn: ((p: number, df: number) => number) | undefined;
function tQuantile(p: number, df: number): number {
  tQuantileFn ??= createRequire(import.meta.url)('@stdlib/stats-base-dists-t-quantile') as (p: number, df: number) => number;
  return tQuantileFn(p, df);
}

/** A closed interval [lower, upper]; the shape printed in `--json` output. */
export type Interval = [number, number];

export interface ConfidenceInterval {
  lo: number;
  hi: number;
  /** Half the width: the "± h" of the sequential stopping rule h(n) <= ε. */
  halfWidth: number;
  level: number;
}

/**
 * Above this many degrees of freedom the t quantile equals the normal quantile to double precision
 * in practice, and @stdlib's inverse t becomes unreliable beyond ~1e15 (it returns 0 at 1e300), so
 * we evaluate it at exactly this df. Measured against reference normal quantiles for levels
 * 0.5..0.999: |error| < 2e-13 (the residual is the O(1/df) term (z³+z)/(4·df)).
 */
const NORMAL_LIMIT_DF = 1e14;

function checkLevel(level: number, where: string): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`${where}: confidence level must be in (0, 1), got ${String(level)}`);
}

/**
 * Two-sided Student-t critical value t_{df, 1−(1−level)/2}: the multiplier of the standard error in
 * a `level` confidence interval. `df` may be fractional (Welch) or Infinity (normal limit).
 */
export function tCritical(df: number, level = 0.95): number {
  checkLevel(level, 'tCritical');
  if (!(df > 0)) throw new RangeError(`tCritical: degrees of freedom must be > 0, got ${String(df)}`);
  const p = 1 - (1 - level) / 2;
  return tQuantile(p, df >= NORMAL_LIMIT_DF ? NORMAL_LIMIT_DF : df);
}

/** Two-sided standard-normal critical value z_{1−(1−level)/2} (1.959964 for 95 %). */
export function zCritical(level = 0.95): number {
  return tCritical(Infinity, level);
}

/**
 * t-interval for a mean from n values with sample standard deviation `sd`:
 * mean ± t_{n−1} · sd / sqrt(n). Returns null for n < 2: with one value there is no estimate of
 * spread, and an interval [mean, mean] would falsely claim certainty.
 */
export function meanConfidenceInterval(mean: number, sd: number, n: number, level = 0.95): ConfidenceInterval | null {
  checkLevel(level, 'meanConfidenceInterval');
  if (!(n >= 2) || !Number.isFinite(mean) || !Number.isFinite(sd)) return null;
  const halfWidth = tCritical(n - 1, level) * (sd / Math.sqrt(n));
  return { lo: mean - halfWidth, hi: mean + halfWidth, halfWidth, level };
}

/**
 * Wilson score interval for a binomial proportion with `successes` out of `n` trials. Returns null
 * for n = 0 (no information). The bounds are exactly 0 when successes = 0 and exactly 1 when
 * successes = n, and always inside [0, 1].
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): Interval | null {
  checkLevel(level, 'wilsonInterval');
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`wilsonInterval: trials must be a non-negative integer, got ${String(n)}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`wilsonInterval: successes must be an integer in [0, ${n}], got ${String(successes)}`);
  }
  if (n === 0) return null;
  const z = zCritical(level);
  const z2 = z * z;
  const p = successes / n;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  const lo = successes === 0 ? 0 : Math.max(0, centre - half);
  const hi = successes === n ? 1 : Math.min(1, centre + half);
  return [lo, hi];
}
