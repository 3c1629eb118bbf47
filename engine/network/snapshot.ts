/**
 * The routing snapshot on disk: a region network's CSR arrays, coordinates and the per-edge attributes the
 * travel modes' weights are computed from, written beside the network file as `<file>.snapshot` and keyed
 * by the SHA-256 of the network file's bytes (and of the mode profiles and this format, so weights never
 * come from other code's rules). Reading it back costs one read and one hash of the source: no JSON parse,
 * no schema check, no graph build; a network is only ever snapshotted after it validated.
 *
 * Layout: the magic "DRILLSNP", a little-endian uint32 header length, the header (JSON: key, counts, each
 * section's offset and length, the region's id and named points), then the sections, each 8-byte aligned so the typed arrays
 * are views of the one buffer (which can be a SharedArrayBuffer for workers) without copying.
 * Per-mode weights are not stored: computing one from the edge arrays takes a single pass over the edges
 * (tens of ms at a million edges), less than reading 16 bytes per arc per mode back from disk.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { IdTable, RoadCsr, type RoadCsrParts } from './csr.js';
import { stronglyConnectedComponents } from './components.js';
import { MODE_PROFILES, TRAVEL_MODES } from './modes.js';
import { NodeLocator } from './snap.js';
import type { NetworkEdge, NetworkPoint, RegionNetwork } from './schema.js';

const MAGIC = 'DRILLSNP';
const FORMAT = 1;

/** Networks smaller than this load faster from JSON than a snapshot saves; none is written for them. */
export const SNAPSHOT_MIN_BYTES = 4 * 1024 * 1024;

type ArrayKind = 'i32' | 'u8' | 'f64';
type AnyArray = Int32Array | Uint8Array | Float64Array;
const CTOR: Record<ArrayKind, { new (b: ArrayBufferLike, o: number, n: number): AnyArray; BYTES_PER_ELEMENT: number }> = {
  i32: Int32Array,
  u8: Uint8Array,
  f64: Float64Array,
};

interface SectionEntry {
  name: string;
  kind: ArrayKind;
  offset: number;
  length: number;
}

/** Per node, bit m set when the node is in the largest strongly connected component of TRAVEL_MODES[m]. */
export function mainComponentBits(csr: RoadCsr): Uint8Array {
  const bits = new Uint8Array(csr.nodeCount);
  TRAVEL_MODES.forEach((mode, m) => {
    const { component } = stronglyConnectedComponents(csr.graph, csr.baseMinutes(mode));
    for (let v = 0; v < bits.length; v++) if (component[v] === 0) bits[v]! |= 1 << m;
  });
  return bits;
}

/** What a route needs of the region besides the CSR: its id, its named points and the names of nodes. */
export interface SnapshotMeta {
  id: string;
  points: NetworkPoint[];
  /** [node index, name] for named nodes. */
  nodeNames: Array<[number, string]>;
}

interface Header {
  format: number;
  key: string;
  meta: SnapshotMeta;
  nodeCount: number;
  arcCount: number;
  sections: SectionEntry[];
}

/** Key of a snapshot: the source's bytes, the mode profiles that turn it into weights, and the format. */
export function snapshotKey(sourceHash: string): string {
  return createHash('sha256').update(`${FORMAT}\n${sourceHash}\n${JSON.stringify(MODE_PROFILES, (_k, v: unknown) => (v === Infinity ? 'Infinity' : v))}`).digest('hex');
}

/** SHA-256 of a file's bytes, read in 8 MiB pieces (memory stays flat whatever the file's size). */
export function hashFile(file: string): string {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(8 * 1024 * 1024);
    for (;;) {
      const got = readSync(fd, buf, 0, buf.length, null);
      if (got === 0) break;
      hash.update(buf.subarray(0, got));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** What routing by coordinates needs, precomputed when the snapshot is written. */
export interface SnapshotExtras {
  /** mainComponentBits of the network. */
  mainComponents: Uint8Array;
  /** The node index's bytes (NodeLocator.data()). */
  spatialIndex: Uint8Array;
}

function sectionsOf(parts: RoadCsrParts, extras: SnapshotExtras | undefined): Array<[string, ArrayKind, AnyArray]> {
  const g = parts.graph;
  const e = parts.edge;
  const nodeIds = IdTable.of(parts.nodeIds);
  const edgeIds = IdTable.of(parts.edgeIds);
  return [
    ['nodeIdText', 'u8', Buffer.from(nodeIds.text, 'utf8')],
    ['nodeIdOffsets', 'i32', nodeIds.offsets],
    ['edgeIdText', 'u8', Buffer.from(edgeIds.text, 'utf8')],
    ['edgeIdOffsets', 'i32', edgeIds.offsets],
    ['offsets', 'i32', g.offsets],
    ['heads', 'i32', g.heads],
    ['tails', 'i32', g.tails],
    ['inOffsets', 'i32', g.inOffsets],
    ['inArcs', 'i32', g.inArcs],
    ['lat', 'f64', g.lat],
    ['lon', 'f64', g.lon],
    ['cosLat', 'f64', g.cosLat],
    ['arcGcKm', 'f64', g.arcGcKm],
    ['arcEdge', 'i32', parts.arcEdge],
    ['arcForward', 'u8', parts.arcForward],
    ['edgeFwdArc', 'i32', parts.edgeFwdArc],
    ['edgeBwdArc', 'i32', parts.edgeBwdArc],
    ['km', 'f64', e.km],
    ['speedKmh', 'f64', e.speedKmh],
    ['roadClass', 'u8', e.roadClass],
    ['lanes', 'u8', e.lanes],
    ['flags', 'u8', e.flags],
    ...(extras !== undefined
      ? ([
          ['mainComponents', 'u8', extras.mainComponents],
          ['spatialIndex', 'u8', extras.spatialIndex],
        ] as Array<[string, ArrayKind, AnyArray]>)
      : []),
  ];
}

/** Section names and kinds, in file order (decodeSnapshot checks a file has each with its kind). */
const sectionKinds: Array<[string, ArrayKind]> = [
  ['nodeIdText', 'u8'], ['nodeIdOffsets', 'i32'], ['edgeIdText', 'u8'], ['edgeIdOffsets', 'i32'],
  ['offsets', 'i32'], ['heads', 'i32'], ['tails', 'i32'], ['inOffsets', 'i32'], ['inArcs', 'i32'],
  ['lat', 'f64'], ['lon', 'f64'], ['cosLat', 'f64'], ['arcGcKm', 'f64'],
  ['arcEdge', 'i32'], ['arcForward', 'u8'], ['edgeFwdArc', 'i32'], ['edgeBwdArc', 'i32'],
  ['km', 'f64'], ['speedKmh', 'f64'], ['roadClass', 'u8'], ['lanes', 'u8'], ['flags', 'u8'],
];
/** The sections only a file snapshot has (what routing by coordinates needs); a shared CSR leaves them out. */
const extraKinds: Array<[string, ArrayKind]> = [['mainComponents', 'u8'], ['spatialIndex', 'u8']];

const align8 = (n: number): number => (n + 7) & ~7;

/** The snapshot as bytes. */
export function encodeSnapshot(csr: RoadCsr, key: string, meta: SnapshotMeta): Buffer {
  const extras = { mainComponents: mainComponentBits(csr), spatialIndex: new NodeLocator(csr.graph).data() };
  const bytes = encodeSections(csr, key, meta, extras, (n) => new ArrayBuffer(n));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Lay out the header and the sections in one buffer made by `alloc` (each section 8-byte aligned, so every
 * typed array read back is a view of that buffer). Written section by section: no intermediate copy.
 */
function encodeSections(csr: RoadCsr, key: string, meta: SnapshotMeta, extras: SnapshotExtras | undefined, alloc: (bytes: number) => ArrayBufferLike): Uint8Array {
  const parts = csr.parts();
  const sections = sectionsOf(parts, extras);
  const entries: SectionEntry[] = [];
  let offset = 0;
  for (const [name, kind, arr] of sections) {
    entries.push({ name, kind, offset, length: arr.length });
    offset = align8(offset + arr.byteLength);
  }
  const header: Header = { format: FORMAT, key, meta, nodeCount: parts.graph.nodeCount, arcCount: parts.graph.arcCount, sections: entries };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const dataStart = align8(12 + headerBytes.length);
  const out = new Uint8Array(alloc(dataStart + offset));
  out.set(Buffer.from(MAGIC, 'latin1'), 0);
  new DataView(out.buffer).setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  sections.forEach(([, , arr], i) => {
    out.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), dataStart + entries[i]!.offset);
  });
  return out;
}

/** Key of a CSR handed to worker threads (never compared with a file's: it only guards the format). */
const SHARED_KEY = 'shared-csr';

/**
 * A region's routing arrays in one SharedArrayBuffer, for worker threads: each thread reads them back with
 * sharedCsr as views of the same memory, so N threads hold one copy of the CSR, coordinates and edge
 * attributes instead of N (engine/batch passes a local's SharedArrayBuffers by reference). The spatial
 * index and component bits are left out: a replication does not snap coordinates.
 */
export function shareCsr(csr: RoadCsr): SharedArrayBuffer {
  const bytes = encodeSections(csr, SHARED_KEY, { id: '', points: [], nodeNames: [] }, undefined, (n) => new SharedArrayBuffer(n));
  return bytes.buffer as SharedArrayBuffer;
}

/**
 * The CSR of shareCsr's buffer, its arrays views of that shared memory (nothing copied). `edges`, when
 * given, are the thread's own copy of the network's edges (same order, checked by id): the CSR then serves
 * them, so a RoadNetwork built on that network accepts it as its own.
 */
export function sharedCsr(buffer: SharedArrayBuffer, edges?: readonly NetworkEdge[]): RoadCsr {
  const decoded = decodeSnapshot(new Uint8Array(buffer), SHARED_KEY, edges);
  if (decoded === undefined) throw new Error('sharedCsr: the buffer is not a shared routing CSR of this format');
  return decoded.csr;
}

/**
 * Read a snapshot back: the typed arrays are views of one buffer (a SharedArrayBuffer when `shared`), so
 * nothing is copied. Undefined when the bytes are not a snapshot of this format or carry another key.
 */
export function decodeSnapshot(bytes: Uint8Array, key: string, edges?: readonly NetworkEdge[]): { csr: RoadCsr; meta: SnapshotMeta; extras: SnapshotExtras | undefined } | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) return undefined;
  const headerLength = buf.readUInt32LE(8);
  if (12 + headerLength > buf.length) return undefined;
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', 12, 12 + headerLength)) as Header;
  } catch {
    return undefined;
  }
  if (header.format !== FORMAT || header.key !== key) return undefined;
  const dataStart = bytes.byteOffset + align8(12 + headerLength);
  const arrays = new Map<string, AnyArray>();
  for (const s of header.sections) {
    const C = CTOR[s.kind];
    if (dataStart + s.offset + s.length * C.BYTES_PER_ELEMENT > bytes.byteOffset + bytes.byteLength) return undefined;
    arrays.set(s.name, new C(bytes.buffer, dataStart + s.offset, s.length));
  }
  const i32 = (name: string): Int32Array => arrays.get(name) as Int32Array;
  const u8 = (name: string): Uint8Array => arrays.get(name) as Uint8Array;
  const f64 = (name: string): Float64Array => arrays.get(name) as Float64Array;
  const text = (a: Uint8Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('utf8');
  const has = ([name, kind]: [string, ArrayKind]): boolean => {
    const arr = arrays.get(name);
    return arr !== undefined && arr instanceof CTOR[kind];
  };
  if (!sectionKinds.every(has)) return undefined;
  const edgeIds = new IdTable(text(u8('edgeIdText')), i32('edgeIdOffsets'));
  if (edges !== undefined) {
    if (edges.length !== edgeIds.length) return undefined;
    for (let i = 0; i < edges.length; i++) if (edges[i]!.id !== edgeIds.at(i)) return undefined;
  }
  const csr = new RoadCsr({
    graph: {
      nodeCount: header.nodeCount,
      arcCount: header.arcCount,
      offsets: i32('offsets'),
      heads: i32('heads'),
      tails: i32('tails'),
      inOffsets: i32('inOffsets'),
      inArcs: i32('inArcs'),
      lat: f64('lat'),
      lon: f64('lon'),
      cosLat: f64('cosLat'),
      arcGcKm: f64('arcGcKm'),
    },
    nodeIds: new IdTable(text(u8('nodeIdText')), i32('nodeIdOffsets')),
    edgeIds,
    arcEdge: i32('arcEdge'),
    arcForward: u8('arcForward'),
    edgeFwdArc: i32('edgeFwdArc'),
    edgeBwdArc: i32('edgeBwdArc'),
    edge: { km: f64('km'), speedKmh: f64('speedKmh'), roadClass: u8('roadClass'), lanes: u8('lanes'), flags: u8('flags') },
    ...(edges !== undefined ? { edges } : {}),
  });
  const extras = extraKinds.every(has) ? { mainComponents: u8('mainComponents'), spatialIndex: u8('spatialIndex') } : undefined;
  return { csr, meta: header.meta, extras };
}

/** Where the snapshot of a network file lives. */
export function snapshotFile(networkFile: string): string {
  return `${networkFile}.snapshot`;
}

/** Read `<file>.snapshot` into one (optionally shared) buffer; undefined when absent or unreadable. */
export function readSnapshot(networkFile: string, key: string, opts: { shared?: boolean } = {}): { csr: RoadCsr; meta: SnapshotMeta; extras: SnapshotExtras } | undefined {
  const file = snapshotFile(networkFile);
  if (!existsSync(file)) return undefined;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(opts.shared === true ? new SharedArrayBuffer(size) : new ArrayBuffer(size));
    let at = 0;
    while (at < size) {
      const got = readSync(fd, bytes, at, size - at, null);
      if (got === 0) return undefined;
      at += got;
    }
    const decoded = decodeSnapshot(bytes, key);
    // A file snapshot always carries the extras; one without them is not of this writer.
    return decoded?.extras !== undefined ? { ...decoded, extras: decoded.extras } : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Write the snapshot beside the network (via a temporary file and a rename, so concurrent readers see a
 * whole file or none). A cache: a directory that cannot be written (an installed package) is no error.
 */
export function writeSnapshot(networkFile: string, csr: RoadCsr, key: string, meta: SnapshotMeta): boolean {
  const file = snapshotFile(networkFile);
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, encodeSnapshot(csr, key, meta));
    renameSync(tmp, file);
    return true;
  } catch {
    try {
      if (existsSync(tmp)) unlinkSync(tmp);
    } catch {
      // Nothing more to do for a cache.
    }
    return false;
  }
}

/** The snapshot's meta of a validated network. */
export function snapshotMeta(network: RegionNetwork): SnapshotMeta {
  const nodeNames: Array<[number, string]> = [];
  network.nodes.forEach((n, i) => {
    const name = n.name_zh ?? n.name;
    if (name !== undefined && name !== '') nodeNames.push([i, name]);
  });
  return { id: network.id, points: network.points ?? [], nodeNames };
}
