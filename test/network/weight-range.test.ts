/**
 * The bucket search's weight range after an in-place rewrite (engine/network/weight-range.ts) must be what a
 * scan of every arc gives: the bucket width and ring follow from it, and so the order of the search and its
 * ties. Random base arrays with repeated extremes, zeros and unusable arcs; random distinct arcs rewritten
 * (closed, slowed, or to any weight), including every arc at an end of the range.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BaseWeightRange, scanWeightRange } from '../../engine/network/weight-range.js';

const weight = fc.oneof(fc.constant(Infinity), fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.double({ min: 0.01, max: 50, noNaN: true }));

describe('BaseWeightRange.after', () => {
  it('gives the range a scan of the rewritten array gives', () => {
    fc.assert(
      fc.property(
        fc.array(weight, { minLength: 1, maxLength: 40 }).chain((base) =>
          fc.tuple(
            fc.constant(base),
            fc.uniqueArray(fc.tuple(fc.nat(base.length - 1), fc.oneof(fc.constant(Infinity), fc.double({ min: 0.1, max: 1, noNaN: true }), weight)), {
              selector: ([a]) => a,
              maxLength: base.length,
            }),
          ),
        ),
        ([baseList, edits]) => {
          const base = Float64Array.from(baseList);
          const range = new BaseWeightRange(base);
          expect(range.after(base, [], 0)).toEqual(scanWeightRange(base));
          const weights = base.slice();
          const arcs = new Int32Array(edits.length + 3).fill(-7); // room to spare: only the first `count` count
          edits.forEach(([a, w], i) => {
            // A factor in (0, 1] is a slow-down of the base weight; anything else is the new weight itself.
            weights[a] = w > 0 && w <= 1 && base[a]! < Infinity ? base[a]! / w : w;
            arcs[i] = a;
          });
          expect(range.after(weights, arcs, edits.length)).toEqual(scanWeightRange(weights));
        },
      ),
      { numRuns: 2000, seed: 20201818 },
    );
  });

  it('rescans when every arc at the low end was rewritten', () => {
    const base = Float64Array.from([1, 1, 2, 5]);
    const weights = Float64Array.from([Infinity, 3, 2, 5]);
    expect(new BaseWeightRange(base).after(weights, [0, 1], 2)).toEqual([2, 5]);
  });
});
