/**
 * Coordinates to junctions: a static spatial index over a CSR graph's nodes (flatbush, a packed Hilbert
 * R-tree) answering "the nearest node that passes a test", e.g. the nearest node of a mode's main strongly
 * connected component, so a route never starts on a junction that can be left but not reached.
 *
 * The index is planar: x = longitude x cos(the graph's mean latitude), y = latitude, which orders
 * neighbours as great-circle distance does to within ~0.1 % over a city (distances reported are
 * haversine). Over a country-sized region the order of two nearly equidistant far candidates may differ.
 */
import Flatbush from 'flatbush';
import type { CsrGraph } from './csr.js';
import { DEG_TO_RAD, haversineKm, LAT_LON_TEXT } from './geo.js';

export interface Snapped {
  node: number;
  /** Great-circle distance from the query point, km. */
  km: number;
}

export class NodeLocator {
  private readonly index: Flatbush | undefined;
  private readonly kx: number;

  /** @param indexData a spatial index of this graph's nodes saved by `data()` (a snapshot keeps one). */
  constructor(
    private readonly graph: CsrGraph,
    indexData?: { buffer: ArrayBufferLike; byteOffset: number },
  ) {
    const n = graph.nodeCount;
    let sum = 0;
    for (let v = 0; v < n; v++) sum += graph.lat[v]!;
    this.kx = Math.cos((n > 0 ? sum / n : 0) * DEG_TO_RAD);
    if (n === 0) {
      this.index = undefined;
      return;
    }
    if (indexData !== undefined) {
      this.index = Flatbush.from(indexData.buffer, indexData.byteOffset);
      return;
    }
    const index = new Flatbush(n);
    for (let v = 0; v < n; v++) {
      const x = graph.lon[v]! * this.kx;
      const y = graph.lat[v]!;
      index.add(x, y, x, y);
    }
    index.finish();
    this.index = index;
  }

  /** The index's bytes, for a snapshot to keep (Flatbush.from reads them back without rebuilding). */
  data(): Uint8Array {
    return this.index === undefined ? new Uint8Array(0) : new Uint8Array(this.index.data);
  }

  /** The nearest node for which `accept` holds (any node without it); undefined when none does. */
  nearest(lat: number, lon: number, accept?: (node: number) => boolean): Snapped | undefined {
    if (this.index === undefined) return undefined;
    const [node] = this.index.neighbors(lon * this.kx, lat, 1, Infinity, accept);
    if (node === undefined) return undefined;
    return { node, km: haversineKm(lat, lon, this.graph.lat[node]!, this.graph.lon[node]!) };
  }
}

/** "29.55,103.76" (lat,lon in decimal degrees) -> numbers; undefined when the text is not a coordinate pair. */
export function parseLatLon(text: string): { lat: number; lon: number } | undefined {
  const m = LAT_LON_TEXT.exec(text);
  if (m === null) return undefined;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return undefined;
  return { lat, lon };
}
