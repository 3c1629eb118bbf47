/**
 * `drillsim region init`: draft a runnable region (manifest, zones, assets) around an imported road network
 * and a population source. Everything drafted is marked for the author to confirm: the manifest says
 * `draft: true`, every record is `estimated: true` with a note saying what default made it.
 *
 * Zones are hexagons (pointy-top, side `hexKm`) on a local plane (equirectangular about the network's
 * centre: x = Δlon·cos(lat0)·111.32 km, y = Δlat·110.574 km, good to well under 1 % across a city). A
 * population cell or point counts in the hexagon that holds its centre; hexagons without people are dropped.
 * Or zones are administrative areas (`boundary=administrative` relations of the extract at one
 * `admin_level`, assembled by the importer): a cell or point counts in the first area (in relation order)
 * whose polygon holds its centre, by the even-odd rule; a zone's node is the car-reachable junction inside
 * its polygon nearest its area centroid (the nearest reachable one anywhere if none lies inside); areas
 * without people are dropped and listed.
 * A zone's node, a shelter's and a base's node is the nearest junction of the largest strongly connected
 * component by car, so every drafted zone can reach every drafted shelter (evacuation drives: the
 * evacuation model routes by car).
 *
 * Defaults (all flagged as estimates in the output):
 * - Shelter places: no floor area is known from OSM tags, so a flat places-per-facility default per kind
 *   (SHELTER_PLACES). The norm to confirm them against is Sphere's minimum of 3.5 m² of covered living space
 *   per person (The Sphere Handbook 2018, Shelter and settlement standard 3): places = usable floor m² / 3.5.
 * - Households: population / 2.5 persons per household (estimate; replace with the census figure).
 * - Teams: one fire-rescue team per fire station, crew 12 and 2 vehicles (estimate: a one-engine
 *   two-shift station), mobilisation 5 min; reserves: one county-tier reserve per warehouse with no stock.
 */
import type { InputIssue } from '../../engine/errors.js';
import { InputError } from '../../engine/errors.js';
import { stronglyConnectedComponents } from '../../engine/network/components.js';
import type { RoadCsr } from '../../engine/network/csr.js';
import type { AdminBoundary } from '../../engine/network/import-osm.js';
import { pointInPolygon, polygonCentroid, type Polygon } from '../../engine/network/osm-areas.js';
import type { RegionNetwork } from '../../engine/network/schema.js';
import { NodeLocator } from '../../engine/network/snap.js';
import type { Raster } from '../../engine/raster/grid.js';
import { MAX_ZONES } from '../schema/limits.js';
import { ITEM_TYPES, REGION_FORMAT_VERSION } from '../schema/region-parts.js';

/** Candidate shelters by facility kind (OSM tag value) and their default places (estimates, see above). */
export const SHELTER_PLACES: Readonly<Record<string, number>> = {
  school: 300,
  college: 500,
  university: 1000,
  community_centre: 100,
  sports_centre: 500,
  stadium: 1000,
  assembly_point: 200,
};
export const SPHERE_M2_PER_PERSON = 3.5;
export const PERSONS_PER_HOUSEHOLD = 2.5;
export const TEAM_DEFAULT = { crew: 12, vehicles: 2, mobilisationMin: 5 } as const;

const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LON_EQ = 111.32;

export type PopulationSource =
  | { kind: 'raster'; raster: Raster; file: string }
  | { kind: 'points'; rows: ReadonlyArray<{ lat: number; lon: number; population: number; line: number }>; file: string }
  | { kind: 'zones'; rows: ReadonlyArray<{ zone: string; population: number; line: number }>; file: string };

export interface DraftOptions {
  id: string;
  name: string;
  hexKm: number;
  /** Zones from administrative areas at this level instead of hexagons. */
  admin?: { level: number; boundaries: readonly AdminBoundary[]; file: string };
  currency?: string;
  /** Citation of the extract and the population source, for the manifest's sources. */
  networkRef: string;
  populationRef: string;
}

export interface DraftRegion {
  region: Record<string, unknown>;
  zones: Record<string, unknown>;
  assets: Record<string, unknown>;
  /** Lines telling the author what to confirm. */
  summary: string[];
}

/** Hexagon grid on the local plane: axial coordinates (q, r) of pointy-top hexagons of side `size` km. */
class HexGrid {
  readonly kx: number;
  constructor(
    readonly lat0: number,
    readonly lon0: number,
    readonly size: number,
  ) {
    this.kx = Math.cos((lat0 * Math.PI) / 180) * KM_PER_DEG_LON_EQ;
  }
  /** The hexagon holding (lat, lon), by cube rounding (redblobgames.com/grids/hexagons, "Pixel to Hex"). */
  cell(lat: number, lon: number): [number, number] {
    const x = (lon - this.lon0) * this.kx;
    const y = (lat - this.lat0) * KM_PER_DEG_LAT;
    const qf = ((Math.sqrt(3) / 3) * x - y / 3) / this.size;
    const rf = ((2 / 3) * y) / this.size;
    const sf = -qf - rf;
    let q = Math.round(qf);
    let r = Math.round(rf);
    const s = Math.round(sf);
    const dq = Math.abs(q - qf);
    const dr = Math.abs(r - rf);
    const ds = Math.abs(s - sf);
    if (dq > dr && dq > ds) q = -r - s;
    else if (dr > ds) r = -q - s;
    return [q, r];
  }
  centre(q: number, r: number): { lat: number; lon: number } {
    const x = this.size * Math.sqrt(3) * (q + r / 2);
    const y = this.size * 1.5 * r;
    return { lat: this.lat0 + y / KM_PER_DEG_LAT, lon: this.lon0 + x / this.kx };
  }
}

const hexId = (q: number, r: number): string => `h${q}_${r}`;
const HEX_ID = /^h(-?\d+)_(-?\d+)$/;

/**
 * Every populated point of a gridded or point source (a raster's cell centres with their people, a CSV's
 * rows); a raster must be in degrees (WGS84), as WorldPop and GHS-POP publish.
 */
function eachPopulationPoint(pop: Extract<PopulationSource, { kind: 'raster' | 'points' }>, add: (lat: number, lon: number, n: number) => void): void {
  if (pop.kind === 'points') {
    for (const p of pop.rows) add(p.lat, p.lon, p.population);
    return;
  }
  const { raster: g } = pop;
  if (Math.abs(g.yll) > 90 || Math.abs(g.xll) > 360) {
    throw new InputError([{ path: '', file: pop.file, message: `the grid's corner (${g.xll}, ${g.yll}) is not in degrees of longitude and latitude: region init needs a WGS84 (EPSG:4326) grid, as WorldPop and GHS-POP publish` }]);
  }
  for (let row = 0; row < g.rows; row++) {
    const lat = g.yll + (g.rows - row - 0.5) * g.cellSize;
    for (let col = 0; col < g.cols; col++) {
      const v = g.values[row * g.cols + col]!;
      if (Number.isNaN(v) || v <= 0) continue;
      add(lat, g.xll + (col + 0.5) * g.cellSize, v);
    }
  }
}

/** Sum a population source into hexagons (key = zone id); only people inside the network's extent count. */
function populationByHex(grid: HexGrid, bbox: [number, number, number, number], pop: PopulationSource): { byHex: Map<string, number>; outside: number } {
  const [minLat, minLon, maxLat, maxLon] = bbox;
  const byHex = new Map<string, number>();
  let outside = 0;
  const add = (lat: number, lon: number, n: number): void => {
    if (lat < minLat || lat > maxLat || lon < minLon || lon > maxLon) {
      outside += n;
      return;
    }
    const [q, r] = grid.cell(lat, lon);
    const id = hexId(q, r);
    byHex.set(id, (byHex.get(id) ?? 0) + n);
  };
  if (pop.kind === 'raster' || pop.kind === 'points') {
    eachPopulationPoint(pop, add);
  } else {
    const issues: InputIssue[] = [];
    for (const z of pop.rows) {
      const m = HEX_ID.exec(z.zone);
      if (m === null) {
        issues.push({ path: '', file: pop.file, line: z.line, message: `zone '${z.zone}' is not a hexagon id of this grid (expected h<q>_<r>, as a previous region init wrote)` });
        continue;
      }
      const c = grid.centre(Number(m[1]), Number(m[2]));
      if (c.lat < minLat || c.lat > maxLat || c.lon < minLon || c.lon > maxLon) {
        issues.push({ path: '', file: pop.file, line: z.line, message: `zone '${z.zone}' lies outside the road network's extent (same --hex as before?)` });
        continue;
      }
      byHex.set(z.zone, (byHex.get(z.zone) ?? 0) + z.population);
    }
    if (issues.length > 0) throw new InputError(issues);
  }
  return { byHex, outside };
}

/** An administrative area as a zone: its polygon, bounding box and centroid. */
interface AdminZone {
  id: string;
  name: string;
  polygon: Polygon;
  box: [number, number, number, number];
  centroid: { lat: number; lon: number };
  forcedRings: number;
}

/** The areas at `level`, or a clear error listing the levels the extract has. */
export function adminZones(boundaries: readonly AdminBoundary[], level: number, file: string): AdminZone[] {
  const at = boundaries.filter((b) => b.level === level);
  if (at.length === 0) {
    const counts = new Map<number, number>();
    for (const b of boundaries) counts.set(b.level, (counts.get(b.level) ?? 0) + 1);
    const found = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([l, n]) => `${l} (${n} area${n === 1 ? '' : 's'})`);
    throw new InputError([
      {
        path: '',
        file,
        message: `no boundary=administrative relation at admin_level ${level} in the extract; ${found.length > 0 ? `levels found: ${found.join(', ')}` : 'it holds no administrative boundaries (use the hexagon grid: leave out --zones admin)'}`,
      },
    ]);
  }
  return at.map((b) => {
    let minLat = Infinity;
    let minLon = Infinity;
    let maxLat = -Infinity;
    let maxLon = -Infinity;
    for (const ring of b.polygon.rings) {
      for (const [lo, la] of ring) {
        minLat = Math.min(minLat, la);
        maxLat = Math.max(maxLat, la);
        minLon = Math.min(minLon, lo);
        maxLon = Math.max(maxLon, lo);
      }
    }
    // Outer and inner rings share one list: the centroid of all of them as outers is close enough for a
    // snapping target (holes in districts are rare).
    const centroid = polygonCentroid(b.polygon.rings) ?? { lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2 };
    return { id: `a${b.id}`, name: b.name ?? b.name_zh ?? `Area ${b.id}`, polygon: b.polygon, box: [minLat, minLon, maxLat, maxLon], centroid, forcedRings: b.forcedRings };
  });
}

/** The first zone whose polygon holds the point, or undefined. */
function adminZoneAt(zones: readonly AdminZone[], lat: number, lon: number): AdminZone | undefined {
  return zones.find((z) => lat >= z.box[0] && lat <= z.box[2] && lon >= z.box[1] && lon <= z.box[3] && pointInPolygon(z.polygon, lat, lon));
}

/** Sum a population source into administrative zones; people outside every area are counted apart. */
function populationByArea(zones: readonly AdminZone[], pop: PopulationSource): { byZone: Map<string, number>; outside: number } {
  const byZone = new Map<string, number>();
  let outside = 0;
  const add = (lat: number, lon: number, n: number): void => {
    const z = adminZoneAt(zones, lat, lon);
    if (z === undefined) outside += n;
    else byZone.set(z.id, (byZone.get(z.id) ?? 0) + n);
  };
  if (pop.kind === 'raster' || pop.kind === 'points') {
    eachPopulationPoint(pop, add);
  } else {
    const byId = new Map<string, AdminZone>();
    for (const z of zones) {
      byId.set(z.id, z);
      if (!byId.has(z.name)) byId.set(z.name, z);
    }
    const issues: InputIssue[] = [];
    for (const row of pop.rows) {
      const z = byId.get(row.zone);
      if (z === undefined) issues.push({ path: '', file: pop.file, line: row.line, message: `zone '${row.zone}' is not an area of this admin level (expected a<relation id> or an area's name: ${zones.map((x) => `${x.id} ${x.name}`).join(', ')})` });
      else byZone.set(z.id, (byZone.get(z.id) ?? 0) + row.population);
    }
    if (issues.length > 0) throw new InputError(issues);
  }
  return { byZone, outside };
}

export function draftRegion(network: RegionNetwork, csr: RoadCsr, pop: PopulationSource, opts: DraftOptions): DraftRegion {
  const n = csr.nodeCount;
  if (n === 0) throw new InputError([{ path: '/nodes', message: 'the road network has no junctions' }]);
  const g = csr.graph;
  const { component, sizes } = stronglyConnectedComponents(g, csr.baseMinutes('car'));
  if ((sizes[0] ?? 0) < 2) throw new InputError([{ path: '/edges', message: 'no two junctions are connected by car both ways: region init needs a drivable network (evacuation routes by car)' }]);
  const locator = new NodeLocator(g);
  const inMain = (v: number): boolean => component[v] === 0;
  const snap = (lat: number, lon: number): string => csr.nodeId(locator.nearest(lat, lon, inMain)!.node);

  // Extent: the junctions' bounding box, widened by half a hexagon so edge cells are kept.
  let minLat = Infinity;
  let minLon = Infinity;
  let maxLat = -Infinity;
  let maxLon = -Infinity;
  for (let v = 0; v < n; v++) {
    minLat = Math.min(minLat, g.lat[v]!);
    maxLat = Math.max(maxLat, g.lat[v]!);
    minLon = Math.min(minLon, g.lon[v]!);
    maxLon = Math.max(maxLon, g.lon[v]!);
  }
  const lat0 = (minLat + maxLat) / 2;
  const lon0 = (minLon + maxLon) / 2;
  const grid = new HexGrid(lat0, lon0, opts.hexKm);
  const padLat = opts.hexKm / 2 / KM_PER_DEG_LAT;
  const padLon = opts.hexKm / 2 / grid.kx;
  const county = opts.id;
  const src = ['draft'];
  interface ZoneDraft {
    id: string;
    name: string;
    county: string;
    node: string;
    population: number;
    households: number;
    tags: string[];
    estimated: true;
    src: string[];
    note: string;
  }
  let zones: ZoneDraft[];
  let zoneOfNode: (lat: number, lon: number) => string | undefined;
  let outside: number;
  let zoneLine: string;
  if (opts.admin !== undefined) {
    const areas = adminZones(opts.admin.boundaries, opts.admin.level, opts.admin.file);
    const byArea = populationByArea(areas, pop);
    outside = byArea.outside;
    const empty = areas.filter((a) => !((byArea.byZone.get(a.id) ?? 0) >= 0.5));
    zones = areas
      .filter((a) => (byArea.byZone.get(a.id) ?? 0) >= 0.5)
      .map((a) => {
        const population = Math.round(byArea.byZone.get(a.id)!);
        // The reachable junction inside the area nearest its centroid; else the nearest reachable one.
        const inside = locator.nearest(a.centroid.lat, a.centroid.lon, (v) => inMain(v) && adminZoneAt([a], g.lat[v]!, g.lon[v]!) !== undefined);
        const node = inside !== undefined ? csr.nodeId(inside.node) : snap(a.centroid.lat, a.centroid.lon);
        return {
          id: a.id,
          name: a.name,
          county,
          node,
          population,
          households: Math.max(1, Math.round(population / PERSONS_PER_HOUSEHOLD)),
          tags: ['draft'],
          estimated: true as const,
          src,
          note:
            `draft: administrative area (OSM relation ${a.id.slice(1)}, admin_level ${opts.admin!.level}); population summed from ${pop.file}; households = population / ${PERSONS_PER_HOUSEHOLD} (estimate)` +
            (inside === undefined ? '; no reachable junction inside the area: its node is the nearest outside it' : '') +
            (a.forcedRings > 0 ? `; ${a.forcedRings} boundary ring(s) cut open by the extract were closed with a straight line` : ''),
        };
      })
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    zoneOfNode = (lat, lon) => {
      const a = adminZoneAt(areas, lat, lon);
      return a !== undefined && zones.some((z) => z.id === a.id) ? a.id : undefined;
    };
    zoneLine = `${zones.length} zones (administrative areas at admin_level ${opts.admin.level} with people${empty.length > 0 ? `; without people, dropped: ${empty.map((a) => a.name).join(', ')}` : ''})`;
  } else {
    const byHexResult = populationByHex(grid, [minLat - padLat, minLon - padLon, maxLat + padLat, maxLon + padLon], pop);
    const { byHex } = byHexResult;
    outside = byHexResult.outside;
    zones = [...byHex.entries()]
      .map(([id, p]) => ({ id, population: Math.round(p) }))
      .filter((z) => z.population > 0)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(({ id, population }) => {
        const m = HEX_ID.exec(id)!;
        const c = grid.centre(Number(m[1]), Number(m[2]));
        return {
          id,
          name: `Hexagon ${id.slice(1)}`,
          county,
          node: snap(c.lat, c.lon),
          population,
          households: Math.max(1, Math.round(population / PERSONS_PER_HOUSEHOLD)),
          tags: ['draft'],
          estimated: true as const,
          src,
          note: `draft: hexagon of side ${opts.hexKm} km centred at ${c.lat.toFixed(5)},${c.lon.toFixed(5)}; population summed from ${pop.file}; households = population / ${PERSONS_PER_HOUSEHOLD} (estimate)`,
        };
      });
    const zoneIds = new Set(zones.map((z) => z.id));
    zoneOfNode = (lat, lon) => {
      const [q, r] = grid.cell(lat, lon);
      const id = hexId(q, r);
      return zoneIds.has(id) ? id : undefined;
    };
    zoneLine = `${zones.length} zones (hexagons of side ${opts.hexKm} km with people)`;
  }
  if (zones.length === 0) {
    throw new InputError([{ path: '', file: pop.file, message: `no people inside the road network's extent${opts.admin !== undefined ? ` or its admin_level ${opts.admin.level} areas` : ''} (lat ${minLat.toFixed(4)}..${maxLat.toFixed(4)}, lon ${minLon.toFixed(4)}..${maxLon.toFixed(4)}); is the population source for the same place?` }]);
  }
  const total = zones.reduce((s, z) => s + z.population, 0);
  if (zones.length > MAX_ZONES) {
    throw new InputError([{ path: '', message: `${zones.length} zones hold people, more than the ${MAX_ZONES} zones a scenario's region may have: use a larger --hex (zones grow as 1 / side²) or a coarser --admin-level` }]);
  }

  const nodeCoord = new Map<string, { lat: number; lon: number }>(network.nodes.map((x) => [x.id, { lat: x.lat, lon: x.lon }]));
  const shelters: Record<string, unknown>[] = [];
  const teams: Record<string, unknown>[] = [];
  const fireStations: Record<string, unknown>[] = [];
  const reserves: Record<string, unknown>[] = [];
  const emptyStock = Object.fromEntries(ITEM_TYPES.map((t) => [t, 0]));
  for (const p of network.points ?? []) {
    const at = nodeCoord.get(p.node);
    if (at === undefined) continue;
    const node = snap(at.lat, at.lon);
    const name = p.name ?? `${p.kind.replace(/_/g, ' ')} ${p.id}`;
    const places = SHELTER_PLACES[p.kind];
    if (places !== undefined) {
      const zone = zoneOfNode(at.lat, at.lon);
      shelters.push({
        id: `shelter-${p.id}`,
        name,
        county,
        ...(zone !== undefined ? { zone } : {}),
        node,
        capacity: places,
        estimated: true,
        src,
        note: `draft: ${p.kind} from the extract; ${places} places is the default for its kind (no floor area known): confirm as usable covered floor m² / ${SPHERE_M2_PER_PERSON} (Sphere Handbook 2018, shelter standard 3)`,
      });
    } else if (p.kind === 'fire_station') {
      fireStations.push({ id: `fs-${p.id}`, name, county, node, status: 'existing', type: 'fire-rescue-station', crew: TEAM_DEFAULT.crew, vehicles: TEAM_DEFAULT.vehicles, estimated: true, src, note: 'draft: crew and vehicles are defaults; confirm with the fire service' });
      teams.push({
        id: `team-${p.id}`,
        name: `${name} team`,
        type: 'fire-rescue',
        level: 'county',
        county,
        homeNode: node,
        homeStation: `fs-${p.id}`,
        crew: TEAM_DEFAULT.crew,
        equipment: { vehicles: TEAM_DEFAULT.vehicles },
        capabilities: ['fire', 'urban-search-rescue'],
        mobilisationMin: TEAM_DEFAULT.mobilisationMin,
        estimated: true,
        src,
        note: 'draft: one team per fire station with default crew, vehicles and turnout; confirm',
      });
    } else if (p.kind === 'warehouse') {
      reserves.push({ id: `reserve-${p.id}`, name, tier: 'county', county, node, stock: emptyStock, estimated: true, src, note: 'draft: a warehouse from the extract; stock unknown (all 0): fill in what it holds' });
    }
  }
  const seat = zones.reduce((a, b) => (b.population > a.population ? b : a));
  const sources = [
    { id: 'draft', ref: `drafted by drillsim region init from ${opts.networkRef} and ${opts.populationRef}; every value is a default or estimate to confirm` },
  ];
  const notes = ['DRAFT written by `drillsim region init`: every record is estimated and says which default made it; confirm before use.'];
  const summary = [
    `${zoneLine}, population ${total}${outside > 0 ? ` (${Math.round(outside)} outside the ${opts.admin !== undefined ? 'areas' : "road network's extent"} not counted)` : ''}`,
    `${shelters.length} candidate shelters, ${shelters.reduce((s, x) => s + (x.capacity as number), 0)} places from flat defaults per kind: confirm each as floor m² / ${SPHERE_M2_PER_PERSON}`,
    `${teams.length} fire-rescue teams (crew ${TEAM_DEFAULT.crew}, ${TEAM_DEFAULT.vehicles} vehicles each: defaults), ${reserves.length} reserves with no stock`,
    `nodes snapped to the largest car-connected component (${sizes[0]} of ${n} junctions)`,
    'to confirm: zone names and codes (county code is a placeholder), households, shelter places, team crews, reserve stocks, mutual aid (none drafted), the census year',
  ];
  if (shelters.length === 0) summary.push('no candidate shelters in the extract (schools, community centres, sports centres, assembly points): add shelters to assets.json, or an evacuation has nowhere to go');
  if (teams.length === 0) summary.push('no fire stations in the extract: add teams to assets.json');
  return {
    region: {
      drillsim: REGION_FORMAT_VERSION,
      kind: 'region',
      id: opts.id,
      name: opts.name,
      draft: true,
      description: `Draft region drafted by drillsim region init from ${opts.networkRef}.`,
      ...(opts.currency !== undefined ? { currency: opts.currency } : {}),
      files: { network: 'network.json', zones: 'zones.json', assets: 'assets.json' },
      generatedBy: 'drillsim region init',
      notes,
      sources,
    },
    zones: {
      drillsim: REGION_FORMAT_VERSION,
      kind: 'region-zones',
      region: opts.id,
      census: { year: 2020, population: total, households: zones.reduce((s, z) => s + z.households, 0), src },
      notes: [...notes, 'census.year is a placeholder (2020): set the year of the population source.'],
      counties: [{ id: county, name: opts.name, code: 'DRAFT', population: total, seatNode: seat.node, estimated: true, src, note: 'draft: one county for the whole extract; code is a placeholder for your own scheme' }],
      zones,
    },
    assets: {
      drillsim: REGION_FORMAT_VERSION,
      kind: 'region-assets',
      region: opts.id,
      notes,
      items: ITEM_TYPES.map((t) => ({ id: t, name: t, unit: 'piece' })),
      shelters,
      reserves,
      fireStations,
      teams,
      mutualAid: [],
      facilities: [],
    },
    summary,
  };
}
