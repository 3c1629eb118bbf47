/**
 * Route cache: one-to-all search trees keyed by (origin, mode, direction) under one closure epoch. When a
 * query arrives with another epoch (a known edge state changed), everything is dropped: a tree computed
 * under other closures is never served. Least-recently-used trees are evicted past `capacity`.
 */
import { TRAVEL_MODES, type TravelMode } from './modes.js';

/** Mode -> small integer, for numeric cache keys (a string key per lookup showed in profiles). */
const MODE_INDEX = new Map<TravelMode, number>(TRAVEL_MODES.map((m, i) => [m, i]));
const MODES = TRAVEL_MODES.length;
import type { SearchTree } from './search.js';

export class RouteCache {
  private epoch = Number.NaN;
  private readonly trees = new Map<number, SearchTree>();
  hits = 0;
  misses = 0;
  invalidations = 0;

  constructor(readonly capacity = 256) {}

  private key(origin: number, mode: TravelMode, reverse: boolean): number {
    return (origin * MODES + MODE_INDEX.get(mode)!) * 2 + (reverse ? 1 : 0);
  }

  private sync(epoch: number): void {
    if (epoch !== this.epoch) {
      if (this.trees.size > 0) this.invalidations++;
      this.trees.clear();
      this.epoch = epoch;
    }
  }

  get(origin: number, mode: TravelMode, epoch: number, reverse = false): SearchTree | undefined {
    this.sync(epoch);
    const k = this.key(origin, mode, reverse);
    const tree = this.trees.get(k);
    if (tree === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Refresh recency.
    this.trees.delete(k);
    this.trees.set(k, tree);
    return tree;
  }

  set(origin: number, mode: TravelMode, epoch: number, tree: SearchTree, reverse = false): void {
    this.sync(epoch);
    const k = this.key(origin, mode, reverse);
    this.trees.delete(k);
    this.trees.set(k, tree);
    while (this.trees.size > this.capacity) {
      const oldest = this.trees.keys().next().value as number;
      this.trees.delete(oldest);
    }
  }

  clear(): void {
    this.trees.clear();
    this.epoch = Number.NaN;
  }

  get size(): number {
    return this.trees.size;
  }
}
