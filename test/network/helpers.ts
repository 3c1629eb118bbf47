/** Test helpers for the network suite: run the CLI in-process, and reference shortest paths via graphology. */
import { DirectedGraph } from 'graphology';
import { dijkstra } from 'graphology-shortest-path';
import { afterAll, beforeAll } from 'vitest';
import { RoadNetwork } from '../../engine/network/road-network.js';
import type { NetworkEdge, NetworkNode, RegionNetwork, RoadClass } from '../../engine/network/schema.js';
import { tempDir as makeTempDir } from '../support/cli.js';

export { runCli, type CliRun } from '../support/cli.js';

/** In the calling describe block, small graphs use partial trees too (RoadNetwork uses them on large ones only). */
export function withPartialTrees(): void {
  const saved = RoadNetwork.partialTreesFrom;
  beforeAll(() => {
    RoadNetwork.partialTreesFrom = 0;
  });
  afterAll(() => {
    RoadNetwork.partialTreesFrom = saved;
  });
}

export function tempDir(): { dir: string; cleanup: () => void } {
  return makeTempDir('drillsim-net-');
}

/**
 * Reference graph for graphology-shortest-path: one directed edge per ordered pair with the minimum weight
 * of the parallel arcs (graphology walks paths by node, so parallel arcs must be collapsed to keep the
 * path's cost unambiguous). Infinite arcs are left out.
 */
export function referenceGraph(n: number, tails: ArrayLike<number>, heads: ArrayLike<number>, weights: ArrayLike<number>): DirectedGraph {
  const g = new DirectedGraph();
  for (let v = 0; v < n; v++) g.addNode(String(v));
  for (let a = 0; a < tails.length; a++) {
    const w = weights[a]!;
    if (!(w < Infinity)) continue;
    const u = String(tails[a]!);
    const v = String(heads[a]!);
    if (u === v) continue;
    if (g.hasEdge(u, v)) {
      if (w < (g.getEdgeAttribute(u, v, 'weight') as number)) g.setEdgeAttribute(u, v, 'weight', w);
    } else g.addEdge(u, v, { weight: w });
  }
  return g;
}

/** Cost of a node path in the reference graph, summed from the source as Dijkstra accumulates it. */
export function pathCost(g: DirectedGraph, path: readonly string[]): number {
  let c = 0;
  for (let i = 1; i < path.length; i++) c += g.getEdgeAttribute(path[i - 1]!, path[i]!, 'weight') as number;
  return c;
}

/** graphology's single-source distances (Infinity where no path). */
export function referenceDistances(g: DirectedGraph, source: number): Float64Array {
  const paths = dijkstra.singleSource(g, String(source), 'weight');
  const out = new Float64Array(g.order).fill(Infinity);
  for (const [node, path] of Object.entries(paths)) out[Number(node)] = pathCost(g, path);
  return out;
}

/** graphology's bidirectional point-to-point distance (Infinity where no path). */
export function referenceDistance(g: DirectedGraph, source: number, target: number): number {
  if (source === target) return 0;
  const path = dijkstra.bidirectional(g, String(source), String(target), 'weight') as string[] | null;
  return path === null || path.length === 0 ? Infinity : pathCost(g, path);
}

export function expectClose(actual: number, expected: number, rel = 1e-9): void {
  if (expected === Infinity || actual === Infinity) {
    if (actual !== expected) throw new Error(`expected ${expected}, got ${actual}`);
    return;
  }
  const tol = rel * Math.max(1, Math.abs(expected));
  if (Math.abs(actual - expected) > tol) throw new Error(`expected ${expected}, got ${actual} (tolerance ${tol})`);
}

const CLASSES: RoadClass[] = ['expressway', 'national', 'provincial', 'county', 'township', 'track'];

/**
 * A rows x cols grid of junctions 0.01 degrees apart near Leshan, each road's km its straight line times a
 * cycling stretch, class and speed (a stretch below 1 makes a road shorter than its straight line, as some
 * Leshan roads are).
 */
export function gridNetwork(rows: number, cols: number, speeds: number[], stretch: number[], classes: number[]): RegionNetwork {
  const nodes: NetworkNode[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) nodes.push({ id: `${r}_${c}`, lat: 29 + r * 0.01, lon: 103 + c * 0.01, kind: 'junction' });
  const edges: NetworkEdge[] = [];
  let k = 0;
  const add = (a: string, b: string, straightKm: number): void => {
    edges.push({
      id: `e${edges.length}`,
      from: a,
      to: b,
      // Some edges shorter than the straight line, as in the Leshan data (A* must stay exact).
      km: straightKm * stretch[k % stretch.length]!,
      roadClass: CLASSES[classes[k % classes.length]! % CLASSES.length]!,
      speedKmh: speeds[k++ % speeds.length]!,
    });
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols) add(`${r}_${c}`, `${r}_${c + 1}`, 0.97);
      if (r + 1 < rows) add(`${r}_${c}`, `${r + 1}_${c}`, 1.11);
    }
  }
  return { drillsim: 1, kind: 'region-network', id: 'grid', name: 'grid', crs: 'WGS84', nodes, edges };
}
