/**
 * The range of an arc-weights array that the bucket search needs (search.ts runBuckets: the bucket width
 * and the ring size): the smallest positive and the largest finite weight. A scan of every arc is 0.5-1 ms
 * on a 100k-junction region; large regions rewrite one known-weights array in place at every change of the
 * known states (road-network.ts), and a scan after each rewrite was 17 % of a flood replication's search
 * time there. The range after a rewrite follows exactly from the base array's range and the arcs rewritten,
 * unless every arc at one end of the base range was among them (then it is scanned): the same numbers as a
 * scan, so the same buckets and the same trees.
 */

/** [smallest positive weight, largest finite weight]; Infinity and 0 when there are none. */
export type WeightRange = readonly [min: number, max: number];

export function scanWeightRange(weights: ArrayLike<number>): WeightRange {
  let min = Infinity;
  let max = 0;
  for (let a = 0; a < weights.length; a++) {
    const x = weights[a]!;
    if (x < Infinity) {
      if (x > max) max = x;
      if (x > 0 && x < min) min = x;
    }
  }
  return [min, max];
}

/** A base array's range, with how many arcs sit at each end of it. */
export class BaseWeightRange {
  readonly min: number;
  readonly max: number;
  private readonly minCount: number;
  private readonly maxCount: number;

  constructor(private readonly base: Float64Array) {
    [this.min, this.max] = scanWeightRange(base);
    let minCount = 0;
    let maxCount = 0;
    for (let a = 0; a < base.length; a++) {
      if (base[a] === this.min) minCount++;
      if (base[a] === this.max) maxCount++;
    }
    this.minCount = minCount;
    this.maxCount = maxCount;
  }

  /**
   * The range of `weights`, equal to the base array except at arcs[0 .. count) (each listed once): exactly
   * what scanWeightRange(weights) gives.
   */
  after(weights: Float64Array, arcs: ArrayLike<number>, count: number): WeightRange {
    let min = Infinity;
    let max = 0;
    let minGone = 0;
    let maxGone = 0;
    for (let i = 0; i < count; i++) {
      const a = arcs[i]!;
      const old = this.base[a]!;
      if (old === this.min) minGone++;
      if (old === this.max) maxGone++;
      const x = weights[a]!;
      if (x < Infinity) {
        if (x > max) max = x;
        if (x > 0 && x < min) min = x;
      }
    }
    // Every arc at an end of the base range was rewritten: the untouched arcs' own end is unknown.
    if (minGone >= this.minCount || maxGone >= this.maxCount) return scanWeightRange(weights);
    return [Math.min(min, this.min), Math.max(max, this.max)];
  }
}

const BASES = new WeakMap<Float64Array, BaseWeightRange>();

/** The base range of an array that never changes (a snapshot's base minutes), made once. */
export function baseWeightRange(base: Float64Array): BaseWeightRange {
  let r = BASES.get(base);
  if (r === undefined) BASES.set(base, (r = new BaseWeightRange(base)));
  return r;
}
