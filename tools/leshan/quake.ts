/**
 * The earthquake's parts of the Leshan region: road-side slopes on the mountain corridors (assets.slopeEdges).
 * Every value is an estimate (no landslide-site list of Leshan was found): the G245 Dadu gorge between Ebian and
 * Jinkouhe is a known rockfall section [S4]; the mountain expressways of Jinkouhe, Ebian and Mabian are 76-89 %
 * bridges and tunnels [S5-S8], so they are exposed at their portals only. Slope angles are typical of the valley
 * sides the roads cut (35-45 degrees in the Dadu gorge, 30-35 in the Mabian and Muchuan valleys); sources per
 * km count the slopes whose failure reaches the road.
 */
import type { StructureClass } from '../../models/hazards/earthquake/fragility.js';
import type { SlopeEdge } from '../../models/hazards/earthquake/region.js';
import type { County, Facility, Zone } from '../../models/schema/region-assets.js';
import { COUNTIES } from './data.js';
import type { RegionGraphBuilder } from './graph.js';
import { round } from './math.js';
import type { TownshipListEntry } from './types.js';

type Row = [edge: string, kind: SlopeEdge['kind'], slopeDeg: number, sourcesPerKm: number, src: string[], note: string];

const ROWS: Row[] = [
  ['ebian_seat--jinkouhe_seat', 'road', 42, 0.6, ['S4', 'EST'], 'G245 in the Dadu gorge (大渡河峡谷), a known rockfall section'],
  ['jinkouhe_seat--jinhe', 'road', 40, 0.5, ['S4', 'EST'], 'G245 south of Jinkouhe along the Dadu'],
  ['maoping--ebian_seat', 'road', 35, 0.4, ['EST'], 'G245 from Shawan up the Dadu to Ebian'],
  ['muchuan_seat--mabian_seat', 'road', 33, 0.3, ['EST'], 'G348 Muchuan-Mabian through the Mabian river valley'],
  ['mabian_seat--meigu', 'road', 38, 0.3, ['EST'], 'G348 Mabian-Meigu over the Daliangshan'],
  ['qianwei_seat--muchuan_seat', 'road', 28, 0.15, ['EST'], 'G213 Qianwei-Muchuan, hill country'],
  ['ebian_seat--lewu', 'road', 36, 0.3, ['EST'], 'S309 Ebian-Meigu road'],
  ['dabao--ebian_seat', 'road', 34, 0.3, ['EST'], 'county road in the Ebian mountains'],
  ['jinkouhe_seat--heping', 'road', 40, 0.4, ['EST'], 'county road in the Dadu gorge'],
  ['jinkouhe_seat--gongan', 'road', 42, 0.4, ['EST'], 'Dawashan tourist road (大瓦山旅游公路)'],
  ['rongding--mabian_seat', 'road', 32, 0.3, ['EST'], 'county road in the Mabian valley'],
  ['mabian_seat--suba', 'road', 34, 0.3, ['EST'], 'county road in the Mabian mountains'],
  ['laodong--mabian_seat', 'tunnel-bridge', 35, 1, ['S5', 'EST'], 'Renmu-Xin expressway Mabian branch: bridges and tunnels, exposed at the portals'],
  ['emeishan_seat--br_dadu_ebian', 'tunnel-bridge', 35, 1, ['S6', 'EST'], 'Ehan expressway Emei-Ebian: bridges and tunnels'],
  ['ebian_seat--heizhugou', 'tunnel-bridge', 40, 1, ['S7', 'EST'], 'Ehan expressway Ebian-Jinkouhe'],
  ['heizhugou--jinkouhe_seat', 'tunnel-bridge', 40, 1, ['S7', 'EST'], 'Ehan expressway Ebian-Jinkouhe'],
];

export function buildSlopeEdges(edgeIds: ReadonlySet<string>): SlopeEdge[] {
  return ROWS.map(([edge, kind, slopeDeg, sourcesPerKm, src, note]) => {
    if (!edgeIds.has(edge)) throw new Error(`generate: slope edge '${edge}' is not in the network`);
    return { edge, kind, slopeDeg, sourcesPerKm, estimated: true, src, note };
  });
}

/**
 * The general hospitals the injured of an earthquake are taken to: the city's three at the centre and one
 * people's hospital per county seat. Bed counts are estimates (no per-hospital figures were sourced): the city
 * centre's tertiary hospital about 2,000 staffed beds, county people's hospitals 200-800 by county population;
 * Sichuan has about 7 beds per 1,000 residents, township health centres (not listed) hold the rest. Positions are
 * the county seats.
 */
const HOSPITALS: Array<[id: string, node: string, name: string, nameZh: string, beds: number]> = [
  ['hospital-leshan-peoples', 'shizhong_seat', "Leshan People's Hospital", '乐山市人民医院', 2000],
  ['hospital-leshan-tcm', 'shizhong_seat', 'Leshan Hospital of Traditional Chinese Medicine', '乐山市中医医院', 1000],
  ['hospital-leshan-second', 'shizhong_seat', "Leshan Second People's Hospital", '乐山市第二人民医院(示意)', 600],
  ['hospital-emeishan', 'emeishan_seat', "Emeishan People's Hospital", '峨眉山市人民医院', 800],
  ['hospital-qianwei', 'qianwei_seat', "Qianwei People's Hospital", '犍为县人民医院', 800],
  ['hospital-jiajiang', 'jiajiang_seat', "Jiajiang People's Hospital", '夹江县人民医院', 600],
  ['hospital-wutongqiao', 'wutongqiao_seat', "Wutongqiao People's Hospital", '五通桥区人民医院', 600],
  ['hospital-jingyan', 'jingyan_seat', "Jingyan People's Hospital", '井研县人民医院', 500],
  ['hospital-shawan', 'shawan_seat', "Shawan People's Hospital", '沙湾区人民医院', 500],
  ['hospital-muchuan', 'muchuan_seat', "Muchuan People's Hospital", '沐川县人民医院', 400],
  ['hospital-mabian', 'mabian_seat', "Mabian People's Hospital", '马边彝族自治县人民医院', 350],
  ['hospital-ebian', 'ebian_seat', "Ebian People's Hospital", '峨边彝族自治县人民医院', 300],
  ['hospital-jinkouhe', 'jinkouhe_seat', "Jinkouhe People's Hospital", '金口河区人民医院', 200],
];

export function buildHospitals(graph: RegionGraphBuilder): Facility[] {
  return HOSPITALS.map(([id, node, name, name_zh, beds]) => ({
    id,
    name,
    name_zh,
    kind: 'hospital',
    county: graph.countyOf(node),
    node,
    estimated: true,
    estimatedFields: ['node', 'hospital'],
    src: ['EST'],
    hospital: { beds, estimated: true, src: ['EST'], note: 'staffed beds, estimate by county population (about 7 beds per 1,000 residents in Sichuan, the rest in township health centres)' },
  }));
}

/**
 * Building stock per zone by structure class (zones[].quake.stock), every value an estimate flagged as such.
 *
 * Reasoning. Chinese statistics report housing by load-bearing structure in four classes: steel and reinforced
 * concrete (钢及钢筋混凝土), mixed / brick-concrete (混合结构, 砖混), brick-timber (砖木) and other (adobe, stone,
 * timber) — the 2010 census long form (住房建筑结构, household table) and the annual village and town construction
 * statistics (村镇建设统计年报). No Leshan table of them was transcribed, so each county gets an estimated split
 * for its urban and for its rural housing (STOCK_BY_COUNTY), and each zone mixes the two in the share of its
 * residents who are urban:
 * - the urban share is the 7th-census urban (城镇) population of the county [S25], spread over its townships by
 *   residents' committees and the rural rest by villagers' committees (as the zone populations are, zones.ts);
 *   flood sub-zones take their township's share;
 * - shares of floor area are used as shares of residents (floor area per person is taken as equal across the
 *   structure classes within urban and within rural housing, a simplification: rural houses are larger per person,
 *   about 49 against 40 m2 in China in 2019, but within a village the classes differ little);
 * - mapping onto the Hazus classes (docs/models/earthquake.md section 3): reinforced concrete to C1L moderate code,
 *   of which the urban post-2008 share (a quarter, public buildings and new estates designed to GB 50011-2010) to
 *   C1L high code; brick-concrete with ring beams and tie columns (fortified, 有圈梁构造柱) to RM1L; unfortified
 *   urban brick-concrete to URML low code; unfortified rural self-built brick-concrete split as in the Luding 2022
 *   survey (30 of 52 points URML pre-code, 22 low code); brick-timber, adobe and stone to URML pre-code; 穿斗木
 *   timber frame to W1.
 * - The mountain counties' rural split is the stock of the 2022 Luding meizoseismal area (Ye et al. 2024, China
 *   Earthquake 40(3)): reinforced concrete 5 %, fortified brick-concrete 8 %, unfortified 52 %, timber 10 %,
 *   adobe / brick-timber / stone 25 %; the basin counties' rural housing has more fortified brick-concrete after
 *   the post-2008 rural housing reconstruction and dangerous-house renovation programmes (农村危房改造) and less
 *   adobe; urban housing of the city and county seats grew mostly after 2000 as RC frames and fortified
 *   brick-concrete, older in the mountain seats.
 */
interface StockSplit {
  rc: number;
  fortified: number;
  unfortified: number;
  brickTimber: number;
  timber: number;
}

const BASIN_URBAN: StockSplit = { rc: 0.45, fortified: 0.28, unfortified: 0.22, brickTimber: 0.05, timber: 0 };
const MOUNTAIN_URBAN: StockSplit = { rc: 0.35, fortified: 0.25, unfortified: 0.3, brickTimber: 0.08, timber: 0.02 };
const BASIN_RURAL: StockSplit = { rc: 0.1, fortified: 0.22, unfortified: 0.32, brickTimber: 0.28, timber: 0.08 };
const MOUNTAIN_RURAL: StockSplit = { rc: 0.05, fortified: 0.08, unfortified: 0.52, brickTimber: 0.25, timber: 0.1 };
const HILL_RURAL: StockSplit = { rc: 0.07, fortified: 0.15, unfortified: 0.42, brickTimber: 0.26, timber: 0.1 };

export const STOCK_BY_COUNTY: Readonly<Record<string, { urban: StockSplit; rural: StockSplit; note: string }>> = {
  shizhong: { urban: BASIN_URBAN, rural: BASIN_RURAL, note: 'city centre: post-2000 RC and fortified brick-concrete; basin villages' },
  wutongqiao: { urban: BASIN_URBAN, rural: BASIN_RURAL, note: 'industrial district of the basin' },
  shawan: { urban: BASIN_URBAN, rural: HILL_RURAL, note: 'basin seat, hill villages up the Dadu' },
  jinkouhe: { urban: MOUNTAIN_URBAN, rural: MOUNTAIN_RURAL, note: 'Dadu gorge district: Luding-type mountain stock' },
  qianwei: { urban: BASIN_URBAN, rural: BASIN_RURAL, note: 'basin county' },
  jingyan: { urban: BASIN_URBAN, rural: BASIN_RURAL, note: 'basin county' },
  jiajiang: { urban: BASIN_URBAN, rural: BASIN_RURAL, note: 'basin county' },
  muchuan: { urban: MOUNTAIN_URBAN, rural: HILL_RURAL, note: 'hill county between the basin and the Mabian mountains' },
  ebian: { urban: MOUNTAIN_URBAN, rural: MOUNTAIN_RURAL, note: 'Yi autonomous mountain county: Luding-type stock' },
  mabian: { urban: MOUNTAIN_URBAN, rural: MOUNTAIN_RURAL, note: 'Yi autonomous mountain county: Luding-type stock' },
  emeishan: { urban: BASIN_URBAN, rural: HILL_RURAL, note: 'basin city at the foot of Mount Emei, hill villages' },
};

/** Share of urban housing in reinforced concrete designed to fortification VIII (post-2008). */
const URBAN_RC_HIGH = 0.25;
/** Of unfortified rural brick-concrete, the URML pre-code part (Luding survey: 30 of 52 points). */
const RURAL_UNFORTIFIED_PRE = 30 / 52;

/** The Hazus-class shares of one split (urban or rural). */
function classShares(s: StockSplit, urban: boolean): Record<StructureClass, number> {
  return {
    'urml-pre': s.brickTimber + (urban ? 0 : s.unfortified * RURAL_UNFORTIFIED_PRE),
    'urml-low': urban ? s.unfortified : s.unfortified * (1 - RURAL_UNFORTIFIED_PRE),
    'rm1l-mod': s.fortified,
    'c1l-mod': urban ? s.rc * (1 - URBAN_RC_HIGH) : s.rc,
    'c1l-high': urban ? s.rc * URBAN_RC_HIGH : 0,
    'w1-high': s.timber,
  };
}

/** Urban share of each township's residents: the county's urban residents by residents' committees (zones.ts). */
function townshipUrbanShares(counties: readonly County[], list: { townships: TownshipListEntry[] }): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of COUNTIES) {
    const county = counties.find((x) => x.id === c.id)!;
    const ts = list.townships.filter((t) => t.countyCode === c.code);
    const urban = county.urbanPopulation ?? 0;
    const rural = county.population - urban;
    const comm = ts.reduce((s, t) => s + t.communities, 0);
    const vill = ts.reduce((s, t) => s + t.villages, 0);
    for (const t of ts) {
      const u = comm > 0 ? (urban * t.communities) / comm : 0;
      const r = vill > 0 ? (rural * t.villages) / vill : 0;
      out.set(t.code, u + r > 0 ? u / (u + r) : 0);
    }
  }
  return out;
}

export function addZoneStock(zones: Zone[], counties: readonly County[], list: { townships: TownshipListEntry[] }): void {
  const urbanShare = townshipUrbanShares(counties, list);
  for (const z of zones) {
    const row = STOCK_BY_COUNTY[z.county];
    if (row === undefined) throw new Error(`generate: no building stock estimate for county '${z.county}'`);
    const f = urbanShare.get(z.township ?? '') ?? (z.tags.includes('urban') ? 1 : 0);
    const u = classShares(row.urban, true);
    const r = classShares(row.rural, false);
    const keys = Object.keys(u) as StructureClass[];
    const raw = keys.map((k) => f * u[k] + (1 - f) * r[k]);
    // Three decimals that still add up to 1: the rounding rest goes to the largest class.
    const shares = raw.map((x) => round(x, 3));
    const rest = round(1 - shares.reduce((a, b) => a + b, 0), 3);
    const big = shares.indexOf(Math.max(...shares));
    shares[big] = round(shares[big]! + rest, 3);
    z.quake = {
      stock: Object.fromEntries(keys.map((k, i) => [k, shares[i]!])) as Record<StructureClass, number>,
      estimated: true,
      src: ['S25', 'EST'],
      note: `urban share ${round(f, 2)} (7th census [S25], by residents' committees); ${row.note}; tools/leshan/quake.ts gives the reasoning`,
    };
    z.estimatedFields = [...(z.estimatedFields ?? []), 'quake'];
  }
}
