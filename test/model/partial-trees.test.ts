/**
 * Partial search trees (RoadNetwork.tree with targets: evacuation, relief and dispatch) are used only on large
 * regions, but they must give the same results anywhere: with them forced on, the Leshan replications of the
 * golden fixture must be unchanged bit for bit, and the searches must really have stopped early.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RoadNetwork } from '../../engine/network/road-network.js';
import { ShortestPaths } from '../../engine/network/search.js';
import { runReplication } from '../../models/replication.js';
import { loadPlan, prepare } from '../../models/scenario/load.js';

const root = (p: string): string => fileURLToPath(new URL(`../../${p}`, import.meta.url));

interface Golden {
  scenario: string;
  plan: string;
  seed: number;
  index: number;
  metrics: Record<string, number>;
  levels: Array<{ level: string; t: number }>;
  actions: Array<{ id: string; startedAt: number }>;
}

const golden = (JSON.parse(readFileSync(root('test/fixtures/golden/flood-replications.json'), 'utf8')) as Golden[]).filter((g) => g.scenario.includes('leshan'));

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
      const r = runReplication(scenario, loadPlan(root(g.plan), scenario), g.seed, g.index);
      for (const [name, value] of Object.entries(g.metrics)) expect(r.metrics[name], name).toBe(value);
      expect(r.levels).toEqual(g.levels);
      expect(r.actions.map((a) => ({ id: a.id, startedAt: a.startedAt }))).toEqual(g.actions);
      const partial = search.mock.results.filter((x) => x.type === 'return' && (x.value as { complete?: boolean }).complete === false).length;
      expect(partial).toBeGreaterThan(0);
    });
  }
});
