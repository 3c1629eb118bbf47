/**
 * Forecast skill that decays with lead (issue 11, item 3; docs/models/flood.md section 5), on the 8-18
 * flood with paired seeds: the same plan with its monitoring delay 6 h longer reads every forecast 6 h
 * later. With 12-hour forecasts erring by about 0.7 m, the on-time plan sometimes orders the confluence
 * transfer late (an under-forecast); 6 h on top of that comes too late, and exposure jumps. Otherwise the
 * 12-hour lead still covers the delay and the two plans differ by noise.
 *
 * The difference is heavy-tailed: a few replications lose tens of thousands of person-hours (behind a
 * dike that fails before its zone is cleared, the most), the rest differ by a few hundred either way. With
 * 100 pairs the paired 95 % t-interval lies above 0 at each seed tried (measured with dikes in the model:
 * seed 2020 [1,180, 2,989] person-h, seed 7 [2,148, 14,538], seed 1 [3,151, 18,504]; at 40 pairs seed 1's
 * interval still reached below 0), as issue 11 asks; the tail assertions say how the difference is made.
 */
import { describe, expect, it } from 'vitest';
import { PairedSummary } from '../../engine/stats/index.js';
import { runReplication } from '../../models/replication.js';
import { leshan2020 } from './helpers.js';

const N = 100;
const SEED = 2020;

describe('a plan that waits for the forecast to be certain pays for it', () => {
  it('6 h more monitoring delay raises expected exposure; its losses are large and rare, its gains small', () => {
    const { scenario, plan } = leshan2020();
    const late = { ...plan, monitoringDelayMin: plan.monitoringDelayMin + 360 };
    const paired = new PairedSummary('lower-is-better');
    const diffs: number[] = [];
    for (let i = 0; i < N; i++) {
      const a = runReplication(scenario, plan, SEED, i).metrics['exposedPersonHours']!;
      const b = runReplication(scenario, late, SEED, i).metrics['exposedPersonHours']!;
      paired.add(a, b);
      diffs.push(b - a);
    }
    const r = paired.result();
    expect(r.n).toBe(N);
    expect(r.difference.mean!).toBeGreaterThan(0);
    expect(r.difference.ci95![0], `paired 95 % CI ${r.difference.ci95!.join(' to ')}`).toBeGreaterThan(0);
    // Waiting never gains much (noise of a few hundred to ~1,500 person-h) but sometimes loses a lot.
    const worst = Math.max(...diffs);
    const best = Math.min(...diffs);
    expect(worst).toBeGreaterThan(10_000);
    expect(worst).toBeGreaterThan(10 * Math.abs(best));
  }, 240_000);
});
