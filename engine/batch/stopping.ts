/**
 * The precision stopping rule (docs/models/engine.md section 5): stop once every listed metric's 95 % CI half-width is at
 * most its target. It is checked at chunk boundaries, on the merged-in-order aggregate, so the stopping
 * point depends only on the chunk size and the data - the same for any worker count or machine count.
 */
import { InputError } from '../errors.js';

export interface PrecisionTarget {
  metric: string;
  /** Absolute half-width of the 95 % confidence interval of the metric's mean. */
  halfWidth: number;
}

export interface PrecisionRule {
  targets: PrecisionTarget[];
  /**
   * Replications before the rule may stop: a t-interval from a handful of values can be narrow by chance
   * (docs/models/engine.md section 5: 10-20 pilot replications).
   */
  minReplications: number;
}

export const DEFAULT_MIN_REPLICATIONS = 20;

/**
 * Parse `metric=halfwidth[,metric=halfwidth...]` (the `--precision` option). Unknown metrics, bad or
 * non-positive half-widths and repeated metrics are InputErrors naming the option.
 */
export function parsePrecision(text: string, knownMetrics: readonly string[], option = '--precision'): PrecisionTarget[] {
  const targets: PrecisionTarget[] = [];
  const problems: string[] = [];
  const parts = text.split(',').map((p) => p.trim());
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      problems.push(`'${part}' is not metric=halfwidth`);
      continue;
    }
    const metric = part.slice(0, eq).trim();
    const valueText = part.slice(eq + 1).trim();
    const value = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(valueText) ? Number(valueText) : NaN;
    if (!knownMetrics.includes(metric)) problems.push(`unknown metric '${metric}' (known: ${knownMetrics.join(', ')})`);
    else if (!(value > 0) || !Number.isFinite(value)) problems.push(`${metric}: the half-width must be a positive number, got '${valueText}'`);
    else if (targets.some((t) => t.metric === metric)) problems.push(`${metric} is listed twice`);
    else targets.push({ metric, halfWidth: value });
  }
  if (problems.length > 0) {
    throw new InputError(problems.map((message) => ({ path: '', message: `${option}: ${message}` })));
  }
  return targets;
}

/** Has every target been reached? `halfWidthOf` gives the current half-width (null: not enough data). */
export function precisionReached(rule: PrecisionRule, replications: number, halfWidthOf: (metric: string) => number | null): boolean {
  if (replications < Math.max(2, rule.minReplications)) return false;
  return rule.targets.every((t) => {
    const h = halfWidthOf(t.metric);
    return h !== null && h <= t.halfWidth;
  });
}
