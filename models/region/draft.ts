/**
 * `drillsim region init`: draft a runnable region (manifest, zones, assets) around an imported road network
 * and a population source. Everything drafted is marked for the author to confirm: the manifest says
 * `draft: true`, every record is `estimated: true` with a note saying what default made it.
 *
 * Zones are hexagons (pointy-top, side `hexKm`) on a local plane (equirectangular about the network's
 * centre: x = Δlon·cos(lat0)·111.32 km, y = Δlat·110.574 km, good to well under 1 % across a city). A
 * population cell or point counts in the hexagon that holds its centre; hexagons without people are dropped.
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
  if (pop.kind === 'raster') {
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
  } else if (pop.kind === 'points') {
    for (const p of pop.rows) add(p.lat, p.lon, p.population);
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
  const { byHex, outside } = populationByHex(grid, [minLat - padLat, minLon - padLon, maxLat + padLat, maxLon + padLon], pop);

  const county = opts.id;
  const src = ['draft'];
  const zones = [...byHex.entries()]
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
        estimated: true,
        src,
        note: `draft: hexagon of side ${opts.hexKm} km centred at ${c.lat.toFixed(5)},${c.lon.toFixed(5)}; population summed from ${pop.file}; households = population / ${PERSONS_PER_HOUSEHOLD} (estimate)`,
      };
    });
  if (zones.length === 0) {
    throw new InputError([{ path: '', file: pop.file, message: `no people inside the road network's extent (lat ${minLat.toFixed(4)}..${maxLat.toFixed(4)}, lon ${minLon.toFixed(4)}..${maxLon.toFixed(4)}); is the population source for the same place?` }]);
  }
  const total = zones.reduce((s, z) => s + z.population, 0);
  if (zones.length > MAX_ZONES) {
    throw new InputError([{ path: '', message: `${zones.length} hexagons hold people, more than the ${MAX_ZONES} zones a scenario's region may have: use a larger --hex (zones grow as 1 / side²)` }]);
  }
  const zoneIds = new Set(zones.map((z) => z.id));
  const zoneOfNode = (lat: number, lon: number): string | undefined => {
    const [q, r] = grid.cell(lat, lon);
    const id = hexId(q, r);
    return zoneIds.has(id) ? id : undefined;
  };

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
    `${zones.length} zones (hexagons of side ${opts.hexKm} km with people), population ${total}${outside > 0 ? ` (${Math.round(outside)} outside the road network's extent not counted)` : ''}`,
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
