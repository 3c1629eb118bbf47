/**
 * Special functions needed by the samplers: the standard normal quantile and log-factorials.
 * Exported for tests; not part of the public random API.
 */

/**
 * Standard normal quantile Φ^{-1}(p) for p in (0, 1), algorithm AS 241 (PPND16):
 * M. J. Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
 * Applied Statistics 37(3), 477-484, 1988. Relative accuracy about 1e-16. Coefficients as in the
 * published algorithm (the same as R's nmath/qnorm.c). Callers guarantee 0 < p < 1.
 */
export function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) *
          r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((r * 5226.495278852854561 + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) *
        r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) *
        r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) *
        r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}

const HALF_LOG_2PI = 0.9189385332046727; // ln(2π)/2

const FACTORIAL_TABLE_SIZE = 128;
/** ln k! for k < 128, by summing logarithms once at load time. */
const LOG_FACTORIAL_TABLE: Float64Array = (() => {
  const table = new Float64Array(FACTORIAL_TABLE_SIZE);
  let sum = 0;
  for (let k = 2; k < FACTORIAL_TABLE_SIZE; k++) {
    sum += Math.log(k);
    table[k] = sum;
  }
  return table;
})();

/**
 * Stirling-series remainder fc(k) = ln k! - [(k + 1/2) ln(k + 1) - (k + 1) + ln(2π)/2], i.e. the
 * correction term of ln Γ(x) at x = k + 1: 1/(12x) - 1/(360x^3) + 1/(1260x^5) - 1/(1680x^7).
 * Used where differences of log-factorials of large numbers must not cancel catastrophically
 * (Hörmann's BTRS/PTRS acceptance tests). Exact table values below 128, series above (error < 1e-20).
 */
export function stirlingTail(k: number): number {
  if (k < FACTORIAL_TABLE_SIZE) {
    return LOG_FACTORIAL_TABLE[k]! - ((k + 0.5) * Math.log(k + 1) - (k + 1) + HALF_LOG_2PI);
  }
  const x = k + 1;
  const x2 = x * x;
  return (1 / 12 - (1 / 360 - (1 / 1260 - 1 / (1680 * x2)) / x2) / x2) / x;
}

/** ln k! for a non-negative integer k (table below 128, Stirling series above). */
export function logFactorial(k: number): number {
  if (k < FACTORIAL_TABLE_SIZE) return LOG_FACTORIAL_TABLE[k]!;
  return (k + 0.5) * Math.log(k + 1) - (k + 1) + HALF_LOG_2PI + stirlingTail(k);
}

/**
 * ln P(X = k) for X ~ Poisson(mean), written so that large means do not cancel catastrophically:
 * with d = k + 1 - mean and ln k! = (k + 1/2) ln(k + 1) - (k + 1) + ln(2π)/2 + fc(k),
 *   ln P = -(k + 1/2) log1p(d / mean) + d - ln(2π mean)/2 - fc(k).
 * The naive k ln(mean) - mean - ln k! loses about mean * 1e-16 in absolute terms.
 */
export function logPoissonPmf(k: number, mean: number): number {
  const d = k + 1 - mean;
  return -(k + 0.5) * Math.log1p(d / mean) + d - 0.5 * Math.log(2 * Math.PI * mean) - stirlingTail(k);
}

/**
 * ln[P(X = k) / P(X = m)] for X ~ Binomial(n, p), r = p / (1 - p). Starting from the Stirling form of
 * Hörmann's BTRD step 3.2 (W. Hörmann, "The generation of binomial random variates", 1993),
 *   (m + 1/2) ln(m + 1) - (k + 1/2) ln(k + 1) + (n - m + 1/2) ln(n - m + 1) - (n - k + 1/2) ln(n - k + 1)
 *   + (k - m) ln r + fc(m) + fc(n - m) - fc(k) - fc(n - k),
 * and writing ln(k + 1) = ln(m + 1) + log1p(d / (m + 1)), ln(n - k + 1) = ln(n - m + 1) + log1p(-d / (n - m + 1))
 * with d = k - m, so that no two terms of size n ln n are subtracted:
 *   d ln(r (n - m + 1) / (m + 1)) - (k + 1/2) log1p(d / (m + 1)) - (n - k + 1/2) log1p(-d / (n - m + 1)) + tails.
 * The absolute error is then about |d| * 1e-16 instead of n * 1e-16.
 */
export function binomialLogRatio(n: number, k: number, m: number, r: number): number {
  const d = k - m;
  return (
    d * Math.log((r * (n - m + 1)) / (m + 1)) -
    (k + 0.5) * Math.log1p(d / (m + 1)) -
    (n - k + 0.5) * Math.log1p(-d / (n - m + 1)) +
    stirlingTail(m) +
    stirlingTail(n - m) -
    stirlingTail(k) -
    stirlingTail(n - k)
  );
}
