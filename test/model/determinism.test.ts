/**
 * A replication is a pure function of (scenario, plan, seed, index) (docs/architecture.md section 1): the same
 * arguments give identical metrics and an identical trace, whatever ran before and whether anyone
 * listens; another index or seed gives another outcome.
 */
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../models/replication.js';
import { prepare } from '../../models/scenario/load.js';
import { LESHAN_PLAN, LESHAN_SCENARIO, leshan2020, traced } from './helpers.js';

const SEED = 4242;

describe('determinism on the 2020 scenario', () => {
  const { scenario, plan, late } = leshan2020();

  it('same (seed, index): identical metrics and an identical trace (every event, in order)', () => {
    const a = traced(scenario, plan, SEED, 3, { observeEveryMin: 60 });
    const b = traced(scenario, plan, SEED, 3, { observeEveryMin: 60 });
    expect(a.events.length).toBeGreaterThan(1000);
    expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
    expect(b.result).toEqual(a.result);
  });

  it('another index, or another seed, gives another outcome and another trace', () => {
    const a = traced(scenario, plan, SEED, 3);
    const b = traced(scenario, plan, SEED, 4);
    const c = traced(scenario, plan, SEED + 1, 3);
    expect(b.result.metrics).not.toEqual(a.result.metrics);
    expect(c.result.metrics).not.toEqual(a.result.metrics);
    expect(b.result.parameters).not.toEqual(a.result.parameters);
    expect(JSON.stringify(b.events)).not.toBe(JSON.stringify(a.events));
    expect(JSON.stringify(c.events)).not.toBe(JSON.stringify(a.events));
  });

  it('listening does not change the outcome: no trace, a trace, observations and invariant checks agree', () => {
    const quiet = runReplication(scenario, late, SEED, 5);
    const loud = traced(scenario, late, SEED, 5, { observeEveryMin: 30, checkInvariants: true }).result;
    expect(loud).toEqual(quiet);
  });

  it('nothing carries over between replications: a run after others equals a first run on fresh objects', () => {
    const after = (() => {
      for (const i of [0, 1, 2]) runReplication(scenario, plan, SEED, i);
      runReplication(scenario, late, SEED, 7);
      return runReplication(scenario, plan, SEED, 7);
    })();
    const fresh = prepare(LESHAN_SCENARIO, LESHAN_PLAN);
    expect(runReplication(fresh.scenario, fresh.plan, SEED, 7)).toEqual(after);
  });

  it('the order of replications does not matter', () => {
    const forward = [0, 1, 2].map((i) => runReplication(scenario, plan, SEED, i).metrics);
    const backward = [2, 1, 0].map((i) => runReplication(scenario, plan, SEED, i).metrics).reverse();
    expect(backward).toEqual(forward);
  });
});
