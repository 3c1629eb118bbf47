/**
 * A synthetic OpenStreetMap PBF for import benchmarks: a rows x cols street lattice (~500 m spacing,
 * jittered, as tools/synthetic/grid-network.ts) whose streets are long ways (each row and each column one
 * way, split every `wayNodes` nodes, as mapped streets are), `shape` shape nodes between neighbouring
 * junctions on each street (real extracts hold several shape nodes per junction), and a diagonal in about
 * half the cells as a two-node way. Junctions = rows x cols.
 *
 * The encoder is a minimal writer of the PBF format (https://wiki.openstreetmap.org/wiki/PBF_Format):
 * an OSMHeader blob, then OSMData blobs of up to 8000 entities, zlib-compressed; nodes as DenseNodes,
 * ways with delta-coded refs, one string table per block. Ids ascend, nodes before ways, as osmium writes.
 *
 * `npx tsx tools/synthetic/osm-pbf.ts <rows> <cols> <out.osm.pbf> [shape]`
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { createStream } from '../../engine/random/index.js';

/** Protobuf writer: varints, length-delimited fields, packed repeated fields. */
class Pb {
  private buf = new Uint8Array(1 << 16);
  private n = 0;
  private ensure(k: number): void {
    if (this.n + k <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.n + k) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
  }
  varint(v: number): this {
    this.ensure(10);
    // Non-negative integers up to 2^53: 7 bits at a time without 32-bit bitwise overflow.
    while (v >= 0x80) {
      this.buf[this.n++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.n++] = v;
    return this;
  }
  static zigzag(v: number): number {
    return v >= 0 ? v * 2 : -v * 2 - 1;
  }
  key(field: number, wire: number): this {
    return this.varint(field * 8 + wire);
  }
  uint(field: number, v: number): this {
    return this.key(field, 0).varint(v);
  }
  bytes(field: number, b: Uint8Array): this {
    this.key(field, 2).varint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
    return this;
  }
  string(field: number, s: string): this {
    return this.bytes(field, Buffer.from(s, 'utf8'));
  }
  packed(field: number, values: ArrayLike<number>, enc: (v: number) => number = (v) => v): this {
    const inner = new Pb();
    for (let i = 0; i < values.length; i++) inner.varint(enc(values[i]!));
    return this.bytes(field, inner.finish());
  }
  /** Packed sint64, delta-coded (DenseNodes ids and coordinates, way refs). */
  packedDelta(field: number, values: ArrayLike<number>): this {
    const inner = new Pb();
    let prev = 0;
    for (let i = 0; i < values.length; i++) {
      inner.varint(Pb.zigzag(values[i]! - prev));
      prev = values[i]!;
    }
    return this.bytes(field, inner.finish());
  }
  finish(): Uint8Array {
    return this.buf.subarray(0, this.n);
  }
}

/** One fileblock: BlobHeader length, BlobHeader, Blob (zlib). */
function fileBlock(type: 'OSMHeader' | 'OSMData', payload: Uint8Array): Buffer {
  const blob = new Pb().uint(2, payload.length).bytes(3, deflateSync(payload, { level: 1 })).finish();
  const header = new Pb().string(1, type).uint(3, blob.length).finish();
  const len = Buffer.alloc(4);
  len.writeUInt32BE(header.length, 0);
  return Buffer.concat([len, header, blob]);
}

const BLOCK = 8000;

export interface SyntheticPbfStats {
  junctions: number;
  nodes: number;
  ways: number;
  bytes: number;
}

export function writeSyntheticPbf(rows: number, cols: number, file: string, opts: { shape?: number; wayNodes?: number; seed?: number } = {}): SyntheticPbfStats {
  const shape = opts.shape ?? 1;
  const wayNodes = opts.wayNodes ?? 12;
  const rng = createStream(opts.seed ?? 42, 0, 'bench.network.synthetic-pbf');
  const step = 0.005;
  const fd = openSync(file, 'w');
  let bytes = 0;
  const put = (b: Uint8Array): void => {
    writeSync(fd, b);
    bytes += b.length;
  };
  try {
    put(fileBlock('OSMHeader', new Pb().string(4, 'OsmSchema-V0.6').string(4, 'DenseNodes').string(16, 'drillsim tools/synthetic').finish()));
    // Coordinates in units of 1e-7 degrees (granularity 100 nanodegrees, the default).
    const junctions = rows * cols;
    const jLat = new Int32Array(junctions);
    const jLon = new Int32Array(junctions);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        jLat[r * cols + c] = Math.round((29 + r * step + (rng.random() - 0.5) * step * 0.4) * 1e7);
        jLon[r * cols + c] = Math.round((103 + c * step + (rng.random() - 0.5) * step * 0.4) * 1e7);
      }
    }
    // Node ids: junction v is v + 1; shape nodes follow, numbered per street segment.
    let ids: number[] = [];
    let lats: number[] = [];
    let lons: number[] = [];
    let nodeCount = 0;
    const flushNodes = (): void => {
      if (ids.length === 0) return;
      const dense = new Pb().packedDelta(1, ids).packedDelta(8, lats).packedDelta(9, lons).finish();
      const group = new Pb().bytes(2, dense).finish();
      const stringtable = new Pb().bytes(1, new Uint8Array(0)).finish();
      put(fileBlock('OSMData', new Pb().bytes(1, stringtable).bytes(2, group).finish()));
      ids = [];
      lats = [];
      lons = [];
    };
    const node = (id: number, lat: number, lon: number): void => {
      ids.push(id);
      lats.push(lat);
      lons.push(lon);
      nodeCount++;
      if (ids.length >= BLOCK) flushNodes();
    };
    for (let v = 0; v < junctions; v++) node(v + 1, jLat[v]!, jLon[v]!);
    // Shape nodes of the segment from junction a to b: evenly spaced, pushed off the line a little.
    let nextShape = junctions + 1;
    const segShape = new Map<number, number>();
    const addSegment = (a: number, b: number): void => {
      if (shape === 0) return;
      segShape.set(a * 4 + (b - a === 1 ? 0 : 1), nextShape);
      for (let k = 1; k <= shape; k++) {
        const t = k / (shape + 1);
        const off = (rng.random() - 0.5) * step * 0.1 * 1e7;
        node(nextShape++, Math.round(jLat[a]! + (jLat[b]! - jLat[a]!) * t + off), Math.round(jLon[a]! + (jLon[b]! - jLon[a]!) * t - off));
      }
    };
    for (let r = 0; r < rows; r++) for (let c = 0; c + 1 < cols; c++) addSegment(r * cols + c, r * cols + c + 1);
    for (let r = 0; r + 1 < rows; r++) for (let c = 0; c < cols; c++) addSegment(r * cols + c, (r + 1) * cols + c);
    flushNodes();

    // Ways, with a string table per block: highway values and maxspeed.
    const strings = ['', 'highway', 'residential', 'tertiary', 'secondary', 'primary', 'maxspeed', '30', '40', '50', '60', 'name'];
    const sIndex = new Map(strings.map((s, i) => [s, i]));
    const classes: Array<[string, string]> = [
      ['residential', '30'],
      ['tertiary', '40'],
      ['secondary', '50'],
      ['primary', '60'],
    ];
    let wayId = 1;
    let ways: Uint8Array[] = [];
    const flushWays = (): void => {
      if (ways.length === 0) return;
      const st = new Pb();
      for (const s of strings) st.string(1, s);
      const group = new Pb();
      for (const w of ways) group.bytes(3, w);
      put(fileBlock('OSMData', new Pb().bytes(1, st.finish()).bytes(2, group.finish()).finish()));
      ways = [];
    };
    const way = (refs: number[], cls: number): void => {
      const [hw, speed] = classes[cls]!;
      ways.push(
        new Pb()
          .uint(1, wayId++)
          .packed(2, [sIndex.get('highway')!, sIndex.get('maxspeed')!])
          .packed(3, [sIndex.get(hw)!, sIndex.get(speed)!])
          .packedDelta(8, refs)
          .finish(),
      );
      if (ways.length >= BLOCK) flushWays();
    };
    // A street through junctions `js` (in order), split into ways of up to wayNodes junctions.
    const street = (js: number[], horizontal: boolean, cls: number): void => {
      for (let s = 0; s + 1 < js.length; s += wayNodes - 1) {
        const refs: number[] = [js[s]! + 1];
        for (let k = s; k + 1 < js.length && k < s + wayNodes - 1; k++) {
          const first = segShape.get(js[k]! * 4 + (horizontal ? 0 : 1));
          if (first !== undefined) for (let q = 0; q < shape; q++) refs.push(first + q);
          refs.push(js[k + 1]! + 1);
        }
        way(refs, cls);
      }
    };
    for (let r = 0; r < rows; r++) street(Array.from({ length: cols }, (_, c) => r * cols + c), true, r % 10 === 0 ? 3 : r % 5 === 0 ? 2 : 0);
    for (let c = 0; c < cols; c++) street(Array.from({ length: rows }, (_, r) => r * cols + c), false, c % 10 === 0 ? 3 : c % 5 === 0 ? 1 : 0);
    for (let r = 0; r + 1 < rows; r++) {
      for (let c = 0; c + 1 < cols; c++) {
        if (rng.random() >= 0.5) continue;
        const v = r * cols + c;
        way(rng.random() < 0.5 ? [v + 1, v + cols + 2] : [v + 2, v + cols + 1], 0);
      }
    }
    flushWays();
    return { junctions, nodes: nodeCount, ways: wayId - 1, bytes };
  } finally {
    closeSync(fd);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [rows, cols, out, shape] = process.argv.slice(2);
  if (rows === undefined || cols === undefined || out === undefined) {
    process.stderr.write('usage: tsx tools/synthetic/osm-pbf.ts <rows> <cols> <out.osm.pbf> [shape nodes per segment, default 1]\n');
    process.exit(2);
  }
  const s = writeSyntheticPbf(Number(rows), Number(cols), resolve(out), shape !== undefined ? { shape: Number(shape) } : {});
  process.stdout.write(`wrote ${resolve(out)}: ${s.junctions} junctions, ${s.nodes} nodes, ${s.ways} ways, ${(s.bytes / 1048576).toFixed(1)} MiB\n`);
}
