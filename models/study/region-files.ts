/**
 * A worker without the coordinator's loaded region (a Redis worker, or a job given none) loads it from the
 * payload's reference: a built-in region by name, or an inline one written once to a temporary directory.
 * Imported on demand by compile-study.ts, so pool workers never load the region loader.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { loadRegion, type LoadedRegion } from '../region/load.js';
import type { InlineRegion, RegionInput } from './compile-study.js';

/** Load the region a payload names (built-in name, directory path, or inline files). */
export function loadRegionInput(region: RegionInput): LoadedRegion {
  return loadRegion(typeof region === 'string' ? region : materialise(region));
}

/** Write an inline region once per content (directory named by its hash, created atomically) and return its directory. */
function materialise(region: InlineRegion): string {
  const names = Object.keys(region.inline.files).sort();
  const hash = createHash('sha256');
  for (const name of names) hash.update(name).update('\0').update(region.inline.files[name]!).update('\0');
  const dir = join(tmpdir(), `drillsim-region-${region.inline.id.replace(/[^a-z0-9_-]/gi, '_')}-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(dir, 'region.json'))) return dir;
  const staging = `${dir}.staging-${process.pid}-${threadId}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const name of names) writeFileSync(join(staging, name), region.inline.files[name]!);
  try {
    renameSync(staging, dir);
  } catch (err) {
    // Another thread or process wrote the same region first: theirs is identical.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(dir, 'region.json'))) throw err;
  }
  return dir;
}
