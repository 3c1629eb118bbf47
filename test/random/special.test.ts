import { describe, expect, it } from 'vitest';
import { binomialLogRatio, logFactorial, logPoissonPmf, normalQuantile } from '../../engine/random/special.js';

// Reference values computed with mpmath 1.3.0 at 40 significant digits:
//   quantile: sqrt(2) * erfinv(2p - 1); ln k!: loggamma(k + 1);
//   Poisson: -mean + k ln(mean) - loggamma(k + 1);
//   binomial ratio: the log-pmf difference from loggamma, ln p, ln(1 - p).

const QUANTILES: Array<[number, number]> = [
  [1e-20, -9.2623400897984076],
  [1e-10, -6.3613409024040562],
  [0.001, -3.0902323061678135],
  [0.02, -2.053748910631823],
  [0.075, -1.4395314709384559],
  [0.3, -0.52440051270804082],
  [0.5, 0],
  [0.7, 0.52440051270804066],
  [0.925, 1.4395314709384562],
  [0.975, 1.9599639845400539],
  [0.999, 3.0902323061678133],
  [0.9999999999, 6.3613408896974219],
];

const LOG_FACTORIALS: Array<[number, number]> = [
  [0, 0],
  [1, 0],
  [2, 0.69314718055994530942],
  [10, 15.104412573075515295],
  [127, 491.5534482232980035],
  [128, 496.40547848721762066],
  [129, 501.26529089157929278],
  [1000, 5912.1281784881633489],
  [123456, 1323904.4924837976795],
  [1e9, 19723265848.226982608],
];

const POISSON_LOG_PMF: Array<[number, number, number]> = [
  [0, 10, -10],
  [10, 10, -2.078561643135058455],
  [25, 10, -10.438977898129377839],
  [3, 12.5, -6.7145735363032886815],
  [500, 500, -4.0264092490602130829],
  [560, 500, -7.5471195064990402533],
  [1000030000, 1e9, -11.730581951603712438],
  [1e15, 1e15, -18.188326730660015455],
  [1e15 + 1e8, 1e15, -23.188326613993354622],
];

const BINOMIAL_LOG_RATIO: Array<[number, number, number, number, number]> = [
  // n, k, m, p, ln f(k) - ln f(m)
  [1000, 320, 300, 0.3, -0.95856332265020104408],
  [1000, 250, 300, 0.3, -6.1076476930456643497],
  [40, 2, 12, 0.3, -7.31140955835830021],
  [1e9, 300010000, 300000000, 0.3, -0.23810324989398623923],
  [1e12, 1000050000, 1e9, 0.001, -1.2512553928085598287],
];

describe('normalQuantile (AS 241)', () => {
  it.each(QUANTILES)('Φ^-1(%s) = %s to within 1e-15 relative', (p, expected) => {
    const value = normalQuantile(p);
    expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(expected)));
  });

  it('is antisymmetric and increasing', () => {
    let previous = -Infinity;
    for (let i = 1; i < 1000; i++) {
      const p = i / 1000;
      const z = normalQuantile(p);
      expect(z).toBeGreaterThan(previous);
      previous = z;
      expect(normalQuantile(1 - p)).toBeCloseTo(-z, 12);
    }
  });
});

describe('log-factorial and log-pmf helpers', () => {
  it.each(LOG_FACTORIALS)('ln %s! matches to 1e-14 relative', (k, expected) => {
    expect(Math.abs(logFactorial(k) - expected)).toBeLessThanOrEqual(1e-14 * Math.max(1, expected));
  });

  // The naive k ln(mean) - mean - ln k! would be off by about mean * 1e-16, i.e. 0.1 at mean 1e15.
  it.each(POISSON_LOG_PMF)('ln P(Poisson = %s | mean %s) matches to 1e-8 absolute, even for huge means', (k, mean, expected) => {
    expect(Math.abs(logPoissonPmf(k, mean) - expected)).toBeLessThan(1e-8);
  });

  it.each(BINOMIAL_LOG_RATIO)('binomial log-ratio n=%s k=%s m=%s matches to 1e-9 absolute', (n, k, m, p, expected) => {
    expect(Math.abs(binomialLogRatio(n, k, m, p / (1 - p)) - expected)).toBeLessThan(1e-9);
  });
});
