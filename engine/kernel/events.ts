import type { Simulation } from './simulation.js';

/** Scheduling lanes, as in SimPy: urgent entries (process start, interrupts) precede normal ones at equal time. */
export const URGENT = 0;
export const NORMAL = 1;

const PENDING = 0;
const TRIGGERED = 1;
const PROCESSED = 2;

/** Callbacks see the event untyped: they are kernel plumbing, and a generic here would make Event<T> invariant. */
export type Callback = (event: Event<unknown>) => void;

/**
 * A one-shot occurrence in simulated time. It is pending until succeed() or fail() triggers it, which
 * schedules it; when the kernel pops it, its callbacks run (waiting processes resume) and it is processed.
 */
export class Event<T = unknown> {
  readonly sim: Simulation;
  /** null once processed: late subscribers then act on the value at once. */
  callbacks: Callback[] | null = [];
  /** @internal */ _state = PENDING;
  /** @internal */ _ok = true;
  /** @internal */ _value: T | Error | undefined = undefined;
  /** A failed event is defused once something handled its error; an undefused failure stops run(). */
  defused = false;

  constructor(sim: Simulation) {
    this.sim = sim;
  }

  /** True once succeed() or fail() was called (or, for a timeout, from creation). */
  get triggered(): boolean {
    return this._state !== PENDING;
  }

  /** True once the kernel has run the callbacks. */
  get processed(): boolean {
    return this._state === PROCESSED;
  }

  /** Whether the event succeeded; only meaningful once triggered. */
  get ok(): boolean {
    return this._ok;
  }

  /** The success value (or the failure's error). Throws while the event is pending. */
  get value(): T {
    if (this._state === PENDING) throw new Error('Event value is not available yet: the event is pending');
    return this._value as T;
  }

  succeed(value?: T, priority: number = NORMAL): this {
    if (this._state !== PENDING) throw new Error('Event has already been triggered');
    this._ok = true;
    this._value = value;
    this._state = TRIGGERED;
    this.sim._schedule(this as Event<unknown>, priority, 0);
    return this;
  }

  fail(error: Error): this {
    if (this._state !== PENDING) throw new Error('Event has already been triggered');
    if (!(error instanceof Error)) throw new TypeError('Event.fail() takes an Error');
    this._ok = false;
    this._value = error;
    this._state = TRIGGERED;
    this.sim._schedule(this as Event<unknown>, NORMAL, 0);
    return this;
  }

  /** Run `cb` when the event is processed (at once, synchronously, if it already was). */
  onProcessed(cb: (event: Event<T>) => void): void {
    if (this.callbacks === null) cb(this);
    else this.callbacks.push(cb as Callback);
  }

  /** @internal Called by the kernel when popped from the future-event list. */
  _markTriggered(): void {
    this._state = TRIGGERED;
  }

  /** @internal */
  _markProcessed(): void {
    this._state = PROCESSED;
  }
}

/** An event that succeeds `delay` minutes after its creation. */
export class Timeout<T = undefined> extends Event<T> {
  readonly delay: number;
  constructor(sim: Simulation, delay: number, value?: T) {
    super(sim);
    if (!(delay >= 0) || delay === Infinity) throw new RangeError(`Timeout delay must be a finite number >= 0, got ${delay}`);
    this.delay = delay;
    this._value = value;
    this._state = TRIGGERED;
    sim._schedule(this as Event<unknown>, NORMAL, delay);
  }
}

/** Thrown inside a process by `proc.interrupt(cause)`; `cause` says why (for preemption: a `Preempted`). */
export class Interrupt extends Error {
  constructor(cause: unknown) {
    super(`Interrupt: ${describeCause(cause)}`, { cause });
    this.name = 'Interrupt';
  }
}

function describeCause(cause: unknown): string {
  if (cause === undefined || cause === null) return 'no cause';
  if (typeof cause === 'string') return cause;
  if (typeof cause === 'object' && 'constructor' in cause && typeof cause.constructor === 'function') return cause.constructor.name;
  return String(cause);
}

/** The value of a condition: the sub-events that had succeeded when it fired, with their values, in list order. */
export type ConditionValue = Map<Event<unknown>, unknown>;

/**
 * anyOf / allOf. Fires when `needed` sub-events have succeeded; fails as soon as any sub-event fails
 * (that sub-event's error is then handled by the condition). Already-processed sub-events count at once.
 */
export class Condition extends Event<ConditionValue> {
  readonly events: ReadonlyArray<Event<unknown>>;
  private readonly needed: number;
  private count = 0;
  private readonly check: Callback;

  constructor(sim: Simulation, events: ReadonlyArray<Event<unknown>>, mode: 'any' | 'all') {
    super(sim);
    for (const ev of events) {
      if (ev.sim !== sim) throw new Error('A condition cannot mix events of different simulations');
    }
    this.events = events;
    this.needed = events.length === 0 ? 0 : mode === 'any' ? 1 : events.length;
    this.check = (ev) => this.onSubEvent(ev);
    if (this.needed === 0) {
      this.succeed(new Map());
      return;
    }
    for (const ev of events) {
      if (this._state !== PENDING) break;
      if (ev.callbacks === null) this.onSubEvent(ev);
      else ev.callbacks.push(this.check);
    }
  }

  private onSubEvent(ev: Event<unknown>): void {
    if (this._state !== PENDING) return;
    if (!ev._ok) {
      ev.defused = true;
      this.fail(ev._value as Error);
      this.detach();
      return;
    }
    this.count += 1;
    if (this.count >= this.needed) {
      this.succeed(this.collect());
      this.detach();
    }
  }

  private collect(): ConditionValue {
    const value: ConditionValue = new Map();
    for (const ev of this.events) {
      // Processed and successful sub-events: those whose callbacks already ran.
      if (ev.callbacks === null && ev._ok) value.set(ev, ev._value);
    }
    return value;
  }

  /** Stop listening to sub-events that have not fired yet: the condition has its outcome. */
  private detach(): void {
    for (const ev of this.events) {
      const cbs = ev.callbacks;
      if (cbs === null) continue;
      const i = cbs.indexOf(this.check);
      if (i >= 0) cbs.splice(i, 1);
    }
  }
}
