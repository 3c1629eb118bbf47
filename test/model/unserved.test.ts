/**
 * An incident nobody reaches is unserved, never dropped (issue 10): in a region without teams every
 * incident of the Testvale flood is unserved and the response times are the waits censored at the
 * horizon, not 0; with teams, the same incidents are served and the response times are shorter.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePlan } from '../../models/plan/compile.js';
import { loadRegion } from '../../models/region/load.js';
import { runReplication } from '../../models/replication.js';
import { compileScenario } from '../../models/scenario/compile.js';
import type { SimEvent } from '../../models/world/events.js';
import { planDoc, testvaleDoc, TESTVALE_REGION, TESTVALE_SCENARIO } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'drillsim-noteams-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function region(withTeams: boolean) {
  const out = join(dir, withTeams ? 'teams' : 'none');
  cpSync(TESTVALE_REGION, out, { recursive: true });
  if (!withTeams) {
    const assets = JSON.parse(readFileSync(join(out, 'assets.json'), 'utf8')) as { teams: unknown[]; mutualAid: unknown[] };
    assets.teams = [];
    assets.mutualAid = [];
    writeFileSync(join(out, 'assets.json'), JSON.stringify(assets));
  }
  return loadRegion(out);
}

// A plan that warns and evacuates, and names no team (so it compiles on a region without any).
const PLAN = planDoc({
  levels: [
    { level: 'IV', when: { gauge: 'g1', stageAboveM: 102 }, actions: [{ id: '1', warn: { channels: ['cell-broadcast'], zones: { all: true } } }] },
    { level: 'III', when: { gauge: 'g1', stageAboveM: 104 }, actions: [{ id: '2', evacuate: { zones: { ids: ['riverside'] } } }] },
  ],
});

function run(withTeams: boolean) {
  const scenario = compileScenario(testvaleDoc(), region(withTeams), TESTVALE_SCENARIO);
  const plan = compilePlan(PLAN, scenario);
  const events: SimEvent[] = [];
  const r = runReplication(scenario, plan, 7, 0, { trace: (e) => events.push(e) });
  return { r, events, horizon: scenario.horizonMin };
}

describe('unserved incidents', () => {
  it('a region without teams: every incident unserved, response times censored at the horizon', () => {
    const { r, events, horizon } = run(false);
    const created = events.filter((e): e is Extract<SimEvent, { kind: 'incident.created' }> => e.kind === 'incident.created');
    const unserved = events.filter((e): e is Extract<SimEvent, { kind: 'incident.unserved' }> => e.kind === 'incident.unserved');
    expect(created.length).toBeGreaterThan(0);
    expect(events.some((e) => e.kind === 'team.arrived')).toBe(false);
    // Every incident is unserved (or passed its need on, unreached, to a later one).
    const rows = Object.values(r.breakdown.incidentType);
    const count = rows.reduce((s, row) => s + (row['count'] ?? 0), 0);
    expect(count).toBe(created.length);
    expect(rows.reduce((s, row) => s + (row['unserved'] ?? 0) + (row['superseded'] ?? 0), 0)).toBe(count);
    expect(unserved.length).toBeGreaterThan(0);
    for (const u of unserved) {
      const c = created.find((e) => e.incident === u.incident)!;
      expect(u.waitedMin).toBe(horizon - c.t);
    }
    const waits = unserved.map((u) => u.waitedMin).sort((a, b) => a - b);
    expect(r.metrics['responseTimeP50Min']).toBeGreaterThan(0);
    expect(r.metrics['responseTimeP90Min']).toBeGreaterThanOrEqual(r.metrics['responseTimeP50Min']!);
    expect(r.metrics['responseTimeP90Min']).toBeLessThanOrEqual(waits[waits.length - 1]!);
    expect(r.metrics['rescued']).toBe(0);
  });

  it('with teams the same flood is served sooner: taking the teams away never improves response', () => {
    const none = run(false).r;
    const teams = run(true).r;
    expect(teams.metrics['responseTimeP50Min']).toBeLessThan(none.metrics['responseTimeP50Min']!);
    expect(teams.metrics['responseTimeP90Min']).toBeLessThan(none.metrics['responseTimeP90Min']!);
    expect(teams.metrics['rescued']).toBeGreaterThan(0);
  });
});
