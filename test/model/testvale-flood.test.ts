/**
 * The synthetic Testvale region and flood (test/fixtures/model) through the real loaders, and the flood
 * field's events on its table hydrograph, every time computed by hand.
 *
 * Gauge g1: 100 m at minute 0, +1 cm/min to 110 m at minute 1000, -1 cm/min to 100 m at 2000. So the
 * stage passes X m at minute 100 (X - 100) rising and 2000 - 100 (X - 100) falling.
 */
import { join } from 'node:path';
import type { CompiledFlood } from '../../models/hazards/flood/compile.js';
import { describe, expect, it } from 'vitest';
import { loadRegion } from '../../models/region/load.js';
import { loadPlan, prepare } from '../../models/scenario/load.js';
import type { SimEvent } from '../../models/world/events.js';
import { compileTestPlan, FIXTURES, ofKind, planDoc, TESTVALE_REGION, TESTVALE_SCENARIO, testvaleScenario, traced } from './helpers.js';

const rising = (x: number): number => 100 * (x - 100);
const falling = (x: number): number => 2000 - 100 * (x - 100);

describe('Testvale fixture through the loaders', () => {
  it('the region directory passes every check of loadRegion, without warnings', () => {
    const region = loadRegion(TESTVALE_REGION);
    expect(region.warnings).toEqual([]);
    expect(region.manifest.id).toBe('testvale');
    expect(region.zones.zones.map((z) => z.id)).toEqual(['riverside', 'island', 'town', 'hill']);
    expect(region.assets.gauges.map((g) => g.id)).toEqual(['g1']);
  });

  it('prepare() loads the scenario, its region by relative path and its default plan', () => {
    const { scenario, plan } = prepare(TESTVALE_SCENARIO);
    expect(scenario.id).toBe('testvale-flood');
    expect(scenario.horizonMin).toBe(2 * 1440);
    // 2020-07-01T08:00+08:00: minute 480 of the local day.
    expect(scenario.startLocalMinuteOfDay).toBe(480);
    expect((scenario.hazards[0]!.compiled as CompiledFlood).gauges.get('g1')!.hydrograph!.table).toEqual([
      [0, 100],
      [1000, 110],
      [2000, 100],
    ]);
    expect(plan.id).toBe('testvale-basic');
    expect(plan.levels.map((l) => l.level)).toEqual(['IV', 'III', 'II', 'I']);
    expect(plan.monitoringDelayMin).toBe(15);
    expect(plan.reviewIntervalMin).toBe(10);
  });

  it("a plan that extends another takes the base's levels and its own delay", () => {
    const { scenario } = prepare(TESTVALE_SCENARIO);
    const late = loadPlan(join(FIXTURES, 'plans/basic-late.yaml'), scenario);
    expect(late.id).toBe('testvale-basic-late');
    expect(late.levels.map((l) => l.level)).toEqual(['IV', 'III', 'II', 'I']);
    // delayAllTriggers is a lag on what the command sees, applied once to every trigger, not a decision delay.
    expect(late.lagMin).toBe(120);
    expect(late.levels.map((l) => l.decisionDelayMin)).toEqual([0, 0, 0, 0]);
  });
});

describe('flood field on the table hydrograph (times by hand)', () => {
  const scenario = testvaleScenario();
  // A plan that does nothing within the horizon: the flood plays out on an unwarned population.
  const idle = compileTestPlan(planDoc({ levels: [{ level: 'IV', when: { after: '10d' }, actions: [] }] }), scenario);
  const { events, result } = traced(scenario, idle, 7, 0);
  const at = (kind: SimEvent['kind'], match: (e: SimEvent) => boolean = () => true): number[] =>
    events.filter((e) => e.kind === kind && match(e)).map((e) => e.t);

  it('gauge g1 crosses its warning (103 m) and guaranteed (105 m) stages once each', () => {
    const crossed = ofKind(events, 'gauge.crossed');
    expect(crossed.map((e) => [e.level, e.stageM])).toEqual([
      ['warning', 103],
      ['guaranteed', 105],
    ]);
    expect(crossed[0]!.t).toBeCloseTo(rising(103), 9);
    expect(crossed[1]!.t).toBeCloseTo(rising(105), 9);
  });

  it('zones flood when g1 passes their stage and dry when it falls back; depth = peak - stage', () => {
    const flooded = ofKind(events, 'zone.flooded');
    expect(flooded.map((e) => e.zone)).toEqual(['riverside', 'island']);
    expect(flooded[0]!.t).toBeCloseTo(rising(104), 9);
    expect(flooded[0]!.peakDepthM).toBeCloseTo(6, 9);
    expect(flooded[1]!.t).toBeCloseTo(rising(107), 9);
    expect(flooded[1]!.peakDepthM).toBeCloseTo(3, 9);
    const dry = ofKind(events, 'zone.dry');
    expect(dry.map((e) => e.zone)).toEqual(['island', 'riverside']);
    expect(dry[0]!.t).toBeCloseTo(falling(107), 9);
    expect(dry[1]!.t).toBeCloseTo(falling(104), 9);
  });

  it('casualties are assessed at the peak (minute 1000) on everyone still there', () => {
    const cas = ofKind(events, 'zone.casualties');
    expect(cas.map((e) => e.zone).sort()).toEqual(['island', 'riverside']);
    for (const e of cas) expect(e.t).toBeCloseTo(1000, 9);
    const riverside = cas.find((e) => e.zone === 'riverside')!;
    const island = cas.find((e) => e.zone === 'island')!;
    expect(riverside.depthM).toBeCloseTo(6, 9);
    expect(island.depthM).toBeCloseTo(3, 9);
    // Nobody was warned or ordered out: the exposed are those not yet taken off by boat.
    const taken = (zone: string) =>
      ofKind(events, 'rescue.trip')
        .filter((e) => e.t <= 1000 && e.incident.includes(`:${zone}:`))
        .reduce((s, e) => s + e.persons, 0);
    expect(riverside.exposed).toBe(1000 - taken('riverside'));
    expect(island.exposed).toBe(300 - taken('island'));
    expect(result.metrics['deaths']!).toBe(riverside.deaths + island.deaths);
  });

  it('the bridge closes at its deck (105.5 m), the road at 0.3 m of water (106.8 m), known 30 min later', () => {
    const closed = ofKind(events, 'edge.closed');
    expect(closed.map((e) => e.edge)).toEqual(['riverside--island', 'seat--riverside']);
    const [bridge, road] = closed as [(typeof closed)[0], (typeof closed)[0]];
    expect(bridge.t).toBeCloseTo(rising(105.5), 9);
    expect(bridge.knownAt).toBeCloseTo(rising(105.5) + 30, 9);
    expect(bridge.until).toBeCloseTo(falling(105.5), 9);
    expect(road.t).toBeCloseTo(rising(106.8), 9);
    expect(road.knownAt).toBeCloseTo(rising(106.8) + 30, 9);
    expect(road.until).toBeCloseTo(falling(106.8), 9);
  });

  it('the island is cut off (all 300) when its bridge goes under: a boat rescue from the land end', () => {
    const cut = ofKind(events, 'zone.cutOff');
    expect(cut).toHaveLength(1);
    expect(cut[0]!.zone).toBe('island');
    expect(cut[0]!.persons).toBe(300);
    expect(cut[0]!.t).toBeCloseTo(rising(105.5), 9);
    const boat = ofKind(events, 'incident.created').filter((e) => e.type === 'boat-rescue');
    expect(boat).toHaveLength(1);
    expect(boat[0]!.node).toBe('riverside');
    expect(boat[0]!.persons).toBe(300);
    expect(result.metrics['cutOffPeak']!).toBe(300);
  });

  it('people left at home in a flooded zone wait for boats; the flooded plant calls the hazchem team', () => {
    const stranded = ofKind(events, 'incident.created').filter((e) => e.type === 'stranded');
    expect(stranded.map((e) => [e.node, e.persons])).toEqual([['riverside', 1000]]);
    expect(stranded[0]!.t).toBeCloseTo(rising(104), 9);
    expect(at('facility.flooded')).toHaveLength(1);
    expect(at('facility.flooded')[0]).toBeCloseTo(rising(106), 9);
    const hazchem = ofKind(events, 'team.dispatched').filter((e) => e.incident.startsWith('hazchem:'));
    expect(hazchem.map((e) => e.team)).toEqual(['team-hazchem']);
  });

  it('a team never called out pays call-out and mobilisation on top of turnout', () => {
    // Both boat teams live at the seat and neither was mobilised: same travel, same call-out (60 min),
    // turnout 5 min; mobilisation 20 min (team-boat) vs 5 min (team-fire).
    const first = ofKind(events, 'team.dispatched').filter((e) => e.incident.startsWith('stranded:'));
    const eta = new Map(first.map((e) => [e.team, e.etaMin]));
    expect(eta.get('team-boat')! - eta.get('team-fire')!).toBeCloseTo(15, 9);
    expect(eta.get('team-fire')!).toBeGreaterThan(60 + 5 + 5);
  });
});
