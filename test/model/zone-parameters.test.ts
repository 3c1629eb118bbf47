/**
 * Parameters that differ by zone (a scenario's `zoneParameters`; docs/parameters.md): validated at their
 * pointer, drawn from their own streams (the city-wide draws do not move), and read by the models for
 * the zones they select. On the Testvale flood (test/fixtures/model), whose basic plan orders the riverside
 * zone out at level III with compliance 0.9.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { runReplication } from '../../models/replication.js';
import { loadPlan } from '../../models/scenario/load.js';
import type { ScenarioDoc } from '../../models/schema/scenario.js';
import { FIXTURES, ofKind, testvaleScenario, traced } from './helpers.js';
import { join } from 'node:path';

const BASIC = join(FIXTURES, 'plans/basic.yaml');

function withZoneParameters(entries: NonNullable<ScenarioDoc['zoneParameters']>): (doc: ScenarioDoc) => void {
  return (doc) => {
    doc.zoneParameters = entries;
  };
}

function issuesOf(f: () => unknown): Array<{ path: string; message: string }> {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.issues;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('zoneParameters', () => {
  it('a zone whose compliance is 0 sends nobody under the order; the other zones are unchanged', () => {
    const base = testvaleScenario();
    const stay = testvaleScenario(withZoneParameters([{ zones: { ids: ['riverside'] }, parameters: { 'evacuation.compliance': { dist: 'fixed', value: 0 } } }]));
    const plan = loadPlan(BASIC, base);
    const a = traced(base, plan, 7, 0);
    const b = traced(stay, loadPlan(BASIC, stay), 7, 0);
    const ordered = (r: typeof a, zone: string) =>
      ofKind(r.events, 'evacuation.departed').filter((e) => e.zone === zone && !e.shadow && e.rescued !== true).reduce((s, e) => s + e.persons, 0);
    expect(ordered(a, 'riverside')).toBeGreaterThan(0); // a few leave before the water comes at minute 400
    expect(ordered(b, 'riverside')).toBe(0);
    // Every city-wide draw is the same in both runs.
    expect(b.result.parameters).toEqual(a.result.parameters);
  });

  it('a drawn zonal value comes from its own stream: the city-wide draws do not move', () => {
    const doc = (entries: NonNullable<ScenarioDoc['zoneParameters']>) => (d: ScenarioDoc) => {
      d.parameters = { ...d.parameters, 'evacuation.compliance': { dist: 'beta', mean: 0.8, sd: 0.1 } };
      d.zoneParameters = entries;
    };
    const a = testvaleScenario(doc([]));
    const b = testvaleScenario(doc([{ zones: { tag: 'island' }, parameters: { 'evacuation.compliance': { dist: 'beta', mean: 0.2, sd: 0.1 } } }]));
    for (let i = 0; i < 5; i++) {
      const ra = runReplication(a, loadPlan(BASIC, a), 3, i);
      const rb = runReplication(b, loadPlan(BASIC, b), 3, i);
      expect(rb.parameters['evacuation.compliance']).toBe(ra.parameters['evacuation.compliance']);
    }
  });

  it('a later entry overrides an earlier one for the zones both select', () => {
    const s = testvaleScenario(
      withZoneParameters([
        { zones: { tag: 'floodplain' }, parameters: { 'evacuation.compliance': { dist: 'fixed', value: 0.5 } } },
        { zones: { ids: ['riverside'] }, parameters: { 'evacuation.compliance': { dist: 'fixed', value: 0 } } },
      ]),
    );
    const r = traced(s, loadPlan(BASIC, s), 7, 0);
    const ordered = ofKind(r.events, 'evacuation.departed').filter((e) => e.zone === 'riverside' && !e.shadow && e.rescued !== true);
    expect(ordered).toHaveLength(0);
  });

  it('bad entries are located errors: unknown zones, selectors that match nothing, parameters that cannot differ by zone, bad distributions', () => {
    const issues = issuesOf(() =>
      testvaleScenario(
        withZoneParameters([
          { zones: { ids: ['atlantis'] }, parameters: { 'evacuation.compliance': { dist: 'fixed', value: 0.5 } } },
          { zones: { tag: 'no-such-tag' }, parameters: { 'evacuation.compliance': { dist: 'fixed', value: 0.5 } } },
          { zones: { tag: 'island' }, parameters: { 'flood.peakFactor': { dist: 'fixed', value: 2 } } },
          { zones: { tag: 'island' }, parameters: { 'evacuation.compliance': { dist: 'beta', mean: 0.5, sd: 0.6 } } },
        ]),
      ),
    );
    const at = (path: string) => issues.find((i) => i.path === path);
    expect(at('/zoneParameters/0/zones/ids')?.message).toMatch(/unknown zone 'atlantis'/);
    expect(at('/zoneParameters/1/zones')?.message).toMatch(/matches no zone/);
    expect(at('/zoneParameters/2/parameters/flood.peakFactor')?.message).toMatch(/cannot differ by zone; zonal parameters: .*evacuation\.compliance/);
    expect(at('/zoneParameters/3/parameters/evacuation.compliance')?.message).toMatch(/sd too large/);
  });
});
