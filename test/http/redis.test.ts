/**
 * `serve --redis`: batches go to `drillsim worker` processes through BullMQ instead of local threads, and
 * the stored result equals `drillsim run --json` for the same seed (a private redis-server on a free port,
 * or REDIS_URL; one worker process from dist/, on a queue of its own).
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type DrillsimServer } from '../../api/http/server.js';
import { ensureBuilt, startRedis, startWorker, stopChild, type RedisHandle } from '../batch/helpers.js';
import { runCli } from '../cli/helpers.js';
import { call, MODEL_SCENARIO_FILE, seedTestvale, tempDataDir, waitForBatch } from './helpers.js';

let redis: RedisHandle | undefined;
let worker: ChildProcess | undefined;
let server: DrillsimServer | undefined;
let cleanup: (() => void) | undefined;
const queue = `drillsim-http-test-${process.pid}`;

beforeAll(async () => {
  await ensureBuilt();
  redis = await startRedis();
  worker = (await startWorker(redis.url, queue)).child;
  const data = tempDataDir();
  cleanup = data.cleanup;
  server = await createServer({ dataDir: data.dir, rateLimit: false, chunkSize: () => 10, redis: redis.url, queue });
});
afterAll(async () => {
  await server?.app.close();
  if (worker !== undefined) await stopChild(worker);
  await redis?.stop();
  cleanup?.();
});

describe('batches through Redis', () => {
  it('run on a `drillsim worker` process and store the scorecard of `drillsim run --json`', async () => {
    const app = server!.app;
    await seedTestvale(app);
    const a = await call(app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 17, replications: 40 });
    expect(a.status).toBe(202);
    const done = await waitForBatch(app, a.body.id, 60_000);
    expect(done).toMatchObject({ status: 'done', progress: { done: 40, chunksDone: 4 } });
    const cli = await runCli('run', MODEL_SCENARIO_FILE, '--seed', '17', '--replications', '40', '--json', '--workers', '1');
    expect(cli.code, cli.stderr).toBe(0);
    expect(done.results).toEqual(JSON.parse(cli.stdout));
  });
});
