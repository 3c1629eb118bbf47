/**
 * Distances against an independent router's own tests: GraphHopper's OSMReaderTest asserts edge lengths
 * for two small OSM files (test/fixtures/independent/graphhopper, Apache-2.0, copied unchanged with their
 * source and the asserted values in the README there). Here each file is imported with `drillsim region
 * import` and routed between node coordinates with `drillsim route`; the distance must be within 5 % of
 * the sum of GraphHopper's asserted edge lengths along the same path. Both files also have a way whose
 * first node is missing (a bounding-box extract), which the default clipping handles.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const GH = join(import.meta.dirname, '..', 'fixtures', 'independent', 'graphhopper');
const { dir, cleanup } = tempDir();
afterAll(cleanup);

async function imported(file: string): Promise<string> {
  const out = join(dir, file.replace(/\W/g, '-'));
  const run = await runCli('region', 'import', join(GH, file), '--out', out);
  expect(run.code, run.stderr).toBe(0);
  return out;
}

async function routeKm(region: string, from: string, to: string): Promise<{ km: number; path: string[] }> {
  const run = await runCli('route', region, from, to, '--json');
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { km: number; path: string[] };
}

const within5 = (ours: number, theirs: number): void => {
  expect(Math.abs(ours - theirs) / theirs).toBeLessThan(0.05);
};

describe("GraphHopper's asserted distances", () => {
  it('test-osm10: 1-2 35.612 m, 2-3 75.256 m, so 1 to 3 is 110.868 m; 1 to 5 by 2-4-5 is part of the 143.332 m edge', async () => {
    const region = await imported('test-osm10.xml');
    const r13 = await routeKm(region, '52.5181,13.4419', '52.5179,13.4435');
    expect(r13.path).toEqual(['1', '2', '3']);
    within5(r13.km * 1000, 35.612 + 75.256);
    within5((await routeKm(region, '52.5181,13.4419', '52.518,13.4424')).km * 1000, 35.612);
    within5((await routeKm(region, '52.518,13.4424', '52.5179,13.4435')).km * 1000, 75.256);
  });

  it('test-osm9: the motorway 20 to 30 is 1312.1 m', async () => {
    const region = await imported('test-osm9.xml');
    // By node id: a lone one-way edge has no strongly connected part, which coordinate snapping looks for.
    const r = await routeKm(region, '20', '30');
    expect(r.path).toEqual(['20', '30']);
    within5(r.km * 1000, 1312.1);
  });
});
