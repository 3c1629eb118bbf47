/**
 * The kernel against queueing theory. Each check estimates the simulation's standard error from
 * independent replications (distinct replication indices of one master seed) and requires the
 * analytical value within 3 standard errors.
 */
import { describe, expect, it } from 'vitest';
import { Interrupt, Resource, Simulation } from '../../engine/kernel/index.js';

/** Erlang-C probability of waiting for c servers at offered load a = lambda / mu. */
function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1; // k = 0
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = (term * a) / c; // a^c / c!
  const rho = a / c;
  const top = last / (1 - rho);
  return top / (sum + top);
}

function meanAndSe(xs: number[]): { mean: number; se: number } {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

/** One M/M/c replication: mean wait in queue of the customers after the warm-up. */
function mmcWait(seed: number, replication: number, c: number, lambda: number, mu: number, customers: number, warmup: number): number {
  const sim = new Simulation({ seed, replication });
  const server = new Resource(sim, { capacity: c });
  const arrivals = sim.stream('arrivals');
  const services = sim.stream('services');
  let total = 0;
  let counted = 0;
  sim.process(function* source() {
    for (let i = 0; i < customers; i++) {
      yield sim.timeout(arrivals.exponential(lambda));
      const index = i;
      sim.process(function* customer() {
        const arrived = sim.now;
        const req = server.request();
        yield req;
        if (index >= warmup) {
          total += sim.now - arrived;
          counted++;
        }
        yield sim.timeout(services.exponential(mu));
        server.release(req);
      });
    }
  });
  sim.run();
  return total / counted;
}

describe('M/M/c mean wait in queue equals Erlang-C', () => {
  const settings = [
    { c: 1, lambda: 0.8, mu: 1 },
    { c: 3, lambda: 2.7, mu: 1 },
    { c: 5, lambda: 3.5, mu: 0.8 },
  ];
  for (const { c, lambda, mu } of settings) {
    it(`c=${c}, lambda=${lambda}, mu=${mu}`, () => {
      const a = lambda / mu;
      const wq = erlangC(c, a) / (c * mu - lambda);
      const waits = Array.from({ length: 24 }, (_, r) => mmcWait(2024, r, c, lambda, mu, 20_000, 2_000));
      const { mean, se } = meanAndSe(waits);
      expect(Math.abs(mean - wq)).toBeLessThan(3 * se);
      // The estimate must also be informative: a broken kernel could pass with a huge spread.
      expect(se / wq).toBeLessThan(0.06);
    });
  }

  it('the Erlang-C helper reproduces the published M/M/3 figure (C = 0.8171, Wq = 2.7235)', () => {
    expect(erlangC(3, 2.7)).toBeCloseTo(0.8171, 4);
    expect(erlangC(3, 2.7) / (3 - 2.7)).toBeCloseTo(2.7235, 3);
  });
});

interface ClassSpec {
  lambda: number;
  mu: number;
}

/**
 * M/M/1 with priority classes (index 0 = highest). Returns each class's mean time in system.
 * Preemptive-resume: a preempted job re-queues with its remaining service.
 */
function priorityRun(seed: number, replication: number, classes: ClassSpec[], preemptive: boolean, perClass: number): number[] {
  const sim = new Simulation({ seed, replication });
  const server = new Resource(sim, { capacity: 1, preemptive });
  const totals = classes.map(() => 0);
  const counts = classes.map(() => 0);
  const warmup = Math.floor(perClass / 10);
  classes.forEach((cls, k) => {
    const arrivals = sim.stream(`arrivals.${k}`);
    const services = sim.stream(`services.${k}`);
    sim.process(function* source() {
      for (let i = 0; i < perClass; i++) {
        yield sim.timeout(arrivals.exponential(cls.lambda));
        const index = i;
        const service = services.exponential(cls.mu);
        sim.process(function* job() {
          const arrived = sim.now;
          let remaining = service;
          while (remaining > 0) {
            const req = server.request({ priority: k });
            let start = -1;
            try {
              yield req;
              start = sim.now;
              yield sim.timeout(remaining);
              remaining = 0;
              server.release(req);
            } catch (err) {
              if (!(err instanceof Interrupt)) throw err;
              if (start >= 0) remaining -= sim.now - start;
            }
          }
          if (index >= warmup) {
            totals[k]! += sim.now - arrived;
            counts[k]! += 1;
          }
        });
      }
    });
  });
  // Stop when the scarcer class has produced its jobs, so both classes run under full load throughout.
  const horizon = Math.min(...classes.map((c) => perClass / c.lambda));
  sim.run({ until: horizon });
  return totals.map((t, k) => t / counts[k]!);
}

describe('M/M/1 with two priority classes', () => {
  const classes: ClassSpec[] = [
    { lambda: 0.3, mu: 1 },
    { lambda: 0.4, mu: 1 },
  ];
  const rho = classes.map((c) => c.lambda / c.mu);
  const sigma = [rho[0]!, rho[0]! + rho[1]!];
  // Mean residual work: sum lambda_i E[S_i^2] / 2 with E[S^2] = 2 / mu^2 for exponential service.
  const residual = (upTo: number) => classes.slice(0, upTo + 1).reduce((s, c) => s + c.lambda / (c.mu * c.mu), 0);

  it('non-preemptive: Cobham mean time in system per class', () => {
    const w0 = residual(1);
    const expected = classes.map((c, k) => w0 / ((1 - (k === 0 ? 0 : sigma[k - 1]!)) * (1 - sigma[k]!)) + 1 / c.mu);
    const runs = Array.from({ length: 20 }, (_, r) => priorityRun(7, r, classes, false, 20_000));
    for (let k = 0; k < 2; k++) {
      const { mean, se } = meanAndSe(runs.map((x) => x[k]!));
      expect(Math.abs(mean - expected[k]!)).toBeLessThan(3 * se);
    }
    expect(expected[0]).toBeCloseTo(2.0, 10);
    expect(expected[1]).toBeCloseTo(1 + 0.7 / (0.7 * 0.3), 10);
  });

  it('preemptive-resume: Kleinrock mean time in system per class', () => {
    const expected = classes.map((c, k) => {
      const above = k === 0 ? 0 : sigma[k - 1]!;
      return 1 / c.mu / (1 - above) + residual(k) / ((1 - above) * (1 - sigma[k]!));
    });
    const runs = Array.from({ length: 20 }, (_, r) => priorityRun(11, r, classes, true, 20_000));
    for (let k = 0; k < 2; k++) {
      const { mean, se } = meanAndSe(runs.map((x) => x[k]!));
      expect(Math.abs(mean - expected[k]!)).toBeLessThan(3 * se);
    }
    // The high class sees an M/M/1 of its own: W = 1 / (mu - lambda).
    expect(expected[0]).toBeCloseTo(1 / (1 - 0.3), 10);
  });
});

describe("Little's law", () => {
  it('time-average number in system equals throughput x mean time in system', () => {
    const c = 2;
    const lambda = 1.5;
    const mu = 1;
    const results = Array.from({ length: 12 }, (_, r) => {
      const sim = new Simulation({ seed: 99, replication: r });
      const server = new Resource(sim, { capacity: c });
      const arrivals = sim.stream('arrivals');
      const services = sim.stream('services');
      let sojourn = 0;
      let done = 0;
      sim.process(function* () {
        for (let i = 0; i < 30_000; i++) {
          yield sim.timeout(arrivals.exponential(lambda));
          sim.process(function* () {
            const t0 = sim.now;
            const req = server.request();
            yield req;
            yield sim.timeout(services.exponential(mu));
            server.release(req);
            sojourn += sim.now - t0;
            done++;
          });
        }
      });
      sim.run(); // arrivals stop, the system drains: it starts and ends empty
      const end = sim.now;
      const L = server.queueLength.mean(end) + server.busy.mean(end);
      const throughput = done / end;
      const W = sojourn / done;
      return { L, lambdaW: throughput * W, W };
    });
    // On a path that starts and ends empty, L = lambda W holds exactly (up to rounding).
    for (const { L, lambdaW } of results) expect(Math.abs(L - lambdaW) / L).toBeLessThan(1e-9);
    // And the level agrees with the M/M/2 formula: L = lambda (Wq + 1/mu).
    const wq = erlangC(c, lambda / mu) / (c * mu - lambda);
    const { mean, se } = meanAndSe(results.map((x) => x.L));
    expect(Math.abs(mean - lambda * (wq + 1 / mu))).toBeLessThan(3 * se);
  });
});
