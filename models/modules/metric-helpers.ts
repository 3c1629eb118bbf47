import { type7Quantile } from '../../engine/stats/index.js';

/** Type-7 quantile of an unsorted list; null for an empty one (a breakdown cell with no values). */
export function quantileOrNull(values: readonly number[], p: number): number | null {
  return values.length === 0 ? null : type7Quantile([...values].sort((a, b) => a - b), p);
}

/** Type-7 quantile of an unsorted list (0 for an empty list: no incidents means no waiting). */
export function quantileOrZero(values: readonly number[], p: number): number {
  return quantileOrNull(values, p) ?? 0;
}
