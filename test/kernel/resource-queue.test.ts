import { describe, expect, it } from 'vitest';
import { Resource, Simulation, type Request, type ProcessGenerator } from '../../engine/kernel/index.js';

/**
 * The waiting list of a Resource is an array window [head, tail) whose served slots are cleared and which is
 * compacted in place once more than 1,024 requests were served without the queue draining. These tests
 * drive the in-place paths (priority insertion, reneging from the middle, compaction) against a plain
 * reference: a sorted copy of what is waiting.
 */
describe('Resource waiting list kept in place', () => {
  it('serves a long never-draining queue in (priority, request order), across compactions and reneging', () => {
    const sim = new Simulation({ seed: 3 });
    const res = new Resource(sim, { capacity: 1 });
    const draws = sim.stream('test');
    const served: number[] = [];
    const reneged = new Set<number>();
    const requests: Request[] = [];
    const priorities: number[] = [];
    const N = 3000;
    // Every request is made at time 0 with a random priority in 0..4, so the queue holds all of them and
    // drains only at the end: more than 1,024 are served from its head, which forces compactions.
    for (let i = 0; i < N; i++) {
      const priority = Math.floor(draws.uniform(0, 5));
      priorities.push(priority);
      sim.process(function* (): ProcessGenerator<void> {
        const req = res.request({ priority });
        requests[i] = req;
        yield req;
        served.push(i);
        yield sim.timeout(1);
        res.release(req);
      });
    }
    // At t = 100.5, 200 waiting requests renege, picked all over the queue.
    sim.process(function* (): ProcessGenerator<void> {
      yield sim.timeout(100.5);
      for (let k = 0; k < 200; k++) {
        const i = (k * 7919) % N;
        if (requests[i]?.usageSince === null && !reneged.has(i)) {
          requests[i]?.cancel();
          reneged.add(i);
        }
      }
      // The queue getter shows exactly the still-waiting requests, in service order.
      const waiting = res.queue.map((r) => requests.indexOf(r));
      const expected = requests
        .map((r, i) => ({ r, i }))
        .filter(({ r, i }) => r.usageSince === null && !reneged.has(i))
        .sort((a, b) => a.r.priority - b.r.priority || a.r.order - b.r.order)
        .map(({ i }) => i);
      expect(waiting).toEqual(expected);
    });
    sim.run();
    expect(reneged.size).toBeGreaterThan(100);
    // Served in (priority, request order), except the first, which found the unit free.
    const expected = [0, ...Array.from({ length: N - 1 }, (_, k) => k + 1)
      .filter((i) => !reneged.has(i))
      .sort((a, b) => (priorities[a] as number) - (priorities[b] as number) || a - b)];
    expect(served).toEqual(expected);
    expect(res.queued).toBe(0);
    expect(res.queue).toEqual([]);
    expect(sim.now).toBe(N - reneged.size);
  });

  it('reneging the last waiting request empties the queue and the next request is granted directly', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const log: string[] = [];
    sim.process(function* (): ProcessGenerator<void> {
      const req = res.request();
      yield req;
      yield sim.timeout(10);
      res.release(req);
    });
    sim.process(function* (): ProcessGenerator<void> {
      const req = res.request();
      yield sim.anyOf([req, sim.timeout(2)]);
      req.cancel();
      log.push(`gave up@${sim.now} queued=${res.queued}`);
    });
    sim.process(function* (): ProcessGenerator<void> {
      yield sim.timeout(12);
      const req = res.request();
      yield req;
      log.push(`granted@${sim.now} queued=${res.queued}`);
      res.release(req);
    });
    sim.run();
    expect(log).toEqual(['gave up@2 queued=0', 'granted@12 queued=0']);
    // The queue-length monitor saw one waiting request from 0 to 2 only: mean 2/12 over [0, 12].
    expect(res.queueLength.mean(12)).toBeCloseTo(2 / 12, 12);
  });
});

describe('onProcessed with a Waiter object', () => {
  it('wakes the object in the same order as function callbacks, and at once for a processed event', () => {
    const run = (useWaiter: boolean): string[] => {
      const sim = new Simulation();
      const log: string[] = [];
      // A three-stage chain (timeout 1, timeout 2, then a resource grant) beside a process doing the same.
      const res = new Resource(sim, { capacity: 1 });
      class Chain {
        stage = 0;
        _wake(): void {
          log.push(`chain ${this.stage}@${sim.now}`);
          const next = this.stage++ === 0 ? sim.timeout(2) : this.stage === 2 ? res.request() : null;
          if (next !== null) next.onProcessed(useWaiter ? this : () => this._wake());
        }
      }
      const chain = new Chain();
      const first = sim.timeout(1);
      first.onProcessed(useWaiter ? chain : () => chain._wake());
      sim.process(function* (): ProcessGenerator<void> {
        const req = res.request();
        yield req;
        log.push(`proc got@${sim.now}`);
        yield sim.timeout(3);
        res.release(req);
        log.push(`proc released@${sim.now}`);
      });
      sim.run();
      // Already processed: the waiter is woken synchronously.
      first.onProcessed(useWaiter ? { _wake: () => log.push('late') } : () => log.push('late'));
      return log;
    };
    const withWaiter = run(true);
    expect(withWaiter).toEqual(run(false));
    // Both timeouts end at 3; the process's was scheduled first (at 0), so it is released before the chain wakes.
    expect(withWaiter).toEqual(['proc got@0', 'chain 0@1', 'proc released@3', 'chain 1@3', 'chain 2@3', 'late']);
  });
});
