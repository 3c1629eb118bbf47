/**
 * Writes test/fixtures/golden/flood-replications.json: the metrics, level declarations and clause start
 * times of a few replications of the built-in 8-18 flood (and the Testvale fixture) under each plan. The
 * golden test replays them and demands the same numbers bit for bit, so a refactor of the models cannot
 * change a result unnoticed; a deliberate change rewrites this file and says why in its commit.
 *
 *   npx tsx tools/golden/flood-golden.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runReplication } from '../../models/replication.js';
import { loadPlan, prepare } from '../../models/scenario/load.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const CASES = [
  { scenario: '../../scenarios/leshan-818-flood.yaml', plans: ['../../scenarios/plans/leshan-flood-plan.yaml', '../../scenarios/plans/leshan-flood-plan-late.yaml'] },
  { scenario: '../../test/fixtures/model/testvale-flood.yaml', plans: ['../../test/fixtures/model/plans/basic.yaml', '../../test/fixtures/model/plans/basic-late.yaml'] },
];
const SEEDS = [1, 2020];
const INDICES = [0, 1, 2];

const out: unknown[] = [];
for (const c of CASES) {
  const { scenario } = prepare(here(c.scenario), here(c.plans[0]!));
  for (const planFile of c.plans) {
    const plan = loadPlan(here(planFile), scenario);
    for (const seed of SEEDS) {
      for (const index of INDICES) {
        const r = runReplication(scenario, plan, seed, index);
        out.push({
          scenario: c.scenario.replace('../../', ''),
          plan: planFile.replace('../../', ''),
          seed,
          index,
          metrics: r.metrics,
          levels: r.levels,
          actions: r.actions.map((a) => ({ id: a.id, startedAt: a.startedAt })),
        });
      }
    }
  }
}
writeFileSync(here('../../test/fixtures/golden/flood-replications.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`wrote ${out.length} replications`);
