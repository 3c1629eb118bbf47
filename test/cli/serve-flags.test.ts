/**
 * Issue 19: `drillsim serve` sets the site check (--allowed-host, --allowed-origin, --cors) and the
 * per-token quotas (--max-batches, --max-replications, --slice). Bad values are exit 2 naming the option,
 * before anything starts; good ones reach the server (checked through inject on a server built from them).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { serverOptionsFrom } from '../../api/cli/commands/serve.js';
import type { BatchOutcome, BatchRunner, BatchRunOptions } from '../../engine/batch/types.js';
import { runCli } from '../support/cli.js';
import { call, expectError, seedTestvale, testServer } from '../http/helpers.js';

const BASE = { port: '0', host: '127.0.0.1', data: '/nonexistent-drillsim-data', auth: 'auto', log: 'silent' };

/** A runner whose chunks never finish until aborted: batches stay queued/running while quotas are probed. */
class StuckRunner implements BatchRunner {
  run<P, R>(_job: unknown, options: BatchRunOptions<R>): Promise<BatchOutcome> {
    return new Promise((resolve) => options.signal?.addEventListener('abort', () => resolve({ replications: 0, partial: true, stoppedEarly: false })));
  }
  async close(): Promise<void> {}
}

describe('drillsim serve: site check and quota flags', () => {
  it('refuses bad values with exit 2 naming the option, before the server starts', async () => {
    for (const [args, pattern] of [
      [['--allowed-host', 'http://proxy.example'], /--allowed-host must be a host name/],
      [['--allowed-host', 'a b'], /--allowed-host must be a host name/],
      [['--allowed-origin', 'proxy.example'], /--allowed-origin must be an origin/],
      [['--allowed-origin', 'https://proxy.example/app'], /--allowed-origin must be an origin/],
      [['--allowed-origin', '*'], /--allowed-origin must be an origin/],
      [['--cors', 'ftp://x.example'], /--cors must be an origin/],
      [['--max-batches', '0'], /--max-batches must be a whole number from 1 to 10000/],
      [['--max-replications', '1e6'], /--max-replications must be a whole number/],
      [['--slice', 'soon'], /--slice must be a duration/],
    ] as const) {
      const r = await runCli('serve', '--port', '0', '--data', '/nonexistent-drillsim-data', ...args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).toContain(`'${args[1]}'`);
      expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
  });

  it('lists the flags in --help', async () => {
    const r = await runCli('serve', '--help');
    for (const flag of ['--allowed-host', '--allowed-origin', '--max-batches', '--max-replications', '--slice']) expect(r.stdout).toContain(flag);
  });

  describe('the values reach the server', () => {
    let s: Awaited<ReturnType<typeof testServer>> | undefined;
    afterEach(async () => {
      await s?.close();
      s = undefined;
    });

    it('--allowed-host and --allowed-origin open the site check to a proxy; other names and origins stay refused', async () => {
      const o = serverOptionsFrom({ ...BASE, allowedHost: ['drills.example.org,LAN-box:8080'], allowedOrigin: ['https://drills.example.org/'] });
      expect(o.allowedHosts).toEqual(['drills.example.org', 'lan-box:8080']);
      expect(o.allowedOrigins).toEqual(['https://drills.example.org']);
      s = await testServer({ allowedHosts: o.allowedHosts!, allowedOrigins: o.allowedOrigins! });
      expect((await call(s.app, 'GET', '/v1/health', undefined, { host: 'drills.example.org' })).status).toBe(200);
      expect((await call(s.app, 'GET', '/v1/health', undefined, { host: 'lan-box:9999' })).status).toBe(200);
      expectError(await call(s.app, 'GET', '/v1/health', undefined, { host: 'evil.example' }), 421, 'misdirected-request');
      const proxied = { host: '127.0.0.1:8080', origin: 'https://drills.example.org' };
      expect((await call(s.app, 'POST', '/v1/tokens', { role: 'viewer', label: 'ui' }, proxied)).status).toBe(201);
      const other = await call(s.app, 'POST', '/v1/tokens', { role: 'viewer', label: 'x' }, { ...proxied, origin: 'https://evil.example' });
      expectError(other, 403, 'cross-site-request');
      // No CORS headers for an allowed origin: it may change state, not read answers across sites.
      const get = await call(s.app, 'GET', '/v1/health', undefined, proxied);
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('--max-batches, --max-replications and --slice become the quotas', async () => {
      const o = serverOptionsFrom({ ...BASE, maxBatches: '1', maxReplications: '50', slice: '2m' });
      expect(o.quotas).toEqual({ maxActiveBatches: 1, maxActiveReplications: 50, sliceMs: 120_000 });
      s = await testServer({ runnerFactory: () => new StuckRunner(), quotas: o.quotas! });
      await seedTestvale(s.app);
      expectError(await call(s.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 1, replications: 51 }), 422, 'over-quota');
      expect((await call(s.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 1, replications: 50 })).status).toBe(202);
      expectError(await call(s.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 1, replications: 1 }), 429, 'quota-exceeded');
    });
  });
});
