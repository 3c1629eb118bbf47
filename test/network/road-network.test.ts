/**
 * RoadNetwork query sequences on random small road grids: whatever came before (avoid sets, closures
 * becoming known, cached trees), A*, point-to-point Dijkstra and the cached one-to-all tree agree with a
 * fresh network's Dijkstra on the same known state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoadNetwork } from '../../engine/network/road-network.js';
import { treePathArcs } from '../../engine/network/search.js';
import type { NetworkEdge, NetworkNode, RegionNetwork } from '../../engine/network/schema.js';
import { expectClose, gridNetwork, withPartialTrees } from './helpers.js';

const scenario = fc.record({
  rows: fc.integer({ min: 2, max: 6 }),
  cols: fc.integer({ min: 2, max: 6 }),
  speeds: fc.array(fc.integer({ min: 10, max: 120 }), { minLength: 1, maxLength: 10 }),
  stretch: fc.array(fc.double({ min: 0.6, max: 2, noNaN: true }), { minLength: 1, maxLength: 10 }),
  classes: fc.array(fc.nat(10), { minLength: 1, maxLength: 10 }),
  closures: fc.array(fc.record({ edge: fc.nat(), start: fc.integer({ min: 0, max: 50 }), knownAt: fc.integer({ min: 0, max: 80 }) }), { maxLength: 6 }),
  queries: fc.array(
    fc.record({ s: fc.nat(), t: fc.nat(), at: fc.integer({ min: 0, max: 100 }), avoid: fc.array(fc.nat(), { maxLength: 3 }), mode: fc.constantFrom('car' as const, 'truck' as const, 'foot' as const) }),
    { minLength: 1, maxLength: 8 },
  ),
});

/** The scenario's closures, set on a network over `network` (edge indices taken modulo its edges). */
function closeAll(n: RoadNetwork, network: { edges: ReadonlyArray<{ id: string }> }, closures: ReadonlyArray<{ edge: number; start: number; knownAt: number }>): void {
  for (const c of closures) n.setState({ edge: network.edges[c.edge % network.edges.length]!.id, start: c.start, state: 'closed', knownAt: c.knownAt });
}

describe('RoadNetwork query sequences', () => {
  // Partial trees are used on large graphs only; these small grids must exercise them too.
  withPartialTrees();

  it('A*, point-to-point and cached trees agree with a fresh network, whatever ran before', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const network = gridNetwork(sc.rows, sc.cols, sc.speeds, sc.stretch, sc.classes);
        const net = new RoadNetwork(network);
        const addStates = (n: RoadNetwork): void => closeAll(n, network, sc.closures);
        addStates(net);
        const n = network.nodes.length;
        for (const q of sc.queries) {
          const s = q.s % n;
          const t = q.t % n;
          const avoid = new Set(q.avoid.map((e) => e % network.edges.length));
          const fresh = new RoadNetwork(network);
          addStates(fresh);
          const expected = fresh.route(s, t, q.mode, q.at, { algorithm: 'dijkstra', avoidEdges: avoid, useCache: false });
          const astar = net.route(s, t, q.mode, q.at, { avoidEdges: avoid });
          if (expected === null) expect(astar).toBeNull();
          else expectClose(astar!.minutes, expected.minutes);
          const plain = fresh.route(s, t, q.mode, q.at, { algorithm: 'dijkstra', useCache: false });
          const tree = net.tree(s, q.mode, q.at);
          expectClose(tree.dist[t]!, plain === null ? Infinity : plain.minutes);
          const cached = net.route(s, t, q.mode, q.at);
          expectClose(cached === null ? Infinity : cached.minutes, plain === null ? Infinity : plain.minutes);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('targeted trees and the routes read from them equal a fresh full tree, bit for bit, whatever ran before', () => {
    const targeted = scenario.chain((sc) =>
      fc.record({ sc: fc.constant(sc), targets: fc.array(fc.array(fc.nat(), { maxLength: 4 }), { minLength: sc.queries.length, maxLength: sc.queries.length }), reverse: fc.boolean() }),
    );
    fc.assert(
      fc.property(targeted, ({ sc, targets, reverse }) => {
        const network = gridNetwork(sc.rows, sc.cols, sc.speeds, sc.stretch, sc.classes);
        const net = new RoadNetwork(network);
        const addStates = (n: RoadNetwork): void => closeAll(n, network, sc.closures);
        addStates(net);
        const n = network.nodes.length;
        sc.queries.forEach((q, i) => {
          const s = q.s % n;
          const ts = targets[i]!.map((x) => x % n);
          const fresh = new RoadNetwork(network);
          addStates(fresh);
          const full = fresh.tree(s, q.mode, q.at, reverse);
          expect(full.complete).not.toBe(false);
          const part = net.tree(s, q.mode, q.at, reverse, ts);
          for (const t of ts) {
            expect(part.dist[t]).toBe(full.dist[t]);
            expect(treePathArcs(net.csr.graph, part, t)).toEqual(treePathArcs(fresh.csr.graph, full, t));
          }
          // A route answered from the (partial) cached tree takes the full tree's path, also to a non-target.
          const t = q.t % n;
          const viaCache = net.route(s, t, q.mode, q.at);
          const fullForward = fresh.tree(s, q.mode, q.at);
          const want = treePathArcs(fresh.csr.graph, fullForward, t);
          if (!reverse) expect(viaCache === null ? null : viaCache.arcs).toEqual(want);
          else if (want === null) expect(viaCache).toBeNull();
          else expect(viaCache!.minutes).toBeCloseTo(fullForward.dist[t]!, 9);
          // Asking without targets gives the full tree again.
          const whole = net.tree(s, q.mode, q.at, reverse);
          expect(whole.complete).not.toBe(false);
          for (let v = 0; v < n; v++) expect(whole.dist[v]).toBe(full.dist[v]);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('a cached targeted tree is dropped when a closure becomes known: the next one takes the detour', () => {
    // A 3 x 3 grid; from the corner 0_0 to 0_2 the straight way runs along row 0. Closing 0_0-0_1 (known
    // at t = 10) must send the tree through row 1 at t >= 10, while t < 10 still uses the cached tree.
    const network = gridNetwork(3, 3, [60], [1], [1]);
    const net = new RoadNetwork(network);
    const from = net.nodeIndexOf('0_0');
    const to = net.nodeIndexOf('0_2');
    const first = net.tree(from, 'car', 0, false, [to]);
    expect(first.complete).toBe(false);
    const before = treePathArcs(net.csr.graph, first, to)!.map((a) => net.csr.edgeId(net.csr.arcEdge[a]!));
    const straight = network.edges.find((e) => e.from === '0_0' && e.to === '0_1')!.id;
    expect(before).toContain(straight);
    net.setState({ edge: straight, start: 5, state: 'closed', knownAt: 10 });
    // Before the closure is known, the same route.
    const still = net.tree(from, 'car', 5, false, [to]);
    expect(treePathArcs(net.csr.graph, still, to)).toEqual(treePathArcs(net.csr.graph, first, to));
    const after = net.tree(from, 'car', 10, false, [to]);
    expect(after).not.toBe(first);
    const path = treePathArcs(net.csr.graph, after, to)!.map((a) => net.csr.edgeId(net.csr.arcEdge[a]!));
    expect(path).not.toContain(straight);
    expect(after.dist[to]!).toBeGreaterThan(first.dist[to]!);
    expect(net.route(from, to, 'car', 10)!.edges).toEqual(path);
  });

  it('an avoid-set query does not leave an inadmissible A* bound behind (regression)', () => {
    // On a line (km from S): S 0, A 10, B 30, T 40. A-B is a 2 km tunnel under 20 km of straight line, the
    // arc that sets the A* bound (0.1 min per straight km). Best S->T is S-A-B-T, 22 min; direct S-T is 30.
    // If the bound were first computed with A-B blocked (0.75 min/km), h(A) = 22.5 would make A look worse
    // than the direct road and A* would answer 30 once A-B is open again.
    const lon = (km: number): number => 103 + km / (111.32 * Math.cos((29.5 * Math.PI) / 180));
    const node = (id: string, km: number): NetworkNode => ({ id, lat: 29.5, lon: lon(km), kind: 'junction' });
    const edge = (id: string, from: string, to: string, km: number): NetworkEdge => ({ id, from, to, km, roadClass: 'national', speedKmh: 60 });
    const network: RegionNetwork = {
      drillsim: 1,
      kind: 'region-network',
      id: 'line',
      name: 'line',
      crs: 'WGS84',
      nodes: [node('S', 0), node('A', 10), node('B', 30), node('T', 40)],
      edges: [edge('SA', 'S', 'A', 10), edge('AB', 'A', 'B', 2), edge('BT', 'B', 'T', 10), edge('ST', 'S', 'T', 30)],
    };
    const net = new RoadNetwork(network);
    expect(net.routeByIds('S', 'T', 'car', 0, { avoidEdges: new Set([net.edgeIndexOf('AB')]) })!.minutes).toBeCloseTo(30, 12);
    const r = net.routeByIds('S', 'T', 'car', 0, { useCache: false })!;
    expect(r.nodes).toEqual(['S', 'A', 'B', 'T']);
    expect(r.minutes).toBeCloseTo(22, 12);
  });
});
