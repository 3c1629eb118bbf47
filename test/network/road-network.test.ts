/**
 * RoadNetwork query sequences on random small road grids: whatever came before (avoid sets, closures
 * becoming known, cached trees), A*, point-to-point Dijkstra and the cached one-to-all tree agree with a
 * fresh network's Dijkstra on the same known state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoadNetwork } from '../../engine/network/road-network.js';
import type { NetworkEdge, NetworkNode, RegionNetwork, RoadClass } from '../../engine/network/schema.js';
import { expectClose } from './helpers.js';

const CLASSES: RoadClass[] = ['expressway', 'national', 'provincial', 'county', 'township', 'track'];

function grid(rows: number, cols: number, speeds: number[], stretch: number[], classes: number[]): RegionNetwork {
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

describe('RoadNetwork query sequences', () => {
  it('A*, point-to-point and cached trees agree with a fresh network, whatever ran before', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const network = grid(sc.rows, sc.cols, sc.speeds, sc.stretch, sc.classes);
        const net = new RoadNetwork(network);
        const addStates = (n: RoadNetwork): void => {
          for (const c of sc.closures) n.setState({ edge: network.edges[c.edge % network.edges.length]!.id, start: c.start, state: 'closed', knownAt: c.knownAt });
        };
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
