/**
 * Zones from administrative boundaries and facilities from relations, on the hand-made Twin Town
 * (test/fixtures/osm/twin-town.osm: two admin_level 8 districts sharing a boundary way, inside one
 * admin_level 6 area; a hospital mapped as a multipolygon relation). The population grid written here puts
 * 10 people in each West cell and 20 in each East cell, so the district totals are known exactly.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { haversineKm } from '../../engine/network/geo.js';
import { importOsmFile } from '../../engine/network/import-osm.js';
import { assembleRings, pointInPolygon, polygonCentroid } from '../../engine/network/osm-areas.js';
import { runCli, tempDir } from '../cli/helpers.js';

const OSM = join(import.meta.dirname, '..', 'fixtures', 'osm', 'twin-town.osm');
const { dir, cleanup } = tempDir();
afterAll(cleanup);

// 9 x 6 cells of 0.002 degrees; centres at lon 10.000..10.016, lat 50.000..50.010. The West district
// spans lon 9.997..10.007 (4 columns), East 10.007..10.0165 (5 columns).
const row = '10 10 10 10 20 20 20 20 20';
const GRID = `ncols 9\nnrows 6\nxllcorner 9.999\nyllcorner 49.999\ncellsize 0.002\nNODATA_value -9999\n${Array(6).fill(row).join('\n')}\n`;
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('areas from OSM relations', () => {
  it('rings are assembled from member ways end to end, reversing where needed, and closed when cut open', () => {
    expect(assembleRings([[2, 5], [2, 3, 4, 5]])).toEqual({ rings: [[2, 5, 4, 3, 2]], forced: 0 });
    expect(assembleRings([[1, 2, 3], [3, 4, 1]])).toEqual({ rings: [[1, 2, 3, 4, 1]], forced: 0 });
    // A boundary cut by the extract (nodes missing: -1) is closed with a straight line and counted.
    expect(assembleRings([[1, 2, 3, -1], [-1, 5, 6]])).toEqual({ rings: [[1, 2, 3, 1]], forced: 2 });
  });

  it('point in polygon by the even-odd rule, holes included; centroid of a square with a hole', () => {
    const outer: Array<[number, number]> = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
    const hole: Array<[number, number]> = [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]];
    expect(pointInPolygon({ rings: [outer] }, 1.5, 1.5)).toBe(true);
    expect(pointInPolygon({ rings: [outer, hole] }, 1.5, 1.5)).toBe(false);
    expect(pointInPolygon({ rings: [outer, hole] }, 3, 3)).toBe(true);
    expect(pointInPolygon({ rings: [outer] }, 5, 1)).toBe(false);
    const c = polygonCentroid([outer])!;
    expect(c.lat).toBeCloseTo(2, 9);
    expect(c.lon).toBeCloseTo(2, 9);
    // Square 16 at (2,2) minus 1 at (1.5,1.5): centroid 2 + 0.5/15 along both axes (near the equator,
    // where the local plane is the degree grid).
    const h = polygonCentroid([outer], [hole])!;
    expect(h.lat).toBeCloseTo(2 + 0.5 / 15, 3);
  });

  it('a multipolygon hospital becomes a point at its centroid, snapped to the nearest junction; boundaries come back', async () => {
    const { network, boundaries, summary } = await importOsmFile(OSM);
    const hospital = network.points?.find((p) => p.id === 'r601');
    expect(hospital).toMatchObject({ kind: 'hospital', name: 'East Hospital', node: '7' });
    expect(hospital!.props?.['snap_m']).toBe(Math.round(1000 * haversineKm(50.007, 10.012, 50.005, 10.01)));
    expect(summary.notApplied).toEqual({});
    expect(boundaries.map((b) => [b.id, b.level, b.name, b.polygon.rings.map((r) => r.length)])).toEqual([
      ['300', 6, 'Twin Town', [7]],
      ['301', 8, 'West', [5]],
      ['302', 8, 'East', [5]],
    ]);
  });
});

describe('drillsim region init --zones admin', () => {
  const grid = join(dir, 'pop.asc');
  writeFileSync(grid, GRID);
  const region = join(dir, 'twin');

  it('makes one zone per district with its people, shelters in their district, and validates', async () => {
    const run = await runCli('region', 'init', OSM, '--population', grid, '--out', region, '--zones', 'admin', '--admin-level', '8');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 zones (administrative areas at admin_level 8 with people)');
    const zones = readJson(join(region, 'zones.json'))['zones'] as Array<{ id: string; name: string; population: number; node: string }>;
    // Each zone's node: the junction inside it nearest its centroid (West 50.005 N 10.002 E -> 5; East
    // 10.01175 E -> 7).
    expect(zones.map((z) => [z.id, z.name, z.population, z.node])).toEqual([
      ['a301', 'West', 240, '5'],
      ['a302', 'East', 600, '7'],
    ]);
    const shelters = readJson(join(region, 'assets.json'))['shelters'] as Array<{ name: string; zone: string }>;
    expect(shelters.map((s) => [s.name, s.zone])).toEqual([
      ['West School', 'a301'],
      ['East School', 'a302'],
    ]);
    expect((await runCli('validate', region)).code).toBe(0);
  });

  it('runs a flood on it: both districts evacuate to their schools', async () => {
    // The author's one step for a flood: a gauge (as test/region/init.test.ts does for a hexagon draft).
    const assetsFile = join(region, 'assets.json');
    const assets = readJson(assetsFile);
    assets['gauges'] = [{ id: 'g1', name: 'Town gauge', river: 'town-brook', node: '6', warningStageM: 103, guaranteedStageM: 105, observations: [], events: [], estimated: true, src: ['draft'] }];
    writeFileSync(assetsFile, JSON.stringify(assets));
    writeFileSync(
      join(dir, 'plan.yaml'),
      'drillsim: 1\nkind: plan\nid: twin-plan\ntitle: Evacuate both districts\nmonitoringDelay: 15min\nreviewInterval: 10min\nlevels:\n' +
        '  - level: IV\n    when: { gauge: g1, stageAboveM: 102 }\n    actions:\n' +
        '      - { id: "1.1", openShelters: { zones: { all: true } } }\n      - { id: "1.2", evacuate: { zones: { all: true } }, deadline: 6h }\n',
    );
    writeFileSync(
      join(dir, 'scenario.yaml'),
      'drillsim: 1\nkind: scenario\nid: twin-flood\ntitle: Flood on the admin-zoned draft\nregion: ./twin\nstart: 2020-07-01T08:00+02:00\nhorizon: 1d\nplan: plan.yaml\n' +
        'hazards:\n  - kind: flood\n    gauges:\n      g1:\n        baseStageM: 100\n        table: [[0, 100], [1000, 110], [2000, 100]]\n',
    );
    const run = await runCli('run', join(dir, 'scenario.yaml'), '--replications', '2', '--seed', '1', '--json');
    expect(run.code, run.stderr).toBe(0);
    const metrics = (JSON.parse(run.stdout) as { metrics: Record<string, { min: number; max: number }> }).metrics;
    expect(metrics['evacuated']!.min).toBeGreaterThan(0);
    expect(metrics['evacuated']!.max).toBeLessThanOrEqual(840);
  });

  it('the coarser level makes one zone of everyone', async () => {
    const run = await runCli('region', 'init', OSM, '--population', grid, '--out', join(dir, 'one'), '--zones', 'admin', '--admin-level', '6');
    expect(run.code, run.stderr).toBe(0);
    const zones = readJson(join(dir, 'one', 'zones.json'))['zones'] as Array<{ id: string; population: number }>;
    expect(zones).toMatchObject([{ id: 'a300', population: 840 }]);
  });

  it('a level with no boundary is refused, listing the levels found; --admin-level is required', async () => {
    const run = await runCli('region', 'init', OSM, '--population', grid, '--out', join(dir, 'none'), '--zones', 'admin', '--admin-level', '9');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no boundary=administrative relation at admin_level 9');
    expect(run.stderr).toContain('levels found: 6 (1 area), 8 (2 areas)');
    const missing = await runCli('region', 'init', OSM, '--population', grid, '--out', join(dir, 'none'), '--zones', 'admin');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--zones admin needs --admin-level');
  });
});
