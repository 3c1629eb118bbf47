/**
 * `drillsim region init` on the committed Somes Island extract (test/fixtures/osm, ODbL) with a tiny
 * population grid written here: the draft validates, runs a flood end to end with people evacuated to the
 * drafted shelter, and validate reports a zone moved off the road network as unable to reach a shelter.
 *
 * The extract maps no school or fire station, so the test adds two tagged nodes to the XML (a school and a
 * fire station on the island's service road): that is what an extract with facilities looks like.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../cli/helpers.js';

const FIXTURE = new URL('../fixtures/osm/somes.osm.gz', import.meta.url);
const { dir, cleanup } = tempDir();
afterAll(cleanup);

// 4 x 8 cells of 0.002 degrees over the island (lat -41.2638..-41.2488, lon 174.8629..174.8697); one
// nodata cell; 325 people inside the network's extent.
const GRID = `ncols 4
nrows 8
xllcorner 174.862
yllcorner -41.265
cellsize 0.002
NODATA_value -9999
0 10 20 0
0 30 40 0
5 50 60 0
0 0 70 -9999
0 20 0 0
0 10 10 0
0 0 0 0
0 0 0 0
`;
const GRID_TOTAL = 325;

function writeInputs(): { osm: string; grid: string } {
  const xml = gunzipSync(readFileSync(FIXTURE)).toString('utf8');
  const at = xml.indexOf('<way');
  const added =
    '<node id="-1" lat="-41.2580" lon="174.8650"><tag k="amenity" v="school"/><tag k="name" v="Test school"/></node>\n' +
    '<node id="-2" lat="-41.2560" lon="174.8660"><tag k="amenity" v="fire_station"/></node>\n';
  const osm = join(dir, 'somes-facilities.osm');
  writeFileSync(osm, xml.slice(0, at) + added + xml.slice(at));
  const grid = join(dir, 'pop.asc');
  writeFileSync(grid, GRID);
  return { osm, grid };
}

const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('drillsim region init', () => {
  const { osm, grid } = writeInputs();
  const region = join(dir, 'draft');

  it('drafts zones with every person of the grid, a shelter and a team, all marked draft', async () => {
    const run = await runCli('region', 'init', osm, '--population', grid, '--out', region, '--hex', '0.3', '--currency', 'NZD');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('DRAFT');
    const manifest = readJson(join(region, 'region.json'));
    expect(manifest['draft']).toBe(true);
    expect(manifest['currency']).toBe('NZD');
    const zones = readJson(join(region, 'zones.json'))['zones'] as Array<{ population: number; node: string; estimated: boolean }>;
    expect(zones.length).toBeGreaterThan(1);
    // Every cell centre of the grid lies inside the extent here, so no person is lost or counted twice
    // (rounding per zone moves at most half a person per zone).
    const sum = zones.reduce((s, z) => s + z.population, 0);
    expect(Math.abs(sum - GRID_TOTAL)).toBeLessThanOrEqual(zones.length / 2);
    expect(zones.every((z) => z.population > 0 && z.estimated)).toBe(true);
    const assets = readJson(join(region, 'assets.json'));
    const shelters = assets['shelters'] as Array<{ name: string; capacity: number; note: string }>;
    expect(shelters.map((s) => s.name)).toEqual(['Test school']);
    expect(shelters[0]!.note).toContain('3.5');
    expect((assets['teams'] as unknown[]).length).toBe(1);
    expect((await runCli('validate', region)).code).toBe(0);
    // A second init does not overwrite the author's files.
    expect((await runCli('region', 'init', osm, '--population', grid, '--out', region)).code).not.toBe(0);
  });

  let evacuatedBefore = 0;
  const runFlood = async (): Promise<{ code: number; stderr: string; metrics: Record<string, { mean: number; min: number; max: number }> }> => {
    const run = await runCli('run', join(dir, 'scenario.yaml'), '--replications', '2', '--seed', '1', '--json');
    expect(run.code, run.stderr).toBe(0);
    return { code: run.code, stderr: run.stderr, metrics: (JSON.parse(run.stdout) as { metrics: Record<string, { mean: number; min: number; max: number }> }).metrics };
  };

  it('runs a flood on the draft: people are evacuated to the drafted shelter', async () => {
    // The author's one step for a flood: a gauge (region init cannot know the rivers).
    const assetsFile = join(region, 'assets.json');
    const assets = readJson(assetsFile);
    const zones = readJson(join(region, 'zones.json'))['zones'] as Array<{ node: string }>;
    assets['gauges'] = [{ id: 'g1', name: 'Harbour gauge', river: 'harbour', node: zones[0]!.node, warningStageM: 103, guaranteedStageM: 105, observations: [], events: [], estimated: true, src: ['draft'] }];
    writeFileSync(assetsFile, JSON.stringify(assets));
    writeFileSync(
      join(dir, 'plan.yaml'),
      'drillsim: 1\nkind: plan\nid: draft-plan\ntitle: Evacuate everyone\nmonitoringDelay: 15min\nreviewInterval: 10min\nlevels:\n' +
        '  - level: IV\n    when: { gauge: g1, stageAboveM: 102 }\n    actions:\n' +
        '      - { id: "1.1", openShelters: { zones: { all: true } } }\n      - { id: "1.2", evacuate: { zones: { all: true } }, deadline: 6h }\n',
    );
    writeFileSync(
      join(dir, 'scenario.yaml'),
      'drillsim: 1\nkind: scenario\nid: draft-flood\ntitle: Flood on a drafted region\nregion: ./draft\nstart: 2020-07-01T08:00+12:00\nhorizon: 1d\nplan: plan.yaml\n' +
        'hazards:\n  - kind: flood\n    gauges:\n      g1:\n        baseStageM: 100\n        table: [[0, 100], [1000, 110], [2000, 100]]\n',
    );
    const out = await runFlood();
    const evacuated = out.metrics['evacuated']!;
    evacuatedBefore = evacuated.mean;
    expect(evacuated.min).toBeGreaterThan(0);
    expect(evacuated.max).toBeLessThanOrEqual(GRID_TOTAL);
    // The only shelter is the drafted school (300 places): nobody overflowed it.
    expect(out.metrics['shelterOverflowPersons']!.max).toBe(0);
  });

  it('validate reports a zone that cannot reach any shelter; run warns and evacuates fewer (same seed)', async () => {
    const zonesFile = join(region, 'zones.json');
    const doc = readJson(zonesFile);
    const zones = doc['zones'] as Array<{ id: string; node: string }>;
    // '2427437147' is one of the two junctions of a footpath cut off from the rest of the island.
    zones[0]!.node = '2427437147';
    writeFileSync(zonesFile, JSON.stringify(doc));
    const run = await runCli('validate', region);
    const line = run.stderr.split('\n').find((l) => l.includes(`zone '${zones[0]!.id}': no shelter can be reached by car`));
    expect(line, run.stderr).toBeDefined();
    expect(line).toContain('zones.json: warning: /zones/0/node');
    const after = await runFlood();
    expect(after.stderr).toContain(`zone '${zones[0]!.id}' is ordered to evacuate but no shelter can be reached`);
    expect(after.metrics['evacuated']!.mean).toBeLessThan(evacuatedBefore);
  });
});

describe('drillsim region init: bad input', () => {
  it('a population CSV with a bad row is reported at its line, exit 2', async () => {
    const { osm } = writeInputs();
    const csv = join(dir, 'pop.csv');
    writeFileSync(csv, 'lat,lon,population\n-41.258,174.865,10\n-41.258,174.865,lots\n');
    const run = await runCli('region', 'init', osm, '--population', csv, '--out', join(dir, 'bad'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pop.csv:3');
  });

  it('a CSV by zone id (as a previous init named them) sets each zone; an unknown id is located', async () => {
    const { osm, grid } = writeInputs();
    const first = join(dir, 'first');
    expect((await runCli('region', 'init', osm, '--population', grid, '--out', first, '--hex', '0.3')).code).toBe(0);
    const ids = (readJson(join(first, 'zones.json'))['zones'] as Array<{ id: string }>).map((z) => z.id);
    const csv = join(dir, 'zones.csv');
    writeFileSync(csv, `zone,population\n${ids[0]},1000\n${ids[1]},0\n`);
    const out = join(dir, 'byzone');
    expect((await runCli('region', 'init', osm, '--population', csv, '--out', out, '--hex', '0.3')).code).toBe(0);
    const zones = readJson(join(out, 'zones.json'))['zones'] as Array<{ id: string; population: number }>;
    expect(zones.map((z) => [z.id, z.population])).toEqual([[ids[0], 1000]]);
    writeFileSync(csv, `zone,population\n${ids[0]},1000\nriverside,5\n`);
    const bad = await runCli('region', 'init', osm, '--population', csv, '--out', join(dir, 'byzone-bad'), '--hex', '0.3');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("zones.csv:3");
    expect(bad.stderr).toContain("'riverside'");
  });

  it('a projected grid (metres, not degrees) is refused with the reason, exit 2', async () => {
    const { osm } = writeInputs();
    const asc = join(dir, 'utm.asc');
    writeFileSync(asc, 'ncols 1\nnrows 1\nxllcorner 500000\nyllcorner 5430000\ncellsize 100\n7\n');
    const run = await runCli('region', 'init', osm, '--population', asc, '--out', join(dir, 'utm'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('WGS84');
  });

  it('points from a CSV are summed into zones', async () => {
    const { osm } = writeInputs();
    const csv = join(dir, 'points.csv');
    writeFileSync(csv, 'lat,lon,population\n-41.2580,174.8650,40\n-41.2560,174.8660,60\n');
    const out = join(dir, 'points');
    expect((await runCli('region', 'init', osm, '--population', csv, '--out', out, '--hex', '0.5')).code).toBe(0);
    const zones = readJson(join(out, 'zones.json'))['zones'] as Array<{ population: number }>;
    expect(zones.reduce((s, z) => s + z.population, 0)).toBe(100);
  });
});
