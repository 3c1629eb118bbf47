/**
 * A map that forgets its least recently used entries once their total weight passes a capacity (weight 1
 * per entry by default: a capacity in entries). `get` counts hits and misses and refreshes recency. Recency
 * is a doubly linked list through the entries, oldest first: a hit relinks its entry at the end without
 * touching the hash table. (Re-inserting the key on every hit, as a Map's insertion order allows, cost two
 * more hash operations per hit and showed at 7 % of a flood replication's profile: the route caches take
 * about 5,500 hits per replication.) Serves the routing caches (engine/network/cache.ts per replication,
 * shared-trees.ts per thread).
 */
interface Entry<K, V> {
  readonly key: K;
  value: V;
  weight: number;
  older: Entry<K, V> | null;
  newer: Entry<K, V> | null;
}

export class LruMap<K, V> {
  private readonly map = new Map<K, Entry<K, V>>();
  private oldest: Entry<K, V> | null = null;
  private newest: Entry<K, V> | null = null;
  private held = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly capacity: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (e === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    if (e !== this.newest) {
      this.unlink(e);
      this.append(e);
    }
    return e.value;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Insert or replace (as the most recent), then evict the oldest entries while over capacity. */
  set(key: K, value: V): void {
    this.delete(key);
    const e: Entry<K, V> = { key, value, weight: this.weigh(value), older: null, newer: null };
    this.map.set(key, e);
    this.append(e);
    this.held += e.weight;
    while (this.held > this.capacity && this.oldest !== null) this.delete(this.oldest.key);
  }

  delete(key: K): boolean {
    const e = this.map.get(key);
    if (e === undefined) return false;
    this.map.delete(key);
    this.unlink(e);
    this.held -= e.weight;
    return true;
  }

  clear(): void {
    this.map.clear();
    this.oldest = this.newest = null;
    this.held = 0;
  }

  get size(): number {
    return this.map.size;
  }

  private unlink(e: Entry<K, V>): void {
    if (e.older === null) this.oldest = e.newer;
    else e.older.newer = e.newer;
    if (e.newer === null) this.newest = e.older;
    else e.newer.older = e.older;
    e.older = e.newer = null;
  }

  private append(e: Entry<K, V>): void {
    e.older = this.newest;
    if (this.newest === null) this.oldest = e;
    else this.newest.newer = e;
    this.newest = e;
  }
}
