/**
 * Road-network benchmarks (docs/architecture.md section 9, issue 3):
 * - one-to-all Dijkstra on a 100,000-node synthetic road graph, side by side with graphology-shortest-path's
 *   `dijkstra.singleSource` on the same graph and weights in the same run (target: <= 30 ms and >= 50x);
 * - point-to-point (early exit) and A* on random pairs of the same graph;
 * - one-to-all and A* on the Leshan graph (microseconds).
 *
 * The synthetic graph is a 250 x 400 lattice (~500 m spacing, jittered) with one diagonal in about half the
 * cells (planar, ~2.5 edges per node, as docs/models/engine.md section 2), road classes and speeds drawn from a seeded
 * stream: deterministic. Ours and graphology's runs are interleaved so background load hits both alike.
 * `run()` only measures and returns rows; bench/main.ts prints them. Nothing here is asserted.
 */
import { join } from 'node:path';
import { DirectedGraph } from 'graphology';
import { dijkstra } from 'graphology-shortest-path';
import { Bench } from 'tinybench';
import type * as GeoModule from '../engine/network/geo.js';
import type * as LoadModule from '../engine/network/load.js';
import type * as RoadNetworkModule from '../engine/network/road-network.js';
import type * as SearchModule from '../engine/network/search.js';
import type * as RandomModule from '../engine/random/index.js';
import { syntheticRoadNetwork } from '../tools/synthetic/grid-network.js';
import { fromDist, ROOT } from './compiled.js';
import type { BenchResult } from './types.js';
import { median } from './median.js';

const { haversineKm } = await fromDist<typeof GeoModule>('engine/network/geo.js');
const { loadRegionNetworkFile } = await fromDist<typeof LoadModule>('engine/network/load.js');
const { RoadNetwork } = await fromDist<typeof RoadNetworkModule>('engine/network/road-network.js');
const { minutesPerKmLowerBound, ShortestPaths } = await fromDist<typeof SearchModule>('engine/network/search.js');
const { createStream } = await fromDist<typeof RandomModule>('engine/random/index.js');

export interface NetworkBenchOptions {
  rows?: number;
  cols?: number;
  /** Sources for the side-by-side (graphology takes ~1.5 s each at 100k nodes). */
  peerSources?: number;
  /** Our repetitions per source. */
  repetitions?: number;
  pairs?: number;
  timeMs?: number;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export async function run(options: NetworkBenchOptions = {}): Promise<BenchResult[]> {
  const rows = options.rows ?? 250;
  const cols = options.cols ?? 400;
  const peerSources = options.peerSources ?? 3;
  const repetitions = options.repetitions ?? 10;
  const pairs = options.pairs ?? 40;
  const timeMs = options.timeMs ?? 500;
  const out: BenchResult[] = [];
  const n = rows * cols;
  const label = `${Math.round(n / 1000)}k`;

  // --- synthetic graph -----------------------------------------------------------------------------
  const network = syntheticRoadNetwork(rows, cols);
  let t0 = performance.now();
  const net = new RoadNetwork(network);
  const weights = net.csr.baseMinutes('car');
  out.push({ name: `network.csr-build.${label}`, value: performance.now() - t0, unit: 'ms' });
  const g = net.csr.graph;
  const solver = new ShortestPaths(g);

  t0 = performance.now();
  const ref = new DirectedGraph();
  for (let v = 0; v < n; v++) ref.addNode(String(v));
  for (let a = 0; a < g.arcCount; a++) {
    if (weights[a]! < Infinity) ref.addDirectedEdge(String(g.tails[a]!), String(g.heads[a]!), { weight: weights[a]! });
  }
  out.push({ name: `network.graphology-build.${label}`, value: performance.now() - t0, unit: 'ms' });

  const rng = createStream(7, 0, 'bench.network.sources');
  const sources = Array.from({ length: peerSources }, (_, i) => (i === 0 ? (rows >> 1) * cols + (cols >> 1) : Math.floor(rng.random() * n)));
  // Warm up our solver (JIT) before timing.
  for (let i = 0; i < 5; i++) solver.oneToAll(sources[i % sources.length]!, weights);

  const ours: number[] = [];
  const peer: number[] = [];
  let maxRelDiff = 0;
  for (const s of sources) {
    for (let k = 0; k < repetitions; k++) {
      const a = performance.now();
      solver.oneToAll(s, weights);
      ours.push(performance.now() - a);
    }
    const dist = solver.oneToAll(s, weights).dist.slice();
    const b = performance.now();
    const paths = dijkstra.singleSource(ref, String(s), 'weight');
    peer.push(performance.now() - b);
    // Same answers: graphology gives paths; sum their weights (in path order, as Dijkstra accumulates).
    for (const [node, path] of Object.entries(paths)) {
      let c = 0;
      for (let i = 1; i < path.length; i++) c += ref.getEdgeAttribute(path[i - 1]!, path[i]!, 'weight') as number;
      const d = dist[Number(node)]!;
      const rel = Math.abs(c - d) / Math.max(1, d);
      if (rel > maxRelDiff) maxRelDiff = rel;
    }
  }
  const oursMs = median(ours);
  const peerMs = median(peer);
  out.push({
    name: `network.one-to-all.${label}`,
    value: oursMs,
    unit: 'ms',
    peer: 'graphology-shortest-path dijkstra.singleSource',
    peerValue: peerMs,
    ratio: peerMs / oursMs,
  });
  out.push({ name: `network.one-to-all.${label}.max-rel-diff-vs-graphology`, value: maxRelDiff, unit: 'relative' });

  // Point-to-point on random pairs: Dijkstra with early exit vs A*.
  const pairList = Array.from({ length: pairs }, () => [Math.floor(rng.random() * n), Math.floor(rng.random() * n)] as const);
  const p2p: number[] = [];
  const astar: number[] = [];
  let settledP2p = 0;
  let settledAstar = 0;
  minutesPerKmLowerBound(g, weights); // computed once per weight array; keep it out of the A* timing
  for (const [s, t] of pairList) {
    let a = performance.now();
    const d1 = solver.pointToPoint(s, t, weights);
    p2p.push(performance.now() - a);
    settledP2p += solver.settled;
    a = performance.now();
    const d2 = solver.astar(s, t, weights);
    astar.push(performance.now() - a);
    settledAstar += solver.settled;
    if (Math.abs(d1 - d2) > 1e-9 * Math.max(1, d1)) throw new Error(`A* ${d2} != Dijkstra ${d1} for ${s} -> ${t}`);
  }
  out.push({ name: `network.point-to-point.${label}`, value: mean(p2p), unit: 'ms' });
  out.push({ name: `network.astar.${label}`, value: mean(astar), unit: 'ms', peer: 'point-to-point Dijkstra', peerValue: mean(p2p), ratio: mean(p2p) / mean(astar) });
  out.push({ name: `network.astar.${label}.settled-fraction`, value: settledAstar / settledP2p, unit: 'of Dijkstra settled nodes' });

  // --- Leshan ----------------------------------------------------------------------------------------
  const { network: leshan } = loadRegionNetworkFile(join(ROOT, 'scenarios', 'regions', 'leshan', 'network.json'));
  const lnet = new RoadNetwork(leshan);
  const lw = lnet.knownWeights('car', 0);
  const lsolver = new ShortestPaths(lnet.csr.graph);
  const seats = leshan.nodes.filter((x) => x.kind === 'county_seat').map((x) => lnet.nodeIndexOf(x.id));
  let i = 0;
  let j = 0;
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs) });
  bench.add('leshan.one-to-all', () => {
    lsolver.oneToAll(seats[i++ % seats.length]!, lw);
  });
  bench.add('leshan.astar', () => {
    const s = seats[j % seats.length]!;
    const t = seats[Math.floor(j / seats.length) % seats.length]!;
    j++;
    lsolver.astar(s, t, lw);
  });
  await bench.run();
  for (const [task, name] of [
    ['leshan.one-to-all', 'network.one-to-all.leshan'],
    ['leshan.astar', 'network.astar.leshan-county-seats'],
  ] as const) {
    const result = bench.getTask(task)?.result;
    if (result === undefined || !('throughput' in result)) throw new Error(`tinybench task ${task} produced no result`);
    out.push({ name, value: 1e6 / result.throughput.mean, unit: 'µs' });
  }
  out.push({ name: 'network.leshan.size', value: leshan.nodes.length, unit: `nodes (${leshan.edges.length} edges)` });
  return out;
}
