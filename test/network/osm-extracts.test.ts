/**
 * OpenStreetMap import from real data (test/fixtures/osm/README.md: Matiu/Somes Island, Wellington, (c)
 * OpenStreetMap contributors, ODbL): the PBF and the same data as gzip XML give the same network; the
 * island's footpaths are walkable and closed to cars; a bounding-box cut of it (ways kept whole, nodes
 * outside removed, as extracts without complete ways are) imports clipped with counts by default and is
 * refused with --strict, its error list ending "and N more"; bzip2 reads as plain XML. Then facilities
 * from ways, access tags and one-way tags on small hand-made files, each changing a route as it should.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { exportGeoJson } from '../../engine/network/export-geojson.js';
import { haversineKm } from '../../engine/network/geo.js';
import { importOsm, importOsmFile } from '../../engine/network/import-osm.js';
import { validateRegionNetwork } from '../../engine/network/load.js';
import { RoadNetwork } from '../../engine/network/road-network.js';
import type { RegionNetwork } from '../../engine/network/schema.js';
import { runCli, tempDir } from './helpers.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'osm');
const pbf = join(dir, 'somes.osm.pbf');

/** The network without what differs by source file: the region id and name. */
function shape(n: RegionNetwork): unknown {
  return { nodes: n.nodes, edges: n.edges, points: n.points };
}

describe('a real extract: Matiu/Somes Island', async () => {
  const fromPbf = await importOsmFile(pbf);
  const fromGz = await importOsmFile(join(dir, 'somes.osm.gz'));

  it('PBF and gzip XML of the same data import to the same network', () => {
    expect(shape(fromGz.network)).toEqual(shape(fromPbf.network));
    expect(fromPbf.summary).toMatchObject({ nodes: 36, edges: 42, collapsedVertices: 371 });
    expect(fromPbf.summary.skipped).toEqual({ 'not a road': 57 });
    expect(fromPbf.network.id).toBe('somes');
    // Valid as written (the CLI validates before writing too).
    expect(() => validateRegionNetwork(fromPbf.network)).not.toThrow();
  });

  it('keeps each road\'s course as its geometry, from its first node to its last, and exports it', () => {
    const { network } = fromPbf;
    const nodes = new Map(network.nodes.map((n) => [n.id, n]));
    const shaped = network.edges.filter((e) => e.geometry !== undefined);
    expect(shaped.length).toBeGreaterThan(20);
    let points = 0;
    for (const e of shaped) {
      const g = e.geometry!;
      const a = nodes.get(e.from)!;
      const b = nodes.get(e.to)!;
      expect(g[0]![0]).toBeCloseTo(a.lon, 6);
      expect(g[0]![1]).toBeCloseTo(a.lat, 6);
      expect(g[g.length - 1]![0]).toBeCloseTo(b.lon, 6);
      expect(g[g.length - 1]![1]).toBeCloseTo(b.lat, 6);
      // The length is the course's, not the straight line's.
      let km = 0;
      for (let i = 1; i < g.length; i++) km += haversineKm(g[i - 1]![1]!, g[i - 1]![0]!, g[i]![1]!, g[i]![0]!);
      expect(e.km).toBeCloseTo(Math.max(0.001, km), 5);
      points += g.length - 2;
    }
    // Every folded shape vertex is in some geometry.
    expect(points).toBe(fromPbf.summary.collapsedVertices);
    const line = exportGeoJson(network).features.find((f) => f.id === shaped[0]!.id)!;
    expect(line.geometry).toEqual({ type: 'LineString', coordinates: shaped[0]!.geometry });
    expect(line.properties['geometry']).toBeUndefined();
  });

  it('its footpaths are walkers-only paths; a walk follows them, a car cannot', () => {
    const { network } = fromPbf;
    const paths = network.edges.filter((e) => e.props?.['highway'] === 'path');
    expect(paths.length).toBeGreaterThan(20);
    for (const e of paths) expect(e).toMatchObject({ roadClass: 'path', speedKmh: 5 });
    const net = new RoadNetwork(network);
    const ends = paths.map((e) => [e.from, e.to]).flat();
    // The two path junctions farthest apart (straight line) that a walker can route between.
    const coords = new Map(network.nodes.map((n) => [n.id, n]));
    let best: { a: string; b: string; km: number } | undefined;
    for (const a of ends) {
      for (const b of ends) {
        const p = coords.get(a)!;
        const q = coords.get(b)!;
        const km = haversineKm(p.lat, p.lon, q.lat, q.lon);
        if ((best === undefined || km > best.km) && net.routeByIds(a, b, 'foot') !== null) best = { a, b, km };
      }
    }
    const walk = net.routeByIds(best!.a, best!.b, 'foot')!;
    // A walk is at least the straight line and, on an island 800 m across, not more than three times it.
    expect(walk.km).toBeGreaterThanOrEqual(best!.km);
    expect(walk.km).toBeLessThan(3 * best!.km);
    expect(walk.minutes).toBeCloseTo((walk.km / 5) * 60, 6);
    expect(net.routeByIds(best!.a, best!.b, 'car')).toBeNull();
  });

  it('a bounding-box cut imports clipped by default, with counts', async () => {
    const { network, summary } = await importOsmFile(join(dir, 'somes-west.osm'));
    expect(summary.clip).toEqual({ clippedWays: 4, droppedWays: 10, missingRefs: 295 });
    expect(summary).toMatchObject({ nodes: 19, edges: 16 });
    const clipped = network.edges.filter((e) => e.props?.['clipped'] === true);
    expect(clipped.length).toBeGreaterThan(0);
    // Every node kept lies west of the cut.
    for (const n of network.nodes) expect(n.lon).toBeLessThanOrEqual(174.86515110000002);
    const bz2 = await importOsmFile(join(dir, 'somes-west.osm.bz2'));
    expect(shape(bz2.network)).toEqual(shape(network));
  });

  it('--strict refuses it: each missing node located by line, the list ending "and N more"', async () => {
    const file = join(dir, 'somes-west.osm');
    const err = await importOsmFile(file, { strict: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    const issues = (err as InputError).issues;
    expect(issues).toHaveLength(51);
    expect(issues[0]).toMatchObject({ file, message: expect.stringMatching(/^way \d+ refers to node \d+, which is not in the file/) as unknown });
    expect(issues[0]!.line).toBeGreaterThan(1);
    expect(issues[50]!.message).toBe('and 245 more problems of this kind');
    const run = await runCli('region', 'import', file, '--out', join(tempDir().dir, 'x'), '--strict');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/and 245 more problems of this kind/);
  });

  it('the CLI prints the clip counts', async () => {
    const { dir: out, cleanup } = tempDir();
    try {
      const run = await runCli('region', 'import', join(dir, 'somes-west.osm.bz2'), '--out', join(out, 'r'));
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/clipped at the extract's edge: 4 ways cut to the parts inside the file, 10 dropped \(fewer than 2 nodes inside\); 295 node references outside the file/);
    } finally {
      cleanup();
    }
  });
});

/** Two streets from 1 to 3: the main road w10 through 2, and w11 round by 4 (about 1 km longer). */
function town(extra: { mainTags?: string; detourTags?: string; more?: string }): string {
  return `<osm version="0.6">
 <node id="1" lat="-41.250" lon="174.860"/>
 <node id="2" lat="-41.250" lon="174.865"/>
 <node id="3" lat="-41.250" lon="174.870"/>
 <node id="4" lat="-41.245" lon="174.865"/>
 <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/>${extra.mainTags ?? ''}</way>
 <way id="11"><nd ref="1"/><nd ref="4"/><nd ref="3"/><tag k="highway" v="residential"/>${extra.detourTags ?? ''}</way>
 ${extra.more ?? ''}
</osm>`;
}

/** The edges of the best route (shape nodes 2 and 4 fold into the edges, so edges tell the way taken). */
function routeVia(text: string, mode: 'car' | 'foot', from = '1', to = '3'): string[] | null {
  const { network } = importOsm(text);
  return new RoadNetwork(network).routeByIds(from, to, mode)?.edges ?? null;
}

describe('tags that change a route', () => {
  it('access=private closes a road to cars (detour); with foot=yes walkers keep it', () => {
    expect(routeVia(town({}), 'car')).toEqual(['w10']);
    expect(routeVia(town({ mainTags: '<tag k="access" v="private"/>' }), 'car')).toEqual(['w11']);
    const { summary } = importOsm(town({ mainTags: '<tag k="access" v="private"/>' }));
    expect(summary.skipped).toEqual({ 'access=private': 1 });
    const walkable = town({ mainTags: '<tag k="access" v="no"/><tag k="foot" v="yes"/>' });
    expect(routeVia(walkable, 'car')).toEqual(['w11']);
    expect(routeVia(walkable, 'foot')).toEqual(['w10']);
  });

  it('a one-way against the direction of travel makes cars detour, not walkers', () => {
    const text = town({ mainTags: '<tag k="oneway" v="-1"/>' });
    expect(routeVia(text, 'car')).toEqual(['w11']);
    expect(routeVia(text, 'car', '3', '1')).toEqual(['w10']);
    expect(routeVia(text, 'foot')).toEqual(['w10']);
  });

  it('a footway shortcut is used on foot only', () => {
    const text = town({
      mainTags: '<tag k="access" v="no"/>',
      more: '<node id="5" lat="-41.2505" lon="174.865"/><way id="12"><nd ref="1"/><nd ref="5"/><nd ref="3"/><tag k="highway" v="footway"/></way>',
    });
    expect(routeVia(text, 'foot')).toEqual(['w12']);
    expect(routeVia(text, 'car')).toEqual(['w11']);
  });

  it('facilities: a hospital outline at its centroid, an assembly point; bus shelters are not shelters', () => {
    const text = town({
      more: `<node id="20" lat="-41.2470" lon="174.8640"/><node id="21" lat="-41.2470" lon="174.8660"/><node id="22" lat="-41.2480" lon="174.8660"/>
 <node id="30" lat="-41.2501" lon="174.8601"><tag k="emergency" v="assembly_point"/></node>
 <node id="31" lat="-41.2501" lon="174.8651"><tag k="amenity" v="shelter"/><tag k="shelter_type" v="public_transport"/></node>
 <way id="40"><nd ref="20"/><nd ref="21"/><nd ref="22"/><nd ref="20"/><tag k="amenity" v="hospital"/><tag k="building" v="hospital"/><tag k="name" v="Island Hospital"/></way>
 <relation id="50"><member type="way" ref="10" role="from"/><member type="node" ref="2" role="via"/><member type="way" ref="10" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="no_u_turn"/></relation>`,
    });
    const { network, summary } = importOsm(text);
    const points = new Map((network.points ?? []).map((p) => [p.id, p]));
    expect([...points.keys()].sort()).toEqual(['n30', 'w40']);
    expect(points.get('n30')).toMatchObject({ kind: 'assembly_point', node: '1' });
    // At the centroid of its three corners, snapped to the nearest junction (3; 2 and 4 are shape points).
    const [la, lo] = [(-41.247 - 41.247 - 41.248) / 3, (174.864 + 174.866 + 174.866) / 3];
    expect(points.get('w40')).toMatchObject({ kind: 'hospital', name: 'Island Hospital', node: '3' });
    expect(points.get('w40')!.props?.['snap_m']).toBe(Math.round(1000 * haversineKm(la, lo, -41.25, 174.87)));
    expect(summary.notApplied).toEqual({ 'turn restrictions: via node is not a junction of imported roads': 1 });
  });
});
