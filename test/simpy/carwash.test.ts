import { describe, expect, it } from 'vitest';
import { DOCS_PARAMS, run, type CarwashParams } from '../../examples/carwash.js';
import { expectAgrees, loadFixture, loadTraces, replayDraws, replicate, scenario } from './compare.js';

// SimPy 3 reference: test/fixtures/simpy/carwash.py (2,000 seeds per scenario).
const fixture = loadFixture<CarwashParams>('carwash');
const KEYS = ['carsWashed', 'meanWait'] as const;

describe('SimPy example "Carwash" on the drillsim kernel', () => {
  it('uses the documented parameters, which are the fixture\'s "docs" scenario', () => {
    expect(scenario(fixture, 'docs').params).toEqual(DOCS_PARAMS);
  });

  // The docs scenario runs on whole minutes: arrivals, wash ends and until = 20 tie constantly, so
  // it checks SimPy's tie rules (a car leaving at exactly SIM_TIME is not counted) as well as the means.
  it.each([
    ['docs', 4000],
    ['busy', 2000],
  ] as const)('scenario %s: cars washed by SIM_TIME and mean wait agree with SimPy 3 over %i seeds', (name, n) => {
    const { params, stats } = scenario(fixture, name);
    const ours = replicate(n, (seed) => run(seed, params), KEYS);
    for (const key of KEYS) expectAgrees(`carwash ${name} ${key}`, ours[key], stats[key]);
  });

  // Fed SimPy's own random numbers, the port must print exactly what SimPy printed, including the
  // order of same-time events (the docs trace is the output printed in the SimPy documentation).
  it.each(loadTraces<CarwashParams>('carwash').map((t) => [t.name, t] as const))(
    'replaying SimPy\'s draws of trace %s reproduces its output line for line',
    (_name, trace) => {
      const replay = replayDraws(trace.draws);
      const lines: string[] = [];
      const stats = run(trace.seed, trace.params, { log: (line) => lines.push(line), draws: replay.fns });
      expect(lines).toEqual(trace.lines);
      expect(replay.remaining()).toEqual(Object.fromEntries(Object.keys(trace.draws).map((k) => [k, 0])));
      expect(stats.carsWashed).toBe(trace.stats.carsWashed);
      expect(stats.meanWait).toBeCloseTo(trace.stats.meanWait as number, 12);
    },
  );

  it('washes the four cars present at time 0 in two rounds of 5 minutes, whatever the seed', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const s = run(seed, { ...DOCS_PARAMS, tInter: 1000, simTime: 10.5 });
      // Cars 0 and 1 wash 0-5, cars 2 and 3 wait 5 and wash 5-10; the next car comes after 998+ minutes.
      expect(s).toEqual({ carsWashed: 4, carsEntered: 4, meanWait: 2.5 });
    }
    // until = 10 stops before the washes that end at exactly 10 (SimPy's run(until) semantics).
    expect(run(1, { ...DOCS_PARAMS, tInter: 1000, simTime: 10 }).carsWashed).toBe(2);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const params = scenario(fixture, 'busy').params;
    expect(run(5, params)).toEqual(run(5, params));
    expect(run(5, params)).not.toEqual(run(6, params));
  });
});
