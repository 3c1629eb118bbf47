/**
 * The routing runtime of one region in one replication: the CSR snapshot, the timed edge states, a reusable
 * solver and the route cache. Routes are planned on the KNOWN state at a time t; `trueArcMinutes` gives
 * what a traveller actually needs for an arc at t (travel.ts uses both).
 */
import { InputError } from '../errors.js';
import { bprTravelTime, edgeCapacityVehH } from './bpr.js';
import { unchangedDistances, type WeightChanges } from './carry.js';
import { RouteCache } from './cache.js';
import { RoadCsr } from './csr.js';
import { isTravelMode, TRAVEL_MODES, type TravelMode } from './modes.js';
import type { NetworkEdge, NetworkNode, NetworkPoint } from './schema.js';
import { forgetLowerBound, minutesPerKmLowerBound, ShortestPaths, SparseTree, treeCovers, treePathArcs, weightsEdited, type EnoughTest, type SearchTree } from './search.js';
import { sharedTreesOf, type SharedTrees, type WeightsState } from './shared-trees.js';
import { EdgeStateTimeline, type EdgeStateEntry, type EdgeStateValue } from './states.js';
import { TreeArena } from './tree-arena.js';
import { baseWeightRange } from './weight-range.js';

export interface Route {
  from: string;
  to: string;
  mode: TravelMode;
  minutes: number;
  km: number;
  /** Node ids from origin to destination inclusive. */
  nodes: string[];
  /** Edge ids in travel order. */
  edges: string[];
  /** Arc indices in travel order (the CSR's directed arcs). */
  arcs: number[];
}

export interface RouteOptions {
  /** Edges this query must not use on top of the known closures (a traveller's own discoveries). */
  avoidEdges?: ReadonlySet<number>;
  /** 'astar' (default) or 'dijkstra' (point-to-point with early exit). */
  algorithm?: 'astar' | 'dijkstra';
  /** Answer from a cached one-to-all tree of the origin when there is one (default true). */
  useCache?: boolean;
}

/** The known states of the edges for one mode at some time (sorted by edge, one entry per edge not open; read-only). */
export interface KnownView {
  readonly mode: TravelMode;
  readonly epoch: number;
  readonly states: ReadonlyArray<{ readonly edge: number; readonly state: EdgeStateValue }>;
}

/** What routing reads of a region besides its CSR: the id (for messages), the edges and the named points. */
export interface RoutingNetwork {
  readonly id: string;
  readonly edges: readonly NetworkEdge[];
  readonly points?: readonly NetworkPoint[] | undefined;
  readonly nodes?: readonly NetworkNode[] | undefined;
}

export class RoadNetwork {
  /**
   * Graphs with fewer nodes answer `tree` with full trees whatever targets they are given: on Leshan (249
   * junctions) partial trees made a flood replication 12 % slower (more, smaller searches whose fixed costs
   * outweigh the nodes saved), on a 100k-junction region 3x faster. Results are the same either way (tests
   * set it to 0 to run the flood on Leshan with partial trees and compare with the golden fixture).
   */
  static partialTreesFrom = 20_000;
  readonly csr: RoadCsr;
  readonly states: EdgeStateTimeline;
  readonly cache: RouteCache;
  private readonly solver: ShortestPaths;
  /** Trees and weights shared with the other replications this thread runs on the same snapshot. */
  private readonly shared: SharedTrees;
  private readonly known = new Map<TravelMode, { epoch: number; state: WeightsState }>();
  private readonly views = new Map<TravelMode, KnownView>();
  private pointNode: Map<string, number> | undefined;

  /**
   * @param opts.csr a snapshot already built from this same network: it is immutable (its base weights are a
   * pure function of the network), so every replication of a batch can share one instead of rebuilding it.
   */
  constructor(
    readonly network: RoutingNetwork,
    opts: { cacheCapacity?: number; csr?: RoadCsr } = {},
  ) {
    if (opts.csr !== undefined && network.nodes !== undefined && opts.csr.edges !== network.edges) {
      throw new Error('RoadNetwork: the CSR snapshot given was built from another network');
    }
    if (opts.csr === undefined && network.nodes === undefined) throw new Error('RoadNetwork: give the network with its nodes, or its CSR snapshot');
    this.csr = opts.csr ?? new RoadCsr({ nodes: network.nodes!, edges: network.edges });
    this.states = new EdgeStateTimeline((id) => this.csr.edgeIndex.get(id));
    this.cache = new RouteCache(opts.cacheCapacity);
    this.solver = new ShortestPaths(this.csr.graph);
    // Partial trees (large graphs) live as long as this network: their arrays come from pooled buffers.
    if (this.large()) this.solver.arena = new TreeArena();
    this.shared = sharedTreesOf(this.csr);
  }

  /**
   * This network's replication is over: the buffers of its partial trees go back to the thread's pool, for
   * the next replication's network (tree-arena.ts says why). The network still answers (later trees get
   * arrays of their own), but the partial trees it handed out before must not be read after this.
   */
  release(): void {
    const arena = this.solver.arena;
    if (arena === null) return;
    this.solver.arena = null;
    this.cache.clear();
    arena.release();
  }

  /** Node index of an id or of a named point (which stands on a node); InputError if neither exists. */
  nodeIndexOf(id: string): number {
    const v = this.csr.nodeIndex.get(id);
    if (v !== undefined) return v;
    this.pointNode ??= new Map((this.network.points ?? []).map((p) => [p.id, this.csr.nodeIndex.get(p.node)!]));
    const pv = this.pointNode.get(id);
    if (pv !== undefined) return pv;
    throw new InputError([{ path: '', message: `unknown node or point '${id}' in region '${this.network.id}'` }]);
  }

  edgeIndexOf(id: string): number {
    const e = this.csr.edgeIndex.get(id);
    if (e === undefined) throw new InputError([{ path: '', message: `unknown edge '${id}' in region '${this.network.id}'` }]);
    return e;
  }

  static mode(name: string): TravelMode {
    if (!isTravelMode(name)) throw new InputError([{ path: '', message: `unknown travel mode '${name}'; expected one of ${TRAVEL_MODES.join(', ')}` }]);
    return name;
  }

  /** Add a timed state (closure or degradation) for an edge. */
  setState(entry: EdgeStateEntry): number {
    return this.states.add(entry);
  }

  knownEpoch(t: number): number {
    return this.states.knownEpoch(t);
  }

  /** The known states for `mode` at t, to compare a later view with (`knownChangesSince`): kept for the current epoch. */
  knownView(mode: TravelMode, t: number): KnownView {
    const epoch = this.states.knownEpoch(t);
    let view = this.views.get(mode);
    if (view === undefined || view.epoch !== epoch) this.views.set(mode, (view = { mode, epoch, states: this.states.knownStatesAt(t, mode) }));
    return view;
  }

  /**
   * How the known weights of the view's mode changed from `view` to those at t: the arcs that became dearer
   * (closed, or slower) and those that became cheaper, with their minutes now (carry.ts keeps the distances of
   * a tree that such a change leaves as they were).
   */
  knownChangesSince(view: KnownView, t: number): WeightChanges {
    const now = this.knownView(view.mode, t);
    // Callers ask about the same pair of views again and again (every shelter searched in one epoch, at the next).
    const memo = this.changes.get(view);
    if (memo !== undefined && memo.now === now) return memo.changes;
    const changes = this.diffViews(view, now);
    this.changes.set(view, { now, changes });
    return changes;
  }

  private readonly changes = new WeakMap<KnownView, { now: KnownView; changes: WeightChanges }>();

  private diffViews(view: KnownView, now: KnownView): WeightChanges {
    const dearer: number[] = [];
    const cheaper: number[] = [];
    const cheaperMinutes: number[] = [];
    if (now.epoch !== view.epoch) {
      const a = view.states;
      const b = now.states;
      const base = this.csr.baseMinutes(view.mode);
      // Minutes relative to the base (1 / speed factor; Infinity when closed), and the weight as the known
      // weights are written (base / speed factor).
      const factor = (s: EdgeStateValue | undefined): number => (s === undefined ? 1 : s.closed ? Infinity : 1 / s.speedFactor);
      let i = 0;
      let j = 0;
      while (i < a.length || j < b.length) {
        const ea = i < a.length ? a[i]!.edge : Infinity;
        const eb = j < b.length ? b[j]!.edge : Infinity;
        const edge = Math.min(ea, eb);
        const before = factor(ea === edge ? a[i++]!.state : undefined);
        const after = eb === edge ? b[j++]!.state : undefined;
        const f = factor(after);
        if (f === before) continue;
        for (const arc of [this.csr.edgeFwdArc[edge]!, this.csr.edgeBwdArc[edge]!]) {
          if (f > before) dearer.push(arc);
          else {
            cheaper.push(arc);
            cheaperMinutes.push(after === undefined ? base[arc]! : base[arc]! / after.speedFactor);
          }
        }
      }
    }
    return { dearer: Int32Array.from(dearer), cheaper: Int32Array.from(cheaper), cheaperMinutes: Float64Array.from(cheaperMinutes) };
  }

  /**
   * Which of `nodes` keep their distance in `tree` (searched in `view`'s mode under the known states of
   * `view`) under the known states at t: out[i] = 1 where it is still exact, to the last bit, and floors[i]
   * a lower bound on it now (carry.ts).
   */
  unchangedSince(tree: SearchTree, view: KnownView, t: number, nodes: ArrayLike<number>, out: Uint8Array, floors: Float64Array): void {
    const bound = minutesPerKmLowerBound(this.csr.graph, this.csr.baseMinutes(view.mode));
    unchangedDistances(this.csr.graph, tree, this.knownChangesSince(view, t), bound, nodes, out, floors);
  }

  /** Arc minutes under the known states at t (shared across replications: treat as read-only). */
  knownWeights(mode: TravelMode, t: number): Float64Array {
    return this.large() ? this.rewritten(mode, t) : this.knownState(mode, t).weights;
  }

  /**
   * Whether searches here stop at their targets (`tree` with targets gives partial trees): large graphs. On
   * small ones a full tree costs less than any bookkeeping that would save searching, so callers skip it.
   */
  get partialTrees(): boolean {
    return this.large();
  }

  /** Graphs on which searches stop at their targets and the known weights are rewritten in place. */
  private large(): boolean {
    return this.csr.graph.nodeCount >= RoadNetwork.partialTreesFrom;
  }

  /**
   * The known weights at t on a large graph: one array per snapshot and mode for the thread, rewritten
   * (base minutes, then the known states) when this network's epoch changes or another network used it
   * since. A new array per distinct state, as small graphs keep them, cost 4-20 ms each on the 100k-junction
   * region (a fresh 4 MB allocation; rewriting one takes 0.1 ms), about 60-120 states per flood replication,
   * and kept every state's array alive. Valid until the next routing call of any network on this snapshot;
   * caches keyed by the array (weight ranges, the A* bound) are told it changed.
   */
  private rewritten(mode: TravelMode, t: number): Float64Array {
    const epoch = this.states.knownEpoch(t);
    let byMode = REWRITTEN.get(this.csr);
    if (byMode === undefined) REWRITTEN.set(this.csr, (byMode = new Map()));
    let w = byMode.get(mode);
    if (w === undefined) byMode.set(mode, (w = { weights: this.csr.baseMinutes(mode).slice(), owner: null, epoch: Number.NaN, arcs: new Int32Array(0), count: 0 }));
    if (w.owner !== this || w.epoch !== epoch) {
      const base = this.csr.baseMinutes(mode);
      const weights = w.weights;
      // Back to the base weights: the array differs from them only at the arcs the last rewrite listed (a
      // copy of the whole base, 4 MB on the 100k-junction region, at every change of the known states was
      // 4 % of a flood replication there).
      for (let i = 0; i < w.count; i++) weights[w.arcs[i]!] = base[w.arcs[i]!]!;
      weightsEdited(this.csr.graph, weights, w.arcs, w.count);
      const states = this.knownView(mode, t).states;
      if (w.arcs.length < 2 * states.length) w.arcs = new Int32Array(2 * states.length);
      let k = 0;
      for (const { edge, state } of states) {
        for (const a of [this.csr.edgeFwdArc[edge]!, this.csr.edgeBwdArc[edge]!]) {
          weights[a] = state.closed ? Infinity : base[a]! / state.speedFactor;
          w.arcs[k++] = a;
        }
      }
      weightsEdited(this.csr.graph, weights, w.arcs, k);
      w.owner = this;
      w.epoch = epoch;
      w.count = k;
      // The bucket search's weight range, from the base's and the arcs rewritten: no scan of every arc.
      this.solver.setWeightRange(weights, baseWeightRange(base).after(weights, w.arcs, k));
      forgetLowerBound(weights);
    }
    return w.weights;
  }

  /** The known weights state at t: cached per epoch here, and per distinct set of states in `shared`. */
  private knownState(mode: TravelMode, t: number): WeightsState {
    const epoch = this.states.knownEpoch(t);
    const hit = this.known.get(mode);
    if (hit !== undefined && hit.epoch === epoch) return hit.state;
    const states = this.knownView(mode, t).states;
    const state = this.shared.weightsFor(mode, states, () => {
      const base = this.csr.baseMinutes(mode);
      const weights = states.length === 0 ? base : base.slice();
      for (const { edge, state } of states) {
        for (const a of [this.csr.edgeFwdArc[edge]!, this.csr.edgeBwdArc[edge]!]) {
          weights[a] = state.closed ? Infinity : base[a]! / state.speedFactor;
        }
      }
      return weights;
    });
    this.known.set(mode, { epoch, state });
    return state;
  }

  /** Minutes a traveller in `mode` really needs for `arc` entered at t (Infinity if truly closed). */
  trueArcMinutes(arc: number, mode: TravelMode, t: number): number {
    const base = this.csr.baseMinutes(mode)[arc]!;
    const s = this.states.trueState(this.csr.arcEdge[arc]!, t, mode);
    return s.closed ? Infinity : base / s.speedFactor;
  }

  /**
   * Minutes for `arc` entered at t under a flow of `volumeVehH` in its direction (evacuation traffic): the
   * true free-flow time through BPR, against the direction's capacity reduced by the true capacityFactor.
   */
  loadedArcMinutes(arc: number, mode: TravelMode, t: number, volumeVehH: number): number {
    const edge = this.csr.arcEdge[arc]!;
    const s = this.states.trueState(edge, t, mode);
    if (s.closed) return Infinity;
    const t0 = this.csr.baseMinutes(mode)[arc]! / s.speedFactor;
    return bprTravelTime(t0, volumeVehH, edgeCapacityVehH(this.csr.edges[edge]!, s.capacityFactor));
  }

  /** Whether the edge under `arc` is truly closed at t (to `mode`, or to any mode when none is given). */
  trulyClosed(arc: number, t: number, mode?: TravelMode): boolean {
    return this.states.trueState(this.csr.arcEdge[arc]!, t, mode).closed;
  }

  /**
   * One-to-all tree from `origin` (or to it, with reverse) under the known states at t. Cached per
   * (origin, mode, direction, epoch); the returned tree is shared: treat as read-only.
   *
   * `targets`: the nodes the caller will read (negative entries ignored). The search then stops once they
   * are all settled, and the tree is exact for them and for every node nearer than the farthest of them
   * (same dist, same path as the full tree) but Infinity beyond: on a large region a caller that needs a
   * few named places no longer pays for the whole graph. A cached tree that does not cover the targets is
   * searched on from where it stopped (SparseTree frontier, same weights) or, failing that, again (with these
   * targets and those it was built for). Without targets, a full tree.
   *
   * `enough` (with targets): a fresh test per call, fed targets nearest first (each node once); true once
   * the targets fed so far are all the caller will use (e.g. shelters with room for everyone). The search
   * then stops there, and the tree is exact for those targets and Infinity for the farther ones.
   */
  tree(origin: number, mode: TravelMode, t: number, reverse = false, targets?: ArrayLike<number>, enough?: () => EnoughTest): SearchTree {
    if (!this.large()) {
      // A small graph's full tree costs less than the bookkeeping (and the searches again) of partial ones.
      targets = undefined;
      enough = undefined;
    }
    const epoch = this.states.knownEpoch(t);
    const hit = this.cache.get(origin, mode, epoch, reverse);
    let test: EnoughTest | undefined;
    if (hit !== undefined) {
      if (targets === undefined ? hit.complete !== false : treeCovers(hit, targets)) return hit;
      // The test is fed the targets the tree holds, nearest first: it goes on with the search if they are not enough.
      if (targets !== undefined && enough !== undefined && this.enoughIn(hit, targets, (test = enough()))) return hit;
    }
    const wanted = hit === undefined || targets === undefined ? targets : joinTargets(this.treeTargets.get(hit), targets);
    // A cached tree was searched in this epoch, so under the weights known now (rewritten in place: the same array).
    if (hit instanceof SparseTree && hit.frontier.weights === this.knownWeights(mode, t)) return this.extend(hit, mode, t, epoch, wanted, test);
    return this.search(origin, mode, t, epoch, reverse, wanted, targets === undefined ? undefined : enough);
  }

  /**
   * A partial tree searched on from where it stopped (under the weights it was searched with, which the
   * caller checked are those known now): the same tree as one search for its targets and these, for the
   * nodes beyond it only. On the 100k-junction region, evacuees of a zone departing group after group ask for
   * shelters farther out as the nearer fill up: searching each time from the zone again settled 1.8 M
   * nodes of the replication's 7.7 M.
   */
  private extend(hit: SparseTree, mode: TravelMode, t: number, epoch: number, targets: ArrayLike<number> | undefined, test?: EnoughTest): SearchTree {
    this.solver.resume(hit, this.knownWeights(mode, t), test === undefined ? { targets } : { targets, enough: test });
    return this.keep(undefined, hit.root, mode, epoch, hit.reverse, targets);
  }

  /** The targets a partial tree holds, nearest first (each node once), per targets array asked with. */
  private readonly held = new WeakMap<SearchTree, { targets: ArrayLike<number>; nodes: Int32Array }>();

  /** Whether the targets a partial tree holds already satisfy a caller's test (fed nearest first, each once). */
  private enoughIn(tree: SearchTree, targets: ArrayLike<number>, enough: EnoughTest): boolean {
    let held = this.held.get(tree);
    if (held === undefined || held.targets !== targets) {
      const nodes: number[] = [];
      for (let i = 0; i < targets.length; i++) {
        const v = targets[i]!;
        if (v >= 0 && tree.distTo(v) < Infinity) nodes.push(v);
      }
      nodes.sort((a, b) => tree.distTo(a) - tree.distTo(b) || a - b);
      held = { targets, nodes: Int32Array.from(nodes.filter((v, i) => i === 0 || v !== nodes[i - 1])) };
      this.held.set(tree, held);
    }
    for (let i = 0; i < held.nodes.length; i++) if (enough(held.nodes[i]!, tree.distTo(held.nodes[i]!))) return true;
    return false;
  }

  /** What each partial tree in the cache was searched for (to search again for more without losing them). */
  private readonly treeTargets = new WeakMap<SearchTree, ArrayLike<number>>();

  private search(origin: number, mode: TravelMode, t: number, epoch: number, reverse: boolean, targets: ArrayLike<number> | undefined, enough?: () => EnoughTest): SearchTree {
    // Large graphs do not share trees between replications by state (their searches stop at targets, and
    // their weights are rewritten in place rather than kept per state).
    const state = this.large() ? undefined : this.knownState(mode, t);
    if (state !== undefined) {
      // A complete tree under the same weights, from another replication or from before an epoch change that
      // left this mode's weights as they were, answers any targets.
      const tree = this.shared.get(state, origin, reverse);
      if (tree !== undefined) {
        this.cache.set(origin, mode, epoch, tree, reverse);
        return tree;
      }
    }
    const opts = targets === undefined ? { reverse } : enough === undefined ? { reverse, targets } : { reverse, targets, enough: enough() };
    this.solver.oneToAll(origin, state?.weights ?? this.knownWeights(mode, t), opts);
    return this.keep(state, origin, mode, epoch, reverse, targets);
  }

  /** The solver's last tree, detached and cached: shared when complete, with the targets it was searched for when partial. */
  private keep(state: WeightsState | undefined, origin: number, mode: TravelMode, epoch: number, reverse: boolean, targets: ArrayLike<number> | undefined): SearchTree {
    const tree = this.solver.detach();
    if (tree.complete === false && targets !== undefined) this.treeTargets.set(tree, targets);
    else if (state !== undefined) this.shared.set(state, origin, reverse, tree);
    this.cache.set(origin, mode, epoch, tree, reverse);
    return tree;
  }

  /**
   * One-to-all tree on the open network (no edge states at all). Kept with the shared trees under the
   * no-states key, not in the epoch-keyed cache (asking that for time 0 would flush every tree of the
   * current epoch).
   */
  baseTree(origin: number, mode: TravelMode, reverse = false): SearchTree {
    const state = this.shared.weightsFor(mode, [], () => this.csr.baseMinutes(mode));
    let tree = this.shared.get(state, origin, reverse);
    if (tree === undefined) {
      this.solver.oneToAll(origin, state.weights, { reverse });
      tree = this.solver.detach();
      this.shared.set(state, origin, reverse, tree);
    }
    return tree;
  }

  /** Best route from -> to in `mode` under the known states at t, or null when none exists. */
  route(from: number, to: number, mode: TravelMode, t: number, opts: RouteOptions = {}): Route | null {
    const avoid = opts.avoidEdges;
    if ((avoid === undefined || avoid.size === 0) && opts.useCache !== false) {
      const epoch = this.states.knownEpoch(t);
      let cached = this.cache.get(from, mode, epoch, false);
      // A partial tree that stops short of `to` is searched on to it: the answer is the full tree's path.
      if (cached !== undefined && !treeCovers(cached, [to])) {
        const wanted = joinTargets(this.treeTargets.get(cached), [to]);
        const resumable = cached instanceof SparseTree && cached.frontier.weights === this.knownWeights(mode, t);
        cached = resumable ? this.extend(cached as SparseTree, mode, t, epoch, wanted) : this.search(from, mode, t, epoch, false, wanted);
      }
      if (cached !== undefined) {
        const arcs = treePathArcs(this.csr.graph, cached, to);
        return arcs === null ? null : this.describe(from, to, mode, arcs, cached.distTo(to));
      }
    }
    const weights = this.knownWeights(mode, t);
    // Avoided edges are blocked in place for the duration of the query and restored after it, so the
    // shared known-weights array is unchanged when this returns. The A* bound is cached per array, so it
    // is taken from the unblocked array first: blocking only raises costs, so that bound stays admissible
    // (computed on the blocked array it could exceed true costs once the arcs are restored).
    minutesPerKmLowerBound(this.csr.graph, weights);
    const saved: Array<[number, number]> = [];
    if (avoid !== undefined) {
      for (const e of avoid) {
        for (const a of [this.csr.edgeFwdArc[e]!, this.csr.edgeBwdArc[e]!]) {
          saved.push([a, weights[a]!]);
          weights[a] = Infinity;
        }
      }
    }
    try {
      const minutes = opts.algorithm === 'dijkstra' ? this.solver.pointToPoint(from, to, weights) : this.solver.astar(from, to, weights);
      if (!(minutes < Infinity)) return null;
      return this.describe(from, to, mode, this.solver.pathArcs(to)!, minutes);
    } finally {
      for (let i = saved.length - 1; i >= 0; i--) weights[saved[i]![0]] = saved[i]![1];
    }
  }

  /** Convenience: route between ids (nodes or points). */
  routeByIds(from: string, to: string, mode: TravelMode, t = 0, opts: RouteOptions = {}): Route | null {
    return this.route(this.nodeIndexOf(from), this.nodeIndexOf(to), mode, t, opts);
  }

  private describe(from: number, to: number, mode: TravelMode, arcs: number[], minutes: number): Route {
    const csr = this.csr;
    const { graph, arcEdge, edgeKm } = csr;
    const nodes = [csr.nodeId(from)];
    const edges: string[] = [];
    let km = 0;
    for (const a of arcs) {
      const e = arcEdge[a]!;
      edges.push(csr.edgeId(e));
      km += edgeKm[e]!;
      nodes.push(csr.nodeId(graph.heads[a]!));
    }
    return { from: csr.nodeId(from), to: csr.nodeId(to), mode, minutes, km, nodes, edges, arcs };
  }
}

/**
 * Per snapshot and mode, the array large graphs rewrite to the known weights, whose epoch it holds, and the
 * arcs last rewritten (arcs[0 .. count)): everywhere else it holds the base weights.
 */
const REWRITTEN = new WeakMap<RoadCsr, Map<TravelMode, { weights: Float64Array; owner: RoadNetwork | null; epoch: number; arcs: Int32Array; count: number }>>();

/** The targets of two queries, each node once (b's own array when a adds nothing). */
function joinTargets(a: ArrayLike<number> | undefined, b: ArrayLike<number>): ArrayLike<number> {
  if (a === undefined || a === b) return b;
  const seen = new Set<number>();
  for (let i = 0; i < b.length; i++) seen.add(b[i]!);
  let extra = false;
  for (let i = 0; i < a.length; i++) if (!seen.has(a[i]!)) extra = true;
  if (!extra) return b;
  for (let i = 0; i < a.length; i++) seen.add(a[i]!);
  return Array.from(seen);
}

