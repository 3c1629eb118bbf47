import { TimeWeighted } from '../stats/index.js';
import { Event } from './events.js';
import type { Process } from './process.js';
import type { Simulation } from './simulation.js';

export interface ResourceOptions {
  capacity: number;
  /** When true, a request may displace the user with the worst (priority, request order). */
  preemptive?: boolean;
}

export interface RequestOptions {
  /** Lower values are served first (as in SimPy); default 0. Ties are served in request order. */
  priority?: number;
  /** On a preemptive resource: may this request displace a user? Default true. */
  preempt?: boolean;
}

/** The cause carried by the Interrupt a preempted user receives. */
export class Preempted {
  constructor(
    /** The request that took the unit. */
    readonly by: Request,
    /** The process that made that request, if any. */
    readonly byProcess: Process<unknown> | null,
    /** When the preempted usage began. */
    readonly usageSince: number,
    readonly resource: Resource,
  ) {}
}

/** A request for one unit of a Resource: an event that succeeds (with itself) when the unit is granted. */
export class Request extends Event<Request> {
  readonly resource: Resource;
  readonly priority: number;
  readonly preempt: boolean;
  /** The process that asked (receives the Interrupt if preempted). */
  readonly process: Process<unknown> | null;
  readonly requestedAt: number;
  /** @internal tie-breaker: request order. */
  readonly order: number;
  /** When the unit was granted; null while waiting. */
  usageSince: number | null = null;

  constructor(resource: Resource, options: RequestOptions, order: number) {
    super(resource.sim);
    this.resource = resource;
    this.priority = options.priority ?? 0;
    if (!Number.isFinite(this.priority)) throw new RangeError(`request priority must be finite, got ${this.priority}`);
    this.preempt = options.preempt ?? true;
    this.process = resource.sim.activeProcess;
    this.requestedAt = resource.sim.now;
    this.order = order;
  }

  /** Withdraw a waiting request (reneging) or give back a granted unit. */
  cancel(): void {
    this.resource.release(this);
  }
}

/** The options of a plain request(): one shared object instead of a fresh `{}` per call. */
const NO_OPTIONS: RequestOptions = Object.freeze({});

/** Is a served before b? (priority, then request order) */
function before(a: Request, b: Request): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.order < b.order);
}

/**
 * A pool of `capacity` identical units (SimPy's Resource, PriorityResource and PreemptiveResource in one).
 * Time-weighted monitors track the queue length and the number of busy units.
 */
export class Resource {
  readonly sim: Simulation;
  readonly capacity: number;
  readonly preemptive: boolean;
  /** Granted requests (in no particular order). */
  readonly users: Request[] = [];
  /**
   * Waiting requests in service order in waiting[head .. tail). Indices instead of shift() and truncation:
   * when the queue drains (every request that finds a free unit) the indices reset and the array keeps its
   * storage, so the common path allocates nothing. A served slot is cleared at once: a slot that still
   * pointed at its request would keep that request, its process and the process's generator alive through
   * the young-generation collections (in M/M/3 that multiplied the bytes surviving each scavenge by 8 and
   * doubled the collector's time). Slots outside [head, tail) hold undefined.
   */
  private readonly waiting: Array<Request | undefined> = [];
  private head = 0;
  private tail = 0;
  /** Time-weighted queue length and busy units, from creation. */
  readonly queueLength: TimeWeighted;
  readonly busy: TimeWeighted;
  private orderCounter = 0;

  constructor(sim: Simulation, options: ResourceOptions) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) {
      throw new RangeError(`Resource capacity must be a positive integer, got ${options.capacity}`);
    }
    this.sim = sim;
    this.capacity = options.capacity;
    this.preemptive = options.preemptive ?? false;
    this.queueLength = new TimeWeighted(sim.now, 0);
    this.busy = new TimeWeighted(sim.now, 0);
  }

  /** Units in use. */
  get count(): number {
    return this.users.length;
  }

  /** Waiting requests in service order (a copy). */
  get queue(): readonly Request[] {
    return this.waiting.slice(this.head, this.tail) as Request[];
  }

  /** Number of waiting requests. */
  get queued(): number {
    return this.tail - this.head;
  }

  /** Mean fraction of units busy from creation until now. */
  utilisation(): number {
    return this.busy.mean(this.sim.now) / this.capacity;
  }

  request(options: RequestOptions = NO_OPTIONS): Request {
    const req = new Request(this, options, this.orderCounter++);
    if (this.head === this.tail && this.users.length < this.capacity) {
      // A free unit and nobody waiting: granted at once, without passing through the queue (which would
      // also make the queue-length monitor record a wait of zero length).
      const now = this.sim.now;
      this.users.push(req);
      req.usageSince = now;
      req.succeed(req);
      this.busy.update(now, this.users.length);
      return req;
    }
    this.enqueue(req);
    if (this.preemptive && req.preempt && this.users.length >= this.capacity) this.preemptFor(req);
    this.grant();
    return req;
  }

  /**
   * Give back a granted unit, or withdraw a waiting request. Releasing a request that was preempted,
   * already released or never made here is harmless.
   */
  release(req: Request): void {
    const users = this.users;
    const u = users.indexOf(req);
    if (u >= 0) {
      // Swap-remove: the order of users carries no meaning, and splice would allocate.
      const last = users.pop() as Request;
      if (u < users.length) users[u] = last;
      this.busy.update(this.sim.now, users.length);
      this.grant();
      return;
    }
    const waiting = this.waiting;
    const q = waiting.indexOf(req, this.head);
    if (q >= 0 && q < this.tail) {
      // Close the gap in place (no spliced-out array), then clear the slot that fell out of the window. A
      // loop, not copyWithin: on a plain array that builtin checks and copies element by element through
      // the generic path, about 150 ns each, and the shifts here are a few elements.
      const tail = this.tail;
      for (let i = q; i < tail - 1; i++) waiting[i] = waiting[i + 1];
      waiting[--this.tail] = undefined;
      if (this.head === this.tail) this.head = this.tail = 0;
      this.queueLength.update(this.sim.now, this.queued);
    }
  }

  private enqueue(req: Request): void {
    const queue = this.waiting;
    // Binary search for the first waiting request that `req` goes before; FIFO appends in O(1).
    const tail = this.tail;
    let lo = this.head;
    let hi = tail;
    if (hi > lo && before(queue[hi - 1] as Request, req)) lo = hi;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(queue[mid] as Request, req)) lo = mid + 1;
      else hi = mid;
    }
    if (tail === queue.length) queue.push(undefined);
    // Shift the requests that `req` goes before one slot up (none for FIFO), then insert (a loop, not
    // copyWithin: see release). copyWithin here was 6 % of a flood replication's profile.
    for (let i = tail; i > lo; i--) queue[i] = queue[i - 1];
    queue[lo] = req;
    this.tail = tail + 1;
    this.queueLength.update(this.sim.now, this.tail - this.head);
  }

  private preemptFor(req: Request): void {
    // The victim is the user served last under (priority, request order), as SimPy's PreemptiveResource.
    let victim: Request | null = null;
    for (const user of this.users) if (victim === null || before(victim, user)) victim = user;
    if (victim === null || !before(req, victim)) return;
    const users = this.users;
    const v = users.indexOf(victim);
    const last = users.pop() as Request;
    if (v < users.length) users[v] = last;
    this.busy.update(this.sim.now, users.length);
    const since = victim.usageSince ?? this.sim.now;
    victim.usageSince = null;
    if (victim.process !== null && victim.process.isAlive) {
      victim.process.interrupt(new Preempted(req, req.process, since, this));
    }
  }

  private grant(): void {
    const now = this.sim.now;
    const waiting = this.waiting;
    let changed = false;
    while (this.users.length < this.capacity && this.head < this.tail) {
      const req = waiting[this.head] as Request;
      waiting[this.head++] = undefined;
      this.users.push(req);
      req.usageSince = now;
      req.succeed(req);
      changed = true;
    }
    if (this.head === this.tail) this.head = this.tail = 0;
    else if (this.head > 1024 && this.head * 2 > this.tail) this.compact();
    if (changed) {
      this.queueLength.update(now, this.tail - this.head);
      this.busy.update(now, this.users.length);
    }
  }

  /**
   * Move the live window to the start of the array, so a queue that never drains does not grow without
   * bound. In place (copyWithin, not splice, which would allocate the removed part), and a method of its
   * own so that grant()'s optimised code does not carry (and deoptimise on) the rarely taken branch.
   */
  private compact(): void {
    const waiting = this.waiting;
    const head = this.head;
    const live = this.tail - head;
    waiting.copyWithin(0, head, this.tail);
    waiting.fill(undefined, live, this.tail);
    this.head = 0;
    this.tail = live;
  }
}
