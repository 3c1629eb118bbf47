/**
 * Stage hydrographs against hand-computed values. For a raised-cosine wave of height A rising over R
 * and falling over F to its peak at p (start s = p - R), the stage is base + A sin^2(pi (t - s)/(2R))
 * on the rise and base + A cos^2(pi (t - p)/(2F)) on the fall, so level base + A/4 is crossed at
 * s + R/3 and p + 2F/3, base + A/2 at s + R/2 and p + F/2, base + 3A/4 at s + 2R/3 and p + F/3; the
 * steepest rise is A pi/(2R) at mid-rise.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/errors.js';
import {
  firstForecastCrossingUp,
  forecastStage,
  Hydrograph,
  stageFromDischarge,
  validateHydrographSpec,
  type HydrographSpec,
} from '../../../models/hazards/flood/index.js';

const CROSS_TOL = 1e-6; // minutes

const BASE = 355;
const PEAK = 363.15;
const AT = 2000;
const RISE = 600;
const FALL = 900;
const A = PEAK - BASE;
const S = AT - RISE;
const E = AT + FALL;
const single: HydrographSpec = { baseStageM: BASE, peaks: [{ atMin: AT, stageM: PEAK, riseMin: RISE, fallMin: FALL }] };

describe('single raised-cosine wave', () => {
  const h = new Hydrograph(single);

  it('peak stage and time are exactly the data', () => {
    expect(h.kind).toBe('peaks');
    expect(h.peakStage()).toBe(PEAK);
    expect(h.peakTime()).toBe(AT);
    expect(h.stageAt(AT)).toBeCloseTo(PEAK, 12);
  });

  it('is at base outside [s, e] and follows the formula inside', () => {
    for (const t of [-1e6, 0, S - 1, S, E, E + 1, 1e7]) expect(h.stageAt(t)).toBe(BASE);
    // quarter points: sin^2(pi/8), sin^2(pi/4) = 1/2, cos^2(pi/4) = 1/2
    expect(h.stageAt(S + RISE / 4)).toBeCloseTo(BASE + A * Math.sin(Math.PI / 8) ** 2, 12);
    expect(h.stageAt(S + RISE / 2)).toBeCloseTo(BASE + A / 2, 12);
    expect(h.stageAt(AT + FALL / 2)).toBeCloseTo(BASE + A / 2, 12);
  });

  it('rises monotonically before the peak and falls after it', () => {
    let previous = h.stageAt(S);
    for (let t = S + 1; t <= AT; t += 1) {
      const v = h.stageAt(t);
      expect(v).toBeGreaterThan(previous);
      previous = v;
    }
    for (let t = AT + 1; t < E; t += 1) {
      const v = h.stageAt(t);
      expect(v).toBeLessThan(previous);
      previous = v;
    }
  });

  it('wet intervals cross at the analytic times', () => {
    const cases: Array<[number, number, number]> = [
      [BASE + A / 4, S + RISE / 3, AT + (2 * FALL) / 3],
      [BASE + A / 2, S + RISE / 2, AT + FALL / 2],
      [BASE + (3 * A) / 4, S + (2 * RISE) / 3, AT + FALL / 3],
    ];
    for (const [level, up, down] of cases) {
      const wet = h.wetIntervals(level, 0, 10_000);
      expect(wet).toHaveLength(1);
      const w = wet[0]!;
      expect(Math.abs(w.start - up)).toBeLessThan(CROSS_TOL);
      expect(Math.abs(w.end - down)).toBeLessThan(CROSS_TOL);
      expect(w.startsWet).toBe(false);
      expect(w.endsWet).toBe(false);
      expect(w.peakStageM).toBe(PEAK);
      expect(w.peakAtMin).toBe(AT);
      expect(Math.abs((h.firstCrossingUp(level, 0, 10_000) as number) - up)).toBeLessThan(CROSS_TOL);
    }
  });

  it('at base level the wet interval is the whole wave; at or above the peak there is none', () => {
    const [w] = h.wetIntervals(BASE, -1e5, 1e5);
    expect(w?.start).toBeCloseTo(S, 9);
    expect(w?.end).toBeCloseTo(E, 9);
    expect(h.wetIntervals(PEAK, 0, 1e5)).toEqual([]);
    expect(h.wetIntervals(PEAK + 1, 0, 1e5)).toEqual([]);
    expect(h.firstCrossingUp(PEAK, 0, 1e5)).toBeNull();
  });

  it('below base it is wet throughout the window', () => {
    expect(h.wetIntervals(BASE - 0.1, 100, 5000)).toEqual([
      { start: 100, end: 5000, startsWet: true, endsWet: true, peakStageM: PEAK, peakAtMin: AT },
    ]);
    expect(h.firstCrossingUp(BASE - 0.1, 0, 5000)).toBeNull();
  });

  it('clips to the window and flags wet ends; the peak is the one inside the window', () => {
    const level = BASE + A / 2;
    const up = S + RISE / 2;
    const down = AT + FALL / 2;
    const [a] = h.wetIntervals(level, up + 100, 1e4);
    expect(a).toMatchObject({ start: up + 100, startsWet: true, endsWet: false, peakStageM: PEAK, peakAtMin: AT });
    expect(Math.abs(a!.end - down)).toBeLessThan(CROSS_TOL);
    const [b] = h.wetIntervals(level, 0, AT - 60);
    expect(b).toMatchObject({ end: AT - 60, startsWet: false, endsWet: true, peakAtMin: AT - 60 });
    expect(b!.peakStageM).toBeCloseTo(h.stageAt(AT - 60), 12);
    // wet at the start of the window, so no upward crossing inside it
    expect(h.firstCrossingUp(level, up + 100, 1e4)).toBeNull();
    // a crossing exactly at t0 counts
    expect(h.firstCrossingUp(level, up, 1e4)).toBe(up);
    expect(h.wetIntervals(level, 0, 0)).toEqual([]);
    expect(h.wetIntervals(level, 0, S)).toEqual([]);
  });

  it('maximum rise rate is A pi / (2R) per minute at mid-rise, x 60 for m/h', () => {
    const steepest = ((A * Math.PI) / (2 * RISE)) * 60;
    expect(h.maxRiseRateMPerH(0, 10_000)).toBeCloseTo(steepest, 10);
    // a window ending a sixth into the rise: sin(pi/6) = 1/2 of the steepest
    expect(h.maxRiseRateMPerH(0, S + RISE / 6)).toBeCloseTo(steepest / 2, 10);
    // falling limb only, or no wave at all
    expect(h.maxRiseRateMPerH(AT, E + 100)).toBe(0);
    expect(h.maxRiseRateMPerH(E + 1, E + 1000)).toBe(0);
  });

  it('is deterministic: the same spec gives identical numbers', () => {
    const again = new Hydrograph(single);
    for (const t of [S + 1.234, AT - 17.5, AT + 333.3]) expect(again.stageAt(t)).toBe(h.stageAt(t));
    expect(again.wetIntervals(BASE + 3, 0, 1e4)).toEqual(h.wetIntervals(BASE + 3, 0, 1e4));
  });
});

describe('perturbation', () => {
  it('peakFactor multiplies the excess over base; shiftMin moves the wave', () => {
    const h = new Hydrograph(single, { peakFactor: 1.2, shiftMin: 90 });
    expect(h.peakStage()).toBeCloseTo(BASE + 1.2 * A, 12);
    expect(h.peakTime()).toBe(AT + 90);
    const base = new Hydrograph(single);
    for (const t of [S - 50, S + 123, AT, AT + 456, E + 10]) {
      expect(h.stageAt(t + 90)).toBeCloseTo(BASE + 1.2 * (base.stageAt(t) - BASE), 10);
    }
    // the crossing of base + 0.6 A (half the scaled height) is at mid-rise, 90 min later
    const [w] = h.wetIntervals(BASE + 0.6 * A, 0, 1e4);
    expect(Math.abs(w!.start - (S + RISE / 2 + 90))).toBeLessThan(CROSS_TOL);
    expect(Math.abs(w!.end - (AT + FALL / 2 + 90))).toBeLessThan(CROSS_TOL);
  });

  it('factor 0 flattens the hydrograph to base', () => {
    const h = new Hydrograph(single, { peakFactor: 0 });
    expect(h.kind).toBe('flat');
    expect(h.stageAt(AT)).toBe(BASE);
    expect(h.wetIntervals(BASE, 0, 1e4)).toEqual([]);
  });

  it('rejects a negative or non-finite factor and a non-finite shift', () => {
    expect(() => new Hydrograph(single, { peakFactor: -0.1 })).toThrow(RangeError);
    expect(() => new Hydrograph(single, { peakFactor: Number.NaN })).toThrow(RangeError);
    expect(() => new Hydrograph(single, { shiftMin: Infinity })).toThrow(RangeError);
  });
});

describe('two rounds (15-17 and 18 August 2020 pattern): the upper envelope', () => {
  // Xiaogongzui-like: 363.15 m on day 2 (t = 2 * 1440 + 720), 365.17 m on day 3 at 19:00 (t = 3 * 1440 + 1140).
  const t1 = 2 * 1440 + 720;
  const t2 = 3 * 1440 + 1140;
  const spec: HydrographSpec = {
    baseStageM: 356,
    peaks: [
      { atMin: t1, stageM: 363.15, riseMin: 1800, fallMin: 1500 },
      { atMin: t2, stageM: 365.17, riseMin: 1200, fallMin: 2400 },
    ],
  };
  const h = new Hydrograph(spec);

  it('reproduces both recorded peaks exactly in height and time', () => {
    expect(h.peakStage()).toBe(365.17);
    expect(h.peakTime()).toBe(t2);
    expect(h.stageAt(t1)).toBeCloseTo(363.15, 12);
    expect(h.stageAt(t2)).toBeCloseTo(365.17, 12);
    expect(h.waveCount).toBe(2);
  });

  it('between the rounds the stage is the higher of the two waves, never their sum', () => {
    const first = new Hydrograph({ baseStageM: 356, peaks: [spec.peaks![0]!] });
    const second = new Hydrograph({ baseStageM: 356, peaks: [spec.peaks![1]!] });
    for (let t = t1; t <= t2; t += 37) {
      expect(h.stageAt(t)).toBe(Math.max(first.stageAt(t), second.stageAt(t)));
    }
  });

  it('a level below the first peak gives two wet intervals or one merged one; above it, only the second round', () => {
    const low = h.wetIntervals(362, 0, 10 * 1440);
    const first = new Hydrograph({ baseStageM: 356, peaks: [spec.peaks![0]!] }).wetIntervals(362, 0, 10 * 1440);
    const second = new Hydrograph({ baseStageM: 356, peaks: [spec.peaks![1]!] }).wetIntervals(362, 0, 10 * 1440);
    expect(low).toHaveLength(2);
    expect(low[0]!.start).toBe(first[0]!.start);
    expect(low[0]!.end).toBe(first[0]!.end);
    expect(low[0]!.peakStageM).toBeCloseTo(363.15, 12);
    expect(low[1]!.start).toBe(second[0]!.start);
    expect(low[1]!.peakStageM).toBe(365.17);
    // 357 m: the first wave falls through it (~4,734 min) after the second rises through it (~4,517 min): one interval
    const merged = h.wetIntervals(357, 0, 10 * 1440);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.peakAtMin).toBe(t2);
    const high = h.wetIntervals(364, 0, 10 * 1440);
    expect(high).toHaveLength(1);
    expect(high[0]!.start).toBeGreaterThan(t1);
    expect(h.firstCrossingUp(364, 0, 10 * 1440)).toBe(high[0]!.start);
    // from inside the first interval, the next upward crossing is the second round's
    expect(h.firstCrossingUp(362, t1, 10 * 1440)).toBe(low[1]!.start);
  });

  it('the rise rate counts only the leading wave: a wave rising under a falling one does not raise the stage', () => {
    // Wave 2 (10 m over 200 min) rises under wave 1's recession (8 m falling over 2000 min).
    const g = new Hydrograph({
      baseStageM: 0,
      peaks: [
        { atMin: 1000, stageM: 8, riseMin: 500, fallMin: 2000 },
        { atMin: 2000, stageM: 10, riseMin: 200, fallMin: 500 },
      ],
    });
    const p1 = (t: number): number => 8 * Math.cos((Math.PI * (t - 1000)) / 4000) ** 2;
    const p2 = (t: number): number => 10 * Math.sin((Math.PI * (t - 1800)) / 400) ** 2;
    // swap time by bisection on the hand formulas
    let lo = 1800;
    let hi = 1900;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (p1(mid) >= p2(mid)) lo = mid;
      else hi = mid;
    }
    const swap = (lo + hi) / 2;
    const slope2 = (t: number): number => ((10 * Math.PI) / 400) * Math.sin((Math.PI * (t - 1800)) / 200) * 60;
    expect(g.maxRiseRateMPerH(1800, swap - 0.01)).toBe(0);
    expect(g.maxRiseRateMPerH(1800, swap + 1)).toBeCloseTo(slope2(swap + 1), 4);
    expect(g.maxRiseRateMPerH(1800, 2100)).toBeCloseTo(slope2(1900), 10);
    // the rise of wave 1 itself
    expect(g.maxRiseRateMPerH(0, 1000)).toBeCloseTo(((8 * Math.PI) / 1000) * 60, 10);
  });
});

describe('peaks given by discharge', () => {
  const rating = { a: 144.6045, b: 2, h0M: 350.294 }; // Xiaogongzui, assets.json
  it('converts through the rating curve: 32,000 m3/s -> 365.17 m within 1 cm', () => {
    const h = new Hydrograph({ baseStageM: 356, rating, peaks: [{ atMin: 4000, dischargeM3s: 32_000, riseMin: 600, fallMin: 600 }] });
    expect(h.peakStage()).toBeCloseTo(stageFromDischarge(rating, 32_000), 12);
    expect(Math.abs(h.peakStage() - 365.17)).toBeLessThan(0.01);
    expect(Math.abs(h.dischargeAt(4000) - 32_000) / 32_000).toBeLessThan(1e-9);
  });

  it('is an error without a rating curve, with both stage and discharge, or below base', () => {
    const issues = validateHydrographSpec(
      {
        baseStageM: 356,
        peaks: [
          { atMin: 0, dischargeM3s: 100, riseMin: 10, fallMin: 10 },
          { atMin: 0, stageM: 360, dischargeM3s: 100, riseMin: 10, fallMin: 10 },
          { atMin: 0, stageM: 350, riseMin: 0, fallMin: 10 },
        ],
      },
      '/hazards/0/gauges/xiaogongzui',
    );
    expect(issues.map((i) => i.path)).toEqual([
      '/hazards/0/gauges/xiaogongzui/peaks/0/dischargeM3s',
      '/hazards/0/gauges/xiaogongzui/peaks/1',
      '/hazards/0/gauges/xiaogongzui/peaks/2/riseMin',
      '/hazards/0/gauges/xiaogongzui/peaks/2/stageM',
    ]);
    expect(() => new Hydrograph({ baseStageM: 356, peaks: [{ atMin: 0, dischargeM3s: 100, riseMin: 10, fallMin: 10 }] })).toThrow(InputError);
    // a small discharge maps below base
    const low = validateHydrographSpec({ baseStageM: 356, rating, peaks: [{ atMin: 0, dischargeM3s: 100, riseMin: 10, fallMin: 10 }] });
    expect(low).toHaveLength(1);
    expect(low[0]!.message).toMatch(/below the base stage/);
  });
});

describe('table form', () => {
  const spec: HydrographSpec = {
    baseStageM: 350,
    table: [
      [0, 350],
      [60, 352],
      [120, 351],
    ],
  };
  const h = new Hydrograph(spec);

  it('interpolates linearly and is constant outside', () => {
    expect(h.kind).toBe('table');
    expect(h.stageAt(-10)).toBe(350);
    expect(h.stageAt(30)).toBeCloseTo(351, 12);
    expect(h.stageAt(60)).toBe(352);
    expect(h.stageAt(90)).toBeCloseTo(351.5, 12);
    expect(h.stageAt(500)).toBe(351);
    expect(h.peakStage()).toBe(352);
    expect(h.peakTime()).toBe(60);
  });

  it('wet intervals: 351.2 m is crossed at 36 and 108 min', () => {
    const [w, ...rest] = h.wetIntervals(351.2, 0, 200);
    expect(rest).toEqual([]);
    expect(w!.start).toBeCloseTo(36, 9);
    expect(w!.end).toBeCloseTo(108, 9);
    expect(w).toMatchObject({ startsWet: false, endsWet: false, peakStageM: 352, peakAtMin: 60 });
    expect(h.firstCrossingUp(351.2, 0, 200)).toBeCloseTo(36, 9);
  });

  it('stays wet after the last row when the last stage is above the level', () => {
    const [w] = h.wetIntervals(350.5, 0, Infinity);
    expect(w!.start).toBeCloseTo(15, 9);
    expect(w!.end).toBe(Infinity);
    expect(w!.endsWet).toBe(true);
    const [clipped] = h.wetIntervals(350.5, 0, 1000);
    expect(clipped).toMatchObject({ end: 1000, endsWet: true });
  });

  it('merges pieces that touch at a row where the stage only reaches the level', () => {
    const v = new Hydrograph({ baseStageM: 0, table: [[0, 2], [10, 1], [20, 2]] });
    expect(v.wetIntervals(1, -5, 25)).toEqual([{ start: -5, end: 25, startsWet: true, endsWet: true, peakStageM: 2, peakAtMin: -5 }]);
    // touching from below at exactly t1: a crossing at t1
    expect(v.firstCrossingUp(1, 10, 10)).toBe(10);
    expect(v.firstCrossingUp(1.5, 0, 30)).toBe(15);
  });

  it('perturbation scales stage - base and shifts the rows', () => {
    const p = new Hydrograph(spec, { peakFactor: 1.5, shiftMin: -30 });
    expect(p.stageAt(30)).toBeCloseTo(353, 12);
    expect(p.stageAt(0)).toBeCloseTo(351.5, 12);
    expect(p.peakTime()).toBe(30);
    const [w] = p.wetIntervals(351.2, -100, 200);
    // rise 350 -> 353 over [-30, 30]: 351.2 at -30 + 60 * 1.2/3 = -6
    expect(w!.start).toBeCloseTo(-6, 9);
  });

  it('maximum rise rate is the steepest rising row segment: 2 m per hour', () => {
    expect(h.maxRiseRateMPerH(-100, 1000)).toBeCloseTo(2, 12);
    expect(h.maxRiseRateMPerH(60, 120)).toBe(0);
    expect(h.maxRiseRateMPerH(30, 30)).toBeCloseTo(2, 12);
  });

  it('rejects rows out of order, empty tables and peaks together with a table', () => {
    const paths = (s: HydrographSpec): string[] => validateHydrographSpec(s).map((i) => i.path);
    expect(paths({ baseStageM: 0, table: [[0, 1], [0, 2]] })).toEqual(['/table/1/0']);
    expect(paths({ baseStageM: 0, table: [] })).toEqual(['/table']);
    expect(paths({ baseStageM: 0, table: [[0, 1]], peaks: [] })).toEqual(['/table']);
    expect(paths({ baseStageM: Number.NaN })).toEqual(['/baseStageM']);
  });
});

describe('forecasts', () => {
  const h = new Hydrograph(single);
  it('forecast = true stage at issue + lead, plus the replication bias', () => {
    expect(forecastStage(h, 1000, 360, 0.3)).toBeCloseTo(h.stageAt(1360) + 0.3, 12);
    expect(forecastStage(h, S + RISE / 2 - 360, 360, 0)).toBeCloseTo(BASE + A / 2, 12);
    expect(() => forecastStage(h, 0, -1, 0)).toThrow(RangeError);
    expect(() => forecastStage(h, 0, 60, Number.NaN)).toThrow(RangeError);
  });

  it('the first forecast above a level (fixed error) comes lead minutes before the true crossing of level - error', () => {
    // level - error = base + A/2, crossed at mid-rise; a 6-hour forecast sees it 360 min earlier
    const t = firstForecastCrossingUp(h, BASE + A / 2 + 0.25, 360, 0.25, 0, 1e4);
    expect(Math.abs((t as number) - (S + RISE / 2 - 360))).toBeLessThan(CROSS_TOL);
    expect(firstForecastCrossingUp(h, PEAK + 1, 360, 0, 0, 1e4)).toBeNull();
  });
});
