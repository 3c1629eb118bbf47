/**
 * A fixed-size piscina pool on one of this package's thread files (pool.ts runs batches on it, queue-worker.ts
 * runs BullMQ chunks on it).
 *
 * piscina reports two things as 'error' events on the pool, and an EventEmitter without an 'error' listener
 * throws them as uncaught exceptions, which would bring down a CLI run or the HTTP server:
 * - a result that arrives from a thread after destroy() dropped its task: the batch has already failed or
 *   stopped, and such results are discarded on purpose;
 * - a thread that died while it held no task: piscina replaces it, and no chunk is lost.
 * Neither changes an outcome, so they go to `onError` (a log line, or nothing).
 */
import { Piscina } from 'piscina';
import { threadFile, type ThreadFile } from './modules.js';

export function startThreads<T, R>(name: string | ThreadFile, threads: number, workerData: unknown, onError: (err: Error) => void = () => {}): Piscina<T, R> {
  const file = typeof name === 'string' ? threadFile(name) : name;
  const pool = new Piscina<T, R>({
    filename: file.filename,
    ...(file.execArgv.length > 0 ? { execArgv: file.execArgv } : {}),
    minThreads: threads,
    maxThreads: threads,
    // Threads live as long as the pool: one pool per batch, or per queue worker.
    idleTimeout: 2 ** 31 - 1,
    workerData,
  });
  pool.on('error', onError);
  return pool;
}
