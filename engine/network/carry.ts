/**
 * Which distances of a shortest-path tree survive a change of arc weights, without searching again.
 *
 * A tree was searched under weights W; the weights are now W', which differ from W at a few arcs. Call
 * pi(u) the tree's label of u, or, for a node a tree that stopped early does not hold, its reach (every
 * node it does not hold costs more). pi is a feasible potential under W: for every arc, the end towards the
 * root plus the arc's weight is at least the far end (Dijkstra relaxed every arc out of what it settled).
 * Raising weights keeps it feasible. A cheaper arc keeps it feasible when pi(far end) <= pi(near end) + its
 * weight now, computed as the search adds, in floating point.
 *
 * When pi stays feasible under W', no path costs less than pi of its start, to the last bit: floating
 * addition is monotone, so a sum built arc by arc from the root never drops below pi. A node whose tree
 * path uses no changed arc still costs its label along that path. Its label is then its distance under W'.
 *
 * A cheaper arc that breaks feasibility (it shortens the way from its far end) is handled by a straight-line
 * bound. A path through it costs at least three parts: the great-circle minutes from the node to the arc's
 * far end, the arc's weight now, and a floor on the cost from its near end to the root. The floor is pi
 * there, or a path through another such arc, bounded the same way. The distance stays when that bound
 * exceeds the label by a margin far above any rounding. `minutesPerKm` times the great-circle km bounds every
 * W' weight. It holds for W' when it holds for the base weights, since W' only ever raises them (closures
 * and slow-downs do: RoadNetwork's known states).
 */
import { haversineKmCos } from './geo.js';
import type { CsrGraph } from './csr.js';
import { SparseTree, treeCutNodes, treePathMeets, type SearchTree } from './search.js';

/** How the weights changed: the arcs now dearer, and those now cheaper with their weight now. */
export interface WeightChanges {
  readonly dearer: Int32Array;
  readonly cheaper: Int32Array;
  readonly cheaperMinutes: Float64Array;
}

/** Relative margin on a straight-line bound before it counts as beating a distance. */
const MARGIN = 1e-9;

/**
 * out[i] = 1 when the tree distance of nodes[i] is its distance under the changed weights (see above), to
 * the last bit (Infinity for a node a complete tree cannot reach, when nothing made it reachable); 0 when
 * it may differ, or the tree does not hold it. floors[i] receives a lower bound on the distance of nodes[i]
 * under the changed weights. Negative nodes are ignored (0, floor 0).
 */
export function unchangedDistances(
  graph: CsrGraph,
  tree: SearchTree,
  change: WeightChanges,
  minutesPerKm: number,
  nodes: ArrayLike<number>,
  out: Uint8Array,
  floors: Float64Array,
): void {
  // A tree cut off at a cost bound does not say how far the rest is: nothing can be vouched for.
  if (tree.complete === false && !(tree instanceof SparseTree)) {
    out.fill(0, 0, nodes.length);
    floors.fill(0, 0, nodes.length);
    return;
  }
  const beyond = tree instanceof SparseTree ? tree.reach : Infinity;
  const pi = (u: number): number => {
    const d = tree.distTo(u);
    return d < Infinity ? d : beyond;
  };
  // A cheaper arc's ends: `far` away from the root along a path through it, `near` towards the root.
  const far = tree.reverse ? graph.tails : graph.heads;
  const near = tree.reverse ? graph.heads : graph.tails;
  const { dearer, cheaper, cheaperMinutes } = change;
  // The cheaper arcs that break pi's feasibility.
  const breaking: number[] = [];
  const breakingMinutes: number[] = [];
  for (let k = 0; k < cheaper.length; k++) {
    const a = cheaper[k]!;
    if (pi(far[a]!) > pi(near[a]!) + cheaperMinutes[k]!) {
      breaking.push(a);
      breakingMinutes.push(cheaperMinutes[k]!);
    }
  }
  const changed = new Int32Array(dearer.length + cheaper.length);
  changed.set(dearer);
  changed.set(cheaper, dearer.length);
  const cut = treeCutNodes(graph, tree, changed);
  const { lat, lon, cosLat } = graph;
  const r = minutesPerKm > 0 ? minutesPerKm : 0;
  const gc = (u: number, v: number): number => r * haversineKmCos(lat[u]!, lon[u]!, cosLat[u]!, lat[v]!, lon[v]!, cosLat[v]!);
  const root = tree.root;
  // Floors from each breaking arc's near end to the root under the new weights.
  const floor = new Float64Array(breaking.length);
  for (let i = 0; i < breaking.length; i++) {
    const u = near[breaking[i]!]!;
    let f = pi(u);
    for (let k = 0; k < breaking.length; k++) {
      const b = breaking[k]!;
      f = Math.min(f, gc(u, far[b]!) + breakingMinutes[k]! + gc(near[b]!, root));
    }
    floor[i] = f;
  }
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i]!;
    if (v < 0) {
      out[i] = 0;
      floors[i] = 0;
      continue;
    }
    // The least a path through a breaking arc can cost now; any other path costs at least pi(v).
    let via = Infinity;
    for (let k = 0; k < breaking.length; k++) via = Math.min(via, gc(v, far[breaking[k]!]!) + breakingMinutes[k]! + floor[k]!);
    const d = tree.distTo(v);
    const exact = d < Infinity ? !treePathMeets(graph, tree, v, cut) && via > d * (1 + MARGIN) : beyond === Infinity && breaking.length === 0;
    out[i] = exact ? 1 : 0;
    floors[i] = exact ? d : Math.min(pi(v), via);
  }
}
