/**
 * Loading a large region for routing (issue 17): `drillsim route <region> <lat,lon> <lat,lon>` in a fresh
 * process on a synthetic grid region (tools/synthetic/grid-network.ts; 600 x 600 = 360k junctions, ~1.06M
 * edges, a 162 MiB network.json), as a user runs it:
 * - cold: the network.json is parsed and validated (JSON.parse, compiled schema check, CSR build) and the
 *   routing snapshot written beside it (the snapshot is deleted before each of these runs);
 * - snapshot: the next runs, which hash the file and read the snapshot instead;
 * - import: `drillsim region import grid.osm` of the same roads as OpenStreetMap XML, once (`importRuns`).
 * The two kinds alternate, `runs` times each, so machine load hits both alike; rows give medians of wall
 * time from process start, CPU time (user + system) and peak RSS. The region is generated once into a
 * temporary directory and removed afterwards. Nothing is asserted.
 */
import { existsSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticNetwork, writeSyntheticOsm } from '../tools/synthetic/grid-network.js';
import { cliSample, type CliSample } from './cli-sample.js';
import type { BenchResult } from './types.js';
import { median } from './median.js';

export interface RegionLoadOptions {
  rows?: number;
  cols?: number;
  runs?: number;
  /** Imports of the grid as OSM XML (0 to skip; each takes minutes on a loaded machine). */
  importRuns?: number;
}


function routeOnce(dir: string, from: string, to: string): CliSample {
  return cliSample(['route', dir, from, to, '--json']);
}

export async function run(options: RegionLoadOptions = {}): Promise<BenchResult[]> {
  const rows = options.rows ?? 600;
  const cols = options.cols ?? 600;
  const runs = options.runs ?? 3;
  const label = `${Math.round((rows * cols) / 1000)}k`;
  const dir = mkdtempSync(join(tmpdir(), 'drillsim-bench-region-'));
  try {
    const file = writeSyntheticNetwork(rows, cols, dir);
    // Opposite corners of the grid (29 N 103 E, 0.005 degrees a step), as coordinates to snap.
    const from = '29.0,103.0';
    const to = `${(29 + (rows - 1) * 0.005).toFixed(4)},${(103 + (cols - 1) * 0.005).toFixed(4)}`;
    const cold: CliSample[] = [];
    const warm: CliSample[] = [];
    for (let i = 0; i < runs; i++) {
      if (existsSync(`${file}.snapshot`)) unlinkSync(`${file}.snapshot`);
      cold.push(routeOnce(dir, from, to));
      warm.push(routeOnce(dir, from, to));
    }
    const rowsOut: BenchResult[] = [];
    for (const [what, samples] of [
      ['from JSON (and snapshot written)', cold],
      ['from the snapshot', warm],
    ] as const) {
      rowsOut.push({ name: `route ${label} junctions, ${what}: wall`, value: median(samples.map((s) => s.wallMs)), unit: 'ms' });
      rowsOut.push({ name: `route ${label} junctions, ${what}: CPU`, value: median(samples.map((s) => s.cpuMs)), unit: 'ms' });
      rowsOut.push({ name: `route ${label} junctions, ${what}: peak RSS`, value: median(samples.map((s) => s.maxRssMb)), unit: 'MB' });
    }
    const ratio = median(cold.map((s) => s.wallMs)) / median(warm.map((s) => s.wallMs));
    rowsOut.push({ name: `route ${label}: snapshot speed-up (wall)`, value: ratio, unit: 'x' });
    const importRuns = options.importRuns ?? 1;
    if (importRuns > 0) {
      const osm = join(dir, 'grid.osm');
      writeSyntheticOsm(rows, cols, osm);
      const imports: CliSample[] = [];
      for (let i = 0; i < importRuns; i++) imports.push(cliSample(['region', 'import', osm, '--out', join(dir, 'imported'), '--force']));
      rowsOut.push({ name: `import ${label} junctions (OSM XML): wall`, value: median(imports.map((s) => s.wallMs)), unit: 'ms' });
      rowsOut.push({ name: `import ${label} junctions (OSM XML): CPU`, value: median(imports.map((s) => s.cpuMs)), unit: 'ms' });
      rowsOut.push({ name: `import ${label} junctions (OSM XML): peak RSS`, value: median(imports.map((s) => s.maxRssMb)), unit: 'MB' });
    }
    return rowsOut;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
