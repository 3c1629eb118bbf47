/**
 * Compressed sparse row (CSR) snapshot of a road graph for the routing hot path: typed arrays only, so a
 * one-to-all search touches a few contiguous buffers instead of graphology's object maps (docs/models/engine.md
 * section 3 measured 50-60x). Arcs are directed; a region edge contributes a forward arc and a backward
 * arc, and each travel mode has its own arc weight array in which an arc it may not use is Infinity (so
 * a one-way street is open backwards on foot and closed backwards by car without a second graph).
 */
import { DEG_TO_RAD, haversineKm } from './geo.js';
import { modeAllowsReverse, modeSpeedKmh, type TravelMode } from './modes.js';
import type { NetworkEdge, RegionNetwork } from './schema.js';

/** A directed graph in CSR form with an incoming index and node coordinates. */
export interface CsrGraph {
  readonly nodeCount: number;
  readonly arcCount: number;
  /** Out-arcs of node v are arcs offsets[v] .. offsets[v+1]-1. */
  readonly offsets: Int32Array;
  readonly heads: Int32Array;
  readonly tails: Int32Array;
  /** In-arcs of node v are inArcs[inOffsets[v] .. inOffsets[v+1]-1] (arc indices). */
  readonly inOffsets: Int32Array;
  readonly inArcs: Int32Array;
  /** Degrees; zero-filled when the graph has no coordinates (then A* degrades to Dijkstra). */
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly cosLat: Float64Array;
  /** Great-circle length of each arc, km (0 without coordinates). */
  readonly arcGcKm: Float64Array;
}

export interface CsrBuild {
  graph: CsrGraph;
  /** position[i] = the arc index that input arc i received (arcs are regrouped by tail). */
  position: Int32Array;
}

/**
 * Build a CSR graph from arc lists (a counting sort by tail, stable, so arcs of a node keep input order:
 * the snapshot is deterministic for a given input order).
 */
export function buildCsr(
  nodeCount: number,
  tails: ArrayLike<number>,
  heads: ArrayLike<number>,
  coords?: { lat: ArrayLike<number>; lon: ArrayLike<number> },
): CsrBuild {
  const m = tails.length;
  if (heads.length !== m) throw new RangeError('tails and heads differ in length');
  const offsets = new Int32Array(nodeCount + 1);
  for (let i = 0; i < m; i++) {
    const t = tails[i]!;
    const h = heads[i]!;
    if (!(t >= 0 && t < nodeCount && h >= 0 && h < nodeCount)) throw new RangeError(`arc ${i} has an endpoint outside 0..${nodeCount - 1}`);
    offsets[t + 1]!++;
  }
  for (let v = 0; v < nodeCount; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, nodeCount);
  const position = new Int32Array(m);
  const outHeads = new Int32Array(m);
  const outTails = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const t = tails[i]!;
    const a = fill[t]!++;
    position[i] = a;
    outHeads[a] = heads[i]!;
    outTails[a] = t;
  }
  const inOffsets = new Int32Array(nodeCount + 1);
  for (let a = 0; a < m; a++) inOffsets[outHeads[a]! + 1]!++;
  for (let v = 0; v < nodeCount; v++) inOffsets[v + 1]! += inOffsets[v]!;
  const inFill = inOffsets.slice(0, nodeCount);
  const inArcs = new Int32Array(m);
  for (let a = 0; a < m; a++) inArcs[inFill[outHeads[a]!]!++] = a;

  const lat = new Float64Array(nodeCount);
  const lon = new Float64Array(nodeCount);
  const cosLat = new Float64Array(nodeCount);
  const arcGcKm = new Float64Array(m);
  if (coords !== undefined) {
    for (let v = 0; v < nodeCount; v++) {
      lat[v] = coords.lat[v]!;
      lon[v] = coords.lon[v]!;
      cosLat[v] = Math.cos(lat[v]! * DEG_TO_RAD);
    }
    for (let a = 0; a < m; a++) {
      const t = outTails[a]!;
      const h = outHeads[a]!;
      arcGcKm[a] = haversineKm(lat[t]!, lon[t]!, lat[h]!, lon[h]!);
    }
  }
  return {
    graph: { nodeCount, arcCount: m, offsets, heads: outHeads, tails: outTails, inOffsets, inArcs, lat, lon, cosLat, arcGcKm },
    position,
  };
}

/**
 * The routing snapshot of a region network: a CSR graph with two arcs per edge, id <-> index maps, and
 * lazily built base travel-time arrays per mode (minutes per arc, Infinity where the mode cannot go).
 */
export class RoadCsr {
  readonly graph: CsrGraph;
  readonly nodeIds: readonly string[];
  readonly edgeIds: readonly string[];
  readonly edges: readonly NetworkEdge[];
  readonly nodeIndex: ReadonlyMap<string, number>;
  readonly edgeIndex: ReadonlyMap<string, number>;
  /** Arc -> edge index, and whether the arc runs from -> to (1) or to -> from (0). */
  readonly arcEdge: Int32Array;
  readonly arcForward: Uint8Array;
  /** Edge -> its forward and backward arc. */
  readonly edgeFwdArc: Int32Array;
  readonly edgeBwdArc: Int32Array;
  readonly edgeKm: Float64Array;
  private readonly base = new Map<TravelMode, Float64Array>();

  constructor(network: Pick<RegionNetwork, 'nodes' | 'edges'>) {
    const n = network.nodes.length;
    const nodeIndex = new Map<string, number>();
    network.nodes.forEach((node, i) => nodeIndex.set(node.id, i));
    const edgeIndex = new Map<string, number>();
    const e = network.edges.length;
    const tails = new Int32Array(2 * e);
    const heads = new Int32Array(2 * e);
    network.edges.forEach((edge, i) => {
      edgeIndex.set(edge.id, i);
      const f = nodeIndex.get(edge.from);
      const t = nodeIndex.get(edge.to);
      if (f === undefined || t === undefined) throw new RangeError(`edge '${edge.id}' refers to a missing node; validate the network first`);
      tails[2 * i] = f;
      heads[2 * i] = t;
      tails[2 * i + 1] = t;
      heads[2 * i + 1] = f;
    });
    const { graph, position } = buildCsr(n, tails, heads, {
      lat: network.nodes.map((x) => x.lat),
      lon: network.nodes.map((x) => x.lon),
    });
    this.graph = graph;
    this.nodeIds = network.nodes.map((x) => x.id);
    this.edgeIds = network.edges.map((x) => x.id);
    this.edges = network.edges;
    this.nodeIndex = nodeIndex;
    this.edgeIndex = edgeIndex;
    this.arcEdge = new Int32Array(2 * e);
    this.arcForward = new Uint8Array(2 * e);
    this.edgeFwdArc = new Int32Array(e);
    this.edgeBwdArc = new Int32Array(e);
    this.edgeKm = new Float64Array(e);
    for (let i = 0; i < e; i++) {
      const fa = position[2 * i]!;
      const ba = position[2 * i + 1]!;
      this.arcEdge[fa] = i;
      this.arcEdge[ba] = i;
      this.arcForward[fa] = 1;
      this.edgeFwdArc[i] = fa;
      this.edgeBwdArc[i] = ba;
      this.edgeKm[i] = network.edges[i]!.km;
    }
  }

  get nodeCount(): number {
    return this.graph.nodeCount;
  }

  get edgeCount(): number {
    return this.edges.length;
  }

  /** Free-flow minutes per arc for `mode` (shared, do not modify; copy before applying edge states). */
  baseMinutes(mode: TravelMode): Float64Array {
    let w = this.base.get(mode);
    if (w !== undefined) return w;
    w = new Float64Array(this.graph.arcCount);
    for (let i = 0; i < this.edges.length; i++) {
      const edge = this.edges[i]!;
      const speed = modeSpeedKmh(mode, edge);
      const minutes = speed > 0 ? (edge.km / speed) * 60 : Infinity;
      w[this.edgeFwdArc[i]!] = minutes;
      w[this.edgeBwdArc[i]!] = modeAllowsReverse(mode, edge) ? minutes : Infinity;
    }
    this.base.set(mode, w);
    return w;
  }

  /** Node index for an id, or undefined. */
  node(id: string): number | undefined {
    return this.nodeIndex.get(id);
  }
}
