/**
 * HTTP API load (issue 6): autocannon, 100 connections for 30 s each, against `GET /v1/scenarios` and
 * `POST /v1/scenarios/validate` (the built-in 8-18 flood scenario as YAML: parse, schema, and the semantic
 * compile against the Leshan region, CSR snapshot included). Reports requests/s, p99 latency and the error
 * count (connection errors, timeouts and non-2xx answers; the target is zero).
 *
 * The server runs in a child process (this file, started with DRILLSIM_BENCH_HTTP_CHILD=1), so the load
 * generator and the server do not share one event loop; on a 2-core machine they still share the cores,
 * so the figures are a floor. The rate limiter stays on, with a limit far above the load, so its cost is
 * measured. DRILLSIM_BENCH_HTTP_SECONDS shortens the runs for a smoke test.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../api/cli/paths.js';
import type * as ServerModule from '../api/http/server.js';
import { fromDist } from './compiled.js';
import type { BenchResult } from './types.js';

interface Histogram {
  average: number;
  p99: number;
}
interface AutocannonResult {
  requests: Histogram & { total?: number };
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
}
type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult>;

const CONNECTIONS = 100;

async function child(): Promise<void> {
  const { createServer } = await fromDist<typeof ServerModule>('api/http/server.js');
  const dir = mkdtempSync(join(tmpdir(), 'drillsim-bench-http-'));
  const server = await createServer({ dataDir: dir, rateLimit: { max: 100_000_000, timeWindowMs: 60_000 }, startBatches: false });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  process.stdout.write(`port ${typeof address === 'object' && address !== null ? address.port : 0}\n`);
  const stop = (): void => {
    void server.app.close().finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

async function startChild(): Promise<{ port: number; stop: () => Promise<void> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, DRILLSIM_BENCH_HTTP_CHILD: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /port (\d+)/.exec(out);
      if (m !== null) resolve(Number(m[1]));
    });
    proc.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before listening`)));
  });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

export async function run(): Promise<BenchResult[]> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const seconds = Number(process.env['DRILLSIM_BENCH_HTTP_SECONDS'] ?? 30);
  const scenario = readFileSync(join(packageRoot(), 'scenarios', 'leshan-818-flood.yaml'), 'utf8');
  const server = await startChild();
  const results: BenchResult[] = [];
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const runs: Array<{ name: string; options: AutocannonOptions }> = [
      { name: 'GET /v1/scenarios', options: { url: `${base}/v1/scenarios`, connections: CONNECTIONS, duration: seconds } },
      {
        name: 'POST /v1/scenarios/validate (8-18 flood)',
        options: {
          url: `${base}/v1/scenarios/validate`,
          connections: CONNECTIONS,
          duration: seconds,
          method: 'POST',
          body: scenario,
          headers: { 'content-type': 'application/yaml' },
        },
      },
    ];
    for (const r of runs) {
      const out = await autocannon(r.options);
      results.push(
        { name: `http ${r.name}, ${CONNECTIONS} connections`, value: out.requests.average, unit: 'req/s' },
        { name: `http ${r.name} p99 latency`, value: out.latency.p99, unit: 'ms' },
        { name: `http ${r.name} errors (conn + timeouts + non-2xx)`, value: out.errors + out.timeouts + out.non2xx, unit: 'count' },
      );
    }
  } finally {
    await server.stop();
  }
  return results;
}

if (process.env['DRILLSIM_BENCH_HTTP_CHILD'] === '1') await child();
