/**
 * The study jobs on the distributed path: a private redis-server, a queue worker (engine/batch, running
 * the job modules from source on its threads) and `drillsim compare|sweep --redis`. The printed JSON is
 * the same bytes as a run in this thread: the paired and points jobs follow the batch contract (payload
 * once per worker, JSON chunk results, chunk order).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE, startQueueWorker, type QueueWorkerHandle } from '../../engine/batch/index.js';
import { startRedis, type RedisHandle } from '../batch/helpers.js';
import { BASIC_PLAN, LATE_PLAN, runCli, TESTVALE } from './helpers.js';

let redis: RedisHandle;
let worker: QueueWorkerHandle;

beforeAll(async () => {
  redis = await startRedis();
  // The CLI's --redis uses the default queue; any worker on it runs any job module by reference.
  worker = await startQueueWorker({ redis: redis.url, queue: DEFAULT_QUEUE, concurrency: 2 });
});

afterAll(async () => {
  await worker?.close(true);
  await redis?.stop();
});

async function viaRedis(...args: string[]): Promise<string> {
  const r = await runCli(...args, '--redis', redis.url, '--json');
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('study commands through Redis', () => {
  it('compare: the same JSON as in this thread', async () => {
    const args = ['compare', TESTVALE, '--plan', BASIC_PLAN, '--plan', LATE_PLAN, '--replications', '24', '--seed', 'redis'];
    const local = await runCli(...args, '--workers', '1', '--json');
    expect(local.code).toBe(0);
    expect(await viaRedis(...args)).toBe(local.stdout);
  });

  it('sweep: the same JSON as in this thread', async () => {
    const args = ['sweep', TESTVALE, '--param', 'evacuation.compliance=0.6,0.95', '--param', 'dispatch.turnoutMin=5,30', '--replications', '6', '--seed', '3'];
    const local = await runCli(...args, '--workers', '1', '--json');
    expect(local.code).toBe(0);
    expect(await viaRedis(...args)).toBe(local.stdout);
  });
});
