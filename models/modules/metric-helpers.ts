import { type7Quantile } from '../../engine/stats/index.js';

/** Type-7 quantile of an unsorted list (0 for an empty list: no incidents means no waiting). */
export function quantileOrZero(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  return type7Quantile([...values].sort((a, b) => a - b), p);
}
