/**
 * Paired comparison of two plans run on the same seeds (common random numbers; docs/models/engine.md
 * section 4). Replication r gives (a_r, b_r); we summarise D_r = b_r − a_r, the change from plan A
 * to plan B, and count in how many replications B did better, worse, or exactly the same.
 *
 * Why pairs rather than two independent summaries: with CRN, a_r and b_r share the hazard, call and
 * behaviour draws, so Var(D) = Var(A) + Var(B) − 2Cov(A, B) is usually far smaller than
 * Var(A) + Var(B), and the interval on the mean difference is correspondingly tighter.
 *
 * Ties are exact equality (a_r === b_r, equivalently D_r === 0 for finite IEEE doubles). They are
 * common for count metrics (deaths 0 vs 0) and are reported separately; P(B better) counts only
 * strict improvements, so P(B better) + P(A better) + P(tie) = 1.
 */
import { type Interval } from './ci.js';
import { child, invalid, readLiteral, readNumber, readObject } from './json.js';
import { Proportion } from './proportion.js';
import { MetricSummary, type MetricResult, type MetricSummaryJSON, type MetricSummaryOptions } from './summary.js';

/** Which way is good for the metric: deaths are 'lower-is-better', warning reach 'higher-is-better'. */
export type Direction = 'lower-is-better' | 'higher-is-better';

export interface PairedResult {
  n: number;
  direction: Direction;
  /** Summary of D = b − a (mean difference, its sd, 95 % t-interval, quantiles). */
  difference: MetricResult;
  /** Replications where B strictly improved on A (according to `direction`). */
  bBetter: number;
  /** Replications where A strictly improved on B. */
  aBetter: number;
  /** Replications with a === b. */
  ties: number;
  /** bBetter / n; null for n = 0. */
  pBBetter: number | null;
  /** Wilson 95 % interval of pBBetter; null for n = 0. */
  pBBetterCi95: Interval | null;
}

export interface PairedSummaryJSON {
  direction: Direction;
  difference: MetricSummaryJSON;
  bBetter: number;
  aBetter: number;
  ties: number;
}

export class PairedSummary {
  readonly direction: Direction;
  private diff: MetricSummary;
  private bWins = 0;
  private aWins = 0;
  private tied = 0;

  constructor(direction: Direction, options: MetricSummaryOptions = {}) {
    if (direction !== 'lower-is-better' && direction !== 'higher-is-better') {
      throw new RangeError(`PairedSummary: direction must be 'lower-is-better' or 'higher-is-better', got ${String(direction)}`);
    }
    this.direction = direction;
    this.diff = new MetricSummary(options);
  }

  /** Add replication r's values under plan A (baseline) and plan B (alternative). */
  add(a: number, b: number): void {
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
      throw new RangeError(`PairedSummary.add: expected finite numbers, got a = ${String(a)}, b = ${String(b)}`);
    }
    this.diff.add(b - a);
    if (a === b) this.tied += 1;
    else if ((b < a) === (this.direction === 'lower-is-better')) this.bWins += 1;
    else this.aWins += 1;
  }

  merge(other: PairedSummary): void {
    if (other.direction !== this.direction) {
      throw new Error(`PairedSummary.merge: directions differ (${this.direction} vs ${other.direction})`);
    }
    this.diff.merge(other.diff);
    this.bWins += other.bWins;
    this.aWins += other.aWins;
    this.tied += other.tied;
  }

  get n(): number {
    return this.diff.n;
  }

  /** The summary of D = b − a, for intervals at other levels, quantiles or CDF points. */
  get difference(): MetricSummary {
    return this.diff;
  }

  /** Share of replications where B is strictly better, with its counts, as a mergeable Proportion. */
  bBetterProportion(): Proportion {
    const p = new Proportion();
    p.addCounts(this.bWins, this.n);
    return p;
  }

  result(): PairedResult {
    const pr = this.bBetterProportion().result();
    return {
      n: this.n,
      direction: this.direction,
      difference: this.diff.result(),
      bBetter: this.bWins,
      aBetter: this.aWins,
      ties: this.tied,
      pBBetter: pr.p,
      pBBetterCi95: pr.ci95,
    };
  }

  toJSON(): PairedSummaryJSON {
    return { direction: this.direction, difference: this.diff.toJSON(), bBetter: this.bWins, aBetter: this.aWins, ties: this.tied };
  }

  static fromJSON(value: unknown, path = ''): PairedSummary {
    const o = readObject(value, path);
    const direction = readLiteral(o, 'direction', path, ['lower-is-better', 'higher-is-better'] as const);
    const s = new PairedSummary(direction);
    s.diff = MetricSummary.fromJSON(o['difference'], child(path, 'difference'));
    s.bWins = readNumber(o, 'bBetter', path, { integer: true, min: 0 });
    s.aWins = readNumber(o, 'aBetter', path, { integer: true, min: 0 });
    s.tied = readNumber(o, 'ties', path, { integer: true, min: 0 });
    if (s.bWins + s.aWins + s.tied !== s.diff.n) {
      invalid(child(path, 'ties'), `bBetter + aBetter + ties (${s.bWins + s.aWins + s.tied}) must equal the number of pairs (${s.diff.n})`);
    }
    return s;
  }
}
