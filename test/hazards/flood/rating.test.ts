/**
 * Rating curves against the F2 oracle (docs/models/flood.md section 10: Xiaogongzui 363.15 m <-> 23,900 m3/s on 17 August
 * 2020 [S]) using the gauge's own (a, b, h0) from the Leshan region data, the exact inverse, and the
 * two-point fit that produced the region's estimated curves.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  dischargeFromStage,
  fitRatingThroughTwoPoints,
  stageFromDischarge,
  type RatingCurve,
} from '../../../models/hazards/flood/index.js';

interface GaugeData {
  id: string;
  rating?: RatingCurve & { fitPoints?: Array<{ stageM: number; flowM3s: number }> };
}

const assets = JSON.parse(
  readFileSync(new URL('../../../scenarios/regions/leshan/assets.json', import.meta.url), 'utf8'),
) as { gauges: GaugeData[] };

function gauge(id: string): GaugeData {
  const g = assets.gauges.find((x) => x.id === id);
  if (g === undefined) throw new Error(`no gauge ${id} in assets.json`);
  return g;
}

describe('rating curve Q = a (H - H0)^b', () => {
  const xgz = gauge('xiaogongzui').rating as RatingCurve;

  it('F2: Xiaogongzui curve gives 23,900 m3/s at 363.15 m within 0.5 %', () => {
    const q = dischargeFromStage(xgz, 363.15);
    expect(Math.abs(q - 23_900) / 23_900).toBeLessThan(0.005);
  });

  it('F2: inverts exactly (stage -> discharge -> stage and discharge -> stage -> discharge)', () => {
    for (const h of [350.5, 355, 361, 363.15, 365.17, 370]) {
      expect(stageFromDischarge(xgz, dischargeFromStage(xgz, h))).toBeCloseTo(h, 10);
    }
    for (const q of [1, 500, 23_900, 32_000, 60_000]) {
      const back = dischargeFromStage(xgz, stageFromDischarge(xgz, q));
      expect(Math.abs(back - q) / q).toBeLessThan(1e-12);
    }
  });

  it('matches the power law by hand: a = 2, b = 1.5, H0 = 100 gives Q(104) = 2 * 8 = 16 and H(16) = 104', () => {
    const r = { a: 2, b: 1.5, h0M: 100 };
    expect(dischargeFromStage(r, 104)).toBeCloseTo(16, 12);
    expect(stageFromDischarge(r, 16)).toBeCloseTo(104, 12);
    expect(stageFromDischarge(r, 0)).toBe(100);
  });

  it('no flow at or below the gauge zero', () => {
    expect(dischargeFromStage(xgz, xgz.h0M)).toBe(0);
    expect(dischargeFromStage(xgz, xgz.h0M - 3)).toBe(0);
  });

  it('rejects a <= 0, b <= 0, negative or non-finite discharge, non-finite stage', () => {
    expect(() => dischargeFromStage({ a: 0, b: 2, h0M: 0 }, 1)).toThrow(RangeError);
    expect(() => dischargeFromStage({ a: -1, b: 2, h0M: 0 }, 1)).toThrow(RangeError);
    expect(() => dischargeFromStage({ a: 1, b: 0, h0M: 0 }, 1)).toThrow(RangeError);
    expect(() => stageFromDischarge({ a: 1, b: -2, h0M: 0 }, 1)).toThrow(RangeError);
    expect(() => stageFromDischarge(xgz, -1)).toThrow(RangeError);
    expect(() => stageFromDischarge(xgz, Number.NaN)).toThrow(RangeError);
    expect(() => dischargeFromStage(xgz, Number.NaN)).toThrow(RangeError);
  });

  it('the two-point fit with b = 2 through the 2020 readings gives the region data (a, H0) for Xiaogongzui', () => {
    const fit = fitRatingThroughTwoPoints({ stageM: 363.15, flowM3s: 23_900 }, { stageM: 365.17, flowM3s: 32_000 }, 2);
    expect(fit.b).toBe(2);
    expect(fit.h0M).toBeCloseTo(xgz.h0M, 2);
    expect(Math.abs(fit.a - xgz.a) / xgz.a).toBeLessThan(1e-3);
    // and passes through both readings exactly
    expect(dischargeFromStage(fit, 363.15)).toBeCloseTo(23_900, 6);
    expect(dischargeFromStage(fit, 365.17)).toBeCloseTo(32_000, 6);
  });

  it('every region curve fitted exactly (one or two readings, fixed b) passes within 0.5 % of its readings', () => {
    // Curves fitted by least squares over three or more readings need not pass through each of them.
    const withFits = assets.gauges.filter((g) => (g.rating?.fitPoints?.length ?? 0) >= 1 && (g.rating?.fitPoints?.length ?? 0) <= 2);
    expect(withFits.map((g) => g.id)).toContain('xiaogongzui');
    for (const g of withFits) {
      for (const p of g.rating?.fitPoints ?? []) {
        const q = dischargeFromStage(g.rating as RatingCurve, p.stageM);
        expect(Math.abs(q - p.flowM3s) / p.flowM3s, `${g.id} at ${p.stageM} m`).toBeLessThan(0.005);
      }
    }
  });

  it('the fit rejects readings that do not rise together', () => {
    expect(() => fitRatingThroughTwoPoints({ stageM: 10, flowM3s: 100 }, { stageM: 9, flowM3s: 200 }, 2)).toThrow(RangeError);
    expect(() => fitRatingThroughTwoPoints({ stageM: 10, flowM3s: 100 }, { stageM: 11, flowM3s: 100 }, 2)).toThrow(RangeError);
  });
});
