/**
 * Time-weighted statistics of a piecewise-constant signal (queue length, busy teams, people in
 * shelters, people exposed). The signal holds `value` from one `update` to the next, so its
 * integral is Σ value_i · (t_{i+1} − t_i) — e.g. the integral of exposed persons over hours is
 * person-hours exposed, and integral / duration is the time-average (utilisation, mean queue).
 *
 * Kernel monitors call `update` on every state change, so it is allocation-free (a few number
 * fields updated in place; errors are the only path that allocates). The integral uses Neumaier
 * compensated summation because a long run adds many small increments to a large total.
 *
 * min/max are over every value the signal took, including values replaced at the same instant
 * (zero duration): in a discrete-event model such transient states are real (an arrival seen before
 * the departure at the same time), and a peak occupancy should not miss them.
 */
export class TimeWeighted {
  private t0: number;
  private tLast: number;
  private v: number;
  private sum = 0;
  private comp = 0;
  private lo: number;
  private hi: number;

  /** Start observing at time `t0` with the signal at `initialValue`. */
  constructor(t0 = 0, initialValue = 0) {
    if (!Number.isFinite(t0)) throw new RangeError(`TimeWeighted: start time must be finite, got ${String(t0)}`);
    if (!Number.isFinite(initialValue)) throw new RangeError(`TimeWeighted: initial value must be finite, got ${String(initialValue)}`);
    this.t0 = t0;
    this.tLast = t0;
    this.v = initialValue;
    this.lo = initialValue;
    this.hi = initialValue;
  }

  /** The signal changes to `value` at time `t` (t must not go backwards). */
  update(t: number, value: number): void {
    if (!(t >= this.tLast) || t === Infinity) {
      throw new RangeError(`TimeWeighted.update: time ${String(t)} is before the last update at ${this.tLast} or not finite`);
    }
    if (!Number.isFinite(value)) throw new RangeError(`TimeWeighted.update: value must be finite, got ${String(value)}`);
    const dt = t - this.tLast;
    if (dt > 0 && this.v !== 0) {
      const term = this.v * dt;
      const s = this.sum + term;
      this.comp += Math.abs(this.sum) >= Math.abs(term) ? this.sum - s + term : term - s + this.sum;
      this.sum = s;
    }
    this.tLast = t;
    this.v = value;
    if (value < this.lo) this.lo = value;
    if (value > this.hi) this.hi = value;
  }

  /** Current value of the signal. */
  get value(): number {
    return this.v;
  }

  get startTime(): number {
    return this.t0;
  }

  get lastTime(): number {
    return this.tLast;
  }

  /** Smallest value the signal took since the start (or the last reset). */
  get min(): number {
    return this.lo;
  }

  /** Largest value the signal took since the start (or the last reset). */
  get max(): number {
    return this.hi;
  }

  /** ∫ signal dt from the start to `tEnd` (default: the last update); tEnd must not precede it. */
  integral(tEnd: number = this.tLast): number {
    if (!(tEnd >= this.tLast) || tEnd === Infinity) {
      throw new RangeError(`TimeWeighted.integral: end time ${String(tEnd)} is before the last update at ${this.tLast} or not finite`);
    }
    const tail = this.v * (tEnd - this.tLast);
    const s = this.sum + tail;
    const c = this.comp + (Math.abs(this.sum) >= Math.abs(tail) ? this.sum - s + tail : tail - s + this.sum);
    return s + c;
  }

  /** Time-average over [start, tEnd]; NaN when no time has passed (the average is undefined). */
  mean(tEnd: number = this.tLast): number {
    const integral = this.integral(tEnd);
    const duration = tEnd - this.t0;
    return duration > 0 ? integral / duration : NaN;
  }

  /**
   * Forget the history and start a new window at `t` with the current (or given) value, e.g. to drop
   * a warm-up period or to measure one phase of a scenario.
   */
  reset(t: number, value: number = this.v): void {
    if (!(t >= this.tLast) || t === Infinity) {
      throw new RangeError(`TimeWeighted.reset: time ${String(t)} is before the last update at ${this.tLast} or not finite`);
    }
    if (!Number.isFinite(value)) throw new RangeError(`TimeWeighted.reset: value must be finite, got ${String(value)}`);
    this.t0 = t;
    this.tLast = t;
    this.v = value;
    this.sum = 0;
    this.comp = 0;
    this.lo = value;
    this.hi = value;
  }
}
