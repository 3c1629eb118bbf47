/**
 * Import a GeoJSON FeatureCollection (RFC 7946, WGS84 lon/lat) into a region network.
 * - LineString / MultiLineString features are roads. Class from `roadClass` (the region's names) or
 *   `highway` (OSM names); `oneway` (yes/true/1, -1/reverse, no), `maxspeed` or `speedKmh`, `bridge`,
 *   `lanes`, `name`/`name_zh`, `km` (a stated length, kept instead of the geometric one), `water`,
 *   `estimated`, `src`. Other scalar properties stay under `props`.
 * - Vertices at the same position (to 1e-7 degree, ~1 cm) are one vertex; its id is the id of a node
 *   feature there, or a coordinate key "lon,lat".
 * - Point features with `featureType: "node"` (what `exportGeoJson` writes) are graph nodes with their id
 *   and attributes, so export -> import round-trips. Other Point features are named points: on a road
 *   vertex if they sit on one, else on the nearest node within `snapKm`, else a node of their own.
 * Malformed input (bad JSON, a line with fewer than two positions, coordinates out of range) throws
 * InputError with JSON pointer, line and column.
 */
import { InputError, pointer, type InputIssue } from '../errors.js';
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
  type ImportOptions,
  type ImportSummary,
} from './import-common.js';
import { parseJsonText, type JsonLocator } from './json-source.js';
import { ROAD_CLASSES, type RegionNetwork, type RoadClass } from './schema.js';

const LINE_PROPS = new Set([
  'id', 'featureType', 'from', 'to', 'roadClass', 'highway', 'oneway', 'maxspeed', 'speedKmh', 'bridge', 'lanes',
  'name', 'name_zh', 'name:zh', 'km', 'water', 'estimated', 'src', 'deckLevelM', 'route',
]);
const NODE_PROPS = new Set(['id', 'featureType', 'kind', 'name', 'name_zh', 'name:zh', 'estimated', 'src']);
const POINT_PROPS = new Set([...NODE_PROPS, 'node', 'amenity', 'emergency']);
const MAX_ISSUES = 50;

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
}

function srcList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

/** Coordinate key at 1e-7 degree; also the id of a vertex no node feature names. */
function coordKey(lon: number, lat: number): string {
  return `${Number(lon.toFixed(7))},${Number(lat.toFixed(7))}`;
}

export function importGeoJson(text: string, opts: ImportOptions = {}): { network: RegionNetwork; summary: ImportSummary } {
  const parsed = parseJsonText(text, opts.file);
  let locator: JsonLocator | undefined;
  const issues: InputIssue[] = [];
  const problem = (path: string, message: string): void => {
    if (issues.length >= MAX_ISSUES) return;
    locator ??= parsed.locator();
    const at = locator.locate(path);
    const issue: InputIssue = { path, message, line: at.line, column: at.column, severity: 'error' };
    if (opts.file !== undefined) issue.file = opts.file;
    issues.push(issue);
  };

  const doc = parsed.value;
  let features: unknown[];
  let featuresPath: string;
  if (isObj(doc) && doc['type'] === 'FeatureCollection' && Array.isArray(doc['features'])) {
    features = doc['features'];
    featuresPath = '/features';
  } else if (isObj(doc) && doc['type'] === 'Feature') {
    features = [doc];
    featuresPath = '';
  } else {
    problem('', 'not GeoJSON: expected an object with "type": "FeatureCollection" and a "features" array');
    throw new InputError(issues);
  }
  const fp = (i: number, ...rest: Array<string | number>): string => (featuresPath === '' ? pointer(...rest) : `${featuresPath}${pointer(i, ...rest)}`);

  const vertexOf = new Map<string, number>();
  const vertices: VertexInput[] = [];
  const vertexAt = (lon: number, lat: number): number => {
    const key = coordKey(lon, lat);
    let v = vertexOf.get(key);
    if (v === undefined) {
      v = vertices.length;
      vertexOf.set(key, v);
      vertices.push({ id: key, lat, lon });
    }
    return v;
  };

  /** Validate one position; returns [lon, lat] or undefined after recording the problem. */
  const position = (p: unknown, path: string): [number, number] | undefined => {
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
      problem(path, 'a position must be an array [lon, lat] of numbers');
      return undefined;
    }
    const [lon, lat] = p as [number, number];
    if (!validLon(lon)) {
      problem(path, `longitude ${lon} is out of range [-180, 180] (GeoJSON positions are [lon, lat])`);
      return undefined;
    }
    if (!validLat(lat)) {
      problem(path, `latitude ${lat} is out of range [-90, 90] (GeoJSON positions are [lon, lat])`);
      return undefined;
    }
    return [lon, lat];
  };

  const skipped: Record<string, number> = {};
  const skip = (why: string): void => {
    skipped[why] = (skipped[why] ?? 0) + 1;
  };
  const lineInputs: Array<{ coords: Array<[number, number]>; props: Json; idBase: string }> = [];
  const nodeFeatures: Array<{ at: [number, number]; props: Json; id: string }> = [];
  const pointFeatures: Array<{ at: [number, number]; props: Json; id: string }> = [];

  features.forEach((f, i) => {
    if (!isObj(f) || f['type'] !== 'Feature') {
      problem(fp(i), 'expected a GeoJSON Feature object');
      return;
    }
    const props = isObj(f['properties']) ? f['properties'] : {};
    const geom = f['geometry'];
    if (geom === null) {
      skip('feature without geometry');
      return;
    }
    if (!isObj(geom)) {
      problem(fp(i, 'geometry'), 'geometry must be an object or null');
      return;
    }
    const fid = str(f['id']) ?? str(props['id']);
    const type = geom['type'];
    const coords = geom['coordinates'];
    if (type === 'LineString' || type === 'MultiLineString') {
      const parts: unknown[] = type === 'LineString' ? [coords] : Array.isArray(coords) ? coords : [];
      if (type === 'MultiLineString' && !Array.isArray(coords)) {
        problem(fp(i, 'geometry', 'coordinates'), 'MultiLineString coordinates must be an array of lines');
        return;
      }
      parts.forEach((part, k) => {
        const path = type === 'LineString' ? fp(i, 'geometry', 'coordinates') : fp(i, 'geometry', 'coordinates', k);
        if (!Array.isArray(part) || part.length < 2) {
          const n = Array.isArray(part) ? part.length : 0;
          problem(path, `${type === 'LineString' ? 'line' : `part ${k} of the line`} ${fid !== undefined ? `'${fid}' ` : ''}has ${n} position${n === 1 ? '' : 's'}; a road needs at least 2`);
          return;
        }
        const ps: Array<[number, number]> = [];
        part.forEach((p, j) => {
          const q = position(p, `${path}/${j}`);
          if (q !== undefined) ps.push(q);
        });
        if (ps.length !== part.length) return;
        const base = fid ?? `line${i}`;
        lineInputs.push({ coords: ps, props, idBase: parts.length === 1 ? base : `${base}.${k + 1}` });
      });
    } else if (type === 'Point') {
      const q = position(coords, fp(i, 'geometry', 'coordinates'));
      if (q === undefined) return;
      if (props['featureType'] === 'node') {
        if (fid === undefined) problem(fp(i), 'a node feature needs an id');
        else nodeFeatures.push({ at: q, props, id: fid });
      } else if (props['featureType'] === 'edge') {
        problem(fp(i, 'geometry'), 'an edge feature must be a LineString');
      } else {
        pointFeatures.push({ at: q, props, id: fid ?? `point${i}` });
      }
    } else if (type === 'MultiPoint') {
      if (!Array.isArray(coords)) {
        problem(fp(i, 'geometry', 'coordinates'), 'MultiPoint coordinates must be an array of positions');
        return;
      }
      coords.forEach((p, k) => {
        const q = position(p, fp(i, 'geometry', 'coordinates', k));
        if (q !== undefined) pointFeatures.push({ at: q, props, id: `${fid ?? `point${i}`}.${k + 1}` });
      });
    } else {
      skip(`${String(type)} geometry`);
    }
  });
  if (issues.length > 0) throw new InputError(issues);

  // Node features first: their ids name the vertices at their positions.
  const nodeIds = new Set<string>();
  for (const nf of nodeFeatures) {
    const v = vertexAt(nf.at[0], nf.at[1]);
    const vertex = vertices[v]!;
    if (nodeIds.has(nf.id)) {
      problem('', `node id '${nf.id}' is used by two node features`);
      continue;
    }
    nodeIds.add(nf.id);
    vertex.id = nf.id;
    vertex.forced = true;
    const p = nf.props;
    vertex.kind = str(p['kind']) ?? 'junction';
    const name = str(p['name']);
    const zh = str(p['name_zh']) ?? str(p['name:zh']);
    if (name !== undefined) vertex.name = name;
    if (zh !== undefined) vertex.name_zh = zh;
    if (typeof p['estimated'] === 'boolean') vertex.estimated = p['estimated'];
    const src = srcList(p['src']);
    if (src !== undefined) vertex.src = src;
    const extra = scalarProps(p, NODE_PROPS);
    if (extra !== undefined) vertex.props = extra;
  }
  if (issues.length > 0) throw new InputError(issues);

  let unclassified = 0;
  const polylines: PolylineInput[] = [];
  for (const line of lineInputs) {
    const p = line.props;
    let roadClass: RoadClass | undefined;
    const rc = p['roadClass'];
    const hw = p['highway'];
    if (typeof rc === 'string' && (ROAD_CLASSES as readonly string[]).includes(rc)) roadClass = rc as RoadClass;
    else if (p['route'] === 'ferry') roadClass = 'ferry';
    else if (typeof hw === 'string') {
      roadClass = OSM_HIGHWAY_CLASS[hw];
      if (roadClass === undefined) {
        skip(`highway=${hw}`);
        continue;
      }
    } else {
      roadClass = 'township';
      unclassified++;
    }
    const dir = parseOneway(p['oneway']);
    let vs = line.coords.map(([lon, lat]) => vertexAt(lon, lat));
    if (dir === 'reverse') vs = vs.reverse();
    const stated = parseMaxspeed(p['speedKmh']) ?? parseMaxspeed(p['maxspeed']);
    const attrs: PolylineInput['attrs'] = { roadClass, speedKmh: stated ?? DEFAULT_SPEED_KMH[roadClass] };
    if (dir === 'forward' || dir === 'reverse') attrs.oneway = true;
    const lanes = parseLanes(p['lanes']);
    if (lanes !== undefined) attrs.lanes = lanes;
    if (parseBool(p['bridge']) === true) attrs.bridge = true;
    if (typeof p['deckLevelM'] === 'number') attrs.deckLevelM = p['deckLevelM'];
    if (p['water'] === true) attrs.water = true;
    const name = str(p['name']);
    const zh = str(p['name_zh']) ?? str(p['name:zh']);
    if (name !== undefined) attrs.name = name;
    if (zh !== undefined) attrs.name_zh = zh;
    if (typeof p['km'] === 'number' && p['km'] > 0) attrs.km = p['km'];
    if (typeof p['estimated'] === 'boolean') attrs.estimated = p['estimated'];
    else if (stated === undefined) attrs.estimated = true;
    const src = srcList(p['src']);
    if (src !== undefined) attrs.src = src;
    const extra = scalarProps(p, LINE_PROPS) ?? {};
    if (typeof hw === 'string') extra['highway'] = hw;
    if (Object.keys(extra).length > 0) attrs.props = extra;
    polylines.push({ idBase: line.idBase, vertices: vs, attrs });
  }
  if (unclassified > 0) skipped['lines without roadClass or highway, imported as township'] = unclassified;

  const points: PointInput[] = pointFeatures.map((pf) => {
    const p = pf.props;
    const kind = str(p['kind']) ?? str(p['emergency']) ?? str(p['amenity']) ?? 'point';
    const point: PointInput = { id: pf.id, lat: pf.at[1], lon: pf.at[0], kind };
    const v = vertexOf.get(coordKey(pf.at[0], pf.at[1]));
    if (v !== undefined) point.vertex = v;
    const name = str(p['name']);
    const zh = str(p['name_zh']) ?? str(p['name:zh']);
    if (name !== undefined) point.name = name;
    if (zh !== undefined) point.name_zh = zh;
    if (typeof p['estimated'] === 'boolean') point.estimated = p['estimated'];
    const src = srcList(p['src']);
    if (src !== undefined) point.src = src;
    const extra = scalarProps(p, POINT_PROPS);
    if (extra !== undefined) point.props = extra;
    return point;
  });

  const region = isObj(doc) && isObj(doc['region']) ? doc['region'] : {};
  const base = opts.file !== undefined ? opts.file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') : 'imported';
  const nameZh = opts.name_zh ?? str(region['name_zh']);
  const { network, stats } = buildNetwork(vertices, polylines, points, {
    id: opts.id ?? str(region['id']) ?? base,
    name: opts.name ?? str(region['name']) ?? base,
    ...(nameZh !== undefined ? { name_zh: nameZh } : {}),
    ...(opts.snapKm !== undefined ? { snapKm: opts.snapKm } : {}),
  });
  return {
    network,
    summary: { format: 'geojson', nodes: stats.nodes, edges: stats.edges, points: stats.points, collapsedVertices: stats.collapsedVertices, skipped },
  };
}
