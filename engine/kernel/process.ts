import { Event, Interrupt, URGENT, type Callback } from './events.js';
import type { Simulation } from './simulation.js';

/** What a process body yields: any kernel event. The value sent back in is that event's value. */
export type ProcessGenerator<R = unknown> = Generator<Event<unknown>, R, unknown>;
export type ProcessBody<R = unknown> = ProcessGenerator<R> | (() => ProcessGenerator<R>);

/**
 * A running generator. The process is itself an event: it succeeds with the generator's return value,
 * or fails with the error the generator threw, and that reaches whoever waits on it.
 *
 * The kernel resumes generators synchronously from its event loop (no promises), so the order of
 * resumption is fixed by the future-event list alone.
 */
export class Process<R = unknown> extends Event<R> {
  readonly name: string;
  private readonly generator: ProcessGenerator<R>;
  /** The event the process waits for, or null while running or once finished. */
  private waitingOn: Event<unknown> | null = null;
  /** Bound once so that subscribing to an event allocates nothing. */
  private readonly resumeCb: Callback;

  constructor(sim: Simulation, body: ProcessBody<R>, name?: string) {
    super(sim);
    const generator = typeof body === 'function' ? body() : body;
    if (generator === null || typeof generator !== 'object' || typeof generator.next !== 'function' || typeof generator.throw !== 'function') {
      throw new TypeError('sim.process() takes a generator or a generator function');
    }
    this.generator = generator;
    this.name = name ?? (typeof body === 'function' && body.name !== '' ? body.name : 'process');
    this.resumeCb = (ev) => this.resume(ev);
    // Start at the current time, before normal events already due now (SimPy's Initialize).
    const init = new Event<unknown>(sim);
    init.callbacks!.push(this.resumeCb);
    init._ok = true;
    init._markTriggered();
    sim._schedule(init, URGENT, 0);
    this.waitingOn = init;
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
    ev.callbacks!.push(() => this.deliverInterrupt(ev));
    this.sim._schedule(ev, URGENT, 0);
  }

  private deliverInterrupt(ev: Event<unknown>): void {
    // The process may have ended between the call and now; then the interrupt is moot.
    if (!this.isAlive) return;
    const target = this.waitingOn;
    if (target !== null && target.callbacks !== null) {
      const i = target.callbacks.indexOf(this.resumeCb);
      if (i >= 0) target.callbacks.splice(i, 1);
    }
    this.resume(ev);
  }

  private resume(event: Event<unknown>): void {
    const sim = this.sim;
    const previous = sim.activeProcess;
    sim.activeProcess = this as Process<unknown>;
    this.waitingOn = null;
    let ev = event;
    for (;;) {
      let step: IteratorResult<Event<unknown>, R>;
      try {
        if (ev._ok) {
          step = this.generator.next(ev._value);
        } else {
          // The process handles (or rethrows) the failure: either way it is no longer unhandled.
          ev.defused = true;
          step = this.generator.throw(ev._value);
        }
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
        ev = invalidYield(this, next);
        continue;
      }
      if (next.sim !== sim) {
        ev = failedWith(this, new Error(`${this.name} yielded an event of another simulation`));
        continue;
      }
      if (next.callbacks !== null) {
        next.callbacks.push(this.resumeCb);
        this.waitingOn = next;
        break;
      }
      // Already processed: continue at once with its outcome.
      ev = next;
    }
    sim.activeProcess = previous;
  }
}

function invalidYield(proc: Process<unknown>, value: unknown): Event<unknown> {
  return failedWith(proc, new TypeError(`${proc.name} yielded ${typeof value === 'object' ? String(value) : typeof value}, not a kernel event`));
}

/** A stand-in, already-processed failed event used to throw an error back into the generator. */
function failedWith(proc: Process<unknown>, error: Error): Event<unknown> {
  const ev = new Event<unknown>(proc.sim);
  ev._ok = false;
  ev._value = error;
  ev.callbacks = null;
  ev._markProcessed();
  return ev;
}
