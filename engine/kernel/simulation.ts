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
  private readonly streams = new Map<string, RandomStream>();
  private stopped = false;

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
    return this.queue.size;
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
    this.queue.push(this.clock + delay, priority * LANE_STRIDE + this.seq++, event);
  }

  /** Time of the next scheduled event, or Infinity when there is none. */
  peek(): number {
    return this.queue.peekTime();
  }

  /**
   * Process the next event: advance the clock and run its callbacks. A failed event that nothing
   * handled (no waiting process caught it, no condition took it) is thrown from here.
   */
  step(): void {
    if (this.queue.size === 0) throw new Error('No scheduled events left');
    const queue = this.queue;
    const event = queue.pop();
    this.clock = queue.lastTime;
    event._process();
    if (!event._ok && !event.defused) {
      event.defused = true;
      throw event._value as Error;
    }
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
    const queue = this.queue;
    while (!this.stopped) {
      if (queue.size === 0) {
        if (until instanceof Event) throw new Error('No scheduled events left but the "until" event was not triggered');
        return undefined;
      }
      this.step();
    }
    return until instanceof Event ? untilOutcome(until) : undefined;
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
