import { describe, expect, it } from 'vitest';
import {
  Container,
  Interrupt,
  Preempted,
  Resource,
  Simulation,
  Store,
  type Event,
  type ProcessGenerator,
} from '../../engine/kernel/index.js';

describe('clock and processes', () => {
  it('advances time through timeouts and orders equal times by scheduling order', () => {
    const sim = new Simulation();
    const log: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      sim.process(function* () {
        yield sim.timeout(5);
        log.push(`${name}@${sim.now}`);
      });
    }
    sim.process(function* () {
      yield sim.timeout(2);
      log.push(`d@${sim.now}`);
    });
    sim.run();
    expect(log).toEqual(['d@2', 'a@5', 'b@5', 'c@5']);
    expect(sim.now).toBe(5);
  });

  it('a process is an event whose value is the generator return value', () => {
    const sim = new Simulation();
    let got: unknown;
    const child = sim.process(function* () {
      yield sim.timeout(3);
      return 42;
    });
    sim.process(function* () {
      got = yield child;
      expect(sim.now).toBe(3);
    });
    sim.run();
    expect(got).toBe(42);
    expect(child.isAlive).toBe(false);
  });

  it('timeout values are sent back into the generator; waiting on a processed event resumes at once', () => {
    const sim = new Simulation();
    const seen: unknown[] = [];
    sim.process(function* () {
      const t = sim.timeout(1, 'x');
      seen.push(yield t);
      seen.push(yield t); // already processed: no extra time passes
      seen.push(sim.now);
    });
    sim.run();
    expect(seen).toEqual(['x', 'x', 1]);
  });

  it('an error thrown in a process fails it and reaches whoever waits on it', () => {
    const sim = new Simulation();
    let caught: unknown;
    const failing = sim.process(function* () {
      yield sim.timeout(1);
      throw new Error('boom');
    });
    sim.process(function* () {
      try {
        yield failing;
      } catch (err) {
        caught = err;
      }
    });
    sim.run();
    expect((caught as Error).message).toBe('boom');
    expect(failing.ok).toBe(false);
  });

  it('a failed event with nobody handling it makes run() throw', () => {
    const sim = new Simulation();
    sim.process(function* () {
      yield sim.timeout(1);
      throw new Error('unhandled');
    });
    expect(() => sim.run()).toThrow('unhandled');
  });

  it('event.fail() reaches a waiting process as an exception', () => {
    const sim = new Simulation();
    const ev = sim.event<number>();
    let caught = '';
    sim.process(function* () {
      try {
        yield ev;
      } catch (err) {
        caught = (err as Error).message;
      }
    });
    sim.process(function* () {
      yield sim.timeout(2);
      ev.fail(new Error('gauge lost'));
    });
    sim.run();
    expect(caught).toBe('gauge lost');
  });

  it('yielding something that is not an event throws a TypeError into the process', () => {
    const sim = new Simulation();
    let caught: unknown;
    sim.process(function* (): ProcessGenerator<void> {
      try {
        yield 5 as unknown as Event;
      } catch (err) {
        caught = err;
      }
    });
    sim.run();
    expect(caught).toBeInstanceOf(TypeError);
  });

  it('run({ until: t }) stops at t, leaving events due at t unprocessed, and can be resumed', () => {
    const sim = new Simulation();
    const log: number[] = [];
    sim.process(function* () {
      for (;;) {
        yield sim.timeout(10);
        log.push(sim.now);
      }
    });
    sim.run({ until: 30 });
    expect(sim.now).toBe(30);
    expect(log).toEqual([10, 20]);
    sim.run({ until: 45 });
    expect(log).toEqual([10, 20, 30, 40]);
    expect(() => sim.run({ until: 10 })).toThrow(RangeError);
  });

  it('run({ until: event }) returns its value, and throws if nothing can trigger it', () => {
    const sim = new Simulation();
    const p = sim.process(function* () {
      yield sim.timeout(7);
      return 'done';
    });
    expect(sim.run({ until: p })).toBe('done');
    expect(sim.now).toBe(7);
    const never = sim.event();
    expect(() => sim.run({ until: never })).toThrow(/not triggered/);
  });

  it('rejects negative and non-finite delays', () => {
    const sim = new Simulation();
    expect(() => sim.timeout(-1)).toThrow(RangeError);
    expect(() => sim.timeout(Number.NaN)).toThrow(RangeError);
    expect(() => sim.timeout(Infinity)).toThrow(RangeError);
  });

  it('peek() and step() expose the future-event list', () => {
    const sim = new Simulation();
    expect(sim.peek()).toBe(Infinity);
    sim.timeout(4);
    sim.timeout(2);
    expect(sim.peek()).toBe(2);
    sim.step();
    expect(sim.now).toBe(2);
    expect(sim.peek()).toBe(4);
  });
});

describe('interrupts', () => {
  it('interrupts a waiting process with a cause; the process continues from its handler', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const worker = sim.process(function* () {
      try {
        yield sim.timeout(100);
        log.push('finished');
      } catch (err) {
        if (!(err instanceof Interrupt)) throw err;
        log.push(`interrupted@${sim.now}:${String(err.cause)}`);
        yield sim.timeout(5);
        log.push(`resumed@${sim.now}`);
      }
    });
    sim.process(function* () {
      yield sim.timeout(10);
      worker.interrupt('recall');
    });
    sim.run();
    expect(log).toEqual(['interrupted@10:recall', 'resumed@15']);
  });

  it('the abandoned timeout does not resume the interrupted process later', () => {
    const sim = new Simulation();
    let resumes = 0;
    const p = sim.process(function* () {
      try {
        yield sim.timeout(20);
        resumes++;
      } catch {
        yield sim.timeout(50);
        resumes++;
      }
    });
    sim.process(function* () {
      yield sim.timeout(1);
      p.interrupt();
    });
    sim.run();
    expect(resumes).toBe(1);
    expect(sim.now).toBe(51);
  });

  it('an uncaught interrupt fails the process; interrupting a finished process is an error', () => {
    const sim = new Simulation();
    const p = sim.process(function* () {
      yield sim.timeout(10);
    });
    let waiterSaw: unknown;
    sim.process(function* () {
      try {
        yield p;
      } catch (err) {
        waiterSaw = err;
      }
    });
    sim.process(function* () {
      yield sim.timeout(1);
      p.interrupt('stop');
    });
    sim.run();
    expect(waiterSaw).toBeInstanceOf(Interrupt);
    expect(() => p.interrupt()).toThrow(/terminated/);
  });
});

describe('conditions', () => {
  it('anyOf fires at the first event and carries the values of the fired ones', () => {
    const sim = new Simulation();
    let at = -1;
    let value: Map<Event, unknown> | undefined;
    const a = sim.timeout(5, 'a');
    const b = sim.timeout(3, 'b');
    sim.process(function* () {
      value = (yield sim.anyOf([a, b])) as Map<Event, unknown>;
      at = sim.now;
    });
    sim.run();
    expect(at).toBe(3);
    expect([...value!.values()]).toEqual(['b']);
  });

  it('allOf waits for every event and keeps list order', () => {
    const sim = new Simulation();
    let at = -1;
    let values: unknown[] = [];
    const a = sim.timeout(5, 'a');
    const b = sim.timeout(3, 'b');
    sim.process(function* () {
      const v = (yield sim.allOf([a, b])) as Map<Event, unknown>;
      values = [...v.values()];
      at = sim.now;
    });
    sim.run();
    expect(at).toBe(5);
    expect(values).toEqual(['a', 'b']);
  });

  it('already processed events count at once; empty conditions succeed at once', () => {
    const sim = new Simulation();
    const log: Array<[string, number]> = [];
    const early = sim.timeout(1, 'early');
    sim.process(function* () {
      yield sim.timeout(2);
      yield sim.anyOf([early, sim.timeout(100)]);
      log.push(['any', sim.now]);
      yield sim.allOf([early]);
      log.push(['all', sim.now]);
      yield sim.allOf([]);
      yield sim.anyOf([]);
      log.push(['empty', sim.now]);
    });
    sim.run({ until: 50 });
    expect(log).toEqual([
      ['any', 2],
      ['all', 2],
      ['empty', 2],
    ]);
  });

  it('a failing sub-event fails the condition and is handled by it', () => {
    const sim = new Simulation();
    const ev = sim.event();
    let caught = '';
    sim.process(function* () {
      try {
        yield sim.allOf([ev, sim.timeout(10)]);
      } catch (err) {
        caught = (err as Error).message;
      }
    });
    sim.process(function* () {
      yield sim.timeout(1);
      ev.fail(new Error('bridge collapsed'));
    });
    sim.run();
    expect(caught).toBe('bridge collapsed');
  });
});

describe('Resource', () => {
  it('serves FIFO up to capacity', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 2 });
    const starts: Array<[string, number]> = [];
    for (const name of ['a', 'b', 'c', 'd']) {
      sim.process(function* () {
        const req = res.request();
        yield req;
        starts.push([name, sim.now]);
        yield sim.timeout(10);
        res.release(req);
      });
    }
    sim.run();
    expect(starts).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 10],
      ['d', 10],
    ]);
    expect(res.count).toBe(0);
    // Two units busy for 20 minutes: utilisation 1.
    expect(res.utilisation()).toBeCloseTo(1, 12);
  });

  it('a request that finds a free unit never shows in the queue-length monitor; a real wait does', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    sim.process(function* () {
      const req = res.request();
      yield req;
      yield sim.timeout(5);
      res.release(req);
    });
    sim.run();
    expect(res.queueLength.max).toBe(0);
    // Two at once on one unit: the second waits 5 minutes, so the mean queue length over 10 minutes is 0.5.
    for (let k = 0; k < 2; k++) {
      sim.process(function* () {
        const req = res.request();
        yield req;
        yield sim.timeout(5);
        res.release(req);
      });
    }
    const from = sim.now;
    sim.run();
    expect(res.queueLength.max).toBe(1);
    expect(res.queueLength.integral(sim.now)).toBeCloseTo(5, 12);
    expect(sim.now - from).toBe(10);
  });

  it('serves lower priority values first, ties in request order', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const order: string[] = [];
    const job = (name: string, priority: number, arrive: number) =>
      sim.process(function* () {
        yield sim.timeout(arrive);
        const req = res.request({ priority });
        yield req;
        order.push(name);
        yield sim.timeout(5);
        res.release(req);
      });
    job('first', 5, 0);
    job('low', 3, 1);
    job('high', 1, 2);
    job('high2', 1, 3);
    sim.run();
    expect(order).toEqual(['first', 'high', 'high2', 'low']);
  });

  it('preemption interrupts the user with a Preempted cause naming the request and usage start', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1, preemptive: true });
    let cause: Preempted | undefined;
    let victimDoneAt = -1;
    sim.process(function* victim() {
      const req = res.request({ priority: 2 });
      yield req;
      yield sim.timeout(3);
      try {
        yield sim.timeout(10);
      } catch (err) {
        cause = (err as Interrupt).cause as Preempted;
        res.release(req); // harmless: already taken away
      }
      victimDoneAt = sim.now;
    });
    let urgentReq: unknown;
    sim.process(function* urgent() {
      yield sim.timeout(5);
      const req = res.request({ priority: 1 });
      urgentReq = req;
      yield req;
      expect(sim.now).toBe(5);
      yield sim.timeout(1);
      res.release(req);
    });
    sim.run();
    expect(cause).toBeInstanceOf(Preempted);
    expect(cause!.by).toBe(urgentReq);
    expect(cause!.usageSince).toBe(0);
    expect(victimDoneAt).toBe(5);
    expect(res.count).toBe(0);
  });

  it('a request of equal priority does not preempt', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1, preemptive: true });
    let interrupted = false;
    sim.process(function* () {
      const req = res.request({ priority: 1 });
      yield req;
      try {
        yield sim.timeout(10);
      } catch {
        interrupted = true;
      }
      res.release(req);
    });
    let startedAt = -1;
    sim.process(function* () {
      yield sim.timeout(1);
      const req = res.request({ priority: 1 });
      yield req;
      startedAt = sim.now;
      res.release(req);
    });
    sim.run();
    expect(interrupted).toBe(false);
    expect(startedAt).toBe(10);
  });

  it('reneging: a customer who gives up is removed from the queue and never served', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const log: string[] = [];
    sim.process(function* () {
      const req = res.request();
      yield req;
      yield sim.timeout(10);
      res.release(req);
    });
    sim.process(function* impatient() {
      yield sim.timeout(1);
      const req = res.request();
      const patience = sim.timeout(3);
      const r = (yield sim.anyOf([req, patience])) as Map<Event, unknown>;
      if (!r.has(req)) {
        req.cancel();
        log.push(`reneged@${sim.now}`);
      }
    });
    sim.process(function* patient() {
      yield sim.timeout(2);
      const req = res.request();
      yield req;
      log.push(`served@${sim.now}`);
      res.release(req);
    });
    sim.run();
    expect(log).toEqual(['reneged@4', 'served@10']);
    expect(res.queue.length).toBe(0);
  });
});

describe('Container', () => {
  it('get waits for stock and put waits for room; the level stays within [0, capacity]', () => {
    const sim = new Simulation();
    const tank = new Container(sim, { capacity: 100, init: 20 });
    const log: Array<[string, number, number]> = [];
    const levels: number[] = [];
    sim.process(function* consumer() {
      yield tank.get(50); // must wait for the producer
      log.push(['got50', sim.now, tank.level]);
    });
    sim.process(function* producer() {
      yield sim.timeout(5);
      yield tank.put(40);
      log.push(['put40', sim.now, tank.level]);
      yield tank.put(80); // 10 + 80 <= 100 fits at once
      log.push(['put80', sim.now, tank.level]);
      yield tank.put(30); // 90 + 30 > 100: waits for the drain below
      log.push(['put30', sim.now, tank.level]);
    });
    sim.process(function* drain() {
      yield sim.timeout(20);
      yield tank.get(60);
      log.push(['got60', sim.now, tank.level]);
    });
    sim.process(function* watch() {
      for (let i = 0; i < 30; i++) {
        levels.push(tank.level);
        yield sim.timeout(1);
      }
    });
    sim.run();
    expect(log).toEqual([
      ['put40', 5, 10],
      // The consumer resumes after the producer, which has already put 80 more by then.
      ['got50', 5, 90],
      ['put80', 5, 90],
      ['got60', 20, 60],
      ['put30', 20, 60],
    ]);
    expect(Math.min(...levels)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...levels)).toBeLessThanOrEqual(100);
  });

  it('rejects amounts that could never be served and bad construction', () => {
    const sim = new Simulation();
    const c = new Container(sim, { capacity: 10 });
    expect(() => c.get(11)).toThrow(RangeError);
    expect(() => c.put(0)).toThrow(RangeError);
    expect(() => new Container(sim, { capacity: 5, init: 6 })).toThrow(RangeError);
  });

  it('a cancelled get at the head unblocks smaller gets behind it', () => {
    const sim = new Simulation();
    const c = new Container(sim, { init: 5 });
    let small = -1;
    const big = c.get(50);
    sim.process(function* () {
      yield c.get(3);
      small = sim.now;
    });
    sim.process(function* () {
      yield sim.timeout(4);
      big.cancel();
    });
    sim.run();
    expect(small).toBe(4);
    expect(c.level).toBe(2);
  });
});

describe('Store', () => {
  it('put blocks when full, get blocks when empty, filters pick matching items', () => {
    const sim = new Simulation();
    const store = new Store<{ kind: string; id: number }>(sim, { capacity: 2 });
    const log: string[] = [];
    sim.process(function* producer() {
      for (let id = 1; id <= 4; id++) {
        yield store.put({ kind: id % 2 === 0 ? 'boat' : 'truck', id });
        log.push(`put${id}@${sim.now}`);
      }
    });
    sim.process(function* boats() {
      yield sim.timeout(5);
      const item = (yield store.get((x) => x.kind === 'boat')) as { id: number };
      log.push(`boat${item.id}@${sim.now}`);
      const next = (yield store.get((x) => x.kind === 'boat')) as { id: number };
      log.push(`boat${next.id}@${sim.now}`);
    });
    sim.process(function* any() {
      yield sim.timeout(10);
      const item = (yield store.get()) as { id: number };
      log.push(`any${item.id}@${sim.now}`);
      const item2 = (yield store.get()) as { id: number };
      log.push(`any${item2.id}@${sim.now}`);
      const late = store.get();
      const r = (yield sim.anyOf([late, sim.timeout(5)])) as Map<Event, unknown>;
      if (!r.has(late)) {
        late.cancel();
        log.push(`empty@${sim.now}`);
      }
    });
    sim.run();
    expect(log).toEqual(['put1@0', 'put2@0', 'boat2@5', 'put3@5', 'any1@10', 'put4@10', 'boat4@10', 'any3@10', 'empty@15']);
    expect(store.items.length).toBe(0);
  });
});
