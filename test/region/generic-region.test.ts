/**
 * A region outside China (issue 17, item 2): no Chinese names, no GB/T 2260 township codes, its own county
 * codes, its own river names, a currency and no 2020 mutual-aid record. The Testvale fixture stripped of all
 * of those loads, and runs the same flood with the same results as the original (names and codes do not
 * enter the model).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../models/scenario/compile.js';
import { loadPlan } from '../../models/scenario/load.js';
import { loadRegion } from '../../models/region/load.js';
import { FIXTURES, TESTVALE_REGION, TESTVALE_SCENARIO, testvaleDoc, testvaleRegionLoaded, traced } from '../model/helpers.js';
import { tempDir } from '../support/cli.js';

/** Drop every `name_zh`, `township` and `sent2020`; map county codes and river ids through `rename`. */
function generic(value: unknown, rename: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => generic(v, rename));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'name_zh' || k === 'township' || k === 'sent2020') continue;
    out[k] = (k === 'code' || k === 'river') && typeof v === 'string' ? (rename[v] ?? v) : generic(v, rename);
  }
  return out;
}

describe('a region with generic codes, names and currency', () => {
  it('loads without Chinese names or codes, and floods exactly as the original', () => {
    const { dir, cleanup } = tempDir('drillsim-generic-');
    try {
      const region = join(dir, 'testvale');
      cpSync(TESTVALE_REGION, region, { recursive: true });
      const rename = { '999901': 'E09000033', min: 'thames' };
      for (const f of ['zones.json', 'assets.json', 'region.json']) {
        const file = join(region, f);
        const doc = generic(JSON.parse(readFileSync(file, 'utf8')), rename) as Record<string, unknown>;
        if (f === 'region.json') doc['currency'] = 'GBP';
        writeFileSync(file, JSON.stringify(doc, null, 1));
      }
      const text = readFileSync(join(region, 'zones.json'), 'utf8') + readFileSync(join(region, 'assets.json'), 'utf8');
      expect(text).not.toMatch(/name_zh|"township":|sent2020|"river": "min"/);
      const loaded = loadRegion(region);
      expect(loaded.manifest.currency).toBe('GBP');
      expect(loaded.zones.counties[0]!.code).toBe('E09000033');

      const original = testvaleRegionLoaded();
      const a = compileScenario(testvaleDoc(), original, TESTVALE_SCENARIO);
      const b = compileScenario(testvaleDoc(), loaded, TESTVALE_SCENARIO);
      const planFile = join(FIXTURES, 'plans', 'basic.yaml');
      for (const seed of [1, 7]) {
        const x = traced(a, loadPlan(planFile, a), seed, 0).result;
        const y = traced(b, loadPlan(planFile, b), seed, 0).result;
        expect(y.metrics).toEqual(x.metrics);
      }
    } finally {
      cleanup();
    }
  });
});
