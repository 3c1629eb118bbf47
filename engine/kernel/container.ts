import { TimeWeighted } from '../stats/index.js';
import { Event } from './events.js';
import type { Simulation } from './simulation.js';

export interface ContainerOptions {
  /** Upper bound of the level (default: unbounded). */
  capacity?: number;
  /** Starting level (default 0). */
  init?: number;
}

/** A pending put or get of an amount; cancel() withdraws it while it waits. */
export class ContainerRequest extends Event<number> {
  constructor(
    readonly container: Container,
    readonly kind: 'get' | 'put',
    readonly amount: number,
  ) {
    super(container.sim);
  }

  cancel(): void {
    this.container.cancel(this);
  }
}

/**
 * A continuous level (water, fuel, stock): get(n) waits until n is there, put(n) waits until n fits.
 * The level never goes below 0 or above capacity. Both queues are served first come, first served:
 * a large request at the head holds back smaller ones behind it, as in SimPy.
 */
export class Container {
  readonly sim: Simulation;
  readonly capacity: number;
  /** Time-weighted level from creation. */
  readonly levelMonitor: TimeWeighted;
  private current: number;
  private readonly gets: ContainerRequest[] = [];
  private readonly puts: ContainerRequest[] = [];

  constructor(sim: Simulation, options: ContainerOptions = {}) {
    const capacity = options.capacity ?? Infinity;
    const init = options.init ?? 0;
    if (!(capacity > 0)) throw new RangeError(`Container capacity must be > 0, got ${capacity}`);
    if (!(init >= 0) || init > capacity) throw new RangeError(`Container init must lie in [0, capacity], got ${init}`);
    this.sim = sim;
    this.capacity = capacity;
    this.current = init;
    this.levelMonitor = new TimeWeighted(sim.now, init);
  }

  get level(): number {
    return this.current;
  }

  /** Requests waiting to take from / add to the container. */
  get waitingGets(): number {
    return this.gets.length;
  }

  get waitingPuts(): number {
    return this.puts.length;
  }

  get(amount: number): ContainerRequest {
    return this.submit('get', amount, this.gets);
  }

  put(amount: number): ContainerRequest {
    return this.submit('put', amount, this.puts);
  }

  /** Withdraw a waiting request; harmless once it was served. */
  cancel(req: ContainerRequest): void {
    const queue = req.kind === 'get' ? this.gets : this.puts;
    const i = queue.indexOf(req);
    if (i < 0) return;
    queue.splice(i, 1);
    // A withdrawn head may have been blocking others.
    if (i === 0) this.settle();
  }

  private submit(kind: 'get' | 'put', amount: number, queue: ContainerRequest[]): ContainerRequest {
    if (!(amount > 0) || !Number.isFinite(amount)) throw new RangeError(`Container ${kind} amount must be a finite number > 0, got ${amount}`);
    if (amount > this.capacity) throw new RangeError(`Container ${kind} of ${amount} exceeds the capacity ${this.capacity}: it could never be served`);
    const req = new ContainerRequest(this, kind, amount);
    queue.push(req);
    this.settle();
    return req;
  }

  /** Serve queue heads until neither can proceed: each put may unblock a get and vice versa. */
  private settle(): void {
    const before = this.current;
    let progress = true;
    while (progress) {
      progress = false;
      const put = this.puts[0];
      if (put !== undefined && this.capacity - this.current >= put.amount) {
        this.puts.shift();
        this.current += put.amount;
        put.succeed(put.amount);
        progress = true;
      }
      const get = this.gets[0];
      if (get !== undefined && this.current >= get.amount) {
        this.gets.shift();
        this.current -= get.amount;
        get.succeed(get.amount);
        progress = true;
      }
    }
    if (this.current !== before) this.levelMonitor.update(this.sim.now, this.current);
  }
}
