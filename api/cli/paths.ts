import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The directory holding drillsim's package.json. The CLI runs from api/cli/ in development (tsx) and from
 * dist/api/cli/ after the build, so the root is found by walking up from this module to the package.json
 * named "drillsim" rather than by a fixed number of '..'.
 */
export function packageRoot(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'drillsim') return (cached = dir);
      } catch {
        // An unreadable package.json on the way up is not ours; keep walking.
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the drillsim package root above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** Built-in regions: scenarios/regions/<name>/ of the package. */
export function builtinRegionsDir(): string {
  return join(packageRoot(), 'scenarios', 'regions');
}
