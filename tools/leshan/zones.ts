/**
 * Counties and zones of the Leshan region: county populations from the census, township populations
 * apportioned from them, one zone per township plus the flood sub-zones carved out of riverside townships,
 * and the schematic nodes and access roads those zones need. Every estimate is explained in
 * scenarios/regions/leshan/README.md.
 */
import type { County, Zone } from '../../models/schema/region-assets.js';
import type { FloodableEdge } from '../../models/hazards/flood/region.js';
import { haversineKm } from '../../engine/network/geo.js';
import { CITY_HOUSEHOLDS, CITY_POPULATION, COUNTIES, FENGZHOU, FLOOD_BANDS, TOWNSHIPS, type TownshipRow } from './data.js';
import type { RegionGraphBuilder } from './graph.js';
import { hamilton, round } from './math.js';
import { fail, type RefNetwork, type TownshipListEntry } from './types.js';

type CountyRow = (typeof COUNTIES)[number];

const LABEL_EN: Record<string, string> = {
  'riverside-low': 'low riverside area',
  riverside: 'riverside area',
  'second-line': 'second-line area behind the dikes',
  'low-lying': 'low-lying area',
};
const LABEL_ZH: Record<string, string> = {
  'riverside-low': '沿江低洼区',
  riverside: '沿江区',
  'second-line': '堤后二线区',
  'low-lying': '低洼易涝区',
};

function slug(pinyin: string): string {
  return pinyin.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function townshipSuffix(nameZh: string): { en: string; urban: boolean } {
  if (nameZh.endsWith('街道')) return { en: 'Subdistrict', urban: true };
  if (nameZh.endsWith('彝族乡')) return { en: 'Yi Ethnic Township', urban: false };
  if (nameZh.endsWith('乡')) return { en: 'Township', urban: false };
  return { en: 'Town', urban: false };
}

/** Counties with their census populations, read from the reference seat nodes [S1, S25]. */
export function buildCounties(graph: RegionGraphBuilder): County[] {
  const counties: County[] = COUNTIES.map((c) => {
    const s = graph.node(c.seatNode);
    const pop = s.props?.['population'];
    const urban = s.props?.['urban_population'];
    if (typeof pop !== 'number' || typeof urban !== 'number') fail(`seat ${c.seatNode} has no population`);
    return { id: c.id, name: c.name, name_zh: c.name_zh, code: c.code, population: pop, urbanPopulation: urban, seatNode: c.seatNode, estimated: false, src: ['S1', 'S25'] };
  });
  const totalPop = counties.reduce((s, c) => s + c.population, 0);
  if (totalPop !== CITY_POPULATION) fail(`county populations sum to ${totalPop}, not ${CITY_POPULATION}`);
  return counties;
}

/**
 * Township populations [EST]: a county's urban residents split by residents' committees, its rural
 * residents by villagers' committees, in integers that add up to the census figure exactly.
 */
function townshipPopulations(counties: County[], list: { townships: TownshipListEntry[] }): Map<string, number> {
  const townshipPop = new Map<string, number>();
  for (const c of COUNTIES) {
    const ts = list.townships.filter((t) => t.countyCode === c.code);
    const county = counties.find((x) => x.id === c.id)!;
    const urban = county.urbanPopulation!;
    const u = hamilton(urban, ts.map((t) => t.communities));
    const r = hamilton(county.population - urban, ts.map((t) => t.villages));
    ts.forEach((t, i) => townshipPop.set(t.code, u[i]! + r[i]!));
  }
  return townshipPop;
}

/** Median distance of the county's reference towns from its seat: the radius of the schematic ring. */
function ringRadii(ref: RefNetwork, graph: RegionGraphBuilder): Map<string, number> {
  const ringRadius = new Map<string, number>();
  for (const c of COUNTIES) {
    const s = graph.node(c.seatNode);
    const d = ref.nodes
      .filter((n) => n.county === c.id && n.kind === 'town')
      .map((n) => Math.hypot(n.lat - s.lat, n.lon - s.lon))
      .sort((a, b) => a - b);
    const med = d.length === 0 ? 0.05 : d[Math.floor(d.length / 2)]!;
    ringRadius.set(c.id, Math.min(0.15, Math.max(0.03, med)));
  }
  return ringRadius;
}

/** What the zone builders need to know about one township. */
interface TownshipCtx {
  t: TownshipListEntry;
  row: TownshipRow;
  c: CountyRow;
  baseId: string;
  nameEn: string;
  pop: number;
  urban: boolean;
  mountain: boolean;
  hostId: string;
}

/**
 * A township without a reference node gets a schematic node on a golden-angle ring around its county seat
 * (the k-th such township of the county) and an estimated road to the seat.
 */
function addSchematicTownship(graph: RegionGraphBuilder, t: TownshipListEntry, c: CountyRow, id: string, nameEn: string, suffixUrban: boolean, mountain: boolean, radius: number, k: number): void {
  const s = graph.node(c.seatNode);
  const r = suffixUrban ? 0.015 : radius * (0.6 + 0.4 * ((k * 0.618034) % 1));
  const ang = ((90 + k * 137.508) * Math.PI) / 180;
  const lat = round(s.lat + r * Math.sin(ang), 4);
  const lon = round(s.lon + (r * Math.cos(ang)) / Math.cos((s.lat * Math.PI) / 180), 4);
  graph.addNode({ id, lat, lon, kind: 'township', name: nameEn, name_zh: t.name_zh, estimated: true, src: ['S1', 'EST'], props: { county: c.id, code: t.code, position: 'schematic' } });
  const km = round(Math.max(1, haversineKm(s.lat, s.lon, lat, lon) * (mountain ? 1.6 : 1.4)), 1);
  graph.addEdge({
    id: `${c.seatNode}--${id}`,
    from: c.seatNode,
    to: id,
    km,
    roadClass: suffixUrban ? 'urban' : 'township',
    speedKmh: suffixUrban ? 30 : mountain ? 25 : 30,
    name: suffixUrban ? 'urban road' : 'township road',
    name_zh: suffixUrban ? '城市道路' : '乡道',
    estimated: true,
    src: ['EST'],
    props: { schematic: true },
  });
}

/** Fengzhou island: its own zone of the residents trapped in 2020, on the reference node `fengzhou`. */
function fengzhouZone(tc: TownshipCtx): Zone {
  return {
    id: 'shizhong-fengzhou',
    name: 'Fengzhou Island (Dafo Ba village)',
    name_zh: '凤洲岛(太阳岛, 大佛坝村)',
    county: tc.c.id,
    township: tc.t.code,
    node: FENGZHOU.node,
    population: FENGZHOU.population,
    households: 0,
    tags: ['island', 'riverside', 'floodplain', 'dadu', 'rural'],
    flood: {
      gauge: 'xiaogongzui',
      river: 'dadu',
      floodStageM: FENGZHOU.groundFloodStageM,
      accessEdge: FENGZHOU.accessEdge,
      estimated: true,
      src: ['S13', 'S30', 'S31', 'OPS', 'EST'],
      note: "the access bridge (小铜河桥) goes under at 363.6 m (see floodableEdges); the village's ground stays above the 365.17 m peak (365.4 m): 278 residents stayed there overnight and nobody died [S13]",
    },
    estimated: true,
    estimatedFields: ['households', 'flood'],
    src: ['S13', 'S30', 'S1', 'S2', 'EST'],
    note: '1,020 residents trapped on 18 August 2020 [S13, S30]; evacuated by boat: 513 by 18:00, 700 by 19:00, 742 by evening, the last 105 at 10:43 on the 19th [S30, S31, S13]',
  };
}

/**
 * The flood sub-zones of one township (FLOOD_BANDS), each on a schematic node 0.006 degrees from the
 * township node with an access road that floods with it.
 */
function bandZones(graph: RegionGraphBuilder, tc: TownshipCtx, accessFlood: FloodableEdge[]): Zone[] {
  const { t, c, row, urban, mountain, hostId } = tc;
  const host = graph.node(hostId);
  const zones: Zone[] = [];
  let j = 0;
  const subNode = (id: string, nameEnSub: string, nameZhSub: string, gauge: string, stage: number): string => {
    const ang = ((30 + j * 137.508) * Math.PI) / 180;
    j++;
    const lat = round(host.lat + 0.006 * Math.sin(ang), 4);
    const lon = round(host.lon + (0.006 * Math.cos(ang)) / Math.cos((host.lat * Math.PI) / 180), 4);
    graph.addNode({ id, lat, lon, kind: 'zone', name: nameEnSub, name_zh: nameZhSub, estimated: true, src: ['EST'], props: { county: c.id, code: t.code, position: 'schematic' } });
    const edgeId = `${hostId}--${id}`;
    graph.addEdge({
      id: edgeId,
      from: hostId,
      to: id,
      km: urban ? 1.0 : 1.5,
      roadClass: urban ? 'urban' : 'township',
      speedKmh: urban ? 25 : 30,
      name: 'access road',
      name_zh: '进出道路',
      estimated: true,
      src: ['EST'],
      props: { schematic: true },
    });
    accessFlood.push({ edge: edgeId, kind: 'access', gauge, floodStageM: stage, estimated: true, src: ['EST'], note: `access of zone ${id}; floods with it` });
    return edgeId;
  };
  for (const band of FLOOD_BANDS.filter((b) => b.township === t.code)) {
    const id = `${tc.baseId}-${band.label}`;
    const nEn = `${row.pinyin} ${LABEL_EN[band.label]!}`;
    const nZh = `${t.name_zh}${LABEL_ZH[band.label]!}`;
    // Behind a dike the access road goes under when the dike is overtopped (a breach below the crest
    // floods the zone while its road to the town stays open: people there wait at home for boats).
    const accessEdge = subNode(id, nEn, nZh, band.gauge, band.dike?.crestM ?? band.floodStageM);
    // Second-line zones flood only above the 2020 peaks: not 'floodplain', so a plan that evacuates the
    // floodplain in a 2020-like event does not empty them too.
    const tags = ['riverside', ...(band.label === 'second-line' ? ['second-line'] : ['floodplain']), band.river, urban ? 'urban' : 'rural', ...(band.tags ?? [])];
    if (mountain) tags.push('mountain');
    zones.push({
      id,
      name: nEn,
      name_zh: nZh,
      county: c.id,
      township: t.code,
      node: id,
      population: band.population,
      households: 0,
      tags,
      flood: {
        gauge: band.gauge,
        river: band.river,
        floodStageM: band.floodStageM,
        ...(band.dike !== undefined
          ? { dike: { crestM: band.dike.crestM, ...(band.dike.fragility !== undefined ? { fragility: band.dike.fragility } : {}), estimated: true, src: ['EST'], note: band.dike.note } }
          : {}),
        accessEdge,
        estimated: true,
        src: ['EST'],
        ...(band.note !== undefined ? { note: band.note } : {}),
      },
      estimated: true,
      src: ['S1', 'S25', 'S2', 'PLAN', 'EST'],
    });
  }
  return zones;
}

/** The dry rest of a township once its flood sub-zones (`carved` people) are taken out. */
function restZone(tc: TownshipCtx, carved: number): Zone {
  const { t, c, row, pop, urban, mountain } = tc;
  const rest = pop - carved;
  if (rest <= 0) fail(`township ${t.code} (${pop}) is smaller than its flood bands (${carved})`);
  const tags = [urban ? 'urban' : 'rural'];
  if (row.seat === true) tags.push('county-seat');
  if (mountain) tags.push('mountain');
  if (carved > 0) tags.push('riverside');
  return {
    id: tc.baseId,
    name: tc.nameEn,
    name_zh: t.name_zh,
    county: c.id,
    township: t.code,
    node: tc.hostId,
    population: rest,
    households: 0,
    tags,
    estimated: true,
    estimatedFields: ['population', 'households', 'node'],
    src: ['S1', 'S25', 'S2', 'EST'],
    note:
      `township population ${pop} estimated from the county census figures: urban residents split by residents' committees (${t.communities}), rural by villagers' committees (${t.villages})` +
      (carved > 0 ? `; ${carved} of them are in the riverside zones` : '') +
      (row.note !== undefined ? `; ${row.note}` : ''),
  };
}

export interface ZonesBuild {
  zones: Zone[];
  /** Access roads of the flood sub-zones, which flood with their zone. */
  accessFlood: FloodableEdge[];
  townshipPop: Map<string, number>;
}

/**
 * All zones, township by township in code order, adding the schematic township and zone nodes to the
 * graph as it goes (their order in network.json follows); households are apportioned at the end.
 */
export function buildZones(ref: RefNetwork, graph: RegionGraphBuilder, counties: County[], list: { townships: TownshipListEntry[] }): ZonesBuild {
  const rows = new Map(TOWNSHIPS.map((t) => [t.code, t]));
  if (rows.size !== list.townships.length || list.townships.some((t) => !rows.has(t.code))) fail('data.ts TOWNSHIPS and townships-5111.json disagree');
  const townshipPop = townshipPopulations(counties, list);
  const ringRadius = ringRadii(ref, graph);
  const countyOf = (code: string): CountyRow => COUNTIES.find((c) => code.startsWith(c.code)) ?? fail(`no county for ${code}`);

  const zones: Zone[] = [];
  const accessFlood: FloodableEdge[] = [];
  const newTownshipIndex = new Map<string, number>();
  for (const t of list.townships) {
    const row = rows.get(t.code)!;
    const c = countyOf(t.code);
    const suffix = townshipSuffix(t.name_zh);
    const baseId = `${c.id}-${slug(row.pinyin)}`;
    const nameEn = `${row.pinyin} ${suffix.en}`;
    const urbanShare = t.communities / Math.max(1, t.communities + t.villages);
    const mountain = c.mountain || row.mountain === true;
    let hostId = row.node;
    if (hostId === undefined) {
      const k = newTownshipIndex.get(c.id) ?? 0;
      newTownshipIndex.set(c.id, k + 1);
      hostId = baseId;
      addSchematicTownship(graph, t, c, hostId, nameEn, suffix.urban, mountain, ringRadius.get(c.id)!, k);
    }
    const tc: TownshipCtx = { t, row, c, baseId, nameEn, pop: townshipPop.get(t.code)!, urban: suffix.urban || urbanShare >= 0.5, mountain, hostId };

    let carved = 0;
    if (t.code === FENGZHOU.township) {
      carved += FENGZHOU.population;
      zones.push(fengzhouZone(tc));
    }
    for (const z of bandZones(graph, tc, accessFlood)) {
      carved += z.population;
      zones.push(z);
    }
    zones.push(restZone(tc, carved));
  }
  const hh = hamilton(CITY_HOUSEHOLDS, zones.map((z) => z.population));
  zones.forEach((z, i) => (z.households = hh[i]!));
  return { zones, accessFlood, townshipPop };
}
