/**
 * `drillsim compare`: common random numbers (replication i of both plans on (seed, i)), paired
 * differences and P(B better), checked against replications run directly, a plan against itself (exact
 * zeros), and the on-time vs late 2020 plans (late exposes more people for longer).
 */
import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../models/study/compare.js';
import { comparePlans } from '../../models/study/compare.js';
import { PairedAccumulator } from '../../models/study/paired.js';
import { InProcessRunner } from '../../engine/batch/index.js';
import { runReplication } from '../../models/replication.js';
import { loadPlan, prepare } from '../../models/scenario/load.js';
import { METRIC_DIRECTION, METRIC_NAMES } from '../../models/scoring/metrics.js';
import { BASIC_PLAN, LATE_PLAN, LESHAN_LATE_PLAN, LESHAN_PLAN, LESHAN_SCENARIO, runCli, runJson, TESTVALE } from './helpers.js';

/** What the Testvale flood scores (the flood's metrics and the response's): a comparison shows these. */
const SCORED = prepare(TESTVALE, BASIC_PLAN).plan.metrics.map((m) => m.name);

describe('a plan compared with itself', () => {
  it('gives differences of exactly 0 for every metric, every replication a tie, P(B better) = 0', async () => {
    const c = await runJson<Comparison>('compare', TESTVALE, '--plan', BASIC_PLAN, '--plan', BASIC_PLAN, '--replications', '5', '--seed', '3', '--workers', '1');
    expect(c.replications).toBe(5);
    expect(c.partial).toBe(false);
    expect(Object.keys(c.metrics)).toEqual(SCORED);
    for (const name of SCORED) {
      const m = c.metrics[name]!;
      expect(m.direction).toBe(METRIC_DIRECTION[name]);
      expect(m.meanB).toBe(m.meanA);
      expect(m.difference.mean).toBe(0);
      expect(m.difference.sd).toBe(0);
      expect(m.difference.ci95).toEqual([0, 0]);
      expect(m.ties).toBe(5);
      expect(m.bBetter).toBe(0);
      expect(m.aBetter).toBe(0);
      expect(m.pBBetter).toBe(0);
    }
  });
});

describe('common random numbers', () => {
  it('means and paired differences equal those of replications 0..N-1 run directly for each plan', async () => {
    const n = 4;
    const seed = 'crn-check';
    const c = await comparePlans(new InProcessRunner(), { scenarioFile: TESTVALE, planA: BASIC_PLAN, planB: LATE_PLAN, seed, replications: n });
    const { scenario, plan } = prepare(TESTVALE, BASIC_PLAN);
    const late = loadPlan(LATE_PLAN, scenario);
    const a = Array.from({ length: n }, (_, i) => runReplication(scenario, plan, seed, i).metrics as Record<string, number>);
    const b = Array.from({ length: n }, (_, i) => runReplication(scenario, late, seed, i).metrics as Record<string, number>);
    expect(c.planA).toBe('testvale-basic');
    expect(c.planB).toBe('testvale-basic-late');
    expect(Object.keys(c.metrics)).toEqual(SCORED);
    for (const name of SCORED) {
      const m = c.metrics[name]!;
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      const scale = Math.max(1, Math.abs(mean(a.map((x) => x[name]!))));
      expect(Math.abs(m.meanA! - mean(a.map((x) => x[name]!)))).toBeLessThan(1e-12 * scale);
      expect(Math.abs(m.meanB! - mean(b.map((x) => x[name]!)))).toBeLessThan(1e-12 * scale);
      expect(Math.abs(m.difference.mean! - mean(a.map((x, i) => b[i]![name]! - x[name]!)))).toBeLessThan(1e-12 * scale);
      const lower = METRIC_DIRECTION[name] === 'lower-is-better';
      const bBetter = a.filter((x, i) => (lower ? b[i]![name]! < x[name]! : b[i]![name]! > x[name]!)).length;
      const ties = a.filter((x, i) => b[i]![name]! === x[name]!).length;
      expect(m.bBetter).toBe(bBetter);
      expect(m.ties).toBe(ties);
      expect(m.aBetter).toBe(n - bBetter - ties);
      expect(m.pBBetter).toBe(bBetter / n);
    }
  });

  it('the result does not depend on the chunk size', async () => {
    const run = (chunkSize: number) =>
      comparePlans(new InProcessRunner(), { scenarioFile: TESTVALE, planA: BASIC_PLAN, planB: LATE_PLAN, seed: 9, replications: 5, chunkSize });
    const whole = await run(5);
    expect(await run(1)).toEqual(whole);
    expect(await run(2)).toEqual(whole);
  });
});

describe('worker count', () => {
  it('--workers 1 (in this thread) and --workers 2 (worker pool) print the identical comparison', async () => {
    const args = ['compare', TESTVALE, '--plan', BASIC_PLAN, '--plan', LATE_PLAN, '--replications', '12', '--seed', '21'];
    const one = await runCli(...args, '--workers', '1', '--json');
    const two = await runCli(...args, '--workers', '2', '--json');
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });
});

describe('on-time vs late plan on the 2020 scenario', () => {
  // Every trigger of the late plan is 6 h late (once), so the city is safe later in every pair: the
  // clearance from the first due order (the flood's own reference, the same for both plans) is longer.
  it('the late plan leaves the city unsafe longer (clearance from the first due order, every pair)', async () => {
    const c = await runJson<Comparison>('compare', LESHAN_SCENARIO, '--plan', LESHAN_PLAN, '--plan', LESHAN_LATE_PLAN, '--replications', '6', '--seed', '1', '--workers', '1');
    const m = c.metrics['clearanceFromFirstOrderT95Min']!;
    expect(c.replications).toBe(6);
    expect(m.difference.mean!).toBeGreaterThan(0);
    expect(m.meanB! - m.meanA!).toBeCloseTo(m.difference.mean!, 6);
    // Lower is better, so A (on time) better in every pair.
    expect(m.aBetter).toBe(6);
  });
});

describe('the table and bad input', () => {
  it('prints one row per metric with both plans named', async () => {
    const r = await runCli('compare', TESTVALE, '--plan', BASIC_PLAN, '--plan', LATE_PLAN, '--replications', '2', '--workers', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('A = testvale-basic, B = testvale-basic-late');
    for (const name of SCORED) expect(r.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
    // No rows for hazards the scenario does not have.
    for (const name of METRIC_NAMES.filter((n) => !SCORED.includes(n))) expect(r.stdout).not.toMatch(new RegExp(`^${name}\\s`, 'm'));
    expect(r.stderr).toBe('');
  });

  it('needs exactly two plans (exit 2)', async () => {
    const one = await runCli('compare', TESTVALE, '--plan', BASIC_PLAN);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/exactly two plans.*got 1/);
    const three = await runCli('compare', TESTVALE, '--plan', BASIC_PLAN, '--plan', BASIC_PLAN, '--plan', LATE_PLAN);
    expect(three.code).toBe(2);
  });

  it('refuses bad --replications, --workers and a missing plan file (exit 2, nothing on stdout)', async () => {
    for (const args of [
      ['--replications', '0'],
      ['--workers', 'two'],
    ]) {
      const r = await runCli('compare', TESTVALE, '--plan', BASIC_PLAN, '--plan', LATE_PLAN, ...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
    }
    const missing = await runCli('compare', TESTVALE, '--plan', BASIC_PLAN, '--plan', 'no-such-plan.yaml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such-plan.yaml');
  });
});

describe('PairedAccumulator', () => {
  it('refuses chunks out of order and malformed JSON, naming the pointer', () => {
    const a = new PairedAccumulator(0, METRIC_NAMES);
    const later = new PairedAccumulator(3, METRIC_NAMES);
    const m = Object.fromEntries(METRIC_NAMES.map((n) => [n, 1])) as Record<(typeof METRIC_NAMES)[number], number>;
    later.add(3, m, m);
    expect(() => a.merge(later)).toThrow(/does not follow/);
    expect(() => a.add(1, m, m)).toThrow(/expected replication 0/);
    const json = later.toJSON();
    expect(PairedAccumulator.fromJSON(JSON.parse(JSON.stringify(json))).toJSON()).toEqual(json);
    const broken = JSON.parse(JSON.stringify(json)) as { paired: Record<string, { ties: number }> };
    broken.paired['deaths']!.ties = 2;
    expect(() => PairedAccumulator.fromJSON(broken)).toThrow(/\/paired\/deaths\/ties/);
  });
});
