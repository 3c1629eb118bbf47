/**
 * A scorecard shows the metrics of the scenario's hazards and of the response modules serving them, not
 * every registered module's: the flood's lists no rubble or plume rows, the earthquake's no boat rescues.
 * A plan's target on another metric still gets it scored; a precision rule or a screening on a metric
 * the scenario does not score is a located error, not a wait on a summary that is never kept.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../models/registry.js';
import { runReplication } from '../../models/replication.js';
import { compilePlan } from '../../models/plan/compile.js';
import { loadPlanAndDoc, prepare } from '../../models/scenario/load.js';
import { ScorecardAccumulator, scorecardSpec, unscoredMetrics } from '../../models/scoring/scorecard.js';
import { PairedAccumulator, pairedMetrics } from '../../models/study/paired.js';
import { runCli } from '../support/cli.js';

const root = (p: string): string => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const FLOOD = root('scenarios/leshan-818-flood.yaml');
const QUAKE = root('scenarios/leshan-quake-luding.yaml');
const NATECH = root('scenarios/leshan-818-flood-natech.yaml');

/** Metric names by the module that defines them. */
const own = (kind: string): string[] => REGISTRY.hazard(kind)!.metrics.map((m) => m.name);
const served = (name: string): string[] => REGISTRY.responses.find((r) => r.name === name)!.metrics.map((m) => m.name);

describe('the metrics a scenario scores', () => {
  it('are its hazards\' and those of the response modules serving them, in registry order', () => {
    const flood = prepare(FLOOD).plan.metrics.map((m) => m.name);
    expect(flood).toEqual(expect.arrayContaining([...own('flood'), ...served('water-rescue'), ...served('evacuation')]));
    for (const other of [...own('earthquake'), ...own('wildfire'), ...own('hazchem'), ...served('search-rescue'), ...served('medical')]) {
      expect(flood).not.toContain(other);
    }
    const order = REGISTRY.metrics.map((m) => m.name);
    expect(flood).toEqual(order.filter((n) => flood.includes(n)));

    const quake = prepare(QUAKE).plan.metrics.map((m) => m.name);
    expect(quake).toEqual(expect.arrayContaining([...own('earthquake'), ...served('search-rescue'), ...served('road-clearance'), ...served('medical')]));
    for (const other of [...own('flood'), ...served('water-rescue'), ...own('hazchem')]) expect(quake).not.toContain(other);

    // Two hazards: both hazards' metrics.
    const natech = prepare(NATECH).plan.metrics.map((m) => m.name);
    expect(natech).toEqual(expect.arrayContaining([...own('flood'), ...own('hazchem')]));
    expect(natech).not.toContain(own('earthquake')[0]);
  });

  it('a replication computes them and the scorecard lists exactly them', () => {
    const { scenario, plan } = prepare(FLOOD);
    const r = runReplication(scenario, plan, 3, 0);
    expect(Object.keys(r.metrics)).toEqual(plan.metrics.map((m) => m.name));
    const acc = new ScorecardAccumulator(scorecardSpec(scenario, plan, 3));
    acc.add(r);
    expect(Object.keys(acc.result().metrics)).toEqual(plan.metrics.map((m) => m.name));
  });

  it('a target on a metric the hazards do not produce gets it scored', () => {
    const { scenario } = prepare(QUAKE);
    const { doc } = loadPlanAndDoc(root('scenarios/plans/leshan-quake-plan.yaml'), scenario);
    doc.targets = [...(doc.targets ?? []), { metric: 'rescued', op: '>=', value: 1 }];
    const plan = compilePlan(doc, scenario, null);
    expect(plan.metrics.map((m) => m.name)).toContain('rescued');
    expect(unscoredMetrics(plan, ['rescued', 'exposedPersonHours'])).toEqual(['exposedPersonHours']);
    // A comparison keeps the metrics both plans score.
    const plain = prepare(QUAKE).plan;
    expect(pairedMetrics(plan, plain)).toEqual(plain.metrics.map((m) => m.name));
  });

  it('refuses ranges comparing different metrics', () => {
    const a = new PairedAccumulator(0, ['deaths', 'injured']);
    const b = new PairedAccumulator(0, ['deaths']);
    b.add(0, { deaths: 1 }, { deaths: 2 });
    expect(() => a.merge(b)).toThrow(/different metrics/);
    expect(() => PairedAccumulator.fromJSON({ ...b.toJSON(), paired: { ...b.toJSON().paired, nonsense: {} } })).toThrow(/\/paired\/nonsense/);
  });

  it('--precision on a metric the scenario does not score is exit 2 naming it', async () => {
    const r = await runCli('run', QUAKE, '--precision', 'rescued=5', '--max', '4');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rescued is not scored for scenario 'leshan-quake-luding'/);
    expect(r.stdout).toBe('');
  });
});
