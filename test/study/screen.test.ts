/**
 * `drillsim screen` on a scenario built for the test (test/fixtures/study/testvale-screen.yaml): three
 * uncertain parameters with a strong, a weak and no effect on deaths. Under common random numbers the
 * no-effect parameter's elementary effects are exactly 0, so it ranks last with mu* = 0.
 */
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../models/replication.js';
import { morrisDesign, morrisIndices } from '../../models/study/morris.js';
import { runScreen, screenFactors, toOverrides, type Screen } from '../../models/study/screen.js';
import { InProcessRunner } from '../../engine/batch/index.js';
import { loadScenario, prepare } from '../../models/scenario/load.js';
import { runCli, runJson, TESTVALE, TESTVALE_SCREEN } from './helpers.js';

describe('screening factors', () => {
  it('are the declared non-fixed parameters, in declaration order, with their distribution ranges', () => {
    const factors = screenFactors(loadScenario(TESTVALE_SCREEN));
    expect(factors).toEqual([
      { name: 'rescue.personsPerBoatTrip', range: [2, 10] },
      { name: 'evacuation.compliance', range: [0.6, 0.99] },
      { name: 'loss.householdValueYuan', range: [100000, 200000] },
    ]);
    // Unit-cube corners map to the range ends exactly; 1/3 maps linearly.
    expect(toOverrides(factors, [0, 1, 1 / 3])).toEqual({
      'rescue.personsPerBoatTrip': 2,
      'evacuation.compliance': 0.99,
      'loss.householdValueYuan': 100000 + (1 / 3) * 100000,
    });
  });
});

describe('Morris screening of deaths', () => {
  const args = ['screen', TESTVALE_SCREEN, '--metric', 'deaths', '--trajectories', '6', '--levels', '4', '--replications', '2', '--seed', '2', '--workers', '1'];

  it('ranks boat capacity first, compliance second and the household value last with mu* exactly 0', async () => {
    const s = await runJson<Screen>(...args);
    expect(s.metric).toBe('deaths');
    expect(s.points).toBe(6 * (3 + 1));
    expect(s.evaluations).toBe(s.points * 2);
    expect(s.delta).toBeCloseTo(2 / 3, 15);
    expect(s.parameters.map((p) => p.name)).toEqual(['rescue.personsPerBoatTrip', 'evacuation.compliance', 'loss.householdValueYuan']);
    expect(s.parameters.map((p) => p.rank)).toEqual([1, 2, 3]);
    const [strong, weak, none] = s.parameters as [Screen['parameters'][0], Screen['parameters'][0], Screen['parameters'][0]];
    expect(none.muStar).toBe(0);
    expect(none.mu).toBe(0);
    expect(none.sigma).toBe(0);
    expect(weak.muStar).toBeGreaterThan(0);
    // Clearly separated, not a near tie: more people per boat trip and more compliance both save lives.
    expect(strong.muStar).toBeGreaterThan(5 * weak.muStar);
    expect(strong.mu).toBeLessThan(0);
    expect(weak.mu).toBeLessThan(0);
  });

  it('is deterministic for a seed and independent of the chunking', async () => {
    const request = { scenarioFile: TESTVALE_SCREEN, metric: 'deaths', trajectories: 3, levels: 4, replications: 2, seed: 8 };
    const a = await runScreen(new InProcessRunner(), { ...request, chunkSize: 1 });
    const b = await runScreen(new InProcessRunner(), { ...request, chunkSize: 7 });
    const c = await runScreen(new InProcessRunner(), { ...request, chunkSize: 100 });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('--workers 1 and --workers 2 print the identical screening', async () => {
    const small = ['screen', TESTVALE_SCREEN, '--metric', 'evacuated', '--trajectories', '3', '--replications', '3', '--seed', '4', '--json'];
    const one = await runCli(...small, '--workers', '1');
    const two = await runCli(...small, '--workers', '2');
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('with one replication per point, mu* and sigma equal those rebuilt from the design and direct replications', async () => {
    const seed = 5;
    const s = await runScreen(new InProcessRunner(), { scenarioFile: TESTVALE_SCREEN, metric: 'deaths', trajectories: 4, levels: 4, replications: 1, seed });
    const { scenario, plan } = prepare(TESTVALE_SCREEN);
    const factors = screenFactors(scenario);
    const design = morrisDesign({ factors: 3, trajectories: 4, levels: 4, seed });
    // Every point's output is replication 0 (the same seed at every point) with that point's parameters.
    const outputs = design.trajectories.map((t) => t.points.map((x) => runReplication(scenario, plan, seed, 0, { overrides: toOverrides(factors, x) }).metrics['deaths']!));
    const expected = morrisIndices(design, outputs);
    factors.forEach((f, j) => {
      const got = s.parameters.find((p) => p.name === f.name)!;
      expect(got.muStar).toBe(expected[j]!.muStar);
      expect(got.mu).toBe(expected[j]!.mu);
      expect(got.sigma).toBe(expected[j]!.sigma);
    });
  });

  it('the economic loss is proportional to the household value: its EE is loss / value x range, the others 0', async () => {
    const s = await runScreen(new InProcessRunner(), { scenarioFile: TESTVALE_SCREEN, metric: 'economicLossYuan', trajectories: 4, levels: 4, replications: 1, seed: 5 });
    // Loss per yuan of household value, from one replication at any value (nothing else moves it).
    const { scenario, plan } = prepare(TESTVALE_SCREEN);
    const perYuan = runReplication(scenario, plan, 1, 0, { overrides: { 'loss.householdValueYuan': 150000 } }).metrics['economicLossYuan']! / 150000;
    const [value, ...others] = s.parameters;
    expect(value!.name).toBe('loss.householdValueYuan');
    expect(value!.muStar).toBeCloseTo(perYuan * 100000, 3);
    expect(value!.mu).toBe(value!.muStar);
    expect(value!.sigma!).toBeLessThan(1e-9 * value!.muStar);
    for (const o of others) expect(o.muStar).toBe(0);
  });
});

describe('screen input checks (exit 2)', () => {
  it('an unknown metric lists the metrics', async () => {
    const r = await runCli('screen', TESTVALE_SCREEN, '--metric', 'death');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown metric 'death'.*deaths, injured/);
  });

  it('odd levels, zero trajectories and a missing --metric are refused', async () => {
    for (const [extra, message] of [
      [['--metric', 'deaths', '--levels', '5'], /--levels must be even/],
      [['--metric', 'deaths', '--trajectories', '0'], /--trajectories must be a whole number from 1/],
      [[], /--metric/],
    ] as Array<[string[], RegExp]>) {
      const r = await runCli('screen', TESTVALE_SCREEN, ...extra);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('a scenario whose declared parameters are all fixed has nothing to screen', async () => {
    const r = await runCli('screen', TESTVALE, '--metric', 'deaths');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/testvale-flood\.yaml.*\/parameters.*nothing to screen/);
  });
});
