/**
 * The relief review's stopping rule (models/response/supply-cover.ts): a search that stops when it says so
 * must leave the review's allocation exactly as if every reserve's travel time were known.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SupplyCover } from '../../models/response/supply-cover.js';
import '../support/fast-check-seed.js';

/** The review's allocation (relief.ts review): candidates by rank, then time, then index; each item on its own. */
function allocate(known: readonly number[], rankOf: readonly number[], time: readonly number[], whole: Float64Array, want: readonly number[], items: number): number[] {
  const order = [...known].sort((a, b) => rankOf[a]! - rankOf[b]! || time[a]! - time[b]! || a - b);
  const take = new Array<number>(rankOf.length * items).fill(0);
  const left = [...want];
  for (const c of order) {
    for (let j = 0; j < items; j++) {
      const n = Math.min(left[j]!, whole[c * items + j]!);
      if (n > 0) {
        take[c * items + j] = n;
        left[j]! -= n;
      }
    }
  }
  return take;
}

/** Settle the reachable candidates nearest first until the rule says stop; the ones settled. */
function searchUntilCovered(cover: SupplyCover, time: readonly number[]): number[] {
  const byTime = time.map((t, c) => [t, c] as const).filter(([t]) => t < Infinity).sort((a, b) => a[0] - b[0]);
  const settled: number[] = [];
  for (const [, c] of byTime) {
    cover.settle(c);
    settled.push(c);
    if (cover.covered) break;
  }
  return settled;
}

describe('SupplyCover: when a relief review may stop searching', () => {
  it('the allocation from the reserves settled when it stops is the allocation from all of them', () => {
    const ITEMS = 3;
    const RANKS = 4;
    const candidate = fc.record({
      rank: fc.integer({ min: 0, max: RANKS - 1 }),
      stock: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })), { minLength: ITEMS, maxLength: ITEMS }),
    });
    fc.assert(
      fc.property(
        fc.array(candidate, { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: ITEMS, maxLength: ITEMS }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.func(fc.integer({ min: 0, max: 1000 })),
        (cands, want, unreachable, jitter) => {
          const n = cands.length;
          const rankOf = cands.map((c) => c.rank);
          const whole = Float64Array.from(cands.flatMap((c) => c.stock));
          // Distinct finite times (ties are the search's business, not the rule's); a few unreachable.
          const time = cands.map((_, c) => (unreachable[c] && c % 3 === 0 ? Infinity : jitter(c) * 16 + c));
          const reachable = (c: number): boolean => time[c]! < Infinity;
          const cover = new SupplyCover(RANKS, ITEMS, rankOf, whole, want, reachable);
          const settled = searchUntilCovered(cover, time);
          const all = Array.from({ length: n }, (_, c) => c).filter(reachable);
          expect(allocate(settled, rankOf, time, whole, want, ITEMS)).toEqual(allocate(all, rankOf, time, whole, want, ITEMS));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('stops before a far reserve of a lower rank that holds only an item already covered', () => {
    // Items: water, tents. Ranks: 0 own-county township, 1 other townships, 2 own county.
    // 0: own township, near, 10 water, no tents. 1: the county reserve, near, 50 tents.
    // 2: another county's township, far, 100 water, no tents.
    const rankOf = [0, 2, 1];
    const whole = Float64Array.from([10, 0, 0, 50, 100, 0]);
    const want = [8, 20];
    const time = [5, 10, 90];
    const cover = new SupplyCover(3, 2, rankOf, whole, want);
    expect(searchUntilCovered(cover, time)).toEqual([0, 1]);
    // Taken over all items together, the far township had to be settled first: it could give tents
    // before the county if it held any, so the rule must still wait for it when it does.
    const withTents = Float64Array.from([10, 0, 0, 50, 100, 5]);
    expect(searchUntilCovered(new SupplyCover(3, 2, rankOf, withTents, want), time)).toEqual([0, 1, 2]);
  });

  it('an item no reserve can cover is resolved once every holder is settled', () => {
    const cover = new SupplyCover(2, 1, [0, 1], Float64Array.from([3, 4]), [100]);
    cover.settle(0);
    expect(cover.covered).toBe(false);
    cover.settle(1);
    expect(cover.covered).toBe(true);
  });

  it('a wanted item nobody holds does not hold the search up; a bad rank is refused', () => {
    const cover = new SupplyCover(2, 2, [0, 1], Float64Array.from([5, 0, 0, 0]), [3, 7]);
    expect(cover.covered).toBe(false);
    cover.settle(0);
    expect(cover.covered).toBe(true);
    expect(() => new SupplyCover(2, 1, [2], Float64Array.from([1]), [1])).toThrow(/rank 2, expected 0 .. 1/);
  });
});
