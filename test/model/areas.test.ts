/**
 * Areas of responsibility (the plan's `areas`, 划片包干): incidents in an area's zones go to its teams only.
 * On the Testvale flood (test/fixtures/model), whose island is cut off when its bridge goes under and
 * whose riverside zone floods, with two boat teams (team-boat, team-fire).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import type { PlanDoc } from '../../models/schema/plan.js';
import { compileTestPlan, FIXTURES, ofKind, testvaleScenario, traced } from './helpers.js';

const basic = (): PlanDoc => parse(readFileSync(join(FIXTURES, 'plans/basic.yaml'), 'utf8')) as PlanDoc;

describe('areas of responsibility', () => {
  it('every team sent to an incident in an area is one of its teams; without the area both teams go there', () => {
    const scenario = testvaleScenario();
    const islandTeams = (doc: PlanDoc, index: number) => {
      const r = traced(scenario, compileTestPlan(doc, scenario), 5, index);
      return new Set(ofKind(r.events, 'team.dispatched').filter((e) => e.incident.startsWith('boat-rescue:island:')).map((e) => e.team));
    };
    const withArea = { ...basic(), areas: [{ teams: { ids: ['team-boat'] }, zones: { tag: 'island' } }] } as PlanDoc;
    const free = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const sent = islandTeams(withArea, i);
      expect(sent.size, `replication ${i}`).toBeGreaterThan(0);
      expect([...sent], `replication ${i}`).toEqual(['team-boat']);
      for (const t of islandTeams(basic(), i)) free.add(t);
    }
    expect(free.has('team-fire')).toBe(true);
  });

  it('an unknown team or a selector that matches no zone is a located plan error', () => {
    const scenario = testvaleScenario();
    const doc = { ...basic(), areas: [{ teams: { ids: ['team-nobody'] }, zones: { tag: 'atlantis' } }] } as PlanDoc;
    try {
      compileTestPlan(doc, scenario);
      expect.unreachable('the plan should be refused');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const paths = (e as InputError).issues.map((i) => i.path);
      expect(paths).toContain('/areas/0/teams/ids');
      expect(paths).toContain('/areas/0/zones');
    }
  });
});
