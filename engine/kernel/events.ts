import type { Simulation } from './simulation.js';

/** Scheduling lanes, as in SimPy: urgent entries (process start, interrupts) precede normal ones at equal time. */
export const URGENT = 0;
export const NORMAL = 1;

const PENDING = 0;
/** @internal */
export const TRIGGERED = 1;
/** @internal */
export const PROCESSED = 2;

/**
 * A subscriber to an event. Processes and conditions subscribe themselves (no closure per wait);
 * plain functions are wrapped. The event is passed untyped: a generic here would make Event<T> invariant.
 */
export interface Waiter {
  _wake(event: Event<unknown>): void;
}

/** Wraps a plain function as a Waiter. */
class FunctionWaiter implements Waiter {
  constructor(private readonly fn: (event: Event<unknown>) => void) {}
  _wake(event: Event<unknown>): void {
    this.fn(event);
  }
}

/**
 * A one-shot occurrence in simulated time. It is pending until succeed() or fail() triggers it, which
 * schedules it; when the kernel pops it, its callbacks run (waiting processes resume) and it is processed.
 */
export class Event<T = unknown> {
  readonly sim: Simulation;
  /** @internal */ _state = PENDING;
  /** @internal */ _ok = true;
  /** @internal */ _value: T | Error | undefined = undefined;
  /**
   * Subscribers. Almost every event has exactly one (the process waiting for it), so the first sits in
   * a field and an array exists only for a second: this halves the allocation per event.
   */
  /** @internal */ _cb0: Waiter | null = null;
  private cbs: Waiter[] | null = null;
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

  /**
   * Run `cb` when the event is processed (at once, synchronously, if it already was). `cb` may also be a
   * Waiter, whose `_wake` is called: a long-lived object that waits for one event after another (a chain
   * of stages, as a truckload's) then subscribes itself, with no closure and no wrapper per stage.
   */
  onProcessed(cb: ((event: Event<T>) => void) | Waiter): void {
    if (typeof cb === 'function') {
      if (this._state === PROCESSED) cb(this);
      else this._subscribe(new FunctionWaiter(cb as (event: Event<unknown>) => void));
    } else if (this._state === PROCESSED) cb._wake(this as Event<unknown>);
    else this._subscribe(cb);
  }

  /** @internal Add a subscriber to a not-yet-processed event. */
  _subscribe(cb: Waiter): void {
    if (this._cb0 === null) this._cb0 = cb;
    else if (this.cbs === null) this.cbs = [cb];
    else this.cbs.push(cb);
  }

  /** @internal Remove a callback (an interrupted process, a decided condition); harmless if absent. */
  _unsubscribe(cb: Waiter): void {
    if (this._cb0 === cb) {
      this._cb0 = this.cbs !== null && this.cbs.length > 0 ? (this.cbs.shift() as Waiter) : null;
      return;
    }
    if (this.cbs !== null) {
      const i = this.cbs.indexOf(cb);
      if (i >= 0) this.cbs.splice(i, 1);
    }
  }

  /** @internal Called by the kernel when the event is popped: mark it processed, then run subscribers in order. */
  _process(): void {
    this._state = PROCESSED;
    const first = this._cb0;
    if (first === null) return;
    this._cb0 = null;
    const rest = this.cbs;
    // _tail tells a waking process whether it is the last callback of this step (see Process.resume).
    if (rest === null || rest.length === 0) {
      this.cbs = null;
      this.sim._tail = true;
      first._wake(this as Event<unknown>);
      return;
    }
    this.cbs = null;
    this.sim._tail = false;
    first._wake(this as Event<unknown>);
    const last = rest.length - 1;
    for (let i = 0; i < last; i++) (rest[i] as Waiter)._wake(this as Event<unknown>);
    this.sim._tail = true;
    (rest[last] as Waiter)._wake(this as Event<unknown>);
  }

  /** @internal */
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
  constructor(sim: Simulation, delay: number, value?: T) {
    super(sim);
    if (!(delay >= 0) || delay === Infinity) throw new RangeError(`Timeout delay must be a finite number >= 0, got ${delay}`);
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
export class Condition extends Event<ConditionValue> implements Waiter {
  readonly events: ReadonlyArray<Event<unknown>>;
  private readonly needed: number;
  private count = 0;

  constructor(sim: Simulation, events: ReadonlyArray<Event<unknown>>, mode: 'any' | 'all') {
    super(sim);
    for (const ev of events) {
      if (ev.sim !== sim) throw new Error('A condition cannot mix events of different simulations');
    }
    this.events = events;
    this.needed = events.length === 0 ? 0 : mode === 'any' ? 1 : events.length;
    if (this.needed === 0) {
      this.succeed(new Map());
      return;
    }
    for (const ev of events) {
      if (this._state !== PENDING) break;
      if (ev._state === PROCESSED) this.onSubEvent(ev);
      else ev._subscribe(this);
    }
  }

  /** @internal */
  _wake(ev: Event<unknown>): void {
    this.onSubEvent(ev);
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
      if (ev._state === PROCESSED && ev._ok) value.set(ev, ev._value);
    }
    return value;
  }

  /** Stop listening to sub-events that have not fired yet: the condition has its outcome. */
  private detach(): void {
    for (const ev of this.events) if (ev._state !== PROCESSED) ev._unsubscribe(this);
  }
}
