import { describe, expect, it } from 'vitest';
import { DOCS_PARAMS, run, type BankRenegeParams } from '../../examples/bank-renege.js';
import { expectAgrees, loadFixture, loadTraces, replayDraws, replicate, scenario } from './compare.js';

// SimPy 3 reference: test/fixtures/simpy/bank_renege.py (2,000 seeds per scenario).
const fixture = loadFixture<BankRenegeParams>('bank_renege');
const KEYS = ['renegedShare', 'meanWaitServed'] as const;

describe('SimPy example "Bank renege" on the drillsim kernel', () => {
  it('uses the documented parameters, which are the fixture\'s "docs" scenario', () => {
    expect(scenario(fixture, 'docs').params).toEqual(DOCS_PARAMS);
  });

  it.each([
    ['docs', 4000],
    ['long', 2000],
  ] as const)('scenario %s: share reneged and mean wait of the served agree with SimPy 3 over %i seeds', (name, n) => {
    const { params, stats } = scenario(fixture, name);
    const ours = replicate(n, (seed) => run(seed, params), KEYS);
    for (const key of KEYS) expectAgrees(`bank renege ${name} ${key}`, ours[key], stats[key]);
  });

  // Fed SimPy's own random numbers, the port must print exactly what SimPy printed: the same event
  // order, the same reneging decisions, the same times to 4 decimals.
  it.each(loadTraces<BankRenegeParams>('bank_renege').map((t) => [t.name, t] as const))(
    'replaying SimPy\'s draws of trace %s reproduces its output line for line',
    (_name, trace) => {
      const replay = replayDraws(trace.draws);
      const lines: string[] = [];
      const stats = run(trace.seed, trace.params, { log: (line) => lines.push(line), draws: replay.fns });
      expect(lines).toEqual(trace.lines);
      expect(replay.remaining()).toEqual(Object.fromEntries(Object.keys(trace.draws).map((k) => [k, 0])));
      expect(stats.renegedShare).toBe(trace.stats.renegedShare);
      expect(stats.meanWaitServed).toBeCloseTo(trace.stats.meanWaitServed as number, 12);
    },
  );

  it('accounts for every customer: served + reneged = customers, and reneging happens', () => {
    const params = scenario(fixture, 'long').params;
    let reneged = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const s = run(seed, params);
      expect(s.served + s.reneged).toBe(params.customers);
      // Nobody waits longer than the longest patience before being served.
      expect(s.meanWaitServed ?? 0).toBeLessThanOrEqual(params.maxPatience);
      reneged += s.reneged;
    }
    expect(reneged).toBeGreaterThan(0);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const params = scenario(fixture, 'long').params;
    expect(run(11, params)).toEqual(run(11, params));
    expect(run(11, params)).not.toEqual(run(12, params));
  });
});
