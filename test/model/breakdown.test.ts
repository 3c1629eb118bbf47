/**
 * The breakdown of a replication adds up (issue 10): per-county deaths, injuries, evacuees, unmet relief
 * and exposure sum to the city-wide metrics; no shelter ever held more people than arrived there; the
 * clause rows are the plan's clauses and say which started; the incident rows count the incidents the
 * trace shows, split into served, unserved and superseded.
 */
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../models/replication.js';
import type { SimEvent } from '../../models/world/events.js';
import { leshan2020, testvaleScenario } from './helpers.js';
import { RELIEF_ITEMS } from '../../models/response/relief.js';
import { loadPlan } from '../../models/scenario/load.js';
import { fileURLToPath } from 'node:url';

const BASIC_PLAN = fileURLToPath(new URL('../fixtures/model/plans/basic.yaml', import.meta.url));

const sum = (rows: Record<string, Record<string, number | null>>, column: string): number =>
  Object.values(rows).reduce((s, r) => s + (r[column] ?? 0), 0);

function cases() {
  const { scenario, plan, late } = leshan2020();
  const testvale = testvaleScenario();
  return [
    { name: 'Leshan 2020, on-time plan', scenario, plan, seeds: [1, 2] },
    { name: 'Leshan 2020, late plan', scenario, plan: late, seeds: [3] },
    { name: 'Testvale', scenario: testvale, plan: loadPlan(BASIC_PLAN, testvale), seeds: [1, 2, 3] },
  ];
}

describe('breakdown invariants', () => {
  for (const c of cases()) {
    for (const seed of c.seeds) {
      it(`${c.name}, seed ${seed}: the parts add up to the whole`, () => {
        const events: SimEvent[] = [];
        const r = runReplication(c.scenario, c.plan, seed, 0, { trace: (e) => events.push(e) });
        const b = r.breakdown;
        const m = r.metrics;
        // Counts are whole people: the sums are exact.
        expect(sum(b.county, 'deaths')).toBe(m['deaths']);
        expect(sum(b.county, 'injured')).toBe(m['injured']);
        expect(sum(b.county, 'evacuated')).toBe(m['evacuated']);
        // Sums of floating parts in another order: equal to rounding.
        expect(sum(b.county, 'unmetReliefPersonDays')).toBeCloseTo(m['unmetReliefPersonDays']!, 6);
        expect(sum(b.county, 'exposedPersonHours')).toBeCloseTo(m['exposedPersonHours']!, 3);
        // Every county of the region has its row.
        expect(new Set(Object.keys(b.county))).toEqual(new Set(c.scenario.zones.map((z) => z.county)));

        // Shelters: never more present than arrived; arrivals add up to the evacuees who arrived.
        const arrivedEvents = events.filter((e) => e.kind === 'evacuation.arrived').reduce((s, e) => s + (e as { persons: number }).persons, 0);
        expect(sum(b.shelter, 'arrived')).toBe(arrivedEvents);
        for (const [id, row] of Object.entries(b.shelter)) {
          expect(row['peakOccupancy']!, id).toBeLessThanOrEqual(row['arrived']!);
          if (row['arrived'] === 0) expect(row['firstReliefHours'], id).toBeNull();
        }
        expect(Object.keys(b.shelter).length).toBe(c.scenario.region.assets.shelters.length);

        // Clauses: one row per clause of the plan; started where the interpreter started it.
        expect(Object.keys(b.clause)).toEqual(c.plan.actionIds);
        expect(sum(b.clause, 'started')).toBe(r.actions.length);
        for (const a of r.actions) {
          const row = b.clause[a.id]!;
          expect(row['startMin']).toBe(a.startedAt);
          expect(row['completed']).toBe(a.completedAt !== null ? 1 : 0);
          if (a.completedAt !== null) expect(a.completedAt).toBeGreaterThanOrEqual(a.startedAt);
        }
        const completedEvents = events.filter((e) => e.kind === 'action.completed').length;
        expect(sum(b.clause, 'completed')).toBe(completedEvents);

        // Incidents: counted as the trace shows them; every one served, unserved or superseded.
        const created = events.filter((e) => e.kind === 'incident.created').length;
        expect(sum(b.incidentType, 'count')).toBe(created);
        const unserved = events.filter((e) => e.kind === 'incident.unserved').length;
        expect(sum(b.incidentType, 'unserved')).toBe(unserved);

        // Teams: dispatches as the trace shows them.
        const dispatched = events.filter((e) => e.kind === 'team.dispatched').length;
        expect(sum(b.team, 'dispatches')).toBe(dispatched);
        // Reserves: items issued are items delivered or on the road, item by item.
        for (const item of RELIEF_ITEMS) {
          const delivered = events.reduce((s, e) => s + (e.kind === 'relief.delivered' ? (e.items[item] ?? 0) : 0), 0);
          expect(sum(b.reserve, `${item}Issued`), item).toBeGreaterThanOrEqual(delivered);
        }
        // Shelters: people who went home are gone from them; the need is at most everyone present all the time.
        for (const row of Object.values(b.shelter)) {
          expect(row['occupancyAtEnd']!).toBeLessThanOrEqual(row['peakOccupancy']!);
          expect(row['unmetReliefPersonDays']!).toBeLessThanOrEqual(row['neededReliefPersonDays']! + 1e-9);
        }
      });
    }
  }
});
