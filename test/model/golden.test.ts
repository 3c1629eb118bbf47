/**
 * The flood's results do not move by accident: a few replications of the 8-18 flood and of the Testvale
 * fixture, under the on-time and the late plan, must give the metrics, level declarations and clause start
 * times recorded in test/fixtures/golden/flood-replications.json, bit for bit. The file is written by
 * tools/golden/flood-golden.ts; a deliberate change of a result rewrites it in the same commit, which says
 * which results moved and why.
 */
import { describe, it } from 'vitest';
import { runReplication } from '../../models/replication.js';
import { loadPlan, prepare } from '../../models/scenario/load.js';
import { expectGolden, loadGolden, repoPath as root } from '../support/golden.js';

const golden = loadGolden();

describe('golden replications', () => {
  const scenarios = new Map<string, ReturnType<typeof prepare>['scenario']>();
  for (const g of golden) {
    it(`${g.scenario} under ${g.plan}, seed ${g.seed}, replication ${g.index}`, () => {
      let scenario = scenarios.get(g.scenario);
      if (scenario === undefined) {
        scenario = prepare(root(g.scenario), root(g.plan)).scenario;
        scenarios.set(g.scenario, scenario);
      }
      expectGolden(runReplication(scenario, loadPlan(root(g.plan), scenario), g.seed, g.index), g);
    });
  }
});
