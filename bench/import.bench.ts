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
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeSyntheticPbf } from '../tools/synthetic/osm-pbf.js';
import { ROOT } from './compiled.js';
import type { BenchResult } from './types.js';

interface Sample {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
}

function importOnce(file: string, out: string): Sample {
  const main = pathToFileURL(join(ROOT, 'dist', 'api', 'cli', 'main.js')).href;
  const args = ['region', 'import', file, '--out', out, '--force'];
  const script = `
    const { main } = await import(${JSON.stringify(main)});
    const code = await main(${JSON.stringify(['node', 'drillsim', ...args])});
    const r = process.resourceUsage();
    process.stderr.write('\\nSAMPLE ' + JSON.stringify({ code, wallMs: performance.now(), cpuMs: (r.userCPUTime + r.systemCPUTime) / 1000, maxRssMb: r.maxRSS / 1024 }) + '\\n');`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = r.stderr.split('\n').find((l) => l.startsWith('SAMPLE '));
  if (line === undefined) throw new Error(`import failed: ${r.stderr.slice(0, 2000)}`);
  const s = JSON.parse(line.slice(7)) as Sample & { code: number };
  if (s.code !== 0) throw new Error(`import exited ${s.code}: ${r.stderr.slice(0, 2000)}`);
  return s;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

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
    const samples: Sample[] = [];
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
