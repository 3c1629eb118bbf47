/**
 * The routing snapshot (engine/network/snapshot.ts) and the fast routing load: a snapshot read back gives
 * the same arrays, ids and routes as the network it was written from; a changed file or other bytes are
 * never served from a stale snapshot; strongly connected components agree with brute-force reachability.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stronglyConnectedComponents } from '../../engine/network/components.js';
import { buildCsr, RoadCsr } from '../../engine/network/csr.js';
import { loadRegionNetworkFile, loadRoutingNetwork } from '../../engine/network/load.js';
import { TRAVEL_MODES } from '../../engine/network/modes.js';
import { RoadNetwork } from '../../engine/network/road-network.js';
import type { RegionNetwork } from '../../engine/network/schema.js';
import { NodeLocator } from '../../engine/network/snap.js';
import { decodeSnapshot, encodeSnapshot, mainComponentBits, snapshotFile, snapshotKey, snapshotMeta } from '../../engine/network/snapshot.js';
import { createStream } from '../../engine/random/index.js';
import { syntheticRoadNetwork } from '../../tools/synthetic/grid-network.js';
import { tempDir } from './helpers.js';

/** A 12 x 15 grid with some one-way streets, a lane count, a bridge and a ferry link, and non-ASCII ids. */
function network(): RegionNetwork {
  const n = syntheticRoadNetwork(12, 15, 7);
  n.edges.forEach((e, i) => {
    if (i % 7 === 0) e.oneway = true;
    if (i % 11 === 0) e.lanes = 4;
    if (i % 13 === 0) e.bridge = true;
  });
  n.edges[5]!.roadClass = 'ferry';
  n.nodes[3]!.id = '乐山-n3';
  for (const e of n.edges) {
    if (e.from === 'n3') e.from = '乐山-n3';
    if (e.to === 'n3') e.to = '乐山-n3';
  }
  n.points = [{ id: 'hospital', node: 'n100', kind: 'hospital', name: 'Hospital' }];
  return n;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

describe('routing snapshot', () => {
  it('reads back the same arrays, ids, edges and per-mode weights', () => {
    const net = network();
    const csr = new RoadCsr(net);
    const back = decodeSnapshot(encodeSnapshot(csr, 'k', snapshotMeta(net)), 'k');
    expect(back).toBeDefined();
    const { csr: b, meta } = back!;
    expect(meta.id).toBe(net.id);
    expect(meta.points).toEqual(net.points);
    expect(b.nodeIds).toEqual(csr.nodeIds);
    expect(b.edgeIds).toEqual(csr.edgeIds);
    expect(b.nodeId(3)).toBe('乐山-n3');
    for (const k of ['offsets', 'heads', 'tails', 'inOffsets', 'inArcs', 'lat', 'lon', 'cosLat', 'arcGcKm'] as const) {
      expect(Array.from(b.graph[k])).toEqual(Array.from(csr.graph[k]));
    }
    expect(Array.from(b.arcEdge)).toEqual(Array.from(csr.arcEdge));
    for (const mode of TRAVEL_MODES) expect(Array.from(b.baseMinutes(mode))).toEqual(Array.from(csr.baseMinutes(mode)));
    // Routing by coordinates: the main components and the spatial index come back as computed.
    expect(Array.from(back!.extras!.mainComponents)).toEqual(Array.from(mainComponentBits(csr)));
    const si = back!.extras!.spatialIndex;
    const saved = new NodeLocator(b.graph, { buffer: si.buffer, byteOffset: si.byteOffset });
    const fresh = new NodeLocator(csr.graph);
    const rng = createStream(5, 0, 'test.snapshot.snap');
    for (let i = 0; i < 50; i++) {
      const lat = 29 + rng.random() * 0.06;
      const lon = 103 + rng.random() * 0.075;
      expect(saved.nearest(lat, lon, (v) => v % 3 === 0)).toEqual(fresh.nearest(lat, lon, (v) => v % 3 === 0));
    }
    // Edges rebuilt from the arrays keep what routing and capacity read.
    b.edges.forEach((e, i) => {
      const o = net.edges[i]!;
      expect(e).toEqual({ id: o.id, from: o.from, to: o.to, km: o.km, roadClass: o.roadClass, speedKmh: o.speedKmh, ...(o.lanes !== undefined ? { lanes: o.lanes } : {}), ...(o.bridge ? { bridge: true } : {}), ...(o.oneway ? { oneway: true } : {}) });
    });
  });

  it('routes from the snapshot equal routes from the network, with closures', () => {
    const net = network();
    const direct = new RoadNetwork(net);
    const { csr, meta } = decodeSnapshot(encodeSnapshot(direct.csr, 'k', snapshotMeta(net)), 'k')!;
    const snap = new RoadNetwork({ id: meta.id, points: meta.points, get edges() { return csr.edges; } }, { csr });
    const rng = createStream(3, 0, 'test.snapshot.pairs');
    for (let i = 0; i < 30; i++) {
      const a = Math.floor(rng.random() * csr.nodeCount);
      const b = Math.floor(rng.random() * csr.nodeCount);
      for (const mode of ['car', 'foot'] as const) expect(snap.route(a, b, mode, 0)).toEqual(direct.route(a, b, mode, 0));
    }
    for (const r of [direct, snap]) r.setState({ edge: net.edges[20]!.id, start: 0, state: 'closed', knownAt: 0 });
    expect(snap.routeByIds('n0', 'hospital', 'car', 1)).toEqual(direct.routeByIds('n0', 'hospital', 'car', 1));
  });

  it('is refused under another key or when it is not a snapshot', () => {
    const net = network();
    const bytes = encodeSnapshot(new RoadCsr(net), 'k', snapshotMeta(net));
    expect(decodeSnapshot(bytes, 'other')).toBeUndefined();
    const broken = Buffer.from(bytes);
    broken[0] = 0x41;
    expect(decodeSnapshot(broken, 'k')).toBeUndefined();
    expect(decodeSnapshot(bytes.subarray(0, bytes.length - 100), 'k')).toBeUndefined();
    // The key covers the bytes of the source.
    expect(snapshotKey('a')).not.toBe(snapshotKey('b'));
  });

  it('loadRoutingNetwork writes the snapshot, then reads it, and never serves a stale one', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = join(dir, 'network.json');
    const net = network();
    writeFileSync(file, JSON.stringify(net));
    const first = loadRoutingNetwork(file, { snapshotMinBytes: 0 });
    expect(first.snapshot).toBe('written');
    const second = loadRoutingNetwork(file, { snapshotMinBytes: 0 });
    expect(second.snapshot).toBe('hit');
    const route = (r: typeof first) => new RoadNetwork(r.network, { csr: r.csr }).routeByIds('n0', 'n179', 'car');
    expect(route(second)).toEqual(route(first));
    // Snapping from the snapshot's index and components equals snapping from fresh ones.
    for (const mode of ['car', 'foot'] as const) {
      expect(second.locator().nearest(29.03, 103.04, second.inMainComponent(mode))).toEqual(first.locator().nearest(29.03, 103.04, first.inMainComponent(mode)));
    }
    // Slow every road down: the file's hash changes, the old snapshot must not be used.
    for (const e of net.edges) e.speedKmh /= 2;
    writeFileSync(file, JSON.stringify(net));
    const third = loadRoutingNetwork(file, { snapshotMinBytes: 0 });
    expect(third.snapshot).toBe('written');
    expect(route(third)!.minutes).toBeCloseTo(2 * route(first)!.minutes, 9);
    // A garbled snapshot is rebuilt, not trusted.
    writeFileSync(snapshotFile(file), readFileSync(snapshotFile(file)).subarray(0, 64));
    expect(loadRoutingNetwork(file, { snapshotMinBytes: 0 }).snapshot).toBe('written');
    // Small files are not snapshotted by default.
    expect(loadRoutingNetwork(join(import.meta.dirname, '..', 'fixtures', 'network', 'closures.json')).snapshot).toBe('none');
  });

  it('the loader returns the CSR it validated with, equal to a fresh one', () => {
    const loaded = loadRegionNetworkFile(join(import.meta.dirname, '..', '..', 'scenarios', 'regions', 'leshan', 'network.json'));
    const fresh = new RoadCsr(loaded.network);
    expect(Array.from(loaded.csr.baseMinutes('car'))).toEqual(Array.from(fresh.baseMinutes('car')));
    expect(loaded.graph.order).toBe(loaded.network.nodes.length);
  });
});

describe('strongly connected components', () => {
  /** Brute force: u and v share a component iff each reaches the other. */
  function reach(n: number, tails: number[], heads: number[]): boolean[][] {
    const r = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => i === j));
    for (let a = 0; a < tails.length; a++) r[tails[a]!]![heads[a]!] = true;
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (r[i]![k] && r[k]![j]) r[i]![j] = true;
    return r;
  }

  it('agree with brute-force mutual reachability on random digraphs, and number largest first', () => {
    const rng = createStream(11, 0, 'test.scc');
    for (let trial = 0; trial < 40; trial++) {
      const n = 2 + Math.floor(rng.random() * 25);
      const m = Math.floor(rng.random() * n * 2.5);
      const tails: number[] = [];
      const heads: number[] = [];
      for (let i = 0; i < m; i++) {
        tails.push(Math.floor(rng.random() * n));
        heads.push(Math.floor(rng.random() * n));
      }
      const { graph, position } = buildCsr(n, tails, heads);
      // Some arcs unusable (Infinity) must count as absent.
      const w = new Float64Array(m).fill(1);
      const usedT: number[] = [];
      const usedH: number[] = [];
      for (let i = 0; i < m; i++) {
        if (rng.random() < 0.2) w[position[i]!] = Infinity;
        else {
          usedT.push(tails[i]!);
          usedH.push(heads[i]!);
        }
      }
      const { component, sizes } = stronglyConnectedComponents(graph, w);
      const r = reach(n, usedT, usedH);
      for (let u = 0; u < n; u++) for (let v = 0; v < n; v++) expect(component[u] === component[v]).toBe(r[u]![v]! && r[v]![u]!);
      for (let c = 1; c < sizes.length; c++) expect(sizes[c]!).toBeLessThanOrEqual(sizes[c - 1]!);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
    }
  });

  it('a one-way street into a dead end is a trap by car, not on foot', () => {
    const net: RegionNetwork = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'network', 'closures.json'), 'utf8')) as RegionNetwork;
    net.nodes.push({ id: 'E', lat: 29.5, lon: 103.76, kind: 'junction' });
    net.edges.push({ id: 'DE', from: 'D', to: 'E', km: 2, roadClass: 'township', speedKmh: 30, oneway: true });
    const csr = new RoadCsr(net);
    const car = stronglyConnectedComponents(csr.graph, csr.baseMinutes('car'));
    expect(car.sizes).toEqual([4, 1]);
    expect(car.component[csr.node('E')!]).toBe(1);
    expect(stronglyConnectedComponents(csr.graph, csr.baseMinutes('foot')).sizes).toEqual([5]);
  });
});
