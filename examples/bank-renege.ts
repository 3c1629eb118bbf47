/**
 * SimPy 3's "Bank renege" example on the drillsim kernel.
 *
 * One counter; customers arrive with exponential inter-arrival times, wait for the counter at most a
 * Uniform(minPatience, maxPatience) patience and renege otherwise, and are served for an exponential
 * time. Waiting "for the counter or the end of my tether" is `anyOf([request, timeout])`; reneging
 * withdraws the request. test/simpy/bank-renege.test.ts compares the statistics over many seeds with
 * SimPy 3 (test/fixtures/simpy/bank_renege.py). Run it: `npx tsx examples/bank-renege.ts [seed]`.
 */
import { Resource, Simulation, type ConditionValue, type Event } from '../engine/index.js';
import { isMain } from './run-directly.js';

export interface BankRenegeParams {
  /** Customers generated (then the source stops and the run ends when the bank is empty). */
  customers: number;
  /** Mean time between arrivals. */
  interval: number;
  /** Mean service time at the counter. */
  timeInBank: number;
  minPatience: number;
  maxPatience: number;
  /** Counters. */
  capacity: number;
}

/** The documentation's parameters. */
export const DOCS_PARAMS: BankRenegeParams = {
  customers: 5,
  interval: 10,
  timeInBank: 12,
  minPatience: 1,
  maxPatience: 3,
  capacity: 1,
};

export interface BankRenegeStats {
  served: number;
  reneged: number;
  /** reneged / customers. */
  renegedShare: number;
  /** Mean of (counter reached - arrival) over served customers; null if nobody was served. */
  meanWaitServed: number | null;
}

/** The model's random inputs; by default drawn from the replication's named streams. */
export interface BankRenegeDraws {
  interarrival(): number;
  patience(): number;
  service(): number;
}

export interface RunOptions {
  /** Receives the example's trace lines (SimPy's prints). */
  log?: (line: string) => void;
  /** Replace some draws, e.g. to replay the numbers SimPy drew (test/fixtures/simpy/bank_renege.trace.json). */
  draws?: Partial<BankRenegeDraws>;
}

/** One replication. */
export function run(seed: number, params: BankRenegeParams = DOCS_PARAMS, options: RunOptions = {}): BankRenegeStats {
  const sim = new Simulation({ seed });
  const counter = new Resource(sim, { capacity: params.capacity });
  const arrivals = sim.stream('bank.arrivals');
  const patience = sim.stream('bank.patience');
  const service = sim.stream('bank.service');
  const draw: BankRenegeDraws = {
    interarrival: () => arrivals.exponential(1 / params.interval),
    patience: () => patience.uniform(params.minPatience, params.maxPatience),
    service: () => service.exponential(1 / params.timeInBank),
    ...options.draws,
  };
  const log = options.log;
  let served = 0;
  let reneged = 0;
  let waitSum = 0;
  const say = (text: string): void => log?.(`${sim.now.toFixed(4).padStart(7)} ${text}`);

  function* customer(name: string): Generator<Event<unknown>, void, unknown> {
    const arrive = sim.now;
    say(`${name}: Here I am`);
    const req = counter.request();
    try {
      const tether = sim.timeout(draw.patience());
      // Wait for the counter or abort at the end of our tether.
      const results = (yield sim.anyOf([req, tether])) as ConditionValue;
      const wait = sim.now - arrive;
      // As SimPy's `req in results`: served only if the grant was processed by the time the condition was.
      if (results.has(req)) {
        served += 1;
        waitSum += wait;
        say(`${name}: Waited ${wait.toFixed(3).padStart(6)}`);
        yield sim.timeout(draw.service());
        say(`${name}: Finished`);
      } else {
        reneged += 1;
        say(`${name}: RENEGED after ${wait.toFixed(3).padStart(6)}`);
      }
    } finally {
      // SimPy's `with counter.request()`: give the counter back, or withdraw the waiting request.
      counter.release(req);
    }
  }

  function* source(): Generator<Event<unknown>, void, unknown> {
    for (let i = 0; i < params.customers; i++) {
      sim.process(customer(`Customer${String(i).padStart(2, '0')}`));
      yield sim.timeout(draw.interarrival());
    }
  }

  sim.process(source());
  sim.run();
  return {
    served,
    reneged,
    renegedShare: reneged / params.customers,
    meanWaitServed: served > 0 ? waitSum / served : null,
  };
}

if (isMain(import.meta.url)) {
  const seed = Number(process.argv[2] ?? 42);
  console.log('Bank renege');
  run(seed, DOCS_PARAMS, { log: (line) => console.log(line) });
}
