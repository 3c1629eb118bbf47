/**
 * The CSR solvers against graphology-shortest-path on random weighted digraphs (fast-check): one-to-all,
 * reverse one-to-all, point-to-point with early exit and A* must give graphology's distances, and every
 * returned path must be a real path whose cost is the distance.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCsr } from '../../engine/network/csr.js';
import { haversineKm } from '../../engine/network/geo.js';
import { minutesPerKmLowerBound, ShortestPaths } from '../../engine/network/search.js';
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

  it('rejects weights of the wrong length and bad node indices', () => {
    const { graph } = buildCsr(3, [0, 1], [1, 2]);
    const solver = new ShortestPaths(graph);
    expect(() => solver.oneToAll(0, new Float64Array(1))).toThrow(/one entry per arc/);
    expect(() => solver.pointToPoint(0, 3, new Float64Array(2))).toThrow(/not a node index/);
  });
});
