/**
 * Benchmarks measure drillsim as users run it: compiled by tsc into dist/ (`npm ci` builds it through
 * `prepare`). Under tsx the sources pass through esbuild, whose name-keeping helper (a static block that
 * redefines each class's `name`) makes V8 build those classes' instances two to five times more slowly; that
 * helper would be measured instead of drillsim. Suites therefore import the code they measure from here
 * and take only types from the sources.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Import dist/<path> (a path like 'engine/index.js'); a clear error when the build is missing. */
export async function fromDist<T>(path: string): Promise<T> {
  const file = join(ROOT, 'dist', path);
  if (!existsSync(file)) throw new Error(`bench: ${file} is missing; run \`npm run build\` first`);
  return (await import(pathToFileURL(file).href)) as T;
}
