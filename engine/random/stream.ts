/**
 * A named random stream: one xoshiro128** generator plus the distributions the models draw from.
 *
 * Design choices, in order of importance:
 * - Determinism: a stream's output depends only on its seed state and the calls made on it. No method
 *   keeps hidden caches (the normal uses inversion, so there is no cached second Box-Muller deviate).
 * - Common random numbers: continuous distributions use inversion where the inverse CDF is cheap
 *   (uniform, exponential, normal, lognormal, weibull, triangular, empirical; Poisson with mean < 10 and
 *   binomial with n*min(p,1-p) < 10 use sequential-search inversion), so they consume exactly one uniform
 *   per draw and a larger uniform gives a larger value. Gamma, beta and the large-mean discrete samplers
 *   are rejection methods and consume a random number of uniforms.
 * - Portability: uniform/integer/bernoulli/categorical/triangular use only IEEE-exact operations and are
 *   bit-identical on every engine; the others call Math.log/exp/pow, which the ECMAScript spec leaves
 *   implementation-approximated, so they are bit-identical for a given engine (V8 / Node) but may differ
 *   in the last ulp between engines.
 * - Validation: every method checks its parameters and throws RangeError naming the stream, the method and
 *   the expected range. Checks are a few comparisons, negligible next to the draw itself.
 */
import { Xoshiro128, type Xoshiro128State } from './xoshiro128.js';
import { binomialLogRatio, logPoissonPmf, normalQuantile } from './special.js';

/** A point of an empirical CDF: [x, cumulative probability F(x)]. */
export type EmpiricalPoint = readonly [x: number, cumulativeProbability: number];

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export class RandomStream {
  readonly name: string;
  private readonly gen: Xoshiro128;

  /** A stream named `name` starting from the given xoshiro128** state (see streamSeed / createStream). */
  constructor(name: string, state: Readonly<Xoshiro128State>) {
    this.name = name;
    this.gen = new Xoshiro128(state);
  }

  /** Uniform on [0, 1) with 53 random bits; never returns 1. */
  random(): number {
    return this.gen.random();
  }

  /**
   * Uniform on [a, b): a + (b - a) * U. Needs finite a <= b (a === b returns a). For some a, b rounding
   * of the product can give exactly b, as with any floating-point affine map.
   */
  uniform(a: number, b: number): number {
    if (!isFiniteNumber(a) || !isFiniteNumber(b) || a > b) {
      this.fail('uniform(a, b)', `needs finite a <= b, got a=${a}, b=${b}`);
    }
    return a + (b - a) * this.gen.random();
  }

  /**
   * Uniform integer in [lo, hi], both inclusive, without modulo bias: draw x uniformly on [0, 2^32) (or
   * [0, 2^53) for ranges wider than 2^32) and reject the top partial block, then return lo + x mod n.
   * Needs safe integers lo <= hi with hi - lo < 2^53.
   */
  integer(lo: number, hi: number): number {
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo > hi || hi - lo >= TWO_POW_53) {
      this.fail('integer(lo, hi)', `needs safe integers lo <= hi with hi - lo < 2^53, got lo=${lo}, hi=${hi}`);
    }
    const n = hi - lo + 1;
    if (n <= TWO_POW_32) {
      const limit = TWO_POW_32 - (TWO_POW_32 % n);
      let x = this.gen.nextUint32();
      while (x >= limit) x = this.gen.nextUint32();
      return lo + (x % n);
    }
    const limit = TWO_POW_53 - (TWO_POW_53 % n);
    let x = this.gen.nextUint53();
    while (x >= limit) x = this.gen.nextUint53();
    return lo + (x % n);
  }

  /** Exponential with the given rate (mean 1/rate), by inversion: -ln(1 - U) / rate. Needs rate > 0. */
  exponential(rate: number): number {
    if (!isFiniteNumber(rate) || rate <= 0) this.fail('exponential(rate)', `needs a finite rate > 0, got ${rate}`);
    return -Math.log(1 - this.gen.random()) / rate;
  }

  /**
   * Normal by inversion: mean + sd * Φ^{-1}(U) with U on the open interval (0, 1) and Φ^{-1} from Wichura's
   * AS 241 (see special.ts). Exactly one uniform per call, no cached state. Needs finite mean and sd >= 0.
   */
  normal(mean: number, sd: number): number {
    if (!isFiniteNumber(mean) || !isFiniteNumber(sd) || sd < 0) {
      this.fail('normal(mean, sd)', `needs a finite mean and a finite sd >= 0, got mean=${mean}, sd=${sd}`);
    }
    return mean + sd * normalQuantile(this.gen.randomOpen());
  }

  /**
   * Lognormal given the mean and standard deviation of the variable itself (not of its logarithm):
   * sigma^2 = ln(1 + sd^2 / mean^2), mu = ln(mean) - sigma^2 / 2, X = exp(mu + sigma * Z).
   * Needs mean > 0 and sd >= 0.
   */
  lognormal(mean: number, sd: number): number {
    if (!isFiniteNumber(mean) || !isFiniteNumber(sd) || mean <= 0 || sd < 0) {
      this.fail('lognormal(mean, sd)', `needs a finite mean > 0 and a finite sd >= 0, got mean=${mean}, sd=${sd}`);
    }
    const cv = sd / mean;
    const sigma2 = Math.log1p(cv * cv);
    const mu = Math.log(mean) - 0.5 * sigma2;
    return Math.exp(mu + Math.sqrt(sigma2) * normalQuantile(this.gen.randomOpen()));
  }

  /** Lognormal with log-scale parameters: exp(mu + sigma * Z). Needs finite mu and sigma >= 0. */
  lognormalMuSigma(mu: number, sigma: number): number {
    if (!isFiniteNumber(mu) || !isFiniteNumber(sigma) || sigma < 0) {
      this.fail('lognormalMuSigma(mu, sigma)', `needs a finite mu and a finite sigma >= 0, got mu=${mu}, sigma=${sigma}`);
    }
    return Math.exp(mu + sigma * normalQuantile(this.gen.randomOpen()));
  }

  /**
   * Gamma with shape k and scale theta (mean k*theta), by G. Marsaglia and W. W. Tsang, "A simple method
   * for generating gamma variables", ACM TOMS 26(3), 363-372, 2000. For shape < 1 the same paper's boost:
   * Gamma(k) = Gamma(k + 1) * U^(1/k). Needs shape > 0 and scale > 0.
   */
  gamma(shape: number, scale: number): number {
    if (!isFiniteNumber(shape) || !isFiniteNumber(scale) || shape <= 0 || scale <= 0) {
      this.fail('gamma(shape, scale)', `needs finite shape > 0 and scale > 0, got shape=${shape}, scale=${scale}`);
    }
    if (shape >= 1) return this.marsagliaTsang(shape) * scale;
    return this.marsagliaTsang(shape + 1) * Math.pow(this.gen.randomOpen(), 1 / shape) * scale;
  }

  /**
   * Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b) (e.g. Devroye, "Non-Uniform Random Variate
   * Generation", 1986, ch. IX.4). When a shape is below 1 the gamma variates are combined in log space,
   * because U^(1/a) underflows to 0 for small shapes and 0 / (0 + 0) would be NaN. Needs a > 0, b > 0.
   */
  beta(a: number, b: number): number {
    if (!isFiniteNumber(a) || !isFiniteNumber(b) || a <= 0 || b <= 0) {
      this.fail('beta(a, b)', `needs finite a > 0 and b > 0, got a=${a}, b=${b}`);
    }
    if (a >= 1 && b >= 1) {
      const x = this.marsagliaTsang(a);
      const y = this.marsagliaTsang(b);
      return x / (x + y);
    }
    const lx = this.logGammaVariate(a);
    const ly = this.logGammaVariate(b);
    // x / (x + y) = 1 / (1 + exp(ly - lx)), evaluated on the side that cannot overflow.
    if (lx >= ly) return 1 / (1 + Math.exp(ly - lx));
    const e = Math.exp(lx - ly);
    return e / (1 + e);
  }

  /**
   * Beta given its mean and standard deviation (as scenario files declare it), by the method of moments:
   * nu = mean (1 - mean) / sd^2 - 1, a = mean * nu, b = (1 - mean) * nu. Needs 0 < mean < 1 and
   * 0 < sd^2 < mean (1 - mean).
   */
  betaMeanSd(mean: number, sd: number): number {
    if (!isFiniteNumber(mean) || !isFiniteNumber(sd) || mean <= 0 || mean >= 1 || sd <= 0 || sd * sd >= mean * (1 - mean)) {
      this.fail(
        'betaMeanSd(mean, sd)',
        `needs 0 < mean < 1 and 0 < sd < sqrt(mean (1 - mean)), got mean=${mean}, sd=${sd}`,
      );
    }
    const nu = (mean * (1 - mean)) / (sd * sd) - 1;
    return this.beta(mean * nu, (1 - mean) * nu);
  }

  /** Weibull with shape k and scale lambda, by inversion: lambda * (-ln(1 - U))^(1/k). Needs k > 0, lambda > 0. */
  weibull(shape: number, scale: number): number {
    if (!isFiniteNumber(shape) || !isFiniteNumber(scale) || shape <= 0 || scale <= 0) {
      this.fail('weibull(shape, scale)', `needs finite shape > 0 and scale > 0, got shape=${shape}, scale=${scale}`);
    }
    return scale * Math.pow(-Math.log(1 - this.gen.random()), 1 / shape);
  }

  /**
   * Triangular on [min, max] with the given mode, by inversion of its piecewise-quadratic CDF
   * (e.g. Law, "Simulation Modeling and Analysis", 5th ed., section 8.3.15). Needs min <= mode <= max;
   * min === max returns min.
   */
  triangular(min: number, mode: number, max: number): number {
    if (!isFiniteNumber(min) || !isFiniteNumber(mode) || !isFiniteNumber(max) || min > mode || mode > max) {
      this.fail('triangular(min, mode, max)', `needs finite min <= mode <= max, got min=${min}, mode=${mode}, max=${max}`);
    }
    const u = this.gen.random();
    const width = max - min;
    if (width === 0) return min;
    const left = mode - min;
    if (u * width < left) return min + Math.sqrt(u * width * left);
    return max - Math.sqrt((1 - u) * width * (max - mode));
  }

  /**
   * Poisson with the given mean. Mean < 10: inversion by sequential search (one uniform per draw; e.g.
   * Devroye 1986, section X.3). Mean >= 10: PTRS, W. Hörmann, "The transformed rejection method for
   * generating Poisson random variables", Insurance: Mathematics and Economics 12, 39-45, 1993, with the
   * log-pmf evaluated in a cancellation-free form (special.ts) so it stays exact for very large means.
   * Needs a finite mean >= 0.
   */
  poisson(mean: number): number {
    if (!isFiniteNumber(mean) || mean < 0) this.fail('poisson(mean)', `needs a finite mean >= 0, got ${mean}`);
    if (mean === 0) return 0;
    if (mean < 10) return this.poissonInversion(mean);
    return this.poissonPtrs(mean);
  }

  /**
   * Binomial(n, p), exact. With p' = min(p, 1 - p) (and n - X when p > 1/2): n p' < 10 uses inversion
   * (algorithm BINV, V. Kachitvichyanukul and B. W. Schmeiser, "Binomial random variate generation",
   * CACM 31(2), 216-222, 1988); otherwise BTRS, W. Hörmann, "The generation of binomial random variates",
   * J. Statist. Comput. Simul. 46, 101-110, 1993, with the acceptance test in the Stirling form of BTRD.
   * Needs a safe integer n >= 0 and p in [0, 1].
   */
  binomial(n: number, p: number): number {
    if (!Number.isSafeInteger(n) || n < 0 || !isFiniteNumber(p) || p < 0 || p > 1) {
      this.fail('binomial(n, p)', `needs a safe integer n >= 0 and p in [0, 1], got n=${n}, p=${p}`);
    }
    if (p > 0.5) return n - this.binomialLow(n, 1 - p);
    return this.binomialLow(n, p);
  }

  /** True with probability p: U < p. Needs p in [0, 1]. */
  bernoulli(p: number): boolean {
    if (!isFiniteNumber(p) || p < 0 || p > 1) this.fail('bernoulli(p)', `needs p in [0, 1], got ${p}`);
    return this.gen.random() < p;
  }

  /**
   * Index i with probability weights[i] / sum(weights), by inversion (linear search over the cumulative
   * weights). Needs a non-empty array of finite weights >= 0 with a positive sum. Never returns an index
   * whose weight is 0.
   */
  categorical(weights: readonly number[]): number {
    const n = weights.length;
    if (n === 0) this.fail('categorical(weights)', 'needs at least one weight');
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (!isFiniteNumber(w) || w < 0) {
        this.fail('categorical(weights)', `weight ${i} must be a finite number >= 0, got ${w}`);
      }
      total += w;
    }
    if (!(total > 0) || !Number.isFinite(total)) {
      this.fail('categorical(weights)', `weights must have a finite positive sum, got ${total}`);
    }
    const target = this.gen.random() * total;
    let cumulative = 0;
    let last = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (w === 0) continue;
      cumulative += w;
      last = i;
      if (target < cumulative) return i;
    }
    // Only reachable when rounding makes the running sum fall short of `total`.
    return last;
  }

  /**
   * Continuous empirical distribution from a piecewise-linear CDF given as [[x, F(x)], ...], by inversion:
   * find the segment with F[i] <= U < F[i+1] and interpolate linearly in x. Needs at least two points,
   * finite values, x and F non-decreasing, F starting at 0 and ending at 1. Repeated x values are allowed
   * and make a point mass; flat F segments get no probability.
   */
  empirical(points: readonly EmpiricalPoint[]): number {
    const n = points.length;
    if (n < 2) this.fail('empirical(points)', `needs at least 2 points [x, F(x)], got ${n}`);
    let prevX = -Infinity;
    let prevF = 0;
    for (let i = 0; i < n; i++) {
      const point = points[i]!;
      const x = point[0];
      const f = point[1];
      if (!isFiniteNumber(x) || !isFiniteNumber(f)) {
        this.fail('empirical(points)', `point ${i} must be [finite x, finite F], got [${x}, ${f}]`);
      }
      if (x < prevX) this.fail('empirical(points)', `x must be non-decreasing, but point ${i} has x=${x} after ${prevX}`);
      if (f < prevF) this.fail('empirical(points)', `F must be non-decreasing, but point ${i} has F=${f} after ${prevF}`);
      prevX = x;
      prevF = f;
    }
    const first = points[0]![1];
    if (first !== 0) this.fail('empirical(points)', `F must start at 0, got ${first}`);
    if (prevF !== 1) this.fail('empirical(points)', `F must end at 1, got ${prevF}`);

    const u = this.gen.random();
    // Smallest i >= 1 with F[i] > u exists because F[n-1] = 1 > u.
    let lo = 1;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (points[mid]![1] > u) hi = mid;
      else lo = mid + 1;
    }
    const [x0, f0] = points[lo - 1]!;
    const [x1, f1] = points[lo]!;
    return x0 + ((u - f0) / (f1 - f0)) * (x1 - x0);
  }

  // ---------------------------------------------------------------------------------------------------

  private fail(method: string, message: string): never {
    throw new RangeError(`random stream "${this.name}": ${method} ${message}`);
  }

  /** Marsaglia-Tsang for shape >= 1 (scale 1); the normal deviate comes from inversion. */
  private marsagliaTsang(shape: number): number {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normalQuantile(this.gen.randomOpen());
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.gen.randomOpen();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** ln of a Gamma(shape, 1) variate, finite even when the variate itself would underflow. */
  private logGammaVariate(shape: number): number {
    if (shape >= 1) return Math.log(this.marsagliaTsang(shape));
    return Math.log(this.marsagliaTsang(shape + 1)) + Math.log(this.gen.randomOpen()) / shape;
  }

  /**
   * Sequential-search inversion: smallest k with F(k) > U, accumulating p(k) = p(k-1) * mean / k.
   * If rounding leaves the accumulated F below U (U within ~1e-15 of 1) the pmf underflows to 0 before the
   * search ends; that draw is discarded and a fresh U taken, which changes probabilities by < 1e-15.
   */
  private poissonInversion(mean: number): number {
    const p0 = Math.exp(-mean);
    for (;;) {
      const u = this.gen.random();
      let k = 0;
      let p = p0;
      let cdf = p0;
      while (u >= cdf) {
        k++;
        p *= mean / k;
        cdf += p;
        if (p === 0) break;
      }
      if (u < cdf) return k;
    }
  }

  /** PTRS (Hörmann 1993), mean >= 10; constants from the paper. */
  private poissonPtrs(mean: number): number {
    const b = 0.931 + 2.53 * Math.sqrt(mean);
    const a = -0.059 + 0.02483 * b;
    const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.gen.random() - 0.5;
      const v = this.gen.randomOpen();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= logPoissonPmf(k, mean)) return k;
    }
  }

  /** Binomial for p <= 1/2. */
  private binomialLow(n: number, p: number): number {
    if (n === 0 || p === 0) return 0;
    if (n * p < 10) return this.binomialInversion(n, p);
    return this.binomialBtrs(n, p);
  }

  /**
   * BINV: walk the pmf from 0 with f(x) = f(x-1) * ((n + 1) s / x - s), s = p / q, subtracting from U.
   * f(0) = q^n is computed as exp(n log1p(-p)) so that large n with tiny p keeps full precision.
   * A walk past n (only possible through rounding) restarts with a fresh U.
   */
  private binomialInversion(n: number, p: number): number {
    const s = p / (1 - p);
    const a = (n + 1) * s;
    const f0 = Math.exp(n * Math.log1p(-p));
    for (;;) {
      let u = this.gen.random();
      let f = f0;
      let x = 0;
      while (u >= f) {
        u -= f;
        x++;
        if (x > n) break;
        f *= a / x - s;
      }
      if (x <= n) return x;
    }
  }

  /** BTRS (Hörmann 1993) for n p >= 10, p <= 1/2; constants from the paper. */
  private binomialBtrs(n: number, p: number): number {
    const q = 1 - p;
    const spq = Math.sqrt(n * p * q);
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * p;
    const c = n * p + 0.5;
    const vr = 0.92 - 4.2 / b;
    const alpha = (2.83 + 5.1 / b) * spq;
    const r = p / q;
    const m = Math.floor((n + 1) * p);
    for (;;) {
      const u = this.gen.random() - 0.5;
      const v = this.gen.randomOpen();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + c);
      if (k < 0 || k > n) continue;
      if (us >= 0.07 && v <= vr) return k;
      // Accept if V * alpha / (a / us^2 + b) <= f(k) / f(m); the paper's text omits the log on the left.
      if (Math.log((v * alpha) / (a / (us * us) + b)) <= binomialLogRatio(n, k, m, r)) return k;
    }
  }
}
