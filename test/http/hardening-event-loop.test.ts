/**
 * Issue 19, "aggregation never on the server's event loop" and "every parse of a request body off the hot
 * path or bounded". First: while the server merges the chunks of the
 * largest kind of batch it accepts (a 60-day horizon: 2 x 1,441 curve summaries per accumulator, megabytes
 * of JSON per chunk), /v1/health still answers at once over a real socket, and no accumulator is read or
 * merged on the event loop (the merge thread does it: api/http/batches/merge-thread.ts).
 *
 * Chunks of real replications of a 60-day horizon take about a second each to run, so the runner here
 * hands over chunks built beforehand from a few real replications (their values perturbed, so that every
 * curve point's summary is a sketch, as in a large batch), through the same ordered delivery as the pool.
 *
 * Second: a 1 MiB YAML body (which held the event loop about a second) is parsed on the document thread
 * while /v1/health answers; its problems, and those found after the parse, keep their lines and columns.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { driveChunks } from '../../engine/batch/ordered.js';
import type { BatchOutcome, BatchRunner, BatchRunOptions } from '../../engine/batch/types.js';
import { runReplication } from '../../models/replication.js';
import { ScorecardAccumulator, scorecardSpec } from '../../models/scoring/scorecard.js';
import { mulberry32 } from '../stats/rng.js';
import { OFFLOAD_BYTES } from '../../api/http/document-reader.js';
import { call, expectError, PLAN_YAML, SCENARIO_YAML, seedTestvale, testServer, testvaleBundle, waitForBatch } from './helpers.js';

type Server = Awaited<ReturnType<typeof testServer>>;

/** Hands over prepared chunk texts in order, as the text job would return them. */
class PreparedRunner implements BatchRunner {
  constructor(private readonly chunks: readonly string[]) {}
  run<P, R>(_job: unknown, options: BatchRunOptions<R>): Promise<BatchOutcome> {
    return driveChunks<R>({ ...options, maxInFlight: 2, submit: async (range) => this.chunks[range.chunk] as R });
  }
  async close(): Promise<void> {}
}

const CHUNK = 100;
const CHUNKS = 6;

/** The JSON text of chunks [k * CHUNK, (k + 1) * CHUNK) of the stored scenario's batch, seed 1. */
function prepareChunks(s: Server): string[] {
  const { scenario, plans } = s.catalog.resolveRun('testvale-flood', []);
  const plan = plans[0]!;
  const spec = scorecardSpec(scenario, plan, 1);
  const base = [0, 1, 2].map((i) => runReplication(scenario, plan, 1, i));
  const rnd = mulberry32(19);
  const acc = new ScorecardAccumulator(spec, 0);
  for (let i = 0; i < CHUNK; i++) {
    const b = base[i % base.length]!;
    const metrics = Object.fromEntries(Object.entries(b.metrics).map(([k, v]) => [k, (v as number) * (0.5 + rnd())])) as typeof b.metrics;
    const curves = { ...b.curves, evacuated: b.curves.evacuated.map((v) => v + 1000 * rnd()), warnedShare: b.curves.warnedShare.map(() => rnd()) };
    acc.add({ ...b, index: i, metrics, curves });
  }
  const json = acc.toJSON();
  return Array.from({ length: CHUNKS }, (_, k) => JSON.stringify({ scorecard: { ...json, first: k * CHUNK, next: (k + 1) * CHUNK } }));
}

describe('the event loop stays free while a large batch merges', () => {
  let s: Server | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await s?.close();
    s = undefined;
  });

  it('/v1/health answers within a bound over a socket while 60-day chunks merge; nothing is merged on the event loop', async () => {
    let chunks: string[] = [];
    s = await testServer({ runnerFactory: () => new PreparedRunner(chunks), chunkSize: () => CHUNK });
    for (const [url, body] of [
      ['/v1/regions', testvaleBundle()],
      ['/v1/plans', PLAN_YAML],
      ['/v1/scenarios', SCENARIO_YAML.replace(/^horizon: 2d/m, 'horizon: 60d')],
    ] as const) {
      expect((await call(s.app, 'POST', url, body)).status).toBe(201);
    }
    chunks = prepareChunks(s);
    expect(chunks[0]!.length).toBeGreaterThan(1_000_000); // megabytes per chunk, as in a large batch

    const onLoop = [vi.spyOn(ScorecardAccumulator.prototype, 'merge'), vi.spyOn(ScorecardAccumulator, 'fromJSON')];
    const address = await s.app.listen({ host: '127.0.0.1', port: 0 });
    const created = await call(s.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 1, replications: CHUNK * CHUNKS });
    expect(created.status).toBe(202);

    const latencies: number[] = [];
    let finished = false;
    const done = waitForBatch(s.app, created.body.id, 120_000).finally(() => (finished = true));
    while (!finished) {
      const t0 = performance.now();
      const res = await fetch(`${address}/v1/health`);
      expect(res.status).toBe(200);
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
    const batch = await done;
    expect(batch.status, JSON.stringify(batch.error)).toBe('done');
    expect(batch.progress.done).toBe(CHUNK * CHUNKS);
    const results = await call(s.app, 'GET', `/v1/batches/${created.body.id}/results`);
    expect(results.body.scorecard.replications).toBe(CHUNK * CHUNKS);
    expect(results.body.scorecard.curves.t).toHaveLength(1441);
    const chart = await call(s.app, 'GET', `/v1/batches/${created.body.id}/charts/evacuation-curve.json`);
    expect(chart.status, chart.text).toBe(200);

    for (const spy of onLoop) expect(spy).not.toHaveBeenCalled();
    const worst = Math.max(...latencies);
    console.log(`health: ${latencies.length} answers while merging, worst ${worst.toFixed(0)} ms`);
    // Merging one of these chunks on the event loop stalled it 0.3-0.6 s; the bound only catches a hang.
    expect(worst).toBeLessThan(1000);
  }, 180_000);
});

/** Ping /v1/health every 10 ms until `work` settles; the answers' latencies. */
async function healthDuring<T>(address: string, work: Promise<T>): Promise<{ result: T; latencies: number[] }> {
  let finished = false;
  const tracked = work.finally(() => (finished = true));
  const latencies: number[] = [];
  while (!finished) {
    const t0 = performance.now();
    const res = await fetch(`${address}/v1/health`);
    expect(res.status).toBe(200);
    await res.text();
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 10));
  }
  return { result: await tracked, latencies };
}

describe('large document bodies are parsed off the event loop', () => {
  let s: Server | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('a 1 MiB YAML body: /v1/health answers meanwhile; problems found on the thread and after it are located', async () => {
    s = await testServer();
    await seedTestvale(s.app);
    const address = await s.app.listen({ host: '127.0.0.1', port: 0 });

    // Schema problems found on the thread: 1 MiB of mappings of 4,000 keys each (under the 5,000-key limit).
    let big = 'drillsim: 1\nkind: scenario\nid: big\n';
    for (let m = 0; big.length < 1000 * 1024; m++) {
      big += `m${m}:\n`;
      for (let k = 0; k < 4000 && big.length < 1000 * 1024; k++) big += `  k${k}: ${k}\n`;
    }
    const validate = s.app.inject({ method: 'POST', url: '/v1/scenarios/validate', payload: big, headers: { 'content-type': 'application/yaml' } });
    const { result, latencies } = await healthDuring(address, validate);
    expect(result.statusCode, result.body).toBe(200);
    const answer = JSON.parse(result.body);
    expect(answer.valid).toBe(false);
    expect(answer.errors.find((e: { path: string }) => e.path === '/m0')).toMatchObject({ line: 4, column: 1 });
    const worst = Math.max(...latencies);
    console.log(`health: ${latencies.length} answers while a ${(big.length / 1024).toFixed(0)} KiB YAML body was parsed, worst ${worst.toFixed(0)} ms`);
    expect(worst).toBeLessThan(1000);

    // A problem found after the thread's parse (the region is checked on the event loop) is still located,
    // through the position table; the same document with a known region is stored.
    const padding = Array.from({ length: Math.ceil(OFFLOAD_BYTES / 60) + 10 }, (_, i) => `# padding line ${i} so that the body is parsed on the document thread`).join('\n');
    const large = `${padding}\n${SCENARIO_YAML.replace(/^id: testvale-flood/m, 'id: testvale-large')}`;
    expect(Buffer.byteLength(large)).toBeGreaterThan(OFFLOAD_BYTES);
    const unknownRegion = large.replace(/^region: testvale/m, 'region: nowhere');
    const refused = await call(s.app, 'POST', '/v1/scenarios', unknownRegion);
    expectError(refused, 422, 'invalid-document');
    const regionLine = unknownRegion.split('\n').findIndex((l) => l.startsWith('region: nowhere')) + 1;
    expect(refused.body.details[0]).toMatchObject({ path: '/region', line: regionLine, column: 9 });
    expect((await call(s.app, 'POST', '/v1/scenarios', large)).status).toBe(201);
    // A large region bundle is checked as a region on the thread, with its problems located in the bundle.
    const bundle = testvaleBundle((b) => {
      (b['manifest'] as Record<string, unknown>)['description'] = 'x'.repeat(1000);
      const zones = b['zones'] as { zones: Array<Record<string, unknown>> };
      zones.zones[0]!['node'] = 'no-such-junction';
    });
    const pretty = JSON.stringify(JSON.parse(bundle), null, 2) + ' '.repeat(OFFLOAD_BYTES);
    const badRegion = await call(s.app, 'POST', '/v1/regions/validate', pretty, { 'content-type': 'application/json' });
    expect(badRegion.status, badRegion.text).toBe(200);
    expect(badRegion.body.valid).toBe(false);
    const zoneLine = pretty.split('\n').findIndex((l) => l.includes('"no-such-junction"')) + 1;
    expect(badRegion.body.errors).toContainEqual(expect.objectContaining({ path: '/zones/zones/0/node', line: zoneLine }));
  }, 120_000);
});
