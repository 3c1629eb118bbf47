/**
 * ScorecardAccumulator on hand-made replication results: metric summaries against hand-computed values,
 * P(target met) with each operator and its Wilson interval from the formula, level and clause timings,
 * merge of chunks equal to the unsplit batch (exact and sketch mode), JSON round trip, and the guards
 * (replication order, adjacent chunks, same batch, malformed JSON located by pointer).
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { METRIC_NAMES, type MetricName } from '../../models/scoring/metrics.js';
import { firstDeclarations, ScorecardAccumulator, targetHolds, type ScoredReplication, type ScorecardSpec } from '../../models/scoring/scorecard.js';
import { wilson } from '../support/wilson.js';
import { mulberry32 as rng } from '../stats/rng.js';

const SPEC: ScorecardSpec = {
  scenario: 'test-scenario',
  plan: 'test-plan',
  seed: 7,
  start: '2020-08-15T00:00+08:00',
  targets: [
    { metric: 'deaths', op: '<=', value: 1, label: 'at most one death', source: 'test' },
    { metric: 'deaths', op: '<', value: 1 },
    { metric: 'deaths', op: '>=', value: 3 },
    { metric: 'deaths', op: '>', value: 3 },
    { metric: 'deaths', op: '==', value: 2 },
  ],
  levels: ['IV', 'III', 'II', 'I'],
  actions: ['4.1.1', '4.2.1', '4.4.1'],
};

/** A clause never started in any of the replications (completed: 0 of them). */
const NO_ACTION = {
  n: 0,
  p10: null,
  p50: null,
  p90: null,
  completed: 0,
  completedP10: null,
  completedP50: null,
  completedP90: null,
  withDeadline: 0,
  pOnTime: null,
  pOnTimeCi95: null,
};

/** A replication result whose every metric is `base` unless given. */
function result(
  index: number,
  metrics: Partial<Record<MetricName, number>> = {},
  levels: Array<{ level: string; t: number }> = [],
  actions: Array<{ id: string; startedAt: number }> = [],
  base = 0,
): ScoredReplication {
  const m = {} as Record<MetricName, number>;
  for (const name of METRIC_NAMES) m[name] = metrics[name] ?? base;
  return {
    index,
    metrics: m,
    parameters: {} as ScoredReplication['parameters'],
    curves: { evacuated: [], warnedShare: [] },
    levels,
    actions: actions.map((a) => ({ id: a.id, level: 'IV', type: 'warn' as const, startedAt: a.startedAt, deadlineAt: null, completedAt: null })),
  };
}

function feed(results: readonly ScoredReplication[], first = 0, spec: ScorecardSpec = SPEC): ScorecardAccumulator {
  const acc = new ScorecardAccumulator(spec, first);
  for (const r of results) acc.add(r);
  return acc;
}


/** n results with random metrics, level histories (with stand-downs) and clause starts. */
function randomResults(n: number, seed: number): ScoredReplication[] {
  const r = rng(seed);
  const out: ScoredReplication[] = [];
  for (let i = 0; i < n; i++) {
    const metrics: Partial<Record<MetricName, number>> = {};
    for (const name of METRIC_NAMES) metrics[name] = Math.round(r() * 1000) / 10 - 20;
    metrics.deaths = Math.floor(r() * 5);
    const t0 = Math.round(r() * 3000);
    const levels = [{ level: 'IV', t: t0 }, { level: 'III', t: t0 + 100 }];
    if (r() < 0.3) levels.push({ level: 'IV', t: t0 + 500 });
    if (r() < 0.6) levels.push({ level: 'I', t: t0 + 900 });
    const actions = [{ id: '4.1.1', startedAt: t0 }];
    if (r() < 0.5) actions.push({ id: '4.2.1', startedAt: t0 + 100 });
    out.push(result(i, metrics, levels, actions));
  }
  return out;
}

describe('targetHolds', () => {
  it('applies each operator', () => {
    expect([targetHolds(1, '<=', 1), targetHolds(1.0001, '<=', 1)]).toEqual([true, false]);
    expect([targetHolds(0.9, '<', 1), targetHolds(1, '<', 1)]).toEqual([true, false]);
    expect([targetHolds(3, '>=', 3), targetHolds(2.99, '>=', 3)]).toEqual([true, false]);
    expect([targetHolds(3.01, '>', 3), targetHolds(3, '>', 3)]).toEqual([true, false]);
    expect([targetHolds(2, '==', 2), targetHolds(2.000001, '==', 2)]).toEqual([true, false]);
  });
});

describe('ScorecardAccumulator.result', () => {
  // deaths over five replications: 0, 1, 2, 3, 4.
  const acc = feed([0, 1, 2, 3, 4].map((d, i) => result(i, { deaths: d, evacuated: 1000 * (i + 1) })));
  const card = acc.result();

  it('has the documented shape and identifies the batch', () => {
    expect(Object.keys(card)).toEqual(['scenario', 'plan', 'seed', 'replications', 'start', 'metrics', 'targets', 'levels', 'actions', 'breakdown']);
    expect([card.scenario, card.plan, card.seed, card.replications, card.start]).toEqual(['test-scenario', 'test-plan', 7, 5, '2020-08-15T00:00+08:00']);
    expect(Object.keys(card.metrics)).toEqual([...METRIC_NAMES]);
    for (const name of METRIC_NAMES) expect(Object.keys(card.metrics[name]!)).toEqual(['mean', 'sd', 'ci95', 'p05', 'p50', 'p95', 'min', 'max']);
  });

  it('gives hand-computed moments, t-interval and type-7 quantiles', () => {
    const d = card.metrics['deaths']!;
    expect(d.mean).toBe(2);
    // sample variance of 0..4 = 10 / 4 = 2.5
    expect(d.sd).toBeCloseTo(Math.sqrt(2.5), 14);
    // t_{4, 0.975} = 2.776445 (table): half-width 2.776445 * sqrt(2.5 / 5)
    expect(d.ci95![0]).toBeCloseTo(2 - 2.776445 * Math.sqrt(0.5), 5);
    expect(d.ci95![1]).toBeCloseTo(2 + 2.776445 * Math.sqrt(0.5), 5);
    // type 7: h = 4p -> p05 = 0.2, p50 = 2, p95 = 3.8
    expect(d.p05).toBeCloseTo(0.2, 12);
    expect(d.p50).toBe(2);
    expect(d.p95).toBeCloseTo(3.8, 12);
    expect([d.min, d.max]).toEqual([0, 4]);
    expect(card.metrics['evacuated']!.mean).toBe(3000);
    // A constant metric: sd 0, a zero-width interval.
    expect(card.metrics['rescued']!).toMatchObject({ mean: 0, sd: 0, ci95: [0, 0], p05: 0, p95: 0 });
  });

  it('gives P(met) with its Wilson interval for each operator, and the verdict against the confidence', () => {
    // deaths 0..4: <=1 holds 2/5, <1 1/5, >=3 2/5, >3 1/5, ==2 1/5.
    const expected = [2, 1, 2, 1, 1];
    expect(card.targets.map((t) => t.pMet)).toEqual(expected.map((s) => s / 5));
    card.targets.forEach((t, i) => {
      expect(t.pMetCi95![0]).toBeCloseTo(wilson(expected[i]!, 5)[0], 12);
      expect(t.pMetCi95![1]).toBeCloseTo(wilson(expected[i]!, 5)[1], 12);
      // Five replications: at best [56.6 %, 100 %] for 5 of 5, never clear of 90 %; none here reaches it.
      expect(t.verdict).toBe(wilson(expected[i]!, 5)[1] < 0.9 ? 'not met' : 'uncertain');
      expect(t.confidence).toBe(0.9);
    });
    expect(card.targets[0]).toMatchObject({ metric: 'deaths', op: '<=', value: 1, label: 'at most one death', source: 'test' });
    expect('label' in card.targets[1]!).toBe(false);
    const spec = { ...SPEC, targets: [{ metric: 'deaths' as const, op: '<=' as const, value: 2 }] };
    // P(met) = 0.7 over 10 replications: Wilson [39.7 %, 89.2 %], below 90 %: not met.
    const c2 = feed(Array.from({ length: 10 }, (_, i) => result(i, { deaths: i < 7 ? 0 : 5 })), 0, spec).result();
    expect(c2.targets[0]).toMatchObject({ pMet: 0.7, verdict: 'not met', met: false });
    // P(met) = 0.7 with a plan asking for 0.8: the interval straddles it: uncertain, not met.
    const c3 = feed(Array.from({ length: 10 }, (_, i) => result(i, { deaths: i < 7 ? 0 : 5 })), 0, { ...spec, confidence: 0.8 }).result();
    expect(c3.targets[0]).toMatchObject({ pMet: 0.7, verdict: 'uncertain', met: false, confidence: 0.8 });
    // 100 of 100: Wilson [96.3 %, 100 %], clear of 90 %: met.
    const c4 = feed(Array.from({ length: 100 }, (_, i) => result(i, { deaths: 0 })), 0, spec).result();
    expect(c4.targets[0]).toMatchObject({ pMet: 1, verdict: 'met', met: true });
    // 95 of 100 hold, but the interval's lower end is 88.8 %: uncertain at 90 %.
    const c5 = feed(Array.from({ length: 100 }, (_, i) => result(i, { deaths: i < 95 ? 0 : 5 })), 0, spec).result();
    expect(c5.targets[0]!.pMetCi95![0]).toBeLessThan(0.9);
    expect(c5.targets[0]).toMatchObject({ pMet: 0.95, verdict: 'uncertain' });
  });

  it('is empty but well-formed with no replications', () => {
    const empty = new ScorecardAccumulator(SPEC).result();
    expect(empty.replications).toBe(0);
    expect(empty.metrics['deaths']!).toEqual({ mean: null, sd: null, ci95: null, p05: null, p50: null, p95: null, min: null, max: null });
    expect(empty.targets[0]).toMatchObject({ pMet: null, pMetCi95: null, verdict: null, met: null });
    expect(empty.levels['IV']).toEqual({ declaredIn: null, p10: null, p50: null, p90: null });
    expect(empty.actions['4.1.1']).toEqual({ ...NO_ACTION, completed: null });
    expect(empty.breakdown).toEqual({ county: {}, shelter: {}, team: {}, reserve: {}, incidentType: {}, clause: {} });
  });
});

describe('levels and clauses', () => {
  it('firstDeclarations keeps declarations (upward steps), not stand-downs', () => {
    const steps = [
      { level: 'IV', t: 10 },
      { level: 'III', t: 20 },
      { level: 'IV', t: 30 }, // stand-down from III
      { level: 'III', t: 40 }, // declared again: the first time stays 20
      { level: 'none', t: 50 },
    ];
    expect(Object.fromEntries(firstDeclarations(steps))).toEqual({ IV: 10, III: 20 });
    // Jumping to I and standing down to II never declared II.
    expect(Object.fromEntries(firstDeclarations([{ level: 'I', t: 5 }, { level: 'II', t: 9 }]))).toEqual({ I: 5 });
    // After standing down to none, declaring IV counts as its (first) declaration.
    expect(Object.fromEntries(firstDeclarations([{ level: 'II', t: 1 }, { level: 'none', t: 2 }, { level: 'IV', t: 3 }]))).toEqual({ II: 1, IV: 3 });
  });

  it('gives the share of replications that declared each level and type-7 p10/p50/p90 of the first declaration', () => {
    const acc = feed([
      result(0, {}, [{ level: 'IV', t: 100 }, { level: 'II', t: 400 }], [{ id: '4.1.1', startedAt: 100 }]),
      result(1, {}, [{ level: 'IV', t: 200 }], [{ id: '4.1.1', startedAt: 200 }]),
      result(2, {}, [{ level: 'IV', t: 300 }, { level: 'II', t: 700 }, { level: 'IV', t: 900 }], [{ id: '4.1.1', startedAt: 300 }, { id: '4.2.1', startedAt: 700 }]),
      result(3, {}, [], []),
    ]);
    const card = acc.result();
    // IV first declared at 100, 200, 300 in 3 of 4: p10 = 100 + 0.2 * 100 = 120, p50 = 200, p90 = 280.
    expect(card.levels['IV']!.declaredIn).toBe(0.75);
    expect(card.levels['IV']!.p10).toBeCloseTo(120, 10);
    expect(card.levels['IV']!.p50).toBe(200);
    expect(card.levels['IV']!.p90).toBeCloseTo(280, 10);
    // II at 400 and 700 in 2 of 4: p10 = 430, p50 = 550, p90 = 670.
    expect(card.levels['II']!.declaredIn).toBe(0.5);
    expect(card.levels['II']!.p10).toBeCloseTo(430, 10);
    expect(card.levels['II']!.p50).toBeCloseTo(550, 10);
    expect(card.levels['II']!.p90).toBeCloseTo(670, 10);
    expect(card.levels['I']).toEqual({ declaredIn: 0, p10: null, p50: null, p90: null });
    expect(Object.keys(card.levels)).toEqual(['IV', 'III', 'II', 'I']);
    expect(card.actions['4.1.1']).toMatchObject({ n: 3, p50: 200 });
    expect(card.actions['4.2.1']).toEqual({ ...NO_ACTION, n: 1, p10: 700, p50: 700, p90: 700 });
    expect(card.actions['4.4.1']).toEqual(NO_ACTION);
  });
});

describe('merging chunks', () => {
  it('chunks merged in order equal the unsplit batch exactly (toJSON and result)', () => {
    const all = randomResults(40, 11);
    const whole = feed(all);
    for (const cuts of [[7, 20], [1, 2, 3, 39], [20]]) {
      const bounds = [0, ...cuts, all.length];
      const merged = new ScorecardAccumulator(SPEC);
      for (let k = 0; k + 1 < bounds.length; k++) {
        merged.merge(feed(all.slice(bounds[k], bounds[k + 1]), bounds[k]));
      }
      expect(merged.toJSON()).toEqual(whole.toJSON());
      expect(merged.result()).toEqual(whole.result());
    }
    // Stand-downs in the data really happened (the level logic was exercised).
    expect(all.some((r) => r.levels.length > 2 && r.levels[2]!.level === 'IV')).toBe(true);
  });

  it('stays exact across the switch to sketches (memory flat in N)', () => {
    const all = randomResults(4200, 5); // past the 4,096-value exact limit
    const whole = feed(all);
    const json = whole.toJSON();
    expect(json.metrics['deaths']!.quantiles.mode).toBe('sketch');
    const merged = feed(all.slice(0, 1000));
    merged.merge(feed(all.slice(1000, 4100), 1000));
    merged.merge(feed(all.slice(4100), 4100));
    expect(merged.toJSON()).toEqual(json);
  });

  it('refuses chunks out of order, results out of order and chunks of another batch', () => {
    const all = randomResults(10, 3);
    const a = feed(all.slice(0, 5));
    expect(() => a.merge(feed(all.slice(6), 6))).toThrow(/does not follow/);
    expect(() => a.add(all[7]!)).toThrow(/expected replication 5, got 7/);
    expect(() => a.merge(feed(all.slice(5), 5, { ...SPEC, seed: 8 }))).toThrow(/different batches/);
    expect(a.replications).toBe(5);
    a.merge(feed(all.slice(5), 5));
    expect([a.first, a.next, a.replications]).toEqual([0, 10, 10]);
  });

  it('refuses a non-finite metric without changing anything', () => {
    const a = feed([result(0, { deaths: 1 })]);
    const before = a.toJSON();
    expect(() => a.add(result(1, { clearanceT95Min: Infinity }))).toThrow(/clearanceT95Min/);
    expect(() => a.add(result(1, {}, [], [{ id: '9.9.9', startedAt: 1 }]))).toThrow(/9\.9\.9/);
    expect(a.toJSON()).toEqual(before);
  });
});

describe('JSON round trip', () => {
  it('fromJSON(toJSON()) through JSON text gives the same accumulator, which keeps accumulating', () => {
    const all = randomResults(12, 21);
    const head = feed(all.slice(0, 8));
    const back = ScorecardAccumulator.fromJSON(JSON.parse(JSON.stringify(head.toJSON())));
    expect(back.toJSON()).toEqual(head.toJSON());
    expect(back.result()).toEqual(head.result());
    for (const r of all.slice(8)) back.add(r);
    expect(back.toJSON()).toEqual(feed(all).toJSON());
  });

  it('locates malformed JSON by pointer', () => {
    const good = feed(randomResults(4, 2)).toJSON();
    const broken = (edit: (j: Record<string, any>) => void): unknown => {
      const j = JSON.parse(JSON.stringify(good)) as Record<string, any>;
      edit(j);
      return j;
    };
    const pointerOf = (value: unknown): string => {
      try {
        ScorecardAccumulator.fromJSON(value);
      } catch (err) {
        if (err instanceof InputError) return err.issues[0]!.path;
        throw err;
      }
      return 'accepted';
    };
    expect(pointerOf(broken((j) => (j['format'] = 'x')))).toBe('/format');
    expect(pointerOf(broken((j) => (j['next'] = 5)))).toBe('/metrics/deaths');
    expect(pointerOf(broken((j) => (j['targets'][1]['trials'] = 3)))).toBe('/targets/1/trials');
    expect(pointerOf(broken((j) => (j['spec']['targets'][0]['op'] = '=<')))).toBe('/spec/targets/0');
    expect(pointerOf(broken((j) => delete j['levels']['II']))).toBe('/levels/II');
    expect(pointerOf(broken((j) => (j['spec']['seed'] = -1)))).toBe('/spec/seed');
  });
});
