/**
 * Importing a large OpenStreetMap PBF (issue 17: a 1-million-junction PBF in under a minute within 2 GB):
 * `drillsim region import grid.osm.pbf` in a fresh process on a synthetic street lattice written by
 * tools/synthetic/osm-pbf.ts (1000 x 1000 junctions by default, one shape node per street segment, streets
 * as ways of 12 junctions, diagonals in half the cells: 3.0M nodes, 0.68M ways, 2.5M edges, 16 MiB). Each
 * run imports, validates and writes network.json, as a user's import does. Rows: median wall time, CPU
 * time (user + system; the figure to read on a loaded machine) and peak RSS of `runs` imports, and the
 * 1-minute load average when the runs started. The file is generated once into a temporary directory
 * and removed afterwards. Nothing is asserted. `DRILLSIM_IMPORT_ROWS` / `_COLS` change the size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticPbf } from '../tools/synthetic/osm-pbf.js';
import { cliSample, type CliSample } from './cli-sample.js';
import type { BenchResult } from './types.js';
import { median } from './median.js';

function importOnce(file: string, out: string): CliSample {
  return cliSample(['region', 'import', file, '--out', out, '--force']);
}

export async function run(options: { rows?: number; cols?: number; runs?: number } = {}): Promise<BenchResult[]> {
  const rows = options.rows ?? Number(process.env['DRILLSIM_IMPORT_ROWS'] ?? 1000);
  const cols = options.cols ?? Number(process.env['DRILLSIM_IMPORT_COLS'] ?? 1000);
  const runs = options.runs ?? 1;
  const dir = mkdtempSync(join(tmpdir(), 'drillsim-bench-import-'));
  try {
    const file = join(dir, 'grid.osm.pbf');
    const stats = writeSyntheticPbf(rows, cols, file);
    const label = `${Math.round(stats.junctions / 1000)}k junctions (${Math.round(stats.nodes / 1000)}k nodes, PBF)`;
    const load = loadavg()[0]!;
    const samples: CliSample[] = [];
    for (let i = 0; i < runs; i++) samples.push(importOnce(file, join(dir, 'region')));
    return [
      { name: `import ${label}: wall`, value: median(samples.map((s) => s.wallMs)), unit: 'ms' },
      { name: `import ${label}: CPU`, value: median(samples.map((s) => s.cpuMs)), unit: 'ms' },
      { name: `import ${label}: peak RSS`, value: median(samples.map((s) => s.maxRssMb)), unit: 'MB' },
      { name: 'load average (1 min) at start', value: load, unit: '' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
