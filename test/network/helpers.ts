/** Test helpers for the network suite: run the CLI in-process, and reference shortest paths via graphology. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectedGraph } from 'graphology';
import { dijkstra } from 'graphology-shortest-path';
import { vi } from 'vitest';
import { commands } from '../../api/cli/commands.js';
import { main } from '../../api/cli/main.js';
import { register as registerRegion } from '../../api/cli/commands/region.js';
import { register as registerRoute } from '../../api/cli/commands/route.js';
import { register as registerValidate } from '../../api/cli/commands/validate.js';

// The lead wires these into api/cli/commands.ts; until then (and harmlessly after) the tests add them.
for (const r of [registerRoute, registerRegion, registerValidate]) if (!commands.includes(r)) commands.push(r);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    const code = await main(['node', 'drillsim', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'drillsim-net-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
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
