/**
 * The built-in Leshan network (scenarios/regions/leshan/network.json): valid, one connected component,
 * and for every ordered pair of county seats and every road mode, the CSR Dijkstra, point-to-point and A*
 * times equal graphology-shortest-path's on the same weights.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../api/cli/paths.js';
import { loadRegionNetworkFile } from '../../engine/network/load.js';
import { RoadNetwork } from '../../engine/network/road-network.js';
import { expectClose, referenceDistance, referenceDistances, referenceGraph } from './helpers.js';

const file = join(packageRoot(), 'scenarios', 'regions', 'leshan', 'network.json');

describe('Leshan road network', () => {
  it('exists, validates, and is one connected component', () => {
    expect(existsSync(file)).toBe(true);
    const { network, warnings } = loadRegionNetworkFile(file);
    expect(warnings.filter((w) => /disconnected component/.test(w.message))).toEqual([]);
    expect(network.nodes.filter((n) => n.kind === 'county_seat')).toHaveLength(11);
  });

  it('county seat to county seat: CSR Dijkstra, point-to-point and A* equal graphology for car, emergency, truck and foot', () => {
    const { network } = loadRegionNetworkFile(file);
    const net = new RoadNetwork(network);
    const seats = network.nodes.filter((n) => n.kind === 'county_seat').map((n) => net.nodeIndexOf(n.id));
    const g = net.csr.graph;
    let pairs = 0;
    for (const mode of ['car', 'emergency', 'truck', 'foot'] as const) {
      const w = net.knownWeights(mode, 0);
      const ref = referenceGraph(g.nodeCount, g.tails, g.heads, w);
      for (const s of seats) {
        const refAll = referenceDistances(ref, s);
        const tree = net.tree(s, mode, 0);
        for (const t of seats) {
          const expected = referenceDistance(ref, s, t);
          expect(expected).toBeLessThan(Infinity);
          expectClose(refAll[t]!, expected);
          expectClose(tree.dist[t]!, expected);
          const dij = net.route(s, t, mode, 0, { algorithm: 'dijkstra', useCache: false });
          const astar = net.route(s, t, mode, 0, { algorithm: 'astar', useCache: false });
          expectClose(dij!.minutes, expected);
          expectClose(astar!.minutes, expected);
          pairs++;
        }
      }
    }
    expect(pairs).toBe(4 * 11 * 11);
  });
});
