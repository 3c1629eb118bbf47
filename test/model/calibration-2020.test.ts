/**
 * Against 2020 (issue 4, Tests): with leshan-flood-plan, the 5-95 % interval of `evacuated` over the
 * replications contains the 196,800 people transferred in August 2020, and P(deaths = 0) >= 0.5 (the
 * city reported zero casualties).
 *
 * CALIBRATION_REPLICATIONS follows the issue (200). Why not fewer: with n replications the empirical
 * 5 % and 95 % points are order statistics about n/20 from each end; at n = 20 they are the 2nd
 * smallest and 2nd largest values, so the "interval" is mostly the sample range and the check loses its
 * bite; and P(deaths = 0) estimated from 20 runs has a standard error of about 0.11, so a model with a
 * true 0.4 would pass one time in four. At 200 the standard error is 0.035. A replication takes a few
 * tens of milliseconds, so 200 cost a few seconds. The seed is fixed, so the outcome is reproducible.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type7Quantile } from '../../engine/stats/index.js';
import { record2020, RECORD_2020 } from '../../tools/calibration/record-2020.js';
import { EVACUATED_2020, leshan2020 } from './helpers.js';

const CALIBRATION_REPLICATIONS = 200;
const SEED = 20200818;

describe(`2020 calibration: on-time plan, ${CALIBRATION_REPLICATIONS} replications`, () => {
  const { scenario, plan } = leshan2020();
  const evacuated: number[] = [];
  const deaths: number[] = [];
  const cutOff: number[] = [];
  const overnight: number[] = [];
  beforeAll(() => {
    for (let i = 0; i < CALIBRATION_REPLICATIONS; i++) {
      const r = record2020(scenario, plan, SEED, i);
      evacuated.push(r.evacuated);
      deaths.push(r.deaths);
      cutOff.push(r.fengzhouCutOff);
      overnight.push(r.fengzhouOvernight);
    }
  });

  // Fengzhou island (issue 11, item 5; docs/calibration.md): the number cut off is fitted (the island's
  // compliance), within 10 % of the 1,020 trapped; the number left overnight is held out, and its median
  // must lie within a factor of 1.5 of the 278 recorded (185-417), the tolerance docs/calibration.md states.
  it('Fengzhou: the median cut off is within 10 % of 1,020 and the median left overnight within 1.5x of 278', () => {
    const median = (xs: number[]) => type7Quantile([...xs].sort((a, b) => a - b), 0.5);
    expect(Math.abs(median(cutOff) - RECORD_2020.fengzhouTrapped) / RECORD_2020.fengzhouTrapped).toBeLessThan(0.1);
    const m = median(overnight);
    expect(m, `median overnight ${m}`).toBeGreaterThanOrEqual(RECORD_2020.fengzhouOvernight / 1.5);
    expect(m, `median overnight ${m}`).toBeLessThanOrEqual(RECORD_2020.fengzhouOvernight * 1.5);
  });

  it('the 5-95 % interval of `evacuated` contains 196,800', () => {
    const sorted = [...evacuated].sort((a, b) => a - b);
    const p05 = type7Quantile(sorted, 0.05);
    const p95 = type7Quantile(sorted, 0.95);
    expect(p05, `p05 ${p05}, p95 ${p95}`).toBeLessThanOrEqual(EVACUATED_2020);
    expect(p95, `p05 ${p05}, p95 ${p95}`).toBeGreaterThanOrEqual(EVACUATED_2020);
  });

  it('P(deaths = 0) >= 0.5', () => {
    const zero = deaths.filter((d) => d === 0).length / CALIBRATION_REPLICATIONS;
    expect(zero, `P(deaths = 0) = ${zero}; mean deaths ${deaths.reduce((a, b) => a + b, 0) / CALIBRATION_REPLICATIONS}`).toBeGreaterThanOrEqual(0.5);
  });
});
