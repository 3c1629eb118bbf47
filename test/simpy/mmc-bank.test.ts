import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, erlangC, run } from '../../examples/mmc-bank.js';
import { summarise } from './compare.js';

// The README's quick-start example: an M/M/c bank checked against Erlang C.
describe('examples/mmc-bank.ts (README quick start)', () => {
  it('computes Erlang C as published: M/M/3 at 2.7/min gives C = 0.8171 and Wq = 2.7235 min', () => {
    const mm3 = erlangC(3, 2.7, 1);
    expect(mm3.pWait).toBeCloseTo(0.8171, 4);
    expect(mm3.wq).toBeCloseTo(2.7235, 4);
    // M/M/1 reduces to P(wait) = rho and Wq = rho / (mu - lambda).
    const mm1 = erlangC(1, 0.5, 1);
    expect(mm1.pWait).toBeCloseTo(0.5, 12);
    expect(mm1.wq).toBeCloseTo(1, 12);
    // M/M/2, a = 1.5: C = a^2 / (2 - a) / (1 + a + a^2 / (2 - a)) = 4.5 / 7 = 0.642857.
    expect(erlangC(2, 1.5, 1).pWait).toBeCloseTo(4.5 / 7, 12);
    expect(() => erlangC(3, 3, 1)).toThrow(/unstable/);
  });

  it('simulated mean wait in queue, P(wait) and utilisation agree with Erlang C (40 replications)', () => {
    const params = { ...DEFAULT_PARAMS, customers: 25_000, warmup: 1_000 };
    const reps = Array.from({ length: 40 }, (_, r) => run(1, params, r));
    const exact = erlangC(params.servers, params.lambda, params.mu);
    const wq = summarise(reps.map((s) => s.wq));
    const pWait = summarise(reps.map((s) => s.pWait));
    expect(Math.abs(wq.mean - exact.wq)).toBeLessThanOrEqual(4 * wq.se);
    expect(Math.abs(pWait.mean - exact.pWait)).toBeLessThanOrEqual(4 * pWait.se);
    const util = summarise(reps.map((s) => s.utilisation));
    expect(util.mean).toBeCloseTo(0.9, 2);
    // Little's law on the queue, from the resource's time-weighted monitor: Lq = lambda Wq (within 5 %,
    // the monitor also covers the empty start that the waits skip).
    const lq = summarise(reps.map((s) => s.lq));
    expect(Math.abs(lq.mean - params.lambda * wq.mean) / (params.lambda * wq.mean)).toBeLessThan(0.05);
  });

  it('replications of one master seed differ, and each is reproducible', () => {
    const small = { ...DEFAULT_PARAMS, customers: 2_000, warmup: 100 };
    expect(run(1, small, 3)).toEqual(run(1, small, 3));
    expect(run(1, small, 3).wq).not.toBe(run(1, small, 4).wq);
    expect(run(1, small, 3).wq).not.toBe(run(2, small, 3).wq);
  });
});
