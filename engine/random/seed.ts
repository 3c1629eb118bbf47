/**
 * Stream seeding: every named stream of every replication gets its own 128-bit xoshiro128** state,
 * derived by hashing the key (masterSeed, replicationIndex, streamName). The state depends on nothing
 * else (not on worker count, run order or other streams), which is what makes replications
 * bit-identical under any chunking and gives common random numbers across plans for free
 * (docs/architecture.md section 4; docs/models/engine.md section 3, "hash-derived seeds").
 *
 * Exact derivation (so that another implementation can reproduce it):
 *
 *   key bytes = concatenation of
 *     1. the 18 ASCII bytes "drillsim/stream/v1" (domain and version tag; a change of scheme changes it)
 *     2. the master seed:
 *          number n (integer, 0 <= n <= 2^53): byte 0x01, then n as an unsigned 64-bit little-endian integer
 *          string s:                          byte 0x02, then the UTF-8 byte length of s as uint32 LE,
 *                                             then the UTF-8 bytes of s (lone surrogates are rejected)
 *     3. the replication index r (integer, 0 <= r <= 2^32 - 1) as uint32 LE
 *     4. the stream name: its UTF-8 byte length as uint32 LE, then its UTF-8 bytes (name must be non-empty)
 *   digest = MurmurHash3_x86_128(key bytes, seed 0)  (Austin Appleby, SMHasher, public domain)
 *          = four uint32 words h1, h2, h3, h4 (the reference writes them to `out` in this order)
 *   state  = [h1, h2, h3, h4] as xoshiro128** s[0..3];
 *            if all four are zero (probability 2^-128), [0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x6a09e667]
 *            (fractional bits of the golden ratio, pi, e and sqrt 2) instead, because xoshiro's all-zero
 *            state is a fixed point.
 *
 * Everything is 32-bit integer arithmetic (Math.imul), so it is pure JavaScript, identical on every
 * platform, and runs in browsers (no node:crypto, no BigInt).
 */
import type { Xoshiro128State } from './xoshiro128.js';

/** A master seed: a non-negative integer up to 2^53, or any string. Numbers and strings never collide. */
export type MasterSeed = number | string;

/** Domain/version tag, the first bytes of every key. */
export const STREAM_KEY_TAG = 'drillsim/stream/v1';

/** Replacement for the (practically impossible) all-zero digest. */
const NONZERO_FALLBACK: Readonly<Xoshiro128State> = [0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x6a09e667];

const TWO_POW_32 = 4294967296;
const MAX_NUMERIC_SEED = 9007199254740992; // 2^53

/** Compute the xoshiro128** state of stream `name` in replication `replication` under `masterSeed`. */
export function streamSeed(masterSeed: MasterSeed, replication: number, name: string): Xoshiro128State {
  return stateFromDigest(murmurHash3x86_128(encodeStreamKey(masterSeed, replication, name), 0));
}

/** The key bytes hashed by streamSeed (exported so the documented encoding can be checked). */
export function encodeStreamKey(masterSeed: MasterSeed, replication: number, name: string): Uint8Array {
  const out = new ByteWriter();
  out.ascii(STREAM_KEY_TAG);
  if (typeof masterSeed === 'number') {
    if (!Number.isInteger(masterSeed) || masterSeed < 0 || masterSeed > MAX_NUMERIC_SEED) {
      throw new RangeError(`master seed must be an integer in [0, 2^53] or a string, got ${masterSeed}`);
    }
    out.byte(0x01);
    out.uint32(masterSeed % TWO_POW_32);
    out.uint32(Math.floor(masterSeed / TWO_POW_32));
  } else if (typeof masterSeed === 'string') {
    const bytes = utf8(masterSeed, 'master seed');
    out.byte(0x02);
    out.uint32(bytes.length);
    out.bytes(bytes);
  } else {
    throw new RangeError(`master seed must be a number or a string, got ${typeof masterSeed}`);
  }
  if (!Number.isInteger(replication) || replication < 0 || replication > 0xffffffff) {
    throw new RangeError(`replication index must be an integer in [0, 2^32 - 1], got ${replication}`);
  }
  out.uint32(replication);
  if (typeof name !== 'string' || name.length === 0) {
    throw new RangeError('stream name must be a non-empty string');
  }
  const nameBytes = utf8(name, 'stream name');
  out.uint32(nameBytes.length);
  out.bytes(nameBytes);
  return out.finish();
}

/** Map a digest to a valid (never all-zero) xoshiro128** state. */
export function stateFromDigest(digest: Readonly<Xoshiro128State>): Xoshiro128State {
  const [a, b, c, d] = digest;
  if ((a | b | c | d) === 0) return [NONZERO_FALLBACK[0], NONZERO_FALLBACK[1], NONZERO_FALLBACK[2], NONZERO_FALLBACK[3]];
  return [a >>> 0, b >>> 0, c >>> 0, d >>> 0];
}

function rotl32(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

function readLE32(data: Uint8Array, i: number): number {
  return (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24)) | 0;
}

/**
 * MurmurHash3_x86_128 (SMHasher's MurmurHash3.cpp), returning the words h1..h4 as unsigned integers.
 * `seed` is the 32-bit hash seed. Checked in the tests against SMHasher's verification value 0xB3ECE62A.
 */
export function murmurHash3x86_128(data: Uint8Array, seed: number): Xoshiro128State {
  const len = data.length;
  const nblocks = len >>> 4;
  let h1 = seed | 0;
  let h2 = seed | 0;
  let h3 = seed | 0;
  let h4 = seed | 0;

  for (let block = 0; block < nblocks; block++) {
    const i = block * 16;
    let k1 = readLE32(data, i);
    let k2 = readLE32(data, i + 4);
    let k3 = readLE32(data, i + 8);
    let k4 = readLE32(data, i + 12);

    k1 = Math.imul(rotl32(Math.imul(k1, C1), 15), C2);
    h1 ^= k1;
    h1 = rotl32(h1, 19);
    h1 = (h1 + h2) | 0;
    h1 = (Math.imul(h1, 5) + 0x561ccd1b) | 0;

    k2 = Math.imul(rotl32(Math.imul(k2, C2), 16), C3);
    h2 ^= k2;
    h2 = rotl32(h2, 17);
    h2 = (h2 + h3) | 0;
    h2 = (Math.imul(h2, 5) + 0x0bcaa747) | 0;

    k3 = Math.imul(rotl32(Math.imul(k3, C3), 17), C4);
    h3 ^= k3;
    h3 = rotl32(h3, 15);
    h3 = (h3 + h4) | 0;
    h3 = (Math.imul(h3, 5) + 0x96cd1c35) | 0;

    k4 = Math.imul(rotl32(Math.imul(k4, C4), 18), C1);
    h4 ^= k4;
    h4 = rotl32(h4, 13);
    h4 = (h4 + h1) | 0;
    h4 = (Math.imul(h4, 5) + 0x32ac3b17) | 0;
  }

  // Tail: the remaining 0-15 bytes, little-endian into k1..k4, each word mixed only if it got a byte
  // (the reference's fall-through switch).
  const tail = nblocks * 16;
  const rem = len & 15;
  let k1 = 0;
  let k2 = 0;
  let k3 = 0;
  let k4 = 0;
  for (let j = rem - 1; j >= 0; j--) {
    const byte = data[tail + j]!;
    const shift = (j & 3) * 8;
    if (j >= 12) k4 ^= byte << shift;
    else if (j >= 8) k3 ^= byte << shift;
    else if (j >= 4) k2 ^= byte << shift;
    else k1 ^= byte << shift;
  }
  if (rem > 12) h4 ^= Math.imul(rotl32(Math.imul(k4, C4), 18), C1);
  if (rem > 8) h3 ^= Math.imul(rotl32(Math.imul(k3, C3), 17), C4);
  if (rem > 4) h2 ^= Math.imul(rotl32(Math.imul(k2, C2), 16), C3);
  if (rem > 0) h1 ^= Math.imul(rotl32(Math.imul(k1, C1), 15), C2);

  // Finalization. The reference xors in len as a 32-bit int.
  h1 ^= len;
  h2 ^= len;
  h3 ^= len;
  h4 ^= len;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  h3 = fmix32(h3);
  h4 = fmix32(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** UTF-8 encode, rejecting lone surrogates (TextEncoder would map them to U+FFFD and merge distinct keys). */
function utf8(text: string, what: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (cp > 0xdbff || next < 0xdc00 || next > 0xdfff) {
        throw new RangeError(`${what} contains a lone UTF-16 surrogate at index ${i}`);
      }
      cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
      i++;
    }
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Uint8Array.from(out);
}

class ByteWriter {
  private readonly parts: number[] = [];
  byte(value: number): void {
    this.parts.push(value & 0xff);
  }
  ascii(text: string): void {
    for (let i = 0; i < text.length; i++) this.parts.push(text.charCodeAt(i) & 0x7f);
  }
  uint32(value: number): void {
    this.parts.push(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff);
  }
  bytes(data: Uint8Array): void {
    for (const b of data) this.parts.push(b);
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}
