/**
 * `npm run bench [-- [--json] [suite ...]]`: runs the tinybench suites and side-by-side peer comparisons.
 * Figures are for reading and tracking, never asserted: speed on a shared 2-core machine is not a test.
 */
import type { BenchResult, BenchSuite } from './types.js';

const suites: Record<string, () => Promise<{ run: BenchSuite }>> = {
  random: () => import('./random.bench.js'),
  stats: () => import('./stats.bench.js'),
  kernel: () => import('./kernel.bench.js'),
  network: () => import('./network.bench.js'),
  flood: () => import('./flood.bench.js'),
  'flood-run': () => import('./flood-run.bench.js'),
  wildfire: () => import('./wildfire.bench.js'),
  'quake-run': () => import('./quake-run.bench.js'),
  hazchem: () => import('./hazchem.bench.js'),
  batch: () => import('./batch.bench.js'),
  cli: () => import('./cli.bench.js'),
  http: () => import('./http.bench.js'),
  web: () => import('./web.bench.js'),
  'region-load': () => import('./region-load.bench.js'),
  import: () => import('./import.bench.js'),
  'region-load-share': () => import('./region-load-share.bench.js'),
  'region-flood': () => import('./region-flood.bench.js'),
};

function format(r: BenchResult): string {
  const value = r.value >= 100 ? r.value.toFixed(0) : r.value.toPrecision(3);
  let line = `${r.name.padEnd(48)} ${value.padStart(12)} ${r.unit}`;
  if (r.peer !== undefined && r.peerValue !== undefined) {
    const peerValue = r.peerValue >= 100 ? r.peerValue.toFixed(0) : r.peerValue.toPrecision(3);
    line += `   ${r.peer}: ${peerValue}`;
  }
  if (r.ratio !== undefined) line += `   ratio ${r.ratio.toFixed(1)}x`;
  return line;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const wanted = args.filter((a) => !a.startsWith('--'));
  const unknown = wanted.filter((w) => !(w in suites));
  if (unknown.length > 0) {
    process.stderr.write(`unknown bench suite(s): ${unknown.join(', ')}; available: ${Object.keys(suites).join(', ')}\n`);
    process.exit(2);
  }
  for (const name of wanted.length > 0 ? wanted : Object.keys(suites)) {
    const load = suites[name]!;
    if (!json) process.stdout.write(`\n# ${name}\n`);
    const { run } = await load();
    for (const result of await run()) {
      process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${format(result)}\n`);
    }
  }
}

await main();
