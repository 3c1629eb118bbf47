/**
 * The forecast error model (docs/models/flood.md section 5): sd growing linearly with lead, drawn per
 * issue as an AR(1) over a gauge's issues, deterministic and independent of how often it is read.
 */
import { describe, expect, it } from 'vitest';
import { createStream } from '../../../engine/random/index.js';
import {
  forecastError,
  forecastErrorSd,
  ForecastErrorSeries,
  forecastStage,
  issueCorrelation,
  latestIssue,
  type ForecastErrorModel,
} from '../../../models/hazards/flood/forecast.js';
import { Hydrograph } from '../../../models/hazards/flood/hydrograph.js';
import { FLOOD_PARAMETERS } from '../../../models/hazards/flood/parameters.js';

const fixedDefault = (name: keyof typeof FLOOD_PARAMETERS): number => {
  const d = FLOOD_PARAMETERS[name].default;
  if (d.dist !== 'fixed') throw new Error(`${name} default is not fixed`);
  return d.value;
};

/** The model with the parameter table's defaults. */
const MODEL: ForecastErrorModel = {
  sd0M: fixedDefault('flood.forecastErrorSdM'),
  doublingLeadMin: fixedDefault('flood.forecastErrorDoublingLeadH') * 60,
  intervalMin: fixedDefault('flood.forecastIntervalH') * 60,
  hourlyCorrelation: fixedDefault('flood.forecastIssueCorrelation'),
};

const series = (seed: number, replication: number, gauge: string, model = MODEL): ForecastErrorSeries => {
  const s = createStream(seed, replication, `flood.forecast.${gauge}`);
  return new ForecastErrorSeries(() => s.normal(0, 1), issueCorrelation(model));
};

const sampleSd = (xs: readonly number[]): number => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};

const correlation = (xs: readonly number[], ys: readonly number[]): number => {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
};

describe('forecast error sd', () => {
  it('grows linearly with lead from sd0, doubling at the doubling lead', () => {
    expect(forecastErrorSd(MODEL, 0)).toBeCloseTo(MODEL.sd0M, 12);
    expect(forecastErrorSd(MODEL, MODEL.doublingLeadMin)).toBeCloseTo(2 * MODEL.sd0M, 12);
    // The defaults: 0.3 m at 4 h, 0.4 m at 6 h, 0.7 m at 12 h (docs/models/flood.md section 5).
    expect(forecastErrorSd(MODEL, 240)).toBeCloseTo(0.3, 12);
    expect(forecastErrorSd(MODEL, 360)).toBeCloseTo(0.4, 12);
    expect(forecastErrorSd(MODEL, 720)).toBeCloseTo(0.7, 12);
  });

  it('rejects a negative or non-finite lead and a bad model', () => {
    expect(() => forecastErrorSd(MODEL, -1)).toThrow(RangeError);
    expect(() => forecastErrorSd(MODEL, NaN)).toThrow(RangeError);
    expect(() => new ForecastErrorSeries(() => 0, 1.5)).toThrow(RangeError);
  });

  it('grows with lead empirically: over 4,000 replications the errors at 2, 6 and 12 h have sd within sampling error of the formula', () => {
    const n = 4000;
    const leads = [120, 360, 720];
    const errs = leads.map(() => [] as number[]);
    for (let r = 0; r < n; r++) {
      const s = series(11, r, 'g1');
      // Read exactly at an issue time, so the lead from the issue is the lead asked for.
      leads.forEach((lead, j) => errs[j]!.push(forecastError(MODEL, s, 600, lead)));
    }
    const sds = errs.map(sampleSd);
    leads.forEach((lead, j) => {
      const expected = forecastErrorSd(MODEL, lead);
      // The sample sd of n normals has relative standard error about 1/sqrt(2n) = 1.1 %: allow 4 of them.
      expect(Math.abs(sds[j]! / expected - 1), `lead ${lead}`).toBeLessThan(4 / Math.sqrt(2 * n));
    });
    expect(sds[0]!).toBeLessThan(sds[1]!);
    expect(sds[1]!).toBeLessThan(sds[2]!);
  });
});

describe('forecast issues', () => {
  it('the plan reads the latest issue, its lead counted from that issue', () => {
    expect(latestIssue(0, 60)).toEqual({ index: 0, atMin: 0 });
    expect(latestIssue(59.9, 60)).toEqual({ index: 0, atMin: 0 });
    expect(latestIssue(130, 60)).toEqual({ index: 2, atMin: 120 });
    const s = series(1, 0, 'g1');
    // Read 10 min after issue 2, for 6 h: issue 2's forecast at lead 6 h 10 min.
    expect(forecastError(MODEL, s, 130, 360)).toBeCloseTo(forecastErrorSd(MODEL, 370) * s.at(2), 12);
  });

  it('same (gauge, issue time, lead), same value, however often and in whatever order it is asked', () => {
    const a = series(2020, 3, 'xiaogongzui');
    const b = series(2020, 3, 'xiaogongzui');
    // a is read every 10 minutes from the start, b once, at the end, then backwards.
    const times = Array.from({ length: 6 * 24 * 3 }, (_, i) => i * 10);
    const fromA = times.map((t) => forecastError(MODEL, a, t, 720));
    const fromB = [...times].reverse().map((t) => forecastError(MODEL, b, t, 720)).reverse();
    expect(fromB).toEqual(fromA);
    expect(forecastError(MODEL, a, 1234, 240)).toBe(forecastError(MODEL, a, 1234, 240));
  });

  it('is the same in two replications with the same seed and index, and differs between gauges and indexes', () => {
    const at = (seed: number, r: number, g: string): number[] => {
      const s = series(seed, r, g);
      return [0, 7, 30, 71].map((k) => s.at(k));
    };
    expect(at(2020, 5, 'g1')).toEqual(at(2020, 5, 'g1'));
    expect(at(2020, 5, 'g1')).not.toEqual(at(2020, 6, 'g1'));
    expect(at(2020, 5, 'g1')).not.toEqual(at(2020, 5, 'g2'));
  });

  it('a forecast does not jump between issues: consecutive issues correlate at rho, standardised errors stay N(0, 1)', () => {
    const rho = issueCorrelation(MODEL);
    expect(rho).toBeCloseTo(0.9, 12);
    const n = 4000;
    const z10: number[] = [];
    const z11: number[] = [];
    const z16: number[] = [];
    for (let r = 0; r < n; r++) {
      const s = series(7, r, 'g1');
      z10.push(s.at(10));
      z11.push(s.at(11));
      z16.push(s.at(16));
    }
    // The sample correlation's standard error is about (1 - rho^2) / sqrt(n): 0.003 at rho 0.9, 0.008 at 0.53.
    expect(correlation(z10, z11)).toBeCloseTo(rho, 1);
    expect(Math.abs(correlation(z10, z11) - rho)).toBeLessThan(0.015);
    expect(Math.abs(correlation(z10, z16) - rho ** 6)).toBeLessThan(0.04);
    expect(Math.abs(sampleSd(z16) - 1)).toBeLessThan(4 / Math.sqrt(2 * n));
    // Within one issue the forecast for a fixed target moves only through the lead: issued at 600 and
    // read at 600 and 650 for the same target time 1320, the error's sign and issue draw are the same.
    const s = series(7, 0, 'g1');
    const e1 = forecastError(MODEL, s, 600, 720);
    const e2 = forecastError(MODEL, s, 650, 670);
    expect(e2).toBeCloseTo(e1, 12);
  });

  it('the issue interval sets the correlation of consecutive issues from the hourly one', () => {
    expect(issueCorrelation({ ...MODEL, intervalMin: 180 })).toBeCloseTo(0.9 ** 3, 12);
    expect(issueCorrelation({ ...MODEL, hourlyCorrelation: 0 })).toBe(0);
  });

  it('sd0 = 0 gives perfect forecasts (and draws nothing)', () => {
    let draws = 0;
    const s = new ForecastErrorSeries(() => {
      draws++;
      return 1;
    }, 0.9);
    expect(forecastError({ ...MODEL, sd0M: 0 }, s, 500, 720)).toBe(0);
    expect(draws).toBe(0);
  });

  it('a forecast is the true stage at issue + lead plus the error', () => {
    const h = new Hydrograph({ baseStageM: 100, peaks: [{ atMin: 600, stageM: 104, riseMin: 300, fallMin: 300 }] });
    expect(forecastStage(h, 300, 300, 0.25)).toBeCloseTo(104.25, 12);
    expect(() => forecastStage(h, 300, -5, 0)).toThrow(RangeError);
    expect(() => forecastStage(h, 300, 5, NaN)).toThrow(RangeError);
  });
});
