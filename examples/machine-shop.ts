/**
 * SimPy 3's "Machine shop" example on the drillsim kernel: interrupts and a preemptive resource.
 *
 * `machines` machines make parts (Normal(ptMean, ptSigma) minutes each). Each breaks down after
 * Exponential(mttf) minutes, but only while working; the breakdown interrupts the part, the machine
 * requests the single repairman with priority 1, is repaired in `repairTime` and resumes the part where
 * it stopped. The repairman's other jobs (`jobDuration` each, priority 2) are preempted by repairs and
 * resumed afterwards. As in test/fixtures/simpy/machine_shop.py, a negative processing-time draw is
 * redrawn (SimPy raises on a negative delay). test/simpy/machine-shop.test.ts compares the statistics
 * over many seeds with SimPy 3. Run it: `npx tsx examples/machine-shop.ts [seed]`.
 */
import { Interrupt, Resource, Simulation, type Event, type Process } from '../engine/index.js';
import { isMain } from './run-directly.js';

export interface MachineShopParams {
  /** Mean and sd of the processing time of a part, minutes. */
  ptMean: number;
  ptSigma: number;
  /** Mean time to failure, minutes. */
  mttf: number;
  repairTime: number;
  /** Duration of one of the repairman's other jobs. */
  jobDuration: number;
  machines: number;
  simTime: number;
}

/** The documentation's parameters (4 weeks). */
export const DOCS_PARAMS: MachineShopParams = {
  ptMean: 10,
  ptSigma: 2,
  mttf: 300,
  repairTime: 30,
  jobDuration: 30,
  machines: 10,
  simTime: 4 * 7 * 24 * 60,
};

export interface MachineShopStats {
  /** Parts made by each machine. */
  partsMade: number[];
  /** Mean over machines of parts made. */
  partsPerMachine: number;
  /** The repairman's other jobs completed. */
  otherJobsDone: number;
  /** Minutes the repairman spent on other jobs, including the progress of the job in hand at simTime. */
  otherJobMinutes: number;
  /** Breakdowns (interrupts delivered to working machines). */
  repairs: number;
}

type Proc = Generator<Event<unknown>, void, unknown>;

/** The model's random inputs; by default drawn from the replication's named streams. */
export interface MachineShopDraws {
  /** A processing-time draw (negative ones are redrawn). */
  partTime(): number;
  /** Time to the next failure. */
  failure(): number;
}

export interface RunOptions {
  /** Replace some draws, e.g. to replay the numbers SimPy drew (test/fixtures/simpy/machine_shop.trace.json). */
  draws?: Partial<MachineShopDraws>;
}

export function run(seed: number, params: MachineShopParams = DOCS_PARAMS, options: RunOptions = {}): MachineShopStats {
  const sim = new Simulation({ seed });
  const repairman = new Resource(sim, { capacity: 1, preemptive: true });
  const partTimes = sim.stream('shop.part-time');
  const failures = sim.stream('shop.failures');
  const draw: MachineShopDraws = {
    partTime: () => partTimes.normal(params.ptMean, params.ptSigma),
    failure: () => failures.exponential(1 / params.mttf),
    ...options.draws,
  };
  let repairs = 0;

  function timePerPart(): number {
    for (;;) {
      const t = draw.partTime();
      if (t >= 0) return t;
    }
  }

  class Machine {
    partsMade = 0;
    broken = false;
    readonly process: Process<void>;

    constructor() {
      this.process = sim.process(this.working());
      sim.process(this.breakMachine());
    }

    /** Produce parts for ever; a breakdown interrupts the part, which resumes after the repair. */
    *working(): Proc {
      for (;;) {
        let doneIn = timePerPart();
        while (doneIn !== 0) {
          const start = sim.now;
          try {
            yield sim.timeout(doneIn);
            doneIn = 0;
          } catch (err) {
            if (!(err instanceof Interrupt)) throw err;
            this.broken = true;
            repairs += 1;
            doneIn -= sim.now - start;
            // Request the repairman; this preempts his other job.
            const req = repairman.request({ priority: 1 });
            try {
              yield req;
              yield sim.timeout(params.repairTime);
            } finally {
              repairman.release(req);
            }
            this.broken = false;
          }
        }
        this.partsMade += 1;
      }
    }

    /** Break the machine every now and then (only if it is working). */
    *breakMachine(): Proc {
      for (;;) {
        yield sim.timeout(draw.failure());
        if (!this.broken) this.process.interrupt();
      }
    }
  }

  const other = { done: 0, minutes: 0, since: null as number | null };

  function* otherJobs(): Proc {
    for (;;) {
      let doneIn = params.jobDuration;
      while (doneIn !== 0) {
        // Retry the job until it is done; its priority is lower than that of repairs.
        const req = repairman.request({ priority: 2 });
        try {
          yield req;
          const start = sim.now;
          other.since = start;
          try {
            yield sim.timeout(doneIn);
            doneIn = 0;
          } catch (err) {
            if (!(err instanceof Interrupt)) throw err;
            doneIn -= sim.now - start;
          }
          other.minutes += sim.now - start;
          other.since = null;
        } finally {
          repairman.release(req);
        }
      }
      other.done += 1;
    }
  }

  const machines = Array.from({ length: params.machines }, () => new Machine());
  sim.process(otherJobs());
  sim.run({ until: params.simTime });
  if (other.since !== null) other.minutes += sim.now - other.since;
  const partsMade = machines.map((m) => m.partsMade);
  return {
    partsMade,
    partsPerMachine: partsMade.reduce((a, b) => a + b, 0) / partsMade.length,
    otherJobsDone: other.done,
    otherJobMinutes: other.minutes,
    repairs,
  };
}

if (isMain(import.meta.url)) {
  const seed = Number(process.argv[2] ?? 42);
  const stats = run(seed, DOCS_PARAMS);
  console.log('Machine shop');
  console.log(`Machine shop results after ${DOCS_PARAMS.simTime / (7 * 24 * 60)} weeks`);
  stats.partsMade.forEach((n, i) => console.log(`Machine ${i} made ${n} parts.`));
  console.log(`The repairman did ${stats.repairs} repairs and finished ${stats.otherJobsDone} other jobs.`);
}
