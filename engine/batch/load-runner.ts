/** Loading a job module and building its chunk runner (once per worker per batch). */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import type { ChunkRunner, JobModule } from './types.js';
import { resolveModuleRef, RUNNING_FROM_SOURCE } from './modules.js';

async function importModule(url: string): Promise<unknown> {
  if (!isMainThread && /\.[cm]?ts$/.test(url)) {
    // Running from source: worker threads started with `--import tsx` on Node 20 get tsx's require hook
    // but not its ESM hooks (module.register does not reach worker threads there), so a TypeScript job
    // module is loaded through require; tsx compiles it and its imports on the fly.
    return createRequire(import.meta.url)(fileURLToPath(url));
  }
  // The main thread imports normally (vitest and tsx both handle a .ts URL there).
  return import(url);
}

/**
 * Import the module `<name>` beside the module at `base` (its import.meta.url) on demand: the .ts source
 * when this package runs from source, else the compiled .js, loaded as a job module is (through tsx's
 * require hook on a worker thread running from source, where a plain dynamic import of a sibling would
 * not find the .ts file).
 */
export function importNear(base: string, name: string): Promise<unknown> {
  return importModule(new URL(`./${name}.${RUNNING_FROM_SOURCE ? 'ts' : 'js'}`, base).href);
}

/** A job module, imported and checked (a worker thread does this as it starts, before it has a payload). */
export interface LoadedJobModule<P, R> {
  url: string;
  module: JobModule<P, R>;
}

export async function importJobModule<P, R>(module: string): Promise<LoadedJobModule<P, R>> {
  const url = resolveModuleRef(module);
  const mod = (await importModule(url)) as Partial<JobModule<P, R>>;
  if (typeof mod.createChunkRunner !== 'function') {
    throw new Error(`job module ${url} does not export createChunkRunner(payload)`);
  }
  return { url, module: mod as JobModule<P, R> };
}

/** Build the chunk runner of an imported job module from the batch's payload (and local data, if any). */
export async function buildChunkRunner<P, R>(loaded: LoadedJobModule<P, R>, payload: P, local?: unknown): Promise<ChunkRunner<R>> {
  const runner = await loaded.module.createChunkRunner(payload, local);
  if (typeof runner !== 'function') throw new Error(`createChunkRunner of ${loaded.url} did not return a function`);
  return runner;
}

export async function loadChunkRunner<P, R>(module: string, payload: P, local?: unknown): Promise<ChunkRunner<R>> {
  return buildChunkRunner(await importJobModule<P, R>(module), payload, local);
}
