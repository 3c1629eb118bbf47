import { createStream, type MasterSeed, type RandomStream } from '../random/index.js';
import { Condition, Event, NORMAL, PROCESSED, Timeout, URGENT, type ConditionValue } from './events.js';
import { EventHeap } from './heap.js';
import { Process, type ProcessBody } from './process.js';

export interface SimulationOptions {
  /** Master seed of the batch; with the replication index and a stream name it seeds every random stream. */
  seed?: MasterSeed;
  /** Replication index within the batch (default 0). */
  replication?: number;
}

export interface RunOptions {
  /** Stop at this time (events at exactly `until` in the normal lane are not run), or when this event is processed. */
  until?: number | Event<unknown>;
}

/** 2^52: folds the lane into the heap's order key above any insertion counter value. */
const LANE_STRIDE = 4503599627370496;

/**
 * The clock and future-event list. Time is a double in minutes from scenario start.
 * Nothing here reads the wall clock or Math.random: a replication is a pure function of its inputs.
 */
export class Simulation {
  readonly seed: MasterSeed;
  readonly replication: number;
  /** The process whose generator is executing right now (null between events). */
  activeProcess: Process<unknown> | null = null;

  private clock = 0;
  private seq = 0;
  private readonly queue = new EventHeap<Event<unknown>>();
  /**
   * Zero-delay events (process starts, grants, completions: most of a model's events) skip the heap:
   * they are all due now, so a FIFO per lane holds them in (lane, seq) order, and step() merges the
   * lanes with the heap by (time, lane, seq). Same order as a heap alone, at O(1) per event.
   */
  private readonly urgentNow = new NowQueue();
  private readonly normalNow = new NowQueue();
  private readonly streams = new Map<string, RandomStream>();
  private stopped = false;
  /** True while run() is looping: only then may a process take its next event inline (see _takeNext). */
  private running = false;
  /**
   * @internal True while the callback now running is the last one of the current step (set by
   * Event._process and by a process's start). Nothing else of the step remains to be done after it.
   */
  _tail = false;

  constructor(options: SimulationOptions = {}) {
    this.seed = options.seed ?? 0;
    this.replication = options.replication ?? 0;
    if (!Number.isInteger(this.replication) || this.replication < 0) {
      throw new RangeError(`replication must be a non-negative integer, got ${this.replication}`);
    }
  }

  get now(): number {
    return this.clock;
  }

  /** Events scheduled and not yet processed. */
  get pending(): number {
    return this.queue.size + this.urgentNow.size() + this.normalNow.size();
  }

  /** The named random stream of this replication; independent of every other name. */
  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (s === undefined) {
      s = createStream(this.seed, this.replication, name);
      this.streams.set(name, s);
    }
    return s;
  }

  event<T = unknown>(): Event<T> {
    return new Event<T>(this);
  }

  timeout<T = undefined>(delay: number, value?: T): Timeout<T> {
    return new Timeout<T>(this, delay, value);
  }

  process<R>(body: ProcessBody<R>, name?: string): Process<R> {
    return new Process<R>(this, body, name);
  }

  anyOf(events: ReadonlyArray<Event<unknown>>): Condition {
    return new Condition(this, events, 'any');
  }

  allOf(events: ReadonlyArray<Event<unknown>>): Condition {
    return new Condition(this, events, 'all');
  }

  /** @internal Put a triggered event on the future-event list. */
  _schedule(event: Event<unknown>, priority: number, delay: number): void {
    const order = priority * LANE_STRIDE + this.seq++;
    if (delay === 0) (priority === URGENT ? this.urgentNow : this.normalNow).push(order, event);
    else this.queue.push(this.clock + delay, order, event);
  }

  /**
   * @internal A process that is the last callback of the current step yields `event`, already triggered
   * and awaited by nobody else. If `event` is exactly the entry step() would pop next, remove it (advancing
   * the clock) and return true: the process continues at once instead of subscribing and returning to the
   * loop. The order of everything observable is the one step() would produce, at a fraction of the cost;
   * only run() does this, so step() still processes exactly one event.
   */
  _takeNext(event: Event<unknown>): boolean {
    if (!this._tail || !this.running || this.stopped) return false;
    const lane = this.dueLane();
    if (lane !== null) {
      if (lane.items[lane.head] !== event) return false;
      lane.shift();
      return true;
    }
    const queue = this.queue;
    if (queue.size === 0 || queue.peekItem() !== event) return false;
    queue.pop();
    this.clock = queue.lastTime;
    return true;
  }

  /**
   * The zero-delay lane that holds the next entry in (time, lane, seq) order, or null if the next entry is
   * in the heap (or there is none).
   */
  private dueLane(): NowQueue | null {
    const urgent = this.urgentNow;
    const normal = this.normalNow;
    const lane = urgent.head !== urgent.tail ? urgent : normal.head !== normal.tail ? normal : null;
    if (lane === null) return null;
    // A lane entry is due now; a heap entry due now too goes first only if its (lane, seq) is smaller.
    const queue = this.queue;
    if (queue.size !== 0 && queue.peekTime() === this.clock && queue.peekOrder() < (lane.orders[lane.head] as number)) return null;
    return lane;
  }

  /** Remove the next entry and advance the clock to it; null when nothing is scheduled. */
  private popNext(): Event<unknown> | null {
    const lane = this.dueLane();
    if (lane !== null) return lane.shift();
    const queue = this.queue;
    if (queue.size === 0) return null;
    const event = queue.pop();
    this.clock = queue.lastTime;
    return event;
  }

  /** Time of the next scheduled event, or Infinity when there is none. */
  peek(): number {
    return this.urgentNow.size() > 0 || this.normalNow.size() > 0 ? this.clock : this.queue.peekTime();
  }

  /**
   * Process the next event: advance the clock and run its callbacks. A failed event that nothing
   * handled (no waiting process caught it, no condition took it) is thrown from here.
   */
  step(): void {
    if (!this.processNext()) throw new Error('No scheduled events left');
  }

  /** step() without the error: false when nothing is scheduled. */
  private processNext(): boolean {
    const event = this.popNext();
    if (event === null) return false;
    event._process();
    if (!event._ok && !event.defused) {
      event.defused = true;
      throw event._value as Error;
    }
    return true;
  }

  /**
   * Run until the future-event list is empty, until a time, or until an event is processed
   * (then its value is returned, or its error thrown).
   */
  run(options: RunOptions = {}): unknown {
    const until = options.until;
    let stopEvent: Event<unknown> | null = null;
    if (typeof until === 'number') {
      if (Number.isNaN(until) || until < this.clock) {
        throw new RangeError(`until (${until}) must not lie before the current time (${this.clock})`);
      }
      if (until !== Infinity) {
        // As SimPy: an urgent marker at `until`; events due then in the normal lane stay unprocessed.
        stopEvent = new Event<unknown>(this);
        stopEvent._ok = true;
        stopEvent._markTriggered();
        this._schedule(stopEvent, URGENT, until - this.clock);
      }
    } else if (until instanceof Event) {
      if (until.sim !== this) throw new Error('run({ until }) got an event of another simulation');
      if (until._state === PROCESSED) return untilOutcome(until);
      stopEvent = until;
    }
    this.stopped = false;
    if (stopEvent !== null) {
      stopEvent.onProcessed(() => {
        this.stopped = true;
      });
    }
    this.running = true;
    try {
      while (!this.stopped) {
        if (!this.processNext()) {
          if (until instanceof Event) throw new Error('No scheduled events left but the "until" event was not triggered');
          return undefined;
        }
      }
    } finally {
      this.running = false;
      this._tail = false;
    }
    return until instanceof Event ? untilOutcome(until) : undefined;
  }
}

/**
 * A FIFO of events due at the current time, in one lane. Slots are reused: when the lane drains (every
 * instant) the indices reset but the arrays keep their capacity, so steady state allocates nothing. A
 * slot is cleared when its event leaves, so the lane keeps no processed event (and what it references)
 * alive.
 */
class NowQueue {
  // Read by Simulation (dueLane, _takeNext); only NowQueue's methods write them.
  readonly orders: number[] = [];
  readonly items: Array<Event<unknown> | null> = [];
  head = 0;
  tail = 0;

  size(): number {
    return this.tail - this.head;
  }

  push(order: number, event: Event<unknown>): void {
    const i = this.tail++;
    if (i < this.items.length) {
      this.orders[i] = order;
      this.items[i] = event;
    } else {
      this.orders.push(order);
      this.items.push(event);
    }
  }

  shift(): Event<unknown> {
    const items = this.items;
    const event = items[this.head] as Event<unknown>;
    items[this.head++] = null;
    if (this.head === this.tail) this.head = this.tail = 0;
    return event;
  }
}

function untilOutcome(event: Event<unknown>): unknown {
  if (!event._ok) {
    event.defused = true;
    throw event._value as Error;
  }
  return event._value;
}

export type { ConditionValue };
export { NORMAL, URGENT };
