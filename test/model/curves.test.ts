import { describe, expect, it } from 'vitest';
import { CURVE_STEP_MIN, curvePoints, runReplication } from '../../models/replication.js';
import { leshan2020 } from './helpers.js';

/** The hourly outcome curves a replication records for the evacuation and warning-reach charts. */
describe('outcome curves', () => {
  const { scenario, plan } = leshan2020();
  const results = [0, 1, 2].map((i) => runReplication(scenario, plan, 11, i));

  it('have one point an hour from the start to the horizon inclusive', () => {
    const points = curvePoints(scenario.horizonMin);
    expect(points).toBe(scenario.horizonMin / CURVE_STEP_MIN + 1);
    for (const r of results) {
      expect(r.curves.evacuated).toHaveLength(points);
      expect(r.curves.warnedShare).toHaveLength(points);
    }
  });

  it('evacuated never falls, starts at 0 and ends at the evacuated metric', () => {
    for (const r of results) {
      const c = r.curves.evacuated;
      expect(c[0]).toBe(0);
      for (let k = 1; k < c.length; k++) expect(c[k]!).toBeGreaterThanOrEqual(c[k - 1]!);
      expect(c[c.length - 1]).toBe(r.metrics.evacuated);
    }
  });

  it('the warned share stays in [0, 1], never falls, and starts at 0 before any warning', () => {
    for (const r of results) {
      const w = r.curves.warnedShare;
      expect(w[0]).toBe(0);
      for (let k = 0; k < w.length; k++) {
        expect(w[k]!).toBeGreaterThanOrEqual(0);
        expect(w[k]!).toBeLessThanOrEqual(1);
        if (k > 0) expect(w[k]!).toBeGreaterThanOrEqual(w[k - 1]! - 1e-12);
      }
      expect(w[w.length - 1]!).toBeGreaterThan(0.9);
    }
  });
});
