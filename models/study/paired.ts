/**
 * Paired comparison of two plans under common random numbers (docs/models/engine.md section 4): replication i
 * of plan A and replication i of plan B run with the same (seed, i), so every named stream gives both the
 * same draws, and the per-replication differences D_i = B_i - A_i are summarised per metric.
 *
 * The accumulator holds a contiguous range [first, next) of replication indices and merges only the
 * adjacent range, like the scorecard's: every part is an engine/stats summary whose merge is exact, so
 * the result is the same for any chunking and worker count.
 */
import { MetricSummary, PairedSummary, type Interval, type MetricSummaryJSON, type PairedSummaryJSON } from '../../engine/stats/index.js';
import { child, invalid, readNumber, readObject } from '../../engine/stats/json.js';
import type { MasterSeed } from '../../engine/random/index.js';
import type { CompiledPlan } from '../plan/compile.js';
import { runReplication } from '../replication.js';
import type { CompiledScenario } from '../scenario/compile.js';
import { METRIC_DIRECTION, metricDirection, type MetricName, type Metrics } from '../scoring/metrics.js';

export interface PairedAccumulatorJSON {
  format: 'drillsim-paired/1';
  first: number;
  next: number;
  a: Record<string, MetricSummaryJSON>;
  b: Record<string, MetricSummaryJSON>;
  paired: Record<string, PairedSummaryJSON>;
}

/** One metric of a comparison (`drillsim compare --json`). */
export interface MetricComparison {
  direction: 'lower-is-better' | 'higher-is-better';
  meanA: number | null;
  meanB: number | null;
  /** D = B - A: mean, sd and Student-t 95 % interval of the mean (null for n < 2). */
  difference: { mean: number | null; sd: number | null; ci95: Interval | null };
  /** Share of replications in which B is strictly better, with its Wilson 95 % interval. */
  pBBetter: number | null;
  pBBetterCi95: Interval | null;
  bBetter: number;
  aBetter: number;
  ties: number;
}

/**
 * The metrics two plans are compared on: A's scored metrics that B scores too, in A's order. Both plans
 * score the scenario's own (CompiledPlan.metrics); a metric only one plan's targets add is left out.
 */
export function pairedMetrics(a: CompiledPlan, b: CompiledPlan): string[] {
  const inB = new Set(b.metrics.map((m) => m.name));
  return a.metrics.map((m) => m.name).filter((n) => inB.has(n));
}

export class PairedAccumulator {
  private readonly firstIndex: number;
  /** The metrics compared, in order (pairedMetrics). */
  readonly names: readonly MetricName[];
  private nextIndex: number;
  private readonly a = new Map<MetricName, MetricSummary>();
  private readonly b = new Map<MetricName, MetricSummary>();
  private readonly paired = new Map<MetricName, PairedSummary>();

  constructor(first: number, names: readonly MetricName[]) {
    if (!Number.isInteger(first) || first < 0) throw new RangeError(`PairedAccumulator: first index must be an integer >= 0, got ${first}`);
    this.firstIndex = first;
    this.nextIndex = first;
    this.names = [...names];
    for (const name of names) {
      this.a.set(name, new MetricSummary());
      this.b.set(name, new MetricSummary());
      this.paired.set(name, new PairedSummary(metricDirection(name)));
    }
  }

  get first(): number {
    return this.firstIndex;
  }

  get next(): number {
    return this.nextIndex;
  }

  get replications(): number {
    return this.nextIndex - this.firstIndex;
  }

  /** Replication `index` under plan A and under plan B; indices must come in order. */
  add(index: number, a: Metrics, b: Metrics): void {
    if (index !== this.nextIndex) throw new Error(`PairedAccumulator.add: expected replication ${this.nextIndex}, got ${index}`);
    for (const name of this.names) {
      if (!Number.isFinite(a[name]) || !Number.isFinite(b[name])) {
        throw new Error(`replication ${index}: metric '${name}' is not finite (A ${String(a[name])}, B ${String(b[name])})`);
      }
    }
    for (const name of this.names) {
      const va = a[name]!;
      const vb = b[name]!;
      this.a.get(name)!.add(va);
      this.b.get(name)!.add(vb);
      this.paired.get(name)!.add(va, vb);
    }
    this.nextIndex += 1;
  }

  /** Append the adjacent range [this.next, other.next). */
  merge(other: PairedAccumulator): void {
    if (other.replications === 0) return;
    if (other.firstIndex !== this.nextIndex) {
      throw new Error(`PairedAccumulator.merge: [${other.firstIndex}, ${other.nextIndex}) does not follow [${this.firstIndex}, ${this.nextIndex}); merge in replication order`);
    }
    if (other.names.length !== this.names.length || other.names.some((n, i) => n !== this.names[i])) {
      throw new Error(`PairedAccumulator.merge: the ranges compare different metrics (${this.names.join(', ')} against ${other.names.join(', ')})`);
    }
    for (const name of this.names) {
      this.a.get(name)!.merge(other.a.get(name)!);
      this.b.get(name)!.merge(other.b.get(name)!);
      this.paired.get(name)!.merge(other.paired.get(name)!);
    }
    this.nextIndex = other.nextIndex;
  }

  pairedSummary(name: MetricName): PairedSummary {
    return this.paired.get(name)!;
  }

  metrics(): Record<MetricName, MetricComparison> {
    const out = {} as Record<MetricName, MetricComparison>;
    for (const name of this.names) {
      const p = this.paired.get(name)!.result();
      out[name] = {
        direction: p.direction,
        meanA: this.a.get(name)!.result().mean,
        meanB: this.b.get(name)!.result().mean,
        difference: { mean: p.difference.mean, sd: p.difference.sd, ci95: p.difference.ci95 },
        pBBetter: p.pBBetter,
        pBBetterCi95: p.pBBetterCi95,
        bBetter: p.bBetter,
        aBetter: p.aBetter,
        ties: p.ties,
      };
    }
    return out;
  }

  toJSON(): PairedAccumulatorJSON {
    const a: Record<string, MetricSummaryJSON> = {};
    const b: Record<string, MetricSummaryJSON> = {};
    const paired: Record<string, PairedSummaryJSON> = {};
    for (const name of this.names) {
      a[name] = this.a.get(name)!.toJSON();
      b[name] = this.b.get(name)!.toJSON();
      paired[name] = this.paired.get(name)!.toJSON();
    }
    return { format: 'drillsim-paired/1', first: this.firstIndex, next: this.nextIndex, a, b, paired };
  }

  /** Rebuild from toJSON(); malformed input is an InputError naming the JSON pointer. */
  static fromJSON(value: unknown, path = ''): PairedAccumulator {
    const o = readObject(value, path);
    if (o['format'] !== 'drillsim-paired/1') invalid(child(path, 'format'), `expected "drillsim-paired/1", got ${JSON.stringify(o['format']) ?? 'nothing'}`);
    const first = readNumber(o, 'first', path, { integer: true, min: 0 });
    const next = readNumber(o, 'next', path, { integer: true, min: first });
    // The metrics are those of the stored summaries (JSON keeps their order); each must be a known one.
    const names = Object.keys(readObject(o['paired'], child(path, 'paired')));
    for (const name of names) {
      if (!Object.prototype.hasOwnProperty.call(METRIC_DIRECTION, name)) invalid(child(child(path, 'paired'), name), `unknown metric '${name}'`);
    }
    const acc = new PairedAccumulator(first, names);
    acc.nextIndex = next;
    const n = next - first;
    for (const part of ['a', 'b', 'paired'] as const) {
      const at = child(path, part);
      const obj = readObject(o[part], at);
      const extra = Object.keys(obj).find((k) => !names.includes(k));
      if (extra !== undefined) invalid(child(at, extra), `metric '${extra}' is not among those compared (${names.join(', ')})`);
      for (const name of names) {
        const s = part === 'paired' ? PairedSummary.fromJSON(obj[name], child(at, name)) : MetricSummary.fromJSON(obj[name], child(at, name));
        if (s.n !== n) invalid(child(at, name), `holds ${s.n} values, expected ${n} (next - first)`);
        if (s instanceof PairedSummary) {
          if (s.direction !== METRIC_DIRECTION[name]) invalid(child(child(at, name), 'direction'), `expected '${METRIC_DIRECTION[name]}' for ${name}`);
          acc.paired.set(name, s);
        } else {
          acc[part as 'a' | 'b'].set(name, s);
        }
      }
    }
    return acc;
  }
}

/** Replications [first, first + count) of both plans on the same seeds. */
export function runPairedChunk(
  scenario: CompiledScenario,
  planA: CompiledPlan,
  planB: CompiledPlan,
  seed: MasterSeed,
  first: number,
  count: number,
): PairedAccumulator {
  const acc = new PairedAccumulator(first, pairedMetrics(planA, planB));
  for (let i = first; i < first + count; i++) {
    const a = runReplication(scenario, planA, seed, i);
    const b = runReplication(scenario, planB, seed, i);
    acc.add(i, a.metrics, b.metrics);
  }
  return acc;
}
