/** Shared by the HTTP tests: temporary data directories, the Testvale fixtures as API bodies, inject helpers. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { InProcessRunner } from '../../engine/batch/inprocess.js';
import { createServer, type DrillsimServer, type ServerOptions } from '../../api/http/server.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const MODEL = join(FIXTURES, 'model');

/** The Testvale scenario with id references (region testvale, plan testvale-basic). */
export const SCENARIO_YAML = readFileSync(join(FIXTURES, 'http', 'testvale-flood.yaml'), 'utf8');
/** The same scenario as the model tests read it (path references), for `drillsim run`. */
export const MODEL_SCENARIO_FILE = join(MODEL, 'testvale-flood.yaml');
export const MODEL_PLAN_FILE = join(MODEL, 'plans', 'basic.yaml');
export const MODEL_LATE_PLAN_FILE = join(MODEL, 'plans', 'basic-late.yaml');
export const PLAN_YAML = readFileSync(MODEL_PLAN_FILE, 'utf8');
export const LATE_PLAN_YAML = readFileSync(join(FIXTURES, 'http', 'basic-late.yaml'), 'utf8');

/** The Testvale region directory as one region-bundle document (JSON text). */
export function testvaleBundle(mutate?: (bundle: Record<string, unknown>) => void): string {
  const dir = join(FIXTURES, 'regions', 'testvale');
  const read = (f: string): unknown => JSON.parse(readFileSync(join(dir, f), 'utf8'));
  const bundle: Record<string, unknown> = {
    drillsim: 1,
    kind: 'region-bundle',
    manifest: read('region.json'),
    network: read('network.json'),
    zones: read('zones.json'),
    assets: read('assets.json'),
  };
  mutate?.(bundle);
  return JSON.stringify(bundle);
}

export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'drillsim-http-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A server on a fresh data directory. Batches run on the in-process runner unless a test says otherwise:
 * same chunks, same results as the pool (engine/batch's own tests show that), without thread start-up.
 */
export async function testServer(options: Partial<ServerOptions> = {}): Promise<DrillsimServer & { dir: string; close: () => Promise<void> }> {
  const { dir, cleanup } = tempDataDir();
  const server = await createServer({ dataDir: dir, runnerFactory: () => new InProcessRunner(), rateLimit: false, chunkSize: () => 10, ...options });
  return {
    ...server,
    dir,
    close: async () => {
      await server.app.close();
      cleanup();
    },
  };
}

export interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: any;
  text: string;
}

export async function call(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  body?: string | object,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = body === undefined ? {} : { 'content-type': typeof body === 'string' && !body.trimStart().startsWith('{') ? 'application/yaml' : 'application/json' };
  const res = await app.inject({ method, url, ...(payload !== undefined ? { payload } : {}), headers: { ...contentType, ...headers } });
  let parsed: unknown = undefined;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    parsed = undefined;
  }
  return { status: res.statusCode, headers: res.headers, body: parsed, text: res.body };
}

/** The error shape every 4xx must have. */
export function expectError(a: Answer, status: number, code?: string): void {
  expect(a.status, a.text).toBe(status);
  expect(a.body).toMatchObject({ error: expect.any(String), message: expect.any(String), details: expect.any(Array) });
  if (code !== undefined) expect(a.body.error).toBe(code);
  expect(a.text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/); // no stack trace
}

/** Store the Testvale region, its two plans and the scenario. */
export async function seedTestvale(app: FastifyInstance, headers: Record<string, string> = {}): Promise<void> {
  for (const [url, body] of [
    ['/v1/regions', testvaleBundle()],
    ['/v1/plans', PLAN_YAML],
    ['/v1/plans', LATE_PLAN_YAML],
    ['/v1/scenarios', SCENARIO_YAML],
  ] as const) {
    const a = await call(app, 'POST', url, body, headers);
    expect(a.status, `${url}: ${a.text}`).toBe(201);
  }
}

/** Poll a batch until it has finished (done, failed or cancelled). */
export async function waitForBatch(app: FastifyInstance, id: string, timeoutMs = 30_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const a = await call(app, 'GET', `/v1/batches/${id}`);
    if (['done', 'failed', 'cancelled'].includes(a.body?.status)) return a.body;
    if (Date.now() > until) throw new Error(`batch ${id} still ${a.body?.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Issue 19 asks every hardening regression test to bound its time as well as its status and error shape:
 * each test of the calling file (server start-up included) must finish within `ms`, a generous bound that
 * only a hang or a stalled event loop would exceed (the rows it covers once blocked for seconds).
 */
export function boundEachTest(ms = 10_000): void {
  let t0 = 0;
  beforeEach(() => {
    t0 = performance.now();
  });
  afterEach(() => {
    expect(performance.now() - t0, 'the test took longer than its hang bound').toBeLessThan(ms);
  });
}
