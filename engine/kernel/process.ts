import { Event, Interrupt, PROCESSED, TRIGGERED, URGENT, type Waiter } from './events.js';
import type { Simulation } from './simulation.js';

/** What a process body yields: any kernel event. The value sent back in is that event's value. */
export type ProcessGenerator<R = unknown> = Generator<Event<unknown>, R, unknown>;
export type ProcessBody<R = unknown> = ProcessGenerator<R> | (() => ProcessGenerator<R>);

/**
 * %GeneratorPrototype%. Every `function*` closure gets a prototype object of its own, so generators made
 * by closures created in a loop have distinct hidden classes and `gen.next` lookups go megamorphic in
 * V8. Calling the intrinsic next/throw directly avoids that lookup on the hot path.
 */
const GeneratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf((function* () {})())) as ProcessGenerator<unknown>;
const generatorNext = GeneratorPrototype.next;
const generatorThrow = GeneratorPrototype.throw;

/**
 * A running generator. The process is itself an event: it succeeds with the generator's return value,
 * or fails with the error the generator threw, and that reaches whoever waits on it.
 *
 * The kernel resumes generators synchronously from its event loop (no promises), so the order of
 * resumption is fixed by the future-event list alone. To keep a process cheap (thousands are created
 * per replication), it subscribes itself to the events it waits for and schedules itself for its start,
 * instead of allocating a closure and a start event.
 */
export class Process<R = unknown> extends Event<R> implements Waiter {
  private readonly label: string | undefined;
  private readonly generator: ProcessGenerator<R>;
  /** The event the process waits for, or null while running or once finished. */
  private waitingOn: Event<unknown> | null = null;
  private started = false;

  constructor(sim: Simulation, body: ProcessBody<R>, name?: string) {
    super(sim);
    const generator = typeof body === 'function' ? body() : body;
    if (generator === null || typeof generator !== 'object' || !Object.prototype.isPrototypeOf.call(GeneratorPrototype, generator)) {
      throw new TypeError('sim.process() takes a generator or a generator function');
    }
    this.generator = generator;
    this.label = name;
    // Start at the current time, before normal events already due now (SimPy's Initialize).
    sim._schedule(this as Event<unknown>, URGENT, 0);
  }

  get name(): string {
    return this.label ?? 'process';
  }

  /** True until the generator has returned or thrown. */
  get isAlive(): boolean {
    return !this.triggered;
  }

  /** The event this process is waiting for (null when not waiting). */
  get target(): Event<unknown> | null {
    return this.waitingOn;
  }

  /**
   * Throw `Interrupt(cause)` into the process at the current time (urgently, before normal events now).
   * Interrupting a finished process is an error, as in SimPy; a process cannot interrupt itself.
   */
  interrupt(cause?: unknown): void {
    if (!this.isAlive) throw new Error(`${this.name} has terminated and cannot be interrupted`);
    if (this.sim.activeProcess === this) throw new Error('A process is not allowed to interrupt itself');
    const ev = new Event<unknown>(this.sim);
    ev._ok = false;
    ev._value = new Interrupt(cause);
    ev.defused = true;
    ev._markTriggered();
    ev.onProcessed(() => this.deliverInterrupt(ev));
    this.sim._schedule(ev, URGENT, 0);
  }

  /** @internal The kernel pops a process twice: once to start it, once when it has finished. */
  override _process(): void {
    if (this.started) {
      super._process();
      return;
    }
    this.started = true;
    this.sim._tail = true;
    this.resume(true, undefined);
  }

  /** @internal An awaited event was processed. */
  _wake(event: Event<unknown>): void {
    if (!event._ok) event.defused = true; // the process handles (or rethrows) it: no longer unhandled
    this.resume(event._ok, event._value);
  }

  private deliverInterrupt(ev: Event<unknown>): void {
    // The process may have ended between the call and now; then the interrupt is moot.
    if (!this.isAlive) return;
    if (this.waitingOn !== null) this.waitingOn._unsubscribe(this);
    this.resume(false, ev._value);
  }

  private resume(ok: boolean, value: unknown): void {
    const sim = this.sim;
    const previous = sim.activeProcess;
    sim.activeProcess = this as Process<unknown>;
    this.waitingOn = null;
    let sendOk = ok;
    let sendValue = value;
    for (;;) {
      let step: IteratorResult<Event<unknown>, R>;
      try {
        step = sendOk
          ? (generatorNext.call(this.generator, sendValue) as IteratorResult<Event<unknown>, R>)
          : (generatorThrow.call(this.generator, sendValue) as IteratorResult<Event<unknown>, R>);
      } catch (err) {
        this.fail(err instanceof Error ? err : new Error(String(err)));
        break;
      }
      if (step.done === true) {
        this.succeed(step.value);
        break;
      }
      const next = step.value;
      if (!(next instanceof Event)) {
        sendOk = false;
        sendValue = new TypeError(`${this.name} yielded ${typeof next === 'object' ? String(next) : typeof next}, not a kernel event`);
        continue;
      }
      if (next.sim !== sim) {
        sendOk = false;
        sendValue = new Error(`${this.name} yielded an event of another simulation`);
        continue;
      }
      if (next._state !== PROCESSED) {
        // Fast path: the event is due next and only this process awaits it (typically a request granted
        // at once, or a timeout earlier than anything else pending): take it now, as the loop would.
        if (next._state === TRIGGERED && next._ok && next._cb0 === null && sim._takeNext(next)) {
          next._state = PROCESSED;
          sendOk = true;
          sendValue = next._value;
          continue;
        }
        next._subscribe(this);
        this.waitingOn = next;
        break;
      }
      // Already processed: continue at once with its outcome (a failure is handled here).
      if (!next._ok) next.defused = true;
      sendOk = next._ok;
      sendValue = next._value;
    }
    sim.activeProcess = previous;
  }
}
