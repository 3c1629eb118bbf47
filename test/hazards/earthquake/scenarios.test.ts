/**
 * The earthquake scenarios end to end: each validates, runs and gives its metrics with county and team rows;
 * on paired seeds (common random numbers) faster search and rescue, and the plan against its weaker variant,
 * lose fewer lives; a blocked road opens only once an engineering team has worked its debris; aftershock counts
 * match the Reasenberg-Jones expectation; the people are conserved.
 */
import { describe, expect, it } from 'vitest';
import { fixed, forgetRegion, leshanRegion, PLAN, scenario, SCENARIOS, WEAK } from './helpers.js';
import { expectedAftershocks, SICHUAN_RJ } from '../../../models/hazards/earthquake/aftershocks.js';
import { runReplication } from '../../../models/replication.js';
import { compileScenario } from '../../../models/scenario/compile.js';
import { loadPlan, loadScenarioDoc } from '../../../models/scenario/load.js';
import type { ScenarioDoc } from '../../../models/schema/scenario.js';
import type { SimEvent } from '../../../models/world/events.js';



describe('earthquake scenarios', () => {
  it.each(['mabian', 'ebian', 'luding'])('%s runs and reports its metrics per county and per team', (name) => {
    const sc = scenario(name);
    const r = runReplication(sc, loadPlan(PLAN, sc), 1, 0);
    for (const m of ['quakeShakingDeaths', 'quakeTrapped', 'quakeDisplaced', 'trappedDeaths', 'rescuedAliveByTeams', 'roadBlockedHours', 'deaths']) {
      expect(r.metrics[m], m).toBeTypeOf('number');
    }
    const counties = Object.keys(r.breakdown.county);
    expect(counties.length).toBe(11);
    expect(Object.values(r.breakdown.county).every((row) => (row['maxIntensity'] ?? 0) >= 1)).toBe(true);
    expect(Object.keys(r.breakdown.team).length).toBeGreaterThan(0);
    // Deaths are the shaking's, those who died trapped and those who died waiting for care: nobody counted twice.
    expect(r.metrics['deaths']).toBe(r.metrics['quakeShakingDeaths']! + r.metrics['trappedDeaths']! + r.metrics['injuredDeathsWaiting']!);
    const countyDeaths = Object.values(r.breakdown.county).reduce((s, row) => s + (row['deaths'] ?? 0), 0);
    expect(countyDeaths).toBe(r.metrics['deaths']);
  });

  it('Mabian shakes its own county hardest (IX near the epicentre) and traps people there', () => {
    const sc = scenario('mabian', { 'earthquake.intensityShift': fixed(0) });
    const r = runReplication(sc, loadPlan(PLAN, sc), 1, 0);
    const mabian = r.breakdown.county['mabian']!;
    expect(mabian['maxIntensity']).toBeGreaterThanOrEqual(8.5);
    for (const [c, row] of Object.entries(r.breakdown.county)) if (c !== 'mabian') expect(row['maxIntensity'] ?? 0).toBeLessThanOrEqual(mabian['maxIntensity']!);
    expect(mabian['trapped']).toBeGreaterThan(0);
  });

  it('faster search and rescue leaves fewer dead among the trapped on paired seeds', () => {
    const slow = scenario('mabian', { 'sar.teamHoursPerPerson': fixed(3) });
    const fast = scenario('mabian', { 'sar.teamHoursPerPerson': fixed(0.5) });
    let slowDead = 0;
    let fastDead = 0;
    let fewer = 0;
    for (let i = 0; i < 8; i++) {
      const a = runReplication(slow, loadPlan(PLAN, slow), 7, i).metrics['trappedDeaths']!;
      const b = runReplication(fast, loadPlan(PLAN, fast), 7, i).metrics['trappedDeaths']!;
      slowDead += a;
      fastDead += b;
      if (b < a) fewer++;
    }
    expect(fastDead).toBeLessThan(0.8 * slowDead);
    expect(fewer).toBeGreaterThanOrEqual(7);
  });

  it('the weaker plan loses more lives, and leaves the homeless with less relief, than the plan on paired seeds', () => {
    const sc = scenario('mabian');
    const plan = loadPlan(PLAN, sc);
    const weak = loadPlan(WEAK, sc);
    let a = 0;
    let b = 0;
    let reliefA = 0;
    let reliefB = 0;
    for (let i = 0; i < 8; i++) {
      const ra = runReplication(sc, plan, 3, i);
      const rb = runReplication(sc, weak, 3, i);
      a += ra.metrics['trappedDeaths']!;
      b += rb.metrics['trappedDeaths']!;
      reliefA += ra.metrics['unmetReliefPersonDays']!;
      reliefB += rb.metrics['unmetReliefPersonDays']!;
      // The homeless reach shelters under both plans; only the plan releases the reserves to them.
      expect(ra.metrics['evacuated']).toBeGreaterThan(0);
    }
    expect(b).toBeGreaterThan(a);
    expect(reliefB).toBeGreaterThan(reliefA);
  });

  it('a road blocked by a landslide opens only after an engineering team has cleared its debris', () => {
    // Weak slopes and a fixed rate so the clearance time is known: volume / rate.
    const sc = scenario('ebian', {
      'earthquake.slopeFactorOfSafety': fixed(1.02),
      'earthquake.landslideVolumeM3': fixed(6000),
      'roads.clearanceM3PerH': fixed(200),
    });
    const events: SimEvent[] = [];
    runReplication(sc, loadPlan(PLAN, sc), 5, 0, { trace: (e) => events.push(e) });
    const blocked = events.filter((e) => e.kind === 'road.blocked');
    expect(blocked.length).toBeGreaterThan(0);
    for (const b of blocked) {
      if (b.kind !== 'road.blocked') continue;
      const cleared = events.find((e) => e.kind === 'road.cleared' && e.edge === b.edge);
      if (cleared === undefined) continue;
      const arrived = events.find((e) => e.kind === 'team.arrived' && e.incident.startsWith(`road-clearance:${b.edge}:`));
      expect(arrived, b.edge).toBeDefined();
      expect(cleared.t - arrived!.t).toBeCloseTo((6000 / 200) * 60, 6);
    }
    expect(events.some((e) => e.kind === 'road.cleared')).toBe(true);
  });

  it('a blocked road stays closed when no team can clear it', () => {
    const sc = scenario('ebian', { 'earthquake.slopeFactorOfSafety': fixed(1.02) });
    const plan = loadPlan(WEAK, sc);
    // Without road-clearance teams in the region nothing clears: strip the capability from this compiled copy.
    for (const t of sc.region.assets.teams) (t.capabilities as string[]).splice(0, Infinity, ...t.capabilities.filter((c) => c !== 'road-clearance'));
    const events: SimEvent[] = [];
    try {
      runReplication(sc, plan, 5, 0, { trace: (e) => events.push(e) });
    } finally {
      forgetRegion();
    }
    expect(events.some((e) => e.kind === 'road.blocked')).toBe(true);
    expect(events.some((e) => e.kind === 'road.cleared')).toBe(false);
  });

  it('bridges shaken to VII close for inspection, and those damaged stay closed', () => {
    const sc = scenario('ebian', { 'earthquake.intensityShift': fixed(1.5), 'earthquake.bridgeInspectionH': fixed(6) });
    const bridges = new Set(sc.csr.edges.filter((e) => e.bridge === true).map((e) => e.id));
    let inspected = 0;
    let damaged = 0;
    for (let i = 0; i < 4; i++) {
      const events: SimEvent[] = [];
      const r = runReplication(sc, loadPlan(PLAN, sc), 6, i, { trace: (e) => events.push(e) });
      const closures = events.filter((e): e is Extract<SimEvent, { kind: 'edge.closed' }> => e.kind === 'edge.closed' && bridges.has(e.edge));
      for (const c of closures) {
        if (c.until === Infinity) damaged++;
        else {
          inspected++;
          expect(c.until - c.t).toBeCloseTo(360, 9);
        }
      }
      expect(closures.filter((c) => c.until === Infinity).length).toBe(r.metrics['quakeBridgesDamaged']);
    }
    expect(inspected + damaged).toBeGreaterThan(0);
  });

  it('aftershock counts over many replications match the Reasenberg-Jones expectation', () => {
    const sc = scenario('luding', { 'earthquake.aftershockA': fixed(SICHUAN_RJ.a) });
    const plan = loadPlan(PLAN, sc);
    const n = 120;
    let total = 0;
    for (let i = 0; i < n; i++) {
      let shocks = 0;
      runReplication(sc, plan, 11, i, { trace: (e) => void (e.kind === 'quake.shock' && shocks++) });
      total += shocks - 1;
    }
    const expected = expectedAftershocks(SICHUAN_RJ, 6.8, 4, 0, 7);
    // Poisson counts: the mean of n has sd sqrt(expected / n); 3 sd either side.
    expect(Math.abs(total / n - expected)).toBeLessThan(3 * Math.sqrt(expected / n));
  });

  it('hospitals never take more patients than their beds, and fewer beds leave more injured dying on paired seeds', () => {
    const events: SimEvent[] = [];
    const tight = scenario('mabian', { 'medical.surgeBedShare': fixed(0.02) });
    const ample = scenario('mabian', { 'medical.surgeBedShare': fixed(0.5) });
    let tightDead = 0;
    let ampleDead = 0;
    for (let i = 0; i < 6; i++) {
      const a = runReplication(tight, loadPlan(PLAN, tight), 4, i, i === 0 ? { trace: (e) => events.push(e) } : {});
      const b = runReplication(ample, loadPlan(PLAN, ample), 4, i);
      tightDead += a.metrics['injuredDeathsWaiting']!;
      ampleDead += b.metrics['injuredDeathsWaiting']!;
      for (const r of [a, b]) {
        for (const row of Object.values(r.breakdown.county)) expect(row['hospitalAdmitted'] ?? 0).toBeGreaterThanOrEqual(0);
      }
      // Patients in beds at any one time fit in the surge beds (2 % of 8,650 staffed beds: at most 173 across the
      // city) and the 100 of the plan's field hospital (clause 4.3.3).
      const peak = Object.values(a.breakdown.county).reduce((s, row) => s + (row['hospitalPeakOccupied'] ?? 0), 0);
      expect(peak).toBeLessThanOrEqual(173 + 100);
    }
    expect(tightDead).toBeGreaterThan(ampleDead);
    expect(events.some((e) => e.kind === 'team.arrived' && e.incident.startsWith('medical-evacuation:'))).toBe(true);
  });

  it('refuses, at its place, a shock before the scenario start or out of time order', () => {
    const region = leshanRegion();
    const file = `${SCENARIOS}leshan-quake-ebian.yaml`;
    const doc = structuredClone(loadScenarioDoc(file).value) as ScenarioDoc;
    const quake = doc.hazards[0] as unknown as { shocks: Array<Record<string, unknown>> };
    quake.shocks = [{ ...quake.shocks[0]!, at: '2026-06-10T13:00+08:00' }, { ...quake.shocks[0]!, at: '2026-06-10T16:00+08:00' }, { ...quake.shocks[0]!, at: '2026-06-10T15:00+08:00' }];
    let issues: Array<{ path: string; message: string }> = [];
    try {
      compileScenario(doc, region, file);
    } catch (err) {
      issues = (err as { issues: typeof issues }).issues;
    }
    expect(issues.find((i) => i.path === '/hazards/0/shocks/0/at')?.message).toMatch(/before the scenario start/);
    expect(issues.find((i) => i.path === '/hazards/0/shocks/2/at')?.message).toMatch(/time order/);
  });

  it('is deterministic: the same seed gives the same results', () => {
    const sc = scenario('mabian');
    const plan = loadPlan(PLAN, sc);
    expect(JSON.stringify(runReplication(sc, plan, 9, 2))).toBe(JSON.stringify(runReplication(sc, plan, 9, 2)));
  });
});
