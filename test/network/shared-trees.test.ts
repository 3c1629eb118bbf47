/**
 * Trees shared across the replications of a thread (engine/network/shared-trees.ts): served only under
 * exactly the same weights, equal to a fresh search, bounded in memory; and a replication gives the same
 * bits whether it runs first or after others have filled the cache.
 *
 * The diamond of closures.test.ts (test/fixtures/network/closures.json): AB 10, BD 10, AC 15, CD 15, BC 6
 * minutes; A->D is 20 open, 30 with BD closed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RoadCsr } from '../../engine/network/csr.js';
import { validateRegionNetwork } from '../../engine/network/load.js';
import { RoadNetwork } from '../../engine/network/road-network.js';
import type { RegionNetwork } from '../../engine/network/schema.js';
import { ShortestPaths, type SearchTree } from '../../engine/network/search.js';
import { SharedTrees, sharedTreesOf } from '../../engine/network/shared-trees.js';
import { runReplication } from '../../models/replication.js';
import { prepare } from '../../models/scenario/load.js';
import { repoPath } from '../support/golden.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'network', 'closures.json');
const network = validateRegionNetwork(JSON.parse(readFileSync(fixture, 'utf8')) as RegionNetwork).network;

function snapshot(): RoadCsr {
  return new RoadCsr({ nodes: network.nodes, edges: network.edges });
}

/** The tree of A under BD closed (known from 0) at t = 5, on a network over `csr`. */
function treeWithBdClosed(csr: RoadCsr, state: 'closed' | { capacityFactor: number } = 'closed'): { net: RoadNetwork; tree: SearchTree } {
  const net = new RoadNetwork(network, { csr });
  net.setState({ edge: 'BD', start: 0, state, knownAt: 0 });
  return { net, tree: net.tree(net.nodeIndexOf('A'), 'car', 5) };
}

function plain(tree: SearchTree): { dist: number[]; predArc: number[] } {
  return { dist: Array.from(tree.dist), predArc: Array.from(tree.predArc) };
}

describe('search trees shared by the replications of a thread', () => {
  const savedNodes = SharedTrees.capacityNodes;
  const savedArcs = SharedTrees.capacityArcs;
  afterEach(() => {
    SharedTrees.capacityNodes = savedNodes;
    SharedTrees.capacityArcs = savedArcs;
    vi.restoreAllMocks();
  });

  it('a second network on the same snapshot under the same closures is served the first one\'s tree, equal to a fresh search', () => {
    const csr = snapshot();
    const first = treeWithBdClosed(csr);
    const search = vi.spyOn(ShortestPaths.prototype, 'oneToAll');
    const second = treeWithBdClosed(csr);
    expect(search).not.toHaveBeenCalled();
    expect(second.tree).toBe(first.tree);
    const fresh = treeWithBdClosed(snapshot());
    expect(search).toHaveBeenCalledTimes(1);
    expect(plain(second.tree)).toEqual(plain(fresh.tree));
    expect(second.tree.dist[second.net.nodeIndexOf('D')]).toBeCloseTo(30, 12);
  });

  it('other closures get their own tree; a state that only cuts capacity leaves the open network\'s weights and trees', () => {
    const csr = snapshot();
    const open = new RoadNetwork(network, { csr });
    const a = open.nodeIndexOf('A');
    const d = open.nodeIndexOf('D');
    const openTree = open.tree(a, 'car', 5);
    expect(openTree.dist[d]).toBeCloseTo(20, 12);
    const closed = treeWithBdClosed(csr).tree;
    expect(closed).not.toBe(openTree);
    expect(closed.dist[d]).toBeCloseTo(30, 12);
    const capacityOnly = treeWithBdClosed(csr, { capacityFactor: 0.5 });
    expect(capacityOnly.tree).toBe(openTree);
    expect(capacityOnly.net.knownWeights('car', 5)).toBe(open.knownWeights('car', 5));
    // Another mode, another key: the foot tree is searched, not the car tree served.
    expect(open.tree(a, 'foot', 5)).not.toBe(openTree);
  });

  it('holds at most its node budget, and what it evicts is searched again to the same tree', () => {
    const csr = snapshot();
    const n = csr.graph.nodeCount;
    SharedTrees.capacityNodes = 2 * n;
    const first = new RoadNetwork(network, { csr });
    const trees = network.nodes.map((node) => plain(first.tree(first.nodeIndexOf(node.id), 'car', 0)));
    expect(sharedTreesOf(csr).size).toBe(2);
    const again = new RoadNetwork(network, { csr });
    expect(network.nodes.map((node) => plain(again.tree(again.nodeIndexOf(node.id), 'car', 0)))).toEqual(trees);
    expect(sharedTreesOf(csr).size).toBeLessThanOrEqual(2);
  });

  it('holds one weights state when its budget allows one: the other closures\' trees are searched again, equal to fresh', () => {
    const csr = snapshot();
    SharedTrees.capacityArcs = csr.graph.heads.length;
    const closed = treeWithBdClosed(csr).tree;
    const open = new RoadNetwork(network, { csr });
    open.tree(open.nodeIndexOf('A'), 'car', 5); // the open network's state evicts the closed one's
    const search = vi.spyOn(ShortestPaths.prototype, 'oneToAll');
    const again = treeWithBdClosed(csr).tree;
    expect(search).toHaveBeenCalledTimes(1);
    expect(again).not.toBe(closed);
    expect(plain(again)).toEqual(plain(closed));
  });
});

describe('a replication with the thread\'s shared trees cold or warm', () => {
  it('gives the same bits run first as run after six others (8-18 flood)', () => {
    const scenarioFile = repoPath('scenarios/leshan-818-flood.yaml');
    const cold = prepare(scenarioFile);
    const first = runReplication(cold.scenario, cold.plan, 818, 6);
    const warm = prepare(scenarioFile);
    for (let i = 0; i < 6; i++) runReplication(warm.scenario, warm.plan, 818, i);
    const shared = sharedTreesOf(warm.scenario.csr);
    const hitsBefore = shared.hits;
    const after = runReplication(warm.scenario, warm.plan, 818, 6);
    expect(shared.hits).toBeGreaterThan(hitsBefore);
    expect(after.metrics).toEqual(first.metrics);
    for (const [name, value] of Object.entries(first.metrics)) expect(Object.is(after.metrics[name], value)).toBe(true);
  });
});
