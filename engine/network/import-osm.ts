/**
 * Import an OpenStreetMap XML file (.osm, API 0.6) into a region network: ways with a mapped `highway`
 * value (or `route=ferry`) become roads; their nodes keep their OSM ids. Shared nodes become junctions,
 * shape nodes fold into edge lengths (build.ts). `oneway` (yes/-1/no, implied on motorways and
 * roundabouts), `maxspeed`, `bridge`, `lanes` and names are read; other tags stay under `props`.
 * Named emergency-relevant nodes (hospitals, fire stations, shelters, places ...) become points.
 *
 * Malformed input - broken XML, a node without valid coordinates, a road way with fewer than two nodes or
 * referring to a node the file does not contain - throws InputError with line and column: an extract
 * must contain every node of its ways (osmium's default "complete ways", Overpass `(._;>;); out;`).
 */
import { InputError, type InputIssue } from '../errors.js';
import { buildNetwork, type PointInput, type PolylineInput, type VertexInput } from './build.js';
import { validLat, validLon } from './geo.js';
import {
  DEFAULT_SPEED_KMH,
  OSM_HIGHWAY_CLASS,
  parseBool,
  parseLanes,
  parseMaxspeed,
  parseOneway,
  scalarProps,
  splitNames,
  type ImportOptions,
  type ImportSummary,
} from './import-common.js';
import type { RegionNetwork, RoadClass } from './schema.js';
import { XmlScanner } from './xml.js';

interface OsmNode {
  id: string;
  lat: number;
  lon: number;
  tags: Record<string, string>;
  offset: number;
}

interface OsmWay {
  id: string;
  nds: Array<{ ref: string; offset: number }>;
  tags: Record<string, string>;
  offset: number;
}

/** amenity/emergency values (and any place=*) that become named points. */
const POINT_AMENITIES = new Set(['hospital', 'clinic', 'fire_station', 'police', 'school', 'townhall', 'shelter', 'community_centre']);
const NAME_TAGS = new Set(['name', 'name:zh', 'name:en', 'name_zh']);
const WAY_TAGS_READ = new Set(['highway', 'oneway', 'maxspeed', 'bridge', 'lanes', 'name', 'name:zh', 'name:en', 'route', 'junction']);

const MAX_ISSUES = 50;

export function importOsm(text: string, opts: ImportOptions = {}): { network: RegionNetwork; summary: ImportSummary } {
  const xml = new XmlScanner(text, opts.file);
  const nodes = new Map<string, OsmNode>();
  const nodeOrder: OsmNode[] = [];
  const ways: OsmWay[] = [];
  const issues: InputIssue[] = [];
  const problem = (offset: number, message: string): void => {
    if (issues.length < MAX_ISSUES) issues.push(xml.issue(offset, message));
  };

  let rootSeen = false;
  let current: { kind: 'node'; node: OsmNode } | { kind: 'way'; way: OsmWay } | { kind: 'other' } | null = null;
  let depth = 0;
  xml.scan({
    open(name, attrs, selfClosing, offset) {
      depth++;
      if (!rootSeen) {
        rootSeen = true;
        if (name !== 'osm') throw xml.error(offset, `not an OpenStreetMap file: the root element is <${name}>, expected <osm>`);
      } else if (depth === 2) {
        current = { kind: 'other' };
        if (attrs['action'] === 'delete' || attrs['visible'] === 'false') {
          // JOSM marks deleted objects this way; they are not part of the data.
        } else if (name === 'node') {
          const id = attrs['id'];
          const lat = Number(attrs['lat']);
          const lon = Number(attrs['lon']);
          if (id === undefined || id === '') problem(offset, 'node without an id attribute');
          else if (attrs['lat'] === undefined || attrs['lon'] === undefined) problem(offset, `node ${id}: missing lat or lon attribute`);
          else if (!validLat(lat)) problem(offset, `node ${id}: latitude ${attrs['lat']} is not a number in [-90, 90]`);
          else if (!validLon(lon)) problem(offset, `node ${id}: longitude ${attrs['lon']} is not a number in [-180, 180]`);
          else if (nodes.has(id)) problem(offset, `node ${id} appears twice`);
          else {
            const node: OsmNode = { id, lat, lon, tags: {}, offset };
            nodes.set(id, node);
            nodeOrder.push(node);
            current = { kind: 'node', node };
          }
        } else if (name === 'way') {
          const id = attrs['id'];
          if (id === undefined || id === '') problem(offset, 'way without an id attribute');
          else {
            const way: OsmWay = { id, nds: [], tags: {}, offset };
            ways.push(way);
            current = { kind: 'way', way };
          }
        }
      } else if (depth === 3 && current !== null) {
        const c = current as { kind: string; node?: OsmNode; way?: OsmWay };
        if (name === 'tag') {
          const k = attrs['k'];
          const v = attrs['v'];
          if (k === undefined || v === undefined) problem(offset, '<tag> needs both k and v attributes');
          else if (c.node !== undefined) c.node.tags[k] = v;
          else if (c.way !== undefined) c.way.tags[k] = v;
        } else if (name === 'nd' && c.way !== undefined) {
          const ref = attrs['ref'];
          if (ref === undefined || ref === '') problem(offset, `way ${c.way.id}: <nd> without a ref attribute`);
          else c.way.nds.push({ ref, offset });
        }
      }
      if (selfClosing) {
        depth--;
        if (depth === 1) current = null;
      }
    },
    close() {
      depth--;
      if (depth === 1) current = null;
    },
  });

  // Roads: classify, check, orient.
  const skipped: Record<string, number> = {};
  const vertexOf = new Map<string, number>();
  const vertices: VertexInput[] = [];
  const vertexFor = (node: OsmNode): number => {
    let v = vertexOf.get(node.id);
    if (v === undefined) {
      v = vertices.length;
      vertexOf.set(node.id, v);
      const vertex: VertexInput = { id: node.id, lat: node.lat, lon: node.lon, ...splitNames(node.tags) };
      const props = scalarProps(node.tags, NAME_TAGS);
      if (props !== undefined) vertex.props = props;
      vertices.push(vertex);
    }
    return v;
  };
  // Vertices are numbered in file order of the nodes, so the output does not depend on way order.
  const roadWays: Array<{ way: OsmWay; roadClass: RoadClass }> = [];
  for (const way of ways) {
    const highway = way.tags['highway'];
    let roadClass: RoadClass | undefined;
    if (way.tags['route'] === 'ferry') roadClass = 'ferry';
    else if (highway !== undefined) roadClass = OSM_HIGHWAY_CLASS[highway];
    if (roadClass === undefined) {
      const why = highway !== undefined ? `highway=${highway}` : 'not a road';
      skipped[why] = (skipped[why] ?? 0) + 1;
      continue;
    }
    if (way.nds.length < 2) {
      problem(way.offset, `way ${way.id} (${highway !== undefined ? `highway=${highway}` : 'route=ferry'}) has ${way.nds.length} node${way.nds.length === 1 ? '' : 's'}; a road needs at least 2`);
      continue;
    }
    let ok = true;
    for (const nd of way.nds) {
      if (!nodes.has(nd.ref)) {
        problem(nd.offset, `way ${way.id} refers to node ${nd.ref}, which is not in the file (export complete ways)`);
        ok = false;
      }
    }
    if (ok) roadWays.push({ way, roadClass });
  }
  if (issues.length > 0) throw new InputError(issues);

  const used = new Set<string>();
  for (const { way } of roadWays) for (const nd of way.nds) used.add(nd.ref);
  for (const node of nodeOrder) if (used.has(node.id)) vertexFor(node);

  const polylines: PolylineInput[] = [];
  for (const { way, roadClass } of roadWays) {
    const tags = way.tags;
    let dir = parseOneway(tags['oneway']);
    if (dir === undefined && (tags['highway'] === 'motorway' || tags['junction'] === 'roundabout' || tags['junction'] === 'circular')) dir = 'forward';
    let vs = way.nds.map((nd) => vertexOf.get(nd.ref)!);
    if (dir === 'reverse') vs = vs.reverse();
    const speed = parseMaxspeed(tags['maxspeed']) ?? DEFAULT_SPEED_KMH[roadClass];
    const attrs: PolylineInput['attrs'] = { roadClass, speedKmh: Math.round(speed * 100) / 100, ...splitNames(tags) };
    if (dir === 'forward' || dir === 'reverse') attrs.oneway = true;
    const lanes = parseLanes(tags['lanes']);
    if (lanes !== undefined) attrs.lanes = lanes;
    if (parseBool(tags['bridge']) === true) attrs.bridge = true;
    if (parseMaxspeed(tags['maxspeed']) === undefined) attrs.estimated = true;
    const props = scalarProps(tags, WAY_TAGS_READ) ?? {};
    props['osm_way'] = way.id;
    if (tags['highway'] !== undefined) props['highway'] = tags['highway'];
    attrs.props = props;
    polylines.push({ idBase: `w${way.id}`, vertices: vs, attrs });
  }

  const points: PointInput[] = [];
  for (const node of nodeOrder) {
    const t = node.tags;
    if (t['name'] === undefined && t['name:zh'] === undefined && t['name:en'] === undefined) continue;
    const kind = t['emergency'] ?? (t['amenity'] !== undefined && POINT_AMENITIES.has(t['amenity']) ? t['amenity'] : undefined) ?? (t['place'] !== undefined ? t['place'] : undefined);
    if (kind === undefined) continue;
    const point: PointInput = { id: `n${node.id}`, lat: node.lat, lon: node.lon, kind, ...splitNames(t) };
    const v = vertexOf.get(node.id);
    if (v !== undefined) point.vertex = v;
    points.push(point);
  }

  const base = opts.file !== undefined ? opts.file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') : 'imported';
  const { network, stats } = buildNetwork(vertices, polylines, points, {
    id: opts.id ?? base,
    name: opts.name ?? base,
    ...(opts.name_zh !== undefined ? { name_zh: opts.name_zh } : {}),
    ...(opts.snapKm !== undefined ? { snapKm: opts.snapKm } : {}),
  });
  return {
    network,
    summary: { format: 'osm', nodes: stats.nodes, edges: stats.edges, points: stats.points, collapsedVertices: stats.collapsedVertices, skipped },
  };
}
