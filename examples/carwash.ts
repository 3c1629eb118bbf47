/**
 * SimPy 3's "Carwash" example on the drillsim kernel.
 *
 * A carwash with `machines` washing machines (a Resource); a wash takes `washTime` minutes and is a
 * sub-process the car waits for (a process is an event). Four cars are there at time 0; then a car
 * arrives every randint(tInter - 2, tInter + 2) minutes until `simTime`.
 * test/simpy/carwash.test.ts compares the statistics over many seeds with SimPy 3
 * (test/fixtures/simpy/carwash.py). Run it: `npx tsx examples/carwash.ts [seed]`.
 */
import { Resource, Simulation, type Event } from '../engine/index.js';
import { isMain } from './run-directly.js';

export interface CarwashParams {
  machines: number;
  /** Minutes a wash takes. */
  washTime: number;
  /** Mean minutes between arrivals; the gap is a whole number drawn from tInter - 2 .. tInter + 2. */
  tInter: number;
  /** Minutes simulated: run({ until: simTime }). */
  simTime: number;
  /** Cars waiting at time 0. */
  initialCars: number;
}

/** The documentation's parameters: NUM_MACHINES = 2, WASHTIME = 5, T_INTER = 7, SIM_TIME = 20. */
export const DOCS_PARAMS: CarwashParams = { machines: 2, washTime: 5, tInter: 7, simTime: 20, initialCars: 4 };

export interface CarwashStats {
  /** Cars that left the carwash before simTime (events due at exactly simTime are not run). */
  carsWashed: number;
  /** Cars that got a machine before simTime. */
  carsEntered: number;
  /** Mean of (enter - arrive) over the cars that got a machine; null if none did. */
  meanWait: number | null;
}

/** The model's random inputs; by default drawn from the replication's named streams. */
export interface CarwashDraws {
  /** Minutes until the next car (a whole number). */
  gap(): number;
  /** Percentage of dirt removed (printed only). */
  dirt(): number;
}

export interface RunOptions {
  /** Receives the example's trace lines (SimPy's prints). */
  log?: (line: string) => void;
  /** Replace some draws, e.g. to replay the numbers SimPy drew (test/fixtures/simpy/carwash.trace.json). */
  draws?: Partial<CarwashDraws>;
}

export function run(seed: number, params: CarwashParams = DOCS_PARAMS, options: RunOptions = {}): CarwashStats {
  const sim = new Simulation({ seed });
  const machine = new Resource(sim, { capacity: params.machines });
  const gaps = sim.stream('carwash.arrivals');
  const dirt = sim.stream('carwash.dirt');
  const draw: CarwashDraws = {
    gap: () => gaps.integer(params.tInter - 2, params.tInter + 2),
    dirt: () => dirt.integer(50, 99),
    ...options.draws,
  };
  const log = options.log;
  let carsWashed = 0;
  let carsEntered = 0;
  let waitSum = 0;

  function* wash(car: string): Generator<Event<unknown>, void, unknown> {
    yield sim.timeout(params.washTime);
    log?.(`Carwash removed ${draw.dirt()}% of ${car}'s dirt.`);
  }

  function* car(name: string): Generator<Event<unknown>, void, unknown> {
    const arrive = sim.now;
    log?.(`${name} arrives at the carwash at ${sim.now.toFixed(2)}.`);
    const request = machine.request();
    try {
      yield request;
      carsEntered += 1;
      waitSum += sim.now - arrive;
      log?.(`${name} enters the carwash at ${sim.now.toFixed(2)}.`);
      yield sim.process(wash(name));
      carsWashed += 1;
      log?.(`${name} leaves the carwash at ${sim.now.toFixed(2)}.`);
    } finally {
      machine.release(request);
    }
  }

  function* setup(): Generator<Event<unknown>, void, unknown> {
    let i = 0;
    for (; i < params.initialCars; i++) sim.process(car(`Car ${i}`));
    for (;;) {
      yield sim.timeout(draw.gap());
      sim.process(car(`Car ${i}`));
      i += 1;
    }
  }

  sim.process(setup());
  sim.run({ until: params.simTime });
  return { carsWashed, carsEntered, meanWait: carsEntered > 0 ? waitSum / carsEntered : null };
}

if (isMain(import.meta.url)) {
  const seed = Number(process.argv[2] ?? 42);
  console.log('Carwash');
  run(seed, DOCS_PARAMS, { log: (line) => console.log(line) });
}
