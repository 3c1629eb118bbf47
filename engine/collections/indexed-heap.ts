/**
 * An indexed binary min-heap on typed arrays, for Dijkstra-like searches over items 0..capacity-1 (road
 * nodes, raster cells): `push` inserts an item or lowers the key of one already queued (decrease-key), so
 * an item is in the heap at most once and the heap never holds more than `capacity` entries. Nothing is
 * allocated after construction.
 *
 * Ties are broken by position only (a parent is kept when its key is <= the new key; the left child is
 * taken unless the right one is strictly smaller): the order of equal keys is a pure function of the
 * sequence of operations, so searches built on it are deterministic. Shortest-path routing
 * (engine/network/search.ts) and the forest fire's minimum-travel-time spread (models/hazards/wildfire/mtt.ts)
 * share this one implementation; their golden results depend on the tie rules, so change them only with a
 * reason and the golden tests.
 */
export class IndexedMinHeap {
  /** Heap order: items[i] with key keys[i], for i < size. */
  private readonly items: Int32Array;
  private readonly keys: Float64Array;
  /** Position of each item in the heap, -1 when it is not queued. */
  private readonly pos: Int32Array;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 0)) throw new RangeError(`heap capacity must be a non-negative integer, got ${capacity}`);
    this.items = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }

  /** Number of queued items. */
  get size(): number {
    return this.count;
  }

  /** Whether `item` is queued. */
  has(item: number): boolean {
    return this.pos[item]! >= 0;
  }

  /** The i-th entry in heap order (i < size): for sweeping what is left after an early stop. */
  itemAt(i: number): number {
    return this.items[i]!;
  }

  /** The smallest key (Infinity when empty). */
  peekKey(): number {
    return this.count > 0 ? this.keys[0]! : Infinity;
  }

  /**
   * Insert `item` with `key`, or lower its key if it is queued. The key must not be greater than the
   * queued one (callers relax only to strictly better labels); a greater key would break the heap order.
   */
  push(item: number, key: number): void {
    const pos = this.pos;
    const items = this.items;
    const keys = this.keys;
    let i = pos[item]!;
    if (i < 0) i = this.count++;
    // Sift up (an insert or a decrease-key: the key never grows).
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      if (pk <= key) break;
      const pi = items[parent]!;
      items[i] = pi;
      keys[i] = pk;
      pos[pi] = i;
      i = parent;
    }
    items[i] = item;
    keys[i] = key;
    pos[item] = i;
  }

  /** Remove and return the item with the smallest key (the heap must not be empty). */
  pop(): number {
    const items = this.items;
    const keys = this.keys;
    const pos = this.pos;
    const top = items[0]!;
    pos[top] = -1;
    const size = --this.count;
    if (size > 0) {
      const item = items[size]!;
      const key = keys[size]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        let ck = keys[c]!;
        const r = c + 1;
        if (r < size) {
          const rk = keys[r]!;
          if (rk < ck) {
            c = r;
            ck = rk;
          }
        }
        if (ck >= key) break;
        const ci = items[c]!;
        items[i] = ci;
        keys[i] = ck;
        pos[ci] = i;
        i = c;
      }
      items[i] = item;
      keys[i] = key;
      pos[item] = i;
    }
    return top;
  }

  /** Empty the heap (costs the number of items still queued, not the capacity). */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.pos[this.items[i]!] = -1;
    this.count = 0;
  }
}
