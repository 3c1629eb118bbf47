/**
 * Partial search trees (RoadNetwork.tree with targets: evacuation, relief and dispatch) are used only on large
 * regions, but they must give the same results anywhere: with them forced on, the Leshan replications of the
 * golden fixture must be unchanged bit for bit, and the searches must really have stopped early.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RoadNetwork } from '../../engine/network/road-network.js';
import { ShortestPaths } from '../../engine/network/search.js';
import { runReplication } from '../../models/replication.js';
import { loadPlan, prepare } from '../../models/scenario/load.js';
import { expectGolden, loadGolden, repoPath as root } from '../support/golden.js';

const golden = loadGolden().filter((g) => g.scenario.includes('leshan'));

describe('partial search trees on Leshan', () => {
  const saved = RoadNetwork.partialTreesFrom;
  afterEach(() => {
    RoadNetwork.partialTreesFrom = saved;
    vi.restoreAllMocks();
  });

  it('there are Leshan golden replications to compare with', () => {
    expect(golden.length).toBeGreaterThan(0);
  });

  for (const g of golden) {
    it(`${g.scenario} under ${g.plan}, seed ${g.seed}, replication ${g.index}: unchanged with partial trees`, () => {
      RoadNetwork.partialTreesFrom = 0;
      const search = vi.spyOn(ShortestPaths.prototype, 'oneToAll');
      const scenario = prepare(root(g.scenario), root(g.plan)).scenario;
      expectGolden(runReplication(scenario, loadPlan(root(g.plan), scenario), g.seed, g.index), g);
      const partial = search.mock.results.filter((x) => x.type === 'return' && (x.value as { complete?: boolean }).complete === false).length;
      expect(partial).toBeGreaterThan(0);
    });
  }
});
