/**
 * Shared by CLI commands: resolve a <region> argument (a region directory, a network JSON file, or the
 * name of a built-in region under scenarios/regions/) and load it with located errors.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../engine/errors.js';
import { loadRegionNetworkFile, type LoadedNetwork } from '../../engine/network/load.js';
import { builtinRegionsDir } from './paths.js';

export const NETWORK_FILE = 'network.json';

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Names of the built-in regions (directories under scenarios/regions/ with a network.json). */
export function builtinRegions(): string[] {
  const dir = builtinRegionsDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => isFile(join(dir, name, NETWORK_FILE)))
    .sort();
}

/** The network.json a <region> argument designates; InputError saying what was tried if none. */
export function resolveRegionNetwork(arg: string): string {
  const local = resolve(arg);
  if (isFile(local)) return local;
  if (isDir(local)) {
    const file = join(local, NETWORK_FILE);
    if (isFile(file)) return file;
    throw new InputError([{ path: '', file: local, message: `the directory has no ${NETWORK_FILE}` }]);
  }
  if (/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(arg)) {
    const builtin = join(builtinRegionsDir(), arg, NETWORK_FILE);
    if (isFile(builtin)) return builtin;
  }
  const known = builtinRegions();
  throw new InputError([
    {
      path: '',
      message: `no region '${arg}': not a file, not a directory with ${NETWORK_FILE}, and not a built-in region (built-in: ${known.length > 0 ? known.join(', ') : 'none'})`,
    },
  ]);
}

export function loadRegion(arg: string): LoadedNetwork & { file: string } {
  const file = resolveRegionNetwork(arg);
  return { ...loadRegionNetworkFile(file), file };
}
