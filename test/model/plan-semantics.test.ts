/**
 * Plan semantics on a deterministic hydrograph (issue 4, Tests): triggers fire at the right minutes,
 * monitoring and decision delays shift them, stand-down works, forecasts lead, escalation carries out
 * the lower levels' clauses. Every expected minute below is computed by hand from:
 *
 * - the Testvale table hydrograph (test/fixtures/model/testvale-flood.yaml): stage 100 + t/100 m rising
 *   to 110 m at minute 1000, then 110 - (t - 1000)/100 m back to 100 m at minute 2000;
 * - the interpreter's contract (models/plan/interpreter.ts): the command reviews at minutes 0, R, 2R, ...
 *   (R = reviewInterval) and judges each trigger on the state one monitoring delay M old; a stage
 *   trigger "above X" holds at a review t when stage(t - M) > X. A level whose trigger holds is declared
 *   after its decision delay (plus the plan's delayAllTriggers).
 *
 * So a rising stage trigger at X, crossed at c = 100 (X - 100), is declared at the first review t with
 * t - M > c, plus the decision delay. Thresholds are chosen so that c + M never falls on a review.
 */
import { describe, expect, it } from 'vitest';
import type { LevelName } from '../../models/plan/compile.js';
import { loadPlan, prepare } from '../../models/scenario/load.js';
import type { LevelDoc, PlanDoc, TriggerDoc } from '../../models/schema/plan.js';
import type { ScenarioDoc } from '../../models/schema/scenario.js';
import type { SimEvent } from '../../models/world/events.js';
import { compileTestPlan, FIXTURES, ofKind, planDoc, TESTVALE_SCENARIO, testvaleScenario, traced, withTable } from './helpers.js';
import { join } from 'node:path';

/** First review strictly after `seenFrom` on a grid of `r` minutes from 0. */
const reviewAfter = (seenFrom: number, r: number): number => (Math.floor(seenFrom / r) + 1) * r;
/** First review at or after `t`. */
const reviewAtOrAfter = (t: number, r: number): number => Math.ceil(t / r) * r;
const rising = (x: number): number => 100 * (x - 100);
const falling = (x: number): number => 2000 - 100 * (x - 100);

interface Run {
  declared: Array<{ t: number; level: string; previous: string | null }>;
  stoodDown: Array<{ t: number; level: string; to: string | null }>;
  started: Array<{ t: number; action: string; level: string }>;
  levels: Array<{ level: string; t: number }>;
  events: SimEvent[];
}

function run(doc: PlanDoc, mutateScenario?: (d: ScenarioDoc) => void, seed = 1): Run {
  const scenario = testvaleScenario(mutateScenario);
  const plan = compileTestPlan(doc, scenario);
  const { events, result } = traced(scenario, plan, seed, 0);
  return {
    declared: ofKind(events, 'level.declared').map(({ t, level, previous }) => ({ t, level, previous })),
    stoodDown: ofKind(events, 'level.stoodDown').map(({ t, level, to }) => ({ t, level, to })),
    started: ofKind(events, 'action.started').map(({ t, action, level }) => ({ t, action, level })),
    levels: result.levels,
    events,
  };
}

const stage = (x: number): TriggerDoc => ({ gauge: 'g1', stageAboveM: x });
const below = (x: number): TriggerDoc => ({ gauge: 'g1', stageBelowM: x });
const level = (name: LevelName, when: TriggerDoc, extra: Partial<LevelDoc> = {}): LevelDoc => ({ level: name, when, actions: [], ...extra });
/** A plan with one level IV on `when`. */
const single = (when: TriggerDoc, fields: Partial<PlanDoc> = {}, extra: Partial<LevelDoc> = {}): PlanDoc =>
  planDoc({ ...fields, levels: [level('IV', when, extra)] });
const declaredAt = (r: Run): number[] => r.declared.map((d) => d.t);

describe('stage triggers and the review grid', () => {
  it('a stage trigger is declared at the first review after the crossing plus the monitoring delay', () => {
    // 102.37 m is crossed at minute 237; seen from 252; reviews every 10 min: declared at 260.
    const r = run(single(stage(102.37)));
    expect(rising(102.37)).toBeCloseTo(237, 9);
    expect(r.declared).toEqual([{ t: 260, level: 'IV', previous: null }]);
    expect(r.levels).toEqual([{ level: 'IV', t: 260 }]);
  });

  it('the exact minute follows the review interval', () => {
    const c = rising(102.37);
    for (const [interval, expected] of [
      [10, 260],
      [11, 253],
      [30, 270],
      [60, 300],
      [7, 259],
    ] as const) {
      expect(reviewAfter(c + 15, interval)).toBe(expected);
      const r = run(single(stage(102.37), { reviewInterval: `${interval}min` }));
      expect(declaredAt(r), `reviewInterval ${interval}min`).toEqual([expected]);
    }
  });

  it('a falling stage trigger (stage below) holds on the recession', () => {
    // Below 101.05 m on the way down: from minute 1895, seen from 1910, declared at 1920. It does not
    // hold at the start (stage 100 < 101.05 from minute 0) only because nothing is seen before minute M:
    // at the first reviews the command sees nothing yet; from minute 20 it sees 100.05 m < 101.05 m.
    const r = run(single({ all: [below(101.05), { after: '10h' }] }));
    // 'after 10h' = 600 min keeps the rising part out: the first review >= 600 where stage(t - 15) < 101.05.
    expect(falling(101.05)).toBeCloseTo(1895, 9);
    expect(declaredAt(r)).toEqual([reviewAfter(falling(101.05) + 15, 10)]);
    expect(declaredAt(r)).toEqual([1920]);
  });

  it('nothing is seen before one monitoring delay has passed', () => {
    // Stage 100 m at minute 0 is below 100.5 m; a "below" trigger becomes visible only when t - M >= 0.
    const r = run(single(below(100.5), { monitoringDelay: '25min' }));
    expect(declaredAt(r)).toEqual([30]);
  });
});

describe('monitoring delay', () => {
  it('shifts the declaration by the delay, rounded up to the review grid', () => {
    const c = rising(102.37); // 237
    const cases: Array<[string, number]> = [
      ['0min', 240],
      ['15min', 260],
      ['22min', 260],
      ['28min', 270],
      ['75min', 320],
      ['2h', 360],
    ];
    for (const [delay, expected] of cases) {
      const m = Number.parseInt(delay, 10) * (delay.endsWith('h') ? 60 : 1);
      expect(reviewAfter(c + m, 10), delay).toBe(expected);
      const r = run(single(stage(102.37), { monitoringDelay: delay }));
      expect(declaredAt(r), `monitoringDelay ${delay}`).toEqual([expected]);
    }
  });

  it('increasing the delay by a multiple of the review interval shifts the declaration by exactly that much', () => {
    const base = declaredAt(run(single(stage(103.83), { monitoringDelay: '15min' })))[0]!;
    for (const extra of [10, 60, 240]) {
      const shifted = declaredAt(run(single(stage(103.83), { monitoringDelay: `${15 + extra}min` })))[0]!;
      expect(shifted - base, `+${extra} min`).toBe(extra);
    }
    expect(base).toBe(reviewAfter(rising(103.83) + 15, 10)); // 383 + 15 = 398 -> 400
  });
});

describe('decision delay and delayAllTriggers', () => {
  it("a level's decision delay adds to the declaration time", () => {
    const r = run(single(stage(102.37), {}, { decisionDelay: '45min' }));
    expect(declaredAt(r)).toEqual([260 + 45]);
  });

  it("the plan's default decision delay applies where a level gives none, and a level's own wins", () => {
    const doc = planDoc({
      decisionDelay: '20min',
      levels: [level('IV', stage(102.37)), level('III', stage(105.02), { decisionDelay: '45min' })],
    });
    // IV: 260 + 20. III: 105.02 m crossed at 502, seen from 517, review 520, + 45.
    expect(run(doc).declared).toEqual([
      { t: 280, level: 'IV', previous: null },
      { t: 565, level: 'III', previous: 'IV' },
    ]);
  });

  it('delayAllTriggers delays every trigger once, before the decision delay', () => {
    expect(declaredAt(run(single(stage(102.37), { delayAllTriggers: '6h' })))).toEqual([260 + 360]);
    expect(declaredAt(run(single(stage(102.37), { delayAllTriggers: '6h' }, { decisionDelay: '45min' })))).toEqual([260 + 45 + 360]);
    expect(declaredAt(run(single(stage(102.37), { delayAllTriggers: '6h', decisionDelay: '20min' })))).toEqual([260 + 20 + 360]);
  });

  it('the fixture plan and its late copy (extends + delayAllTriggers 2h), level by level', () => {
    // basic.yaml: IV at 260, III at 370, II (2 h forecast > 105.21 m) at 420, I (island flooded at
    // minute 700, seen from 715) at 720; I stands down to II once the stage is seen below 106.02 m
    // (falling crossing 1398, seen 1413): at 1420. The late copy judges every trigger on state 2 h older,
    // once: each level 2 h later, and the stand-down too (seen below 106.02 m from 1533: at 1540).
    const { scenario, plan } = prepare(TESTVALE_SCENARIO);
    const late = loadPlan(join(FIXTURES, 'plans/basic-late.yaml'), scenario);
    const onTime = traced(scenario, plan, 1, 0).result.levels;
    const delayed = traced(scenario, late, 1, 0).result.levels;
    expect(onTime).toEqual([
      { level: 'IV', t: 260 },
      { level: 'III', t: 370 },
      { level: 'II', t: 420 },
      { level: 'I', t: 720 },
      { level: 'II', t: 1420 },
    ]);
    expect(delayed).toEqual([
      { level: 'IV', t: 380 },
      { level: 'III', t: 490 },
      { level: 'II', t: 540 },
      { level: 'I', t: 840 },
      { level: 'II', t: 1540 },
    ]);
  });

  it('a level whose trigger no longer holds when its decision delay ends is not declared then (interpreter.ts: "if the level is still the right call")', () => {
    // Two humps: above 102 m only from minute 200 to 333 (hump 1, too short for a 3 h decision delay),
    // and from 1200 to 1833 (hump 2). Hump 1 is seen from 215 (review 220); after 3 h, at 400, the
    // command sees 100.45 m: the level is not the right call any more and is not declared. Hump 2 is seen
    // from 1215 (review 1220) and still holds at 1220 + 180 = 1400: declared then.
    const humps: Array<[number, number]> = [
      [0, 100],
      [300, 103],
      [400, 100],
      [1000, 100],
      [1300, 103],
      [1800, 103],
      [1900, 100],
    ];
    const r = run(single(stage(102), {}, { decisionDelay: '3h' }), withTable(humps));
    expect(declaredAt(r)).toEqual([1400]);
  });
});

describe('stand-down', () => {
  it('a level steps down (to none) once its stand-down condition is seen', () => {
    const r = run(single(stage(102.37), {}, { standDown: below(101.05) }));
    // Declared at 260; the stage is seen below 101.05 m from 1910: stood down at the review of 1920.
    expect(r.declared).toEqual([{ t: 260, level: 'IV', previous: null }]);
    expect(r.stoodDown).toEqual([{ t: 1920, level: 'IV', to: null }]);
    expect(r.levels).toEqual([
      { level: 'IV', t: 260 },
      { level: 'none', t: 1920 },
    ]);
  });

  it('a higher level steps down to the next lower one, which then stands down on its own condition', () => {
    const doc = planDoc({
      levels: [level('IV', stage(102.37), { standDown: below(101.05) }), level('III', stage(105.02), { standDown: below(104.97) })],
    });
    const r = run(doc);
    // III: seen above 105.02 m from 517 -> 520; seen below 104.97 m from falling(104.97) + 15 = 1518 -> 1520.
    expect(r.levels).toEqual([
      { level: 'IV', t: 260 },
      { level: 'III', t: 520 },
      { level: 'IV', t: 1520 },
      { level: 'none', t: 1920 },
    ]);
    expect(r.stoodDown).toEqual([
      { t: 1520, level: 'III', to: 'IV' },
      { t: 1920, level: 'IV', to: null },
    ]);
  });

  it('without a stand-down condition a level stays in force to the end', () => {
    const r = run(single(stage(102.37)));
    expect(r.stoodDown).toEqual([]);
    expect(r.levels).toEqual([{ level: 'IV', t: 260 }]);
  });

  it('a level stood down is declared again on a second flood, and its clauses are not repeated', () => {
    // Above 102 m on (200, 400) and (1200, 1400); below 101 m after 500 and after 1500.
    const humps: Array<[number, number]> = [
      [0, 100],
      [300, 103],
      [600, 100],
      [1000, 100],
      [1300, 103],
      [1600, 100],
    ];
    const doc = planDoc({
      levels: [level('IV', stage(102), { standDown: below(101), actions: [{ id: 'iv.1', openShelters: { zones: { tag: 'floodplain' } } }] })],
    });
    const r = run(doc, withTable(humps));
    expect(r.levels).toEqual([
      { level: 'IV', t: 220 },
      { level: 'none', t: 520 },
      { level: 'IV', t: 1220 },
      { level: 'none', t: 1520 },
    ]);
    expect(r.started).toEqual([{ t: 220, action: 'iv.1', level: 'IV' }]);
  });

  it('levelActiveFor in a stand-down counts from the declaration', () => {
    // Declared at 260; the stage is seen below 101.05 m from 1910, but the level must also have been in
    // force for 30 h (1800 min): 260 + 1800 = 2060, a review minute.
    const r = run(single(stage(102.37), {}, { standDown: { all: [below(101.05), { levelActiveFor: '30h' }] } }));
    expect(r.stoodDown.map((s) => s.t)).toEqual([2060]);
  });
});

describe('forecast triggers', () => {
  it('with no forecast error, a forecast trigger fires `lead` earlier than the same stage trigger', () => {
    // Forecast issued at s for s + lead exceeds X when s + lead > c: seen-time s > c - lead.
    const c = rising(102.37);
    const byStage = declaredAt(run(single(stage(102.37))))[0]!;
    for (const [lead, leadMin] of [
      ['2h', 120],
      ['1h', 60],
      ['30min', 30],
    ] as const) {
      const byForecast = declaredAt(run(single({ gauge: 'g1', forecastStageAboveM: 102.37, lead })))[0]!;
      expect(byForecast, `lead ${lead}`).toBe(reviewAfter(c - leadMin + 15, 10));
      // A lead that is a multiple of the review interval moves the declaration by exactly the lead.
      expect(byStage - byForecast, `lead ${lead}`).toBe(leadMin);
    }
  });

  it('a lead off the review grid is rounded to it', () => {
    // c - 45 + 15 = 207: declared at 210, 50 min before the stage trigger (260).
    const r = run(single({ gauge: 'g1', forecastStageAboveM: 102.37, lead: '45min' }));
    expect(declaredAt(r)).toEqual([210]);
  });

  it('a forecast beyond the peak never fires', () => {
    const r = run(single({ gauge: 'g1', forecastStageAboveM: 110.5, lead: '6h' }));
    expect(r.declared).toEqual([]);
  });
});

describe('escalation', () => {
  it('jumping straight to a high level carries out every lower level’s clauses too, in plan order', () => {
    // Level I on `after 95min` fires at the review of 100 while IV-II's stage triggers are far off.
    const doc = planDoc({
      levels: [
        level('IV', stage(109), { actions: [{ id: '1', openShelters: { zones: { tag: 'floodplain' } } }] }),
        level('III', stage(109.5), { actions: [{ id: '2', releaseStock: { tiers: ['county'] } }] }),
        level('II', stage(109.8), {
          actions: [
            { id: '3a', mobilise: { teams: { type: ['flood-rescue-assault'] } } },
            { id: '3b', warn: { channels: ['cell-broadcast'], zones: { tag: 'riverside' } } },
          ],
        }),
        level('I', { after: '95min' }, { actions: [{ id: '4', releaseStock: { tiers: ['city'] } }] }),
      ],
    });
    const r = run(doc);
    expect(r.declared).toEqual([{ t: 100, level: 'I', previous: null }]);
    expect(r.started).toEqual([
      { t: 100, action: '1', level: 'I' },
      { t: 100, action: '2', level: 'I' },
      { t: 100, action: '3a', level: 'I' },
      { t: 100, action: '3b', level: 'I' },
      { t: 100, action: '4', level: 'I' },
    ]);
    // The lower levels' own triggers later hold, but they rank below the level in force: nothing more.
    expect(r.levels).toEqual([{ level: 'I', t: 100 }]);
    // The clauses really ran: the warning went out at 100.
    expect(ofKind(r.events, 'warning.issued').map((e) => [e.t, e.channel, e.action])).toEqual([[100, 'cell-broadcast', '3b']]);
  });

  it('climbing level by level starts each level’s clauses once, at its own declaration', () => {
    const doc = planDoc({
      levels: [
        level('IV', stage(102.37), { actions: [{ id: 'a', openShelters: { zones: { tag: 'floodplain' } } }] }),
        level('II', stage(105.02), { actions: [{ id: 'b', releaseStock: { tiers: ['county'] } }] }),
      ],
    });
    const r = run(doc);
    expect(r.declared).toEqual([
      { t: 260, level: 'IV', previous: null },
      { t: 520, level: 'II', previous: 'IV' },
    ]);
    expect(r.started).toEqual([
      { t: 260, action: 'a', level: 'IV' },
      { t: 520, action: 'b', level: 'II' },
    ]);
  });

  it('when two levels hold at one review, the higher is declared', () => {
    // III: 103.52 m seen from 367; II: 103.61 m seen from 376. With reviews every 30 min both first hold
    // at 390: II is declared directly.
    const doc = planDoc({ reviewInterval: '30min', levels: [level('III', stage(103.52)), level('II', stage(103.61))] });
    expect(run(doc).declared).toEqual([{ t: 390, level: 'II', previous: null }]);
  });
});

describe('clauses with their own condition (action `when`)', () => {
  it('a clause waits, armed, until its condition is seen while its level is in force', () => {
    // IV declared at 260; clause 'b' waits for 105.02 m (seen from 517): review 520.
    const doc = planDoc({
      levels: [
        level('IV', stage(102.37), {
          actions: [
            { id: 'a', openShelters: { zones: { tag: 'floodplain' } } },
            { id: 'b', when: stage(105.02), releaseStock: { tiers: ['county'] } },
          ],
        }),
      ],
    });
    expect(run(doc).started).toEqual([
      { t: 260, action: 'a', level: 'IV' },
      { t: 520, action: 'b', level: 'IV' },
    ]);
    // Carried out 2 h late: the level at 380, the armed clause 2 h after its condition is seen.
    expect(run({ ...doc, delayAllTriggers: '2h' }).started).toEqual([
      { t: 380, action: 'a', level: 'IV' },
      { t: 640, action: 'b', level: 'IV' },
    ]);
  });

  it('a clause whose condition already holds runs with its level', () => {
    const doc = planDoc({
      levels: [level('IV', stage(105.02), { actions: [{ id: 'a', when: stage(102.37), openShelters: { zones: { tag: 'floodplain' } } }] })],
    });
    expect(run(doc).started).toEqual([{ t: 520, action: 'a', level: 'IV' }]);
    // Carried out 2 h late, the delay applies once: 105.02 m is crossed at 502, judged on state 15 min +
    // 2 h old it holds from 637, so the level is declared at the review of 640; the clause's own condition
    // (102.37 m, crossed at 237) held long before in that view, so it runs with the level at 640, not 760.
    expect(run({ ...doc, delayAllTriggers: '2h' }).started).toEqual([{ t: 640, action: 'a', level: 'IV' }]);
  });
});

describe('zone-flooded, casualty and time triggers', () => {
  it('zoneFlooded holds from the first review at or after the zone floods plus the monitoring delay', () => {
    // Riverside floods at stage 104 m: minute 400; seen from 415: declared at 420.
    expect(declaredAt(run(single({ zoneFlooded: { ids: ['riverside'] } })))).toEqual([reviewAtOrAfter(rising(104) + 15, 10)]);
    expect(declaredAt(run(single({ zoneFlooded: { ids: ['riverside'] } })))).toEqual([420]);
    // A selector: any island-tagged zone (the island floods at 107 m: minute 700, seen 715): 720.
    expect(declaredAt(run(single({ zoneFlooded: { tag: 'island' } })))).toEqual([720]);
    // Two zones: the first to flood counts.
    expect(declaredAt(run(single({ zoneFlooded: { tag: 'floodplain' } })))).toEqual([420]);
  });

  it('zoneFlooded on a zone that stays dry never fires', () => {
    expect(run(single({ zoneFlooded: { ids: ['hill'] } })).declared).toEqual([]);
  });

  it('cutOffAtLeast counts the people cut off as seen one monitoring delay ago', () => {
    // Nobody is warned, so all 300 islanders are cut off when the bridge goes under (105.5 m: minute 550);
    // seen from 565: declared at 570. 301 is never reached.
    expect(declaredAt(run(single({ cutOffAtLeast: 300 })))).toEqual([570]);
    expect(run(single({ cutOffAtLeast: 301 })).declared).toEqual([]);
  });

  it('`after` and `at` are clock triggers: first review at or after the time, no monitoring delay', () => {
    expect(declaredAt(run(single({ after: '95min' })))).toEqual([100]);
    expect(declaredAt(run(single({ after: '100min' })))).toEqual([100]);
    expect(declaredAt(run(single({ after: '101min' })))).toEqual([110]);
    // 10:05 local on the start day is minute 125: review 130.
    expect(declaredAt(run(single({ at: '2020-07-01T10:05+08:00' })))).toEqual([130]);
    expect(declaredAt(run(single({ after: '95min' }, { monitoringDelay: '2h' })))).toEqual([100]);
  });

  it('all / any / not combine triggers', () => {
    expect(declaredAt(run(single({ all: [stage(102.37), { after: '5h' }] })))).toEqual([300]);
    expect(declaredAt(run(single({ any: [stage(102.37), { after: '5h' }] })))).toEqual([260]);
    expect(declaredAt(run(single({ any: [stage(109.5), { after: '3d' }] })))).toEqual([reviewAfter(rising(109.5) + 15, 10)]);
  });

  it('not(...) does not hold before anything has been observed (the first monitoring delay)', () => {
    // not(stage below 102.37 m) = stage at or above 102.37 m: seen from 252, declared at 260 (no review
    // lands on equality). In the first 15 min the command has seen no stage at all, so neither the
    // condition nor its negation can be known to hold.
    expect(declaredAt(run(single({ not: below(102.37) })))).toEqual([260]);
    expect(declaredAt(run(single({ not: { zoneFlooded: { ids: ['hill'] } } }, { monitoringDelay: '25min' })))).toEqual([30]);
  });
});
