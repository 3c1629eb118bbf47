/** LruMap: eviction of the least recently used entries past a capacity in entries or in weight. */
import { describe, expect, it } from 'vitest';
import { LruMap } from '../../engine/collections/lru-map.js';

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
});
