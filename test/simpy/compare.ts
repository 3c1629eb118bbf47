/**
 * Helpers for comparing a TS port of a SimPy example with the SimPy 3 fixture of the same model
 * (test/fixtures/simpy/*.json, written by the Python scripts beside them). Random numbers differ
 * between the engines, so the comparison is statistical: the mean of a statistic over N seeds of
 * the port must lie within K combined standard errors of SimPy's mean over its seeds.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export interface StatSummary {
  mean: number;
  sd: number;
  se: number;
  n: number;
}

export interface Fixture<P> {
  example: string;
  generator: string;
  simpy: string;
  replications: number;
  scenarios: Record<string, { params: P; stats: Record<string, StatSummary> }>;
}

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'simpy');

export function loadFixture<P>(example: string): Fixture<P> {
  const fixture = JSON.parse(readFileSync(join(FIXTURES, `${example}.json`), 'utf8')) as Fixture<P>;
  // A fixture from another SimPy line (e.g. 2.x or 4.x) would be a different reference.
  expect(fixture.simpy).toMatch(/^3\./);
  return fixture;
}

export function scenario<P>(fixture: Fixture<P>, name: string): { params: P; stats: Record<string, StatSummary> } {
  const s = fixture.scenarios[name];
  if (s === undefined) throw new Error(`fixture ${fixture.example} has no scenario ${name}`);
  return s;
}

export function summarise(values: number[]): StatSummary {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1) : 0;
  const sd = Math.sqrt(variance);
  return { mean, sd, se: sd / Math.sqrt(n), n };
}

/**
 * Run `replicate` for seeds 1..n and summarise each named statistic over the replications
 * (null values, e.g. "mean wait of served" with nobody served, are skipped as in the fixtures).
 */
export function replicate<S>(n: number, replicateOne: (seed: number) => S, keys: ReadonlyArray<keyof S & string>): Record<string, StatSummary> {
  const samples: Record<string, number[]> = {};
  for (const key of keys) samples[key] = [];
  for (let seed = 1; seed <= n; seed++) {
    const stats = replicateOne(seed);
    for (const key of keys) {
      const v = stats[key];
      if (v === null) continue;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`seed ${seed}: ${key} = ${String(v)} is not a finite number`);
      (samples[key] as number[]).push(v);
    }
  }
  const out: Record<string, StatSummary> = {};
  for (const key of keys) out[key] = summarise(samples[key] as number[]);
  return out;
}

/** Assert |ours.mean - simpy.mean| <= k * sqrt(se_ours^2 + se_simpy^2). */
export function expectAgrees(label: string, ours: StatSummary | undefined, simpy: StatSummary | undefined, k = 4): void {
  if (ours === undefined || simpy === undefined) throw new Error(`${label}: statistic missing (ours ${String(ours)}, SimPy ${String(simpy)})`);
  // Both sides must carry real replication noise, or the tolerance below would be meaningless.
  expect(simpy.n, `${label}: SimPy replications`).toBeGreaterThanOrEqual(500);
  expect(ours.n, `${label}: our replications`).toBeGreaterThanOrEqual(50);
  expect(simpy.se, `${label}: SimPy standard error`).toBeGreaterThan(0);
  expect(ours.se, `${label}: our standard error`).toBeGreaterThan(0);
  const combined = Math.hypot(ours.se, simpy.se);
  const z = (ours.mean - simpy.mean) / combined;
  const detail = `${label}: ours ${ours.mean.toPrecision(6)} ± ${ours.se.toPrecision(3)} (n=${ours.n}) vs SimPy ${simpy.mean.toPrecision(6)} ± ${simpy.se.toPrecision(3)} (n=${simpy.n}), z = ${z.toFixed(2)}`;
  expect(Math.abs(z), detail).toBeLessThanOrEqual(k);
}

/** One SimPy run with its random draws (by purpose, in drawing order) and its printed lines. */
export interface Trace<P> {
  name: string;
  seed: number;
  params: P;
  stats: Record<string, number | null>;
  lines: string[];
  draws: Record<string, number[]>;
}

export function loadTraces<P>(example: string): Array<Trace<P>> {
  const file = JSON.parse(readFileSync(join(FIXTURES, `${example}.trace.json`), 'utf8')) as { simpy: string; traces: Array<Trace<P>> };
  expect(file.simpy).toMatch(/^3\./);
  return file.traces;
}

/**
 * Draw functions that hand out SimPy's recorded numbers, purpose by purpose, in order. `remaining()`
 * tells how many were not asked for; asking for more than SimPy drew throws.
 */
export function replayDraws(draws: Record<string, number[]>): {
  fns: Record<string, () => number>;
  remaining: () => Record<string, number>;
} {
  const next: Record<string, number> = {};
  const fns: Record<string, () => number> = {};
  for (const [purpose, values] of Object.entries(draws)) {
    next[purpose] = 0;
    fns[purpose] = () => {
      const i = next[purpose] as number;
      if (i >= values.length) throw new Error(`the port asked for more ${purpose} draws than SimPy made (${values.length})`);
      next[purpose] = i + 1;
      return values[i] as number;
    };
  }
  const remaining = (): Record<string, number> =>
    Object.fromEntries(Object.entries(draws).map(([purpose, values]) => [purpose, values.length - (next[purpose] as number)]));
  return { fns, remaining };
}
