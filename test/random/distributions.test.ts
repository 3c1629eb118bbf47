import { describe, expect, it } from 'vitest';
import { createStream, type RandomStream } from '../../engine/random/index.js';
import {
  chiSquarePValue,
  chiSquareStatistic,
  expectDiscreteFit,
  expectMoments,
  KS_CRITICAL_0001,
  KS_N,
  ksStatistic,
  normalCdf,
  pmfTable,
  sample,
} from './stat-helpers.js';

const SEED = 20240601;
const N = 200_000;

/** Each case draws from its own stream, so cases do not depend on each other or on their order. */
function stream(label: string): RandomStream {
  return createStream(SEED, 0, `test.${label}`);
}

const SQRT_PI = Math.sqrt(Math.PI);

type MomentCase = [label: string, draw: (s: RandomStream) => number, mean: number, variance: number];

function lognormalMoments(mu: number, sigma: number): [number, number] {
  const s2 = sigma * sigma;
  return [Math.exp(mu + s2 / 2), (Math.exp(s2) - 1) * Math.exp(2 * mu + s2)];
}

function betaMoments(a: number, b: number): [number, number] {
  return [a / (a + b), (a * b) / ((a + b) ** 2 * (a + b + 1))];
}

const MOMENT_CASES: MomentCase[] = [
  ['random()', (s) => s.random(), 0.5, 1 / 12],
  ['uniform(-2, 5)', (s) => s.uniform(-2, 5), 1.5, 49 / 12],
  ['integer(-3, 10)', (s) => s.integer(-3, 10), 3.5, (14 * 14 - 1) / 12],
  ['integer(0, 2^40)', (s) => s.integer(0, 2 ** 40), 2 ** 39, ((2 ** 40 + 1) ** 2 - 1) / 12],
  ['exponential(0.25)', (s) => s.exponential(0.25), 4, 16],
  ['normal(10, 3)', (s) => s.normal(10, 3), 10, 9],
  ['normal(-1, 0.01)', (s) => s.normal(-1, 0.01), -1, 1e-4],
  ['lognormal(10, 5)', (s) => s.lognormal(10, 5), 10, 25],
  ['lognormal(1, 0.2)', (s) => s.lognormal(1, 0.2), 1, 0.04],
  ['lognormalMuSigma(0.5, 0.8)', (s) => s.lognormalMuSigma(0.5, 0.8), ...lognormalMoments(0.5, 0.8)],
  ['lognormalMuSigma(-1, 0.3)', (s) => s.lognormalMuSigma(-1, 0.3), ...lognormalMoments(-1, 0.3)],
  ['gamma(0.05, 1)', (s) => s.gamma(0.05, 1), 0.05, 0.05],
  ['gamma(0.3, 2)', (s) => s.gamma(0.3, 2), 0.6, 1.2],
  ['gamma(1, 3)', (s) => s.gamma(1, 3), 3, 9],
  ['gamma(2.5, 0.5)', (s) => s.gamma(2.5, 0.5), 1.25, 0.625],
  ['gamma(50, 2)', (s) => s.gamma(50, 2), 100, 200],
  ['beta(0.5, 0.5)', (s) => s.beta(0.5, 0.5), ...betaMoments(0.5, 0.5)],
  ['beta(2, 5)', (s) => s.beta(2, 5), ...betaMoments(2, 5)],
  ['beta(0.2, 3)', (s) => s.beta(0.2, 3), ...betaMoments(0.2, 3)],
  ['beta(4, 0.7)', (s) => s.beta(4, 0.7), ...betaMoments(4, 0.7)],
  ['beta(0.05, 0.1)', (s) => s.beta(0.05, 0.1), ...betaMoments(0.05, 0.1)],
  ['betaMeanSd(0.3, 0.1)', (s) => s.betaMeanSd(0.3, 0.1), 0.3, 0.01],
  ['betaMeanSd(0.85, 0.3)', (s) => s.betaMeanSd(0.85, 0.3), 0.85, 0.09],
  // Weibull mean scale Γ(1 + 1/k), variance scale² [Γ(1 + 2/k) - Γ(1 + 1/k)²]; k = 2 and 0.5 have closed forms.
  ['weibull(2, 3)', (s) => s.weibull(2, 3), (3 * SQRT_PI) / 2, 9 * (1 - Math.PI / 4)],
  ['weibull(0.5, 2)', (s) => s.weibull(0.5, 2), 4, 80],
  // Triangular mean (a + b + c) / 3, variance (a² + b² + c² - ab - ac - bc) / 18.
  ['triangular(1, 2, 6)', (s) => s.triangular(1, 2, 6), 3, 21 / 18],
  ['triangular(0, 0, 1)', (s) => s.triangular(0, 0, 1), 1 / 3, 1 / 18],
  ['triangular(0, 1, 1)', (s) => s.triangular(0, 1, 1), 2 / 3, 1 / 18],
  ['poisson(0.5)', (s) => s.poisson(0.5), 0.5, 0.5],
  ['poisson(3)', (s) => s.poisson(3), 3, 3],
  ['poisson(9.99)', (s) => s.poisson(9.99), 9.99, 9.99],
  ['poisson(10)', (s) => s.poisson(10), 10, 10],
  ['poisson(500)', (s) => s.poisson(500), 500, 500],
  ['poisson(1e6)', (s) => s.poisson(1e6), 1e6, 1e6],
  ['binomial(20, 0.3)', (s) => s.binomial(20, 0.3), 6, 4.2],
  ['binomial(50, 0.95)', (s) => s.binomial(50, 0.95), 47.5, 2.375],
  ['binomial(1000, 0.3)', (s) => s.binomial(1000, 0.3), 300, 210],
  ['binomial(100, 0.9)', (s) => s.binomial(100, 0.9), 90, 9],
  ['binomial(1e7, 0.5)', (s) => s.binomial(1e7, 0.5), 5e6, 2.5e6],
  ['binomial(1e9, 5e-9)', (s) => s.binomial(1e9, 5e-9), 5, 5 * (1 - 5e-9)],
  ['bernoulli(0.2)', (s) => (s.bernoulli(0.2) ? 1 : 0), 0.2, 0.16],
  // U(0,1) with probability 0.5 and U(1,3) with probability 0.5: mean 1.25, E[X²] = 7/3.
  ['empirical 3 points', (s) => s.empirical([[0, 0], [1, 0.5], [3, 1]]), 1.25, 7 / 3 - 1.25 ** 2],
  // U(0,2) w.p. 0.4, a point mass at 2 w.p. 0.3, U(2,5) w.p. 0.3: mean 2.05, E[X²] = 169/30.
  ['empirical with a point mass', (s) => s.empirical([[0, 0], [2, 0.4], [2, 0.7], [5, 1]]), 2.05, 169 / 30 - 2.05 ** 2],
];

describe('sample moments within 5 standard errors of the exact values (n = 200 000)', () => {
  it.each(MOMENT_CASES)('%s', (label, draw, mean, variance) => {
    const s = stream(label);
    expectMoments(
      sample(N, () => draw(s)),
      mean,
      variance,
    );
  });
});

describe('Kolmogorov-Smirnov at significance 0.001 (n = 200 000)', () => {
  const triangularCdf = (a: number, c: number, b: number) => (x: number) =>
    x <= a ? 0 : x >= b ? 1 : x <= c ? (x - a) ** 2 / ((b - a) * (c - a)) : 1 - (b - x) ** 2 / ((b - a) * (b - c));
  const cases: Array<[string, (s: RandomStream) => number, (x: number) => number]> = [
    ['random()', (s) => s.random(), (x) => Math.min(Math.max(x, 0), 1)],
    ['uniform(-2, 5)', (s) => s.uniform(-2, 5), (x) => Math.min(Math.max((x + 2) / 7, 0), 1)],
    ['exponential(0.25)', (s) => s.exponential(0.25), (x) => (x <= 0 ? 0 : 1 - Math.exp(-0.25 * x))],
    ['normal(10, 3)', (s) => s.normal(10, 3), (x) => normalCdf((x - 10) / 3)],
    ['lognormalMuSigma(0.5, 0.8)', (s) => s.lognormalMuSigma(0.5, 0.8), (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - 0.5) / 0.8))],
    ['weibull(1.5, 2)', (s) => s.weibull(1.5, 2), (x) => (x <= 0 ? 0 : 1 - Math.exp(-((x / 2) ** 1.5)))],
    ['triangular(1, 2, 6)', (s) => s.triangular(1, 2, 6), triangularCdf(1, 2, 6)],
    [
      'empirical 3 points',
      (s) => s.empirical([[0, 0], [1, 0.5], [3, 1]]),
      (x) => (x <= 0 ? 0 : x <= 1 ? 0.5 * x : x <= 3 ? 0.5 + 0.25 * (x - 1) : 1),
    ],
  ];

  it.each(cases)('%s', (label, draw, cdf) => {
    const s = stream(`ks.${label}`);
    const d = ksStatistic(
      sample(KS_N, () => draw(s)),
      cdf,
    );
    expect(d).toBeLessThan(KS_CRITICAL_0001);
  });

  it('the KS check rejects a wrong distribution (exponential(0.25) tested against rate 0.26)', () => {
    const s = stream('ks.negative-control');
    const d = ksStatistic(
      sample(KS_N, () => s.exponential(0.25)),
      (x) => 1 - Math.exp(-0.26 * x),
    );
    expect(d).toBeGreaterThan(KS_CRITICAL_0001);
  });
});

describe('chi-square goodness of fit at significance 0.001', () => {
  it('the chi-square p-value helper matches scipy critical values', () => {
    // scipy.stats.chi2.ppf(0.999, df) for df = 10, 99, 999 (scipy 1.17.1)
    expect(chiSquarePValue(29.58829844507442, 10)).toBeCloseTo(0.001, 6);
    expect(chiSquarePValue(148.23035916510173, 99)).toBeCloseTo(0.001, 6);
    expect(chiSquarePValue(1142.8479838910355, 999)).toBeCloseTo(0.001, 6);
  });

  it('random() over 1000 equal bins', () => {
    const s = stream('chi.random');
    const counts = new Array<number>(1000).fill(0);
    for (let i = 0; i < 1_000_000; i++) counts[Math.floor(s.random() * 1000)]!++;
    const stat = chiSquareStatistic(counts, new Array<number>(1000).fill(1 / 1000));
    expect(chiSquarePValue(stat, 999)).toBeGreaterThan(0.001);
  });

  it('integer(0, 9) over its 10 values', () => {
    const s = stream('chi.integer');
    expectDiscreteFit(
      sample(N, () => s.integer(0, 9)),
      () => 0.1,
      9,
    );
  });

  it('integer(0, 2^32 + 2) (the 53-bit path) puts a third of its mass in each third', () => {
    const s = stream('chi.integer53');
    const n = 2 ** 32 + 3;
    const counts = [0, 0, 0];
    for (let i = 0; i < N; i++) {
      const x = s.integer(0, n - 1);
      counts[Math.floor((x * 3) / n)]!++;
    }
    expect(chiSquarePValue(chiSquareStatistic(counts, [1 / 3, 1 / 3, 1 / 3]), 2)).toBeGreaterThan(0.001);
  });

  it('integer(0, 3 * 2^30 - 1) has no modulo bias (plain x mod n would put half the draws below 2^30)', () => {
    const s = stream('chi.integer.bias');
    let low = 0;
    for (let i = 0; i < N; i++) if (s.integer(0, 3 * 2 ** 30 - 1) < 2 ** 30) low++;
    expect(chiSquarePValue(chiSquareStatistic([low, N - low], [1 / 3, 2 / 3]), 1)).toBeGreaterThan(0.001);
  });

  it('categorical([1, 0, 3, 6]) hits each index in proportion and never the zero weight', () => {
    const s = stream('chi.categorical');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < N; i++) counts[s.categorical([1, 0, 3, 6])]!++;
    expect(counts[1]).toBe(0);
    const observed = [counts[0]!, counts[2]!, counts[3]!];
    expect(chiSquarePValue(chiSquareStatistic(observed, [0.1, 0.3, 0.6]), 2)).toBeGreaterThan(0.001);
  });

  const poisson = (mean: number, support: number) =>
    pmfTable(
      -mean,
      (k) => mean / k,
      support,
    );
  const binomial = (n: number, p: number) =>
    pmfTable(
      n * Math.log1p(-p),
      (k) => ((n - k + 1) / k) * (p / (1 - p)),
      n,
    );

  const discreteCases: Array<[string, (s: RandomStream) => number, Float64Array]> = [
    ['poisson(3)', (s) => s.poisson(3), poisson(3, 40)],
    ['poisson(500)', (s) => s.poisson(500), poisson(500, 800)],
    ['binomial(20, 0.3)', (s) => s.binomial(20, 0.3), binomial(20, 0.3)],
    ['binomial(50, 0.95)', (s) => s.binomial(50, 0.95), binomial(50, 0.95)],
    ['binomial(1000, 0.3)', (s) => s.binomial(1000, 0.3), binomial(1000, 0.3)],
    ['binomial(100, 0.9)', (s) => s.binomial(100, 0.9), binomial(100, 0.9)],
  ];

  it.each(discreteCases)('%s against its pmf', (label, draw, pmf) => {
    const s = stream(`chi.${label}`);
    expectDiscreteFit(
      sample(N, () => draw(s)),
      (k) => pmf[k] ?? 0,
      pmf.length - 1,
    );
  });
});

describe('uniform consumption and common random numbers', () => {
  const oneUniform: Array<[string, (s: RandomStream) => unknown]> = [
    ['uniform', (s) => s.uniform(0, 1)],
    ['exponential', (s) => s.exponential(2)],
    ['normal', (s) => s.normal(0, 1)],
    ['lognormal', (s) => s.lognormal(2, 1)],
    ['lognormalMuSigma', (s) => s.lognormalMuSigma(0, 1)],
    ['weibull', (s) => s.weibull(2, 1)],
    ['triangular', (s) => s.triangular(0, 1, 3)],
    ['bernoulli', (s) => s.bernoulli(0.5)],
    ['categorical', (s) => s.categorical([1, 2, 3])],
    ['empirical', (s) => s.empirical([[0, 0], [1, 1]])],
    ['poisson (mean < 10)', (s) => s.poisson(4)],
    ['binomial (n p < 10)', (s) => s.binomial(30, 0.1)],
  ];

  it.each(oneUniform)('%s consumes exactly one uniform per draw', (_label, draw) => {
    const a = stream('consumption');
    const b = stream('consumption');
    for (let i = 0; i < 100; i++) draw(a);
    for (let i = 0; i < 100; i++) b.random();
    expect(a.random()).toBe(b.random());
  });

  it('normal draws from the same stream position are an affine map of each other (inversion)', () => {
    const a = stream('crn');
    const b = stream('crn');
    for (let i = 0; i < 1000; i++) {
      const z = a.normal(0, 1);
      expect(b.normal(5, 2)).toBeCloseTo(5 + 2 * z, 12);
    }
  });

  it('exponential draws are monotone in the underlying uniform (larger U, larger value)', () => {
    const a = stream('crn.exp');
    const b = stream('crn.exp');
    for (let i = 0; i < 1000; i++) {
      const u = a.random();
      expect(b.exponential(1)).toBeCloseTo(-Math.log(1 - u), 12);
    }
  });
});

describe('edge parameters', () => {
  it('degenerate parameters return the obvious value', () => {
    const s = stream('edges');
    expect(s.uniform(3, 3)).toBe(3);
    expect(s.integer(7, 7)).toBe(7);
    expect(s.normal(4, 0)).toBe(4);
    expect(s.lognormal(4, 0)).toBeCloseTo(4, 12);
    expect(s.triangular(2, 2, 2)).toBe(2);
    expect(s.poisson(0)).toBe(0);
    expect(s.binomial(0, 0.5)).toBe(0);
    expect(s.binomial(10, 0)).toBe(0);
    expect(s.binomial(10, 1)).toBe(10);
    expect(s.bernoulli(0)).toBe(false);
    expect(s.bernoulli(1)).toBe(true);
    expect(s.categorical([0, 0, 5])).toBe(2);
  });

  it('integer() covers both inclusive ends and stays in range, including negative ranges', () => {
    const s = stream('integer.ends');
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const x = s.integer(-2, 2);
      expect(x).toBeGreaterThanOrEqual(-2);
      expect(x).toBeLessThanOrEqual(2);
      seen.add(x);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
  });

  it('beta with tiny shapes stays in [0, 1] and never returns NaN', () => {
    const s = stream('beta.tiny');
    for (let i = 0; i < 20_000; i++) {
      const x = s.beta(0.01, 0.02);
      expect(x >= 0 && x <= 1).toBe(true);
    }
  });

  it('binomial(n, p) stays within [0, n] for large n and p on both sides of 1/2', () => {
    const s = stream('binomial.range');
    for (let i = 0; i < 20_000; i++) {
      const x = s.binomial(40, 0.6);
      expect(Number.isInteger(x) && x >= 0 && x <= 40).toBe(true);
      const y = s.binomial(1e12, 0.999);
      expect(Number.isInteger(y) && y >= 0 && y <= 1e12).toBe(true);
    }
  });
});
