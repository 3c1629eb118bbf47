import type { ScenarioCompileContext } from '../../modules/types.js';
import { ATTENUATION, type AttenuationCoefficients } from './attenuation.js';
import { bridgeClassOf, STRUCTURE_CLASSES, type BridgeClass } from './fragility.js';
import type { EarthquakeHazardDoc } from './schema.js';
import { defaultStock } from './stock.js';

export interface CompiledShock {
  atMin: number;
  lat: number;
  lon: number;
  magnitude: number;
  depthKm: number;
  strikeDeg: number;
}

export interface CompiledSlopeEdge {
  edge: number;
  id: string;
  /** Midpoint, where the shaking is evaluated. */
  lat: number;
  lon: number;
  slopeDeg: number;
  /** Slopes that can block it (km x sources per km; the two portals of a tunnel-bridge expressway). */
  sources: number;
  /** The end node clearance teams work from. */
  node: number;
}

/** An earthquake entry resolved against its region. */
export interface CompiledEarthquake {
  coefficients: AttenuationCoefficients;
  shocks: CompiledShock[];
  aftershocks: { days: number; minMagnitude: number; maxAbove: number; widthKm: number } | null;
  /** Per zone: coordinates and the stock shares per structure class (STRUCTURE_CLASSES order). */
  zoneLat: Float64Array;
  zoneLon: Float64Array;
  stock: Float64Array;
  slopeEdges: CompiledSlopeEdge[];
  /** Bridges of the network (edges marked bridge), at their midpoints. */
  bridges: Array<{ edge: number; id: string; lat: number; lon: number; cls: BridgeClass }>;
  /** Facilities (for `facility.shaken`): id and coordinates. */
  facilities: Array<{ id: string; lat: number; lon: number }>;
}

export function compileEarthquake(doc: EarthquakeHazardDoc, ctx: ScenarioCompileContext): CompiledEarthquake {
  const { region, csr, zones, base } = ctx;
  const shocks = doc.shocks.map((s, i) => {
    const atMin = ctx.time(s.at, `${base}/shocks/${i}/at`);
    return { atMin, lat: s.lat, lon: s.lon, magnitude: s.magnitude, depthKm: s.depthKm, strikeDeg: s.strikeDeg };
  });
  shocks.forEach((s, i) => {
    if (s.atMin < 0) ctx.fail(`${base}/shocks/${i}/at`, 'the shock is before the scenario start');
    if (i > 0 && s.atMin < shocks[i - 1]!.atMin) ctx.fail(`${base}/shocks/${i}/at`, 'shocks must be in time order (the first is the main shock)');
  });
  const nc = STRUCTURE_CLASSES.length;
  const zoneLat = new Float64Array(zones.length);
  const zoneLon = new Float64Array(zones.length);
  const stock = new Float64Array(zones.length * nc);
  for (const z of zones) {
    zoneLat[z.index] = csr.graph.lat[z.node]!;
    zoneLon[z.index] = csr.graph.lon[z.node]!;
    const own = region.zones.zones[z.index]?.quake?.stock;
    const mix = own ?? defaultStock(z.county, z.tags);
    STRUCTURE_CLASSES.forEach((c, k) => (stock[z.index * nc + k] = mix[c]));
  }
  const slopeEdges: CompiledSlopeEdge[] = [];
  for (const se of region.assets.slopeEdges) {
    const k = csr.edgeIndex.get(se.edge);
    if (k === undefined) continue;
    const e = csr.edges[k]!;
    const a = csr.nodeIndex.get(e.from)!;
    const b = csr.nodeIndex.get(e.to)!;
    slopeEdges.push({
      edge: k,
      id: se.edge,
      lat: (csr.graph.lat[a]! + csr.graph.lat[b]!) / 2,
      lon: (csr.graph.lon[a]! + csr.graph.lon[b]!) / 2,
      slopeDeg: se.slopeDeg,
      sources: se.kind === 'tunnel-bridge' ? 2 : Math.max(1, e.km * se.sourcesPerKm),
      node: a,
    });
  }
  const bridges = csr.edges.flatMap((e, k) => {
    if (e.bridge !== true) return [];
    const a = csr.nodeIndex.get(e.from)!;
    const b = csr.nodeIndex.get(e.to)!;
    return [{ edge: k, id: e.id, lat: (csr.graph.lat[a]! + csr.graph.lat[b]!) / 2, lon: (csr.graph.lon[a]! + csr.graph.lon[b]!) / 2, cls: bridgeClassOf(e.roadClass) }];
  });
  const facilities = region.assets.facilities.flatMap((f) => {
    const v = csr.nodeIndex.get(f.node);
    return v === undefined ? [] : [{ id: f.id, lat: csr.graph.lat[v]!, lon: csr.graph.lon[v]! }];
  });
  const as = doc.aftershocks;
  return {
    coefficients: ATTENUATION[doc.attenuation ?? 'qinghai-tibet'],
    shocks,
    aftershocks: as === undefined ? null : { days: as.days, minMagnitude: as.minMagnitude ?? 4, maxAbove: as.maxMagnitudeAbove ?? 0, widthKm: as.widthKm ?? 16 },
    zoneLat,
    zoneLon,
    stock,
    slopeEdges,
    bridges,
    facilities,
  };
}
