/**
 * The scorecard of a batch: per metric a MetricSummary (mean, sd, t-interval, quantiles), per plan target
 * a Proportion (P(met) with a Wilson interval), the timing of the plan itself: when each level was first
 * declared and when each clause started and was completed, as distributions over replications (drill
 * scripts give expected actions as P10/P50/P90 windows, docs/architecture.md section 6), P(on time) per clause, and
 * the breakdown per county, shelter, team, reserve, incident type and clause (breakdown.ts).
 *
 * Why an accumulator rather than a function of a result list: a 10,000-replication batch must not keep
 * 10,000 results (docs/architecture.md section 9), and the batch runner cuts replications into chunks that run on
 * workers. Every part is an engine/stats summary whose merge is exact and chunking-invariant, so
 *
 *   chunks [0, 10) + [10, 20) merged  ==  one accumulator fed 0..19   (toJSON() bit-identical).
 *
 * Accumulators hold a contiguous range [first, next) of replication indices and only accept the next
 * index (add) or the adjacent range (merge): a chunk lost, repeated or merged out of order is a bug that
 * fails loudly instead of skewing the scorecard silently.
 */
import { Value } from '@sinclair/typebox/value';
import type { MasterSeed } from '../../engine/random/index.js';
import { MetricSummary, Proportion, QuantileSummary, type Interval, type MetricResult, type MetricSummaryJSON, type ProportionJSON, type QuantileSummaryJSON } from '../../engine/stats/index.js';
import { child, invalid, readNumber, readObject } from '../../engine/stats/json.js';
import { LEVELS, levelRank, type CompiledPlan, type LevelName } from '../plan/compile.js';
import { CURVE_STEP_MIN, curvePoints, type ReplicationCurves, type ReplicationResult } from '../replication.js';
import { BreakdownAccumulator, type BreakdownJSON, type BreakdownResult } from './breakdown.js';
import { emptyBreakdown, type ReplicationBreakdown } from './breakdown-types.js';
import { checkClause, ClauseCompletion, type ClauseCompletionJSON, type ClauseCompletionStats, type ScoredClause } from './clauses.js';
import type { CompiledScenario } from '../scenario/compile.js';
import { buildTargetSchema, TargetSchema, type TargetDoc } from '../schema/plan.js';
import { ANNUAL_METRICS, METRIC_NAMES, type MetricName } from './metrics.js';

export type TargetOp = TargetDoc['op'];

/** What a scorecard is about; fixed when the batch starts and carried by every chunk. */
export interface ScorecardSpec {
  scenario: string;
  plan: string;
  seed: MasterSeed;
  /** The scenario's start instant (ISO-8601 with offset): level and action times are minutes after it. */
  start: string;
  targets: TargetDoc[];
  /** The plan's levels, in plan order. */
  levels: string[];
  /** The plan's clause ids, in plan order. */
  actions: string[];
  /** The grid of the outcome curves (minutes between points, number of points); absent: no curves kept. */
  curves?: { stepMin: number; points: number };
  /**
   * The metrics scored, in order: the plan's (CompiledPlan.metrics: the scenario's hazards, the response
   * modules serving them, the targets' metrics). Absent in scorecards written before it: every built-in one.
   */
  metrics?: string[];
  /** The confidence targets are judged at (the plan's `confidence`; absent: DEFAULT_TARGET_CONFIDENCE). */
  confidence?: number;
}

/**
 * The names among `names` a plan does not score (CompiledPlan.metrics), for located errors: a precision
 * rule or a screening on a metric the scenario's hazards do not produce would wait on a summary never kept.
 */
export function unscoredMetrics(plan: CompiledPlan, names: Iterable<string>): string[] {
  const scored = new Set(plan.metrics.map((m) => m.name));
  return [...names].filter((n) => !scored.has(n));
}

/** The metric names a spec scores. */
export function specMetrics(spec: ScorecardSpec): readonly string[] {
  return spec.metrics ?? METRIC_NAMES;
}

const CURVE_NAMES = ['evacuated', 'warnedShare'] as const satisfies ReadonlyArray<keyof ReplicationCurves>;
type CurveName = (typeof CURVE_NAMES)[number];
/** Curves keep a few exact values per point, then a sketch: their JSON crosses threads after every chunk. */
const CURVE_SUMMARY = { exactLimit: 64 } as const;

export function scorecardSpec(scenario: CompiledScenario, plan: CompiledPlan, seed: MasterSeed): ScorecardSpec {
  return {
    scenario: scenario.id,
    plan: plan.id,
    seed,
    start: scenario.startIso,
    targets: plan.targets.map((t) => ({ ...t })),
    ...(plan.confidence !== DEFAULT_TARGET_CONFIDENCE ? { confidence: plan.confidence } : {}),
    metrics: plan.metrics.map((m) => m.name),
    levels: plan.levels.map((l) => l.level),
    actions: [...plan.actionIds],
    curves: { stepMin: CURVE_STEP_MIN, points: curvePoints(scenario.horizonMin) },
  };
}

/** Per metric in the scorecard (`--json`): MetricSummary's result without its n (that is `replications`). */
export type MetricStats = Omit<MetricResult, 'n'>;

export interface TargetVerdict {
  metric: MetricName;
  op: TargetOp;
  value: number;
  /** Share of replications in which the target held; null without replications. */
  pMet: number | null;
  /** Wilson score 95 % interval of pMet. */
  pMetCi95: Interval | null;
  /**
   * The verdict against the confidence the plan asks for (ScorecardSpec.confidence, default 0.9):
   * 'met' when the Wilson 95 % interval of P(met) lies at or above it (the target holds in at least that
   * share of events, and we are sure of it), 'not met' when the interval lies wholly below it, 'uncertain'
   * when it straddles it (more replications would tell), 'not judged' for an indicator defined per year
   * (deaths per million a year), which one event cannot meet or miss. null without replications.
   */
  verdict: TargetVerdictWord | null;
  /** verdict === 'met' (null without replications or when not judged). */
  met: boolean | null;
  /** The confidence the verdict was judged at. */
  confidence: number;
  /** True for an indicator defined per year: P(met) is shown, the verdict is 'not judged'. */
  annual?: true;
  label?: string;
  source?: string;
}

export type TargetVerdictWord = 'met' | 'not met' | 'uncertain' | 'not judged';

/** The confidence a target must be met with when the plan does not say (DESIGN: "at the confidence the plan states"). */
export const DEFAULT_TARGET_CONFIDENCE = 0.9;

/** The verdict on P(met) with its Wilson interval at a confidence (see TargetVerdict.verdict). */
export function targetVerdict(ci95: Interval | null, confidence: number, annual: boolean): TargetVerdictWord | null {
  if (ci95 === null) return null;
  if (annual) return 'not judged';
  if (ci95[0] >= confidence) return 'met';
  if (ci95[1] < confidence) return 'not met';
  return 'uncertain';
}

/** When a level was first declared, in minutes from the scenario start. */
export interface LevelTiming {
  /** Share of replications in which the level was declared at all. */
  declaredIn: number | null;
  /** Quantiles over the replications that declared it; null if none did. */
  p10: number | null;
  p50: number | null;
  p90: number | null;
}

/** When a clause started and was completed, in minutes from the scenario start, and whether on time (clauses.ts). */
export interface ActionTiming extends ClauseCompletionStats {
  /** Replications in which the clause was carried out (started). */
  n: number;
  /** Start time quantiles over the replications that started it. */
  p10: number | null;
  p50: number | null;
  p90: number | null;
}

/** An outcome curve over the replications: at each grid time, the mean and the 5-95 % range. */
export interface CurveStats {
  mean: Array<number | null>;
  p05: Array<number | null>;
  p95: Array<number | null>;
}

export interface Curves {
  /** Minutes from the start of each point. */
  t: number[];
  evacuated: CurveStats;
  warnedShare: CurveStats;
}

/** The scorecard object of `drillsim run --json` (issue 4 item 6, plus `start`, `levels`, `actions`, `curves`). */
export interface Scorecard {
  scenario: string;
  plan: string;
  seed: MasterSeed;
  replications: number;
  start: string;
  metrics: Record<MetricName, MetricStats>;
  targets: TargetVerdict[];
  levels: Record<string, LevelTiming>;
  actions: Record<string, ActionTiming>;
  curves?: Curves;
  /** Per county, shelter, team, reserve, incident type and clause (breakdown.ts says how rows are counted). */
  breakdown: BreakdownResult;
}

export interface ScorecardJSON {
  format: 'drillsim-scorecard/1';
  spec: ScorecardSpec;
  first: number;
  next: number;
  metrics: Record<string, MetricSummaryJSON>;
  targets: ProportionJSON[];
  levels: Record<string, { declared: ProportionJSON; times: QuantileSummaryJSON }>;
  actions: Record<string, QuantileSummaryJSON>;
  curves?: Record<CurveName, MetricSummaryJSON[]>;
  /**
   * Added by issue 10 without a format bump. Required by fromJSON: a chunk from a build without them
   * merged with newer chunks would cover only part of the replications and skew every share silently,
   * and a batch is a pure function of (scenario, plan, seed), so an old one is rerun, not converted.
   */
  completion: Record<string, ClauseCompletionJSON>;
  breakdown: BreakdownJSON;
}

/**
 * What the scorecard reads of a replication: a ReplicationResult, whose `breakdown` and clause `onTime`
 * are optional here so that results built by hand (tests, older producers) still score: a result without
 * a breakdown lists no rows, and a clause record without onTime is judged by {@link clauseOnTime}.
 */
export type ScoredReplication = Omit<ReplicationResult, 'actions' | 'breakdown'> & {
  actions: readonly ScoredClause[];
  breakdown?: ReplicationBreakdown;
};

export { clauseOnTime, type ClauseCompletionJSON, type ScoredClause } from './clauses.js';

/** Does `value` meet `op target`? '==' is exact equality (targets such as deaths == 0 are counts). */
export function targetHolds(value: number, op: TargetOp, target: number): boolean {
  switch (op) {
    case '<=':
      return value <= target;
    case '<':
      return value < target;
    case '>=':
      return value >= target;
    case '>':
      return value > target;
    case '==':
      return value === target;
  }
}

/** Rank of a level name; 0 for 'none' (stood down to no level) and for names that are no level. */
function rankOf(level: string): number {
  return (LEVELS as readonly string[]).includes(level) ? levelRank(level as LevelName) : 0;
}

/**
 * First declaration time of each level in one replication. ReplicationResult.levels lists declarations
 * and stand-downs alike (a stand-down records the level stepped down to, or 'none'); a declaration is an
 * entry of higher rank than the one before it, because the interpreter only ever declares upwards.
 */
export function firstDeclarations(levels: ReadonlyArray<{ level: string; t: number }>): Map<string, number> {
  const out = new Map<string, number>();
  let previous = 0;
  for (const { level, t } of levels) {
    const rank = rankOf(level);
    if (rank > previous && !out.has(level)) out.set(level, t);
    previous = rank;
  }
  return out;
}

const TIMING_PS = [0.1, 0.5, 0.9] as const;

function timing(q: QuantileSummary): { p10: number | null; p50: number | null; p90: number | null } {
  if (q.count === 0) return { p10: null, p50: null, p90: null };
  const [p10, p50, p90] = q.quantiles(TIMING_PS) as [number, number, number];
  return { p10, p50, p90 };
}

/** Field by field, so that key order (a spec rebuilt from JSON, written by hand) does not matter. */
function sameSpec(a: ScorecardSpec, b: ScorecardSpec): boolean {
  const sameList = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return (
    a.scenario === b.scenario &&
    a.plan === b.plan &&
    a.seed === b.seed &&
    a.start === b.start &&
    (a.confidence ?? DEFAULT_TARGET_CONFIDENCE) === (b.confidence ?? DEFAULT_TARGET_CONFIDENCE) &&
    sameList(a.levels, b.levels) &&
    sameList(a.actions, b.actions) &&
    sameList(specMetrics(a), specMetrics(b)) &&
    a.curves?.stepMin === b.curves?.stepMin &&
    a.curves?.points === b.curves?.points &&
    a.targets.length === b.targets.length &&
    a.targets.every((t, i) => {
      const u = b.targets[i]!;
      return t.metric === u.metric && t.op === u.op && t.value === u.value && t.label === u.label && t.source === u.source;
    })
  );
}

export class ScorecardAccumulator {
  readonly spec: ScorecardSpec;
  private readonly firstIndex: number;
  private nextIndex: number;
  private readonly metrics = new Map<MetricName, MetricSummary>();
  private readonly targets: Proportion[];
  private readonly levels = new Map<string, { declared: Proportion; times: QuantileSummary }>();
  private readonly actions = new Map<string, QuantileSummary>();
  private readonly completion = new Map<string, ClauseCompletion>();
  private breakdown = new BreakdownAccumulator();
  private readonly curves: Record<CurveName, MetricSummary[]> | null;

  /** An empty accumulator for the replications starting at index `first` (0 for a whole batch). */
  constructor(spec: ScorecardSpec, first = 0) {
    if (!Number.isInteger(first) || first < 0) throw new RangeError(`ScorecardAccumulator: first index must be an integer >= 0, got ${first}`);
    this.spec = spec;
    this.firstIndex = first;
    this.nextIndex = first;
    for (const name of specMetrics(spec)) this.metrics.set(name, new MetricSummary());
    this.targets = spec.targets.map(() => new Proportion());
    for (const level of spec.levels) this.levels.set(level, { declared: new Proportion(), times: new QuantileSummary() });
    for (const id of spec.actions) {
      this.actions.set(id, new QuantileSummary());
      this.completion.set(id, new ClauseCompletion());
    }
    const grid = spec.curves;
    this.curves =
      grid === undefined
        ? null
        : {
            evacuated: Array.from({ length: grid.points }, () => new MetricSummary(CURVE_SUMMARY)),
            warnedShare: Array.from({ length: grid.points }, () => new MetricSummary(CURVE_SUMMARY)),
          };
  }

  /** Replication indices held: [first, next). */
  get first(): number {
    return this.firstIndex;
  }

  get next(): number {
    return this.nextIndex;
  }

  get replications(): number {
    return this.nextIndex - this.firstIndex;
  }

  /** The summary of one metric (stopping rules read its half-width). */
  metric(name: MetricName): MetricSummary {
    return this.metrics.get(name)!;
  }

  /** Feed the next replication; results must come in replication order. */
  add(result: ScoredReplication): void {
    if (result.index !== this.nextIndex) {
      throw new Error(`ScorecardAccumulator.add: expected replication ${this.nextIndex}, got ${result.index} (results must come in replication order)`);
    }
    // Check everything before changing anything, so a rejected result leaves the accumulator as it was.
    for (const name of specMetrics(this.spec)) {
      const v = result.metrics[name];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new Error(`replication ${result.index}: metric '${name}' is ${String(v)}, not a finite number`);
      }
    }
    for (const a of result.actions) {
      if (!this.actions.has(a.id)) throw new Error(`replication ${result.index}: clause '${a.id}' is not in the plan this scorecard is for`);
      checkClause(a, result.index);
    }
    if (this.curves !== null) {
      for (const name of CURVE_NAMES) {
        const values = result.curves[name];
        if (values.length !== this.curves[name].length || !values.every((v) => Number.isFinite(v))) {
          throw new Error(`replication ${result.index}: curve '${name}' must hold ${this.curves[name].length} finite values`);
        }
      }
    }
    // Last of the checks and first of the changes: add() checks the whole breakdown before it changes anything.
    this.breakdown.add(result.breakdown ?? emptyBreakdown(), `replication ${result.index}: breakdown`);
    // Checked finite above; a target's metric is one of METRIC_NAMES (the plan schema says so). The cast
    // keeps this line independent of whether Metrics is a closed record or a registry-derived one.
    const value = (name: MetricName): number => result.metrics[name] as number;
    for (const name of specMetrics(this.spec)) this.metrics.get(name)!.add(value(name));
    this.spec.targets.forEach((t, i) => this.targets[i]!.add(targetHolds(value(t.metric), t.op, t.value)));
    const declared = firstDeclarations(result.levels);
    for (const [level, s] of this.levels) {
      const t = declared.get(level);
      s.declared.add(t !== undefined);
      if (t !== undefined) s.times.add(t);
    }
    // A clause runs at most once per replication; keep the first record anyway so n stays "replications".
    const records = new Map<string, ScoredClause>();
    for (const a of result.actions) if (!records.has(a.id)) records.set(a.id, a);
    for (const [id, c] of this.completion) {
      const a = records.get(id);
      if (a !== undefined) this.actions.get(id)!.add(a.startedAt);
      c.add(a);
    }
    if (this.curves !== null) {
      for (const name of CURVE_NAMES) result.curves[name].forEach((v, k) => this.curves![name][k]!.add(v));
    }
    this.nextIndex += 1;
  }

  /** Append the adjacent chunk `other` ([this.next, other.next)); `other` is unchanged. */
  merge(other: ScorecardAccumulator): void {
    if (!sameSpec(this.spec, other.spec)) throw new Error('ScorecardAccumulator.merge: the chunks are of different batches (scenario, plan, seed or targets differ)');
    if (other.replications === 0) return;
    if (other.firstIndex !== this.nextIndex) {
      throw new Error(
        `ScorecardAccumulator.merge: chunk [${other.firstIndex}, ${other.nextIndex}) does not follow [${this.firstIndex}, ${this.nextIndex}); merge chunks in replication order`,
      );
    }
    for (const [name, s] of this.metrics) s.merge(other.metrics.get(name)!);
    this.targets.forEach((p, i) => p.merge(other.targets[i]!));
    for (const [level, s] of this.levels) {
      const o = other.levels.get(level)!;
      s.declared.merge(o.declared);
      s.times.merge(o.times);
    }
    for (const [id, q] of this.actions) q.merge(other.actions.get(id)!);
    for (const [id, c] of this.completion) c.merge(other.completion.get(id)!);
    this.breakdown.merge(other.breakdown);
    if (this.curves !== null) {
      for (const name of CURVE_NAMES) this.curves[name].forEach((m, k) => m.merge(other.curves![name][k]!));
    }
    this.nextIndex = other.nextIndex;
  }

  result(): Scorecard {
    const metrics = {} as Record<MetricName, MetricStats>;
    for (const name of specMetrics(this.spec)) {
      const { n: _n, ...stats } = this.metrics.get(name)!.result();
      metrics[name] = stats;
    }
    const confidence = this.spec.confidence ?? DEFAULT_TARGET_CONFIDENCE;
    const targets = this.spec.targets.map((t, i): TargetVerdict => {
      const r = this.targets[i]!.result();
      const annual = ANNUAL_METRICS.has(t.metric);
      const verdict = targetVerdict(r.ci95, confidence, annual);
      return {
        metric: t.metric,
        op: t.op,
        value: t.value,
        pMet: r.p,
        pMetCi95: r.ci95,
        verdict,
        met: verdict === null || verdict === 'not judged' ? null : verdict === 'met',
        confidence,
        ...(annual ? { annual: true as const } : {}),
        ...(t.label !== undefined ? { label: t.label } : {}),
        ...(t.source !== undefined ? { source: t.source } : {}),
      };
    });
    const levels: Record<string, LevelTiming> = {};
    for (const [level, s] of this.levels) {
      levels[level] = { declaredIn: s.declared.trials === 0 ? null : s.declared.p, ...timing(s.times) };
    }
    const actions: Record<string, ActionTiming> = {};
    for (const [id, q] of this.actions) actions[id] = { n: q.count, ...timing(q), ...this.completion.get(id)!.result() };
    return {
      scenario: this.spec.scenario,
      plan: this.spec.plan,
      seed: this.spec.seed,
      replications: this.replications,
      start: this.spec.start,
      metrics,
      targets,
      levels,
      actions,
      ...(this.curves !== null && this.spec.curves !== undefined ? { curves: this.curveStats(this.spec.curves.stepMin) } : {}),
      breakdown: this.breakdown.result(),
    };
  }

  private curveStats(stepMin: number): Curves {
    const stats = (list: MetricSummary[]): CurveStats => {
      const out: CurveStats = { mean: [], p05: [], p95: [] };
      for (const m of list) {
        const r = m.result();
        out.mean.push(r.mean);
        out.p05.push(r.p05);
        out.p95.push(r.p95);
      }
      return out;
    };
    const curves = this.curves!;
    return { t: curves.evacuated.map((_, k) => k * stepMin), evacuated: stats(curves.evacuated), warnedShare: stats(curves.warnedShare) };
  }

  /** Plain JSON for worker transfer and storage; canonical (identical for any chunking of the same range). */
  toJSON(): ScorecardJSON {
    const metrics: Record<string, MetricSummaryJSON> = {};
    for (const [name, s] of this.metrics) metrics[name] = s.toJSON();
    const levels: ScorecardJSON['levels'] = {};
    for (const [level, s] of this.levels) levels[level] = { declared: s.declared.toJSON(), times: s.times.toJSON() };
    const actions: Record<string, QuantileSummaryJSON> = {};
    for (const [id, q] of this.actions) actions[id] = q.toJSON();
    const completion: Record<string, ClauseCompletionJSON> = {};
    for (const [id, c] of this.completion) completion[id] = c.toJSON();
    return {
      format: 'drillsim-scorecard/1',
      spec: this.spec,
      first: this.firstIndex,
      next: this.nextIndex,
      metrics,
      targets: this.targets.map((p) => p.toJSON()),
      levels,
      actions,
      ...(this.curves !== null
        ? { curves: { evacuated: this.curves.evacuated.map((m) => m.toJSON()), warnedShare: this.curves.warnedShare.map((m) => m.toJSON()) } }
        : {}),
      completion,
      breakdown: this.breakdown.toJSON(),
    };
  }

  /** Rebuild from toJSON(); malformed input is an InputError naming the JSON pointer. */
  static fromJSON(value: unknown, path = ''): ScorecardAccumulator {
    const o = readObject(value, path);
    if (o['format'] !== 'drillsim-scorecard/1') invalid(child(path, 'format'), `expected "drillsim-scorecard/1", got ${JSON.stringify(o['format']) ?? 'nothing'}`);
    const spec = readSpec(o['spec'], child(path, 'spec'));
    const first = readNumber(o, 'first', path, { integer: true, min: 0 });
    const next = readNumber(o, 'next', path, { integer: true, min: first });
    const n = next - first;
    const acc = new ScorecardAccumulator(spec, first);
    acc.nextIndex = next;

    const metricsPath = child(path, 'metrics');
    const metrics = readObject(o['metrics'], metricsPath);
    for (const name of specMetrics(spec)) {
      const s = MetricSummary.fromJSON(metrics[name], child(metricsPath, name));
      if (s.n !== n) invalid(child(metricsPath, name), `holds ${s.n} values, expected ${n} (next - first)`);
      acc.metrics.set(name, s);
    }
    const targetsPath = child(path, 'targets');
    const targets = o['targets'];
    if (!Array.isArray(targets) || targets.length !== spec.targets.length) invalid(targetsPath, `expected an array of ${spec.targets.length} proportions (one per target)`);
    targets.forEach((t, i) => {
      const p = Proportion.fromJSON(t, child(targetsPath, i));
      if (p.trials !== n) invalid(child(child(targetsPath, i), 'trials'), `expected ${n} trials, got ${p.trials}`);
      acc.targets[i] = p;
    });
    const levelsPath = child(path, 'levels');
    const levels = readObject(o['levels'], levelsPath);
    for (const level of spec.levels) {
      const at = child(levelsPath, level);
      const l = readObject(levels[level], at);
      const declared = Proportion.fromJSON(l['declared'], child(at, 'declared'));
      const times = QuantileSummary.fromJSON(l['times'], child(at, 'times'));
      if (declared.trials !== n) invalid(child(child(at, 'declared'), 'trials'), `expected ${n} trials, got ${declared.trials}`);
      if (times.count !== declared.successes) invalid(child(child(at, 'times'), 'n'), `expected ${declared.successes} times (one per declaration), got ${times.count}`);
      acc.levels.set(level, { declared, times });
    }
    const actionsPath = child(path, 'actions');
    const actions = readObject(o['actions'], actionsPath);
    for (const id of spec.actions) {
      const q = QuantileSummary.fromJSON(actions[id], child(actionsPath, id));
      if (q.count > n) invalid(child(child(actionsPath, id), 'n'), `a clause starts at most once per replication: ${q.count} > ${n}`);
      acc.actions.set(id, q);
    }
    const completionPath = child(path, 'completion');
    const completion = readObject(o['completion'], completionPath);
    for (const id of spec.actions) {
      acc.completion.set(id, ClauseCompletion.fromJSON(completion[id], child(completionPath, id), n, acc.actions.get(id)!.count));
    }
    acc.breakdown = BreakdownAccumulator.fromJSON(o['breakdown'], child(path, 'breakdown'));
    if (acc.breakdown.replications !== n) invalid(child(child(path, 'breakdown'), 'replications'), `expected ${n} (next - first), got ${acc.breakdown.replications}`);
    if (acc.curves !== null) {
      const curvesPath = child(path, 'curves');
      const curves = readObject(o['curves'], curvesPath);
      for (const name of CURVE_NAMES) {
        const at = child(curvesPath, name);
        const list = curves[name];
        if (!Array.isArray(list) || list.length !== acc.curves[name].length) invalid(at, `expected an array of ${acc.curves[name].length} summaries`);
        list.forEach((v, k) => {
          const m = MetricSummary.fromJSON(v, child(at, k));
          if (m.n !== n) invalid(child(at, k), `holds ${m.n} values, expected ${n}`);
          acc.curves![name][k] = m;
        });
      }
    }
    return acc;
  }
}

function readStringArray(v: unknown, path: string): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) invalid(path, 'expected an array of strings');
  return [...(v as string[])];
}

function readSpec(value: unknown, path: string): ScorecardSpec {
  const o = readObject(value, path);
  const str = (key: string): string => {
    const v = o[key];
    if (typeof v !== 'string') invalid(child(path, key), 'expected a string');
    return v;
  };
  const seed = o['seed'];
  if (typeof seed !== 'string' && !(typeof seed === 'number' && Number.isInteger(seed) && seed >= 0)) {
    invalid(child(path, 'seed'), 'expected a non-negative integer or a string');
  }
  const metrics = o['metrics'] !== undefined ? readStringArray(o['metrics'], child(path, 'metrics')) : undefined;
  // Targets may name any metric the spec scores (a registry with more modules scores more).
  const targetSchema = metrics !== undefined ? buildTargetSchema(metrics) : TargetSchema;
  const targets = o['targets'];
  if (!Array.isArray(targets)) invalid(child(path, 'targets'), 'expected an array of targets');
  targets.forEach((t, i) => {
    if (!Value.Check(targetSchema, t)) invalid(child(child(path, 'targets'), i), 'expected a target { metric, op, value, label?, source? }');
  });
  return {
    scenario: str('scenario'),
    plan: str('plan'),
    seed,
    start: str('start'),
    targets: (targets as TargetDoc[]).map((t) => ({ ...t })),
    levels: readStringArray(o['levels'], child(path, 'levels')),
    actions: readStringArray(o['actions'], child(path, 'actions')),
    ...(o['curves'] !== undefined ? { curves: readCurveGrid(o['curves'], child(path, 'curves')) } : {}),
    ...(metrics !== undefined ? { metrics } : {}),
    ...(o['confidence'] !== undefined ? { confidence: readNumber(o, 'confidence', path, { min: 0 }) } : {}),
  };
}

function readCurveGrid(value: unknown, path: string): { stepMin: number; points: number } {
  const o = readObject(value, path);
  return { stepMin: readNumber(o, 'stepMin', path, { min: 0 }), points: readNumber(o, 'points', path, { integer: true, min: 0 }) };
}
