/**
 * A map that forgets its least recently used entries once their total weight passes a capacity (weight 1
 * per entry by default: a capacity in entries). `get` counts hits and misses and refreshes recency. Built on
 * Map's insertion order: a refreshed entry is re-inserted at the end, so the first entry is the oldest.
 * Serves the routing caches (engine/network/cache.ts per replication, shared-trees.ts per thread).
 */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();
  private held = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly capacity: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Insert or replace (as the most recent), then evict the oldest entries while over capacity. */
  set(key: K, value: V): void {
    this.delete(key);
    this.map.set(key, value);
    this.held += this.weigh(value);
    while (this.held > this.capacity && this.map.size > 0) {
      const [oldest, old] = this.map.entries().next().value as [K, V];
      this.map.delete(oldest);
      this.held -= this.weigh(old);
    }
  }

  delete(key: K): boolean {
    const value = this.map.get(key);
    if (value === undefined) return false;
    this.map.delete(key);
    this.held -= this.weigh(value);
    return true;
  }

  clear(): void {
    this.map.clear();
    this.held = 0;
  }

  get size(): number {
    return this.map.size;
  }
}
