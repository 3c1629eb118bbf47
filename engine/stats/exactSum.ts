/**
 * Exact floating-point summation (Shewchuk's adaptive expansions, the algorithm behind Python's
 * `math.fsum`).
 *
 * Why: a batch is cut into chunks that workers summarise and the main thread merges. Ordinary float
 * sums (and Welford/Chan merges) depend on how the values were grouped, so two runs that chunk the
 * same replications differently would print different last digits. An exact sum has no rounding
 * until it is read, so merging is associative and commutative *exactly*: every grouping and every
 * order gives the same bits. The state is a short list of non-overlapping doubles ("partials",
 * increasing magnitude), usually 1-3 entries and never more than about 40, so memory stays flat.
 */

/** Dekker/Veltkamp splitter 2^27 + 1: splits a double into two 26-bit halves whose products are exact. */
const SPLITTER = 134217729;

/**
 * Largest |x| that exact moment accumulation (Σx²) accepts: squares of larger values summed over many
 * replications and multiplied by n could overflow, and the splitter itself overflows near 2^996.
 */
export const MAX_EXACT_MAGNITUDE = 1e100;

export class ExactSum {
  /** Non-overlapping partials in increasing magnitude; their exact sum is the represented value. */
  private partials: number[] = [];

  /** Add `x` exactly. Throws on non-finite input: one NaN would silently poison the whole batch. */
  add(x: number): void {
    if (!Number.isFinite(x)) throw new RangeError(`ExactSum.add: expected a finite number, got ${String(x)}`);
    this.grow(x);
  }

  /** Add the exact product a*b (split into a rounded product and its exact error term). */
  addProduct(a: number, b: number): void {
    const p = a * b;
    if (!Number.isFinite(p)) throw new RangeError(`ExactSum.addProduct: product ${String(a)} * ${String(b)} is not finite`);
    this.grow(p);
    const e = twoProductError(a, b, p);
    if (e !== 0) this.grow(e);
  }

  /** Add every partial of `other` (exact, so the result does not depend on merge order). */
  merge(other: ExactSum): void {
    // Copy first: merging a sum into itself must double it, not loop over a growing list.
    const theirs = other.partials.slice();
    for (const x of theirs) this.grow(x);
  }

  /** The exact sum correctly rounded to the nearest double (ties to even), as `math.fsum` does. */
  value(): number {
    return roundPartials(this.partials);
  }

  /** True when the exact sum is zero. */
  isZero(): boolean {
    return this.value() === 0;
  }

  /**
   * A canonical representation of the exact value: h1 = round(S), h2 = round(S - h1), ... until the
   * remainder is zero. It depends only on the exact value, never on the order values were added, so
   * serialised sums of the same data are bit-identical however they were chunked.
   */
  components(): number[] {
    const work = new ExactSum();
    work.partials = this.partials.slice();
    const out: number[] = [];
    // Each step leaves a remainder below half an ulp of the previous component, so this ends after
    // at most ~40 steps (the exponent range of doubles divided by 53 bits).
    for (;;) {
      const h = work.value();
      if (h === 0) return out;
      out.push(h);
      work.grow(-h);
    }
  }

  /** Rebuild from {@link components} (or any list of finite doubles whose sum is wanted). */
  static fromComponents(components: readonly number[]): ExactSum {
    const s = new ExactSum();
    for (const c of components) s.add(c);
    return s;
  }

  clone(): ExactSum {
    const s = new ExactSum();
    s.partials = this.partials.slice();
    return s;
  }

  /** Shewchuk's grow-expansion step (msum): keeps the partials non-overlapping. */
  private grow(input: number): void {
    const p = this.partials;
    let x = input;
    let i = 0;
    for (let j = 0; j < p.length; j++) {
      let y = p[j] as number;
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    // partials[i:] = [x], written so the common case (same length) neither shrinks nor grows the array.
    if (i < p.length) {
      p[i] = x;
      if (i + 1 < p.length) p.length = i + 1;
    } else {
      p.push(x);
    }
  }
}

/** Error term of the floating-point product p = fl(a*b): a*b = p + e exactly (barring under/overflow). */
export function twoProductError(a: number, b: number, p: number): number {
  let c = SPLITTER * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLITTER * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/**
 * Correctly rounded sum of non-overlapping partials in increasing magnitude (CPython's
 * math_fsum final step, including the half-even correction across partials).
 */
function roundPartials(partials: readonly number[]): number {
  let n = partials.length;
  if (n === 0) return 0;
  n -= 1;
  let hi = partials[n] as number;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    n -= 1;
    const y = partials[n] as number;
    hi = x + y;
    const yr = hi - x;
    lo = y - yr;
    if (lo !== 0) break;
  }
  if (n > 0) {
    const next = partials[n - 1] as number;
    if ((lo < 0 && next < 0) || (lo > 0 && next > 0)) {
      const y = lo * 2;
      const x = hi + y;
      const yr = x - hi;
      if (y === yr) hi = x;
    }
  }
  return hi;
}
