/**
 * Redis and BullMQ, loaded on first use: every `drillsim` command imports engine/batch, and bullmq alone
 * adds about 0.2 s to a start-up that only a distributed run or a worker needs.
 */
import type * as Bullmq from 'bullmq';
import type * as Ioredis from 'ioredis';

export type RedisClient = Ioredis.Redis;

let ioredis: Promise<typeof Ioredis> | null = null;
let bullmq: Promise<typeof Bullmq> | null = null;

export function loadIoredis(): Promise<typeof Ioredis> {
  ioredis ??= import('ioredis');
  return ioredis;
}

export function loadBullmq(): Promise<typeof Bullmq> {
  bullmq ??= import('bullmq');
  return bullmq;
}

export class RedisUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnavailableError';
  }
}

/** A Redis connection as BullMQ wants it (no per-request retry limit: its blocking reads wait). */
export async function redisConnection(url: string): Promise<RedisClient> {
  const { Redis } = await loadIoredis();
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/** Connect once with a short retry budget: a clear error if Redis is not there, instead of endless retries. */
export async function connectOrFail(url: string): Promise<RedisClient> {
  const { Redis } = await loadIoredis();
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: (times) => (times > 3 ? null : 200) });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    client.disconnect();
    throw new RedisUnavailableError(`cannot reach Redis at ${url}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return client;
}
