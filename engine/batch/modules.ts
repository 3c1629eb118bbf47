/**
 * Where the code a worker runs lives. Worker threads load compiled JavaScript from dist/ (piscina cannot
 * start a .ts task file without a loader); under vitest or tsx this package runs from its .ts sources, and
 * the threads are then started with `--import tsx`. Which case applies is read from this module's own URL.
 *
 * Job modules inside this package are named by a package-relative reference (`pkg:models/study/score-job`)
 * when they cross machines (BullMQ): a worker on another machine, or running from dist/ while the
 * coordinator runs from source, resolves the reference against its own installation.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = import.meta.url;

/** True when this package runs from its TypeScript sources (vitest, tsx), false from dist/. */
export const RUNNING_FROM_SOURCE = HERE.endsWith('.ts');

/** The package root: the nearest directory above this module holding package.json. */
export const PACKAGE_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(HERE));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error(`engine/batch: no package.json above ${fileURLToPath(HERE)}`);
})();

export interface ThreadFile {
  /** Absolute path of the task file. */
  filename: string;
  /** Node flags for the worker threads (a TypeScript loader when running from source). */
  execArgv: string[];
}

/** The task file `engine/batch/<name>` in the form this process can start threads on. */
export function threadFile(name: string): ThreadFile {
  return threadFileNear(HERE, name);
}

/**
 * The task file `<name>` beside the module at `base` (its import.meta.url): the .ts source with a
 * TypeScript loader when this package runs from source, else the compiled .js. For thread files outside
 * engine/batch (the HTTP server's merge thread).
 */
export function threadFileNear(base: string, name: string): ThreadFile {
  if (RUNNING_FROM_SOURCE) {
    return { filename: fileURLToPath(new URL(`./${name}.ts`, base)), execArgv: ['--import', 'tsx'] };
  }
  return { filename: fileURLToPath(new URL(`./${name}.js`, base)), execArgv: [] };
}

const PKG_PREFIX = 'pkg:';

/**
 * A machine-independent reference to a job module: `pkg:<path without extension>` for modules of this
 * package (source or dist), the absolute file URL otherwise.
 */
export function toModuleRef(module: string): string {
  if (module.startsWith(PKG_PREFIX)) return module;
  const file = module.startsWith('file:') ? fileURLToPath(module) : module;
  if (!isAbsolute(file)) return module;
  let rel = relative(PACKAGE_ROOT, file);
  if (rel.startsWith('..') || isAbsolute(rel)) return pathToFileURL(file).href;
  rel = rel.split(sep).join('/');
  if (rel.startsWith('dist/')) rel = rel.slice('dist/'.length);
  return PKG_PREFIX + rel.replace(/\.(ts|js|mts|mjs)$/, '');
}

/** The importable URL of a module reference, for this installation. */
export function resolveModuleRef(ref: string): string {
  if (ref.startsWith(PKG_PREFIX)) {
    const id = ref.slice(PKG_PREFIX.length);
    if (id.includes('..')) throw new Error(`job module reference '${ref}' leaves the package`);
    const file = RUNNING_FROM_SOURCE ? join(PACKAGE_ROOT, `${id}.ts`) : join(PACKAGE_ROOT, 'dist', `${id}.js`);
    return pathToFileURL(file).href;
  }
  if (ref.startsWith('file:')) return ref;
  if (isAbsolute(ref)) return pathToFileURL(ref).href;
  throw new Error(`job module '${ref}' is neither a file URL, an absolute path nor a pkg: reference`);
}
