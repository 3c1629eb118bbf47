/**
 * Redis and BullMQ, loaded on first use: every `drillsim` command imports engine/batch, and bullmq alone
 * adds about 0.2 s to a start-up that only a distributed run or a worker needs.
 *
 * Every client made here has an 'error' listener from birth: ioredis prints "[ioredis] Unhandled error
 * event" with a stack for each failed reconnect of a client without one, and Redis going away is an
 * expected event in distributed mode (the coordinator and the workers detect it and act), not a crash.
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

/** A failure of Redis mode that the CLI reports as a plain message with exit 1 (never "internal error"). */
export class RedisModeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisModeError';
  }
}

/** Redis cannot be reached, or was lost for longer than the coordinator waits for it. */
export class RedisUnavailableError extends RedisModeError {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnavailableError';
  }
}

/** Reconnect delay: quick at first (a restart takes a second or two), then once a second. */
const reconnectDelay = (times: number): number => Math.min(100 * times, 1000);

/**
 * A Redis connection as BullMQ wants it (no per-request retry limit: its blocking reads wait), reconnecting
 * forever; `onError` hears each connection error (default: ignored, the owner watches the state instead).
 */
export async function redisConnection(url: string, onError: (err: Error) => void = () => {}): Promise<RedisClient> {
  const { Redis } = await loadIoredis();
  const client = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy: reconnectDelay });
  client.on('error', onError);
  return client;
}

/**
 * A control connection: reconnects forever, but a command sent while Redis is away fails at once instead
 * of queueing, so that a watchdog built on it sees the outage instead of hanging inside it.
 */
export async function controlConnection(url: string): Promise<RedisClient> {
  const { Redis } = await loadIoredis();
  // Before the first connection a few quick retries only: an unreachable Redis is an error to report.
  let connected = false;
  let lastError: Error | null = null;
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: (times) => (!connected && times > 3 ? null : reconnectDelay(times)),
  });
  client.on('error', (err: Error) => {
    lastError = err;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    client.disconnect();
    throw unreachable(url, lastError ?? err);
  }
  connected = true;
  return client;
}

function unreachable(url: string, err: unknown): RedisUnavailableError {
  return new RedisUnavailableError(`cannot reach Redis at ${url}: ${err instanceof Error ? err.message : String(err)}`);
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
    throw unreachable(url, err);
  }
  return client;
}
