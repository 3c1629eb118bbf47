/**
 * Small statistics toolkit for the distribution tests, written independently of engine/random:
 * moments with standard errors, the Kolmogorov-Smirnov statistic, and a chi-square test whose p-value
 * comes from the regularized upper incomplete gamma function (Numerical Recipes, 3rd ed., section 6.2).
 */
import { expect } from 'vitest';

export function sample(n: number, draw: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draw();
  return out;
}

export interface Moments {
  n: number;
  mean: number;
  variance: number;
  /** Fourth central moment, for the standard error of the sample variance. */
  m4: number;
}

export function moments(xs: Float64Array): Moments {
  const n = xs.length;
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let s2 = 0;
  let s4 = 0;
  for (const x of xs) {
    const d = x - mean;
    const d2 = d * d;
    s2 += d2;
    s4 += d2 * d2;
  }
  return { n, mean, variance: s2 / (n - 1), m4: s4 / n };
}

/**
 * Sample mean within `k` standard errors (sd / sqrt(n), from the exact variance) of the exact mean, and the
 * sample variance within `k` standard errors of the exact variance, where SE(s^2) = sqrt((m4 - s^4) / n)
 * uses the sample's fourth central moment (the usual large-sample estimate).
 */
export function expectMoments(xs: Float64Array, mean: number, variance: number, k = 5): void {
  const m = moments(xs);
  const seMean = Math.sqrt(variance / m.n);
  const seVariance = Math.sqrt(Math.max(m.m4 - m.variance * m.variance, 0) / m.n);
  expect(Math.abs(m.mean - mean), `mean ${m.mean} vs ${mean} (SE ${seMean})`).toBeLessThanOrEqual(k * seMean);
  expect(Math.abs(m.variance - variance), `variance ${m.variance} vs ${variance} (SE ${seVariance})`).toBeLessThanOrEqual(
    k * seVariance,
  );
}

/** Kolmogorov-Smirnov statistic D = sup |F_n(x) - F(x)| of the sample against a continuous CDF. */
export function ksStatistic(xs: Float64Array, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(xs).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/**
 * Critical value of D at significance 0.001 for n = 200 000: scipy.stats.kstwo.ppf(0.999, 200000) =
 * 1.949098928789874 / sqrt(200000) (scipy 1.17.1); the asymptotic Kolmogorov value is 1.94947 / sqrt(n).
 */
export const KS_N = 200_000;
export const KS_CRITICAL_0001 = 1.949098928789874 / Math.sqrt(KS_N);

/** ln Γ(x) for x > 0, Lanczos approximation (Numerical Recipes gammln, g = 5, n = 6; |error| < 2e-10). */
function logGammaFn(x: number): number {
  const cof = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let ser = 1.000000000190015;
  for (const c of cof) ser += c / ++y;
  return -tmp + Math.log((2.5066282746310005 * ser) / x);
}

/** Regularized upper incomplete gamma Q(a, x), series for x < a + 1, continued fraction otherwise. */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const gln = logGammaFn(a);
  if (x < a + 1) {
    let ap = a;
    let sum = 1 / a;
    let del = sum;
    for (let i = 0; i < 10_000; i++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - gln);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - gln) * h;
}

/** P(chi-square with df degrees of freedom > stat). */
export function chiSquarePValue(stat: number, df: number): number {
  return gammaQ(df / 2, stat / 2);
}

/** Pearson chi-square statistic of observed counts against expected probabilities (summing to 1). */
export function chiSquareStatistic(counts: readonly number[], probabilities: readonly number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  let stat = 0;
  for (let i = 0; i < counts.length; i++) {
    const expected = n * probabilities[i]!;
    stat += (counts[i]! - expected) ** 2 / expected;
  }
  return stat;
}

/**
 * Chi-square goodness of fit of an integer-valued sample against a pmf on [0, support]: adjacent values are
 * merged into bins with at least `minExpected` expected counts (tails included), then the test is run at
 * significance 0.001. Returns the statistic, degrees of freedom and p-value for the assertion message.
 */
export function expectDiscreteFit(xs: Float64Array, pmf: (k: number) => number, support: number, minExpected = 20): void {
  const n = xs.length;
  // bin edges: bin b covers [starts[b], starts[b+1]) and the last bin extends to +infinity
  const starts: number[] = [0];
  const probs: number[] = [];
  let acc = 0;
  for (let k = 0; k <= support; k++) {
    acc += pmf(k);
    if (acc * n >= minExpected) {
      probs.push(acc);
      starts.push(k + 1);
      acc = 0;
    }
  }
  starts.pop();
  // remaining mass (tail above the last full bin) goes to the last bin
  const assigned = probs.reduce((a, b) => a + b, 0);
  probs[probs.length - 1]! += Math.max(0, 1 - assigned);
  const binOf = new Int32Array(support + 1);
  for (let b = 0; b < starts.length; b++) {
    const end = b + 1 < starts.length ? starts[b + 1]! : support + 1;
    for (let k = starts[b]!; k < end; k++) binOf[k] = b;
  }
  const counts = new Array<number>(probs.length).fill(0);
  let nonIntegers = 0;
  for (const x of xs) {
    if (!Number.isInteger(x) || x < 0) nonIntegers++;
    else counts[x <= support ? binOf[x]! : probs.length - 1]!++;
  }
  expect(nonIntegers, 'draws that are not non-negative integers').toBe(0);
  const stat = chiSquareStatistic(counts, probs);
  const df = probs.length - 1;
  const p = chiSquarePValue(stat, df);
  expect(df, 'enough bins for a meaningful test').toBeGreaterThanOrEqual(3);
  expect(p, `chi-square ${stat.toFixed(2)} on ${df} df`).toBeGreaterThan(0.001);
}

/** Standard normal CDF via erfc (Numerical Recipes erfcc, fractional error < 1.2e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - 0.5 * r : 0.5 * r;
}

/** pmf from a log-space recursion p(k) = p(k - 1) * ratio(k), started at ln p(0). */
export function pmfTable(logP0: number, ratio: (k: number) => number, support: number): Float64Array {
  const table = new Float64Array(support + 1);
  let logP = logP0;
  table[0] = Math.exp(logP);
  for (let k = 1; k <= support; k++) {
    logP += Math.log(ratio(k));
    table[k] = Math.exp(logP);
  }
  return table;
}
