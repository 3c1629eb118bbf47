/**
 * Compressed sparse row (CSR) snapshot of a road graph for the routing hot path: typed arrays only, so a
 * one-to-all search touches a few contiguous buffers instead of graphology's object maps (docs/models/engine.md
 * section 3 measured 50-60x). Arcs are directed; a region edge contributes a forward arc and a backward
 * arc, and each travel mode has its own arc weight array in which an arc it may not use is Infinity (so
 * a one-way street is open backwards on foot and closed backwards by car without a second graph).
 */
import { DEG_TO_RAD, haversineKm } from './geo.js';
import { modeAllowsReverse, modeSpeedKmh, type TravelMode } from './modes.js';
import { ROAD_CLASSES, type NetworkEdge, type NetworkNode, type RoadClass } from './schema.js';

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

/** Per-edge attributes routing needs, as typed arrays (modes.ts and bpr.ts read them). */
export interface EdgeArrays {
  km: Float64Array;
  speedKmh: Float64Array;
  /** Index into ROAD_CLASSES. */
  roadClass: Uint8Array;
  /** Lanes, 0 when the edge does not say. */
  lanes: Uint8Array;
  /** EDGE_ONEWAY | EDGE_WATER | EDGE_BRIDGE. */
  flags: Uint8Array;
}

export const EDGE_ONEWAY = 1;
export const EDGE_WATER = 2;
export const EDGE_BRIDGE = 4;

/**
 * Ids kept as one string and offsets (UTF-16 units) until a whole list is asked for: a snapshot of a
 * million-edge network would otherwise make a million strings on load, which costs more than the rest
 * of the load together; a route needs only the ids on its path.
 */
export class IdTable {
  constructor(
    readonly text: string,
    readonly offsets: Int32Array,
  ) {}
  get length(): number {
    return this.offsets.length - 1;
  }
  at(i: number): string {
    return this.text.slice(this.offsets[i]!, this.offsets[i + 1]!);
  }
  toArray(): string[] {
    const out = new Array<string>(this.length);
    for (let i = 0; i < out.length; i++) out[i] = this.at(i);
    return out;
  }
  static of(ids: readonly string[] | IdTable): IdTable {
    if (ids instanceof IdTable) return ids;
    const offsets = new Int32Array(ids.length + 1);
    let at = 0;
    ids.forEach((id, i) => {
      offsets[i] = at;
      at += id.length;
    });
    offsets[ids.length] = at;
    return new IdTable(ids.join(''), offsets);
  }
}

/**
 * Everything the routing snapshot holds, as plain typed arrays and id lists: what snapshot.ts writes to
 * disk and reads back, and what can be handed to workers (every array can live on a SharedArrayBuffer).
 */
export interface RoadCsrParts {
  graph: CsrGraph;
  nodeIds: readonly string[] | IdTable;
  edgeIds: readonly string[] | IdTable;
  arcEdge: Int32Array;
  arcForward: Uint8Array;
  edgeFwdArc: Int32Array;
  edgeBwdArc: Int32Array;
  edge: EdgeArrays;
  /** The network's own edges, in edge order, when the caller has them (served by `edges` instead of rebuilt ones). */
  edges?: readonly NetworkEdge[];
}

function edgeArrays(edges: readonly NetworkEdge[]): EdgeArrays {
  const e = edges.length;
  const out: EdgeArrays = { km: new Float64Array(e), speedKmh: new Float64Array(e), roadClass: new Uint8Array(e), lanes: new Uint8Array(e), flags: new Uint8Array(e) };
  const classIndex = new Map<string, number>(ROAD_CLASSES.map((c, i) => [c, i]));
  for (let i = 0; i < e; i++) {
    const edge = edges[i]!;
    out.km[i] = edge.km;
    out.speedKmh[i] = edge.speedKmh;
    out.roadClass[i] = classIndex.get(edge.roadClass)!;
    out.lanes[i] = edge.lanes !== undefined ? Math.min(255, edge.lanes) : 0;
    out.flags[i] = (edge.oneway === true ? EDGE_ONEWAY : 0) | (edge.water === true ? EDGE_WATER : 0) | (edge.bridge === true ? EDGE_BRIDGE : 0);
  }
  return out;
}

/**
 * The routing snapshot of a region network: a CSR graph with two arcs per edge, id <-> index maps, and
 * lazily built base travel-time arrays per mode (minutes per arc, Infinity where the mode cannot go).
 * Built from a validated network, or from its parts read back from a snapshot file (snapshot.ts); then
 * `edges` are rebuilt from the arrays on first use, with the attributes routing reads and no others.
 */
export class RoadCsr {
  readonly graph: CsrGraph;
  /** Arc -> edge index, and whether the arc runs from -> to (1) or to -> from (0). */
  readonly arcEdge: Int32Array;
  readonly arcForward: Uint8Array;
  /** Edge -> its forward and backward arc. */
  readonly edgeFwdArc: Int32Array;
  readonly edgeBwdArc: Int32Array;
  readonly edgeKm: Float64Array;
  readonly edgeAttrs: EdgeArrays;
  private readonly base = new Map<TravelMode, Float64Array>();
  private edgeList: readonly NetworkEdge[] | undefined;
  private nodeMap: Map<string, number> | undefined;
  private nodeIdList: readonly string[] | undefined;
  private edgeIdList: readonly string[] | undefined;
  private readonly nodeIdTable: IdTable | undefined;
  private readonly edgeIdTable: IdTable | undefined;
  private edgeMap: Map<string, number> | undefined;

  constructor(network: { readonly nodes: readonly NetworkNode[]; readonly edges: readonly NetworkEdge[] });
  constructor(parts: RoadCsrParts);
  constructor(source: { readonly nodes: readonly NetworkNode[]; readonly edges: readonly NetworkEdge[] } | RoadCsrParts) {
    if ('graph' in source) {
      this.graph = source.graph;
      if (source.nodeIds instanceof IdTable) this.nodeIdTable = source.nodeIds;
      else this.nodeIdList = source.nodeIds;
      if (source.edgeIds instanceof IdTable) this.edgeIdTable = source.edgeIds;
      else this.edgeIdList = source.edgeIds;
      this.arcEdge = source.arcEdge;
      this.arcForward = source.arcForward;
      this.edgeFwdArc = source.edgeFwdArc;
      this.edgeBwdArc = source.edgeBwdArc;
      this.edgeAttrs = source.edge;
      this.edgeKm = source.edge.km;
      this.edgeList = source.edges;
      return;
    }
    const network = source;
    const n = network.nodes.length;
    const nodeIndex = new Map<string, number>();
    network.nodes.forEach((node, i) => nodeIndex.set(node.id, i));
    const e = network.edges.length;
    const tails = new Int32Array(2 * e);
    const heads = new Int32Array(2 * e);
    network.edges.forEach((edge, i) => {
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
    this.nodeIdList = network.nodes.map((x) => x.id);
    this.edgeIdList = network.edges.map((x) => x.id);
    this.edgeList = network.edges;
    this.nodeMap = nodeIndex;
    this.arcEdge = new Int32Array(2 * e);
    this.arcForward = new Uint8Array(2 * e);
    this.edgeFwdArc = new Int32Array(e);
    this.edgeBwdArc = new Int32Array(e);
    this.edgeAttrs = edgeArrays(network.edges);
    this.edgeKm = this.edgeAttrs.km;
    for (let i = 0; i < e; i++) {
      const fa = position[2 * i]!;
      const ba = position[2 * i + 1]!;
      this.arcEdge[fa] = i;
      this.arcEdge[ba] = i;
      this.arcForward[fa] = 1;
      this.edgeFwdArc[i] = fa;
      this.edgeBwdArc[i] = ba;
    }
  }

  /** The plain parts (snapshot.ts writes them; issue 18's workers may share them). */
  parts(): RoadCsrParts {
    const { graph, arcEdge, arcForward, edgeFwdArc, edgeBwdArc } = this;
    const nodeIds = this.nodeIdList ?? this.nodeIdTable!;
    const edgeIds = this.edgeIdList ?? this.edgeIdTable!;
    return { graph, nodeIds, edgeIds, arcEdge, arcForward, edgeFwdArc, edgeBwdArc, edge: this.edgeAttrs };
  }

  /** Node ids by index (from a snapshot, made on first use: prefer nodeId(i) for a few). */
  get nodeIds(): readonly string[] {
    return (this.nodeIdList ??= this.nodeIdTable!.toArray());
  }

  get edgeIds(): readonly string[] {
    return (this.edgeIdList ??= this.edgeIdTable!.toArray());
  }

  nodeId(i: number): string {
    return this.nodeIdList !== undefined ? this.nodeIdList[i]! : this.nodeIdTable!.at(i);
  }

  edgeId(i: number): string {
    return this.edgeIdList !== undefined ? this.edgeIdList[i]! : this.edgeIdTable!.at(i);
  }

  /** The network's edges (those given; from a snapshot, rebuilt with the attributes routing reads). */
  get edges(): readonly NetworkEdge[] {
    if (this.edgeList === undefined) {
      const { km, speedKmh, roadClass, lanes, flags } = this.edgeAttrs;
      const { tails, heads } = this.graph;
      this.edgeList = this.edgeIds.map((id, i) => {
        const fa = this.edgeFwdArc[i]!;
        const edge: NetworkEdge = { id, from: this.nodeId(tails[fa]!), to: this.nodeId(heads[fa]!), km: km[i]!, roadClass: ROAD_CLASSES[roadClass[i]!]!, speedKmh: speedKmh[i]! };
        if (lanes[i]! > 0) edge.lanes = lanes[i]!;
        if (flags[i]! & EDGE_BRIDGE) edge.bridge = true;
        if (flags[i]! & EDGE_ONEWAY) edge.oneway = true;
        if (flags[i]! & EDGE_WATER) edge.water = true;
        return edge;
      });
    }
    return this.edgeList;
  }

  get nodeIndex(): ReadonlyMap<string, number> {
    if (this.nodeMap === undefined) {
      this.nodeMap = new Map();
      this.nodeIds.forEach((id, i) => this.nodeMap!.set(id, i));
    }
    return this.nodeMap;
  }

  get edgeIndex(): ReadonlyMap<string, number> {
    if (this.edgeMap === undefined) {
      this.edgeMap = new Map();
      this.edgeIds.forEach((id, i) => this.edgeMap!.set(id, i));
    }
    return this.edgeMap;
  }

  get nodeCount(): number {
    return this.graph.nodeCount;
  }

  get edgeCount(): number {
    return this.edgeFwdArc.length;
  }

  /** Free-flow minutes per arc for `mode` (shared, do not modify; copy before applying edge states). */
  baseMinutes(mode: TravelMode): Float64Array {
    let w = this.base.get(mode);
    if (w !== undefined) return w;
    w = new Float64Array(this.graph.arcCount);
    const { km, speedKmh, roadClass, flags } = this.edgeAttrs;
    // One scratch edge for the profile functions: no object per edge on a million-edge network.
    const edge: { roadClass: RoadClass; speedKmh: number; water?: boolean; oneway?: boolean } = { roadClass: 'urban', speedKmh: 0 };
    for (let i = 0; i < this.edgeFwdArc.length; i++) {
      edge.roadClass = ROAD_CLASSES[roadClass[i]!]!;
      edge.speedKmh = speedKmh[i]!;
      edge.water = (flags[i]! & EDGE_WATER) !== 0;
      edge.oneway = (flags[i]! & EDGE_ONEWAY) !== 0;
      const speed = modeSpeedKmh(mode, edge);
      const minutes = speed > 0 ? (km[i]! / speed) * 60 : Infinity;
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
