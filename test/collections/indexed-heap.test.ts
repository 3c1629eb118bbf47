/**
 * The shared indexed binary heap (engine/collections/indexed-heap.ts): popping everything gives the keys in
 * sorted order, decrease-key moves an item forward without duplicating it, the heap property holds after
 * every operation, and equal keys come out in an order fixed by the operations alone.
 */
import { describe, expect, it } from 'vitest';
import { IndexedMinHeap } from '../../engine/collections/indexed-heap.js';
import { createStream } from '../../engine/random/index.js';

/** The heap property through itemAt: every entry's key is at least its parent's. */
function assertHeap(heap: IndexedMinHeap, keyOf: Float64Array): void {
  for (let i = 1; i < heap.size; i++) expect(keyOf[heap.itemAt((i - 1) >> 1)]!).toBeLessThanOrEqual(keyOf[heap.itemAt(i)]!);
  for (let i = 0; i < heap.size; i++) expect(heap.has(heap.itemAt(i))).toBe(true);
}

describe('IndexedMinHeap', () => {
  it('pops in key order: the same sequence as sorting the keys', () => {
    const rng = createStream(7, 0, 'heap-test');
    const n = 500;
    const heap = new IndexedMinHeap(n);
    const keys = Float64Array.from({ length: n }, () => Math.floor(rng.uniform(0, 100)) / 4);
    for (let i = 0; i < n; i++) heap.push(i, keys[i]!);
    assertHeap(heap, keys);
    expect(heap.size).toBe(n);
    const out: number[] = [];
    while (heap.size > 0) {
      expect(heap.peekKey()).toBe(keys[heap.itemAt(0)]);
      out.push(keys[heap.pop()]!);
    }
    expect(out).toEqual(Array.from(keys).sort((a, b) => a - b));
    expect(heap.peekKey()).toBe(Infinity);
  });

  it('decrease-key moves a queued item forward without adding it twice, keeping the heap property', () => {
    const rng = createStream(11, 0, 'heap-test');
    const n = 300;
    const heap = new IndexedMinHeap(n);
    const keys = new Float64Array(n).fill(Infinity);
    for (let step = 0; step < 3000; step++) {
      const item = Math.floor(rng.uniform(0, n));
      const key = rng.uniform(0, 1000);
      if (key < keys[item]!) {
        keys[item] = key;
        heap.push(item, key);
      }
      if (step % 500 === 0) assertHeap(heap, keys);
    }
    assertHeap(heap, keys);
    const queued = Array.from(keys).filter((k) => k < Infinity).length;
    expect(heap.size).toBe(queued);
    const popped = new Set<number>();
    let last = -Infinity;
    while (heap.size > 0) {
      const item = heap.pop();
      expect(popped.has(item)).toBe(false);
      expect(heap.has(item)).toBe(false);
      popped.add(item);
      expect(keys[item]!).toBeGreaterThanOrEqual(last);
      last = keys[item]!;
    }
    expect(popped.size).toBe(queued);
  });

  it('interleaved pushes and pops behave like a sorted list (Dijkstra-style use)', () => {
    const rng = createStream(3, 0, 'heap-test');
    const n = 200;
    const heap = new IndexedMinHeap(n);
    const reference = new Map<number, number>();
    for (let step = 0; step < 4000; step++) {
      if (rng.uniform(0, 1) < 0.6 || reference.size === 0) {
        const item = Math.floor(rng.uniform(0, n));
        const key = Math.floor(rng.uniform(0, 50));
        const old = reference.get(item);
        if (old === undefined || key < old) {
          reference.set(item, key);
          heap.push(item, key);
        }
      } else {
        const best = Math.min(...reference.values());
        const item = heap.pop();
        expect(reference.get(item)).toBe(best);
        reference.delete(item);
      }
      expect(heap.size).toBe(reference.size);
    }
  });

  it('breaks ties by the order of operations only, and clear() empties it for reuse', () => {
    const run = (heap: IndexedMinHeap): number[] => {
      for (const item of [5, 3, 9, 1, 7]) heap.push(item, 2);
      heap.push(0, 1);
      const out: number[] = [];
      while (heap.size > 0) out.push(heap.pop());
      return out;
    };
    const heap = new IndexedMinHeap(10);
    const first = run(heap);
    expect(first[0]).toBe(0);
    expect(run(new IndexedMinHeap(10))).toEqual(first);
    heap.push(4, 1);
    heap.push(6, 0);
    heap.clear();
    expect(heap.size).toBe(0);
    expect(heap.has(4) || heap.has(6)).toBe(false);
    expect(run(heap)).toEqual(first);
  });

  it('rejects a bad capacity', () => {
    expect(() => new IndexedMinHeap(-1)).toThrow(RangeError);
    expect(() => new IndexedMinHeap(1.5)).toThrow(RangeError);
  });
});
