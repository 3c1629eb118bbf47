/**
 * Conversion of the reference network's records (snake_case research fields) into the project's region
 * network format (engine/network/schema.ts). Ids, names, `estimated` flags and `src` lists are kept as they
 * are, so every record still cites the source list S1-S34.
 */
import type { NetworkEdge, NetworkNode } from '../../engine/network/schema.js';
import type { RefEdge, RefNode } from './types.js';

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

export function convertNode(n: RefNode): NetworkNode {
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

/** Edge ids are `from--to`, with `-2`, `-3` ... for a second road between the same two nodes. */
export function convertEdges(edges: RefEdge[]): NetworkEdge[] {
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
