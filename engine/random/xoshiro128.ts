/**
 * xoshiro128** 1.1, a 32-bit generator with 128 bits of state and period 2^128 - 1.
 *
 * Source: D. Blackman and S. Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47(4), 2021; reference code https://prng.di.unimi.it/xoshiro128starstar.c (public domain).
 * This is a line-by-line port of that file's next(), jump() and long_jump(): all arithmetic is on
 * 32-bit integers through `Math.imul`, shifts and xors, so the output is bit-identical on every
 * JavaScript engine (no floating-point rounding is involved until `random()` scales to [0, 1)).
 *
 * The four state words are kept as separate int32 fields (not an array) because V8 then keeps them
 * unboxed in the object and the hot `random()` path allocates nothing.
 */

/** The generator state: four unsigned 32-bit words s[0..3] of the reference code, not all zero. */
export type Xoshiro128State = [number, number, number, number];

const TWO_POW_26 = 67108864;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;
const TWO_POW_MINUS_52 = 1 / 4503599627370496;

/** Polynomial for jump(): advances the state by 2^64 steps (constants of the reference code). */
const JUMP: readonly number[] = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];
/** Polynomial for longJump(): advances the state by 2^96 steps. */
const LONG_JUMP: readonly number[] = [0xb523952e, 0x0b6f099f, 0xccf5a0ef, 0x1c580662];

function checkWord(value: number, index: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`xoshiro128** state word ${index} must be an integer in [0, 2^32 - 1], got ${value}`);
  }
  return value | 0;
}

export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Start from an explicit state (four uint32 words, not all zero: the all-zero state is a fixed point). */
  constructor(state: Readonly<Xoshiro128State>) {
    this.s0 = checkWord(state[0], 0);
    this.s1 = checkWord(state[1], 1);
    this.s2 = checkWord(state[2], 2);
    this.s3 = checkWord(state[3], 3);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) {
      throw new RangeError('xoshiro128** state must not be all zero');
    }
  }

  /** The current state as four unsigned words (a copy; for checkpoints and tests). */
  getState(): Xoshiro128State {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }

  /** A new generator with the same state; both then produce the same sequence independently. */
  clone(): Xoshiro128 {
    return new Xoshiro128(this.getState());
  }

  /** Next output of the reference `next()`: an unsigned 32-bit integer. */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    const s2 = this.s2 ^ s0;
    const s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result >>> 0;
  }

  /**
   * A double uniform on [0, 1) with 53 random bits, built from two outputs like Matsumoto and Nishimura's
   * genrand_res53: (a >>> 5) * 2^26 + (b >>> 6), scaled by 2^-53. Every value is a multiple of 2^-53, so the
   * largest is 1 - 2^-53 and 1 is never returned.
   */
  random(): number {
    return this.nextUint53() * TWO_POW_MINUS_53;
  }

  /**
   * Like random() but on the open interval (0, 1), for inversion methods (normal quantile, logarithms)
   * that need a value that is never 0 or 1. It keeps 52 of the 53 bits, k = floor(k53 / 2), and returns
   * (k + 0.5) * 2^-52: k + 0.5 needs at most 53 significant bits, so it is exact (with 53 bits, k + 0.5 for
   * k >= 2^52 would round and could give exactly 1). Range [2^-53, 1 - 2^-53], symmetric about 1/2.
   */
  randomOpen(): number {
    return (Math.floor(this.nextUint53() * 0.5) + 0.5) * TWO_POW_MINUS_52;
  }

  /**
   * A uniform integer in [0, 2^53) from two generator steps: (a >>> 5) * 2^26 + (b >>> 6).
   * The steps are written out inline: one small function with no calls and no allocation keeps the hot
   * path fast (V8 inlines it into random()).
   */
  nextUint53(): number {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    // step 1
    let m = Math.imul(s1, 5);
    const a = Math.imul((m << 7) | (m >>> 25), 9) >>> 5;
    let t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    // step 2
    m = Math.imul(s1, 5);
    const b = Math.imul((m << 7) | (m >>> 25), 9) >>> 6;
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    return a * TWO_POW_26 + b;
  }

  /** Advance by 2^64 steps: 2^64 non-overlapping subsequences of length 2^64 (reference `jump()`). */
  jump(): void {
    this.applyJump(JUMP);
  }

  /** Advance by 2^96 steps (reference `long_jump()`). */
  longJump(): void {
    this.applyJump(LONG_JUMP);
  }

  private applyJump(polynomial: readonly number[]): void {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (const word of polynomial) {
      for (let bit = 0; bit < 32; bit++) {
        if ((word >>> bit) & 1) {
          s0 ^= this.s0;
          s1 ^= this.s1;
          s2 ^= this.s2;
          s3 ^= this.s3;
        }
        this.nextUint32();
      }
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }
}
