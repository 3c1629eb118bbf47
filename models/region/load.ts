/**
 * Load a region directory: `region.json` (manifest), the road network (engine/network's format and
 * loader), `zones.json` and `assets.json` (schemas in models/schema/region-assets.ts). Every problem is an
 * InputIssue with file, line, column and JSON pointer, and a message that names the element (`zone
 * 'shizhong-dafo'`) and says what was expected. Beyond the schemas it checks what a schema cannot: ids are
 * unique, every node, edge, gauge, county, zone and fire-station reference resolves, every source id is in
 * the manifest, records that cite the estimate source are flagged `estimated`, and the zones of each county
 * add up to its population. All problems are reported at once in one InputError.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { InputError, pointer, type InputIssue } from '../../engine/errors.js';
import { loadRegionNetworkFile } from '../../engine/network/load.js';
import { parseJsonText, readTextFile, type JsonLocator } from '../../engine/network/json-source.js';
import { RoadCsr } from '../../engine/network/csr.js';
import type { RegionNetwork } from '../../engine/network/schema.js';
import { reachabilityWarnings } from './reachability.js';
import { REGISTRY } from '../registry.js';
import {
  ITEM_TYPES,
  MODULE_ASSET_ELEMENTS,
  RegionAssetsSchema,
  RegionManifestSchema,
  RegionZonesSchema,
  type RegionAssets,
  type RegionManifest,
  type RegionZones,
} from '../schema/region-assets.js';

/** The network seam: by default engine/network's loader; tests or tools may pass their own. */
export type NetworkLoader = (file: string) => { network: RegionNetwork; warnings: InputIssue[]; csr?: RoadCsr };

export interface LoadRegionOptions {
  loadNetwork?: NetworkLoader;
  /** Where bare region names are looked up (default: the project's scenarios/regions). */
  regionsDir?: string;
}

export interface LoadedRegion {
  dir: string;
  manifest: RegionManifest;
  network: RegionNetwork;
  /** The network's routing snapshot, built once when the region loads (compileScenario shares it). */
  csr: RoadCsr;
  zones: RegionZones;
  assets: RegionAssets;
  /** Non-fatal issues (e.g. from the network loader). */
  warnings: InputIssue[];
}

/** The id the estimate source has in the built-in data; records citing it must say `estimated: true`. */
export const ESTIMATE_SOURCE_ID = 'EST';

/** Find scenarios/regions by walking up from this module (works from the source tree and from dist/). */
function defaultRegionsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'scenarios', 'regions');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return resolve('scenarios', 'regions');
}

/**
 * Whether a region reference is a path rather than a bare name ('leshan', a stored region's id): names
 * have no separators and do not start with a dot. The one rule for files, the CLI and the HTTP catalog.
 * An absolute path always has a separator, so it needs no test of its own.
 */
export function looksLikePath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || ref.startsWith('.');
}

/** A region directory, a path to its region.json, or a bare name of a built-in region ('leshan'). */
export function resolveRegionDir(dirOrName: string, regionsDir?: string): string {
  if (looksLikePath(dirOrName) || existsSync(dirOrName)) {
    const p = resolve(dirOrName);
    if (existsSync(p) && statSync(p).isFile()) return dirname(p);
    return p;
  }
  return join(regionsDir ?? defaultRegionsDir(), dirOrName);
}

/** Regular files only, within the size limit (a device or a pipe would hang or exhaust memory). */
function readText(file: string): string {
  return readTextFile(file, { expected: 'a region JSON file' });
}

// ------------------------------------------------------------------------------------------------
// Issue collection with positions

class Issues {
  readonly errors: InputIssue[] = [];
  add(file: string, locator: JsonLocator | undefined, path: string, message: string, at: 'value' | 'key' = 'value'): void {
    const issue: InputIssue = { path, message, file, severity: 'error' };
    if (locator !== undefined) {
      const p = at === 'key' ? locator.locateKey(path) : locator.locate(path);
      issue.line = p.line;
      issue.column = p.column;
    }
    this.errors.push(issue);
  }
}

interface Doc {
  file: string;
  value: unknown;
  locator: JsonLocator;
}

function parseDoc(file: string): Doc {
  const parsed = parseJsonText(readText(file), file);
  return { file, value: parsed.value, locator: parsed.locator() };
}

/** Singular element names of the lists in these files, for messages. */
const ELEMENT: Record<string, string> = {
  counties: 'county',
  zones: 'zone',
  items: 'item',
  shelters: 'shelter',
  reserves: 'reserve',
  fireStations: 'fire station',
  teams: 'team',
  mutualAid: 'mutual-aid entry',
  facilities: 'facility',
  sources: 'source',
  ...MODULE_ASSET_ELEMENTS,
};

function unescape(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** "zone 'shizhong-dafo'" for /zones/3/population; "zone #3" when the element has no id. */
function describe(doc: unknown, ptr: string): string {
  const segs = ptr.split('/').slice(1).map(unescape);
  const list = segs[0];
  if (list === undefined) return 'document';
  const kind = ELEMENT[list];
  if (kind === undefined || segs[1] === undefined) return list;
  const items = asRecord(doc)?.[list];
  const index = Number(segs[1]);
  const item = Array.isArray(items) ? asRecord(items[index]) : undefined;
  const id = item?.['id'] ?? item?.['edge'];
  return typeof id === 'string' && id !== '' ? `${kind} '${id}'` : `${kind} #${index}`;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function schemaMessage(e: ValueError): string {
  const segs = e.path.split('/');
  const key = unescape(segs[segs.length - 1] ?? '');
  const s = e.schema as Record<string, unknown>;
  switch (e.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return `missing required property '${key}'`;
    case ValueErrorType.ObjectAdditionalProperties:
      return `unknown property '${key}'`;
    case ValueErrorType.Union: {
      const anyOf = s['anyOf'];
      if (Array.isArray(anyOf) && anyOf.every((x) => asRecord(x) !== undefined && 'const' in (x as object))) {
        return `${key} must be one of ${anyOf.map((x) => String((x as { const: unknown }).const)).join(', ')}; got ${show(e.value)}`;
      }
      return `${key} has the wrong type; got ${show(e.value)}`;
    }
    case ValueErrorType.Literal:
      return `${key} must be ${show(s['const'])}; got ${show(e.value)}`;
    case ValueErrorType.Integer:
      return `${key} must be an integer; got ${show(e.value)}`;
    case ValueErrorType.Number:
      return `${key} must be a number; got ${show(e.value)}`;
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.NumberMinimum:
      return `${key} must be at least ${show(s['minimum'])}; got ${show(e.value)}`;
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMaximum:
      return `${key} must be at most ${show(s['maximum'])}; got ${show(e.value)}`;
    case ValueErrorType.NumberExclusiveMinimum:
    case ValueErrorType.IntegerExclusiveMinimum:
      return `${key} must be greater than ${show(s['exclusiveMinimum'])}; got ${show(e.value)}`;
    case ValueErrorType.String:
      return `${key} must be a string; got ${show(e.value)}`;
    case ValueErrorType.StringMinLength:
      return `${key} must not be empty`;
    case ValueErrorType.StringPattern:
      return `${key} ${show(e.value)} does not match the pattern ${String(s['pattern'])}`;
    case ValueErrorType.Boolean:
      return `${key} must be true or false; got ${show(e.value)}`;
    case ValueErrorType.Array:
      return `${key} must be an array; got ${show(e.value)}`;
    case ValueErrorType.ArrayMinItems:
      return `${key} must have at least ${show(s['minItems'])} element(s)`;
    case ValueErrorType.ArrayUniqueItems:
      return `${key} has duplicate entries`;
    case ValueErrorType.Object:
      return `${key === '' ? 'the document' : key} must be an object; got ${show(e.value)}`;
    default:
      return `${key}: ${e.message}; got ${show(e.value)}`;
  }
}

function checkSchema(issues: Issues, doc: Doc, schema: TSchema): boolean {
  for (const d of doc.locator.duplicateKeys) {
    issues.add(doc.file, doc.locator, d.pointer, `${describe(doc.value, d.pointer)}: property '${unescape(d.pointer.slice(d.pointer.lastIndexOf('/') + 1))}' appears twice`, 'key');
  }
  const before = issues.errors.length;
  const seen = new Set<string>();
  for (const e of Value.Errors(schema, doc.value)) {
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    issues.add(doc.file, doc.locator, e.path, `${describe(doc.value, e.path)}: ${schemaMessage(e)}`, e.type === ValueErrorType.ObjectAdditionalProperties ? 'key' : 'value');
  }
  return issues.errors.length === before;
}

// ------------------------------------------------------------------------------------------------
// Cross-checks

/** Every object that has an `estimated` flag and a `src` list, with its pointer. */
function* records(value: unknown, ptr = ''): Generator<{ ptr: string; rec: Record<string, unknown> }> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* records(value[i], `${ptr}/${i}`);
    return;
  }
  const rec = asRecord(value);
  if (rec === undefined) return;
  if (Array.isArray(rec['src'])) yield { ptr, rec };
  for (const [k, v] of Object.entries(rec)) {
    if (k !== 'src' && v !== null && typeof v === 'object') yield* records(v, `${ptr}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  }
}

function crossCheck(issues: Issues, manifestDoc: Doc, network: RegionNetwork, zonesDoc: Doc, assetsDoc: Doc): void {
  const manifest = manifestDoc.value as RegionManifest;
  const zones = zonesDoc.value as RegionZones;
  const assets = assetsDoc.value as RegionAssets;
  const nodeIds = new Set(network.nodes.map((n) => n.id));
  const edgeIds = new Set(network.edges.map((e) => e.id));
  const sourceIds = new Set(manifest.sources.map((s) => s.id));

  const z = (path: string, message: string): void => issues.add(zonesDoc.file, zonesDoc.locator, path, message);
  const a = (path: string, message: string): void => issues.add(assetsDoc.file, assetsDoc.locator, path, message);

  if (zones.region !== manifest.id) z('/region', `region must be '${manifest.id}' (the manifest's id); got '${zones.region}'`);
  if (assets.region !== manifest.id) a('/region', `region must be '${manifest.id}' (the manifest's id); got '${assets.region}'`);

  // Source ids and the estimate flag, in both files.
  for (const [doc, report] of [
    [zonesDoc, z],
    [assetsDoc, a],
  ] as const) {
    for (const { ptr, rec } of records(doc.value)) {
      const src = rec['src'] as unknown[];
      src.forEach((s, i) => {
        if (typeof s === 'string' && !sourceIds.has(s)) report(`${ptr}/src/${i}`, `${describe(doc.value, ptr)}: unknown source '${s}' (not in ${manifestDoc.file} sources)`);
      });
      if (src.includes(ESTIMATE_SOURCE_ID) && 'estimated' in rec && rec['estimated'] !== true) {
        report(`${ptr}/estimated`, `${describe(doc.value, ptr)}: cites the estimate source '${ESTIMATE_SOURCE_ID}' but is not flagged estimated: true`);
      }
    }
  }

  // Counties and zones.
  const countyIds = new Map<string, number>();
  zones.counties.forEach((c, i) => {
    const base = pointer('counties', i);
    if (countyIds.has(c.id)) z(`${base}/id`, `county '${c.id}': duplicate county id (first at /counties/${countyIds.get(c.id)!})`);
    else countyIds.set(c.id, i);
    if (!nodeIds.has(c.seatNode)) z(`${base}/seatNode`, `county '${c.id}': seatNode refers to unknown network node '${c.seatNode}'`);
  });
  const zoneIds = new Map<string, number>();
  const countyTotals = new Map<string, number>();
  zones.zones.forEach((zone, i) => {
    const base = pointer('zones', i);
    const label = `zone '${zone.id}'`;
    if (zoneIds.has(zone.id)) z(`${base}/id`, `${label}: duplicate zone id (first at /zones/${zoneIds.get(zone.id)!})`);
    else zoneIds.set(zone.id, i);
    if (!countyIds.has(zone.county)) z(`${base}/county`, `${label}: unknown county '${zone.county}' (not in /counties)`);
    if (!nodeIds.has(zone.node)) z(`${base}/node`, `${label}: node refers to unknown network node '${zone.node}'`);
    countyTotals.set(zone.county, (countyTotals.get(zone.county) ?? 0) + zone.population);
  });
  zones.counties.forEach((c, i) => {
    const sum = countyTotals.get(c.id) ?? 0;
    if (sum !== c.population) z(pointer('counties', i, 'population'), `county '${c.id}': its zones hold ${sum} people, not its population ${c.population}`);
  });
  const total = zones.zones.reduce((s, zone) => s + zone.population, 0);
  if (total !== zones.census.population) z('/census/population', `the zones hold ${total} people, not the census total ${zones.census.population}`);
  if (zones.census.households !== undefined) {
    const hh = zones.zones.reduce((s, zone) => s + zone.households, 0);
    if (hh !== zones.census.households) z('/census/households', `the zones hold ${hh} households, not the census total ${zones.census.households}`);
  }

  // Assets: ids unique across all asset lists (dispatch and plans refer to them by id alone).
  const assetIds = new Map<string, string>();
  // The modules' lists of records with ids (the flood's gauges) count too.
  const moduleLists = Object.keys(REGISTRY.regionParts.assets).filter((k) => {
    const list = (assets as unknown as Record<string, unknown>)[k];
    return Array.isArray(list) && list.every((x) => typeof (x as { id?: unknown }).id === 'string');
  });
  const lists = [...moduleLists, 'shelters', 'reserves', 'fireStations', 'teams', 'mutualAid', 'facilities'];
  for (const list of lists) {
    ((assets as unknown as Record<string, Array<{ id: string }>>)[list] ?? []).forEach((item, i) => {
      const here = pointer(list, i);
      const first = assetIds.get(item.id);
      if (first !== undefined) a(`${here}/id`, `${describe(assets, here)}: duplicate id (first at ${first})`);
      else assetIds.set(item.id, here);
    });
  }
  const itemIds = new Set<string>();
  assets.items.forEach((it, i) => {
    if (itemIds.has(it.id)) a(pointer('items', i, 'id'), `item '${it.id}': listed twice`);
    itemIds.add(it.id);
  });
  for (const t of ITEM_TYPES) if (!itemIds.has(t)) a('/items', `item type '${t}' is not described in /items`);

  const needNode = (list: string, i: number, field: string, id: string): void => {
    if (!nodeIds.has(id)) {
      const p = pointer(list, i, field);
      a(p, `${describe(assets, p)}: ${field} refers to unknown network node '${id}'`);
    }
  };
  const needCounty = (list: string, i: number, id: string): void => {
    if (!countyIds.has(id)) {
      const p = pointer(list, i, 'county');
      a(p, `${describe(assets, p)}: unknown county '${id}' (not in zones counties)`);
    }
  };
  assets.shelters.forEach((s, i) => {
    needNode('shelters', i, 'node', s.node);
    needCounty('shelters', i, s.county);
    if (s.zone !== undefined && !zoneIds.has(s.zone)) a(pointer('shelters', i, 'zone'), `shelter '${s.id}': unknown zone '${s.zone}'`);
  });
  assets.reserves.forEach((r, i) => {
    needNode('reserves', i, 'node', r.node);
    needCounty('reserves', i, r.county);
  });
  const stationIds = new Set(assets.fireStations.map((s) => s.id));
  assets.fireStations.forEach((s, i) => {
    needNode('fireStations', i, 'node', s.node);
    needCounty('fireStations', i, s.county);
  });
  assets.teams.forEach((t, i) => {
    needNode('teams', i, 'homeNode', t.homeNode);
    needCounty('teams', i, t.county);
    if (t.homeStation !== undefined && !stationIds.has(t.homeStation)) a(pointer('teams', i, 'homeStation'), `team '${t.id}': unknown fire station '${t.homeStation}'`);
  });
  assets.mutualAid.forEach((m, i) => {
    needNode('mutualAid', i, 'node', m.node);
    const { min, mode, max } = m.leadTimeH;
    if (!(min <= mode && mode <= max)) a(pointer('mutualAid', i, 'leadTimeH'), `mutual-aid entry '${m.id}': leadTimeH needs min <= mode <= max; got ${min}, ${mode}, ${max}`);
  });
  assets.facilities.forEach((f, i) => {
    needNode('facilities', i, 'node', f.node);
    needCounty('facilities', i, f.county);
  });

  // Each hazard module checks its own parts (the flood: gauges, zone flood stages, floodable roads).
  for (const h of REGISTRY.hazards) {
    h.region?.check?.({ zones, assets, nodeIds, edgeIds, zoneIssue: z, assetIssue: a, describeAsset: (p) => describe(assets, p) });
  }
}

// ------------------------------------------------------------------------------------------------

/**
 * Load and check a region. `dirOrName`: a directory holding region.json, a path to a region.json, or the
 * name of a built-in region under scenarios/regions. Throws InputError listing every problem found.
 */
export function loadRegion(dirOrName: string, opts: LoadRegionOptions = {}): LoadedRegion {
  const dir = resolveRegionDir(dirOrName, opts.regionsDir);
  const manifestFile = join(dir, 'region.json');
  if (!existsSync(manifestFile)) {
    throw new InputError([{ path: '', file: manifestFile, message: `no region here: expected a region.json in ${dir}` }]);
  }
  const issues = new Issues();
  const manifestDoc = parseDoc(manifestFile);
  if (!checkSchema(issues, manifestDoc, RegionManifestSchema)) throw new InputError(issues.errors);
  const manifest = manifestDoc.value as RegionManifest;

  const sourceIds = new Map<string, number>();
  manifest.sources.forEach((s, i) => {
    if (sourceIds.has(s.id)) issues.add(manifestFile, manifestDoc.locator, pointer('sources', i, 'id'), `source '${s.id}': duplicate source id (first at /sources/${sourceIds.get(s.id)!})`);
    else sourceIds.set(s.id, i);
  });

  const loadNetwork = opts.loadNetwork ?? loadRegionNetworkFile;
  const { network, warnings, csr } = loadNetwork(resolve(dir, manifest.files.network));
  if (network.id !== manifest.id) {
    issues.add(manifestFile, manifestDoc.locator, '/files/network', `the network's id is '${network.id}', not the region id '${manifest.id}'`);
  }

  // Parse both data files before reporting, so one run shows the problems of both.
  const zonesDoc = parseDoc(resolve(dir, manifest.files.zones));
  const assetsDoc = parseDoc(resolve(dir, manifest.files.assets));
  const zonesOk = checkSchema(issues, zonesDoc, RegionZonesSchema);
  const assetsOk = checkSchema(issues, assetsDoc, RegionAssetsSchema);
  // A region without a hazard's data (no gauges: a city that is not on a river) has empty lists of it.
  if (assetsOk) {
    const value = assetsDoc.value as Record<string, unknown>;
    for (const key of Object.keys(REGISTRY.regionParts.assets)) value[key] ??= [];
  }
  // Cross-checks assume the shapes are right; with schema errors they would only add noise.
  if (zonesOk && assetsOk) crossCheck(issues, manifestDoc, network, zonesDoc, assetsDoc);
  if (issues.errors.length > 0) throw new InputError(issues.errors);

  return { dir, manifest, network, csr: csr ?? new RoadCsr(network), zones: zonesDoc.value as RegionZones, assets: assetsDoc.value as RegionAssets, warnings };
}

// ------------------------------------------------------------------------------------------------
// For `drillsim validate` (api/cli/commands/validate.ts keeps the dispatch list).

export interface RegionValidationReport {
  summary: string;
  warnings: InputIssue[];
}

/** Validate a whole region directory (all files, all cross-checks); throws InputError on errors. */
export function validateRegionDirectory(dir: string, opts: LoadRegionOptions = {}): RegionValidationReport {
  const r = loadRegion(dir, opts);
  const people = r.zones.zones.reduce((s, z) => s + z.population, 0);
  const a = r.assets;
  return {
    summary:
      `region '${r.manifest.id}': ${r.network.nodes.length} nodes, ${r.network.edges.length} edges, ` +
      `${r.zones.zones.length} zones (${people} people), ${a.gauges.length} gauges, ${a.shelters.length} shelters, ` +
      `${a.reserves.length} reserves, ${a.fireStations.length} fire stations, ${a.teams.length} teams`,
    warnings: [
      ...r.warnings,
      ...reachabilityWarnings({
        csr: r.csr,
        zones: r.zones.zones,
        shelters: a.shelters,
        teams: a.teams,
        zonesFile: resolve(r.dir, r.manifest.files.zones),
        assetsFile: resolve(r.dir, r.manifest.files.assets),
        networkFile: resolve(r.dir, r.manifest.files.network),
      }),
    ],
  };
}

const SCHEMA_BY_KIND: Record<string, TSchema> = {
  region: RegionManifestSchema,
  'region-zones': RegionZonesSchema,
  'region-assets': RegionAssetsSchema,
};

/** The document kinds `validateRegionDataFile` understands. */
export const REGION_DATA_KINDS = Object.keys(SCHEMA_BY_KIND);

/**
 * Validate one region.json, zones.json or assets.json on its own, by its "kind": the schema and duplicate
 * keys only, since references need the other files (validate the directory for those).
 */
export function validateRegionDataFile(file: string): RegionValidationReport {
  const doc = parseDoc(file);
  const kind = asRecord(doc.value)?.['kind'];
  const schema = typeof kind === 'string' ? SCHEMA_BY_KIND[kind] : undefined;
  if (schema === undefined) {
    throw new InputError([{ path: '/kind', file, message: `kind must be one of ${REGION_DATA_KINDS.join(', ')}; got ${show(kind)}`, severity: 'error' }]);
  }
  const issues = new Issues();
  if (!checkSchema(issues, doc, schema)) throw new InputError(issues.errors);
  const v = doc.value as Record<string, unknown>;
  const count = (k: string): string => (Array.isArray(v[k]) ? `${(v[k] as unknown[]).length} ${k}` : '');
  const parts = ['zones', 'counties', 'gauges', 'shelters', 'reserves', 'teams', 'sources'].map(count).filter((s) => s !== '');
  return {
    summary: `${String(kind)} '${String(v['id'] ?? v['region'])}': ${parts.join(', ')} (schema only; validate the region directory for references)`,
    warnings: [],
  };
}
