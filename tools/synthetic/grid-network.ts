/**
 * A deterministic synthetic road network for benchmarks: a rows x cols lattice (~500 m spacing, jittered)
 * with one diagonal in about half the cells (planar, ~2.5 edges per node, as docs/models/engine.md
 * section 2), road classes and speeds drawn from a seeded stream. Used by bench/network.bench.ts and
 * bench/region-load.bench.ts; `npx tsx tools/synthetic/grid-network.ts <rows> <cols> <out-dir>` writes
 * <out-dir>/network.json for trying the CLI on a large region, and <out-dir>/grid.osm, the same roads as
 * OpenStreetMap XML for trying `drillsim region import`.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { haversineKm } from '../../engine/network/geo.js';
import type { NetworkEdge, NetworkNode, RegionNetwork, RoadClass } from '../../engine/network/schema.js';
import { createStream } from '../../engine/random/index.js';

/** A deterministic grid-like road graph with rows x cols nodes. */
export function syntheticRoadNetwork(rows: number, cols: number, seed = 42): RegionNetwork {
  const rng = createStream(seed, 0, 'bench.network.synthetic');
  const nodes: NetworkNode[] = [];
  const step = 0.005;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      nodes.push({
        id: `n${r * cols + c}`,
        lat: 29 + r * step + (rng.random() - 0.5) * step * 0.4,
        lon: 103 + c * step + (rng.random() - 0.5) * step * 0.4,
        kind: 'junction',
      });
    }
  }
  const classes: Array<[RoadClass, number]> = [
    ['township', 30],
    ['county', 40],
    ['provincial', 50],
    ['national', 60],
    ['expressway', 90],
  ];
  const edges: NetworkEdge[] = [];
  const addEdge = (a: number, b: number): void => {
    const p = nodes[a]!;
    const q = nodes[b]!;
    const [roadClass, speedKmh] = classes[Math.min(classes.length - 1, Math.floor(rng.random() * rng.random() * classes.length))]!;
    // Roads wind: 1.0-1.6 x the straight line.
    const km = Math.max(0.001, haversineKm(p.lat, p.lon, q.lat, q.lon) * (1 + 0.6 * rng.random()));
    edges.push({ id: `e${edges.length}`, from: p.id, to: q.id, km, roadClass, speedKmh });
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = r * cols + c;
      if (c + 1 < cols) addEdge(v, v + 1);
      if (r + 1 < rows) addEdge(v, v + cols);
      if (r + 1 < rows && c + 1 < cols && rng.random() < 0.5) {
        if (rng.random() < 0.5) addEdge(v, v + cols + 1);
        else addEdge(v + 1, v + cols);
      }
    }
  }
  return { drillsim: 1, kind: 'region-network', id: 'synthetic', name: `synthetic ${rows}x${cols}`, crs: 'WGS84', nodes, edges };
}

/** Write the network as a region directory's network.json (one element per line, as imports write). */
export function writeSyntheticNetwork(rows: number, cols: number, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'network.json');
  writeFileSync(file, `${JSON.stringify(syntheticRoadNetwork(rows, cols), null, 1)}\n`);
  return file;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [rows, cols, out] = process.argv.slice(2);
  if (rows === undefined || cols === undefined || out === undefined) {
    process.stderr.write('usage: tsx tools/synthetic/grid-network.ts <rows> <cols> <out-dir>\n');
    process.exit(2);
  }
  process.stdout.write(`wrote ${writeSyntheticNetwork(Number(rows), Number(cols), resolve(out))}\n`);
  writeSyntheticOsm(Number(rows), Number(cols), join(resolve(out), 'grid.osm'));
  process.stdout.write(`wrote ${join(resolve(out), 'grid.osm')}\n`);
}

/**
 * The same network as OpenStreetMap XML (streamed to the file): nodes with numeric ids, each edge a way of
 * its two nodes with a highway class for its road class, for benchmarking `drillsim region import`.
 */
export function writeSyntheticOsm(rows: number, cols: number, file: string): void {
  const net = syntheticRoadNetwork(rows, cols);
  const highway: Record<string, string> = { expressway: 'motorway', national: 'primary', provincial: 'secondary', county: 'tertiary', township: 'residential' };
  const fd = openSync(file, 'w');
  try {
    const write = (s: string): void => void writeSync(fd, s);
    write('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="drillsim tools/synthetic">\n');
    let buf = '';
    for (const n of net.nodes) {
      buf += ` <node id="${n.id.slice(1)}" lat="${n.lat.toFixed(7)}" lon="${n.lon.toFixed(7)}"/>\n`;
      if (buf.length > 1 << 20) (write(buf), (buf = ''));
    }
    net.edges.forEach((e, i) => {
      buf += ` <way id="${i + 1}"><nd ref="${e.from.slice(1)}"/><nd ref="${e.to.slice(1)}"/><tag k="highway" v="${highway[e.roadClass] ?? 'residential'}"/><tag k="maxspeed" v="${e.speedKmh}"/></way>\n`;
      if (buf.length > 1 << 20) (write(buf), (buf = ''));
    });
    write(`${buf}</osm>\n`);
  } finally {
    closeSync(fd);
  }
}
