/**
 * Redis mode never hangs (issue 19, rows 5-7), with real processes: a private redis-server this file
 * starts (and kills, and restarts empty on the same port), `drillsim worker` processes and the compiled CLI.
 * - row 5: a worker exits within 10 s of SIGTERM with Redis down, and a chunk it abandons mid-run is
 *   retried by another worker (the result is unchanged);
 * - row 6: Redis restarted empty mid-batch: the coordinator re-submits what it has not merged and ends with
 *   the local result, within a bounded time, with no ioredis "Unhandled error event" anywhere;
 * - row 7: `run --redis` with no worker says so on stderr after 10 s and exits 1 after --wait-workers; an
 *   unreachable Redis is a plain error (exit 1), not "internal error". `compare`, `sweep` and `screen`
 *   share that code (api/cli/redis-mode.ts) and behave the same.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE } from '../../engine/batch/index.js';
import { runCli } from '../cli/helpers.js';
import { startRedisServer, stopAllRedisServers, type RedisServer } from '../support/redis-server.js';
import { TINY, ensureBuilt, freePort, runDist, startWorker, stopChild, type WorkerProcess } from './helpers.js';
import { BASIC_PLAN, LATE_PLAN, TESTVALE, TESTVALE_SCREEN } from '../study/helpers.js';

const SLOW = { DRILLSIM_TEST_CHUNK_DELAY_MS: '250' };
let redis: RedisServer;
let workers: WorkerProcess[] = [];
let local: string;

const exited = (child: ChildProcess): Promise<{ code: number | null; ms: number }> => {
  const t0 = performance.now();
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, ms: performance.now() - t0 })));
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  await ensureBuilt();
  const r = await runDist(['run', TINY, '--replications', '600', '--seed', 'faults', '--json', '--workers', '1']);
  expect(r.code, r.stderr).toBe(0);
  local = r.stdout;
}, 120_000);

afterEach(async () => {
  await Promise.all(workers.map((w) => stopChild(w.child, 2000)));
  workers = [];
  await stopAllRedisServers();
});

afterAll(stopAllRedisServers);

describe('Redis mode never hangs', () => {
  it('row 5: drillsim worker exits within 10 s of SIGTERM with Redis down', async () => {
    redis = await startRedisServer();
    const w = await startWorker(redis.url, DEFAULT_QUEUE);
    workers = [w];
    await redis.kill();
    await sleep(1000);
    const done = exited(w.child);
    w.child.kill('SIGTERM');
    const { code, ms } = await done;
    expect(ms).toBeLessThan(10_000);
    expect(code).toBe(0);
    expect(w.output()).toMatch(/Redis unreachable/);
    expect(w.output()).toMatch(/stopped after 0 chunk/);
    expect(w.output()).not.toMatch(/Unhandled error event/);
  }, 30_000);

  it('row 5: a chunk abandoned by a worker stopped mid-chunk is retried by another; the result is unchanged', async () => {
    redis = await startRedisServer();
    // The first worker's chunks take 60 s: whatever it holds at SIGTERM is abandoned after the grace.
    const stuck = await startWorker(redis.url, DEFAULT_QUEUE, { DRILLSIM_TEST_CHUNK_DELAY_MS: '60000' });
    workers = [stuck];
    let stopped: Promise<{ code: number | null; ms: number }> | null = null;
    const run = runDist(['run', TINY, '--replications', '600', '--seed', 'faults', '--json', '--redis', redis.url]);
    // Once it holds a chunk (the coordinator is waiting on it), the second worker starts and the first is stopped.
    for (let i = 0; i < 100 && stopped === null; i += 1) {
      await sleep(100);
      const client = await import('ioredis').then(({ Redis }) => new Redis(redis.url));
      const active = await client.llen(`bull:${DEFAULT_QUEUE}:active`);
      client.disconnect();
      if (active > 0) {
        workers.push(await startWorker(redis.url, DEFAULT_QUEUE));
        stopped = exited(stuck.child);
        stuck.child.kill('SIGTERM');
      }
    }
    expect(stopped).not.toBeNull();
    const { code, ms } = await stopped!;
    expect(ms).toBeLessThan(10_000);
    expect(code).toBe(0);
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(local);
  }, 30_000);

  it('row 6: Redis restarted empty mid-batch: chunks not merged are re-submitted, the result is unchanged', async () => {
    redis = await startRedisServer();
    workers = await Promise.all([startWorker(redis.url, DEFAULT_QUEUE, SLOW), startWorker(redis.url, DEFAULT_QUEUE, SLOW)]);
    let restarted: Promise<number> | null = null;
    const r = await runDist(['run', TINY, '--replications', '600', '--seed', 'faults', '--json', '--progress', '--redis', redis.url], {}, (stderr) => {
      if (restarted === null && /progress: \d+\/600/.test(stderr)) {
        restarted = (async () => {
          await redis.kill();
          await sleep(1500);
          await redis.restart();
          return performance.now();
        })();
      }
    });
    const end = performance.now();
    expect(restarted).not.toBeNull();
    // Bounded: the watchdog sees the loss within a second or two of Redis coming back.
    expect(end - (await restarted!)).toBeLessThan(15_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(local);
    expect(r.stderr).toMatch(/Redis lost this batch's state \(restarted empty or flushed\): re-submitting the \d+ chunk/);
    for (const text of [r.stderr, ...workers.map((w) => w.output())]) expect(text).not.toMatch(/Unhandled error event|\n\s+at /);
  }, 30_000);

  it('row 6: Redis flushed mid-batch: the same', async () => {
    redis = await startRedisServer();
    workers = await Promise.all([startWorker(redis.url, DEFAULT_QUEUE, SLOW), startWorker(redis.url, DEFAULT_QUEUE, SLOW)]);
    let flushed: Promise<number> | null = null;
    const r = await runDist(['run', TINY, '--replications', '600', '--seed', 'faults', '--json', '--progress', '--redis', redis.url], {}, (stderr) => {
      if (flushed === null && /progress: \d+\/600/.test(stderr)) {
        flushed = import('ioredis').then(async ({ Redis }) => {
          const client = new Redis(redis.url);
          await client.flushall();
          client.disconnect();
          return performance.now();
        });
      }
    });
    const end = performance.now();
    expect(flushed).not.toBeNull();
    expect(end - (await flushed!)).toBeLessThan(15_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(local);
    expect(r.stderr).toMatch(/Redis lost this batch's state/);
  }, 30_000);

  it('row 7: no worker: a notice after 10 s, exit 1 after --wait-workers; an unreachable Redis is a plain error', async () => {
    redis = await startRedisServer();
    const t0 = performance.now();
    const r = await runCli('run', TINY, '--replications', '100', '--redis', redis.url, '--wait-workers', '12s');
    const ms = performance.now() - t0;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no worker has taken a chunk for 10 s: start one with `drillsim worker --redis redis:\/\/127\.0\.0\.1:\d+`/);
    expect(r.stderr).toMatch(/drillsim: no worker took a chunk within 12 s \(--wait-workers\)/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(ms).toBeGreaterThan(11_000);
    expect(ms).toBeLessThan(17_000);

    const port = await freePort();
    const t1 = performance.now();
    const away = await runCli('run', TINY, '--replications', '100', '--redis', `redis://127.0.0.1:${port}`);
    expect(away.code).toBe(1);
    expect(away.stderr).toMatch(/^drillsim: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/);
    expect(away.stderr).not.toMatch(/internal error/);
    expect(performance.now() - t1).toBeLessThan(5000);

    const bad = await runCli('run', TINY, '--redis', redis.url, '--wait-workers', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--wait-workers must be a duration/);
  }, 30_000);

  it('row 7 for compare, sweep and screen: --wait-workers, exit 1 with a plain message, and an unreachable Redis likewise', async () => {
    redis = await startRedisServer();
    const port = await freePort();
    const commands: Array<[string, string[]]> = [
      ['compare', ['compare', TESTVALE, '--plan', BASIC_PLAN, '--plan', LATE_PLAN, '--replications', '4']],
      ['sweep', ['sweep', TESTVALE, '--param', 'evacuation.compliance=0.6,0.95', '--replications', '2']],
      ['screen', ['screen', TESTVALE_SCREEN, '--metric', 'deaths', '--trajectories', '2', '--levels', '4', '--replications', '1']],
    ];
    for (const [name, args] of commands) {
      const t0 = performance.now();
      const r = await runCli(...args, '--redis', redis.url, '--wait-workers', '2s');
      const ms = performance.now() - t0;
      expect(r.code, `${name}: ${r.stderr}`).toBe(1);
      expect(r.stderr, name).toMatch(/drillsim: no worker took a chunk within 2 s \(--wait-workers\)/);
      expect(r.stderr, name).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
      expect(ms, name).toBeLessThan(10_000);

      const t1 = performance.now();
      const away = await runCli(...args, '--redis', `redis://127.0.0.1:${port}`);
      expect(away.code, `${name}: ${away.stderr}`).toBe(1);
      expect(away.stderr, name).toMatch(/^drillsim: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/);
      expect(away.stderr, name).not.toMatch(/internal error/);
      expect(performance.now() - t1, name).toBeLessThan(5000);

      const alone = await runCli(...args, '--wait-workers', '2s');
      expect(alone.code, name).toBe(2);
      expect(alone.stderr, name).toMatch(/--wait-workers goes with --redis/);
      const help = await runCli(name, '--help');
      expect(help.stdout, name).toContain('--wait-workers <duration>');
    }
  }, 60_000);
});
