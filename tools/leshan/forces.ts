/**
 * Response forces of the Leshan region: fire stations (the 2020 service [S32] and the plan's 18 new ones
 * [PLAN]), the 38 city-level rescue teams [PLAN], and the mutual-aid cities with lead times from the road
 * network. Locations, crews and splits are estimates (scenarios/regions/leshan/README.md).
 */
import type { NetworkEdge, NetworkNode } from '../../engine/network/schema.js';
import { RoadCsr } from '../../engine/network/csr.js';
import { ShortestPaths, treePathArcs } from '../../engine/network/search.js';
import type { FireStation, MutualAid, Team } from '../../models/schema/region-assets.js';
import { FIRE_CREW_2020, FIRE_STATIONS, FIRE_VEHICLES_2020, MUTUAL_AID, STATION_WEIGHT, TEAMS } from './data.js';
import type { RegionGraphBuilder } from './graph.js';
import { hamilton, round } from './math.js';
import { fail } from './types.js';

/** Existing stations share the 2020 crew and vehicle totals by station type; planned ones get their class's. */
export function buildFireStations(graph: RegionGraphBuilder): FireStation[] {
  const existing = FIRE_STATIONS.filter((s) => s.status === 'existing');
  const crew = hamilton(FIRE_CREW_2020, existing.map((s) => STATION_WEIGHT[s.type].crew));
  const vehicles = hamilton(FIRE_VEHICLES_2020, existing.map((s) => STATION_WEIGHT[s.type].vehicles));
  return FIRE_STATIONS.map((s) => {
    const i = existing.indexOf(s);
    const fs: FireStation = {
      id: s.id,
      name: s.name,
      name_zh: s.name_zh,
      county: graph.countyOf(s.node),
      node: s.node,
      status: s.status,
      type: s.type,
      crew: i >= 0 ? crew[i]! : STATION_WEIGHT[s.type].crew,
      vehicles: i >= 0 ? vehicles[i]! : STATION_WEIGHT[s.type].vehicles,
      estimated: true,
      estimatedFields: ['node', 'crew', 'vehicles', ...(s.boats !== undefined ? ['boats'] : [])],
      src: s.status === 'existing' ? ['S32', 'EST'] : ['PLAN', 'EST'],
      ...(s.status === 'existing'
        ? { note: 'crew and vehicles: the 2020 totals (676 people, 138 vehicles [S32]) split by station type' }
        : { note: 'one of the 18 new stations of the plan (by 2025); crew and vehicles are typical of its class' }),
    };
    if (s.boats !== undefined) fs.boats = s.boats;
    return fs;
  });
}

export function buildTeams(graph: RegionGraphBuilder): Team[] {
  return TEAMS.map((t) => ({
    id: t.id,
    name: t.name,
    name_zh: t.name_zh,
    type: t.type,
    level: 'city',
    county: graph.countyOf(t.homeNode),
    homeNode: t.homeNode,
    ...(t.homeStation !== undefined ? { homeStation: t.homeStation } : {}),
    crew: t.crew,
    equipment: t.equipment,
    capabilities: t.capabilities,
    mobilisationMin: t.mobilisationMin,
    estimated: true,
    estimatedFields: ['name', 'crew', 'equipment', 'homeNode', 'mobilisationMin'],
    src: [...new Set(['PLAN', ...(t.src ?? ['EST'])])],
    ...(t.note !== undefined ? { note: t.note } : {}),
  }));
}

/**
 * Free-flow road distance from one node by the engine's router: the car profile (land edges at their own
 * speed, boat links excluded), both directions of every road. Returns hours and the km of that fastest path.
 */
function roadDistancesFrom(nodes: NetworkNode[], edges: NetworkEdge[], from: string): (to: string) => { hours: number; km: number } | undefined {
  const csr = new RoadCsr({ nodes, edges });
  const root = csr.node(from) ?? fail(`unknown node ${from}`);
  const tree = new ShortestPaths(csr.graph).oneToAll(root, csr.baseMinutes('car'), { queue: 'heap' });
  return (to) => {
    const v = csr.node(to);
    if (v === undefined) return undefined;
    const arcs = treePathArcs(csr.graph, tree, v);
    if (arcs === null) return undefined;
    let km = 0;
    for (const a of arcs) km += csr.edgeKm[csr.arcEdge[a]!]!;
    return { hours: tree.dist[v]! / 60, km };
  };
}

/** Lead time of each mutual-aid city: assembling, then the road trip as a convoy at 75 % of road speed. */
export function buildMutualAid(graph: RegionGraphBuilder): MutualAid[] {
  const roadFrom = roadDistancesFrom(graph.nodes, graph.edges, 'shizhong_seat');
  return MUTUAL_AID.map((m) => {
    const d = roadFrom(m.node) ?? fail(`no route to ${m.node}`);
    const extraH = (m.extraKm ?? 0) / 70;
    const travelH = d.hours / 0.75 + extraH;
    const mobilisationH = 1.5; // assembling a reinforcement column [EST]
    const mode = round(mobilisationH + travelH, 1);
    return {
      id: m.id,
      name: m.name,
      name_zh: m.name_zh,
      node: m.node,
      neighbour: m.neighbour,
      roadKm: round(d.km + (m.extraKm ?? 0), 1),
      leadTimeH: { min: round(Math.max(0.5, mode - 1), 1), mode, max: round(mode + 3, 1) },
      offer: m.offer,
      sent2020: m.sent2020,
      estimated: true,
      estimatedFields: ['leadTimeH', 'offer', ...(m.extraKm !== undefined ? ['roadKm'] : [])],
      src: m.sent2020 ? ['OPS', 'EST'] : ['EST'],
      note:
        (m.sent2020 ? 'sent fire-rescue reinforcements in August 2020; offer = its estimated share of the 449 firefighters, 109 vehicles and 49 boats from 8 prefectures. ' : "did not send in 2020 (the Qingyi flooded Ya'an itself); offer estimated. ") +
        `Lead time: 1.5 h to assemble + ${round(travelH, 1)} h by road at 75 % of road speed` +
        (m.extraKm !== undefined ? `, incl. ~${m.extraKm} km to Chengdu (entry node)` : '') +
        '; min -1 h, max +3 h.',
    };
  });
}
