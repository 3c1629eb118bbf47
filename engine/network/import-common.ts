/**
 * What the GeoJSON and OpenStreetMap importers share: the mapping from OSM `highway` values to road
 * classes, default speeds, and the parsing of loosely typed tag values (oneway, maxspeed, bridge, lanes).
 */
import type { RoadClass } from './schema.js';

/**
 * OSM highway=* -> road class. Links take their road's class. Footways, paths, cycleways, steps, bridleways
 * and pedestrian streets are `path`: walkers use them, vehicles do not (without them walkers detour: issue
 * 17 measured +50 % against GraphHopper's foot routes). Construction, proposed and abandoned are skipped.
 */
export const OSM_HIGHWAY_CLASS: Readonly<Record<string, RoadClass>> = {
  motorway: 'expressway',
  motorway_link: 'expressway',
  trunk: 'national',
  trunk_link: 'national',
  primary: 'national',
  primary_link: 'national',
  secondary: 'provincial',
  secondary_link: 'provincial',
  tertiary: 'county',
  tertiary_link: 'county',
  unclassified: 'township',
  residential: 'township',
  living_street: 'township',
  road: 'township',
  service: 'township',
  track: 'track',
  footway: 'path',
  path: 'path',
  steps: 'path',
  pedestrian: 'path',
  cycleway: 'path',
  bridleway: 'path',
  corridor: 'path',
};

/**
 * Speed when the source gives none, km/h: typical operating speeds within the design-speed ranges of the
 * Chinese highway standard JTG B01-2014 (expressway 80-120, class I 60-100, class II 60-80, class III
 * 30-40, class IV 20-30); the values themselves are estimates, as are urban, track and ferry.
 */
export const DEFAULT_SPEED_KMH: Readonly<Record<RoadClass, number>> = {
  expressway: 100,
  national: 60,
  provincial: 50,
  county: 40,
  township: 30,
  urban: 30,
  track: 15,
  ferry: 10,
  path: 5,
};

export type OnewayValue = 'forward' | 'reverse' | 'no';

/** OSM-style oneway: yes/true/1 forward, -1/reverse backward, no/false/0 two-way; undefined if unknown. */
export function parseOneway(v: unknown): OnewayValue | undefined {
  if (v === true || v === 1) return 'forward';
  if (v === false || v === 0) return 'no';
  if (v === -1) return 'reverse';
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (s === 'yes' || s === 'true' || s === '1') return 'forward';
  if (s === '-1' || s === 'reverse') return 'reverse';
  if (s === 'no' || s === 'false' || s === '0') return 'no';
  return undefined;
}

/** maxspeed: "60", "60 km/h", "40 mph", 60 -> km/h; "none", "signals", "CN:urban" -> undefined. */
export function parseMaxspeed(v: unknown): number | undefined {
  if (typeof v === 'number') return v > 0 && Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  // Multiple values ("60;80") take the first: the lower conditional limit is the safer assumption.
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(km\/h|kmh|kph|mph|knots)?\s*(?:;.*)?$/i.exec(v);
  if (m === null) return undefined;
  const n = Number(m[1]);
  if (!(n > 0)) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  if (unit === 'mph') return n * 1.609344;
  if (unit === 'knots') return n * 1.852;
  return n;
}

/** bridge=yes/viaduct/aqueduct/... (anything but no/false/0) -> true. */
export function parseBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (s === '' || s === 'no' || s === 'false' || s === '0') return false;
  return true;
}

export function parseLanes(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.split(';')[0]) : Number.NaN;
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Split names: `name` in Chinese goes to name_zh; an English name, if any, to name. */
export function splitNames(tags: Record<string, unknown>): { name?: string; name_zh?: string } {
  const out: { name?: string; name_zh?: string } = {};
  const str = (k: string): string | undefined => (typeof tags[k] === 'string' && (tags[k] as string).trim() !== '' ? (tags[k] as string) : undefined);
  const name = str('name');
  const zh = str('name:zh') ?? str('name_zh') ?? (name !== undefined && CJK.test(name) ? name : undefined);
  const en = str('name:en') ?? (name !== undefined && !CJK.test(name) ? name : undefined);
  if (en !== undefined) out.name = en;
  if (zh !== undefined) out.name_zh = zh;
  return out;
}

/** Keep scalar tags not otherwise interpreted, as `props`. */
export function scalarProps(tags: Record<string, unknown>, skip: ReadonlySet<string>): Record<string, string | number | boolean> | undefined {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(tags)) {
    if (skip.has(k)) continue;
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export interface ImportOptions {
  /** Region id and name written into the network (default: from the file name). */
  id?: string;
  name?: string;
  name_zh?: string;
  file?: string;
  /** Points farther than this from every node become nodes of their own (km, default 0.5). */
  snapKm?: number;
}

/** A printable summary for the CLI. */
export interface ImportSummary {
  format: 'osm' | 'geojson';
  nodes: number;
  edges: number;
  points: number;
  collapsedVertices: number;
  skipped: Record<string, number>;
}
