/**
 * The earthquake plan actions (searchRescue, clearRoads, medicalSurge, shelterDisplaced), triage by severity and
 * tents from the reserves: each action's completion fires exactly when its rule first holds after the clause
 * starts; the plan with them on time does better than the weak plan on paired seeds; triage by severity lets
 * fewer severe casualties die than first come, first served on paired seeds; tent stock never goes negative and
 * unmet tents rise when the reserves hold none.
 */
import { describe, expect, it } from 'vitest';
import { fixed, forgetRegion, PLAN, scenario, WEAK } from './helpers.js';
import { runReplication } from '../../../models/replication.js';
import { DISPLACED } from '../../../models/response/displaced.js';
import { MEDICAL } from '../../../models/response/medical.js';
import { RELIEF } from '../../../models/response/relief.js';
import { ROAD_DEBRIS } from '../../../models/response/road-clearance.js';
import type { CompiledScenario } from '../../../models/scenario/compile.js';
import { compilePlan } from '../../../models/plan/compile.js';
import { loadPlan, loadPlanDocs, mergePlanDocs } from '../../../models/scenario/load.js';
import type { PlanDoc } from '../../../models/schema/plan.js';
import type { World } from '../../../models/world/world.js';


/** The plan with one change to its document. */
function planWith(sc: CompiledScenario, edit: (doc: PlanDoc) => void) {
  const doc = structuredClone(mergePlanDocs(loadPlanDocs(PLAN)));
  edit(doc);
  return compilePlan(doc, sc, PLAN);
}

describe('earthquake plan actions', () => {
  it('each action completes exactly when its rule first holds after the clause starts', () => {
    // Weak slopes so corridors are blocked; a field hospital set-up time that is known.
    const sc = scenario('mabian', { 'earthquake.slopeFactorOfSafety': fixed(1.05), 'medical.fieldHospitalSetupH': fixed(6) });
    const plan = loadPlan(PLAN, sc);
    const clause = (type: string) => plan.levels.flatMap((l) => l.actions).find((a) => a.type === type)!;
    const sar = clause('searchRescue').data as { zones: Int32Array };
    const roads = clause('clearRoads').data as { edges: Int32Array };
    const camps = clause('shelterDisplaced').data as { zones: Int32Array };
    let seen = 0;
    for (let rep = 0; rep < 3; rep++) {
      const started = new Map<string, number>();
      const completed = new Map<string, number>();
      /** First time after the clause started at which the rule held (checked at every change that can make it hold). */
      const firstHeld = new Map<string, number>();
      let world: World | null = null;
      const held = (type: string, t: number): void => {
        if (started.has(type) && !firstHeld.has(type)) firstHeld.set(type, t);
      };
      const sarRule = (w: World): boolean => Array.from(sar.zones).every((z) => w.people.get(z, 'trapped') === 0);
      const roadRule = (w: World): boolean => Array.from(roads.edges).every((e) => !w.get(ROAD_DEBRIS).isBlocked(e));
      const campRule = (w: World): boolean => {
        const d = w.get(DISPLACED);
        return Array.from(camps.zones).every((z) => d.delivered[z]! >= d.tentsNeeded(z));
      };
      runReplication(sc, plan, 21, rep, {
        trace: (e) => {
          if (e.kind === 'action.started') {
            started.set(e.type, e.t);
            // A rule that already holds when the clause starts completes it at once.
            if (e.type === 'searchRescue' && sarRule(world!)) held(e.type, e.t);
            if (e.type === 'clearRoads' && roadRule(world!)) held(e.type, e.t);
          }
          if (e.kind === 'action.completed') completed.set(e.type, e.t);
          if (e.kind === 'road.cleared' && roadRule(world!)) held('clearRoads', e.t);
        },
        instrument: (w) => {
          world = w;
          w.people.onMove((zone, from) => {
            if (from === 'trapped' && sar.zones.includes(zone) && sarRule(w)) held('searchRescue', w.sim.now);
          });
          w.get(DISPLACED).onDelivery(() => {
            if (campRule(w)) held('shelterDisplaced', w.sim.now);
          });
        },
      });
      for (const type of ['searchRescue', 'clearRoads']) {
        expect(started.has(type), type).toBe(true);
        if (firstHeld.has(type)) {
          expect(completed.get(type), type).toBe(firstHeld.get(type));
          seen++;
        } else expect(completed.has(type), type).toBe(false);
      }
      // The camps: the rule first holds at a delivery (or at the start when no one needs a tent).
      if (completed.has('shelterDisplaced')) {
        expect(campRule(world!)).toBe(true);
        if (firstHeld.has('shelterDisplaced')) expect(completed.get('shelterDisplaced')).toBe(firstHeld.get('shelterDisplaced'));
        seen++;
      }
      // The field hospital takes patients six hours after the order.
      expect(completed.get('medicalSurge')! - started.get('medicalSurge')!).toBeCloseTo(360, 9);
      const field = world!.get(MEDICAL).hospitals.find((h) => h.field)!;
      expect(field.readyAt).toBeCloseTo(completed.get('medicalSurge')!, 9);
    }
    expect(seen).toBeGreaterThanOrEqual(4);
  });

  it('the plan with its actions does better than the weak plan on paired seeds', () => {
    const sc = scenario('mabian', { 'earthquake.slopeFactorOfSafety': fixed(1.1) });
    const plan = loadPlan(PLAN, sc);
    const weak = loadPlan(WEAK, sc);
    const sum = { plan: { deaths: 0, tents: 0, blocked: 0, done: 0 }, weak: { deaths: 0, tents: 0, blocked: 0, done: 0 } };
    const horizon = sc.horizonMin;
    for (let i = 0; i < 6; i++) {
      for (const [name, p] of [['plan', plan], ['weak', weak]] as const) {
        const r = runReplication(sc, p, 11, i);
        sum[name].deaths += r.metrics['deaths']!;
        sum[name].tents += r.metrics['tentsUnmet']!;
        sum[name].blocked += r.metrics['roadBlockedHours']!;
        // When search and rescue reached everyone trapped and the corridors were open (the horizon if never).
        for (const id of ['4.2.4', '4.2.5']) sum[name].done += r.breakdown.clause[id]?.['completedMin'] ?? horizon;
      }
    }
    expect(sum.weak.deaths).toBeGreaterThan(sum.plan.deaths);
    expect(sum.weak.tents).toBeGreaterThan(sum.plan.tents);
    expect(sum.weak.blocked).toBeGreaterThanOrEqual(sum.plan.blocked);
    expect(sum.plan.done).toBeLessThan(sum.weak.done);
  });

  it('triage by severity lets fewer severe casualties die waiting than first come, first served (paired seeds)', () => {
    // Scarce transport makes the order matter: one trip of two patients at a time per team.
    const sc = scenario('mabian', { 'medical.patientsPerTrip': fixed(2), 'sar.extractedSevereShare': fixed(0.3) });
    const severity = planWith(sc, (d) => ((d as { triage?: string }).triage = 'severity'));
    const arrival = planWith(sc, (d) => ((d as { triage?: string }).triage = 'arrival'));
    let a = 0;
    let b = 0;
    let waitA = 0;
    let waitB = 0;
    for (let i = 0; i < 8; i++) {
      const ra = runReplication(sc, severity, 5, i);
      const rb = runReplication(sc, arrival, 5, i);
      a += ra.metrics['injuredDeathsWaiting']!;
      b += rb.metrics['injuredDeathsWaiting']!;
      waitA += ra.metrics['careWaitSevereMeanH']!;
      waitB += rb.metrics['careWaitSevereMeanH']!;
    }
    expect(b).toBeGreaterThan(a);
    expect(waitB).toBeGreaterThan(waitA);
  });

  it('tent stock never goes negative, and unmet tents rise when the reserves hold no tents', () => {
    // No resupply from the province within the run: what the reserves hold is all there is.
    const noResupply = { 'relief.resupplyLeadH': fixed(1000) };
    const full = scenario('mabian', noResupply);
    let withStock = 0;
    for (let i = 0; i < 3; i++) {
      let min = Infinity;
      const r = runReplication(full, loadPlan(PLAN, full), 9, i, {
        observeEveryMin: 120,
        checkInvariants: true,
        instrument: (w) => {
          w.sim.process(function* () {
            for (;;) {
              yield w.sim.timeout(60);
              min = Math.min(min, w.get(RELIEF).minStock());
            }
          });
        },
      });
      expect(min).toBeGreaterThanOrEqual(0);
      withStock += r.metrics['tentsUnmet']!;
    }
    forgetRegion();
    const cut = scenario('mabian', noResupply);
    for (const res of cut.region.assets.reserves) (res.stock as Record<string, number>)['tents'] = 0;
    let without = 0;
    try {
      for (let i = 0; i < 3; i++) without += runReplication(cut, loadPlan(PLAN, cut), 9, i).metrics['tentsUnmet']!;
    } finally {
      forgetRegion();
    }
    expect(without).toBeGreaterThan(withStock);
  });
});

describe('earthquake plan actions: bad input', () => {
  it('an unknown road edge or an empty zone selection is a located error', () => {
    const sc = scenario('ebian');
    const doc = structuredClone(mergePlanDocs(loadPlanDocs(PLAN)));
    const level = doc.levels!.find((l) => l.level === 'III')!;
    const roads = level.actions.findIndex((a) => 'clearRoads' in a);
    (level.actions[roads] as unknown as { clearRoads: { edges: string[] } }).clearRoads.edges = ['maoping--ebian_seat', 'no-such-edge'];
    const camps = level.actions.findIndex((a) => 'shelterDisplaced' in a);
    (level.actions[camps] as unknown as { shelterDisplaced: { zones: unknown } }).shelterDisplaced.zones = { county: ['atlantis'] };
    let issues: Array<{ path: string; message: string }> = [];
    try {
      compilePlan(doc, sc, PLAN);
    } catch (err) {
      issues = (err as { issues: typeof issues }).issues;
    }
    const li = doc.levels!.indexOf(level);
    expect(issues.some((i) => i.path === `/levels/${li}/actions/${roads}/clearRoads/edges/1` && i.message.includes("unknown road edge 'no-such-edge'"))).toBe(true);
    expect(issues.some((i) => i.path.startsWith(`/levels/${li}/actions/${camps}/shelterDisplaced/zones`))).toBe(true);
  });
});
