/** LruMap: eviction of the least recently used entries past a capacity in entries or in weight. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LruMap } from '../../engine/collections/lru-map.js';

/** The plainest LRU to hold it to: a Map in recency order, a key re-inserted on every use. */
class ModelLru {
  readonly map = new Map<number, number>();
  constructor(
    readonly capacity: number,
    readonly weigh: (v: number) => number,
  ) {}
  get(k: number): number | undefined {
    const v = this.map.get(k);
    if (v !== undefined) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: number, v: number): void {
    this.map.delete(k);
    this.map.set(k, v);
    let held = 0;
    for (const x of this.map.values()) held += this.weigh(x);
    for (const [key, x] of this.map) {
      if (held <= this.capacity) break;
      this.map.delete(key);
      held -= this.weigh(x);
    }
  }
}

describe('LruMap', () => {
  it('evicts the least recently used entry, where a get refreshes recency', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now the most recent
    lru.set('c', 3); // b goes
    expect(lru.has('b')).toBe(false);
    expect([lru.get('a'), lru.get('c')]).toEqual([1, 3]);
    expect(lru.get('b')).toBeUndefined();
    expect([lru.hits, lru.misses]).toEqual([3, 1]);
  });

  it('counts capacity in weight: a heavy entry pushes out as many light ones as it must', () => {
    const lru = new LruMap<number, number[]>(10, (v) => v.length);
    for (let k = 0; k < 5; k++) lru.set(k, [k, k]); // 5 x 2 = 10
    expect(lru.size).toBe(5);
    lru.set(9, new Array<number>(7).fill(9)); // 17 -> drop 0, 1, 2, 3 (oldest first) to reach 9
    expect([...[0, 1, 2, 3, 4, 9].map((k) => lru.has(k))]).toEqual([false, false, false, false, true, true]);
    lru.set(4, [4]); // replacing an entry re-weighs it
    lru.set(8, [8]);
    expect(lru.size).toBe(3);
    lru.delete(9);
    lru.delete(8);
    expect(lru.size).toBe(1);
    lru.set(7, new Array<number>(9).fill(7)); // 1 + 9 = 10: fits
    expect(lru.size).toBe(2);
  });

  it('keeps exactly the entries, in the order of use, that a re-inserting Map keeps', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('get' as const), key: fc.integer({ min: 0, max: 12 }) }),
      fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 12 }), value: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 12 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.array(op, { minLength: 20, maxLength: 80 }), (capacity, ops) => {
        const weigh = (v: number): number => v;
        const lru = new LruMap<number, number>(capacity, weigh);
        const model = new ModelLru(capacity, weigh);
        for (const o of ops) {
          if (o.kind === 'get') expect(lru.get(o.key)).toBe(model.get(o.key));
          else if (o.kind === 'set') {
            lru.set(o.key, o.value);
            model.set(o.key, o.value);
          } else {
            expect(lru.delete(o.key)).toBe(model.map.delete(o.key));
          }
          expect(lru.size).toBe(model.map.size);
        }
        // Same entries, and the same order of eviction: fill with heavy entries one at a time.
        const order: number[] = [];
        for (const k of model.map.keys()) order.push(k);
        const gone: number[] = [];
        for (let i = 0; i < order.length; i++) {
          lru.set(100 + i, 1);
          model.set(100 + i, 1);
          for (const k of order) if (!gone.includes(k) && !lru.has(k)) gone.push(k);
          expect(order.filter((k) => !model.map.has(k))).toEqual(gone);
        }
      }),
      { numRuns: 300 },
    );
  });
});
