/**
 * Issue 15's script and evaluation tests on the built-in Leshan flood (40 replications, seed 2020):
 *
 * - every expected action links to a clause of the plan; its window is the batch's quantiles, recomputed
 *   here from replications run again independently (runReplication, a type-7 quantile written here);
 *   injects are in time order and every one refers to a simulated event (found again in the trace of the
 *   replication it names);
 * - a log made from one replication's own action times gets percentiles that match that replication's rank
 *   in the batch; a log at every P50 is on time everywhere; dropping an action makes it missed; the
 *   compressed script's windows are the uncompressed ones divided by the factor.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateLog } from '../../models/drill/evaluate.js';
import { emptySamples } from '../../models/drill/job.js';
import { parseCsvLog, parseJsonLog } from '../../models/drill/log.js';
import { buildDrillScript } from '../../models/drill/script.js';
import { runReplication, type ReplicationResult } from '../../models/replication.js';
import type { DrillScript } from '../../models/schema/drill.js';
import { loadStudy, type LoadedStudy } from '../../models/study/payload.js';
import type { SimEvent } from '../../models/world/events.js';

const ROOT = join(import.meta.dirname, '..', '..');
const N = 40;
const SEED = 2020;
const COMPRESS = 36;

/** Type-7 quantile (R and NumPy's default), written here so the test does not lean on engine/stats. */
function q7(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo]! + (h - lo) * (s[lo + 1]! - s[lo]!) : s[lo]!;
}

let study: LoadedStudy;
let results: ReplicationResult[];
let script: DrillScript;
let compressed: DrillScript;

beforeAll(() => {
  study = loadStudy(join(ROOT, 'scenarios', 'leshan-818-flood.yaml'));
  const plan = study.plans[0]!;
  results = Array.from({ length: N }, (_, i) => runReplication(study.scenario, plan, SEED, i));
  const samples = emptySamples(plan);
  for (const r of results) samples.add(r);
  script = buildDrillScript(study.scenario, plan, SEED, samples);
  compressed = buildDrillScript(study.scenario, plan, SEED, samples, { compress: COMPRESS });
});

const startOf = (r: ReplicationResult, clause: string): number | null => r.actions.find((a) => a.id === clause)?.startedAt ?? null;
const completeOf = (r: ReplicationResult, clause: string): number | null => r.actions.find((a) => a.id === clause)?.completedAt ?? null;

function csvLog(rows: Array<[string, number]>): string {
  return ['action,at,by,notes', ...rows.map(([a, t]) => `${a},${t},tester,`)].join('\n') + '\n';
}

describe('drill script', () => {
  it('has one expected action per triggered clause of the plan, with the batch quantiles as its window', () => {
    const plan = study.plans[0]!;
    const triggered = plan.actionIds.filter((id) => results.some((r) => startOf(r, id) !== null));
    expect(script.expectedActions.map((a) => a.clause)).toEqual(triggered);
    expect(script.untriggered).toEqual(plan.actionIds.filter((id) => !triggered.includes(id)));
    for (const a of script.expectedActions) {
      expect(plan.actionIds).toContain(a.clause);
      const starts = results.map((r) => startOf(r, a.clause)).filter((t): t is number => t !== null);
      const completes = results.map((r) => completeOf(r, a.clause)).filter((t): t is number => t !== null);
      expect(a.triggeredShare).toBe(starts.length / N);
      expect(a.completedShare).toBe(completes.length / N);
      expect(a.start.p10).toBeCloseTo(q7(starts, 0.1), 9);
      expect(a.start.p50).toBeCloseTo(q7(starts, 0.5), 9);
      expect(a.start.p90).toBeCloseTo(q7(starts, 0.9), 9);
      if (completes.length > 0) {
        expect(a.complete.p10).toBeCloseTo(q7(completes, 0.1), 9);
        expect(a.complete.p50).toBeCloseTo(q7(completes, 0.5), 9);
        expect(a.complete.p90).toBeCloseTo(q7(completes, 0.9), 9);
      }
      expect(a.owner.length).toBeGreaterThan(0);
    }
    // Objectives link to expected actions' clauses, and every expected action is in one.
    const linked = script.objectives.flatMap((o) => o.clauses);
    expect(new Set(linked)).toEqual(new Set(script.expectedActions.map((a) => a.clause)));
  });

  it('has injects in time order, each telling events found again in the trace of its replication', () => {
    expect(script.injects.length).toBeGreaterThan(10);
    for (let i = 1; i < script.injects.length; i++) expect(script.injects[i]!.t).toBeGreaterThanOrEqual(script.injects[i - 1]!.t);
    const traces = new Map<number, SimEvent[]>();
    const plan = study.plans[0]!;
    for (const inject of script.injects) {
      expect(inject.events.length).toBeGreaterThan(0);
      for (const ref of inject.events) {
        let trace = traces.get(ref.replication);
        if (trace === undefined) {
          const events: SimEvent[] = [];
          runReplication(study.scenario, plan, SEED, ref.replication, { trace: (e) => events.push(e) });
          traces.set(ref.replication, (trace = events));
        }
        const found = trace.some((e) => {
          const x = e as unknown as Record<string, unknown>;
          return e.kind === ref.kind && e.t === ref.t && ['gauge', 'zone', 'edge', 'facility', 'action', 'level'].some((k) => x[k] === ref.key);
        });
        expect(found, `${inject.id}: ${ref.kind} ${ref.key} at ${ref.t} in replication ${ref.replication}`).toBe(true);
      }
      // It reports the simulated state: gauge stages at least.
      expect(Object.keys(inject.state).some((k) => k.startsWith('gauge.'))).toBe(true);
    }
    // Contingency injects exist exactly for the clauses that fire in some replications only.
    const sometimes = script.expectedActions.filter((a) => a.triggeredShare < 1).map((a) => a.clause);
    expect(script.injects.filter((i) => i.contingency !== undefined).map((i) => i.contingency!.clause).sort()).toEqual([...sometimes].sort());
  });

  it('ranks a log of one replication\'s own start times at that replication\'s rank in the batch', () => {
    const r = results[7]!;
    const rows: Array<[string, number]> = [];
    for (const a of script.expectedActions) {
      const t = startOf(r, a.clause);
      if (t !== null) rows.push([a.id, t]);
    }
    const evaluation = evaluateLog(script, parseCsvLog(csvLog(rows), 'r7.csv', script), { log: 'r7.csv' });
    for (const x of evaluation.actions) {
      const mine = startOf(r, x.clause);
      if (mine === null) {
        expect(x.verdict).toBe('missed');
        continue;
      }
      const all = results.map((q) => startOf(q, x.clause)).filter((t): t is number => t !== null);
      const below = all.filter((t) => t < mine).length;
      const equal = all.filter((t) => t === mine).length;
      expect(x.percentile).toBeCloseTo((100 * (below + equal / 2)) / all.length, 9);
      expect(x.at).toBe(mine);
    }
  });

  it('calls a log at every P50 on time everywhere, and a dropped action missed', () => {
    const rows: Array<[string, number]> = script.expectedActions.map((a) => [a.id, a.start.p50!]);
    const all = evaluateLog(script, parseCsvLog(csvLog(rows), 'p50.csv', script), { log: 'p50.csv' });
    expect(all.actions.map((a) => a.verdict)).toEqual(script.expectedActions.map(() => 'on-time'));
    expect(all.objectives.map((o) => o.rating)).toEqual(script.objectives.map(() => 'P'));
    expect(all.improvementPlan).toEqual([]);

    const dropped = script.expectedActions[2]!;
    const less = evaluateLog(script, parseCsvLog(csvLog(rows.filter(([id]) => id !== dropped.id)), 'less.csv', script), { log: 'less.csv' });
    const x = less.actions.find((a) => a.id === dropped.id)!;
    expect(x).toMatchObject({ verdict: 'missed', at: null, percentile: null });
    expect(less.actions.filter((a) => a.verdict !== 'on-time')).toHaveLength(1);
    const objective = less.objectives.find((o) => o.clauses.includes(dropped.clause))!;
    expect(['M', 'U']).toContain(objective.rating);
    expect(objective.reason).toContain(`${dropped.id} missed`);
    expect(less.improvementPlan).toHaveLength(1);
    expect(less.improvementPlan[0]).toMatchObject({ clause: dropped.clause, owner: dropped.owner });

    // The same log as JSON, by clause ids, gives the same evaluation.
    const json = JSON.stringify({ entries: rows.map(([id, at]) => ({ action: id.slice(2), at, by: 'tester' })) });
    expect(evaluateLog(script, parseJsonLog(json, 'p50.json', script), { log: 'p50.csv' }).actions).toEqual(all.actions);
  });

  it('divides every window, inject time and sample by the compression factor', () => {
    expect(compressed.compress).toBe(COMPRESS);
    expect(compressed.duration).toBeCloseTo(script.duration / COMPRESS, 9);
    compressed.expectedActions.forEach((a, i) => {
      const u = script.expectedActions[i]!;
      expect(a.clause).toBe(u.clause);
      for (const w of ['start', 'complete'] as const) {
        for (const p of ['p10', 'p50', 'p90'] as const) {
          if (u[w][p] === null) expect(a[w][p]).toBeNull();
          else expect(a[w][p]).toBeCloseTo(u[w][p]! / COMPRESS, 9);
        }
      }
      a.samples.start.forEach((t, k) => expect(t).toBeCloseTo(u.samples.start[k]! / COMPRESS, 9));
      if (u.deadline !== null) expect(a.deadline).toBeCloseTo(u.deadline / COMPRESS, 9);
    });
    expect(compressed.injects.map((i) => i.id)).toEqual(script.injects.map((i) => i.id));
    compressed.injects.forEach((i, k) => expect(i.t).toBeCloseTo(script.injects[k]!.t / COMPRESS, 9));
  });
});
