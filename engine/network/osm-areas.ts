/**
 * Areas from OSM relations: `type=multipolygon` facilities (a hospital campus mapped as a relation) and
 * `boundary=administrative` areas. A relation lists member ways with roles `outer` and `inner`; each ring
 * is assembled by joining member ways end to end (reversing where needed), as osmium's and osm2pgsql's
 * multipolygon assemblers do (https://wiki.openstreetmap.org/wiki/Relation:multipolygon). Rings an
 * extract cut open are closed with a straight line and counted, so a clipped boundary still gives an area.
 *
 * Geometry is on a local plane (equirectangular about the ring's first point): good to well under 1 % for
 * the few-kilometre areas of facilities and districts, and exact for point-in-polygon tests (a straight
 * line in degrees stays straight).
 */

/** Node index sequences of member ways (-1 for a node not in the file). */
export interface MemberWay {
  nodes: Int32Array;
}

export interface AssembledRings {
  /** Closed rings as node indices, the first index repeated at the end. */
  rings: number[][];
  /** Rings that did not close and were closed with a straight line. */
  forced: number;
}

/**
 * Join ways into closed rings. Nodes missing from the file are dropped from their way first (a clipped
 * boundary keeps what the file has). Deterministic: ways are taken in member order.
 */
export function assembleRings(ways: ReadonlyArray<ArrayLike<number>>): AssembledRings {
  const parts = ways.map((w) => Array.from(w).filter((v) => v >= 0)).filter((w) => w.length >= 2);
  const used = new Uint8Array(parts.length);
  const rings: number[][] = [];
  let forced = 0;
  for (let s = 0; s < parts.length; s++) {
    if (used[s]) continue;
    used[s] = 1;
    const ring = [...parts[s]!];
    while (ring[0] !== ring[ring.length - 1]) {
      const end = ring[ring.length - 1]!;
      let found = -1;
      let reversed = false;
      for (let k = 0; k < parts.length && found < 0; k++) {
        if (used[k]) continue;
        const p = parts[k]!;
        if (p[0] === end) found = k;
        else if (p[p.length - 1] === end) {
          found = k;
          reversed = true;
        }
      }
      if (found < 0) {
        ring.push(ring[0]!);
        forced++;
        break;
      }
      used[found] = 1;
      const p = reversed ? [...parts[found]!].reverse() : parts[found]!;
      for (let i = 1; i < p.length; i++) ring.push(p[i]!);
    }
    if (ring.length >= 4) rings.push(ring);
  }
  return { rings, forced };
}

export interface Polygon {
  /** Rings as [lon, lat] pairs, closed; outer and inner alike (even-odd rule). */
  rings: Array<Array<[number, number]>>;
}

/** Whether (lat, lon) is inside the polygon by the even-odd rule (holes are inner rings). */
export function pointInPolygon(poly: Polygon, lat: number, lon: number): boolean {
  let inside = false;
  for (const ring of poly.rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/**
 * Area-weighted centroid of outer rings minus inner rings (shoelace formula on the local plane), or the
 * mean of the vertices when the area is zero. Returns lat/lon.
 */
export function polygonCentroid(outer: ReadonlyArray<ReadonlyArray<[number, number]>>, inner: ReadonlyArray<ReadonlyArray<[number, number]>> = []): { lat: number; lon: number } | undefined {
  const first = outer[0]?.[0];
  if (first === undefined) return undefined;
  const [lon0, lat0] = first;
  const kx = Math.cos((lat0 * Math.PI) / 180);
  let a = 0;
  let cx = 0;
  let cy = 0;
  let n = 0;
  let mx = 0;
  let my = 0;
  const add = (ring: ReadonlyArray<[number, number]>, sign: number): void => {
    let ra = 0;
    let rx = 0;
    let ry = 0;
    for (let i = 0; i + 1 < ring.length; i++) {
      const x0 = (ring[i]![0] - lon0) * kx;
      const y0 = ring[i]![1] - lat0;
      const x1 = (ring[i + 1]![0] - lon0) * kx;
      const y1 = ring[i + 1]![1] - lat0;
      const cross = x0 * y1 - x1 * y0;
      ra += cross;
      rx += (x0 + x1) * cross;
      ry += (y0 + y1) * cross;
      if (sign > 0) {
        mx += x0;
        my += y0;
        n++;
      }
    }
    // Orientation-free: each ring counts by its absolute area, holes subtract.
    const s = sign * Math.sign(ra);
    a += s * ra;
    cx += s * rx;
    cy += s * ry;
  };
  for (const r of outer) add(r, 1);
  for (const r of inner) add(r, -1);
  if (Math.abs(a) < 1e-18) return n > 0 ? { lat: lat0 + my / n, lon: lon0 + mx / n / kx } : undefined;
  return { lat: lat0 + cy / (3 * a), lon: lon0 + cx / (3 * a) / kx };
}
