/**
 * The earthquake's parts of the Leshan region: road-side slopes on the mountain corridors (assets.slopeEdges).
 * Every value is an estimate (no landslide-site list of Leshan was found): the G245 Dadu gorge between Ebian and
 * Jinkouhe is a known rockfall section [S4]; the mountain expressways of Jinkouhe, Ebian and Mabian are 76-89 %
 * bridges and tunnels [S5-S8], so they are exposed at their portals only. Slope angles are typical of the valley
 * sides the roads cut (35-45 degrees in the Dadu gorge, 30-35 in the Mabian and Muchuan valleys); sources per
 * km count the slopes whose failure reaches the road.
 */
import type { SlopeEdge } from '../../models/hazards/earthquake/region.js';
import type { Facility } from '../../models/schema/region-assets.js';
import type { RegionGraphBuilder } from './graph.js';

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
