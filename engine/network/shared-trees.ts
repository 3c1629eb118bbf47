/**
 * Search trees shared by every replication a thread runs on one routing snapshot.
 *
 * A replication's route cache (cache.ts) is keyed by its own closure epochs, so it starts empty and forgets
 * everything at each change of the known states. Yet the known states themselves repeat: every replication
 * starts on the open network, and the flood closes the same low roads in the same order, only at other
 * times. On the 8-18 flood, 79 % of the one-to-all searches of 100 replications asked for a tree already
 * computed under exactly the same weights (same origin, mode and direction) by an earlier replication or
 * earlier in the same one, and searching took a quarter of a replication's time.
 *
 * A tree is a pure function of the graph, the arc weights, the origin and the direction, so serving it from
 * here gives the same bits as searching again: results do not depend on what ran before, nor on how
 * replications are spread over workers. The key is exact, never a hash: the known states that made the
 * weights (RoadNetwork.knownWeights), which determine them. Only complete trees are kept; memory is bounded
 * by the nodes held (least recently used out first).
 */
import { LruMap } from '../collections/lru-map.js';
import type { RoadCsr } from './csr.js';
import type { TravelMode } from './modes.js';
import type { EdgeStateValue } from './states.js';
import type { SearchTree } from './search.js';

/** One distinct weights state: an id for tree keys and the weights array (shared: read-only). */
export interface WeightsState {
  readonly id: number;
  readonly weights: Float64Array;
}

export class SharedTrees {
  /**
   * Nodes held over all trees (about 12 bytes each: a Float64 distance and an Int32 arc): 4 M nodes, 48 MB,
   * which holds 16k trees of Leshan's 249 junctions, or 40 complete trees of a 100k-junction region.
   */
  static capacityNodes = 1 << 22;
  /**
   * Arc weights held over all weights states (8 bytes each): 4 M, 32 MB, about 6,000 states of Leshan's
   * arcs but only eight of a region with 500k arcs, where each state's array is 4 MB. A state searched in
   * reverse also has an in-arc-order copy of its array (search.ts), so at most twice that.
   */
  static capacityArcs = 1 << 22;

  /** Weights states by their key; a state evicted here leaves its trees unreachable until they age out. */
  private readonly states = new LruMap<string, WeightsState>(SharedTrees.capacityArcs, (state) => state.weights.length);
  private readonly trees = new LruMap<number, SearchTree>(SharedTrees.capacityNodes, (tree) => tree.dist.length);
  private nextState = 0;

  constructor(private readonly csr: RoadCsr) {}

  get hits(): number {
    return this.trees.hits;
  }

  get misses(): number {
    return this.trees.misses;
  }

  /**
   * The weights state for `mode` under these known states (sorted by edge, one entry per edge, as
   * EdgeStateTimeline.knownStatesAt gives them): `build` runs only for a state not held.
   */
  weightsFor(mode: TravelMode, known: ReadonlyArray<{ edge: number; state: EdgeStateValue }>, build: () => Float64Array): WeightsState {
    let key = mode;
    for (const { edge, state } of known) {
      // A state that neither closes nor slows leaves the weights as they are (capacity only matters to BPR).
      if (state.closed) key += `,${edge}x`;
      else if (state.speedFactor !== 1) key += `,${edge}:${state.speedFactor}`;
    }
    let hit = this.states.get(key);
    if (hit === undefined) {
      // A fresh id: trees of an evicted state with the same key are never served for this one.
      hit = { id: this.nextState++, weights: build() };
      this.states.set(key, hit);
    }
    return hit;
  }

  get(state: WeightsState, origin: number, reverse: boolean): SearchTree | undefined {
    return this.trees.get(this.key(state, origin, reverse));
  }

  /** Keep a complete tree (partial ones are another search's answer to other targets, and are not kept). */
  set(state: WeightsState, origin: number, reverse: boolean, tree: SearchTree): void {
    if (tree.complete === false) return;
    const k = this.key(state, origin, reverse);
    if (!this.trees.has(k)) this.trees.set(k, tree);
  }

  get size(): number {
    return this.trees.size;
  }

  private key(state: WeightsState, origin: number, reverse: boolean): number {
    return (state.id * this.csr.graph.nodeCount + origin) * 2 + (reverse ? 1 : 0);
  }
}

const byCsr = new WeakMap<RoadCsr, SharedTrees>();

/** The shared trees of a snapshot (made on first use; gone with the snapshot). */
export function sharedTreesOf(csr: RoadCsr): SharedTrees {
  let shared = byCsr.get(csr);
  if (shared === undefined) byCsr.set(csr, (shared = new SharedTrees(csr)));
  return shared;
}
