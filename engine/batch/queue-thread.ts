/**
 * The piscina task file of `drillsim worker` (compiled to dist/engine/batch/queue-thread.js): runs one
 * chunk of a distributed batch. A thread fetches a batch's payload from Redis once and keeps its chunk
 * runner (a few recent batches), so the scenario is compiled once per thread per batch; every chunk first
 * checks that the payload still exists - a batch that stopped or was cancelled leaves its queued chunks
 * to be skipped, not run.
 */
import { Redis } from 'ioredis';
import { workerData } from 'piscina';
import { loadChunkRunner } from './load-runner.js';
import { payloadKey, type ChunkJobData } from './queue-names.js';
import { maybeCrashForTest } from './test-hooks.js';
import type { ChunkRunner } from './types.js';

export interface QueueThreadData {
  redis: string;
  queue: string;
}

/** Chunk runners of the most recent batches, oldest first. */
const MAX_CACHED_BATCHES = 4;
const runners = new Map<string, Promise<ChunkRunner<unknown>>>();
let client: Redis | null = null;

function redis(): Redis {
  if (client === null) {
    client = new Redis((workerData as QueueThreadData).redis, { maxRetriesPerRequest: 5 });
    // Without a listener ioredis prints a stack per failed reconnect while Redis is away; the chunk's
    // own commands fail (and BullMQ retries the chunk), which is all that needs saying.
    client.on('error', () => {});
  }
  return client;
}

async function buildRunner(data: ChunkJobData, key: string): Promise<ChunkRunner<unknown>> {
  const text = await redis().get(key);
  if (text === null) throw new Error(`batch ${data.batch}: no payload in Redis (finished, cancelled or expired)`);
  return loadChunkRunner(data.module, JSON.parse(text) as unknown);
}

/** Returns the chunk result, or null when the batch is gone (the coordinator no longer waits for it). */
export default async function runQueuedChunk(data: ChunkJobData): Promise<unknown> {
  const key = payloadKey((workerData as QueueThreadData).queue, data.batch);
  if ((await redis().exists(key)) === 0) return null;
  let runner = runners.get(data.batch);
  if (runner === undefined) {
    runner = buildRunner(data, key);
    // A runner that failed to build must not stay cached: the next chunk tries again.
    runner.catch(() => runners.delete(data.batch));
    runners.set(data.batch, runner);
    while (runners.size > MAX_CACHED_BATCHES) runners.delete(runners.keys().next().value!);
  }
  const run = await runner;
  maybeCrashForTest(data.chunk);
  // A test hook: slow chunks, so that a test can stop Redis or a worker while chunks run.
  const delay = Number(process.env['DRILLSIM_TEST_CHUNK_DELAY_MS'] ?? 0);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  return run({ chunk: data.chunk, start: data.start, count: data.count });
}
