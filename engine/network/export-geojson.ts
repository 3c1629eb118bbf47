/**
 * Export a region network as a GeoJSON FeatureCollection (RFC 7946: WGS84 lon/lat, no crs member), which
 * QGIS and most GIS tools open directly: one LineString per edge (along its `geometry` when it has one,
 * else straight from node to node), one Point per node and one Point per named point. Every feature carries
 * `featureType` (edge | node | point) and its id, and `props` are flattened into the properties, so
 * `importGeoJson` reads the file back into the same network.
 */
import type { NetworkNode, RegionNetwork } from './schema.js';

export interface GeoJsonFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] } | { type: 'LineString'; coordinates: Array<[number, number]> };
  properties: Record<string, unknown>;
}

export interface GeoJsonFeatureCollection {
  type: 'FeatureCollection';
  region: { id: string; name: string; name_zh?: string };
  features: GeoJsonFeature[];
}

function defined(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (v !== undefined) out[k] = v;
  return out;
}

export function exportGeoJson(network: RegionNetwork): GeoJsonFeatureCollection {
  const byId = new Map<string, NetworkNode>(network.nodes.map((n) => [n.id, n]));
  const features: GeoJsonFeature[] = [];
  for (const e of network.edges) {
    const a = byId.get(e.from)!;
    const b = byId.get(e.to)!;
    const { props, geometry, ...rest } = e;
    features.push({
      type: 'Feature',
      id: e.id,
      geometry: { type: 'LineString', coordinates: geometry !== undefined ? geometry.map((p): [number, number] => [p[0]!, p[1]!]) : [[a.lon, a.lat], [b.lon, b.lat]] },
      properties: defined({ ...(props ?? {}), featureType: 'edge', ...rest }),
    });
  }
  for (const n of network.nodes) {
    const { props, lat, lon, ...rest } = n;
    features.push({
      type: 'Feature',
      id: n.id,
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: defined({ ...(props ?? {}), featureType: 'node', ...rest }),
    });
  }
  for (const p of network.points ?? []) {
    const at = byId.get(p.node)!;
    const { props, ...rest } = p;
    features.push({
      type: 'Feature',
      id: p.id,
      geometry: { type: 'Point', coordinates: [at.lon, at.lat] },
      properties: defined({ ...(props ?? {}), featureType: 'point', ...rest }),
    });
  }
  return {
    type: 'FeatureCollection',
    region: { id: network.id, name: network.name, ...(network.name_zh !== undefined ? { name_zh: network.name_zh } : {}) },
    features,
  };
}
