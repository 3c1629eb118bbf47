/**
 * The metric list, derived from the module registry: each module defines its metrics (name, unit,
 * direction, description, the observer that computes it), so adding one never edits this file.
 */
import type { MetricDirection } from '../modules/types.js';
import { REGISTRY } from '../registry.js';
import type { MetricName } from '../schema/plan.js';

export type { MetricName };
export { METRIC_NAMES } from '../schema/plan.js';
export { quantileOrZero } from '../modules/metric-helpers.js';

/** One replication's outcome: a small numeric record (docs/architecture.md section 1), by metric name. */
export type Metrics = Record<MetricName, number>;

/** Which way is better, for comparisons and P(B better than A). */
export const METRIC_DIRECTION: Readonly<Record<MetricName, MetricDirection>> = Object.fromEntries(REGISTRY.metrics.map((m) => [m.name, m.direction]));

/** What each metric measures, for tables, charts and docs. */
export const METRIC_INFO: Readonly<Record<MetricName, { unit: string; description: string }>> = Object.fromEntries(
  REGISTRY.metrics.map((m) => [m.name, { unit: m.unit, description: m.description }]),
);

/** Indicators defined per year (a plan's "deaths per million a year"): one event neither meets nor misses them. */
export const ANNUAL_METRICS: ReadonlySet<MetricName> = new Set(REGISTRY.metrics.filter((m) => m.annual === true).map((m) => m.name));

/** The direction of a metric (lower is better for a name the registry does not know: never reached after validation). */
export function metricDirection(name: string): MetricDirection {
  return METRIC_DIRECTION[name] ?? 'lower-is-better';
}
