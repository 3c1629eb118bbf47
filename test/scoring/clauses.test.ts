/**
 * The scorecard's clause completion (issue 10 item 7) and its breakdown (item 6): share completed,
 * completion-time quantiles, P(on time) with its Wilson interval among the replications that started the
 * clause with a deadline, the breakdown carried through add/merge/toJSON/fromJSON bit for bit, and the
 * guards (bad clause records, bad breakdowns leave the accumulator unchanged, JSON without the new parts).
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { emptyBreakdown, type BreakdownRow, type ReplicationBreakdown } from '../../models/scoring/breakdown-types.js';
import { METRIC_NAMES, type MetricName } from '../../models/scoring/metrics.js';
import { clauseOnTime, ScorecardAccumulator, type ScoredReplication, type ScorecardSpec } from '../../models/scoring/scorecard.js';
import { wilson } from '../support/wilson.js';

const SPEC: ScorecardSpec = {
  scenario: 'test-scenario',
  plan: 'test-plan',
  seed: 3,
  start: '2020-08-15T00:00+08:00',
  targets: [{ metric: 'deaths', op: '<=', value: 0 }],
  levels: ['IV', 'I'],
  actions: ['a1', 'a2', 'a3'],
};

interface Clause {
  id: string;
  startedAt: number;
  deadlineAt?: number | null;
  completedAt?: number | null;
  onTime?: boolean | null;
}

function result(index: number, clauses: Clause[] = [], breakdown?: ReplicationBreakdown, deaths = 0): ScoredReplication {
  const metrics = {} as Record<MetricName, number>;
  for (const name of METRIC_NAMES) metrics[name] = name === 'deaths' ? deaths : 1;
  return {
    index,
    metrics,
    parameters: {} as ScoredReplication['parameters'],
    curves: { evacuated: [], warnedShare: [] },
    levels: [{ level: 'IV', t: 5 }],
    actions: clauses.map((c) => ({
      id: c.id,
      level: 'IV',
      type: 'warn' as const,
      startedAt: c.startedAt,
      deadlineAt: c.deadlineAt ?? null,
      completedAt: c.completedAt ?? null,
      ...(c.onTime !== undefined ? { onTime: c.onTime } : {}),
    })),
    ...(breakdown !== undefined ? { breakdown } : {}),
  };
}

function feed(results: readonly ScoredReplication[], first = 0): ScorecardAccumulator {
  const acc = new ScorecardAccumulator(SPEC, first);
  for (const r of results) acc.add(r);
  return acc;
}

/** The clause records of replication i of a deterministic batch, and its breakdown (clause + county rows). */
function replication(i: number): ScoredReplication {
  const clauses: Clause[] = [];
  // a1: deadline 100, completed at 40 + 13·(i mod 9) (on time up to i mod 9 = 4), never completed when i mod 7 = 6.
  const done1 = i % 7 === 6 ? null : 40 + 13 * (i % 9);
  if (i % 5 !== 4) clauses.push({ id: 'a1', startedAt: 10 + i, deadlineAt: 100, completedAt: done1 });
  // a2: no deadline, completed in every other replication.
  clauses.push({ id: 'a2', startedAt: 20, completedAt: i % 2 === 0 ? 60 + i : null });
  const clause: Record<string, BreakdownRow> = {};
  for (const id of SPEC.actions) {
    const c = clauses.find((x) => x.id === id);
    const onTime = c === undefined ? null : clauseOnTime({ deadlineAt: c.deadlineAt ?? null, completedAt: c.completedAt ?? null });
    clause[id] = {
      started: c === undefined ? 0 : 1,
      completed: c?.completedAt != null ? 1 : 0,
      onTime: onTime === null ? null : onTime ? 1 : 0,
      startMin: c?.startedAt ?? null,
      completedMin: c?.completedAt ?? null,
    };
  }
  const county: Record<string, BreakdownRow> = { shizhong: { deaths: i % 3, evacuated: 100 * i } };
  if (i >= 7) county['late'] = { deaths: 1 };
  return result(i, clauses, { ...emptyBreakdown(), county, clause });
}

describe('clauseOnTime', () => {
  it('is on time when completed by the deadline, missed when late or never completed, null without a deadline', () => {
    expect(clauseOnTime({ deadlineAt: 100, completedAt: 100 })).toBe(true);
    expect(clauseOnTime({ deadlineAt: 100, completedAt: 100.5 })).toBe(false);
    expect(clauseOnTime({ deadlineAt: 100, completedAt: null })).toBe(false);
    expect(clauseOnTime({ deadlineAt: null, completedAt: 5 })).toBe(null);
    expect(clauseOnTime({ deadlineAt: null, completedAt: null })).toBe(null);
  });
});

describe('clause completion in the scorecard', () => {
  const card = feed([
    result(0, [{ id: 'a1', startedAt: 10, deadlineAt: 100, completedAt: 50 }, { id: 'a2', startedAt: 20, completedAt: 30 }]),
    result(1, [{ id: 'a1', startedAt: 10, deadlineAt: 100, completedAt: 150 }, { id: 'a2', startedAt: 20 }]),
    result(2, [{ id: 'a1', startedAt: 10, deadlineAt: 100 }]), // never completed: missed its deadline
    result(3, [{ id: 'a1', startedAt: 10, deadlineAt: 100, completedAt: 90, onTime: true }]),
    result(4, []),
  ]).result();

  it('gives the share completed over all replications and type-7 quantiles of the completion times', () => {
    const a1 = card.actions['a1']!;
    expect(a1.n).toBe(4);
    expect(a1.completed).toBe(0.6);
    // completion times 50, 90, 150: p10 = 50 + 0.2·40, p50 = 90, p90 = 90 + 0.8·60
    expect(a1.completedP10).toBeCloseTo(58, 10);
    expect(a1.completedP50).toBe(90);
    expect(a1.completedP90).toBeCloseTo(138, 10);
    expect(card.actions['a2']).toMatchObject({ n: 2, completed: 0.2, completedP10: 30, completedP50: 30, completedP90: 30 });
  });

  it('gives P(on time) among the replications that started it with a deadline, with its Wilson interval', () => {
    const a1 = card.actions['a1']!;
    // On time in replications 0 and 3; late in 1; never completed in 2; not started in 4 (not a trial).
    expect(a1.withDeadline).toBe(4);
    expect(a1.pOnTime).toBe(0.5);
    expect(a1.pOnTimeCi95![0]).toBeCloseTo(wilson(2, 4)[0], 12);
    expect(a1.pOnTimeCi95![1]).toBeCloseTo(wilson(2, 4)[1], 12);
    // No deadline: no verdict. Never started: nothing at all.
    expect(card.actions['a2']).toMatchObject({ withDeadline: 0, pOnTime: null, pOnTimeCi95: null });
    expect(card.actions['a3']).toMatchObject({ n: 0, completed: 0, withDeadline: 0, pOnTime: null, completedP50: null });
  });

  it("takes the record's own onTime when it carries one", () => {
    // The module judged it late (say, its completion rule's deadline differs); the scorecard does not overrule it.
    const c = feed([result(0, [{ id: 'a1', startedAt: 0, deadlineAt: 100, completedAt: 10, onTime: false }])]).result();
    expect(c.actions['a1']).toMatchObject({ withDeadline: 1, pOnTime: 0, completed: 1 });
    const d = feed([result(0, [{ id: 'a1', startedAt: 0, deadlineAt: 100, completedAt: 10, onTime: null }])]).result();
    expect(d.actions['a1']).toMatchObject({ withDeadline: 0, pOnTime: null });
  });

  it('counts only the first record of a clause listed twice', () => {
    const c = feed([result(0, [{ id: 'a1', startedAt: 0, deadlineAt: 9, completedAt: 5 }, { id: 'a1', startedAt: 1, deadlineAt: 9, completedAt: 50 }])]).result();
    expect(c.actions['a1']).toMatchObject({ n: 1, completed: 1, completedP50: 5, withDeadline: 1, pOnTime: 1 });
  });

  it('refuses bad clause records and bad breakdowns without changing anything', () => {
    const acc = feed([replication(0)]);
    const before = JSON.stringify(acc.toJSON());
    expect(() => acc.add(result(1, [{ id: 'a1', startedAt: 50, completedAt: 40 }]))).toThrow(/replication 1: clause 'a1' completed at 40/);
    expect(() => acc.add(result(1, [{ id: 'a1', startedAt: 50, deadlineAt: Number.NaN }]))).toThrow(/deadline NaN/);
    expect(() => acc.add(result(1, [{ id: 'a1', startedAt: 5, onTime: 'yes' as unknown as boolean }]))).toThrow(/onTime yes/);
    const bad = { ...emptyBreakdown(), clause: { a1: { started: 2 } } };
    expect(() => acc.add(result(1, [], bad, 5))).toThrow(/^replication 1: breakdown\/clause\/a1\/started: a share column/);
    expect(JSON.stringify(acc.toJSON())).toBe(before);
    acc.add(replication(1));
    expect(acc.replications).toBe(2);
  });
});

describe('the breakdown in the scorecard', () => {
  const all = Array.from({ length: 30 }, (_, i) => replication(i));

  it('is keyed by the six tables and gives per-clause shares that match the clause timings', () => {
    const card = feed(all).result();
    expect(Object.keys(card.breakdown)).toEqual(['county', 'shelter', 'team', 'reserve', 'incidentType', 'clause']);
    expect(Object.keys(card).at(-1)).toBe('breakdown');
    const a1 = card.breakdown.clause['a1']!;
    // Per-clause counts match the actions started and completed, and onTime matches P(on time).
    expect(a1['started']!.mean! * 30).toBeCloseTo(card.actions['a1']!.n, 10);
    expect(a1['completed']!.mean).toBeCloseTo(card.actions['a1']!.completed!, 12);
    expect(a1['onTime']!.n).toBe(card.actions['a1']!.withDeadline);
    expect(a1['onTime']!.mean).toBeCloseTo(card.actions['a1']!.pOnTime!, 12);
    expect(a1['onTime']!.pCi95).toEqual(card.actions['a1']!.pOnTimeCi95);
    expect(card.breakdown.county['late']!['deaths']).toMatchObject({ listed: 23, n: 23, mean: 1 });
    expect(card.breakdown.county['shizhong']!['evacuated']).toMatchObject({ listed: 30, mean: 1450, min: 0, max: 2900 });
  });

  it('merges chunks bit for bit like one accumulator, through JSON as the workers ship them', () => {
    const whole = feed(all);
    for (const cuts of [[10, 20], [1, 7, 8, 29], [15]]) {
      const bounds = [0, ...cuts, all.length];
      const merged = new ScorecardAccumulator(SPEC);
      for (let k = 0; k + 1 < bounds.length; k++) {
        const chunk = feed(all.slice(bounds[k], bounds[k + 1]), bounds[k]);
        merged.merge(ScorecardAccumulator.fromJSON(JSON.parse(JSON.stringify(chunk.toJSON()))));
      }
      expect(JSON.stringify(merged.toJSON())).toBe(JSON.stringify(whole.toJSON()));
      expect(merged.result()).toEqual(whole.result());
    }
  });

  it('treats a result without a breakdown as one listing no rows', () => {
    const acc = feed([replication(0), result(1, [])]);
    const card = acc.result();
    expect(card.breakdown.county['shizhong']!['deaths']).toMatchObject({ listed: 1, n: 1 });
    expect(acc.toJSON().breakdown.replications).toBe(2);
  });

  it('fromJSON requires the breakdown and completion parts and checks them against the batch', () => {
    const good = feed(all.slice(0, 6)).toJSON();
    const pointerOf = (edit: (j: Record<string, any>) => void): string => {
      const j = JSON.parse(JSON.stringify(good)) as Record<string, any>;
      edit(j);
      try {
        ScorecardAccumulator.fromJSON(j, '/accumulator');
      } catch (err) {
        if (err instanceof InputError) return err.issues[0]!.path;
        throw err;
      }
      return 'accepted';
    };
    expect(pointerOf(() => {})).toBe('accepted');
    // Older JSON (before issue 10) has neither part: rejected, not mixed into newer chunks.
    expect(pointerOf((j) => delete j['breakdown'])).toBe('/accumulator/breakdown');
    expect(pointerOf((j) => delete j['completion'])).toBe('/accumulator/completion');
    expect(pointerOf((j) => delete j['completion']['a2'])).toBe('/accumulator/completion/a2');
    // 7 replications in the breakdown of a 6-replication chunk (a smaller number fails earlier, at a row's listed).
    expect(pointerOf((j) => (j['breakdown']['replications'] = 7))).toBe('/accumulator/breakdown/replications');
    expect(pointerOf((j) => (j['breakdown']['tables']['county'][0]['listed'] = 7))).toBe('/accumulator/breakdown/tables/county/0/listed');
    expect(pointerOf((j) => (j['completion']['a1']['completed']['trials'] = 5))).toBe('/accumulator/completion/a1/completed/trials');
    // a3 never started: no completion and no judged deadline can be claimed; on time needs completion.
    expect(pointerOf((j) => (j['completion']['a3']['completed']['successes'] = 1))).toBe('/accumulator/completion/a3/completed/successes');
    expect(pointerOf((j) => (j['completion']['a1']['onTime']['successes'] = j['completion']['a1']['completed']['successes'] + 1))).toMatch(
      /^\/accumulator\/completion\/a1\/onTime\//,
    );
    expect(pointerOf((j) => (j['completion']['a3']['onTime'] = { successes: 0, trials: 1 }))).toBe('/accumulator/completion/a3/onTime/trials');
    expect(pointerOf((j) => (j['completion']['a2']['times'] = { ...j['completion']['a2']['times'], n: 2, values: [60, 62], min: 60, max: 62 }))).toBe('/accumulator/completion/a2/times/n');
  });
});
