/**
 * Importers: the hand-made OSM and GeoJSON fixtures give the expected graph (worked out by hand in the
 * comments: which vertices are junctions, which fold into edge lengths, which ways are skipped), one-way
 * handling is visible to routing, and edge lengths are the great-circle sums of their shape segments
 * (checked with an independent formula, the spherical law of cosines, within 1 %). Malformed input exits 2
 * with a located message and writes nothing. Export -> import round-trips.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportGeoJson } from '../../engine/network/export-geojson.js';
import { importGeoJson } from '../../engine/network/import-geojson.js';
import { importOsm } from '../../engine/network/import-osm.js';
import { validateRegionNetwork } from '../../engine/network/load.js';
import { RoadNetwork } from '../../engine/network/road-network.js';
import type { NetworkEdge, RegionNetwork } from '../../engine/network/schema.js';
import { InputError } from '../../engine/errors.js';
import { runCli, tempDir } from './helpers.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'network');
const osmFile = join(fixtures, 'small.osm');
const geojsonFile = join(fixtures, 'small.geojson');

/** Great-circle km by the spherical law of cosines (independent of the engine's haversine). */
function cosinesKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const c = Math.sin(lat1 * r) * Math.sin(lat2 * r) + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.cos((lon2 - lon1) * r);
  return 6371.0088 * Math.acos(Math.min(1, c));
}

function chainKm(points: Array<[number, number]>): number {
  let km = 0;
  for (let i = 1; i < points.length; i++) km += cosinesKm(points[i - 1]![0], points[i - 1]![1], points[i]![0], points[i]![1]);
  return km;
}

function edge(network: RegionNetwork, id: string): NetworkEdge {
  const e = network.edges.find((x) => x.id === id);
  if (e === undefined) throw new Error(`no edge ${id}; have ${network.edges.map((x) => x.id).join(', ')}`);
  return e;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});
function tmp(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('OpenStreetMap import', () => {
  // Ways: 100 primary 1-2-3-4-5 (4 carries a named fire station), 101 residential oneway 3-7-6, 102 tertiary
  // 5-8 with oneway=-1, 103 footway 1-9 (a walkers' path), 104 a building (not a road), 105 a roundabout ring
  // 20-21-22-20 (implied oneway), 106 tertiary 5-20. Junctions/ends: 1, 3, 5, 6, 8, 20; node 4 is kept for
  // its point, 9 ends the footway; the ring is split at its middle vertex 21. Folded: 2, 7, 22.
  const { network, summary } = importOsm(readFileSync(osmFile, 'utf8'), { file: osmFile });

  it('keeps OSM node ids for junctions, way ends and point nodes only', () => {
    expect(network.nodes.map((n) => n.id)).toEqual(['1', '3', '4', '5', '6', '8', '9', '20', '21']);
    expect(summary.collapsedVertices).toBe(3);
    expect(summary.skipped).toEqual({ 'not a road': 1 });
    expect(summary.clip).toEqual({ clippedWays: 0, droppedWays: 0, missingRefs: 0 });
  });

  it('splits ways at junctions into the expected edges with direction and attributes', () => {
    expect(network.edges.map((e) => `${e.id}:${e.from}->${e.to}${e.oneway === true ? ' oneway' : ''}`)).toEqual([
      'w100-1:1->3',
      'w100-2:3->4',
      'w100-3:4->5',
      'w101:3->6 oneway',
      'w102:8->5 oneway',
      'w103:1->9',
      'w105-1:20->21 oneway',
      'w105-2:21->20 oneway',
      'w106:5->20',
    ]);
    const main = edge(network, 'w100-1');
    expect(main).toMatchObject({ roadClass: 'national', speedKmh: 60, name: 'Jiazhou Road', name_zh: '嘉州路' });
    expect(main.props).toMatchObject({ ref: 'G213', osm_way: '100', highway: 'primary' });
    expect(edge(network, 'w101')).toMatchObject({ roadClass: 'township', bridge: true, lanes: 1, estimated: true });
    expect(edge(network, 'w102').speedKmh).toBeCloseTo(25 * 1.609344, 1);
    expect(edge(network, 'w105-1').roadClass).toBe('county');
  });

  it('edge lengths are the great-circle sums of their segments (within 1 %)', () => {
    const c: Record<string, [number, number]> = {
      1: [29.55, 103.76], 2: [29.551, 103.762], 3: [29.552, 103.764], 4: [29.553, 103.766], 5: [29.554, 103.768],
      6: [29.56, 103.764], 7: [29.556, 103.7641], 8: [29.545, 103.77], 20: [29.554, 103.772], 21: [29.5545, 103.7725], 22: [29.5535, 103.7725],
    };
    const expected: Record<string, string[]> = {
      'w100-1': ['1', '2', '3'], 'w100-2': ['3', '4'], 'w100-3': ['4', '5'], w101: ['3', '7', '6'], w102: ['8', '5'],
      'w105-1': ['20', '21'], 'w105-2': ['21', '22', '20'], w106: ['5', '20'],
    };
    for (const [id, chain] of Object.entries(expected)) {
      const want = chainKm(chain.map((n) => c[n]!));
      expect(Math.abs(edge(network, id).km - want) / want).toBeLessThan(0.01);
    }
  });

  it('named emergency nodes become points: on their node, or snapped to the nearest', () => {
    expect(network.points).toEqual([
      { id: 'n4', node: '4', kind: 'fire_station', name: 'Jiazhou Fire Station', name_zh: '嘉州消防站' },
      expect.objectContaining({ id: 'n10', node: '8', kind: 'hospital', name: 'Riverside Hospital & Clinic' }),
    ]);
    const snap = network.points![1]!.props!['snap_m'] as number;
    const want = cosinesKm(29.5452, 103.7695, 29.545, 103.77) * 1000;
    expect(Math.abs(snap - want)).toBeLessThanOrEqual(1);
  });

  it('one-way streets are one-way for cars and two-way on foot', () => {
    const { network: valid } = validateRegionNetwork(network);
    const net = new RoadNetwork(valid);
    expect(net.routeByIds('6', '1', 'car')).toBeNull();
    expect(net.routeByIds('6', '1', 'foot')!.nodes).toEqual(['6', '3', '1']);
    expect(net.routeByIds('5', '8', 'car')).toBeNull();
    expect(net.routeByIds('8', '5', 'car')!.edges).toEqual(['w102']);
    expect(net.routeByIds('21', '20', 'car')!.edges).toEqual(['w105-2']);
  });
});

describe('GeoJSON import', () => {
  // r1 primary A-B-C (B holds point p1), r2 county C-(shape)-jct-a with oneway=-1 (so jct-a -> C),
  // r3 MultiLineString C-D and D-(shape)-E, ferry1 a water link A-F with a stated 0.9 km, path1 a footway
  // (skipped). p2 is ~15 m from E (snapped), p3 is ~6 km from everything (a node of its own).
  const { network, summary } = importGeoJson(readFileSync(geojsonFile, 'utf8'), { file: geojsonFile });
  const A = '103.76,29.55';
  const B = '103.762,29.551';
  const C = '103.764,29.552';
  const D = '103.765,29.55';
  const E = '103.767,29.549';
  const F = '103.755,29.545';

  it('gives the expected nodes (feature ids or coordinate keys) and edges', () => {
    expect(network.nodes.map((n) => n.id)).toEqual(['jct-a', A, B, C, D, E, F, '103.761,29.549', 'p3']);
    expect(network.edges.map((e) => `${e.id}:${e.from}->${e.to}${e.oneway === true ? ' oneway' : ''}`)).toEqual([
      `r1-1:${A}->${B}`,
      `r1-2:${B}->${C}`,
      `r2:jct-a->${C} oneway`,
      `r3.1:${C}->${D}`,
      `r3.2:${D}->${E}`,
      `ferry1:${A}->${F}`,
      `path1:${A}->103.761,29.549`,
    ]);
    expect(summary.collapsedVertices).toBe(2);
    expect(summary.skipped).toEqual({ 'feature without geometry': 1, 'Polygon geometry': 1 });
    expect(edge(network, 'path1')).toMatchObject({ roadClass: 'path', speedKmh: 5 });
    expect(network.nodes[0]).toMatchObject({ id: 'jct-a', kind: 'junction', name: 'North junction' });
  });

  it('reads classes, speeds, names, stated lengths and water links', () => {
    expect(edge(network, 'r1-1')).toMatchObject({ roadClass: 'national', speedKmh: 50, name: 'Binjiang Road', name_zh: '滨江路' });
    expect(edge(network, 'r2')).toMatchObject({ roadClass: 'county', speedKmh: 40 });
    expect(edge(network, 'r3.1')).toMatchObject({ roadClass: 'township', speedKmh: 30, estimated: true, props: { surface: 'asphalt', highway: 'residential' } });
    expect(edge(network, 'ferry1')).toMatchObject({ roadClass: 'ferry', water: true, km: 0.9, speedKmh: 12 });
  });

  it('edge lengths are the great-circle sums of their segments (within 1 %)', () => {
    const cases: Array<[string, Array<[number, number]>]> = [
      ['r1-1', [[29.55, 103.76], [29.551, 103.762]]],
      ['r1-2', [[29.551, 103.762], [29.552, 103.764]]],
      ['r2', [[29.556, 103.766], [29.554, 103.765], [29.552, 103.764]]],
      ['r3.2', [[29.55, 103.765], [29.5495, 103.766], [29.549, 103.767]]],
    ];
    for (const [id, chain] of cases) {
      const want = chainKm(chain);
      expect(Math.abs(edge(network, id).km - want) / want).toBeLessThan(0.01);
    }
  });

  it('places points on their vertex, on the nearest node, or on a node of their own', () => {
    const byId = new Map((network.points ?? []).map((p) => [p.id, p]));
    expect(byId.get('p1')).toMatchObject({ node: B, kind: 'shelter', name: 'School shelter', props: { capacity: 800 } });
    expect(byId.get('p2')).toMatchObject({ node: E, kind: 'hospital' });
    expect(byId.get('p3')).toMatchObject({ node: 'p3', kind: 'fire_station' });
  });

  it('routing honours the reversed one-way and keeps boats on water', () => {
    const { network: valid, warnings } = validateRegionNetwork(network);
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/disconnected component 2 of 2: 1 node \('p3'\)/);
    const net = new RoadNetwork(valid);
    expect(net.routeByIds(C, 'jct-a', 'car')).toBeNull();
    expect(net.routeByIds('jct-a', C, 'car')!.edges).toEqual(['r2']);
    expect(net.routeByIds(A, F, 'car')).toBeNull();
    expect(net.routeByIds(A, F, 'boat')!.minutes).toBeCloseTo((0.9 / 12) * 60, 12);
  });
});

describe('export -> import round trip', () => {
  it('the diamond fixture and the OSM import come back with the same nodes, edges and points', () => {
    const diamond = JSON.parse(readFileSync(join(fixtures, 'closures.json'), 'utf8')) as RegionNetwork;
    const osm = importOsm(readFileSync(osmFile, 'utf8'), { file: osmFile }).network;
    for (const original of [diamond, osm]) {
      const back = importGeoJson(JSON.stringify(exportGeoJson(original))).network;
      expect(back.id).toBe(original.id);
      expect(back.nodes).toEqual(original.nodes);
      expect(back.edges).toEqual(original.edges);
      expect(back.points ?? []).toEqual(original.points ?? []);
    }
  });

  it('the export is RFC 7946 GeoJSON: lon/lat order, LineStrings for edges, Points for nodes and points', () => {
    const diamond = JSON.parse(readFileSync(join(fixtures, 'closures.json'), 'utf8')) as RegionNetwork;
    const fc = exportGeoJson(diamond);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc).not.toHaveProperty('crs');
    const ab = fc.features.find((f) => f.id === 'AB')!;
    expect(ab.geometry).toEqual({ type: 'LineString', coordinates: [[103.7, 29.5], [103.72, 29.52]] });
    expect(ab.properties).toMatchObject({ featureType: 'edge', from: 'A', to: 'B', km: 10, roadClass: 'national' });
    expect(fc.features.filter((f) => f.geometry.type === 'Point')).toHaveLength(4 + 1);
    expect(fc.features.find((f) => f.id === 'hospital')).toMatchObject({ geometry: { coordinates: [103.74, 29.5] }, properties: { featureType: 'point', node: 'D' } });
  });
});

describe('malformed imports exit 2 with a located message and write nothing', () => {
  const cases: Array<{ name: string; ext: string; text: string; message: RegExp; line: number; args?: string[] }> = [
    { name: 'broken XML (mismatched tag)', ext: 'osm', text: '<osm version="0.6">\n  <node id="1" lat="29.55" lon="103.76">\n</osm>\n', message: /invalid XML: unexpected close tag/, line: 3 },
    { name: 'unclosed XML', ext: 'osm', text: '<osm version="0.6">\n  <node id="1" lat="29.55" lon="103.76"/>\n', message: /invalid XML: unclosed tag: osm/, line: 3 },
    { name: 'unknown XML entity', ext: 'osm', text: '<osm>\n<node id="1" lat="29.5" lon="103.7">\n<tag k="name" v="A &nbsp; B"/>\n</node>\n</osm>', message: /invalid XML: undefined entity/, line: 3 },
    {
      name: 'an OSM way with one node',
      ext: 'osm',
      text: '<osm>\n <node id="1" lat="29.5" lon="103.7"/>\n <way id="7">\n  <nd ref="1"/>\n  <tag k="highway" v="primary"/>\n </way>\n</osm>',
      message: /way 7 \(highway=primary\) has 1 node; a road needs at least 2/,
      line: 3,
      args: ['--strict'],
    },
    { name: 'an OSM node out of range', ext: 'osm', text: '<osm>\n <node id="1" lat="29.5" lon="103.7"/>\n <node id="2" lat="95.5" lon="103.7"/>\n</osm>', message: /node 2: latitude 95.5 is not a number in \[-90, 90\]/, line: 3 },
    {
      name: 'an OSM way to a missing node',
      ext: 'osm',
      text: '<osm>\n <node id="1" lat="29.5" lon="103.7"/>\n <way id="8"><nd ref="1"/>\n <nd ref="99"/><tag k="highway" v="track"/></way>\n</osm>',
      message: /way 8 refers to node 99, which is not in the file/,
      line: 4,
      args: ['--strict'],
    },
    { name: 'broken JSON', ext: 'geojson', text: '{ "type": "FeatureCollection",\n  "features": [ { "type": "Feature" } \n  { } ] }', message: /invalid JSON: expected ',' or '\]' after array element 0/, line: 3 },
    {
      name: 'a GeoJSON line with one position',
      ext: 'geojson',
      text: JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'x', properties: {}, geometry: { type: 'LineString', coordinates: [[103.7, 29.5]] } }] }, null, 2),
      message: /\/features\/0\/geometry\/coordinates line 'x' has 1 position; a road needs at least 2/,
      line: 10,
    },
    {
      name: 'GeoJSON coordinates out of range',
      ext: 'geojson',
      text: JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[103.7, 29.5], [103.7, 95]] } }] }, null, 2),
      message: /\/features\/0\/geometry\/coordinates\/1 latitude 95 is out of range/,
      line: 14,
    },
    { name: 'not GeoJSON', ext: 'json', text: '{ "hello": 1 }', message: /GeoJSON FeatureCollection or a region network/, line: 0 },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const dir = tmp();
      const input = join(dir, `bad.${c.ext}`);
      writeFileSync(input, c.text);
      const out = join(dir, 'region');
      const run = await runCli('region', 'import', input, '--out', out, ...(c.args ?? []));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(c.message);
      if (c.line > 0) expect(run.stderr).toContain(`${input}:${c.line}:`);
      expect(existsSync(join(out, 'network.json'))).toBe(false);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('the importer functions throw InputError (not a crash) for the same inputs', () => {
    expect(() => importOsm('<osm><way id="1"><nd ref="5"/></way>')).toThrow(InputError);
    expect(() => importGeoJson('[1, 2')).toThrow(InputError);
  });
});

describe('drillsim region import / export', () => {
  it('imports the OSM fixture, writes a valid region, and refuses to overwrite without --force', async () => {
    const dir = tmp();
    const out = join(dir, 'town');
    const run = await runCli('region', 'import', osmFile, '--out', out, '--id', 'town', '--name', 'Test town');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/9 nodes, 9 edges, 2 points; 3 shape vertices folded into edge lengths; skipped: not a road x1/);
    const written = JSON.parse(readFileSync(join(out, 'network.json'), 'utf8')) as RegionNetwork;
    expect(written).toMatchObject({ drillsim: 1, kind: 'region-network', id: 'town', name: 'Test town', crs: 'WGS84' });
    expect((await runCli('validate', out)).code).toBe(0);
    const route = await runCli('route', out, '1', '6', '--json');
    expect(route.code).toBe(0);
    expect(JSON.parse(route.stdout)).toMatchObject({ from: '1', to: '6', mode: 'car', path: ['1', '3', '6'] });
    const again = await runCli('region', 'import', osmFile, '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists; use --force/);
    expect((await runCli('region', 'import', osmFile, '--out', out, '--force')).code).toBe(0);
  });

  it('a region network .json is validated and copied as it is', async () => {
    const dir = tmp();
    const out = join(dir, 'copy');
    const src = join(fixtures, 'closures.json');
    const run = await runCli('region', 'import', src, '--out', out);
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'network.json'), 'utf8'))).toEqual(JSON.parse(readFileSync(src, 'utf8')));
  });

  it('imports GeoJSON with a warning for the disconnected point node, and exports it back', async () => {
    const dir = tmp();
    const out = join(dir, 'gj');
    const run = await runCli('region', 'import', geojsonFile, '--out', out);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: \/nodes\/8 disconnected component 2 of 2: 1 node \('p3'\)/);
    const file = join(dir, 'out.geojson');
    const exp = await runCli('region', 'export', out, '--out', file);
    expect(exp.code).toBe(0);
    const fc = JSON.parse(readFileSync(file, 'utf8')) as { type: string; features: unknown[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(7 + 9 + 3);
    const stdout = await runCli('region', 'export', out);
    expect(JSON.parse(stdout.stdout)).toEqual(fc);
  });
});
