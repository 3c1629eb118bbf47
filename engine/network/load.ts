/**
 * Load and validate a region network. The fast path is `JSON.parse` plus a compiled TypeBox check and
 * semantic checks over plain arrays: a 360k-junction network loads in about a second (docs/performance.md).
 * Only when something is wrong does the position-tracking scanner (json-source.ts) run, to give each
 * problem its line and column beside its JSON pointer and the element it belongs to. Checks beyond the
 * schema: duplicate ids, edges to unknown nodes, loops, points on unknown nodes, and a warning for each
 * disconnected component. Errors throw one InputError listing every problem found (warnings included, so
 * the user sees everything at once); a valid network returns with its warnings and its routing snapshot.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { InputError, pointer, type InputIssue } from '../errors.js';
import { RoadCsr } from './csr.js';
import { haversineKm } from './geo.js';
import { toGraph, type RegionGraph } from './graph.js';
import { statSync } from 'node:fs';
import { MAX_NETWORK_FILE_BYTES, parseJsonText, readTextFile, type JsonLocator } from './json-source.js';
import { stronglyConnectedComponents } from './components.js';
import { TRAVEL_MODES, type TravelMode } from './modes.js';
import type { RoutingNetwork } from './road-network.js';
import { NodeLocator } from './snap.js';
import { RegionNetworkSchema, type RegionNetwork } from './schema.js';
import { mark } from '../timings.js';
import { hashFile, readSnapshot, SNAPSHOT_MIN_BYTES, snapshotKey, snapshotMeta, writeSnapshot } from './snapshot.js';

export interface LoadedNetwork {
  network: RegionNetwork;
  /** The routing snapshot, built once here (the component check walks it); share it, it is immutable. */
  csr: RoadCsr;
  /** The editable graphology form, built on first use (routing never needs it). */
  readonly graph: RegionGraph;
  warnings: InputIssue[];
}

export interface ValidateOptions {
  file?: string;
  /** Maps pointers to source positions; without it issues carry pointers only. */
  locator?: JsonLocator | (() => JsonLocator);
  /**
   * Whether warnings get line and column too (default true). Locating costs a second scan of the text,
   * which a valid large file should not pay for its warnings: loaders pass false above a size.
   */
  locateWarnings?: boolean;
  /** How many disconnected components to name one by one before summarising the rest. */
  maxComponentWarnings?: number;
}

/** Above this many characters a valid file's warnings carry their JSON pointer but no line and column. */
export const LOCATE_WARNINGS_MAX_CHARS = 8 * 1024 * 1024;

/** Read and validate `network.json` (or any file in the region-network format). */
export function loadRegionNetworkFile(file: string): LoadedNetwork {
  return parseRegionNetwork(readTextFile(file, { expected: 'a region network JSON file', maxBytes: MAX_NETWORK_FILE_BYTES }), file);
}

export function parseRegionNetwork(text: string, file?: string): LoadedNetwork {
  const parsed = parseJsonText(text, file);
  return validateRegionNetwork(parsed.value, {
    ...(file !== undefined ? { file } : {}),
    locator: () => parsed.locator(),
    locateWarnings: text.length <= LOCATE_WARNINGS_MAX_CHARS,
  });
}

/** Compiled once: TypeBox's compiled check is ~10x faster than `Value.Check` on large documents. */
let compiledNetworkCheck: ReturnType<typeof TypeCompiler.Compile<typeof RegionNetworkSchema>> | undefined;
function networkShapeOk(value: unknown): boolean {
  compiledNetworkCheck ??= TypeCompiler.Compile(RegionNetworkSchema);
  return compiledNetworkCheck.Check(value);
}

/** A region network ready for routing: what `drillsim route` needs, from the snapshot when it is current. */
export interface RoutingRegion {
  network: RoutingNetwork;
  csr: RoadCsr;
  /** Node index -> name (name_zh, else name), for labels. */
  nodeNames: ReadonlyMap<number, string>;
  /** Whether node v is in the largest strongly connected component of `mode` (from the snapshot when read). */
  inMainComponent(mode: TravelMode): (v: number) => boolean;
  /** The nodes' spatial index (from the snapshot when read). */
  locator(): NodeLocator;
  /** 'hit': read from the snapshot; 'written': loaded from JSON and snapshotted; 'none': small, JSON only. */
  snapshot: 'hit' | 'written' | 'none';
  warnings: InputIssue[];
}

/**
 * Load a network file for routing. A large file (SNAPSHOT_MIN_BYTES and over) is read from its snapshot
 * (snapshot.ts) when the snapshot's key matches the file's hash; otherwise it is loaded and validated from
 * JSON and the snapshot written for next time. Warnings are those of a JSON load (none on a hit: they were
 * reported when the snapshot was written).
 */
export function loadRoutingNetwork(file: string, opts: { snapshotMinBytes?: number } = {}): RoutingRegion {
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    // readTextFile reports a missing or unreadable file with its message.
  }
  const key = size > 0 && size >= (opts.snapshotMinBytes ?? SNAPSHOT_MIN_BYTES) ? snapshotKey(hashFile(file)) : undefined;
  if (key !== undefined) mark('route: network file hashed');
  if (key !== undefined) {
    const hit = readSnapshot(file, key);
    if (hit !== undefined) {
      mark('route: snapshot read');
      const { csr, meta, extras } = hit;
      const si = extras.spatialIndex;
      return {
        inMainComponent: (mode) => {
          const bit = 1 << TRAVEL_MODES.indexOf(mode);
          return (v) => (extras.mainComponents[v]! & bit) !== 0;
        },
        locator: () => new NodeLocator(csr.graph, { buffer: si.buffer, byteOffset: si.byteOffset }),
        network: {
          id: meta.id,
          points: meta.points,
          get edges() {
            return csr.edges;
          },
        },
        csr,
        nodeNames: new Map(meta.nodeNames),
        snapshot: 'hit',
        warnings: [],
      };
    }
  }
  const loaded = loadRegionNetworkFile(file);
  mark('route: network.json loaded and validated');
  const meta = snapshotMeta(loaded.network);
  const written = key !== undefined && writeSnapshot(file, loaded.csr, key, meta);
  if (written) mark('route: snapshot written');
  const csr = loaded.csr;
  return {
    network: loaded.network,
    csr,
    nodeNames: new Map(meta.nodeNames),
    inMainComponent: (mode) => {
      const { component } = stronglyConnectedComponents(csr.graph, csr.baseMinutes(mode));
      return (v) => component[v] === 0;
    },
    locator: () => new NodeLocator(csr.graph),
    snapshot: written ? 'written' : 'none',
    warnings: loaded.warnings,
  };
}

const ELEMENT_LISTS: Record<string, string> = { nodes: 'node', edges: 'edge', points: 'point', sources: 'source' };

function unescapeSegment(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** "node 'shizhong_seat'" for /nodes/0/lat; "edge #12" when the element has no usable id. */
function describeElement(doc: unknown, ptr: string): string {
  const segs = ptr.split('/').slice(1).map(unescapeSegment);
  const list = segs[0];
  if (list === undefined) return 'region';
  const kind = ELEMENT_LISTS[list];
  if (kind === undefined || segs[1] === undefined) return 'region';
  const index = Number(segs[1]);
  const items = (doc as Record<string, unknown>)[list];
  const item = Array.isArray(items) ? (items[index] as unknown) : undefined;
  const id = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)['id'] : undefined;
  return typeof id === 'string' && id !== '' ? `${kind} '${id}'` : `${kind} #${index}`;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const s = JSON.stringify(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function schemaMessage(e: ValueError): string {
  const segs = e.path.split('/');
  const key = unescapeSegment(segs[segs.length - 1] ?? '');
  const s = e.schema as Record<string, unknown>;
  switch (e.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return `missing required property '${key}'`;
    case ValueErrorType.ObjectAdditionalProperties:
      return `unknown property '${key}' (extra attributes go under "props")`;
    case ValueErrorType.Union: {
      const anyOf = s['anyOf'];
      if (Array.isArray(anyOf) && anyOf.every((x) => x !== null && typeof x === 'object' && 'const' in x)) {
        const allowed = anyOf.map((x) => String((x as { const: unknown }).const)).join(', ');
        return `${key} must be one of ${allowed}; got ${show(e.value)}`;
      }
      return `${key} has the wrong type: expected ${key === '' ? 'a value' : 'a string, number or boolean'}, got ${show(e.value)}`;
    }
    case ValueErrorType.Literal:
      return `${key} must be ${show(s['const'])}; got ${show(e.value)}`;
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.NumberMaximum:
      if (key === 'lat') return `latitude ${show(e.value)} is out of range [-90, 90]`;
      if (key === 'lon') return `longitude ${show(e.value)} is out of range [-180, 180]`;
      return `${key} ${show(e.value)} is out of range (${e.message.toLowerCase()})`;
    case ValueErrorType.NumberExclusiveMinimum:
      if (key === 'km') return `length km must be positive; got ${show(e.value)}`;
      return `${key} must be greater than ${show(s['exclusiveMinimum'])}; got ${show(e.value)}`;
    case ValueErrorType.StringMinLength:
      return `${key} must not be empty`;
    case ValueErrorType.Number:
    case ValueErrorType.Integer:
      return `${key} must be ${e.type === ValueErrorType.Integer ? 'an integer' : 'a number'}; got ${show(e.value)}`;
    case ValueErrorType.String:
      return `${key} must be a string; got ${show(e.value)}`;
    case ValueErrorType.Boolean:
      return `${key} must be true or false; got ${show(e.value)}`;
    case ValueErrorType.Array:
      return `${key} must be an array; got ${show(e.value)}`;
    case ValueErrorType.Object:
      return `${key === '' ? 'the document' : key} must be an object; got ${show(e.value)}`;
    default:
      return `${key}: ${e.message}; got ${show(e.value)}`;
  }
}

class IssueList {
  readonly errors: InputIssue[] = [];
  readonly warnings: InputIssue[] = [];
  private resolved: JsonLocator | undefined;
  constructor(private readonly opts: ValidateOptions) {}
  private locator(): JsonLocator | undefined {
    const l = this.opts.locator;
    if (typeof l !== 'function') return l;
    return (this.resolved ??= l());
  }
  duplicateKeys(): JsonLocator['duplicateKeys'] {
    return this.locator()?.duplicateKeys ?? [];
  }
  add(severity: 'error' | 'warning', path: string, message: string, at: 'value' | 'key' = 'value'): void {
    const issue: InputIssue = { path, message };
    if (this.opts.file !== undefined) issue.file = this.opts.file;
    const loc = severity === 'error' || this.opts.locateWarnings !== false ? this.locator() : undefined;
    if (loc !== undefined) {
      const p = at === 'key' ? loc.locateKey(path) : loc.locate(path);
      issue.line = p.line;
      issue.column = p.column;
    }
    if (severity === 'warning') {
      issue.severity = 'warning';
      this.warnings.push(issue);
    } else {
      issue.severity = 'error';
      this.errors.push(issue);
    }
  }
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function arrayAt(doc: Record<string, unknown> | undefined, key: string): unknown[] {
  const v = doc?.[key];
  return Array.isArray(v) ? v : [];
}

/** Validate a parsed document; throws InputError when it has errors. */
export function validateRegionNetwork(value: unknown, opts: ValidateOptions = {}): LoadedNetwork {
  const issues = new IssueList(opts);

  // Duplicate keys are invisible to JSON.parse (it keeps the last): a lazily given locator is scanned for them
  // only when something else is wrong, or when the file is small enough that the scan costs nothing.
  const shapeOk = networkShapeOk(value);
  const scanDuplicates = typeof opts.locator !== 'function' || !shapeOk || opts.locateWarnings !== false;
  for (const d of scanDuplicates ? issues.duplicateKeys() : []) {
    issues.add('error', d.pointer, `${describeElement(value, d.pointer)}: property '${unescapeSegment(d.pointer.slice(d.pointer.lastIndexOf('/') + 1))}' appears twice`, 'key');
  }

  // Schema: one issue per pointer (TypeBox reports "required" and then "expected string" for the same hole).
  const seenPaths = new Set<string>();
  for (const e of shapeOk ? [] : Value.Errors(RegionNetworkSchema, value)) {
    if (seenPaths.has(e.path)) continue;
    seenPaths.add(e.path);
    // A missing property has no position of its own: the locator falls back to the enclosing object.
    const message = `${describeElement(value, e.path)}: ${schemaMessage(e)}`;
    issues.add('error', e.path, message, e.type === ValueErrorType.ObjectAdditionalProperties ? 'key' : 'value');
  }

  // Semantic checks, written defensively so they still run (and report) when the schema failed.
  const doc = asRecord(value);
  const nodes = arrayAt(doc, 'nodes');
  const edges = arrayAt(doc, 'edges');
  const points = arrayAt(doc, 'points');

  const nodeAt = new Map<string, number>();
  const coords = new Map<string, { lat: number; lon: number }>();
  nodes.forEach((raw, i) => {
    const n = asRecord(raw);
    const id = n?.['id'];
    if (typeof id !== 'string' || id === '') return;
    const first = nodeAt.get(id);
    if (first !== undefined) {
      issues.add('error', pointer('nodes', i, 'id'), `node '${id}': duplicate node id (first defined at /nodes/${first})`);
      return;
    }
    nodeAt.set(id, i);
    const lat = n?.['lat'];
    const lon = n?.['lon'];
    if (typeof lat === 'number' && typeof lon === 'number') coords.set(id, { lat, lon });
  });

  const edgeAt = new Map<string, number>();
  edges.forEach((raw, i) => {
    const e = asRecord(raw);
    if (e === undefined) return;
    const id = e['id'];
    const label = typeof id === 'string' && id !== '' ? `edge '${id}'` : `edge #${i}`;
    if (typeof id === 'string' && id !== '') {
      const first = edgeAt.get(id);
      if (first !== undefined) issues.add('error', pointer('edges', i, 'id'), `${label}: duplicate edge id (first defined at /edges/${first})`);
      else edgeAt.set(id, i);
    }
    for (const end of ['from', 'to'] as const) {
      const ref = e[end];
      if (typeof ref === 'string' && ref !== '' && !nodeAt.has(ref)) {
        issues.add('error', pointer('edges', i, end), `${label}: '${end}' refers to unknown node '${ref}'`);
      }
    }
    const from = e['from'];
    const to = e['to'];
    if (typeof from === 'string' && from === to && from !== '') {
      issues.add('error', pointer('edges', i, 'to'), `${label}: a loop (from and to are both '${from}'); split it at a middle node`);
    }
    const km = e['km'];
    const a = typeof from === 'string' ? coords.get(from) : undefined;
    const b = typeof to === 'string' ? coords.get(to) : undefined;
    if (a !== undefined && b !== undefined && typeof km === 'number' && km > 0) lengthWarning(issues, i, label, km, a, b);
  });

  const pointAt = new Map<string, number>();
  points.forEach((raw, i) => {
    const p = asRecord(raw);
    if (p === undefined) return;
    const id = p['id'];
    const label = typeof id === 'string' && id !== '' ? `point '${id}'` : `point #${i}`;
    if (typeof id === 'string' && id !== '') {
      const first = pointAt.get(id);
      if (first !== undefined) issues.add('error', pointer('points', i, 'id'), `${label}: duplicate point id (first defined at /points/${first})`);
      else pointAt.set(id, i);
    }
    const node = p['node'];
    if (typeof node === 'string' && node !== '' && !nodeAt.has(node)) {
      issues.add('error', pointer('points', i, 'node'), `${label}: placed on unknown node '${node}'`);
    }
  });

  if (issues.errors.length > 0) throw new InputError([...issues.errors, ...issues.warnings]);

  const network = value as RegionNetwork;
  const csr = new RoadCsr(network);
  componentWarnings(issues, csr, (v) => csr.nodeIds[v]!, opts);
  let graph: RegionGraph | undefined;
  return {
    network,
    csr,
    get graph() {
      return (graph ??= toGraph(network));
    },
    warnings: issues.warnings,
  };
}

/**
 * A road can be longer than the straight line, not much shorter: this catches metres-for-km and swapped
 * coordinates. Short edges are exempt because estimated positions are only good to ~2 km.
 */
function lengthWarning(issues: IssueList, i: number, label: string, km: number, a: { lat: number; lon: number }, b: { lat: number; lon: number }): void {
  const straight = haversineKm(a.lat, a.lon, b.lat, b.lon);
  if (straight > 5 && km < 0.5 * straight) {
    issues.add('warning', pointer('edges', i, 'km'), `${label}: length ${km} km is less than half the straight-line distance ${straight.toFixed(1)} km between its nodes`);
  }
}

/** A warning per disconnected component (up to maxComponentWarnings, then one for the rest). */
function componentWarnings(issues: IssueList, csr: UndirectedCsr, nodeId: (v: number) => string, opts: ValidateOptions): void {
  const components = connectedComponents(csr);
  const max = opts.maxComponentWarnings ?? 20;
  const main = components[0];
  components.slice(1, 1 + max).forEach((component, k) => {
    const sample = Array.from(component.subarray(0, 5), (v) => `'${nodeId(v)}'`).join(', ');
    const more = component.length > 5 ? `, ... (${component.length - 5} more)` : '';
    issues.add(
      'warning',
      pointer('nodes', component[0]!),
      `disconnected component ${k + 2} of ${components.length}: ${component.length} node${component.length === 1 ? '' : 's'} (${sample}${more}) cannot be reached from the main component of ${main!.length} nodes`,
    );
  });
  if (components.length - 1 > max) {
    const rest = components.slice(1 + max);
    issues.add('warning', '/nodes', `${rest.length} further disconnected components with ${rest.reduce((s, c) => s + c.length, 0)} nodes in all`);
  }
}

/**
 * Positions of id strings in a list, by open addressing over one Int32Array (FNV-1a hash, linear probing):
 * the strings stay where they are. At a million nodes and 2.5 million edges a Map of them costs hundreds
 * of MB beside the network; this costs 8 bytes a slot at most half full.
 */
class IdIndex {
  private readonly table: Int32Array;
  private readonly mask: number;
  constructor(
    private readonly idAt: (i: number) => string,
    capacity: number,
  ) {
    let size = 16;
    while (size < 2 * capacity) size *= 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
  }
  private slot(id: string): number {
    let h = 0x811c9dc5;
    for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
    return (h >>> 0) & this.mask;
  }
  /** Records position i for id; returns the position that already holds id, or -1. */
  add(id: string, i: number): number {
    for (let s = this.slot(id); ; s = (s + 1) & this.mask) {
      const t = this.table[s]!;
      if (t === 0) {
        this.table[s] = i + 1;
        return -1;
      }
      if (this.idAt(t - 1) === id) return t - 1;
    }
  }
  /** The position of id, or -1. */
  get(id: string): number {
    for (let s = this.slot(id); ; s = (s + 1) & this.mask) {
      const t = this.table[s]!;
      if (t === 0) return -1;
      if (this.idAt(t - 1) === id) return t - 1;
    }
  }
}

/**
 * Check a network an importer has just built, before it is written, with the checks
 * validateRegionNetwork applies (the compiled schema: types, ranges, finite numbers, required and unknown
 * properties; unique node, edge and point ids; edge ends and points on known nodes; no loops; the length
 * warning; disconnected components) but without what routing needs (the RoadCsr, maps of ids, a copy of
 * the coordinates): importing a million junctions stays within 2 GB (docs/performance.md, issue 17).
 * The lean pass only accepts; on the first problem the network goes through validateRegionNetwork, which
 * lists every problem with the same messages. Returns the same warnings in the same order.
 */
export function checkRegionNetwork(value: unknown, opts: ValidateOptions = {}): { warnings: InputIssue[] } {
  const full = (): { warnings: InputIssue[] } => ({ warnings: validateRegionNetwork(value, opts).warnings });
  if (!networkShapeOk(value)) return full();
  const { nodes, edges, points = [] } = value as RegionNetwork;
  const issues = new IssueList(opts);
  const n = nodes.length;
  const nodeIndex = new IdIndex((i) => nodes[i]!.id, n);
  for (let i = 0; i < n; i++) if (nodeIndex.add(nodes[i]!.id, i) >= 0) return full();
  const m = edges.length;
  const edgeIndex = new IdIndex((i) => edges[i]!.id, m);
  // Arc 2i runs from -> to and 2i + 1 back, as in RoadCsr, so components (and their samples) come out alike.
  const ends = new Int32Array(2 * m);
  for (let i = 0; i < m; i++) {
    const e = edges[i]!;
    if (edgeIndex.add(e.id, i) >= 0) return full();
    const f = nodeIndex.get(e.from);
    const t = nodeIndex.get(e.to);
    if (f < 0 || t < 0 || e.from === e.to) return full();
    ends[2 * i] = f;
    ends[2 * i + 1] = t;
    lengthWarning(issues, i, `edge '${e.id}'`, e.km, nodes[f]!, nodes[t]!);
  }
  const pointIndex = new IdIndex((i) => points[i]!.id, points.length);
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (pointIndex.add(p.id, i) >= 0 || nodeIndex.get(p.node) < 0) return full();
  }
  // The undirected adjacency in RoadCsr's arc order: per tail, arcs by index.
  const offsets = new Int32Array(n + 1);
  // Arc a's tail is ends[a] and its head ends[a ^ 1].
  for (let a = 0; a < 2 * m; a++) offsets[ends[a]! + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, n);
  const heads = new Int32Array(2 * m);
  for (let a = 0; a < 2 * m; a++) heads[fill[ends[a]!]!++] = ends[a ^ 1]!;
  componentWarnings(issues, { graph: { nodeCount: n, offsets, heads } }, (v) => nodes[v]!.id, opts);
  return { warnings: issues.warnings };
}

/** The part of a CSR the component search reads. */
interface UndirectedCsr {
  readonly graph: { readonly nodeCount: number; readonly offsets: Int32Array; readonly heads: Int32Array };
}

/**
 * Weakly connected components (edges taken in both directions) as node indices in breadth-first order,
 * largest first; ties keep the order of their first node, so the result is deterministic. Every edge has
 * an arc each way in the CSR, so its out-arcs are the undirected neighbourhood.
 */
export function connectedComponents(csr: UndirectedCsr): Int32Array[] {
  const { nodeCount, offsets, heads } = csr.graph;
  const seen = new Uint8Array(nodeCount);
  const queue = new Int32Array(nodeCount);
  const components: Int32Array[] = [];
  let done = 0;
  for (let start = 0; start < nodeCount; start++) {
    if (seen[start]) continue;
    let head = done;
    let tail = done;
    queue[tail++] = start;
    seen[start] = 1;
    while (head < tail) {
      const v = queue[head++]!;
      for (let a = offsets[v]!; a < offsets[v + 1]!; a++) {
        const w = heads[a]!;
        if (!seen[w]) {
          seen[w] = 1;
          queue[tail++] = w;
        }
      }
    }
    components.push(queue.subarray(done, tail));
    done = tail;
  }
  return components
    .map((c, order) => ({ c, order }))
    .sort((x, y) => y.c.length - x.c.length || x.order - y.order)
    .map((x) => x.c);
}
