import { isAbsolute, join, normalize, sep } from 'node:path';
import { InputError } from '../../../engine/errors.js';
import type { ScenarioCompileContext } from '../../modules/types.js';
import { Landscape, M_PER_DEG_LAT } from './landscape.js';
import { readGrid } from './raster.js';
import type { WildfireHazardDoc } from './schema.js';

/** A road edge in the landscape: the cells under it. */
export interface EdgeCells {
  edge: string;
  cells: Int32Array;
}

/** A forest fire entry resolved against its region. */
export interface CompiledWildfire {
  id: string;
  landscape: Landscape;
  ignitionCell: number;
  ignitionMin: number;
  /** Length of the diurnal weather blocks, min. */
  blockMin: number;
  /** Per zone index: its cell in the landscape (its seat), or -1 outside. */
  zoneCells: Int32Array;
  /** Facilities of the region inside the landscape, with the cell of their node. */
  facilities: ReadonlyArray<{ id: string; cell: number }>;
  edges: readonly EdgeCells[];
  /** The zone (township) whose seat is nearest the ignition: its area's detection cover watches the fire (-1: no zones). */
  ignitionZone: number;
  /** The road node nearest the ignition (brigades drive there, then walk) and the straight distance, m. */
  accessNode: string;
  accessDistanceM: number;
}

function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const x = (lon2 - lon1) * M_PER_DEG_LAT * Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180);
  return Math.hypot(x, (lat2 - lat1) * M_PER_DEG_LAT);
}

/** A grid path must stay inside the region directory (a scenario may come over the API). */
function gridFile(regionDir: string, path: string, pointer: string, fail: (p: string, m: string) => void): string | null {
  const clean = normalize(path);
  if (isAbsolute(path) || clean.startsWith('..') || clean.split(sep).includes('..')) {
    fail(pointer, `'${path}' must be a path inside the region directory`);
    return null;
  }
  return join(regionDir, clean);
}

export function compileWildfire(doc: WildfireHazardDoc, ctx: ScenarioCompileContext): CompiledWildfire | null {
  const { region, base, fail } = ctx;
  const fuelFile = gridFile(region.dir, doc.landscape.fuel, `${base}/landscape/fuel`, fail);
  const elevFile = gridFile(region.dir, doc.landscape.elevation, `${base}/landscape/elevation`, fail);
  if (fuelFile === null || elevFile === null) return null;
  let landscape: Landscape;
  try {
    landscape = Landscape.fromRasters(readGrid(fuelFile), readGrid(elevFile), doc.landscape.originLon, doc.landscape.originLat);
  } catch (err) {
    if (err instanceof InputError) {
      for (const issue of err.issues) fail(`${base}/landscape`, `${issue.file ?? ''}${issue.line !== undefined ? `:${issue.line}` : ''}: ${issue.message}`);
      return null;
    }
    if (err instanceof RangeError) {
      fail(`${base}/landscape`, err.message);
      return null;
    }
    throw err;
  }
  const ignitionCell = landscape.cellAt(doc.ignition.lon, doc.ignition.lat);
  if (ignitionCell < 0) fail(`${base}/ignition`, `(${doc.ignition.lon}, ${doc.ignition.lat}) is outside the landscape`);
  else if (landscape.fuel[ignitionCell]! < 0) fail(`${base}/ignition`, `(${doc.ignition.lon}, ${doc.ignition.lat}) falls on a cell that does not burn (farmland, town, water or rock)`);
  const ignitionMin = ctx.time(doc.ignition.at, `${base}/ignition/at`);
  const blockMin = doc.weatherBlock !== undefined ? ctx.duration(doc.weatherBlock, `${base}/weatherBlock`) : 240;
  if (!(blockMin > 0 && (24 * 60) % blockMin === 0)) fail(`${base}/weatherBlock`, 'must divide 24 h (1 h, 2 h, 3 h, 4 h, 6 h, ...)');

  const nodes = new Map(region.network.nodes.map((n) => [n.id, n]));
  const zoneCells = Int32Array.from(ctx.zones, (z) => {
    const node = nodes.get(ctx.csr.nodeIds[z.node] ?? '');
    return node === undefined ? -1 : landscape.cellAt(node.lon, node.lat);
  });
  const facilities = region.assets.facilities.flatMap((f) => {
    const node = nodes.get(f.node);
    const cell = node === undefined ? -1 : landscape.cellAt(node.lon, node.lat);
    return cell >= 0 ? [{ id: f.id, cell }] : [];
  });
  // Roads: the cells under each edge, sampled every half cell along the straight line between its nodes.
  const edges: EdgeCells[] = [];
  for (const e of region.network.edges) {
    const a = nodes.get(e.from);
    const b = nodes.get(e.to);
    if (a === undefined || b === undefined) continue;
    const steps = Math.ceil(distanceM(a.lon, a.lat, b.lon, b.lat) / (landscape.cellSizeM / 2));
    const cells = new Set<number>();
    for (let i = 0; i <= steps; i++) {
      const c = landscape.cellAt(a.lon + ((b.lon - a.lon) * i) / steps, a.lat + ((b.lat - a.lat) * i) / steps);
      if (c >= 0) cells.add(c);
    }
    if (cells.size > 0) edges.push({ edge: e.id, cells: Int32Array.from(cells) });
  }
  let accessNode = region.network.nodes[0]!.id;
  let accessDistanceM = Infinity;
  for (const n of region.network.nodes) {
    const d = distanceM(n.lon, n.lat, doc.ignition.lon, doc.ignition.lat);
    if (d < accessDistanceM) {
      accessDistanceM = d;
      accessNode = n.id;
    }
  }
  let ignitionZone = -1;
  let zoneDistanceM = Infinity;
  ctx.zones.forEach((z, k) => {
    const node = nodes.get(ctx.csr.nodeIds[z.node] ?? '');
    if (node === undefined) return;
    const d = distanceM(node.lon, node.lat, doc.ignition.lon, doc.ignition.lat);
    if (d < zoneDistanceM) {
      zoneDistanceM = d;
      ignitionZone = k;
    }
  });
  return { id: doc.id ?? 'wildfire', landscape, ignitionCell, ignitionMin, blockMin, zoneCells, facilities, edges, ignitionZone, accessNode, accessDistanceM };
}
