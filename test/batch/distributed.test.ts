/**
 * The distributed path with real processes: a private redis-server, two `drillsim worker` processes
 * (compiled CLI), and `drillsim run --redis`. The scorecard is the same bytes as a local run on the same
 * seed; the payload is stored once (jobs carry only ranges) and removed when the batch ends; a worker
 * process killed in mid-chunk has its chunk retried by the other, and the result is still identical.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE } from '../../engine/batch/index.js';
import { chunkCount, chunkRanges } from '../../engine/batch/chunks.js';
import { runCli } from '../cli/helpers.js';
import { TINY, ensureBuilt, freePort, runDist, startRedis, startWorker, stopChild, type RedisHandle, type WorkerProcess } from './helpers.js';

let redis: RedisHandle;
let tmp: string;
let workers: WorkerProcess[] = [];
let local: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'drillsim-batch-redis-'));
  await ensureBuilt();
  redis = await startRedis();
  const r = await runDist(['run', TINY, '--replications', '310', '--seed', 'dist', '--json', '--workers', '1']);
  expect(r.code, r.stderr).toBe(0);
  local = r.stdout;
});

afterEach(async () => {
  const alive = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
  const forced = await Promise.all(alive.map((w) => stopChild(w.child)));
  workers = [];
  // A worker stops by itself on SIGTERM (running chunks finish, connections close): no kill needed.
  expect(forced).toEqual(alive.map(() => false));
  for (const w of alive) expect(w.output()).toMatch(/drillsim worker: stopped after \d+ chunk/);
});

afterAll(async () => {
  await redis?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const chunksDone = (w: WorkerProcess): number => (w.output().match(/chunk \d+ of batch \S+ done/g) ?? []).length;

describe('drillsim run --redis with two drillsim worker processes', () => {
  it('prints the same --json bytes as a local run; jobs carry ranges only and the payload is removed', async () => {
    workers = await Promise.all([startWorker(redis.url, DEFAULT_QUEUE), startWorker(redis.url, DEFAULT_QUEUE)]);
    // The coordinator runs from source here (workers from dist): module references must cross that gap.
    const r = await runCli('run', TINY, '--replications', '310', '--seed', 'dist', '--json', '--redis', redis.url);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(local);
    // The run's tapered chunks of 25 (the first and last block cut smaller), shared by both workers (their log
    // lines may trail the result a little).
    const chunks = chunkCount(310, 25, true);
    expect(chunks).toBeGreaterThan(13);
    const total = () => chunksDone(workers[0]!) + chunksDone(workers[1]!);
    for (let waited = 0; total() < chunks && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(total()).toBeGreaterThanOrEqual(chunks);
    expect(chunksDone(workers[0]!)).toBeGreaterThan(0);
    expect(chunksDone(workers[1]!)).toBeGreaterThan(0);

    const client = new Redis(redis.url);
    try {
      expect(await client.keys('drillsim:*')).toEqual([]);
      const jobKey = new RegExp(`^bull:${DEFAULT_QUEUE}:[0-9a-f-]{36}-c\\d+$`);
      const jobKeys = (await client.keys(`bull:${DEFAULT_QUEUE}:*`)).filter((k) => jobKey.test(k));
      expect(jobKeys.length).toBe(chunks);
      for (const key of jobKeys) {
        const data = JSON.parse((await client.hget(key, 'data'))!) as Record<string, unknown>;
        expect(Object.keys(data).sort()).toEqual(['batch', 'chunk', 'count', 'module', 'start']);
        expect(data['module']).toBe('pkg:models/study/score-job');
      }
    } finally {
      client.disconnect();
    }
  });

  it('Ctrl-C on the coordinator: partial result, payload removed, queued chunks dropped', async () => {
    workers = await Promise.all([startWorker(redis.url, DEFAULT_QUEUE), startWorker(redis.url, DEFAULT_QUEUE)]);
    let sent = false;
    const r = await runDist(['run', TINY, '--replications', '1000000', '--seed', 'dist', '--json', '--progress', '--redis', redis.url], {}, (stderr, child) => {
      if (!sent && /progress: \d+\/1000000/.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(r.code, r.stderr).toBe(130);
    const card = JSON.parse(r.stdout) as { partial?: boolean; replications: number };
    expect(card.partial).toBe(true);
    // A partial result is a whole number of chunks from the start: it ends where a chunk ends.
    expect(card.replications).toBeGreaterThan(0);
    let endsAChunk = false;
    for (const c of chunkRanges(0, 1_000_000, 25, true)) {
      if (c.start >= card.replications) break;
      if (c.start + c.count === card.replications) endsAChunk = true;
    }
    expect(endsAChunk).toBe(true);
    const client = new Redis(redis.url);
    try {
      expect(await client.keys('drillsim:*')).toEqual([]);
      expect(await client.llen(`bull:${DEFAULT_QUEUE}:wait`)).toBe(0);
    } finally {
      client.disconnect();
    }
  });

  it('worker: bad options exit 2, an unreachable Redis exits 1 with a message', async () => {
    const bad = await runDist(['worker', '--redis', redis.url, '--concurrency', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--concurrency must be a whole number from 1/);
    const port = await freePort();
    const away = await runDist(['worker', '--redis', `redis://127.0.0.1:${port}`]);
    expect(away.code).toBe(1);
    expect(away.stderr).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+/);
  });

  it('retries the chunk of a worker process killed mid-chunk; the result is unchanged', async () => {
    const marker = join(tmp, 'crash-marker');
    const env = { DRILLSIM_TEST_CRASH_CHUNK: '3', DRILLSIM_TEST_CRASH_MARKER: marker, DRILLSIM_TEST_CRASH_MODE: 'process' };
    workers = await Promise.all([startWorker(redis.url, DEFAULT_QUEUE, env), startWorker(redis.url, DEFAULT_QUEUE, env)]);
    const r = await runDist(['run', TINY, '--replications', '310', '--seed', 'dist', '--json', '--redis', redis.url]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
    const killed = workers.filter((w) => w.child.signalCode === 'SIGKILL');
    expect(killed.length).toBe(1);
    expect(r.stdout).toBe(local);
  });
});
