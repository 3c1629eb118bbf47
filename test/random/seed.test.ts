import { describe, expect, it } from 'vitest';
import { createStream, encodeStreamKey, streamSeed, RandomStream, STREAM_KEY_TAG } from '../../engine/random/index.js';
import { murmurHash3x86_128, stateFromDigest } from '../../engine/random/seed.js';

function le32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

function ascii(text: string): number[] {
  return Array.from(text, (ch) => ch.charCodeAt(0));
}

/** The key bytes exactly as documented in engine/random/seed.ts, built independently (TextEncoder for UTF-8). */
function documentedKey(masterSeed: number | string, replication: number, name: string): Uint8Array {
  const bytes: number[] = [...ascii('drillsim/stream/v1')];
  if (typeof masterSeed === 'number') {
    bytes.push(0x01, ...le32(masterSeed % 2 ** 32), ...le32(Math.floor(masterSeed / 2 ** 32)));
  } else {
    const utf8 = new TextEncoder().encode(masterSeed);
    bytes.push(0x02, ...le32(utf8.length), ...utf8);
  }
  bytes.push(...le32(replication));
  const nameBytes = new TextEncoder().encode(name);
  bytes.push(...le32(nameBytes.length), ...nameBytes);
  return Uint8Array.from(bytes);
}

function draws(stream: RandomStream, n: number): number[] {
  return Array.from({ length: n }, () => stream.random());
}

describe('MurmurHash3_x86_128', () => {
  it("passes SMHasher's verification test (0xB3ECE62A)", () => {
    // SMHasher VerificationTest: hash keys {}, {0}, {0,1}, ..., {0..254} with seed 256 - length, store the
    // 16-byte digests (little-endian words h1..h4), hash those 4096 bytes with seed 0 and read the first
    // four bytes as a little-endian integer. 0xB3ECE62A is the value SMHasher lists for MurmurHash3_x86_128.
    const key = new Uint8Array(256);
    const digests = new Uint8Array(16 * 256);
    for (let length = 0; length < 256; length++) {
      key[length] = length;
      const words = murmurHash3x86_128(key.subarray(0, length), 256 - length);
      words.forEach((word, w) => digests.set(le32(word), length * 16 + w * 4));
    }
    const final = murmurHash3x86_128(digests, 0);
    expect(final[0]).toBe(0xb3ece62a);
  });

  it('hashes the empty input with seed 0 to all zeros, which seeding must never pass on', () => {
    expect(murmurHash3x86_128(new Uint8Array(0), 0)).toEqual([0, 0, 0, 0]);
    const state = stateFromDigest([0, 0, 0, 0]);
    expect(state).toEqual([0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x6a09e667]);
    expect(state.some((word) => word !== 0)).toBe(true);
    expect(stateFromDigest([1, 0, 0, 0])).toEqual([1, 0, 0, 0]);
  });
});

describe('stream key encoding', () => {
  const cases: Array<[number | string, number, string]> = [
    [42, 3, 'evacuation.departure'],
    [0, 0, 'x'],
    [2 ** 53, 2 ** 32 - 1, 'calls.arrival'],
    [2 ** 32 + 5, 7, 'warning.reception'],
    ['drill-2024', 12, 'hazard.intensity'],
    ['', 0, 'travel.noise'],
    ['海淀区 seed 🚒', 1, '疏散 shelter'],
  ];

  it.each(cases)('matches the documented byte layout for (%s, %s, %s)', (seed, rep, name) => {
    const expected = documentedKey(seed, rep, name);
    expect(Array.from(encodeStreamKey(seed, rep, name))).toEqual(Array.from(expected));
    expect(streamSeed(seed, rep, name)).toEqual(murmurHash3x86_128(expected, 0));
  });

  it('starts with the version tag', () => {
    expect(STREAM_KEY_TAG).toBe('drillsim/stream/v1');
    expect(Array.from(encodeStreamKey(1, 0, 'a').subarray(0, 18))).toEqual(ascii(STREAM_KEY_TAG));
  });

  it('rejects invalid seeds, replication indices and names with RangeError', () => {
    expect(() => streamSeed(-1, 0, 'a')).toThrow(RangeError);
    expect(() => streamSeed(1.5, 0, 'a')).toThrow(RangeError);
    expect(() => streamSeed(2 ** 53 + 2, 0, 'a')).toThrow(RangeError);
    expect(() => streamSeed(Number.NaN, 0, 'a')).toThrow(RangeError);
    expect(() => streamSeed(1, -1, 'a')).toThrow(RangeError);
    expect(() => streamSeed(1, 0.5, 'a')).toThrow(RangeError);
    expect(() => streamSeed(1, 2 ** 32, 'a')).toThrow(RangeError);
    expect(() => streamSeed(1, 0, '')).toThrow(RangeError);
    expect(() => streamSeed(1, 0, 'bad\ud800name')).toThrow(/lone UTF-16 surrogate/);
    expect(() => streamSeed('\udc00', 0, 'a')).toThrow(RangeError);
  });
});

describe('stream independence and reproducibility', () => {
  it('same (seed, replication, name) gives the identical sequence', () => {
    const a = createStream(2024, 5, 'calls.arrival');
    const b = createStream(2024, 5, 'calls.arrival');
    expect(draws(a, 1000)).toEqual(draws(b, 1000));
    expect(createStream('x', 0, 'n').random()).toBe(createStream('x', 0, 'n').random());
  });

  it('a different seed, replication or name gives a different sequence', () => {
    const base = draws(createStream(2024, 5, 'calls.arrival'), 20);
    const variants = [
      createStream(2025, 5, 'calls.arrival'),
      createStream(2024, 6, 'calls.arrival'),
      createStream(2024, 5, 'calls.arrivals'),
      createStream('2024', 5, 'calls.arrival'), // a string seed never equals the number with the same digits
    ];
    for (const variant of variants) {
      const other = draws(variant, 20);
      // No position may coincide: equal doubles would mean a shared or shifted sequence.
      expect(other.filter((value, i) => value === base[i])).toEqual([]);
      expect(other.filter((value) => base.includes(value))).toEqual([]);
    }
  });

  it('draws on one stream leave every other stream unchanged', () => {
    const expectedB = draws(createStream(7, 0, 'b'), 500);
    const a = createStream(7, 0, 'a');
    const b = createStream(7, 0, 'b');
    const observedB: number[] = [];
    for (let i = 0; i < 500; i++) {
      for (let j = 0; j <= i % 5; j++) a.normal(0, 1); // a varying number of draws on A in between
      observedB.push(b.random());
    }
    expect(observedB).toEqual(expectedB);
  });

  it('adjacent replications are uncorrelated (|r| < 5 / sqrt(n))', () => {
    const n = 100_000;
    const x = createStream(99, 0, 'service.time');
    const y = createStream(99, 1, 'service.time');
    let sxy = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < n; i++) {
      const u = x.random();
      const v = y.random();
      sx += u;
      sy += v;
      sxy += u * v;
      sxx += u * u;
      syy += v * v;
    }
    const r = (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    expect(Math.abs(r)).toBeLessThan(5 / Math.sqrt(n));
  });
});
