/**
 * SYNTHETIC fuel-model and elevation rasters for the Leshan forest-fire scenarios, around Emei Shan (峨眉山)
 * and Mabian (马边), written as gzip-compressed ESRI ASCII grids to scenarios/regions/leshan/wildfire/.
 *
 *   npx tsx tools/leshan/wildfire-rasters.ts           # write the rasters
 *   npx tsx tools/leshan/wildfire-rasters.ts --check   # exit 1 if the committed rasters differ
 *   npx tsx tools/leshan/wildfire-rasters.ts --from-geotiff in.tif --out out.asc.gz
 *                                                      # convert a real GeoTIFF grid (first band) for a scenario
 *
 * Nothing here is surveyed: the terrain is a smooth massif plus deterministic value noise shaped to the
 * known relief (Emei Shan's Golden Summit 金顶 3,079 m above a plain at about 450 m; the Mabian river valley
 * at about 650 m under ridges of 2,000-3,000 m rising to Dafengding 大风顶 in the south-west), and fuels are
 * assigned from elevation, slope, aspect and noise with the Leshan vegetation-to-fuel-model table of
 * docs/models/wildfire.md section 6 (itself an estimate from the forest types of Emei, Mabian and their
 * neighbours). Towns of the region sit on non-burnable cells. Replace them with real grids (LANDFIRE-style
 * fuel maps from the forestry inventory, a 30 m DEM) for planning use; the format is the same.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { formatAsciiGrid, readGeoTiff } from '../../models/hazards/wildfire/raster.js';
import { M_PER_DEG_LAT } from '../../models/hazards/wildfire/landscape.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const OUT = join(REPO, 'scenarios', 'regions', 'leshan', 'wildfire');

interface Site {
  id: string;
  /** Lower-left corner of the grid. */
  originLon: number;
  originLat: number;
  cols: number;
  rows: number;
  cellSizeM: number;
  /** Elevation (m) at a point x east, y north of the origin (m). */
  elevation(x: number, y: number): number;
  /** Distance (m) from the point to the site's main river, or Infinity. */
  river(x: number, y: number): number;
  /** Elevation below which the valley floor is farmed. */
  farmBelowM: number;
}

/** Deterministic value noise in [0, 1): a hashed lattice with smooth interpolation. */
function hash(ix: number, iy: number, seed: number): number {
  let h = (Math.imul(ix, 374761393) + Math.imul(iy, 668265263) + Math.imul(seed, 2147483647)) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

function noise(x: number, y: number, scale: number, seed: number): number {
  const fx = x / scale;
  const fy = y / scale;
  const ix = Math.floor(fx);
  const iy = Math.floor(fy);
  const tx = fx - ix;
  const ty = fy - iy;
  const sx = tx * tx * (3 - 2 * tx);
  const sy = ty * ty * (3 - 2 * ty);
  const a = hash(ix, iy, seed);
  const b = hash(ix + 1, iy, seed);
  const c = hash(ix, iy + 1, seed);
  const d = hash(ix + 1, iy + 1, seed);
  return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy;
}

function fbm(x: number, y: number, seed: number): number {
  return 0.55 * noise(x, y, 4000, seed) + 0.3 * noise(x, y, 1500, seed + 1) + 0.15 * noise(x, y, 500, seed + 2) - 0.5;
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

function toXY(site: { originLon: number; originLat: number }, lon: number, lat: number): [number, number] {
  return [(lon - site.originLon) * M_PER_DEG_LAT * Math.cos((site.originLat * Math.PI) / 180), (lat - site.originLat) * M_PER_DEG_LAT];
}

const emeiOrigin = { originLon: 103.24, originLat: 29.44 };
const [summitX, summitY] = toXY(emeiOrigin, 103.333, 29.52);
const emei: Site = {
  id: 'emei',
  ...emeiOrigin,
  cols: 250,
  rows: 250,
  cellSizeM: 100,
  elevation(x, y) {
    // The massif: an elongated dome (NNE-SSW) whose summit is the Golden Summit, falling east to the plain.
    const u = (x - summitX) * Math.cos(0.35) - (y - summitY) * Math.sin(0.35);
    const v = (x - summitX) * Math.sin(0.35) + (y - summitY) * Math.cos(0.35);
    const dome = 2150 * Math.exp(-((u / 5500) ** 2) - (v / 11000) ** 2);
    const foothills = 700 * Math.exp(-(((x - summitX - 4000) / 7000) ** 2) - ((y - summitY - 3000) / 9000) ** 2);
    const plain = 440 + Math.max(0, 12000 - x) * 0.02;
    return plain + dome + foothills + 320 * fbm(x, y, 11) * Math.min(1, (dome + foothills) / 600 + 0.2);
  },
  river: () => Infinity,
  farmBelowM: 650,
};

const mabianOrigin = { originLon: 103.4, originLat: 28.72 };
const [seatX, seatY] = toXY(mabianOrigin, 103.55, 28.84);
const mabian: Site = {
  id: 'mabian',
  ...mabianOrigin,
  cols: 250,
  rows: 250,
  cellSizeM: 100,
  elevation(x, y) {
    // The Mabian river valley runs south-west to north-east through the county seat.
    const d = segmentDistance(x, y, seatX - 14000, seatY - 9000, seatX + 12000, seatY + 8000);
    const valley = 620 + (x - seatX) * -0.004;
    const walls = 1300 * (1 - Math.exp(-((d / 4500) ** 2)));
    const dafengding = 1300 * Math.exp(-((x / 7000) ** 2) - (y / 7000) ** 2);
    return valley + walls + dafengding + 260 * fbm(x, y, 23) * Math.min(1, d / 1500 + 0.1);
  },
  river: (x, y) => segmentDistance(x, y, seatX - 14000, seatY - 9000, seatX + 12000, seatY + 8000),
  farmBelowM: 760,
};

/** Scott & Burgan numbers (docs/models/wildfire.md section 6) and the non-burnable ones. */
const NB1 = 91;
const NB3 = 93;
const NB8 = 98;
const NB9 = 99;
const GR3 = 103;
const GS2 = 122;
const SH2 = 142;
const SH3 = 143;
const TU1 = 161;
const TL1 = 181;
const TL2 = 182;
const TL3 = 183;
const TL8 = 188;

function fuelAt(site: Site, x: number, y: number, elevation: number, slope: number, aspect: number, town: boolean): number {
  if (town) return NB1;
  if (site.river(x, y) < 60) return NB8;
  const r = noise(x, y, 700, site.id.length * 7 + 3);
  if (elevation < site.farmBelowM && slope < 0.25) return r < 0.15 ? GR3 : NB3;
  if (elevation > 2950) return NB9;
  if (elevation > 2400) return r < 0.7 ? TL1 : SH3;
  const sunny = aspect > 120 && aspect < 240 && slope > 0.3;
  if (elevation > 1500) return r < 0.4 ? TU1 : r < 0.7 ? SH3 : TL3;
  // Below about 1,200 m the forest is broken by secondary shrub and grass on abandoned terraces and the
  // sunny slopes (灌丛, 荒山草坡): the mosaic where most spring fires start and run.
  if (elevation < site.farmBelowM + 600) {
    if (sunny) return site.id === 'mabian' ? (r < 0.4 ? TL8 : r < 0.7 ? GS2 : SH2) : r < 0.5 ? SH2 : GS2;
    return r < 0.35 ? GS2 : r < 0.5 ? SH2 : r < 0.7 ? GR3 : r < 0.85 ? TL2 : TL3;
  }
  if (sunny) return site.id === 'mabian' ? (r < 0.5 ? TL8 : GS2) : r < 0.5 ? SH2 : GS2;
  return r < 0.5 ? TL2 : r < 0.7 ? TU1 : r < 0.9 ? TL3 : SH2;
}

interface RegionNode {
  id: string;
  lat: number;
  lon: number;
}

function build(site: Site, towns: readonly RegionNode[]): { fuel: string; elevation: string } {
  const { cols, rows, cellSizeM } = site;
  const elev = new Float64Array(cols * rows);
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) elev[row * cols + col] = Math.round(site.elevation((col + 0.5) * cellSizeM, (rows - row - 0.5) * cellSizeM));
  }
  const townXY = towns.map((t) => toXY(site, t.lon, t.lat));
  const fuel = new Float64Array(cols * rows);
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const x = (col + 0.5) * cellSizeM;
      const y = (rows - row - 0.5) * cellSizeM;
      const at = (c: number, r: number): number => elev[Math.min(rows - 1, Math.max(0, r)) * cols + Math.min(cols - 1, Math.max(0, c))]!;
      const dzdx = (at(col + 1, row) - at(col - 1, row)) / (2 * cellSizeM);
      const dzdy = (at(col, row - 1) - at(col, row + 1)) / (2 * cellSizeM);
      const slope = Math.hypot(dzdx, dzdy);
      const az = (Math.atan2(-dzdx, -dzdy) * 180) / Math.PI;
      const town = townXY.some(([tx, ty]) => Math.hypot(x - tx, y - ty) < 350);
      fuel[row * cols + col] = fuelAt(site, x, y, elev[row * cols + col]!, slope, az < 0 ? az + 360 : az, town);
    }
  }
  const grid = { cols, rows, xll: 0, yll: 0, cellSize: cellSizeM, nodata: null };
  return { fuel: formatAsciiGrid({ ...grid, values: fuel }), elevation: formatAsciiGrid({ ...grid, values: elev }) };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const fromTiff = arg('--from-geotiff');
if (fromTiff !== undefined) {
  const out = arg('--out') ?? fromTiff.replace(/\.tiff?$/i, '') + '.asc.gz';
  const raster = await readGeoTiff(fromTiff);
  const text = formatAsciiGrid(raster, raster.values.every((v) => Number.isNaN(v) || Number.isInteger(v)) ? 0 : 3);
  writeFileSync(out, out.endsWith('.gz') ? gzipSync(text, { level: 9 }) : text);
  process.stdout.write(`wrote ${raster.cols} x ${raster.rows} cells of ${raster.cellSize} to ${out}\n`);
  process.exit(0);
}

const network = JSON.parse(readFileSync(join(REPO, 'scenarios', 'regions', 'leshan', 'network.json'), 'utf8')) as { nodes: RegionNode[] };
const files: Record<string, string> = {};
for (const site of [emei, mabian]) {
  const { fuel, elevation } = build(site, network.nodes);
  files[`${site.id}-fuel.asc.gz`] = fuel;
  files[`${site.id}-elevation.asc.gz`] = elevation;
}

if (process.argv.includes('--check')) {
  const stale = Object.entries(files).filter(([f, text]) => !existsSync(join(OUT, f)) || gunzipSync(readFileSync(join(OUT, f))).toString('utf8') !== text);
  if (stale.length > 0) {
    process.stderr.write(`out of date: ${stale.map(([f]) => f).join(', ')} (run npx tsx tools/leshan/wildfire-rasters.ts)\n`);
    process.exit(1);
  }
  process.stdout.write(`${OUT} is up to date\n`);
} else {
  mkdirSync(OUT, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(OUT, f), gzipSync(text, { level: 9 }));
  process.stdout.write(`wrote ${Object.keys(files).join(', ')} to ${OUT}\n`);
}
