import { describe, expect, it } from 'vitest';
import { createStream, type RandomStream } from '../../engine/random/index.js';

const s = createStream(1, 0, 'validation');

const INVALID: Array<[string, (stream: RandomStream) => unknown, RegExp]> = [
  ['uniform with a > b', (r) => r.uniform(2, 1), /uniform\(a, b\)/],
  ['uniform with an infinite bound', (r) => r.uniform(0, Infinity), /uniform/],
  ['integer with lo > hi', (r) => r.integer(5, 4), /integer\(lo, hi\)/],
  ['integer with a fractional bound', (r) => r.integer(0, 2.5), /integer/],
  ['integer wider than 2^53', (r) => r.integer(-(2 ** 52), 2 ** 52), /integer/],
  ['exponential with rate 0', (r) => r.exponential(0), /exponential\(rate\).*rate > 0/],
  ['exponential with negative rate', (r) => r.exponential(-1), /exponential/],
  ['exponential with NaN rate', (r) => r.exponential(Number.NaN), /exponential/],
  ['normal with negative sd', (r) => r.normal(0, -1), /normal\(mean, sd\).*sd >= 0/],
  ['normal with infinite mean', (r) => r.normal(Infinity, 1), /normal/],
  ['lognormal with mean 0', (r) => r.lognormal(0, 1), /lognormal\(mean, sd\).*mean > 0/],
  ['lognormal with negative sd', (r) => r.lognormal(1, -0.1), /lognormal/],
  ['lognormalMuSigma with negative sigma', (r) => r.lognormalMuSigma(0, -1), /lognormalMuSigma/],
  ['gamma with shape 0', (r) => r.gamma(0, 1), /gamma\(shape, scale\)/],
  ['gamma with negative scale', (r) => r.gamma(2, -1), /gamma/],
  ['beta with a = 0', (r) => r.beta(0, 1), /beta\(a, b\)/],
  ['beta with negative b', (r) => r.beta(1, -2), /beta/],
  ['betaMeanSd with mean 1', (r) => r.betaMeanSd(1, 0.1), /betaMeanSd/],
  ['betaMeanSd with mean 0', (r) => r.betaMeanSd(0, 0.1), /betaMeanSd/],
  ['betaMeanSd with sd too large for the mean', (r) => r.betaMeanSd(0.5, 0.5), /betaMeanSd.*sqrt\(mean \(1 - mean\)\)/],
  ['betaMeanSd with sd 0', (r) => r.betaMeanSd(0.5, 0), /betaMeanSd/],
  ['weibull with shape 0', (r) => r.weibull(0, 1), /weibull\(shape, scale\)/],
  ['weibull with scale 0', (r) => r.weibull(1, 0), /weibull/],
  ['triangular with mode below min', (r) => r.triangular(1, 0, 2), /triangular\(min, mode, max\)/],
  ['triangular with mode above max', (r) => r.triangular(0, 3, 2), /triangular/],
  ['poisson with negative mean', (r) => r.poisson(-1), /poisson\(mean\)/],
  ['poisson with infinite mean', (r) => r.poisson(Infinity), /poisson/],
  ['binomial with p > 1', (r) => r.binomial(10, 1.5), /binomial\(n, p\).*p in \[0, 1\]/],
  ['binomial with p < 0', (r) => r.binomial(10, -0.1), /binomial/],
  ['binomial with fractional n', (r) => r.binomial(10.5, 0.5), /binomial/],
  ['binomial with negative n', (r) => r.binomial(-1, 0.5), /binomial/],
  ['bernoulli with p > 1', (r) => r.bernoulli(1.01), /bernoulli\(p\)/],
  ['bernoulli with p < 0', (r) => r.bernoulli(-0.01), /bernoulli/],
  ['categorical with no weights', (r) => r.categorical([]), /categorical.*at least one/],
  ['categorical with a negative weight', (r) => r.categorical([1, -1]), /categorical.*weight 1/],
  ['categorical with all-zero weights', (r) => r.categorical([0, 0]), /categorical.*positive sum/],
  ['categorical with a NaN weight', (r) => r.categorical([1, Number.NaN]), /categorical/],
  ['empirical with one point', (r) => r.empirical([[0, 0]]), /empirical.*at least 2 points/],
  ['empirical not starting at 0', (r) => r.empirical([[0, 0.1], [1, 1]]), /empirical.*start at 0/],
  ['empirical not ending at 1', (r) => r.empirical([[0, 0], [1, 0.9]]), /empirical.*end at 1/],
  ['empirical with decreasing x', (r) => r.empirical([[0, 0], [2, 0.5], [1, 1]]), /empirical.*x must be non-decreasing.*point 2/],
  ['empirical with decreasing F', (r) => r.empirical([[0, 0], [1, 0.6], [2, 0.5], [3, 1]]), /empirical.*F must be non-decreasing.*point 2/],
  ['empirical with a NaN value', (r) => r.empirical([[0, 0], [Number.NaN, 1]]), /empirical.*point 1/],
];

describe('invalid parameters throw RangeError naming the stream and the method', () => {
  it.each(INVALID)('%s', (_label, call, message) => {
    expect(() => call(s)).toThrow(RangeError);
    expect(() => call(s)).toThrow(message);
    expect(() => call(s)).toThrow(/random stream "validation"/);
  });

  it('a rejected call consumes no random numbers', () => {
    const a = createStream(1, 0, 'validation.consumption');
    const b = createStream(1, 0, 'validation.consumption');
    for (const [, call] of INVALID) expect(() => call(a)).toThrow(RangeError);
    expect(a.random()).toBe(b.random());
  });
});
