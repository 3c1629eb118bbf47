/**
 * engine/network/carry.ts: the distances a tree vouches for after a change of weights must be the distances
 * a new search gives under the new weights, bit for bit, and its floors must be lower bounds. Random
 * geometric digraphs (fast-check): weights are base weights (never below the straight-line bound) times a
 * state factor, as RoadNetwork's known states make them; a change moves some arcs' factors up or down.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unchangedDistances, type WeightChanges } from '../../engine/network/carry.js';
import { buildCsr, type CsrGraph } from '../../engine/network/csr.js';
import { haversineKm } from '../../engine/network/geo.js';
import { RoadNetwork } from '../../engine/network/road-network.js';
import { copyTree, minutesPerKmLowerBound, ShortestPaths } from '../../engine/network/search.js';
import '../support/fast-check-seed.js';
import { gridNetwork } from './helpers.js';

/** Factors of an arc's base weight: open, slowed, slowed more, closed. */
const FACTORS = [1, 1.5, 3, Infinity] as const;

interface Case {
  n: number;
  coords: Array<[number, number]>;
  arcs: Array<[number, number, number]>;
  before: number[];
  after: number[];
}

const caseArb: fc.Arbitrary<Case> = fc.integer({ min: 2, max: 30 }).chain((n) =>
  fc.integer({ min: n, max: 4 * n }).chain((m) =>
    fc.record({
      n: fc.constant(n),
      coords: fc.array(fc.tuple(fc.double({ min: 29, max: 29.2, noNaN: true }), fc.double({ min: 103, max: 103.2, noNaN: true })), { minLength: n, maxLength: n }),
      // Winding of each road over its straight line; integer-ish windings make ties.
      arcs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.oneof(fc.constantFrom(1, 1.25, 1.5), fc.double({ min: 1, max: 1.6, noNaN: true }))), { minLength: m, maxLength: m }),
      before: fc.array(fc.nat(FACTORS.length - 1), { minLength: m, maxLength: m }),
      // Most arcs keep their factor; a few move (-1: unchanged).
      after: fc.array(fc.oneof({ weight: 6, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat(FACTORS.length - 1) }), { minLength: m, maxLength: m }),
    }),
  ),
);

function setUp(c: Case): { graph: CsrGraph; base: Float64Array; before: Float64Array; after: Float64Array; change: WeightChanges } {
  const tails = c.arcs.map((a) => a[0]);
  const heads = c.arcs.map((a) => a[1]);
  const { graph, position } = buildCsr(c.n, tails, heads, { lat: c.coords.map((p) => p[0]), lon: c.coords.map((p) => p[1]) });
  const base = new Float64Array(graph.arcCount);
  const before = new Float64Array(graph.arcCount);
  const after = new Float64Array(graph.arcCount);
  const dearer: number[] = [];
  const cheaper: number[] = [];
  const cheaperMinutes: number[] = [];
  c.arcs.forEach(([u, v, winding], i) => {
    const a = position[i]!;
    // 1 minute per km at the best speed, times the road's winding: never below the straight line.
    base[a] = Math.max(0.01, haversineKm(c.coords[u]![0], c.coords[u]![1], c.coords[v]![0], c.coords[v]![1]) * winding);
    const f0 = FACTORS[c.before[i]!]!;
    const f1 = c.after[i]! < 0 ? f0 : FACTORS[c.after[i]!]!;
    // As RoadNetwork writes known weights: base / speed factor.
    before[a] = f0 === Infinity ? Infinity : base[a]! / (1 / f0);
    after[a] = f1 === Infinity ? Infinity : base[a]! / (1 / f1);
    if (f1 > f0) dearer.push(a);
    else if (f1 < f0) {
      cheaper.push(a);
      cheaperMinutes.push(after[a]!);
    }
  });
  return { graph, base, before, after, change: { dearer: Int32Array.from(dearer), cheaper: Int32Array.from(cheaper), cheaperMinutes: Float64Array.from(cheaperMinutes) } };
}

describe('carry.ts: distances a tree keeps across a change of weights', () => {
  it('every distance it vouches for is a new search\'s, bit for bit; every floor is below the new distance', () => {
    let vouched = 0;
    let withCheaper = 0;
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.boolean(), fc.array(fc.nat(), { maxLength: 3 }), (c, s, reverse, ts) => {
        const { graph, base, before, after, change } = setUp(c);
        const root = s % c.n;
        const solver = new ShortestPaths(graph);
        // A complete tree, or one that stopped at a few targets (kept as a SparseTree).
        const targets = ts.map((t) => t % c.n);
        solver.oneToAll(root, before, targets.length > 0 ? { reverse, targets } : { reverse });
        const tree = solver.detach();
        const fresh = copyTree(solver.oneToAll(root, after, { reverse }));
        const nodes = Int32Array.from({ length: c.n }, (_, v) => v);
        const out = new Uint8Array(c.n);
        const floors = new Float64Array(c.n);
        unchangedDistances(graph, tree, change, minutesPerKmLowerBound(graph, base), nodes, out, floors);
        for (let v = 0; v < c.n; v++) {
          if (out[v] === 1) {
            expect(Object.is(tree.distTo(v), fresh.dist[v])).toBe(true);
            vouched++;
            if (change.cheaper.length > 0) withCheaper++;
          }
          expect(floors[v]! <= fresh.dist[v]! * (1 + 1e-12)).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
    // The property is not vacuous: distances were vouched for, across changes that made arcs cheaper too.
    expect(vouched).toBeGreaterThan(1000);
    expect(withCheaper).toBeGreaterThan(100);
  });

  it('a road reopened where it shortens nothing keeps the distances; one that opens a shortcut, or a closure on the way, does not', () => {
    // A line 0 - 1 - 2 - 3 at 0.01 degrees spacing (about 1.1 km), both directions, and a bypass 0 -> 3.
    const coords: Array<[number, number]> = [
      [29, 103],
      [29, 103.01],
      [29, 103.02],
      [29, 103.03],
    ];
    const arcs: Array<[number, number, number]> = [
      [0, 1, 1],
      [1, 0, 1],
      [1, 2, 1],
      [2, 1, 1],
      [2, 3, 1],
      [3, 2, 1],
      [0, 3, 1.5],
    ];
    const check = (before: number[], after: number[]): number[] => {
      const { graph, base, before: w0, change } = setUp({ n: 4, coords, arcs, before, after });
      const solver = new ShortestPaths(graph);
      const tree = copyTree(solver.oneToAll(0, w0));
      const out = new Uint8Array(4);
      unchangedDistances(graph, tree, change, minutesPerKmLowerBound(graph, base), [0, 1, 2, 3], out, new Float64Array(4));
      return [...out];
    };
    const open = [0, 0, 0, 0, 0, 0, 0];
    // The bypass closed, then open again: 3 is reached by the line, which is shorter (3.3 km against 5 km).
    expect(check([0, 0, 0, 0, 0, 0, 3], [-1, -1, -1, -1, -1, -1, 0])).toEqual([1, 1, 1, 1]);
    // The bypass closed and the line slowed threefold at 2 -> 3: reopening the bypass now beats the line to 3.
    expect(check([0, 0, 0, 0, 2, 0, 3], [-1, -1, -1, -1, -1, -1, 0])).toEqual([1, 1, 1, 0]);
    // A closure at 1 -> 2 cuts 2 and 3 off the tree paths; 0 and 1 keep theirs.
    expect(check(open, [-1, -1, 3, -1, -1, -1, -1])).toEqual([1, 1, 0, 0]);
  });

  it('RoadNetwork.unchangedSince over timed closures and slow-downs: what it vouches for is what a search at the later time gives', () => {
    const state = fc.record({
      edge: fc.nat(),
      start: fc.integer({ min: 0, max: 60 }),
      length: fc.integer({ min: 1, max: 80 }),
      knownAt: fc.integer({ min: 0, max: 80 }),
      slow: fc.option(fc.constantFrom(0.25, 0.5, 0.8), { nil: undefined }),
    });
    let vouched = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.integer({ min: 20, max: 90 }), { minLength: 1, maxLength: 5 }),
        fc.array(state, { maxLength: 8 }),
        fc.nat(),
        fc.boolean(),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (side, speeds, states, s, reverse, t0, t1) => {
          const network = gridNetwork(side, side, speeds, [1], [3]);
          const net = new RoadNetwork(network);
          for (const st of states) {
            const edge = network.edges[st.edge % network.edges.length]!.id;
            net.setState({ edge, start: st.start, end: st.start + st.length, knownAt: st.knownAt, state: st.slow === undefined ? 'closed' : { speedFactor: st.slow } });
          }
          const root = s % network.nodes.length;
          const tree = copyTree(net.tree(root, 'truck', t0, reverse));
          const view = net.knownView('truck', t0);
          const nodes = Int32Array.from({ length: network.nodes.length }, (_, v) => v);
          const out = new Uint8Array(nodes.length);
          const floors = new Float64Array(nodes.length);
          net.unchangedSince(tree, view, t1, nodes, out, floors);
          const later = new ShortestPaths(net.csr.graph).oneToAll(root, net.knownWeights('truck', t1), { reverse });
          for (const v of nodes) {
            if (out[v] === 1) {
              expect(Object.is(tree.distTo(v), later.dist[v])).toBe(true);
              vouched++;
            }
            expect(floors[v]! <= later.dist[v]! * (1 + 1e-12)).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
    expect(vouched).toBeGreaterThan(1000);
  });
});
