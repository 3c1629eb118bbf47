/**
 * The standard normal CDF Φ through the complementary error function, for the models that need it (the
 * flood's Jonkman mortality functions, lognormal fragility curves, probits). Written here because nothing installed and declared offers it:
 * engine/random/special.ts has only the inverse (normalQuantile), and @stdlib's erfc is present only as
 * a transitive dependency.
 *
 * erfc(x), x >= 0, uses two classical expansions, each where it converges quickly and without
 * cancellation:
 * - x < 2: erf(x) = (2/sqrt(pi)) e^{-x^2} sum_{n>=0} 2^n x^{2n+1} / (1*3*...*(2n+1)) (all terms positive;
 *   Abramowitz & Stegun 7.1.6), erfc = 1 - erf; erfc(2) ~ 4.7e-3, so the relative error stays ~1e-14;
 * - x >= 2: the continued fraction erfc(x) = e^{-x^2} / (sqrt(pi) (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))))
 *   (A&S 7.1.14), evaluated with the modified Lentz method; relative error ~1e-15 far into the tail.
 * Negative arguments use erfc(-x) = 2 - erfc(x). Not a hot path (one call per flooded zone and wave).
 */

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);
const TINY = 1e-300;

function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

function erfcContinuedFraction(x: number): number {
  // f = x + a1/(x + a2/(x + ...)), a_j = j/2 (modified Lentz).
  let f = x;
  let c = f;
  let d = 0;
  for (let j = 1; j < 1000; j++) {
    const a = j / 2;
    d = x + a * d;
    if (d === 0) d = TINY;
    c = x + a / c;
    if (c === 0) c = TINY;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}

/** Complementary error function erfc(x) = 1 - erf(x). NaN in, NaN out. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x === Infinity) return 0;
  return x < 2 ? 1 - erfSeries(x) : erfcContinuedFraction(x);
}

/** Standard normal CDF Φ(z) = erfc(-z / sqrt 2) / 2. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}
