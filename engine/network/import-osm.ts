/**
 * Import OpenStreetMap data (XML `.osm`, `.osm.gz`, `.osm.bz2`, or `.osm.pbf`; osm-source.ts reads them as a
 * stream of entities) into a region network. Ways with a mapped `highway` value (or `route=ferry`) become
 * roads; their nodes keep their OSM ids. Shared nodes become junctions, shape nodes fold into edge lengths
 * (build.ts), which keeps them as the edge's geometry. Read: `oneway` (yes/-1/no, implied on motorways and
 * roundabouts), `maxspeed`, `bridge`,
 * `lanes`, names; `access=no|private` closes a road to vehicles (walkers keep it when `foot` allows, as
 * `path`); footways, paths and steps are `path`, walkers only. Other tags stay under `props`.
 *
 * Facilities become points: nodes, ways at the centroid of their nodes (hospitals mapped as building
 * outlines), and multipolygon relations at the area centroid of their outer rings (osm-areas.ts), snapped
 * to the nearest junction: hospitals, clinics, fire stations, police, schools,
 * community centres, sports centres and stadiums (candidate shelters), emergency assembly points, ambulance
 * stations, warehouses, and named places. `amenity=shelter` is not taken: in OSM it is mostly bus stops and
 * mountain huts, not evacuation shelters.
 *
 * Extracts cut by a bounding box hold ways whose nodes lie partly outside the file. By default (clip) such
 * a way keeps its runs of two or more nodes inside the file, and the summary counts what was clipped or
 * dropped; with `strict` each missing node is an error.
 *
 * Turn restrictions (via a node) are written into the graph by splitting their junctions
 * (turn-restrictions.ts); via-way and conditional ones are counted as not applied. Administrative
 * boundaries (`boundary=administrative` relations) are assembled into polygons and returned beside the
 * network for `region init --zones admin`.
 */
import { InputError, type InputIssue } from '../errors.js';
import { buildNetwork, type PointInput, type PolylineInput, type VertexInput, type VertexSource } from './build.js';
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
import { assembleRings, polygonCentroid, type Polygon } from './osm-areas.js';
import { OsmNodeStore } from './osm-node-store.js';
import { osmFormatOf, readOsmFile, readOsmXmlText, type OsmEntity, type OsmFormat, type OsmWayEntity } from './osm-source.js';
import type { RegionNetwork, RoadClass } from './schema.js';
import { applyTurnRestrictions, readRestriction, type TurnRestriction, type TurnRestrictionSummary } from './turn-restrictions.js';

export interface OsmImportOptions extends ImportOptions {
  /** Refuse ways with nodes outside the file (default: clip them to the runs inside). */
  strict?: boolean;
}

/** What a clipped import did to incomplete ways. */
export interface ClipSummary {
  /** Ways that kept only part of their nodes. */
  clippedWays: number;
  /** Ways dropped because fewer than two of their nodes (in a row) are in the file. */
  droppedWays: number;
  /** Node references to nodes not in the file. */
  missingRefs: number;
}

export interface OsmImportSummary extends ImportSummary {
  clip: ClipSummary;
  /** Read but not applied (via-way or conditional turn restrictions, areas that do not assemble). */
  notApplied: Record<string, number>;
  turnRestrictions: TurnRestrictionSummary;
}

/** An administrative area from a `boundary=administrative` relation. */
export interface AdminBoundary {
  /** OSM relation id. */
  id: string;
  level: number;
  name?: string;
  name_zh?: string;
  /** Rings as [lon, lat], outer and inner (even-odd). */
  polygon: Polygon;
  /** Rings an extract cut open, closed with a straight line. */
  forcedRings: number;
}

export interface OsmImportResult {
  network: RegionNetwork;
  summary: OsmImportSummary;
  /** Administrative areas in the file, by relation order. */
  boundaries: AdminBoundary[];
}

/** Issues listed one by one before "and N more". */
export const MAX_LISTED_ISSUES = 50;

const AMENITY_POINTS = new Set(['hospital', 'clinic', 'fire_station', 'police', 'school', 'college', 'university', 'townhall', 'community_centre', 'ambulance_station']);
const EMERGENCY_POINTS = new Set(['assembly_point', 'ambulance_station']);
const LEISURE_POINTS = new Set(['sports_centre', 'stadium']);
const NAME_TAGS = new Set(['name', 'name:zh', 'name:en', 'name_zh']);
const WAY_TAGS_READ = new Set(['highway', 'oneway', 'maxspeed', 'bridge', 'lanes', 'name', 'name:zh', 'name:en', 'route', 'junction', 'access']);
const CLOSED_ACCESS = new Set(['no', 'private']);
const FOOT_ALLOWED = new Set(['yes', 'designated', 'permissive']);

/** The kind of facility a node's or way's tags describe, or undefined. */
export function facilityKind(tags: Record<string, string>): string | undefined {
  const amenity = tags['amenity'];
  if (amenity !== undefined && AMENITY_POINTS.has(amenity)) return amenity;
  const emergency = tags['emergency'];
  if (emergency !== undefined && EMERGENCY_POINTS.has(emergency)) return emergency;
  const leisure = tags['leisure'];
  if (leisure !== undefined && LEISURE_POINTS.has(leisure)) return leisure;
  if (tags['building'] === 'warehouse' || tags['industrial'] === 'warehouse') return 'warehouse';
  if (tags['place'] !== undefined && (tags['name'] !== undefined || tags['name:en'] !== undefined || tags['name:zh'] !== undefined)) return tags['place'];
  return undefined;
}

/**
 * A road as kept: its node references resolved to node indices as the way streams past (OSM files put
 * nodes before ways), split into the runs inside the file; the references themselves are not kept.
 */
interface RoadWay {
  id: string;
  tags: Record<string, string>;
  /** Runs of two or more consecutive nodes in the file (the whole way when complete). */
  runs: Int32Array[];
  /** Whether nodes were missing (then the edges are marked clipped). */
  clipped: boolean;
  roadClass: RoadClass;
  /** Closed to vehicles by access tags (kept for walkers as `path`). */
  walkOnly: boolean;
}

/**
 * Collects entities as they stream past and builds the network at the end. OSM files list nodes before
 * ways before relations (the API, osmium, Osmosis and JOSM all write them so), and a way's references are
 * resolved when it arrives: a node after its way counts as outside the file. Memory: every node's
 * coordinates (ways may use any), tags of tagged nodes, the roads as node-index runs, facility ways.
 */
export class OsmCollector {
  private readonly store = new OsmNodeStore();
  /** Road way ids seen so far ascend strictly (as sorted files have them), so edge ids are unique. */
  private roadIdsAscend = true;
  private lastRoadId = -Infinity;
  private readonly nodeTags = new Map<number, Record<string, string>>();
  private readonly roads: RoadWay[] = [];
  private readonly facilityWays: OsmWayEntity[] = [];
  /** Untagged and boundary ways (multipolygon and boundary members), as node indices (-1: not in the file). */
  private readonly memberWays = new Map<string, Int32Array>();
  private readonly restrictions: TurnRestriction[] = [];
  private readonly areaRelations: Array<{ id: string; tags: Record<string, string>; outer: Int32Array[]; inner: Int32Array[]; admin: boolean }> = [];
  private readonly errors: InputIssue[] = [];
  private errorCount = 0;
  readonly skipped: Record<string, number> = {};
  readonly notApplied: Record<string, number> = {};
  readonly clip: ClipSummary = { clippedWays: 0, droppedWays: 0, missingRefs: 0 };

  constructor(private readonly opts: OsmImportOptions = {}) {}

  private problem(message: string, line?: number): void {
    this.errorCount++;
    if (this.errors.length >= MAX_LISTED_ISSUES) return;
    const issue: InputIssue = { path: '', message, severity: 'error' };
    if (this.opts.file !== undefined) issue.file = this.opts.file;
    if (line !== undefined) issue.line = line;
    this.errors.push(issue);
  }

  private skip(why: string): void {
    this.skipped[why] = (this.skipped[why] ?? 0) + 1;
  }

  add(e: OsmEntity): void {
    if (e.type === 'node') {
      if (e.problem !== undefined) return this.problem(e.problem, e.line);
      if (!(Math.abs(e.lat) <= 90) || !(Math.abs(e.lon) <= 180)) return this.problem(`node ${e.id}: coordinates ${e.lat}, ${e.lon} are not a latitude in [-90, 90] and a longitude in [-180, 180]`, e.line);
      const i = this.store.add(e.id, e.lat, e.lon);
      if (i === undefined) return this.problem(`node ${e.id} appears twice`, e.line);
      for (const _ in e.tags) {
        this.nodeTags.set(i, e.tags);
        break;
      }
      return;
    }
    if (e.type === 'relation') {
      const type = e.tags['type'];
      if (type === 'restriction' || type?.startsWith('restriction:') === true) {
        const r = readRestriction(e.id, e.tags, e.members);
        if (typeof r === 'string') this.notApplied[`turn restrictions: ${r}`] = (this.notApplied[`turn restrictions: ${r}`] ?? 0) + 1;
        else this.restrictions.push(r);
        return;
      }
      const admin = e.tags['boundary'] === 'administrative' && e.tags['admin_level'] !== undefined && (type === 'boundary' || type === 'multipolygon');
      const facility = type === 'multipolygon' && facilityKind(e.tags) !== undefined;
      if (!admin && !facility) return;
      const outer: Int32Array[] = [];
      const inner: Int32Array[] = [];
      for (const m of e.members) {
        if (m.type !== 'way') continue;
        const nodes = this.memberWays.get(m.ref);
        if (nodes === undefined) continue;
        if (m.role === 'inner') inner.push(nodes);
        else if (m.role === 'outer' || m.role === '') outer.push(nodes);
      }
      if (outer.length === 0) {
        const what = admin ? 'administrative boundaries' : 'facilities mapped as relations';
        this.notApplied[`${what} without member ways in the file`] = (this.notApplied[`${what} without member ways in the file`] ?? 0) + 1;
        return;
      }
      this.areaRelations.push({ id: e.id, tags: e.tags, outer, inner, admin });
      return;
    }
    if (e.id === '') return this.problem('way without an id attribute', e.line);
    const tags = e.tags;
    const highway = tags['highway'];
    let roadClass: RoadClass | undefined;
    if (tags['route'] === 'ferry') roadClass = 'ferry';
    else if (highway !== undefined) roadClass = OSM_HIGHWAY_CLASS[highway];
    if (roadClass === undefined) {
      if (facilityKind(tags) !== undefined) this.facilityWays.push(e);
      else this.skip(highway !== undefined ? `highway=${highway}` : 'not a road');
      // Relations come after ways: keep the likely members of multipolygons (untagged ways) and boundaries.
      let tagged = false;
      for (const _ in tags) {
        tagged = true;
        break;
      }
      if (!tagged || tags['boundary'] !== undefined) this.memberWays.set(e.id, Int32Array.from(e.refs, (ref) => this.store.index(ref) ?? -1));
      return;
    }
    let walkOnly = false;
    const access = tags['access'];
    const vehicleBan = tags['motor_vehicle'] === 'no' || tags['vehicle'] === 'no';
    if ((access !== undefined && CLOSED_ACCESS.has(access)) || vehicleBan) {
      const foot = tags['foot'];
      if (roadClass === 'path' || (foot !== undefined && FOOT_ALLOWED.has(foot)) || (vehicleBan && !(access !== undefined && CLOSED_ACCESS.has(access)))) walkOnly = true;
      else return this.skip(`access=${access ?? 'no'}`);
    } else if (roadClass === 'path' && (tags['foot'] === 'no' || tags['foot'] === 'private')) {
      return this.skip(`highway=${highway ?? ''} foot=${tags['foot']}`);
    }
    if (this.opts.strict === true && e.refs.length < 2) {
      return this.problem(`way ${e.id} (${highway !== undefined ? `highway=${highway}` : 'route=ferry'}) has ${e.refs.length} node${e.refs.length === 1 ? '' : 's'}; a road needs at least 2`, e.line);
    }
    const runs = this.runs(e);
    const num = Number(e.id);
    if (!(Number.isSafeInteger(num) && String(num) === e.id && num > this.lastRoadId)) this.roadIdsAscend = false;
    this.lastRoadId = num;
    this.roads.push({ id: e.id, tags, runs, clipped: runs.length !== 1 || runs[0]!.length !== e.refs.length, roadClass, walkOnly });
    if (facilityKind(tags) !== undefined) this.facilityWays.push(e);
  }

  /** The runs of consecutive refs present in the file (clip), or all of them (strict, with errors). */
  private runs(way: OsmWayEntity): Int32Array[] {
    const runs: number[][] = [];
    let run: number[] = [];
    let missing = 0;
    way.refs.forEach((ref, k) => {
      const v = this.store.index(ref);
      if (v === undefined) {
        missing++;
        if (this.opts.strict === true) this.problem(`way ${way.id} refers to node ${ref}, which is not in the file (export complete ways, or import without --strict to clip)`, way.refLines?.[k] ?? way.line);
        if (run.length > 0) runs.push(run);
        run = [];
      } else run.push(v);
    });
    if (run.length > 0) runs.push(run);
    const kept = runs.filter((r) => r.length >= 2);
    if (missing > 0 || kept.length === 0) {
      this.clip.missingRefs += missing;
      if (kept.length === 0) this.clip.droppedWays++;
      else this.clip.clippedWays++;
    }
    return kept.map((r) => Int32Array.from(r));
  }

  finish(): OsmImportResult {
    // Classify and clip first: strict mode's missing nodes are errors reported with the others.
    const pieces = this.roads.map((road) => ({ road, runs: road.runs }));
    if (this.errorCount === 0 && pieces.every((p) => p.runs.length === 0)) {
      this.problem(`the file holds no roads: no highway=* way or ferry with two or more nodes in the file${pieces.length > 0 ? ` (${pieces.length} lost to clipping)` : ''}`);
    }
    if (this.errorCount > 0) {
      const issues = [...this.errors];
      if (this.errorCount > issues.length) {
        const more: InputIssue = { path: '', message: `and ${this.errorCount - issues.length} more problems of this kind`, severity: 'error' };
        if (this.opts.file !== undefined) more.file = this.opts.file;
        issues.push(more);
      }
      throw new InputError(issues);
    }

    // Vertices: the nodes roads use, numbered in file order so the output does not depend on way order.
    const nNodes = this.store.length;
    const used = new Uint8Array(nNodes);
    for (const { runs } of pieces) for (const r of runs) for (const v of r) used[v] = 1;
    const vertexOf = new Int32Array(nNodes).fill(-1);
    let nVertices = 0;
    for (let i = 0; i < nNodes; i++) if (used[i]) vertexOf[i] = nVertices++;
    const nodeOfVertex = new Int32Array(nVertices);
    for (let i = 0; i < nNodes; i++) if (used[i]) nodeOfVertex[vertexOf[i]!] = i;
    // Vertices stay in the node store's typed arrays; a record is made only for those that become nodes.
    const store = this.store;
    const nodeTags = this.nodeTags;
    const vertices: VertexSource = {
      length: nVertices,
      lat: (v) => store.lat(nodeOfVertex[v]!),
      lon: (v) => store.lon(nodeOfVertex[v]!),
      id: (v) => store.id(nodeOfVertex[v]!),
      forced: () => false,
      record: (v) => {
        const i = nodeOfVertex[v]!;
        const tags = nodeTags.get(i);
        const vertex: VertexInput = { id: store.id(i), lat: store.lat(i), lon: store.lon(i) };
        if (tags === undefined) return vertex;
        Object.assign(vertex, splitNames(tags));
        const props = scalarProps(tags, NAME_TAGS);
        if (props !== undefined) vertex.props = props;
        return vertex;
      },
    };

    const polylines: PolylineInput[] = [];
    for (const { road, runs } of pieces) {
      const { walkOnly } = road;
      const roadClass: RoadClass = walkOnly ? 'path' : road.roadClass;
      const tags = road.tags;
      let dir = walkOnly ? 'no' : parseOneway(tags['oneway']);
      if (dir === undefined && (tags['highway'] === 'motorway' || tags['junction'] === 'roundabout' || tags['junction'] === 'circular')) dir = 'forward';
      const maxspeed = parseMaxspeed(tags['maxspeed']);
      const speed = walkOnly ? DEFAULT_SPEED_KMH.path : (maxspeed ?? DEFAULT_SPEED_KMH[roadClass]);
      runs.forEach((run, k) => {
        let vs = Array.from(run, (v) => vertexOf[v]!);
        if (dir === 'reverse') vs = vs.reverse();
        const attrs: PolylineInput['attrs'] = { roadClass, speedKmh: Math.round(speed * 100) / 100, ...splitNames(tags) };
        if (dir === 'forward' || dir === 'reverse') attrs.oneway = true;
        const lanes = parseLanes(tags['lanes']);
        if (lanes !== undefined) attrs.lanes = lanes;
        if (parseBool(tags['bridge']) === true) attrs.bridge = true;
        if (maxspeed === undefined) attrs.estimated = true;
        const props = scalarProps(tags, WAY_TAGS_READ) ?? {};
        props['osm_way'] = road.id;
        if (tags['highway'] !== undefined) props['highway'] = tags['highway'];
        if (tags['access'] !== undefined) props['access'] = tags['access'];
        if (road.clipped) props['clipped'] = true;
        attrs.props = props;
        polylines.push({ idBase: runs.length === 1 ? `w${road.id}` : `w${road.id}.${k + 1}`, vertices: vs, attrs });
      });
    }

    // The roads live on in the polylines; let them go before the edges are made.
    this.roads.length = 0;
    pieces.length = 0;
    const points: PointInput[] = [];
    for (const [i, tags] of this.nodeTags) {
      const kind = facilityKind(tags);
      if (kind === undefined) continue;
      const point: PointInput = { id: `n${this.store.id(i)}`, lat: this.store.lat(i), lon: this.store.lon(i), kind, ...splitNames(tags) };
      if (vertexOf[i]! >= 0) point.vertex = vertexOf[i]!;
      points.push(point);
    }
    for (const way of this.facilityWays) {
      // Centroid of the outline's distinct nodes in the file (a closed way repeats its first node).
      let la = 0;
      let lo = 0;
      let n = 0;
      const seen = new Set<number>();
      for (const ref of way.refs) {
        const v = this.store.index(ref);
        if (v === undefined || seen.has(v)) continue;
        seen.add(v);
        la += this.store.lat(v);
        lo += this.store.lon(v);
        n++;
      }
      if (n === 0) {
        this.skip('facility way without nodes in the file');
        continue;
      }
      const kind = facilityKind(way.tags)!;
      points.push({ id: `w${way.id}`, lat: la / n, lon: lo / n, kind, ...splitNames(way.tags), props: { osm_way: way.id } });
    }
    const boundaries: AdminBoundary[] = [];
    for (const rel of this.areaRelations) {
      const outer = assembleRings(rel.outer);
      const inner = assembleRings(rel.inner);
      const toLonLat = (ring: number[]): Array<[number, number]> => ring.map((v): [number, number] => [this.store.lon(v), this.store.lat(v)]);
      const outerLL = outer.rings.map(toLonLat);
      const innerLL = inner.rings.map(toLonLat);
      const what = rel.admin ? 'administrative boundaries' : 'facilities mapped as relations';
      if (outerLL.length === 0) {
        this.notApplied[`${what} without a ring in the file`] = (this.notApplied[`${what} without a ring in the file`] ?? 0) + 1;
        continue;
      }
      if (rel.admin) {
        const level = Number(rel.tags['admin_level']);
        if (!Number.isInteger(level)) continue;
        boundaries.push({ id: rel.id, level, ...splitNames(rel.tags), polygon: { rings: [...outerLL, ...innerLL] }, forcedRings: outer.forced + inner.forced });
        continue;
      }
      const c = polygonCentroid(outerLL, innerLL)!;
      points.push({ id: `r${rel.id}`, lat: c.lat, lon: c.lon, kind: facilityKind(rel.tags)!, ...splitNames(rel.tags), props: { osm_relation: rel.id } });
    }

    const base = this.opts.file !== undefined ? this.opts.file.replace(/^.*[\\/]/, '').replace(/\.(osm\.pbf|osm\.gz|osm\.bz2|[^.]*)$/i, '') : 'imported';
    const { network, stats } = buildNetwork(vertices, polylines, points, {
      id: this.opts.id ?? base,
      name: this.opts.name ?? base,
      ...(this.opts.name_zh !== undefined ? { name_zh: this.opts.name_zh } : {}),
      ...(this.opts.snapKm !== undefined ? { snapKm: this.opts.snapKm } : {}),
      ...(this.roadIdsAscend ? { uniqueIds: true } : {}),
      releaseLines: true,
    });
    // Points are snapped before the split, so a point on a via junction stays on its first port (its id).
    const turnRestrictions = applyTurnRestrictions(network, this.restrictions);
    for (const [why, n] of Object.entries(turnRestrictions.skipped)) this.notApplied[`turn restrictions: ${why}`] = (this.notApplied[`turn restrictions: ${why}`] ?? 0) + n;
    return {
      network,
      boundaries,
      summary: {
        format: 'osm',
        nodes: network.nodes.length,
        edges: network.edges.length,
        points: stats.points,
        collapsedVertices: stats.collapsedVertices,
        skipped: this.skipped,
        clip: this.clip,
        notApplied: this.notApplied,
        turnRestrictions,
      },
    };
  }
}

/** Import OSM XML held in a string (small files and tests; files go through importOsmFile, streamed). */
export function importOsm(text: string, opts: OsmImportOptions = {}): OsmImportResult {
  const c = new OsmCollector(opts);
  readOsmXmlText(text, (e) => c.add(e), opts.file);
  return c.finish();
}

/** Import an OSM file (.osm, .osm.gz, .osm.bz2, .osm.pbf), streamed. */
export async function importOsmFile(file: string, opts: OsmImportOptions = {}, format: OsmFormat | undefined = osmFormatOf(file)): Promise<OsmImportResult> {
  if (format === undefined) throw new InputError([{ path: '', file, message: 'not an OpenStreetMap file name: expected .osm, .osm.gz, .osm.bz2 or .osm.pbf' }]);
  const c = new OsmCollector({ ...opts, file });
  await readOsmFile(file, format, (e) => c.add(e));
  return c.finish();
}
