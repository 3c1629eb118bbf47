/**
 * Success counting for P(target met) and similar shares, with a Wilson score interval.
 * Two integers, so merging is exact and the result is identical for any chunking or order.
 */
import { wilsonInterval, type Interval } from './ci.js';
import { child, invalid, readNumber, readObject } from './json.js';

export interface ProportionResult {
  n: number;
  successes: number;
  /** successes / n; null for n = 0. */
  p: number | null;
  /** Wilson score 95 % interval; null for n = 0. */
  ci95: Interval | null;
}

export interface ProportionJSON {
  successes: number;
  trials: number;
}

export class Proportion {
  private s = 0;
  private t = 0;

  add(success: boolean): void {
    this.t += 1;
    if (success) this.s += 1;
  }

  /** Add pre-counted outcomes (e.g. from another store). */
  addCounts(successes: number, trials: number): void {
    if (!Number.isInteger(trials) || trials < 0 || !Number.isInteger(successes) || successes < 0 || successes > trials) {
      throw new RangeError(`Proportion.addCounts: need integers 0 <= successes <= trials, got ${successes}/${trials}`);
    }
    this.s += successes;
    this.t += trials;
  }

  merge(other: Proportion): void {
    this.s += other.s;
    this.t += other.t;
  }

  get successes(): number {
    return this.s;
  }

  get trials(): number {
    return this.t;
  }

  /** Estimated proportion; NaN for no trials. */
  get p(): number {
    return this.t === 0 ? NaN : this.s / this.t;
  }

  /** Wilson interval at any level; null for no trials. */
  interval(level = 0.95): Interval | null {
    return wilsonInterval(this.s, this.t, level);
  }

  result(): ProportionResult {
    return { n: this.t, successes: this.s, p: this.t === 0 ? null : this.s / this.t, ci95: this.interval(0.95) };
  }

  toJSON(): ProportionJSON {
    return { successes: this.s, trials: this.t };
  }

  static fromJSON(value: unknown, path = ''): Proportion {
    const o = readObject(value, path);
    const trials = readNumber(o, 'trials', path, { integer: true, min: 0 });
    const successes = readNumber(o, 'successes', path, { integer: true, min: 0 });
    if (successes > trials) invalid(child(path, 'successes'), `successes (${successes}) exceed trials (${trials})`);
    const pr = new Proportion();
    pr.s = successes;
    pr.t = trials;
    return pr;
  }
}
