/**
 * Great-circle geometry on the WGS84 mean sphere. Road lengths are short compared with the Earth, so the
 * spherical haversine is within ~0.5 % of the ellipsoidal distance: good enough for edge lengths of
 * imported roads and for an admissible A* bound (the bound is scaled by the data, see search.ts).
 */

/** IUGG mean Earth radius, km. */
export const EARTH_RADIUS_KM = 6371.0088;

/** "lat,lon" in decimal degrees, spaces allowed around either number (the two numbers captured). */
export const LAT_LON_TEXT = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/;

const RAD = Math.PI / 180;

/** Great-circle distance in km between two WGS84 points given in degrees. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s1 = Math.sin(dLat / 2);
  const s2 = Math.sin(dLon / 2);
  const a = s1 * s1 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * s2 * s2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Haversine with the cosines of both latitudes precomputed (the A* hot path keeps cos(lat) per node). */
export function haversineKmCos(
  lat1: number,
  lon1: number,
  cosLat1: number,
  lat2: number,
  lon2: number,
  cosLat2: number,
): number {
  const s1 = Math.sin((lat2 - lat1) * (RAD / 2));
  const s2 = Math.sin((lon2 - lon1) * (RAD / 2));
  const a = s1 * s1 + cosLat1 * cosLat2 * s2 * s2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Length in km of a polyline of [lon, lat] positions (GeoJSON order). */
export function polylineKm(coords: ReadonlyArray<readonly [number, number]>): number {
  let km = 0;
  for (let i = 1; i < coords.length; i++) {
    const a = coords[i - 1]!;
    const b = coords[i]!;
    km += haversineKm(a[1], a[0], b[1], b[0]);
  }
  return km;
}

export function validLat(lat: unknown): lat is number {
  return typeof lat === 'number' && Number.isFinite(lat) && lat >= -90 && lat <= 90;
}

export function validLon(lon: unknown): lon is number {
  return typeof lon === 'number' && Number.isFinite(lon) && lon >= -180 && lon <= 180;
}

export { RAD as DEG_TO_RAD };
