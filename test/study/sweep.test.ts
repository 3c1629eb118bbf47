/**
 * `drillsim sweep`: parameter names and values checked (exit 2 naming the valid parameters), the grid in
 * the order given, the same seeds at every point (each point equals a plain batch with that override),
 * and a parameter with a known monotone effect moving its metric the right way.
 */
import { describe, expect, it } from 'vitest';
import { PARAMETERS } from '../../models/scenario/parameters.js';
import { prepare } from '../../models/scenario/load.js';
import { runScorecardBatch } from '../../models/scoring/batch.js';
import { checkAxes, parseSweepAxis, sweepGrid, type Sweep } from '../../models/study/sweep.js';
import { BASIC_PLAN, runCli, runJson, TESTVALE } from './helpers.js';

describe('sweep input checks (exit 2)', () => {
  const sweep = (...args: string[]) => runCli('sweep', TESTVALE, '--replications', '1', '--workers', '1', ...args);

  it('an unknown parameter name lists every valid one', async () => {
    const r = await sweep('--param', 'evacuation.complience=0.5,0.9');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("unknown parameter 'evacuation.complience'");
    for (const name of Object.keys(PARAMETERS)) expect(r.stderr).toContain(name);
  });

  it('values must be numbers; shares lie in [0, 1]; one --param per name; at least one --param', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--param', 'evacuation.compliance=0.5,high'], /'high' is not a number/],
      [['--param', 'evacuation.compliance=0.5,,0.9'], /'' is not a number/],
      [['--param', 'flood.peakFactor=NaN'], /'NaN' is not a number/],
      [['--param', 'flood.peakFactor'], /expected <name>=<v1,v2,...>/],
      [['--param', 'evacuation.compliance=1.2'], /share.*\[0, 1\].*1\.2/],
      [['--param', 'flood.peakFactor=1', '--param', 'flood.peakFactor=1.1'], /flood\.peakFactor is given more than once/],
      [[], /at least one --param/],
      [['--param', 'flood.peakFactor=1', '--plan', 'no-such-plan.yaml'], /no-such-plan\.yaml/],
    ];
    for (const [args, message] of cases) {
      const r = await sweep(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('parses signs, exponents and spaces', () => {
    expect(parseSweepAxis('flood.timingShiftH= -1.5, +2,3e0')).toEqual({ name: 'flood.timingShiftH', values: [-1.5, 2, 3] });
  });

  it('refuses grids beyond the limit', () => {
    const many = (name: string) => parseSweepAxis(`${name}=${Array.from({ length: 101 }, (_, i) => i).join(',')}`);
    expect(() => checkAxes([many('flood.timingShiftH'), many('dispatch.turnoutMin')])).toThrow(/10201 points/);
  });
});

describe('the grid', () => {
  it('is every combination, the first axis varying slowest', () => {
    const grid = sweepGrid([parseSweepAxis('flood.peakFactor=0.9,1.1'), parseSweepAxis('evacuation.compliance=0.5,0.7,0.9')]);
    expect(grid).toEqual([
      { 'flood.peakFactor': 0.9, 'evacuation.compliance': 0.5 },
      { 'flood.peakFactor': 0.9, 'evacuation.compliance': 0.7 },
      { 'flood.peakFactor': 0.9, 'evacuation.compliance': 0.9 },
      { 'flood.peakFactor': 1.1, 'evacuation.compliance': 0.5 },
      { 'flood.peakFactor': 1.1, 'evacuation.compliance': 0.7 },
      { 'flood.peakFactor': 1.1, 'evacuation.compliance': 0.9 },
    ]);
  });
});

describe('sweep runs', () => {
  it('each point is the batch of the same seeds with its parameters pinned; more compliance, more evacuated', async () => {
    const s = await runJson<Sweep>('sweep', TESTVALE, '--plan', BASIC_PLAN, '--param', 'evacuation.compliance=0.5,0.99', '--replications', '3', '--seed', '4', '--workers', '1');
    expect(s.parameters).toEqual(['evacuation.compliance']);
    expect(s.points.map((p) => p.values)).toEqual([{ 'evacuation.compliance': 0.5 }, { 'evacuation.compliance': 0.99 }]);
    expect(s.replications).toBe(3);
    const { scenario, plan } = prepare(TESTVALE, BASIC_PLAN);
    for (const p of s.points) {
      // Another code path (the scoring batch, one chunk) with the same seed and override: the same figures.
      const card = runScorecardBatch(scenario, plan, 4, 3, { overrides: p.values }).result();
      expect(p.metrics).toEqual(card.metrics);
      expect(p.targets).toEqual(card.targets);
    }
    const [low, high] = s.points as [Sweep['points'][0], Sweep['points'][0]];
    expect(high.metrics['evacuated']!.mean!).toBeGreaterThan(low.metrics['evacuated']!.mean!);
    // Under common random numbers the gap is systematic: every replication's range moves up, not just the mean.
    expect(high.metrics['evacuated']!.min!).toBeGreaterThan(low.metrics['evacuated']!.min!);
    expect(high.metrics['evacuated']!.max!).toBeGreaterThan(low.metrics['evacuated']!.max!);
  });

  it('a two-parameter grid prints one block per point, with the target P(met)', async () => {
    const r = await runCli('sweep', TESTVALE, '--param', 'flood.peakFactor=0.8,1', '--param', 'evacuation.compliance=0.9', '--replications', '1', '--workers', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 grid points x 1 replication');
    expect(r.stdout).toContain('point 1: flood.peakFactor=0.8, evacuation.compliance=0.9');
    expect(r.stdout).toContain('point 2: flood.peakFactor=1, evacuation.compliance=0.9');
    expect(r.stdout).toMatch(/deaths <= 0\s+\d/);
  });
});
