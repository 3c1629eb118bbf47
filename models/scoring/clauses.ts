/**
 * Clause completion over a batch (issue 10 item 7): per plan clause, the share of replications in which
 * it was completed, when (p10/p50/p90), and P(on time) with its Wilson interval. A part of the scorecard,
 * kept apart so scorecard.ts stays one concern per screen.
 *
 * The trials of P(on time) are the replications in which the clause started with a deadline: a clause
 * that never started was not late (its trigger never held; the level timings say so), and one without a
 * deadline cannot be. A clause that started with a deadline and never completed missed it. Like every
 * scorecard part, the state is a pair of Proportions (integers) and a QuantileSummary, whose merges are
 * exact, so the result is the same for any chunking.
 */
import { Proportion, QuantileSummary, type Interval, type ProportionJSON, type QuantileSummaryJSON } from '../../engine/stats/index.js';
import { child, invalid, readObject } from '../../engine/stats/json.js';

/** What the scorecard reads of a clause record (ReplicationResult's action records have all of it and more). */
export interface ScoredClause {
  id: string;
  startedAt: number;
  deadlineAt: number | null;
  completedAt: number | null;
  /** The completing module's verdict; without one, {@link clauseOnTime} judges from the times. */
  onTime?: boolean | null;
}

/**
 * Whether a clause was on time: completed by its deadline; a deadline not met by completing is missed
 * (false), even when the clause never completed; null when the clause has no deadline.
 */
export function clauseOnTime(a: { deadlineAt: number | null; completedAt: number | null }): boolean | null {
  if (a.deadlineAt === null) return null;
  return a.completedAt !== null && a.completedAt <= a.deadlineAt;
}

/** Throws (naming the replication) on a record whose times or verdict cannot be scored. */
export function checkClause(a: ScoredClause, replication: number): void {
  const { startedAt, deadlineAt, completedAt, onTime } = a;
  if (!Number.isFinite(startedAt) || (deadlineAt !== null && !Number.isFinite(deadlineAt))) {
    throw new Error(`replication ${replication}: clause '${a.id}' has a start ${startedAt} or deadline ${String(deadlineAt)} that is not a finite number`);
  }
  if (completedAt !== null && !(Number.isFinite(completedAt) && completedAt >= startedAt)) {
    throw new Error(`replication ${replication}: clause '${a.id}' completed at ${completedAt}, not a finite time after its start ${startedAt}`);
  }
  if (onTime !== undefined && onTime !== null && typeof onTime !== 'boolean') {
    throw new Error(`replication ${replication}: clause '${a.id}' has onTime ${String(onTime)}, not a boolean or null`);
  }
}

/** The completion part of a clause's ActionTiming. */
export interface ClauseCompletionStats {
  /** Share of all replications in which the clause was completed by the horizon; null without replications. */
  completed: number | null;
  /** Completion time quantiles (minutes from the scenario start) over the replications that completed it. */
  completedP10: number | null;
  completedP50: number | null;
  completedP90: number | null;
  /** Replications in which the clause started with a deadline: the trials of pOnTime. */
  withDeadline: number;
  /**
   * Share of `withDeadline` replications in which it was completed by its deadline; one that never
   * completed missed it. null when no replication started it with a deadline.
   */
  pOnTime: number | null;
  /** Wilson score 95 % interval of pOnTime. */
  pOnTimeCi95: Interval | null;
}

/** Per clause: completed (trials: every replication), on time (trials: started with a deadline), completion times. */
export interface ClauseCompletionJSON {
  completed: ProportionJSON;
  onTime: ProportionJSON;
  times: QuantileSummaryJSON;
}

const TIMING_PS = [0.1, 0.5, 0.9] as const;

export class ClauseCompletion {
  private completed = new Proportion();
  private onTime = new Proportion();
  private times = new QuantileSummary();

  /** One replication: the clause's (checked) record, or undefined when the clause did not start. */
  add(record: ScoredClause | undefined): void {
    const completedAt = record?.completedAt ?? null;
    this.completed.add(completedAt !== null);
    if (completedAt !== null) this.times.add(completedAt);
    // The record's own verdict when it carries one (the module that completed it judged it).
    const onTime = record === undefined ? null : record.onTime !== undefined ? record.onTime : clauseOnTime(record);
    if (onTime !== null) this.onTime.add(onTime);
  }

  merge(other: ClauseCompletion): void {
    this.completed.merge(other.completed);
    this.onTime.merge(other.onTime);
    this.times.merge(other.times);
  }

  result(): ClauseCompletionStats {
    const [p10, p50, p90] = this.times.count === 0 ? [null, null, null] : (this.times.quantiles(TIMING_PS) as [number, number, number]);
    const onTime = this.onTime.result();
    return {
      completed: this.completed.trials === 0 ? null : this.completed.p,
      completedP10: p10,
      completedP50: p50,
      completedP90: p90,
      withDeadline: onTime.n,
      pOnTime: onTime.p,
      pOnTimeCi95: onTime.ci95,
    };
  }

  toJSON(): ClauseCompletionJSON {
    return { completed: this.completed.toJSON(), onTime: this.onTime.toJSON(), times: this.times.toJSON() };
  }

  /**
   * Rebuild from toJSON() and check it against the batch: `replications` in the chunk and `started`, the
   * replications in which the clause started (its start-time count). Errors are located InputErrors.
   */
  static fromJSON(value: unknown, path: string, replications: number, started: number): ClauseCompletion {
    const c = readObject(value, path);
    const out = new ClauseCompletion();
    const completed = Proportion.fromJSON(c['completed'], child(path, 'completed'));
    const onTime = Proportion.fromJSON(c['onTime'], child(path, 'onTime'));
    const times = QuantileSummary.fromJSON(c['times'], child(path, 'times'));
    if (completed.trials !== replications) invalid(child(child(path, 'completed'), 'trials'), `expected ${replications} trials, got ${completed.trials}`);
    if (completed.successes > started) invalid(child(child(path, 'completed'), 'successes'), `${completed.successes} completions of a clause started ${started} times`);
    if (onTime.trials > started) invalid(child(child(path, 'onTime'), 'trials'), `${onTime.trials} judged deadlines of a clause started ${started} times`);
    if (onTime.successes > completed.successes) invalid(child(child(path, 'onTime'), 'successes'), `${onTime.successes} on time but only ${completed.successes} completed`);
    if (times.count !== completed.successes) invalid(child(child(path, 'times'), 'n'), `expected ${completed.successes} times (one per completion), got ${times.count}`);
    out.completed = completed;
    out.onTime = onTime;
    out.times = times;
    return out;
  }
}
