import { describe, expect, it } from 'vitest';
import { DOCS_PARAMS, run, type MachineShopParams } from '../../examples/machine-shop.js';
import { expectAgrees, loadFixture, loadTraces, replayDraws, replicate, scenario } from './compare.js';

// SimPy 3 reference: test/fixtures/simpy/machine_shop.py (2,000 seeds of the documented 4 weeks).
const fixture = loadFixture<MachineShopParams>('machine_shop');
const KEYS = ['partsPerMachine', 'otherJobsDone', 'otherJobMinutes'] as const;
const N = 300;

describe('SimPy example "Machine shop" on the drillsim kernel', () => {
  it('uses the documented parameters, which are the fixture\'s "docs" scenario', () => {
    expect(scenario(fixture, 'docs').params).toEqual(DOCS_PARAMS);
  });

  it(`parts per machine and the repairman's other-job progress agree with SimPy 3 over ${N} seeds`, () => {
    const { params, stats } = scenario(fixture, 'docs');
    const ours = replicate(N, (seed) => run(seed, params), KEYS);
    for (const key of KEYS) expectAgrees(`machine shop ${key}`, ours[key], stats[key]);
  });

  // Fed SimPy's own random numbers, the port must make exactly the parts SimPy's machines made and
  // leave the repairman's other jobs where SimPy left them: interrupts, preemption and resumption
  // happen at the same instants in the same order.
  it.each(loadTraces<MachineShopParams>('machine_shop').map((t) => [t.name, t] as const))(
    'replaying SimPy\'s draws of trace %s reproduces its parts per machine and other-job progress',
    (_name, trace) => {
      const replay = replayDraws(trace.draws);
      const stats = run(trace.seed, trace.params, { draws: replay.fns });
      expect(stats.partsMade.map((n, i) => `Machine ${i} made ${n} parts.`)).toEqual(trace.lines);
      expect(replay.remaining()).toEqual(Object.fromEntries(Object.keys(trace.draws).map((k) => [k, 0])));
      expect(stats.otherJobsDone).toBe(trace.stats.otherJobsDone);
      expect(stats.otherJobMinutes).toBeCloseTo(trace.stats.otherJobMinutes as number, 9);
    },
  );

  it('resumes preempted other jobs: completed jobs are whole, the job in hand is partial', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const s = run(seed, DOCS_PARAMS);
      // Every completed job took exactly jobDuration of the repairman's time across its preemptions;
      // the job in hand at the end adds less than one more.
      expect(s.otherJobMinutes).toBeGreaterThanOrEqual(s.otherJobsDone * DOCS_PARAMS.jobDuration - 1e-6);
      expect(s.otherJobMinutes).toBeLessThan((s.otherJobsDone + 1) * DOCS_PARAMS.jobDuration + 1e-6);
      // One repairman: time on other jobs plus time repairing fits in the horizon (repairs still in
      // progress at the end count fully, hence the allowance of one per machine).
      expect(s.otherJobMinutes + (s.repairs - DOCS_PARAMS.machines) * DOCS_PARAMS.repairTime).toBeLessThanOrEqual(DOCS_PARAMS.simTime);
      expect(s.repairs).toBeGreaterThan(0);
    }
  });

  it('without breakdowns a machine makes simTime / ptMean parts and the repairman only does other jobs', () => {
    const s = run(3, { ...DOCS_PARAMS, mttf: 1e12, ptSigma: 1e-9, simTime: 1000.5 });
    expect(s.repairs).toBe(0);
    expect(s.partsMade).toEqual(Array.from({ length: 10 }, () => 100));
    expect(s.otherJobsDone).toBe(33);
    expect(s.otherJobMinutes).toBeCloseTo(1000.5, 9);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const short = { ...DOCS_PARAMS, simTime: 7 * 24 * 60 };
    expect(run(8, short)).toEqual(run(8, short));
    expect(run(8, short)).not.toEqual(run(9, short));
  });
});
