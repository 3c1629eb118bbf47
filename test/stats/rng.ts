/**
 * Deterministic generators for the statistics tests (never Math.random: tests must be repeatable).
 * mulberry32 (Tommy Ettinger's 32-bit generator) is plenty for test data; Box–Muller gives normals.
 */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box–Muller (one of each pair is used; simplicity over speed). */
export function normal(rng: Rng): number {
  let u = rng();
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export function draws(n: number, seed: number, f: (rng: Rng) => number): number[] {
  const rng = mulberry32(seed);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = f(rng);
  return out;
}

/** Cut `values` into consecutive chunks of the given size (the last may be shorter). */
export function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/** Fisher–Yates shuffle with a seeded generator (returns a copy). */
export function shuffled<T>(values: readonly T[], seed: number): T[] {
  const rng = mulberry32(seed);
  const out = values.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = out[i] as T;
    out[i] = out[j] as T;
    out[j] = t;
  }
  return out;
}
