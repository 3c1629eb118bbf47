/**
 * Shortest paths on a CSR graph: Dijkstra one-to-all (forward or reverse), point-to-point with early exit
 * and A*. One `ShortestPaths` owns its buffers (distances, predecessor arcs, an indexed binary heap on
 * typed arrays) and reuses them for every query: a query allocates nothing. After a query, only the nodes
 * it touched are dirty; the next query resets just those, so a short point-to-point search on a large
 * graph costs what it explores, not the graph size.
 *
 * Weights are minutes per arc (any non-negative cost works); Infinity marks an arc that cannot be used.
 */
import { IndexedMinHeap } from '../collections/indexed-heap.js';
import { haversineKmCos } from './geo.js';
import type { CsrGraph } from './csr.js';
import type { TreeArena } from './tree-arena.js';
import { scanWeightRange, type WeightRange } from './weight-range.js';

/**
 * Result of a one-to-all search. Read it through `distTo` and `predArcOf`: a tree kept from a search that
 * stopped early on a large graph holds only the nodes it reached (SparseTree), and its `dist` and `predArc`
 * arrays are then built on first use, O(nodes) (for tests and tools, not for hot paths).
 */
export interface SearchTree {
  readonly root: number;
  /** true: dist[v] is the cost from v TO root (searched over in-arcs). */
  readonly reverse: boolean;
  readonly dist: Float64Array;
  /** The arc by which v is reached (forward) or leaves towards the root (reverse); -1 for none. */
  readonly predArc: Int32Array;
  /**
   * false when the search stopped early (at `targets` or `maxCost`): then only the nodes with a finite
   * dist are known, and each of them has exactly the dist and predArc the full search gives it; a node
   * left at Infinity may be reachable but farther. Absent or true: every node is known.
   */
  readonly complete?: boolean;
  /** dist[v]: the cost of v, Infinity when unreached (or beyond a tree that stopped early). */
  distTo(v: number): number;
  /** predArc[v]. */
  predArcOf(v: number): number;
}

/**
 * A search's stopping test: told each target as it is settled, with its cost (every node the search will
 * not hold is farther); true once the caller needs nothing farther.
 */
export type EnoughTest = (target: number, dist: number) => boolean;

/** A tree over whole arrays (the solver's own buffers for a view, or copies of them). */
export class DenseTree implements SearchTree {
  constructor(
    readonly root: number,
    readonly reverse: boolean,
    readonly dist: Float64Array,
    readonly predArc: Int32Array,
    readonly complete = true,
  ) {}

  distTo(v: number): number {
    return this.dist[v]!;
  }

  predArcOf(v: number): number {
    return this.predArc[v]!;
  }
}

/** Bits set in a 32-bit word. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * A partial tree kept with only the nodes it reached: a bit per node of the graph says which, and the k
 * labels sit in node order, found by rank (the set bits before v), so a lookup is two array reads and a
 * popcount. On a 100k-junction region a search that stops at a few shelters reaches a few thousand nodes:
 * copying whole 100k-entry arrays for each (1.4 GB per flood replication) cost as much as the searches.
 *
 * It also keeps the search's frontier (the queued labels, bucket by bucket in queue order, and the bucket
 * it stopped before), so `ShortestPaths.resume` can go on from where it stopped, exactly as the search
 * would have gone on, when a caller needs nodes farther out.
 */
export class SparseTree implements SearchTree {
  readonly complete = false;
  private full: DenseTree | undefined;
  /** Every node the tree does not hold costs more than this (the farthest it holds). */
  readonly reach: number;

  /** @internal built by ShortestPaths.detach */
  constructor(
    readonly root: number,
    readonly reverse: boolean,
    private readonly nodeCount: number,
    private readonly bits: Int32Array,
    private readonly ranks: Int32Array,
    private readonly d: Float64Array,
    private readonly p: Int32Array,
    /** @internal the frontier for `resume`: nodes in queue order, their labels, the next bucket, the weights searched */
    readonly frontier: { nodes: Int32Array; dist: Float64Array; pred: Int32Array; cur: number; weights: Float64Array },
  ) {
    let reach = 0;
    for (let i = 0; i < d.length; i++) if (d[i]! > reach) reach = d[i]!;
    this.reach = reach;
  }

  /** Nodes the tree holds. */
  get size(): number {
    return this.d.length;
  }

  private slot(v: number): number {
    const w = v >>> 5;
    const word = this.bits[w]!;
    const b = v & 31;
    if (((word >>> b) & 1) === 0) return -1;
    // ~(-1 << b): the bits below b (int32 all the way: -1 >>> n would leave the small-integer range).
    return this.ranks[w]! + popcount(word & ~(-1 << b));
  }

  distTo(v: number): number {
    const i = this.slot(v);
    return i < 0 ? Infinity : this.d[i]!;
  }

  predArcOf(v: number): number {
    const i = this.slot(v);
    return i < 0 ? -1 : this.p[i]!;
  }

  /** Calls f(v, dist, predArc) for every node held, in node order. */
  forEach(f: (v: number, dist: number, predArc: number) => void): void {
    const { bits, d, p } = this;
    let i = 0;
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w]!;
      while (word !== 0) {
        const b = 31 - Math.clz32(word & -word);
        word &= word - 1;
        f((w << 5) | b, d[i]!, p[i]!);
        i++;
      }
    }
  }

  private dense(): DenseTree {
    if (this.full === undefined) {
      const dist = new Float64Array(this.nodeCount).fill(Infinity);
      const pred = new Int32Array(this.nodeCount).fill(-1);
      this.forEach((v, dv, pv) => {
        dist[v] = dv;
        pred[v] = pv;
      });
      this.full = new DenseTree(this.root, this.reverse, dist, pred, false);
    }
    return this.full;
  }

  get dist(): Float64Array {
    return this.dense().dist;
  }

  get predArc(): Int32Array {
    return this.dense().predArc;
  }
}

/** A detached copy of a tree that stays valid (what caches keep). */
export function copyTree(tree: SearchTree): SearchTree {
  if (tree instanceof SparseTree) return tree;
  return new DenseTree(tree.root, tree.reverse, tree.dist.slice(), tree.predArc.slice(), tree.complete !== false);
}

/** Whether a tree gives the exact dist and path of every node in `nodes` (negative entries are ignored). */
export function treeCovers(tree: SearchTree, nodes: ArrayLike<number>): boolean {
  if (tree.complete !== false) return true;
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i]!;
    if (v >= 0 && !(tree.distTo(v) < Infinity)) return false;
  }
  return true;
}

/** Arcs of the path from the tree's root to `node` (forward tree) or from `node` to the root (reverse). */
export function treePathArcs(graph: CsrGraph, tree: SearchTree, node: number): number[] | null {
  if (!(tree.distTo(node) < Infinity)) return null;
  const arcs: number[] = [];
  let v = node;
  if (!tree.reverse) {
    while (v !== tree.root) {
      const a = tree.predArcOf(v);
      arcs.push(a);
      v = graph.tails[a]!;
    }
    arcs.reverse();
  } else {
    while (v !== tree.root) {
      const a = tree.predArcOf(v);
      arcs.push(a);
      v = graph.heads[a]!;
    }
  }
  return arcs;
}

/**
 * The nodes of a tree whose own tree arc is one of `arcs`: every node whose path uses one of the arcs lies
 * at or beyond one of them (between it and its path's far end). Each is the arc's end away from the root:
 * its head in a forward tree, its tail in a reverse one.
 */
export function treeCutNodes(graph: CsrGraph, tree: SearchTree, arcs: ArrayLike<number>): Set<number> {
  const cut = new Set<number>();
  const ends = tree.reverse ? graph.tails : graph.heads;
  for (let i = 0; i < arcs.length; i++) {
    const a = arcs[i]!;
    const v = ends[a]!;
    if (tree.predArcOf(v) === a) cut.add(v);
  }
  return cut;
}

/** Whether the tree path between `node` and the root passes through one of `nodes` (`node` itself included). */
export function treePathMeets(graph: CsrGraph, tree: SearchTree, node: number, nodes: ReadonlySet<number>): boolean {
  if (nodes.size === 0 || !(tree.distTo(node) < Infinity)) return false;
  const next = tree.reverse ? graph.heads : graph.tails;
  for (let v = node; ; ) {
    if (nodes.has(v)) return true;
    if (v === tree.root) return false;
    v = next[tree.predArcOf(v)]!;
  }
}

/**
 * In-arc order (CsrGraph.inArcs) for reverse searches: the tail of each in-arc, per graph, and a copy of a
 * weights array, per array. A copy lives as long as its array. Arrays edited in place are kept in step by
 * `weightsEdited`; every other array is read-only once searched (RoadNetwork's known weights are).
 */
const IN_ARC_TAILS = new WeakMap<CsrGraph, Int32Array>();
const IN_ARC_WEIGHTS = new WeakMap<Float64Array, Float64Array>();
const IN_ARC_POSITION = new WeakMap<CsrGraph, Int32Array>();

function inArcTails(g: CsrGraph): Int32Array {
  let tails = IN_ARC_TAILS.get(g);
  if (tails === undefined) {
    tails = new Int32Array(g.inArcs.length);
    for (let k = 0; k < tails.length; k++) tails[k] = g.tails[g.inArcs[k]!]!;
    IN_ARC_TAILS.set(g, tails);
  }
  return tails;
}

function inArcWeights(g: CsrGraph, weights: Float64Array): Float64Array {
  let copy = IN_ARC_WEIGHTS.get(weights);
  if (copy === undefined) {
    copy = new Float64Array(g.inArcs.length);
    for (let k = 0; k < copy.length; k++) copy[k] = weights[g.inArcs[k]!]!;
    IN_ARC_WEIGHTS.set(weights, copy);
  }
  return copy;
}

/**
 * Tell the searches that `weights` (of graph `g`) changed in place at arcs[0 .. count - 1]: its in-arc-order
 * copy, if any, is brought in step. Whoever edits a searched array in place calls it (RoadNetwork does).
 */
export function weightsEdited(g: CsrGraph, weights: Float64Array, arcs: ArrayLike<number>, count: number): void {
  const copy = IN_ARC_WEIGHTS.get(weights);
  if (copy === undefined) return;
  let position = IN_ARC_POSITION.get(g);
  if (position === undefined) {
    position = new Int32Array(g.arcCount);
    for (let k = 0; k < g.inArcs.length; k++) position[g.inArcs[k]!] = k;
    IN_ARC_POSITION.set(g, position);
  }
  for (let i = 0; i < count; i++) copy[position[arcs[i]!]!] = weights[arcs[i]!]!;
}

const lowerBoundCache = new WeakMap<Float64Array, WeakMap<CsrGraph, number>>();

/**
 * The largest r such that weight[a] >= r * greatCircleKm(a) for every usable arc: minutes per straight-line
 * km at the best speed the weights allow. h(v) = r * gc(v, target) is then admissible and consistent by the
 * triangle inequality, even when a road's stated km is shorter than its straight line (the Leshan data has
 * such edges, so "km / top speed" would not be safe). Cached per weight array: treat an array as
 * immutable once A* has used it (raising weights keeps the bound valid; lowering them does not), or pass
 * `minutesPerKm` to `astar` explicitly.
 */
/** Drop the A* bound cached for an array that was rewritten in place. */
export function forgetLowerBound(weights: Float64Array): void {
  lowerBoundCache.delete(weights);
}

export function minutesPerKmLowerBound(graph: CsrGraph, weights: Float64Array): number {
  let perGraph = lowerBoundCache.get(weights);
  const cached = perGraph?.get(graph);
  if (cached !== undefined) return cached;
  let r = Infinity;
  const gc = graph.arcGcKm;
  for (let a = 0; a < graph.arcCount; a++) {
    const w = weights[a]!;
    const d = gc[a]!;
    if (w < Infinity && d > 1e-9) {
      const q = w / d;
      if (q < r) r = q;
    }
  }
  if (!(r < Infinity) || r < 0) r = 0;
  // Shave a relative epsilon so rounding in haversine can never make the bound exceed a true distance.
  r *= 1 - 1e-9;
  if (perGraph === undefined) {
    perGraph = new WeakMap();
    lowerBoundCache.set(weights, perGraph);
  }
  perGraph.set(graph, r);
  return r;
}

export class ShortestPaths {
  readonly graph: CsrGraph;
  private readonly dist: Float64Array;
  private readonly predArc: Int32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  /** Indexed binary min-heap of labelled nodes (engine/collections/indexed-heap.ts). */
  private readonly heap: IndexedMinHeap;
  /** A* heuristic per labelled node. */
  private readonly heuristic: Float64Array;
  // Bucket queue (one-to-all): a ring of list heads and a doubly linked list through the nodes.
  private bucketHead = new Int32Array(0);
  private readonly bucketNext: Int32Array;
  private readonly bucketPrev: Int32Array;
  private readonly bucketOf: Int32Array;
  private lastRoot = -1;
  private lastReverse = false;
  /** 1 for a target of the running one-to-all that has not been scanned yet. */
  private readonly wanted: Uint8Array;
  private lastComplete = true;
  /**
   * The frontier of the last one-to-all when it stopped early at its targets (queued nodes in queue order,
   * their labels, the next bucket): what `detach` keeps so `resume` can go on. null after any other query.
   */
  private frontier: { nodes: Int32Array; dist: Float64Array; pred: Int32Array; count: number; cur: number; weights: Float64Array } | null = null;
  private frontierBuf: { nodes: Int32Array; dist: Float64Array; pred: Int32Array } | undefined;
  /** Nodes settled by the last query (a measure of the work done, for benchmarks and tests). */
  settled = 0;

  /**
   * Where `detach` puts the arrays of a partial tree (a road network's, on large graphs: tree-arena.ts);
   * without one, each tree allocates its own.
   */
  arena: TreeArena | null = null;

  constructor(graph: CsrGraph) {
    this.graph = graph;
    const n = graph.nodeCount;
    this.dist = new Float64Array(n).fill(Infinity);
    this.predArc = new Int32Array(n).fill(-1);
    this.touched = new Int32Array(n);
    this.heap = new IndexedMinHeap(n);
    this.heuristic = new Float64Array(n);
    this.bucketNext = new Int32Array(n);
    this.bucketPrev = new Int32Array(n);
    this.bucketOf = new Int32Array(n).fill(-1);
    this.wanted = new Uint8Array(n);
  }

  private reset(): void {
    const dist = this.dist;
    const pred = this.predArc;
    const touched = this.touched;
    if (this.touchedCount === this.graph.nodeCount) {
      dist.fill(Infinity);
      pred.fill(-1);
    } else {
      for (let i = 0; i < this.touchedCount; i++) {
        const v = touched[i]!;
        dist[v] = Infinity;
        pred[v] = -1;
      }
    }
    this.touchedCount = 0;
    this.heap.clear();
    this.settled = 0;
    this.frontier = null;
  }

  private checkNode(v: number, what: string): void {
    if (!(Number.isInteger(v) && v >= 0 && v < this.graph.nodeCount)) throw new RangeError(`${what} ${v} is not a node index`);
  }

  private start(root: number, key = 0): void {
    this.reset();
    this.dist[root] = 0;
    this.touched[this.touchedCount++] = root;
    this.heap.push(root, key);
  }

  /**
   * Dijkstra from `root` to every node (or, with `reverse`, from every node to `root`). `maxCost` stops the
   * search once the nearest unsettled node is farther (nodes beyond it stay Infinity). `targets` (bucket
   * queue only) stops it once every target is settled: the tree then holds the nodes up to the farthest
   * target (to the end of its bucket), each with the same dist and predArc as in the full tree, and
   * Infinity beyond; an unreachable target makes the search run to the end. Negative targets are ignored.
   * `enough` is told each target as it is settled (once per node, nearest first); when it answers true the
   * search stops as if every target were settled: the caller needs only the targets settled so far.
   */
  oneToAll(
    root: number,
    weights: Float64Array,
    opts: { reverse?: boolean; maxCost?: number; queue?: 'buckets' | 'heap'; targets?: ArrayLike<number>; enough?: EnoughTest } = {},
  ): SearchTree {
    this.checkNode(root, 'root');
    const reverse = opts.reverse === true;
    if (opts.queue === 'heap') {
      if (opts.targets !== undefined) throw new RangeError('oneToAll: targets need the bucket queue');
      this.run(root, -1, weights, reverse, opts.maxCost ?? Infinity);
      this.lastComplete = !(opts.maxCost !== undefined && opts.maxCost < Infinity);
    } else this.runBuckets(root, weights, reverse, opts.maxCost ?? Infinity, opts.targets, opts.enough);
    return new DenseTree(root, reverse, this.dist, this.predArc, this.lastComplete);
  }

  /**
   * Go on with a search that stopped early at its targets (a tree `detach` kept), under the same weights
   * array, until `targets` too are settled (or `enough` says so; it is told only the targets settled from
   * here on, so a caller feeds it those the tree already holds first). The queue is restored as it was,
   * list order included, so every label, predecessor arc and tie comes out as if the first search had
   * gone on: the same tree as one search for both sets of targets, for the cost of the nodes beyond.
   */
  resume(tree: SparseTree, weights: Float64Array, opts: { targets?: ArrayLike<number>; enough?: EnoughTest } = {}): SearchTree {
    if (tree.frontier.weights !== weights) throw new RangeError('resume: a tree goes on only under the weights it was searched with');
    this.runBuckets(tree.root, weights, tree.reverse, Infinity, opts.targets, opts.enough, tree);
    return new DenseTree(tree.root, tree.reverse, this.dist, this.predArc, this.lastComplete);
  }

  /**
   * A copy of the last one-to-all's tree that stays valid (what caches keep): whole arrays for a complete
   * tree, only the nodes reached (SparseTree, resumable) for one that stopped early at its targets.
   */
  detach(): SearchTree {
    const f = this.frontier;
    if (f === null) return new DenseTree(this.lastRoot, this.lastReverse, this.dist.slice(), this.predArc.slice(), this.lastComplete);
    const n = this.graph.nodeCount;
    const words = (n + 31) >>> 5;
    const bits = this.int32(words);
    const dist = this.dist;
    const touched = this.touched;
    let k = 0;
    for (let i = 0; i < this.touchedCount; i++) {
      const v = touched[i]!;
      if (dist[v]! < Infinity) {
        bits[v >>> 5]! |= 1 << (v & 31);
        k++;
      }
    }
    // Slots in node order, word by word: the rank of each word, and the labels read in node order.
    const ranks = this.int32(words);
    const d = this.float64(k);
    const p = this.int32(k);
    const pred = this.predArc;
    let slot = 0;
    for (let w = 0; w < words; w++) {
      ranks[w] = slot;
      let word = bits[w]!;
      while (word !== 0) {
        const v = (w << 5) | (31 - Math.clz32(word & -word));
        word &= word - 1;
        d[slot] = dist[v]!;
        p[slot] = pred[v]!;
        slot++;
      }
    }
    const nodes = this.int32(f.count);
    nodes.set(f.nodes.subarray(0, f.count));
    const fdist = this.float64(f.count);
    fdist.set(f.dist.subarray(0, f.count));
    const fpred = this.int32(f.count);
    fpred.set(f.pred.subarray(0, f.count));
    const frontier = { nodes, dist: fdist, pred: fpred, cur: f.cur, weights: f.weights };
    return new SparseTree(this.lastRoot, this.lastReverse, n, bits, ranks, d, p, frontier);
  }

  private int32(length: number): Int32Array {
    return this.arena !== null ? this.arena.int32(length) : new Int32Array(length);
  }

  private float64(length: number): Float64Array {
    return this.arena !== null ? this.arena.float64(length) : new Float64Array(length);
  }

  /**
   * The smallest positive and the largest finite arc weight. Kept per weights array: routing hands the same
   * array for every query under one set of known closures, and callers treat weights as read-only (a
   * caller that edits an array in place must pass a new one, or call setWeightRange).
   */
  private readonly ranges = new WeakMap<Float64Array, WeightRange>();

  private weightRange(weights: Float64Array): WeightRange {
    let range = this.ranges.get(weights);
    if (range === undefined) this.ranges.set(weights, (range = scanWeightRange(weights)));
    return range;
  }

  /**
   * The range of an array edited in place, as the editor worked it out (weight-range.ts
   * BaseWeightRange.after): it must be what a scan would give.
   */
  setWeightRange(weights: Float64Array, range: WeightRange): void {
    this.ranges.set(weights, range);
  }

  /**
   * One-to-all with a bucket queue instead of the heap (Dial's buckets of width delta, circular, with
   * label correction): a node's label goes into bucket floor(label / delta); buckets are emptied in
   * order and a node improved after its scan is simply queued and scanned again. Any such label-correcting
   * order ends with exact shortest distances, so the result equals Dijkstra's; with delta no larger than
   * the lightest positive arc, no node is ever scanned twice (a relaxed label lands in a later bucket)
   * and each queue operation is O(1) instead of O(log n): 1.5x faster than the heap on the 100k-node
   * benchmark graph. delta is floored at maxArc / 256 so the bucket ring (and the run of empty buckets
   * between labels) stays small when arc weights span many orders of magnitude; the price there is a
   * few rescans, never a wrong distance.
   *
   * With targets, the search stops at the end of the first bucket by which every target has been scanned:
   * buckets are emptied in the same order as in the full search, so everything up to that point is the
   * same, and no later relaxation can reach a label in an emptied bucket (it would start from a label in a
   * later bucket, and floor(x / delta) does not decrease as x grows), so those labels and their
   * predecessor arcs are final. Labels in later buckets are dropped.
   */
  private runBuckets(root: number, weights: Float64Array, reverse: boolean, maxCost: number, targets?: ArrayLike<number>, enough?: EnoughTest, from?: SparseTree): void {
    if (weights.length !== this.graph.arcCount) throw new RangeError('weights must have one entry per arc');
    const [minW, maxW] = this.weightRange(weights);
    const delta = maxW > 0 ? Math.max(minW, maxW / 256) : 1;
    const inv = 1 / delta;
    const B = Math.floor(maxW * inv) + 3;
    if (this.bucketHead.length < B) this.bucketHead = new Int32Array(B).fill(-1);
    const head = this.bucketHead;
    const next = this.bucketNext;
    const prev = this.bucketPrev;
    const where = this.bucketOf;

    this.reset();
    this.lastRoot = root;
    this.lastReverse = reverse;
    const dist = this.dist;
    const pred = this.predArc;
    const touched = this.touched;
    const g = this.graph;
    const offsets = reverse ? g.inOffsets : g.offsets;
    const inArcs = g.inArcs;
    // Weights and far ends in scan order: a reverse search reads in-arc-ordered copies (inArcOrder), one
    // sequential load each instead of two dependent random ones per arc (a reverse search on the 100k-junction
    // region: 0.86x the time per node). Same order of relaxation, so the same labels, arcs and ties.
    const scanWeights = reverse ? inArcWeights(g, weights) : weights;
    const ends = reverse ? inArcTails(g) : g.heads;
    let queued = 0;
    let cur = 0;
    if (from === undefined) {
      dist[root] = 0;
      touched[this.touchedCount++] = root;
      head[0] = root;
      next[root] = -1;
      prev[root] = -1;
      where[root] = 0;
      queued = 1;
    } else {
      // Resume: the settled labels, then the queue, each list rebuilt in its order (pushed tail first).
      from.forEach((v, dv, pv) => {
        dist[v] = dv;
        pred[v] = pv;
        touched[this.touchedCount++] = v;
      });
      const f = from.frontier;
      for (let i = f.nodes.length - 1; i >= 0; i--) {
        const v = f.nodes[i]!;
        dist[v] = f.dist[i]!;
        pred[v] = f.pred[i]!;
        touched[this.touchedCount++] = v;
        const nb = Math.floor(f.dist[i]! * inv) % B;
        const h = head[nb]!;
        next[v] = h;
        prev[v] = -1;
        if (h !== -1) prev[h] = v;
        head[nb] = v;
        where[v] = nb;
      }
      queued = f.nodes.length;
      cur = f.cur;
    }
    let settled = 0;
    const wanted = this.wanted;
    let remaining = 0;
    if (targets !== undefined) {
      for (let i = 0; i < targets.length; i++) {
        const v = targets[i]!;
        if (!(Number.isInteger(v) && v < this.graph.nodeCount)) throw new RangeError(`target ${v} is not a node index`);
      }
      for (let i = 0; i < targets.length; i++) {
        const v = targets[i]!;
        // A resumed search does not wait for targets its tree already holds.
        if (v >= 0 && wanted[v] === 0 && (from === undefined || !(from.distTo(v) < Infinity))) {
          wanted[v] = 1;
          remaining++;
        }
      }
    }
    const targeted = targets !== undefined;
    let satisfied = false;
    const lastBucket = maxCost < Infinity ? Math.floor(maxCost * inv) : Infinity;
    // A resumed search whose targets the tree already holds is done: the first search checked that bucket.
    const done = from !== undefined && targeted && remaining === 0;
    while (!done && queued > 0 && cur <= lastBucket) {
      const b = cur % B;
      let u = head[b]!;
      while (u !== -1) {
        const nu = next[u]!;
        head[b] = nu;
        if (nu !== -1) prev[nu] = -1;
        where[u] = -1;
        queued--;
        settled++;
        if (wanted[u] === 1) {
          wanted[u] = 0;
          remaining--;
          if (enough !== undefined && enough(u, dist[u]!)) satisfied = true;
        }
        const du = dist[u]!;
        const end = offsets[u + 1]!;
        for (let k = offsets[u]!; k < end; k++) {
          const nd = du + scanWeights[k]!; // Infinity for an unusable arc: never < dist[v]
          const v = ends[k]!;
          const dv = dist[v]!;
          if (nd < dv) {
            if (dv === Infinity) touched[this.touchedCount++] = v;
            dist[v] = nd;
            pred[v] = reverse ? inArcs[k]! : k;
            // nd >= du, so its bucket is the current one or a later one within the ring.
            const nb = Math.floor(nd * inv) % B;
            const old = where[v]!;
            if (old !== nb) {
              if (old >= 0) {
                const p = prev[v]!;
                const q = next[v]!;
                if (p !== -1) next[p] = q;
                else head[old] = q;
                if (q !== -1) prev[q] = p;
              } else queued++;
              const h = head[nb]!;
              next[v] = h;
              prev[v] = -1;
              if (h !== -1) prev[h] = v;
              head[nb] = v;
              where[v] = nb;
            }
          }
        }
        u = head[b]!;
      }
      cur++;
      if (targeted && (remaining === 0 || satisfied)) break;
    }
    // Targets never scanned (unreachable, or beyond maxCost) are unmarked for the next query.
    if (remaining > 0) for (let i = 0; i < targets!.length; i++) if (targets![i]! >= 0) wanted[targets![i]!] = 0;
    const stoppedEarly = queued > 0;
    if (queued > 0 && targeted && maxCost === Infinity) {
      // Stopped at the targets: note the queue, bucket by bucket from the next one, in list order.
      const n = this.graph.nodeCount;
      const buf = (this.frontierBuf ??= { nodes: new Int32Array(n), dist: new Float64Array(n), pred: new Int32Array(n) });
      let count = 0;
      for (let i = 0; i < B; i++) {
        for (let u = head[(cur + i) % B]!; u !== -1; u = next[u]!) {
          buf.nodes[count] = u;
          buf.dist[count] = dist[u]!;
          buf.pred[count] = pred[u]!;
          count++;
        }
      }
      this.frontier = { ...buf, count, cur, weights };
    }
    if (queued > 0) {
      // Stopped at maxCost or at the targets: empty the ring and drop the labels beyond.
      for (let b = 0; b < B; b++) {
        for (let u = head[b]!; u !== -1; u = next[u]!) where[u] = -1;
        head[b] = -1;
      }
    }
    // Keep only the final labels: within maxCost, and in the buckets emptied (0 .. cur - 1).
    if (stoppedEarly || maxCost < Infinity) {
      for (let i = 0; i < this.touchedCount; i++) {
        const v = touched[i]!;
        const d = dist[v]!;
        if (d > maxCost || Math.floor(d * inv) >= cur) {
          dist[v] = Infinity;
          pred[v] = -1;
        }
      }
    }
    this.lastComplete = !stoppedEarly && !(maxCost < Infinity);
    this.settled = settled;
  }

  /** Cost of the best path source -> target (Infinity if none); Dijkstra that stops at the target. */
  pointToPoint(source: number, target: number, weights: Float64Array): number {
    this.checkNode(source, 'source');
    this.checkNode(target, 'target');
    this.run(source, target, weights, false, Infinity);
    return this.dist[target]!;
  }

  private run(root: number, target: number, weights: Float64Array, reverse: boolean, maxCost: number): void {
    if (weights.length !== this.graph.arcCount) throw new RangeError('weights must have one entry per arc');
    this.start(root);
    this.lastRoot = root;
    this.lastReverse = reverse;
    const dist = this.dist;
    const pred = this.predArc;
    const touched = this.touched;
    const g = this.graph;
    const offsets = reverse ? g.inOffsets : g.offsets;
    const ends = reverse ? g.tails : g.heads;
    const inArcs = g.inArcs;
    const heap = this.heap;
    let settled = 0;
    while (heap.size > 0) {
      const u = heap.pop();
      const du = dist[u]!;
      if (du > maxCost) {
        // Not settled after all: forget it so the tree holds only nodes within maxCost.
        dist[u] = Infinity;
        pred[u] = -1;
        break;
      }
      settled++;
      if (u === target) break;
      const end = offsets[u + 1]!;
      for (let k = offsets[u]!; k < end; k++) {
        const a = reverse ? inArcs[k]! : k;
        const w = weights[a]!;
        if (w === Infinity) continue;
        const v = ends[a]!;
        const nd = du + w;
        const dv = dist[v]!;
        if (nd < dv) {
          if (dv === Infinity) touched[this.touchedCount++] = v;
          dist[v] = nd;
          pred[v] = a;
          heap.push(v, nd);
        }
      }
    }
    if (maxCost < Infinity) {
      // Drop tentative labels beyond the bound that are still in the heap.
      for (let i = 0; i < heap.size; i++) {
        const v = heap.itemAt(i);
        if (dist[v]! > maxCost) {
          dist[v] = Infinity;
          pred[v] = -1;
        }
      }
    }
    this.settled = settled;
  }

  /**
   * A* from source to target with h(v) = r * greatCircleKm(v, target), r from minutesPerKmLowerBound
   * (or the caller's own admissible value). Equal to Dijkstra's cost; settles fewer nodes when coordinates
   * are meaningful.
   */
  astar(source: number, target: number, weights: Float64Array, minutesPerKm?: number): number {
    this.checkNode(source, 'source');
    this.checkNode(target, 'target');
    if (weights.length !== this.graph.arcCount) throw new RangeError('weights must have one entry per arc');
    const r = minutesPerKm ?? minutesPerKmLowerBound(this.graph, weights);
    if (!(r > 0)) return this.pointToPoint(source, target, weights);
    const g = this.graph;
    const { offsets, heads, lat, lon, cosLat } = g;
    const tLat = lat[target]!;
    const tLon = lon[target]!;
    const tCos = cosLat[target]!;
    const h = this.heuristic;
    h[source] = r * haversineKmCos(lat[source]!, lon[source]!, cosLat[source]!, tLat, tLon, tCos);
    this.start(source, h[source]!);
    this.lastRoot = source;
    this.lastReverse = false;
    const dist = this.dist;
    const pred = this.predArc;
    const touched = this.touched;
    const heap = this.heap;
    let settled = 0;
    while (heap.size > 0) {
      const u = heap.pop();
      settled++;
      if (u === target) break;
      const du = dist[u]!;
      const end = offsets[u + 1]!;
      for (let a = offsets[u]!; a < end; a++) {
        const w = weights[a]!;
        if (w === Infinity) continue;
        const v = heads[a]!;
        const nd = du + w;
        const dv = dist[v]!;
        if (nd < dv) {
          // h[v] is valid exactly when v has a label in this query (it is written when v is first reached).
          if (dv === Infinity) {
            touched[this.touchedCount++] = v;
            h[v] = r * haversineKmCos(lat[v]!, lon[v]!, cosLat[v]!, tLat, tLon, tCos);
          }
          dist[v] = nd;
          pred[v] = a;
          // A settled node is re-inserted only if rounding found it a strictly shorter path (A* reopening).
          heap.push(v, nd + h[v]!);
        }
      }
    }
    this.settled = settled;
    return dist[target]!;
  }

  /** Arcs of the best path found by the last query from its root to `node` (null if unreached). */
  pathArcs(node: number): number[] | null {
    return treePathArcs(this.graph, new DenseTree(this.lastRoot, this.lastReverse, this.dist, this.predArc), node);
  }

  /** Cost found by the last query for `node` (Infinity if it was not reached). */
  cost(node: number): number {
    return this.dist[node]!;
  }
}
