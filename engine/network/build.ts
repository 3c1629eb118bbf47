/**
 * Shared back end of the importers: turn polylines over shared vertices (OSM ways over nodes, GeoJSON
 * lines over coordinates) into a region network. Only vertices that matter to routing become graph nodes:
 * line ends, vertices used more than once (junctions), and vertices the source marks (a named point on
 * them, an explicit node feature). The shape points between them collapse into one edge whose length is
 * the sum of the great-circle lengths of its segments, and their positions are kept as its `geometry`. A closed ring with a single node on it is split at
 * its middle vertex (an edge cannot start and end at the same node).
 */
import { haversineKm } from './geo.js';
import type { NetworkEdge, NetworkNode, NetworkPoint, PropsValue, RegionNetwork } from './schema.js';

export interface VertexInput {
  id: string;
  lat: number;
  lon: number;
  kind?: string;
  name?: string;
  name_zh?: string;
  estimated?: boolean;
  src?: string[];
  props?: PropsValue;
  /** Keep as a graph node even if it is a mere shape point (explicit node features, tagged OSM nodes). */
  forced?: boolean;
}

/**
 * Vertices by index without one object each: an importer holding millions of shape points in typed
 * arrays hands them over as they are; `record` is asked only for the vertices that become nodes.
 */
export interface VertexSource {
  readonly length: number;
  lat(v: number): number;
  lon(v: number): number;
  id(v: number): string;
  forced(v: number): boolean;
  record(v: number): VertexInput;
}

/** A VertexSource over an array of records. */
export function vertexArray(vs: readonly VertexInput[]): VertexSource {
  return {
    length: vs.length,
    lat: (v) => vs[v]!.lat,
    lon: (v) => vs[v]!.lon,
    id: (v) => vs[v]!.id,
    forced: (v) => vs[v]!.forced === true,
    record: (v) => vs[v]!,
  };
}

export type EdgeAttrs = Omit<NetworkEdge, 'id' | 'from' | 'to' | 'km'> & {
  /** A stated length for the whole line; split over its pieces in proportion to their geometry. */
  km?: number;
};

export interface PolylineInput {
  /** Edge id if the line becomes one edge; pieces get `${idBase}-1`, `-2`, ... */
  idBase: string;
  /** Vertex indices in travel order (for a one-way line, the allowed direction). */
  vertices: number[];
  attrs: EdgeAttrs;
}

export interface PointInput {
  id: string;
  lat: number;
  lon: number;
  kind: string;
  name?: string;
  name_zh?: string;
  estimated?: boolean;
  src?: string[];
  props?: PropsValue;
  /** The vertex the point stands on exactly, if any. */
  vertex?: number;
}

export interface BuildOptions {
  id: string;
  name: string;
  name_zh?: string;
  /** A point farther than this from every node becomes a node of its own (default 0.5 km). */
  snapKm?: number;
  /** The polylines' idBase values are unique and no piece id can take another's (skips the check). */
  uniqueIds?: boolean;
  /**
   * The caller hands the polylines over: the array given is emptied, and each line is let go once its
   * edges are made, so a million-edge import never holds its lines and all its edges at once.
   */
  releaseLines?: boolean;
}

export interface BuildStats {
  lines: number;
  nodes: number;
  edges: number;
  points: number;
  /** Shape vertices folded into edge lengths. */
  collapsedVertices: number;
  /** Points placed on the nearest node within snapKm. */
  snappedPoints: number;
  /** Points too far from the roads, added as nodes of their own (they will be disconnected). */
  isolatedPoints: number;
}

/** Smallest edge length kept: two distinct source vertices at one position still need km > 0. */
const MIN_KM = 0.001;

class NodeGrid {
  private readonly cells = new Map<string, number[]>();
  constructor(
    private readonly lat: number[],
    private readonly lon: number[],
    private readonly cell = 0.01,
  ) {
    lat.forEach((_, i) => this.insert(i));
  }
  private key(la: number, lo: number): string {
    return `${Math.floor(la / this.cell)}:${Math.floor(lo / this.cell)}`;
  }
  insert(i: number): void {
    const k = this.key(this.lat[i]!, this.lon[i]!);
    let c = this.cells.get(k);
    if (c === undefined) this.cells.set(k, (c = []));
    c.push(i);
  }
  /** Nearest node within maxKm (lowest index on ties), or undefined. */
  nearest(la: number, lo: number, maxKm: number): { index: number; km: number } | undefined {
    const ci = Math.floor(la / this.cell);
    const cj = Math.floor(lo / this.cell);
    const kmPerCellLat = 111.19 * this.cell;
    const kmPerCellLon = kmPerCellLat * Math.max(0.01, Math.cos((Math.min(89, Math.abs(la) + this.cell) * Math.PI) / 180));
    const rings = Math.ceil(maxKm / Math.min(kmPerCellLat, kmPerCellLon)) + 1;
    let best: { index: number; km: number } | undefined;
    for (let di = -rings; di <= rings; di++) {
      for (let dj = -rings; dj <= rings; dj++) {
        const c = this.cells.get(`${ci + di}:${cj + dj}`);
        if (c === undefined) continue;
        for (const i of c) {
          const km = haversineKm(la, lo, this.lat[i]!, this.lon[i]!);
          if (km <= maxKm && (best === undefined || km < best.km || (km === best.km && i < best.index))) best = { index: i, km };
        }
      }
    }
    return best;
  }
}

function copyOptional<T extends object>(target: T, source: Partial<T>, keys: ReadonlyArray<keyof T>): void {
  for (const k of keys) {
    const v = source[k];
    if (v !== undefined) target[k] = v as T[keyof T];
  }
}

export function buildNetwork(vertexInput: readonly VertexInput[] | VertexSource, polylines: readonly PolylineInput[], points: readonly PointInput[], opts: BuildOptions): { network: RegionNetwork; stats: BuildStats } {
  const vertices: VertexSource = Array.isArray(vertexInput) ? vertexArray(vertexInput as readonly VertexInput[]) : (vertexInput as VertexSource);
  const nv = vertices.length;
  const isNode = new Uint8Array(nv);
  const usage = new Int32Array(nv);
  const onLine = new Uint8Array(nv);
  // Drop consecutive repeats (a vertex listed twice in a row is a zero-length segment).
  // (A line is copied only when it has a repeat: at a million edges the copies would cost as much as the lines.)
  const lines: Array<PolylineInput | undefined> = polylines.map((p) => (p.vertices.some((v, i, a) => i > 0 && a[i - 1] === v) ? { ...p, vertices: p.vertices.filter((v, i, a) => i === 0 || a[i - 1] !== v) } : p));
  if (opts.releaseLines === true) (polylines as PolylineInput[]).length = 0;
  const lineCount = lines.length;
  for (const line of lines as PolylineInput[]) {
    const vs = line.vertices;
    if (vs.length < 2) continue;
    isNode[vs[0]!] = 1;
    isNode[vs[vs.length - 1]!] = 1;
    for (const v of vs) {
      usage[v]!++;
      onLine[v] = 1;
    }
  }
  for (let v = 0; v < nv; v++) if (usage[v]! >= 2 || vertices.forced(v)) isNode[v] = 1;
  for (const p of points) if (p.vertex !== undefined && onLine[p.vertex]) isNode[p.vertex] = 1;

  // Split rings that would become loops: mark the middle interior vertex of any piece from a node to itself.
  for (const line of lines as PolylineInput[]) {
    const vs = line.vertices;
    let start = 0;
    for (let i = 1; i < vs.length; i++) {
      if (!isNode[vs[i]!]) continue;
      if (vs[i] === vs[start] && i - start >= 2) isNode[vs[(start + i) >> 1]!] = 1;
      start = i;
    }
  }

  // One id string and one [lon, lat] pair per node, shared by every edge that ends there: at a million
  // junctions fresh copies per edge end would cost hundreds of MB (geometry pairs are never mutated).
  const nodeIdOf: Array<string | undefined> = new Array<string | undefined>(nv);
  const idAt = (v: number): string => (nodeIdOf[v] ??= vertices.id(v));
  const pairOf: Array<[number, number] | undefined> = new Array<[number, number] | undefined>(nv);
  const pairAt = (v: number): [number, number] => {
    const pair = (): [number, number] => [Math.round(vertices.lon(v) * 1e7) / 1e7, Math.round(vertices.lat(v) * 1e7) / 1e7];
    return isNode[v] ? (pairOf[v] ??= pair()) : pair();
  };
  const degree = new Int32Array(nv);
  const edges: NetworkEdge[] = [];
  // Importers whose ids are unique by construction say so, sparing a set of every edge id.
  const usedEdgeIds = opts.uniqueIds === true ? undefined : new Set<string>();
  let collapsed = 0;
  for (let li = 0; li < lineCount; li++) {
    const line = lines[li]!;
    if (opts.releaseLines === true) lines[li] = undefined;
    const vs = line.vertices;
    if (vs.length < 2) continue;
    const pieces: Array<{ from: number; to: number; gc: number; a: number; b: number }> = [];
    let start = 0;
    let gc = 0;
    for (let i = 1; i < vs.length; i++) {
      const p = vs[i - 1]!;
      const q = vs[i]!;
      gc += haversineKm(vertices.lat(p), vertices.lon(p), vertices.lat(q), vertices.lon(q));
      if (!isNode[vs[i]!]) continue;
      pieces.push({ from: vs[start]!, to: vs[i]!, gc, a: start, b: i });
      collapsed += i - start - 1;
      start = i;
      gc = 0;
    }
    const totalGc = pieces.reduce((s, p) => s + p.gc, 0);
    const { km: statedKm, ...attrs } = line.attrs;
    pieces.forEach((piece, k) => {
      let km = piece.gc;
      if (statedKm !== undefined) km = totalGc > 0 ? (statedKm * piece.gc) / totalGc : statedKm / pieces.length;
      let id = pieces.length === 1 ? line.idBase : `${line.idBase}-${k + 1}`;
      if (usedEdgeIds?.has(id) === true) {
        let n = 2;
        while (usedEdgeIds!.has(`${id}~${n}`)) n++;
        id = `${id}~${n}`;
      }
      usedEdgeIds?.add(id);
      const edge: NetworkEdge = {
        id,
        from: idAt(piece.from),
        to: idAt(piece.to),
        km: Math.max(MIN_KM, Math.round(km * 1e6) / 1e6),
        roadClass: attrs.roadClass,
        speedKmh: attrs.speedKmh,
      };
      copyOptional(edge, attrs, ['lanes', 'bridge', 'deckLevelM', 'oneway', 'water', 'name', 'name_zh', 'estimated', 'src', 'props']);
      // The shape points folded into the edge stay as its geometry (for export and maps; 1e-7 degrees is
      // about 1 cm, the precision OSM stores).
      if (piece.b - piece.a >= 2) {
        const geometry: Array<[number, number]> = [];
        for (let k = piece.a; k <= piece.b; k++) geometry.push(pairAt(vs[k]!));
        edge.geometry = geometry;
      }
      if (edge.oneway === false) delete edge.oneway;
      edges.push(edge);
      degree[piece.from]!++;
      degree[piece.to]!++;
    });
  }

  const nodes: NetworkNode[] = [];
  const nodeOf = new Int32Array(nv).fill(-1);
  // Node ids, needed only when a point far from every road becomes a node of its own.
  let nodeIdSet: Set<string> | undefined;
  const nodeIds = (): Set<string> => (nodeIdSet ??= new Set(nodes.map((n) => n.id)));
  for (let v = 0; v < nv; v++) {
    if (!isNode[v] || !(onLine[v] || vertices.forced(v))) continue;
    const src = vertices.record(v);
    const node: NetworkNode = { id: nodeIdOf[v] ?? src.id, lat: src.lat, lon: src.lon, kind: src.kind ?? (degree[v] === 1 ? 'dead_end' : degree[v] === 0 ? 'isolated' : 'junction') };
    copyOptional(node, src, ['name', 'name_zh', 'estimated', 'src', 'props']);
    nodeOf[v] = nodes.length;
    nodes.push(node);
  }

  const snapKm = opts.snapKm ?? 0.5;
  // The grid holds the nodes' coordinates; it is built only if some point is not on a node already, and
  // keeps its arrays in step with the nodes added for isolated points.
  let gridArrays: { lat: number[]; lon: number[]; grid: NodeGrid } | undefined;
  const nodeGrid = (): { lat: number[]; lon: number[]; grid: NodeGrid } => {
    if (gridArrays === undefined) {
      const lat = nodes.map((n) => n.lat);
      const lon = nodes.map((n) => n.lon);
      gridArrays = { lat, lon, grid: new NodeGrid(lat, lon) };
    }
    return gridArrays;
  };
  const outPoints: NetworkPoint[] = [];
  let snapped = 0;
  let isolated = 0;
  for (const p of points) {
    let nodeId: string;
    let snapM: number | undefined;
    if (p.vertex !== undefined && nodeOf[p.vertex]! >= 0) {
      nodeId = nodes[nodeOf[p.vertex]!]!.id;
    } else {
      const near = nodeGrid().grid.nearest(p.lat, p.lon, snapKm);
      if (near !== undefined) {
        nodeId = nodes[near.index]!.id;
        snapM = Math.round(near.km * 1000);
        snapped++;
      } else {
        let id = p.id;
        if (nodeIds().has(id)) id = `${p.id}-node`;
        const node: NetworkNode = { id, lat: p.lat, lon: p.lon, kind: p.kind };
        copyOptional(node, p, ['name', 'name_zh', 'estimated', 'src']);
        const g = nodeGrid();
        nodes.push(node);
        nodeIds().add(id);
        g.lat.push(p.lat);
        g.lon.push(p.lon);
        g.grid.insert(nodes.length - 1);
        nodeId = id;
        isolated++;
      }
    }
    const point: NetworkPoint = { id: p.id, node: nodeId, kind: p.kind };
    copyOptional(point, p, ['name', 'name_zh', 'estimated', 'src']);
    const props: PropsValue = { ...(p.props ?? {}) };
    if (snapM !== undefined) props['snap_m'] = snapM;
    if (Object.keys(props).length > 0) point.props = props;
    outPoints.push(point);
  }

  const network: RegionNetwork = {
    drillsim: 1,
    kind: 'region-network',
    id: opts.id,
    name: opts.name,
    ...(opts.name_zh !== undefined ? { name_zh: opts.name_zh } : {}),
    crs: 'WGS84',
    nodes,
    edges,
    ...(outPoints.length > 0 ? { points: outPoints } : {}),
  };
  return {
    network,
    stats: {
      lines: lineCount,
      nodes: nodes.length,
      edges: edges.length,
      points: outPoints.length,
      collapsedVertices: collapsed,
      snappedPoints: snapped,
      isolatedPoints: isolated,
    },
  };
}
