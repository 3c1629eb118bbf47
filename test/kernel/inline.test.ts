import { afterEach, describe, expect, it } from 'vitest';
import { Container, Interrupt, Preempted, Resource, Simulation, Store, type Event } from '../../engine/kernel/index.js';

/**
 * run() lets a process that is the last callback of a step take its next event inline when that event is
 * exactly the one the loop would pop next (Simulation._takeNext). That must never change what happens:
 * here a model that uses every kernel feature runs three ways - run(), step() one event at a time (which
 * never inlines), and run({ until }) in slices - and the traces must be identical.
 */

type Proc = Generator<Event<unknown>, string | number | void, unknown>;
type Driver = (sim: Simulation) => void;

function model(seed: number, drive: Driver): string[] {
  const sim = new Simulation({ seed });
  const shared = new Resource(sim, { capacity: 1, preemptive: true });
  const desk = new Resource(sim, { capacity: 1 });
  const tank = new Container(sim, { capacity: 50, init: 20 });
  const shelf = new Store<number>(sim, { capacity: 4 });
  const draw = sim.stream('model');
  const out: string[] = [];
  const log = (id: number, what: string): void => {
    out.push(`${sim.now.toFixed(9)} ${id} ${what}`);
  };
  /** Processes inside their interruptible section (an impatient customer being served). */
  const serving = new Set<ReturnType<Simulation['process']>>();

  function* impatient(id: number): Proc {
    const self = sim.activeProcess as ReturnType<Simulation['process']>;
    const req = shared.request({ priority: draw.integer(0, 3) });
    try {
      const patience = sim.timeout(draw.exponential(2));
      yield sim.anyOf([req, patience]);
      if (!req.triggered) {
        req.cancel();
        log(id, 'reneged');
        return 'reneged';
      }
      log(id, 'got shared');
      serving.add(self);
      yield sim.timeout(draw.bernoulli(0.3) ? 0 : draw.exponential(1));
      log(id, 'done shared');
    } catch (err) {
      // Preempted while being served, or even after the grant but before resuming; or a drill interrupt.
      if (!(err instanceof Interrupt)) throw err;
      log(id, err.cause instanceof Preempted ? 'preempted' : 'interrupted');
    } finally {
      serving.delete(self);
    }
    shared.release(req);
    return 'served';
  }

  function* deskUser(id: number): Proc {
    const req = desk.request();
    yield req;
    log(id, 'got desk');
    yield sim.timeout(0);
    yield sim.timeout(draw.exponential(2));
    desk.release(req);
    log(id, 'left desk');
    return id;
  }

  function* tanker(id: number): Proc {
    const amount = draw.integer(1, 10);
    if (draw.bernoulli(0.5)) yield tank.get(amount);
    else yield tank.put(amount);
    log(id, `tank ${tank.level}`);
  }

  function* shelver(id: number): Proc {
    if (draw.bernoulli(0.5)) {
      yield shelf.put(id);
      log(id, 'shelved');
    } else {
      const got = yield shelf.get();
      log(id, `took ${String(got)}`);
    }
  }

  function* parent(id: number): Proc {
    const child = sim.process(deskUser(id + 10_000));
    const value = yield child;
    log(id, `child returned ${String(value)}`);
  }

  const bodies = [impatient, deskUser, tanker, shelver, parent];
  sim.process(function* (): Proc {
    for (let i = 0; i < 400; i++) {
      const body = bodies[draw.integer(0, bodies.length - 1)] as (id: number) => Proc;
      sim.process(body(i));
      // Arrivals at the same instant now and then, so zero-delay lanes and the heap interleave.
      yield sim.timeout(draw.bernoulli(0.2) ? 0 : draw.exponential(3));
    }
  });
  // Two processes woken by one event: the first must not take its next event inline.
  const gate = sim.event<string>();
  for (const id of [-1, -2]) {
    sim.process(function* (): Proc {
      const v = yield gate;
      const req = desk.request();
      yield req;
      log(id, `gate ${String(v)} desk`);
      desk.release(req);
    });
  }
  sim.process(function* (): Proc {
    yield sim.timeout(5);
    gate.succeed('open');
    for (let k = 0; k < 30; k++) {
      yield sim.timeout(draw.exponential(0.2));
      const inService = [...serving];
      if (inService.length > 0) (inService[draw.integer(0, inService.length - 1)] as ReturnType<Simulation['process']>).interrupt('drill');
    }
  });
  drive(sim);
  // No clock here: run({ until }) leaves the clock at the last `until`, as in SimPy.
  out.push(`end ${shared.count} ${desk.count} ${tank.level} ${shelf.items.length}`);
  return out;
}

const byRun: Driver = (sim) => {
  sim.run();
};
const byStep: Driver = (sim) => {
  while (sim.peek() < Infinity) sim.step();
};
const bySlices: Driver = (sim) => {
  for (let t = 7; t < 2000; t += 7) sim.run({ until: t });
  sim.run();
};

/** Counts how often run() took an event inline, by wrapping the kernel's internal check. */
function countInlines(): { taken: () => number; restore: () => void } {
  const proto = Simulation.prototype as unknown as { _takeNext(e: Event<unknown>): boolean };
  const original = proto._takeNext;
  let n = 0;
  proto._takeNext = function (this: Simulation, e: Event<unknown>): boolean {
    const ok = original.call(this, e);
    if (ok) n++;
    return ok;
  };
  return { taken: () => n, restore: () => void (proto._takeNext = original) };
}

describe('run() taking events inline', () => {
  let restore: (() => void) | null = null;
  afterEach(() => {
    restore?.();
    restore = null;
  });

  it('gives the same trace as step() one event at a time and as run({ until }) in slices', () => {
    let all = '';
    for (const seed of [1, 2, 3, 4, 5]) {
      const counter = countInlines();
      restore = counter.restore;
      const viaRun = model(seed, byRun);
      const inlinedByRun = counter.taken();
      const viaStep = model(seed, byStep);
      expect(counter.taken()).toBe(inlinedByRun); // step() never inlines
      const viaSlices = model(seed, bySlices);
      counter.restore();
      restore = null;

      expect(viaRun.length).toBeGreaterThan(400);
      expect(viaStep).toEqual(viaRun);
      expect(viaSlices).toEqual(viaRun);
      // The fast path was really exercised.
      expect(inlinedByRun).toBeGreaterThan(50);
      all += viaRun.join('\n');
    }
    // And the model really used reneging, interrupts, preemption, child processes and stores.
    for (const what of ['reneged', 'interrupted', 'preempted', 'child returned', 'gate open desk', 'took']) {
      expect(all).toContain(what);
    }
  });

  it('a process taking its request inline still sees the clock and the queue as the loop would', () => {
    const sim = new Simulation({ seed: 1 });
    const res = new Resource(sim, { capacity: 1 });
    const seen: string[] = [];
    sim.process(function* (): Proc {
      for (let i = 0; i < 3; i++) {
        const req = res.request(); // free: granted at once, then taken inline
        yield req;
        seen.push(`${sim.now} granted ${res.count}`);
        yield sim.timeout(2); // the only pending event: taken inline, the clock jumps
        seen.push(`${sim.now} served`);
        res.release(req);
      }
    });
    sim.run();
    expect(seen).toEqual(['0 granted 1', '2 served', '2 granted 1', '4 served', '4 granted 1', '6 served']);
    expect(sim.now).toBe(6);
    expect(sim.pending).toBe(0);
  });

  // Each guard of _takeNext, on the smallest model where dropping it changes the order of events.
  it('a process that is not the last callback of its step does not run ahead of the callbacks after it', () => {
    const sim = new Simulation({ seed: 1 });
    const res = new Resource(sim, { capacity: 2 });
    const gate = sim.event();
    const log: string[] = [];
    for (const name of ['A', 'B']) {
      sim.process(function* (): Proc {
        yield gate;
        log.push(`${name} woke`);
        yield res.request(); // free: granted now, due next
        log.push(`${name} granted`);
      });
    }
    sim.process(function* (): Proc {
      yield sim.timeout(1);
      gate.succeed();
      yield sim.timeout(10); // still alive: no completion event queued ahead of the grants
    });
    sim.run();
    expect(log).toEqual(['A woke', 'B woke', 'A granted', 'B granted']);
  });

  it('an event due now in the heap with an earlier order goes before a zero-delay event', () => {
    const sim = new Simulation({ seed: 1 });
    const res = new Resource(sim, { capacity: 1 });
    const log: string[] = [];
    sim.process(function* (): Proc {
      yield sim.timeout(5);
      yield res.request(); // queued behind W's timeout, which is also due at 5 and was scheduled first
      log.push(`P granted at ${sim.now}`);
    });
    sim.process(function* (): Proc {
      yield sim.timeout(5);
      log.push(`W at ${sim.now}`);
    });
    sim.run();
    expect(log).toEqual(['W at 5', 'P granted at 5']);
  });

  it('run({ until: event }) stops when the event is processed, even if a process could go on inline', () => {
    const sim = new Simulation({ seed: 1 });
    const res = new Resource(sim, { capacity: 1 });
    const stop = sim.event<string>();
    const log: string[] = [];
    sim.process(function* (): Proc {
      yield sim.timeout(1);
      stop.succeed('stop');
      yield sim.timeout(10); // still alive: no completion event queued ahead of P's grant
    });
    // Started inside run(), so it subscribes to `stop` after run()'s own stop callback.
    sim.process(function* (): Proc {
      yield stop;
      log.push('P woke');
      yield res.request();
      log.push('P granted');
    });
    expect(sim.run({ until: stop })).toBe('stop');
    expect(log).toEqual(['P woke']);
    sim.run();
    expect(log).toEqual(['P woke', 'P granted']);
  });
});
