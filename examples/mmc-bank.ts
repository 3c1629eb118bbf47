/**
 * An M/M/c bank on the drillsim kernel: c tellers, Poisson arrivals (rate lambda per minute),
 * exponential service (rate mu per teller), one FIFO queue. Its mean wait in queue is known exactly
 * (Erlang C), so the printout checks the kernel against queueing theory.
 *
 *   npx tsx examples/mmc-bank.ts [--servers 3] [--lambda 2.7] [--mu 1] [--customers 50000]
 *                                [--warmup 1000] [--replications 20] [--seed 1]
 */
import { parseArgs } from 'node:util';
import { Resource, Simulation, type Event } from '../engine/index.js';
import { isMain } from './run-directly.js';

export interface MmcParams {
  servers: number;
  /** Arrival rate, customers per minute. */
  lambda: number;
  /** Service rate of one teller, customers per minute. */
  mu: number;
  /** Customers per replication. */
  customers: number;
  /** The first `warmup` customers' waits are not counted (the bank opens empty). */
  warmup: number;
}

export const DEFAULT_PARAMS: MmcParams = { servers: 3, lambda: 2.7, mu: 1, customers: 50_000, warmup: 1_000 };

export interface MmcStats {
  /** Mean wait in queue of the counted customers, minutes. */
  wq: number;
  /** Share of counted customers who had to wait. */
  pWait: number;
  /** Time-weighted mean queue length over the whole run. */
  lq: number;
  /** Mean share of tellers busy over the whole run. */
  utilisation: number;
  /** Simulated minutes. */
  duration: number;
}

/** One replication: replication `replication` of master seed `seed`. */
export function run(seed: number, params: MmcParams = DEFAULT_PARAMS, replication = 0): MmcStats {
  const sim = new Simulation({ seed, replication });
  const tellers = new Resource(sim, { capacity: params.servers });
  const arrivals = sim.stream('bank.arrivals');
  const service = sim.stream('bank.service');
  let counted = 0;
  let waited = 0;
  let waitSum = 0;

  function* customer(index: number): Generator<Event<unknown>, void, unknown> {
    const arrive = sim.now;
    const req = tellers.request();
    yield req;
    if (index >= params.warmup) {
      const wait = sim.now - arrive;
      counted += 1;
      waitSum += wait;
      if (wait > 0) waited += 1;
    }
    yield sim.timeout(service.exponential(params.mu));
    tellers.release(req);
  }

  function* source(): Generator<Event<unknown>, void, unknown> {
    for (let i = 0; i < params.customers; i++) {
      sim.process(customer(i));
      yield sim.timeout(arrivals.exponential(params.lambda));
    }
  }

  sim.process(source());
  sim.run();
  return {
    wq: waitSum / counted,
    pWait: waited / counted,
    lq: tellers.queueLength.mean(sim.now),
    utilisation: tellers.utilisation(),
    duration: sim.now,
  };
}

/** Erlang C: probability of waiting and mean wait in queue of a stable M/M/c queue. */
export function erlangC(servers: number, lambda: number, mu: number): { pWait: number; wq: number; lq: number } {
  const a = lambda / mu;
  const rho = a / servers;
  if (!(rho < 1)) throw new RangeError(`M/M/c is unstable: lambda / (c mu) = ${rho} >= 1`);
  let term = 1; // a^k / k!
  let sum = 0;
  for (let k = 0; k < servers; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const tail = term / (1 - rho);
  const pWait = tail / (sum + tail);
  const wq = pWait / (servers * mu - lambda);
  return { pWait, wq, lq: lambda * wq };
}

/** Mean and 95 % half-width (Student t) of replication results. */
function meanCi(xs: number[]): { mean: number; half: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  return { mean, half: tQuantile975(n - 1) * Math.sqrt(variance / n) };
}

/** Two-sided 95 % Student-t quantile; a table for small df, the Cornish-Fisher expansion beyond. */
function tQuantile975(df: number): number {
  const table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];
  if (df <= table.length) return table[df - 1] ?? Number.NaN;
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      servers: { type: 'string', short: 'c', default: String(DEFAULT_PARAMS.servers) },
      lambda: { type: 'string', default: String(DEFAULT_PARAMS.lambda) },
      mu: { type: 'string', default: String(DEFAULT_PARAMS.mu) },
      customers: { type: 'string', default: String(DEFAULT_PARAMS.customers) },
      warmup: { type: 'string', default: String(DEFAULT_PARAMS.warmup) },
      replications: { type: 'string', short: 'n', default: '20' },
      seed: { type: 'string', default: '1' },
    },
  });
  const num = (name: keyof typeof values, integer: boolean, min: number): number => {
    const x = Number(values[name]);
    if (!Number.isFinite(x) || x < min || (integer && !Number.isInteger(x))) {
      console.error(`--${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${values[name]}`);
      process.exit(2);
    }
    return x;
  };
  const params: MmcParams = {
    servers: num('servers', true, 1),
    lambda: num('lambda', false, Number.MIN_VALUE),
    mu: num('mu', false, Number.MIN_VALUE),
    customers: num('customers', true, 2),
    warmup: num('warmup', true, 0),
  };
  const replications = num('replications', true, 2);
  const seed = num('seed', true, 0);
  if (params.lambda >= params.servers * params.mu) {
    console.error(`the queue is unstable: lambda (${params.lambda}) must be below servers x mu (${params.servers * params.mu})`);
    process.exit(2);
  }
  if (params.warmup >= params.customers) {
    console.error('--warmup must be smaller than --customers');
    process.exit(2);
  }
  const exact = erlangC(params.servers, params.lambda, params.mu);
  const results = Array.from({ length: replications }, (_, r) => run(seed, params, r));
  const wq = meanCi(results.map((s) => s.wq));
  const pWait = meanCi(results.map((s) => s.pWait));
  const util = meanCi(results.map((s) => s.utilisation));
  const rho = params.lambda / (params.servers * params.mu);
  const f = (x: number, d = 3): string => x.toFixed(d);
  console.log(
    `M/M/${params.servers} bank: ${params.servers} tellers, ${params.lambda} arrivals/min, ` +
      `service rate ${params.mu}/min per teller (utilisation ${f(rho)})`,
  );
  console.log(
    `${replications} replications x ${params.customers.toLocaleString('en-US')} customers ` +
      `(first ${params.warmup.toLocaleString('en-US')} not counted), master seed ${seed}`,
  );
  console.log('');
  console.log('                        simulated (95% CI)            Erlang C');
  console.log(`mean wait in queue Wq   ${f(wq.mean)} min (+/- ${f(wq.half)})     ${f(exact.wq, 4)} min`);
  console.log(`P(wait > 0)             ${f(pWait.mean)}     (+/- ${f(pWait.half)})     ${f(exact.pWait, 4)}`);
  console.log(`teller utilisation      ${f(util.mean)}     (+/- ${f(util.half)})     ${f(rho, 4)}`);
  const z = (wq.mean - exact.wq) / (wq.half / tQuantile975(replications - 1));
  console.log('');
  const inside = Math.abs(wq.mean - exact.wq) <= wq.half;
  console.log(`Wq is ${f(Math.abs(z), 1)} standard errors from Erlang C (${inside ? 'inside' : 'outside'} the 95% CI).`);
}

if (isMain(import.meta.url)) main(process.argv.slice(2));
