/**
 * Write the built-in Leshan region (scenarios/regions/leshan/) with build.ts, or check that the committed
 * files are up to date.
 *
 *   npx tsx tools/leshan/generate.ts                 # write the files
 *   npx tsx tools/leshan/generate.ts --check         # exit 1 if the committed files differ
 *   npx tsx tools/leshan/generate.ts --reference <leshan-network.json> --out <dir>
 *
 * The reference network defaults to the copy kept in the repository, tools/leshan/sources/leshan-network.json
 * (its provenance: tools/leshan/sources/README.md), so a clean clone regenerates the region on its own.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRegion } from '../../models/region/load.js';
import { buildLeshanRegion, type RefNetwork, type TownshipListEntry } from './build.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const refPath = resolve(arg('--reference') ?? join(HERE, 'sources', 'leshan-network.json'));
const outDir = resolve(arg('--out') ?? join(REPO, 'scenarios', 'regions', 'leshan'));
if (!existsSync(refPath)) {
  process.stderr.write(`generate: reference network not found at ${refPath} (use --reference)\n`);
  process.exit(2);
}
const ref = JSON.parse(readFileSync(refPath, 'utf8')) as RefNetwork;
const list = JSON.parse(readFileSync(join(HERE, 'townships-5111.json'), 'utf8')) as { townships: TownshipListEntry[] };
const { files, summary } = buildLeshanRegion(ref, list);

if (process.argv.includes('--check')) {
  const stale = Object.entries(files).filter(([f, text]) => !existsSync(join(outDir, f)) || readFileSync(join(outDir, f), 'utf8') !== text);
  if (stale.length > 0) {
    process.stderr.write(`out of date: ${stale.map(([f]) => f).join(', ')} (run npx tsx tools/leshan/generate.ts)\n`);
    process.exit(1);
  }
  process.stdout.write(`${outDir} is up to date\n`);
} else {
  mkdirSync(outDir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(outDir, f), text);
  // Self-check through the project's own loader (schemas, references, connectivity).
  const region = loadRegion(outDir);
  process.stdout.write(`${JSON.stringify({ ...summary, warnings: region.warnings.length })}\n`);
}
