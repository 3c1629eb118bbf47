/**
 * The CSR solvers against graphology-shortest-path on random weighted digraphs (fast-check): one-to-all,
 * reverse one-to-all, point-to-point with early exit and A* must give graphology's distances, and every
 * returned path must be a real path whose cost is the distance.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCsr } from '../../engine/network/csr.js';
import { haversineKm } from '../../engine/network/geo.js';
import { copyTree, minutesPerKmLowerBound, ShortestPaths, SparseTree, treeCovers, treePathArcs, weightsEdited } from '../../engine/network/search.js';
import { scanWeightRange } from '../../engine/network/weight-range.js';
import { expectClose, referenceDistance, referenceDistances, referenceGraph } from './helpers.js';

interface RandomGraph {
  n: number;
  arcs: Array<[number, number, number]>;
  coords: Array<[number, number]>;
}

const weight = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: 0.01, max: 100, noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constant(Infinity) },
  // Integer weights make equal-cost ties common, which exercises tie handling.
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 5 }) },
);

const graphArb = (w: fc.Arbitrary<number>): fc.Arbitrary<RandomGraph> =>
  fc.integer({ min: 1, max: 40 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      arcs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), w), { maxLength: 5 * n }),
      coords: fc.array(fc.tuple(fc.double({ min: 29, max: 30, noNaN: true }), fc.double({ min: 103, max: 104, noNaN: true })), { minLength: n, maxLength: n }),
    }),
  );

function build(g: RandomGraph): { solver: ShortestPaths; weights: Float64Array; tails: number[]; heads: number[]; inputWeights: number[] } {
  const tails = g.arcs.map((a) => a[0]);
  const heads = g.arcs.map((a) => a[1]);
  const inputWeights = g.arcs.map((a) => a[2]);
  const { graph, position } = buildCsr(g.n, tails, heads, { lat: g.coords.map((c) => c[0]), lon: g.coords.map((c) => c[1]) });
  const weights = new Float64Array(graph.arcCount);
  inputWeights.forEach((w, i) => (weights[position[i]!] = w));
  return { solver: new ShortestPaths(graph), weights, tails, heads, inputWeights };
}

function checkPath(solver: ShortestPaths, weights: Float64Array, source: number, target: number, cost: number): void {
  const arcs = solver.pathArcs(target);
  if (cost === Infinity) {
    expect(arcs).toBeNull();
    return;
  }
  expect(arcs).not.toBeNull();
  let v = source;
  let sum = 0;
  for (const a of arcs!) {
    expect(solver.graph.tails[a]).toBe(v);
    sum += weights[a]!;
    v = solver.graph.heads[a]!;
  }
  expect(v).toBe(target);
  expectClose(sum, cost, 1e-12);
}

describe('CSR shortest paths equal graphology-shortest-path', () => {
  it('one-to-all Dijkstra equals dijkstra.singleSource on random digraphs', () => {
    fc.assert(
      fc.property(graphArb(weight), fc.nat(), (g, s) => {
        const source = s % g.n;
        const { solver, weights, tails, heads, inputWeights } = build(g);
        const ref = referenceDistances(referenceGraph(g.n, tails, heads, inputWeights), source);
        const tree = solver.oneToAll(source, weights);
        for (let v = 0; v < g.n; v++) expectClose(tree.dist[v]!, ref[v]!);
        for (let v = 0; v < g.n; v++) checkPath(solver, weights, source, v, tree.dist[v]!);
      }),
      { numRuns: 300 },
    );
  });

  it('reverse one-to-all gives every node\'s distance TO the root', () => {
    fc.assert(
      fc.property(graphArb(weight), fc.nat(), (g, s) => {
        const root = s % g.n;
        const { solver, weights, tails, heads, inputWeights } = build(g);
        const ref = referenceGraph(g.n, tails, heads, inputWeights);
        const tree = solver.oneToAll(root, weights, { reverse: true });
        const dist = tree.dist.slice();
        for (let v = 0; v < g.n; v++) expectClose(dist[v]!, referenceDistance(ref, v, root));
      }),
      { numRuns: 150 },
    );
  });

  it('point-to-point (early exit) and A* equal dijkstra.bidirectional, with valid paths', () => {
    fc.assert(
      fc.property(graphArb(weight), fc.nat(), fc.nat(), (g, s, t) => {
        const source = s % g.n;
        const target = t % g.n;
        const { solver, weights, tails, heads, inputWeights } = build(g);
        const expected = referenceDistance(referenceGraph(g.n, tails, heads, inputWeights), source, target);
        const p2p = solver.pointToPoint(source, target, weights);
        expectClose(p2p, expected);
        checkPath(solver, weights, source, target, p2p);
        const astar = solver.astar(source, target, weights);
        expectClose(astar, expected);
        checkPath(solver, weights, source, target, astar);
      }),
      { numRuns: 400 },
    );
  });

  it('A* with geometric weights (minutes proportional to distance) is exact and settles no more nodes than Dijkstra', () => {
    // Weights = straight-line km x a factor >= 1 (roads are longer than the crow flies), so the
    // heuristic is informative and A* must prune.
    const geo = fc.integer({ min: 2, max: 60 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        coords: fc.array(fc.tuple(fc.double({ min: 29, max: 30, noNaN: true }), fc.double({ min: 103, max: 104, noNaN: true })), { minLength: n, maxLength: n }),
        arcs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.double({ min: 1, max: 3, noNaN: true })), { minLength: n, maxLength: 6 * n }),
        s: fc.nat(n - 1),
        t: fc.nat(n - 1),
      }),
    );
    fc.assert(
      fc.property(geo, ({ n, coords, arcs, s, t }) => {
        const w = arcs.map(([a, b, f]) => Math.max(1e-6, haversineKm(coords[a]![0], coords[a]![1], coords[b]![0], coords[b]![1]) * f));
        const g: RandomGraph = { n, coords, arcs: arcs.map(([a, b], i) => [a, b, w[i]!]) };
        const { solver, weights, tails, heads, inputWeights } = build(g);
        const expected = referenceDistance(referenceGraph(n, tails, heads, inputWeights), s, t);
        solver.pointToPoint(s, t, weights);
        const dijkstraSettled = solver.settled;
        expectClose(solver.astar(s, t, weights), expected);
        // A* settles only nodes with g + h <= d*, a subset of Dijkstra's g <= d*, except for ties at d*
        // among nodes standing exactly where the target is (h = 0 there too).
        const atTarget = coords.filter((c, v) => v !== t && c[0] === coords[t]![0] && c[1] === coords[t]![1]).length;
        expect(solver.settled).toBeLessThanOrEqual(dijkstraSettled + atTarget);
        checkPath(solver, weights, s, t, solver.cost(t));
      }),
      { numRuns: 200 },
    );
  });

  it('the A* bound never exceeds any arc\'s minutes per straight-line km', () => {
    fc.assert(
      fc.property(graphArb(fc.double({ min: 0.01, max: 100, noNaN: true })), (g) => {
        const { solver, weights } = build(g);
        const r = minutesPerKmLowerBound(solver.graph, weights);
        for (let a = 0; a < solver.graph.arcCount; a++) {
          expect(r * solver.graph.arcGcKm[a]!).toBeLessThanOrEqual(weights[a]!);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('reuses its buffers: interleaved queries give the same answers as fresh solvers', () => {
    fc.assert(
      fc.property(graphArb(weight), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('all', 'p2p', 'astar')), { minLength: 2, maxLength: 8 }), (g, queries) => {
        const shared = build(g);
        for (const [s0, t0, kind] of queries) {
          const s = s0 % g.n;
          const t = t0 % g.n;
          const fresh = build(g).solver;
          if (kind === 'all') {
            const a = shared.solver.oneToAll(s, shared.weights).dist.slice();
            const b = fresh.oneToAll(s, shared.weights).dist;
            expect(Array.from(a)).toEqual(Array.from(b));
          } else if (kind === 'p2p') {
            expect(shared.solver.pointToPoint(s, t, shared.weights)).toBe(fresh.pointToPoint(s, t, shared.weights));
          } else {
            expect(shared.solver.astar(s, t, shared.weights)).toBe(fresh.astar(s, t, shared.weights));
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('maxCost bounds a one-to-all search: nodes within the bound keep their distance, the rest are Infinity', () => {
    fc.assert(
      fc.property(graphArb(weight), fc.nat(), fc.double({ min: 0, max: 150, noNaN: true }), (g, s, bound) => {
        const source = s % g.n;
        const { solver, weights } = build(g);
        const full = solver.oneToAll(source, weights).dist.slice();
        const bounded = solver.oneToAll(source, weights, { maxCost: bound }).dist;
        for (let v = 0; v < g.n; v++) {
          if (full[v]! <= bound * (1 - 1e-12)) expectClose(bounded[v]!, full[v]!);
          else if (full[v]! > bound * (1 + 1e-12)) expect(bounded[v]).toBe(Infinity);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a targeted one-to-all gives its targets the full tree\'s distances and paths, bit for bit (ties too)', () => {
    // Wide weights make the bucket queue rescan (label correction); integer weights make ties common.
    const mixed = fc.oneof(weight, fc.double({ min: 1e-6, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(graphArb(mixed), fc.nat(), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (g, s, ts, reverse) => {
        const root = s % g.n;
        const targets = ts.map((t) => t % g.n);
        const { solver, weights } = build(g);
        const fullTree = solver.oneToAll(root, weights, { reverse });
        expect(fullTree.complete).toBe(true);
        const full = copyTree(fullTree);
        const part = copyTree(solver.oneToAll(root, weights, { reverse, targets: [...targets, -1] }));
        expect(treeCovers(part, targets)).toBe(true);
        const farthest = Math.max(0, ...targets.map((t) => full.dist[t]!));
        for (let v = 0; v < g.n; v++) {
          if (part.dist[v]! < Infinity) {
            // Whatever the partial tree holds is the full tree's: same label, same predecessor arc.
            expect(part.dist[v]).toBe(full.dist[v]);
            expect(part.predArc[v]).toBe(full.predArc[v]);
          } else if (part.complete !== true) {
            // A node it leaves out is farther than every target (or unreachable).
            expect(full.dist[v]! >= farthest).toBe(true);
          } else expect(full.dist[v]).toBe(Infinity);
        }
        for (const t of targets) {
          expect(part.dist[t]).toBe(full.dist[t]);
          expect(treePathArcs(solver.graph, part, t)).toEqual(treePathArcs(solver.graph, full, t));
        }
        // The solver is left clean: the next full query is unchanged.
        const again = solver.oneToAll(root, weights, { reverse });
        for (let v = 0; v < g.n; v++) expect(again.dist[v]).toBe(full.dist[v]);
      }),
      { numRuns: 400 },
    );
  });

  it('a kept partial tree (SparseTree) holds what the search reached, and resumed gives one search\'s tree for both target sets, bit for bit', () => {
    const mixed = fc.oneof(weight, fc.double({ min: 1e-6, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(graphArb(mixed), fc.nat(), fc.array(fc.nat(), { maxLength: 4 }), fc.array(fc.nat(), { maxLength: 4 }), fc.boolean(), (g, s, ts1, ts2, reverse) => {
        const root = s % g.n;
        const first = ts1.map((t) => t % g.n);
        const more = ts2.map((t) => t % g.n);
        const { solver, weights } = build(g);
        const both = copyTree(solver.oneToAll(root, weights, { reverse, targets: [...first, ...more] }));
        const view = solver.oneToAll(root, weights, { reverse, targets: first });
        const held = { dist: view.dist.slice(), pred: view.predArc.slice() };
        const kept = solver.detach();
        expect(kept.complete).toBe(view.complete);
        for (let v = 0; v < g.n; v++) {
          expect(kept.distTo(v)).toBe(held.dist[v]);
          expect(kept.predArcOf(v)).toBe(held.pred[v]);
          expect(kept.dist[v]).toBe(held.dist[v]);
        }
        if (!(kept instanceof SparseTree)) return;
        // Another query in between: resume restores its own state.
        solver.oneToAll((root + 1) % g.n, weights, { reverse: !reverse });
        const resumed = solver.resume(kept, weights, { targets: [...first, ...more] });
        expect(resumed.complete).toBe(both.complete);
        for (let v = 0; v < g.n; v++) {
          expect(resumed.dist[v]).toBe(both.dist[v]);
          expect(resumed.predArc[v]).toBe(both.predArc[v]);
        }
        expect(() => solver.resume(kept, weights.slice())).toThrow(RangeError);
      }),
      { numRuns: 400 },
    );
  });

  it('a targeted search on a large grid settles far fewer nodes than the full tree and stops only when its targets are settled', () => {
    const side = 60;
    const tails: number[] = [];
    const heads: number[] = [];
    const ws: number[] = [];
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const v = r * side + c;
        for (const u of [c + 1 < side ? v + 1 : -1, r + 1 < side ? v + side : -1]) {
          if (u < 0) continue;
          const w = 1 + rnd();
          tails.push(v, u);
          heads.push(u, v);
          ws.push(w, w);
        }
      }
    }
    const { graph, position } = buildCsr(side * side, tails, heads);
    const weights = new Float64Array(graph.arcCount);
    ws.forEach((w, i) => (weights[position[i]!] = w));
    const solver = new ShortestPaths(graph);
    const root = 30 * side + 30;
    const full = copyTree(solver.oneToAll(root, weights));
    const fullSettled = solver.settled;
    const near = [root + 2, root - 3 * side];
    const part = solver.oneToAll(root, weights, { targets: near });
    expect(part.complete).toBe(false);
    expect(solver.settled).toBeLessThan(fullSettled / 10);
    for (const t of near) expect(part.dist[t]).toBe(full.dist[t]);
    // A corner target needs nearly the whole grid; an unreachable one (none here) would need all of it.
    solver.oneToAll(root, weights, { targets: [0] });
    expect(solver.settled).toBeGreaterThan(fullSettled / 4);
    expect(() => solver.oneToAll(root, weights, { targets: [side * side] })).toThrow(RangeError);
    expect(() => solver.oneToAll(root, weights, { targets: [1], queue: 'heap' })).toThrow(RangeError);
  });

  it('the bucket queue equals the heap, also with weights over twelve orders of magnitude (rescans)', () => {
    const wide = fc.oneof(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.constant(0), fc.integer({ min: 1, max: 3 }));
    fc.assert(
      fc.property(graphArb(wide), fc.nat(), fc.boolean(), (g, s, reverse) => {
        const root = s % g.n;
        const { solver, weights, tails, heads, inputWeights } = build(g);
        const buckets = solver.oneToAll(root, weights, { reverse }).dist.slice();
        const heap = solver.oneToAll(root, weights, { reverse, queue: 'heap' }).dist;
        for (let v = 0; v < g.n; v++) expectClose(buckets[v]!, heap[v]!);
        if (!reverse) {
          const ref = referenceDistances(referenceGraph(g.n, tails, heads, inputWeights), root);
          for (let v = 0; v < g.n; v++) expectClose(buckets[v]!, ref[v]!);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a weights array edited in place and announced (weightsEdited) searches like a fresh array with its values, reverse too', () => {
    const mixed = fc.oneof(weight, fc.double({ min: 1e-6, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(graphArb(mixed), fc.nat(), fc.array(fc.tuple(fc.nat(), mixed), { minLength: 1, maxLength: 6 }), (g, s, edits) => {
        const root = s % g.n;
        const { solver, weights } = build(g);
        if (weights.length === 0) return;
        // Searched once (reverse searches keep an in-arc-order copy of the array), then edited in place.
        solver.oneToAll(root, weights, { reverse: true });
        const arcs = edits.map(([a]) => a % weights.length);
        edits.forEach(([, w], i) => (weights[arcs[i]!] = w));
        weightsEdited(solver.graph, weights, arcs, arcs.length);
        solver.setWeightRange(weights, scanWeightRange(weights));
        const edited = copyTree(solver.oneToAll(root, weights, { reverse: true }));
        const fresh = copyTree(new ShortestPaths(solver.graph).oneToAll(root, weights.slice(), { reverse: true }));
        for (let v = 0; v < g.n; v++) {
          expect(edited.dist[v]).toBe(fresh.dist[v]);
          expect(edited.predArc[v]).toBe(fresh.predArc[v]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rejects weights of the wrong length and bad node indices', () => {
    const { graph } = buildCsr(3, [0, 1], [1, 2]);
    const solver = new ShortestPaths(graph);
    expect(() => solver.oneToAll(0, new Float64Array(1))).toThrow(/one entry per arc/);
    expect(() => solver.pointToPoint(0, 3, new Float64Array(2))).toThrow(/not a node index/);
  });
});
