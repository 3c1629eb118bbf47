/**
 * engine/stats: the statistics of replication batches. Everything that crosses a worker boundary
 * (MetricSummary, Moments, QuantileSummary, Proportion, PairedSummary) merges so that the result is
 * bit-identical for any chunking and merge order, and serialises to plain JSON (toJSON/fromJSON).
 */
export { ExactSum, MAX_EXACT_MAGNITUDE } from './exactSum.js';
export { Welford, type WelfordJSON } from './welford.js';
export { Moments, type MomentsJSON } from './moments.js';
export { tCritical, zCritical, meanConfidenceInterval, wilsonInterval, type ConfidenceInterval, type Interval } from './ci.js';
export {
  QuantileSummary,
  type7Quantile,
  DEFAULT_EXACT_LIMIT,
  DEFAULT_RELATIVE_ACCURACY,
  type QuantileOptions,
  type QuantileSummaryJSON,
  type ExactQuantileJSON,
  type SketchQuantileJSON,
  type SketchBinsJSON,
  type CdfPoint,
} from './quantiles.js';
export { MetricSummary, type MetricResult, type MetricSummaryJSON, type MetricSummaryOptions } from './summary.js';
export { Proportion, type ProportionResult, type ProportionJSON } from './proportion.js';
export { PairedSummary, type Direction, type PairedResult, type PairedSummaryJSON } from './paired.js';
export { TimeWeighted } from './timeWeighted.js';
