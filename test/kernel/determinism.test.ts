import { describe, expect, it } from 'vitest';
import { Resource, Simulation } from '../../engine/kernel/index.js';

/** A small queueing model that records every event as text: the trace is the replication's fingerprint. */
function trace(seed: number | string, replication: number, extraDraws = 0): string[] {
  const sim = new Simulation({ seed, replication });
  const res = new Resource(sim, { capacity: 2 });
  const arrivals = sim.stream('arrivals');
  const service = sim.stream('service');
  const noise = sim.stream('noise');
  const out: string[] = [];
  sim.process(function* () {
    for (let i = 0; i < 200; i++) {
      for (let k = 0; k < extraDraws; k++) noise.random();
      yield sim.timeout(arrivals.exponential(1.5));
      const id = i;
      sim.process(function* () {
        const req = res.request();
        yield req;
        out.push(`start ${id} ${sim.now}`);
        yield sim.timeout(service.exponential(1));
        res.release(req);
        out.push(`end ${id} ${sim.now}`);
      });
    }
  });
  sim.run();
  return out;
}

describe('determinism', () => {
  it('the same seed and replication give identical traces', () => {
    expect(trace(42, 3)).toEqual(trace(42, 3));
    expect(trace('leshan-2020', 0)).toEqual(trace('leshan-2020', 0));
  });

  it('another seed or replication gives a different trace', () => {
    const base = trace(42, 3);
    expect(trace(43, 3)).not.toEqual(base);
    expect(trace(42, 4)).not.toEqual(base);
  });

  it('extra draws on one stream leave the other streams, and so the trace, unchanged', () => {
    expect(trace(42, 3, 7)).toEqual(trace(42, 3, 0));
  });
});
