/**
 * Route cache: one-to-all search trees keyed by (origin, mode, direction) under one closure epoch. When a
 * query arrives with another epoch (a known edge state changed), everything is dropped: a tree computed
 * under other closures is never served. Least-recently-used trees are evicted past `capacity`.
 */
import { LruMap } from '../collections/lru-map.js';
import { TRAVEL_MODES, type TravelMode } from './modes.js';
import type { SearchTree } from './search.js';

/** Mode -> small integer, for numeric cache keys (a string key per lookup showed in profiles). */
const MODE_INDEX = new Map<TravelMode, number>(TRAVEL_MODES.map((m, i) => [m, i]));
const MODES = TRAVEL_MODES.length;

export class RouteCache {
  private epoch = Number.NaN;
  private readonly trees: LruMap<number, SearchTree>;
  invalidations = 0;

  constructor(readonly capacity = 256) {
    this.trees = new LruMap(capacity);
  }

  get hits(): number {
    return this.trees.hits;
  }

  get misses(): number {
    return this.trees.misses;
  }

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
    return this.trees.get(this.key(origin, mode, reverse));
  }

  set(origin: number, mode: TravelMode, epoch: number, tree: SearchTree, reverse = false): void {
    this.sync(epoch);
    this.trees.set(this.key(origin, mode, reverse), tree);
  }

  clear(): void {
    this.trees.clear();
    this.epoch = Number.NaN;
  }

  get size(): number {
    return this.trees.size;
  }
}
