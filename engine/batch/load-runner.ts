/** Loading a job module and building its chunk runner (once per worker per batch). */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import type { ChunkRunner, JobModule } from './types.js';
import { resolveModuleRef } from './modules.js';

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

export async function loadChunkRunner<P, R>(module: string, payload: P): Promise<ChunkRunner<R>> {
  const url = resolveModuleRef(module);
  const mod = (await importModule(url)) as Partial<JobModule<P, R>>;
  if (typeof mod.createChunkRunner !== 'function') {
    throw new Error(`job module ${url} does not export createChunkRunner(payload)`);
  }
  const runner = await mod.createChunkRunner(payload);
  if (typeof runner !== 'function') throw new Error(`createChunkRunner of ${url} did not return a function`);
  return runner;
}
