import { describe, expect, it } from 'vitest';
import { TimeWeighted } from '../../engine/stats/index.js';

describe('TimeWeighted', () => {
  it('integrates a hand-computed step signal exactly', () => {
    // 0 on [0,2), 3 on [2,5), a transient 7 and then 4 at t=5 (zero duration for 7), 4 on [5,9), 0 on [9,10).
    const tw = new TimeWeighted(0, 0);
    tw.update(2, 3);
    tw.update(5, 1);
    tw.update(5, 7);
    tw.update(5, 4);
    tw.update(9, 0);
    // ∫ = 0·2 + 3·3 + 4·4 + 0·1 = 25
    expect(tw.integral(10)).toBe(25);
    expect(tw.mean(10)).toBe(2.5);
    expect(tw.integral()).toBe(25); // up to the last update at t = 9
    expect(tw.max).toBe(7); // the zero-duration transient counts as a value the signal took
    expect(tw.min).toBe(0);
    expect(tw.value).toBe(0);
    expect(tw.lastTime).toBe(9);
  });

  it('gives person-hours: a non-zero start time and a value held to the end', () => {
    // 120 people exposed from t = 1.5 h, 80 from 3 h, evaluated at 4 h: 120·1.5 + 80·1 = 260.
    const tw = new TimeWeighted(1.5, 120);
    tw.update(3, 80);
    expect(tw.integral(4)).toBe(260);
    expect(tw.mean(4)).toBe(260 / 2.5);
  });

  it('keeps small increments after a large one (compensated summation)', () => {
    const tw = new TimeWeighted(0, 1e16);
    let t = 1;
    tw.update(t, 1);
    for (let i = 0; i < 1000; i++) {
      t += 1;
      tw.update(t, 1);
    }
    // Naive accumulation would stay at 1e16 (each +1 rounds away at that magnitude).
    expect(tw.integral()).toBe(1e16 + 1000);
  });

  it('has an undefined mean over zero duration and rejects time going backwards', () => {
    const tw = new TimeWeighted(5, 2);
    expect(Number.isNaN(tw.mean(5))).toBe(true);
    expect(tw.integral(5)).toBe(0);
    tw.update(6, 3);
    expect(() => tw.update(5.5, 1)).toThrow(RangeError);
    expect(() => tw.update(NaN, 1)).toThrow(RangeError);
    expect(() => tw.update(7, NaN)).toThrow(RangeError);
    expect(() => tw.integral(5.9)).toThrow(RangeError);
    expect(tw.integral(7)).toBe(2 + 3);
  });

  it('reset starts a new window (warm-up deletion)', () => {
    const tw = new TimeWeighted(0, 10);
    tw.update(4, 2);
    tw.reset(6);
    expect(tw.startTime).toBe(6);
    expect(tw.max).toBe(2);
    tw.update(8, 6);
    expect(tw.integral(10)).toBe(2 * 2 + 6 * 2);
    expect(tw.mean(10)).toBe(4);
  });
});
