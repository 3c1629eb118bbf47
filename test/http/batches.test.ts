/**
 * Batches over HTTP (fastify inject; chunks on the in-process runner): the scorecard equals `drillsim run
 * --json` for the same seed, comparisons equal `drillsim compare --json`, precision stops at the same
 * chunk boundary, cancel keeps partial results, a shutdown mid-batch resumes from the last saved chunk with
 * the identical result, CSV and charts come from the stored results, and failures are reported without a
 * stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessRunner } from '../../engine/batch/inprocess.js';
import type { BatchJob, BatchOutcome, BatchRunner, BatchRunOptions } from '../../engine/batch/types.js';
import { createServer } from '../../api/http/server.js';
import { comparePlans } from '../../models/study/compare.js';
import { runCli } from '../cli/helpers.js';
import { call, expectError, MODEL_LATE_PLAN_FILE, MODEL_PLAN_FILE, MODEL_SCENARIO_FILE, seedTestvale, tempDataDir, testServer, waitForBatch } from './helpers.js';

type Server = Awaited<ReturnType<typeof testServer>>;
let server: Server;

beforeAll(async () => {
  server = await testServer();
  await seedTestvale(server.app);
});
afterAll(async () => {
  await server.close();
});

async function cliJson(...args: string[]): Promise<unknown> {
  const r = await runCli(...args, '--json', '--workers', '1');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** In-process chunks with a pause before each: slow enough to act on a running batch. */
class SlowRunner implements BatchRunner {
  readonly starts: number[] = [];
  constructor(private readonly pauseMs: number) {}
  async run<P, R>(job: BatchJob<P>, options: BatchRunOptions<R>): Promise<BatchOutcome> {
    this.starts.push(options.start ?? 0);
    const inner = new InProcessRunner();
    return inner.run(job, {
      ...options,
      onChunk: (range, result: R) => {
        const stop = options.onChunk(range, result);
        const until = Date.now() + this.pauseMs;
        while (Date.now() < until) {
          // Busy-wait on purpose: the in-process runner yields to the event loop after each chunk anyway.
        }
        return stop;
      },
    });
  }
  async close(): Promise<void> {}
}

describe('a score batch', () => {
  it('answers 202 with an id and Location, and its scorecard equals `drillsim run --json` for the same seed', async () => {
    const a = await call(server.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 7, replications: 30, workers: 2 });
    expect(a.status, a.text).toBe(202);
    expect(a.headers['location']).toBe(`/v1/batches/${a.body.id}`);
    expect(a.body).toMatchObject({ kind: 'score', status: 'queued', replications: 30, workers: 2, chunkSize: 10, seed: 7 });
    expect(a.body.scenario).toEqual({ id: 'testvale-flood', version: 1, builtin: false });
    expect(a.body.plans).toEqual([{ id: 'testvale-basic', version: 1, builtin: false }]);
    const done = await waitForBatch(server.app, a.body.id);
    expect(done).toMatchObject({ status: 'done', progress: { done: 30, total: 30, chunksDone: 3 }, partial: false, stoppedEarly: false });
    const results = await call(server.app, 'GET', `/v1/batches/${a.body.id}/results`);
    expect(results.body).toMatchObject({ kind: 'score', replications: 30, partial: false });
    const cli = await cliJson('run', MODEL_SCENARIO_FILE, '--seed', '7', '--replications', '30');
    expect(results.body.scorecard).toEqual(cli);
    expect(done.results).toEqual(cli);
  });

  it('runs a given plan, and a string seed is a string seed', async () => {
    const a = await call(server.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', plan: 'testvale-basic-late', seed: 'drill-2024', replications: 10 });
    const done = await waitForBatch(server.app, a.body.id);
    expect(done.status).toBe('done');
    const cli = await cliJson('run', MODEL_SCENARIO_FILE, '--plan', MODEL_LATE_PLAN_FILE, '--seed', 'drill-2024', '--replications', '10');
    expect(done.results).toEqual(cli);
    expect(done.results.plan).toBe('testvale-basic-late');
  });

  it('stops at the first chunk boundary where the precision rule holds', async () => {
    const a = await call(server.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 1, replications: 200, precision: { deaths: 1000, evacuated: 1e9 } });
    expect(a.status, a.text).toBe(202);
    expect(a.body.precision).toEqual({ deaths: 1000, evacuated: 1e9 });
    const done = await waitForBatch(server.app, a.body.id);
    // Wide targets are met as soon as the rule may decide: after 20 replications (its minimum), a chunk boundary.
    expect(done).toMatchObject({ status: 'done', stoppedEarly: true, progress: { done: 20 } });
    expect(done.results.replications).toBe(20);
  });

  it('refuses a precision rule on a metric the scenario does not score with 422 at its field', async () => {
    const before = (await call(server.app, 'GET', '/v1/batches')).body.items.length;
    const r = await call(server.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 1, replications: 20, precision: { deaths: 1, quakeTrapped: 1 } });
    expectError(r, 422, 'invalid-request');
    expect(r.body.details).toEqual([expect.objectContaining({ path: '/precision/quakeTrapped' })]);
    expect((await call(server.app, 'GET', '/v1/batches')).body.items.length).toBe(before);
  });

  it('refuses unknown references with 422 and a detail at the field', async () => {
    const before = (await call(server.app, 'GET', '/v1/batches')).body.items.length;
    const s = await call(server.app, 'POST', '/v1/batches', { scenario: 'no-such-scenario', seed: 1 });
    expectError(s, 422, 'unknown-reference');
    expect(s.body.details[0].path).toBe('/scenario');
    const p = await call(server.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', plan: 'no-such-plan', seed: 1 });
    expectError(p, 422, 'unknown-reference');
    expect(p.body.details[0].path).toBe('/plan');
    const w = await call(server.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 1, workers: 65 });
    expectError(w, 400, 'invalid-request');
    expect((await call(server.app, 'GET', '/v1/batches')).body.items.length).toBe(before);
  });

  it('serves results as CSV: one row per metric with the JSON values', async () => {
    const a = await call(server.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 3, replications: 10 });
    const done = await waitForBatch(server.app, a.body.id);
    const csv = await call(server.app, 'GET', `/v1/batches/${a.body.id}/results?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trimEnd().split('\r\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 3)).toEqual(['section', 'name', 'mean']);
    const evacuated = lines.find((l) => l.startsWith('metric,evacuated,'))!.split(',');
    expect(Number(evacuated[header.indexOf('mean')])).toBe(done.results.metrics.evacuated.mean);
    expect(Number(evacuated[header.indexOf('p95')])).toBe(done.results.metrics.evacuated.p95);
    expect(lines.filter((l) => l.startsWith('metric,')).length).toBe(Object.keys(done.results.metrics).length);
    expect(lines.filter((l) => l.startsWith('target,')).length).toBe(done.results.targets.length);
    // The breakdown: one row per table row and column, with the JSON's values.
    const deaths = lines.find((l) => l.startsWith('breakdown-county,vale,') && l.split(',')[header.indexOf('column')] === 'deaths')!.split(',');
    expect(Number(deaths[header.indexOf('mean')])).toBe(done.results.breakdown.county.vale.deaths.mean);
    expect(Number(deaths[header.indexOf('listed')])).toBe(10);
    for (const table of ['shelter', 'team', 'reserve', 'incidentType', 'clause']) expect(lines.some((l) => l.startsWith(`breakdown-${table},`))).toBe(true);
  });

  it('streams server-sent events of a finished batch: progress, then done, then the stream ends', async () => {
    const a = await call(server.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 4, replications: 10 });
    await waitForBatch(server.app, a.body.id);
    const res = await server.app.inject({ method: 'GET', url: `/v1/batches/${a.body.id}/events` });
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = res.body.split('\n\n').filter((e) => e.startsWith('id:')).map((e) => /event: (\w+)/.exec(e)![1]);
    expect(events).toEqual(['progress', 'done']);
    expect(res.body).toContain(`"results":"/v1/batches/${a.body.id}/results"`);
  });

  it('404s for an unknown batch and 400s for an id that is not a batch id', async () => {
    expectError(await call(server.app, 'GET', '/v1/batches/00000000-0000-4000-8000-000000000000'), 404, 'not-found');
    expectError(await call(server.app, 'GET', '/v1/batches/../../etc'), 404);
    expectError(await call(server.app, 'GET', '/v1/batches/not-a-uuid/results'), 400, 'invalid-request');
  });
});

describe('charts', () => {
  let id: string;
  beforeAll(async () => {
    const a = await call(server.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 5, replications: 20 });
    id = a.body.id;
    await waitForBatch(server.app, id);
  });

  it('lists the charts, the evacuation and warning-reach curves among them', async () => {
    const a = await call(server.app, 'GET', `/v1/batches/${id}/charts`);
    const names = a.body.items.map((c: { name: string }) => c.name);
    expect(names).toEqual(
      expect.arrayContaining(['outcomes', 'metric-deaths', 'response-time-cdf', 'targets', 'level-declarations', 'clause-windows', 'evacuation-curve', 'warning-reach-curve']),
    );
    expectError(await call(server.app, 'GET', `/v1/batches/${id}/charts/no-such-chart`), 404, 'not-found');
  });

  it('draws the evacuation curve from the hourly summaries: never falling, ending at the evacuated mean', async () => {
    const a = await call(server.app, 'GET', `/v1/batches/${id}/charts/evacuation-curve.json`);
    expect(a.status).toBe(200);
    const rows = a.body.data.values as Array<{ hours: number; mean: number; p05: number; p95: number }>;
    expect(rows.length).toBeGreaterThan(2);
    for (let k = 1; k < rows.length; k++) {
      expect(rows[k]!.hours - rows[k - 1]!.hours).toBe(1);
      expect(rows[k]!.mean).toBeGreaterThanOrEqual(rows[k - 1]!.mean);
      expect(rows[k]!.p05).toBeLessThanOrEqual(rows[k]!.p95);
    }
    const card = (await call(server.app, 'GET', `/v1/batches/${id}/results`)).body.scorecard;
    expect(rows[rows.length - 1]!.mean).toBeCloseTo(card.metrics.evacuated.mean, 6);
    const w = (await call(server.app, 'GET', `/v1/batches/${id}/charts/warning-reach-curve.json`)).body.data.values as Array<{ mean: number }>;
    for (let k = 0; k < w.length; k++) {
      expect(w[k]!.mean).toBeGreaterThanOrEqual(0);
      expect(w[k]!.mean).toBeLessThanOrEqual(1);
      if (k > 0) expect(w[k]!.mean).toBeGreaterThanOrEqual(w[k - 1]!.mean - 1e-12);
    }
  });

  it('gives a histogram whose weights add up to the replications, from the stored quantiles', async () => {
    const a = await call(server.app, 'GET', `/v1/batches/${id}/charts/metric-evacuated.json`);
    expect(a.status).toBe(200);
    expect(a.body.$schema).toMatch(/vega-lite/);
    const values = a.body.data.values as Array<{ value: number; weight: number }>;
    expect(values.reduce((s, v) => s + v.weight, 0)).toBeCloseTo(20, 9);
    const card = (await call(server.app, 'GET', `/v1/batches/${id}/results`)).body.scorecard;
    expect(Math.min(...values.map((v) => v.value))).toBeGreaterThanOrEqual(card.metrics.evacuated.min);
    expect(Math.max(...values.map((v) => v.value))).toBeLessThanOrEqual(card.metrics.evacuated.max);
  });

  it('renders SVG on the server for every available chart', async () => {
    const list = (await call(server.app, 'GET', `/v1/batches/${id}/charts`)).body.items.filter((c: { available: boolean }) => c.available);
    for (const name of ['outcomes', 'response-time-cdf', 'targets', 'level-declarations', 'clause-windows', 'metric-deaths', 'evacuation-curve', 'warning-reach-curve']) {
      expect(list.map((c: { name: string }) => c.name)).toContain(name);
      const res = await server.app.inject({ method: 'GET', url: `/v1/batches/${id}/charts/${name}.svg` });
      expect(res.statusCode, `${name}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(res.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(res.body).toContain('</svg>');
    }
  });
});

describe('compare', () => {
  it('runs plans A and B on common random numbers and equals `drillsim compare --json`', async () => {
    const a = await call(server.app, 'POST', '/v1/compare', { scenario: 'testvale-flood', planA: 'testvale-basic', planB: 'testvale-basic-late', seed: 11, replications: 20 });
    expect(a.status, a.text).toBe(202);
    expect(a.body.kind).toBe('compare');
    const done = await waitForBatch(server.app, a.body.id);
    expect(done.status).toBe('done');
    const results = await call(server.app, 'GET', `/v1/batches/${a.body.id}/results`);
    // What `drillsim compare --json` prints (api/cli/commands/compare.ts), computed the same way here.
    const cli = await comparePlans(new InProcessRunner(), { scenarioFile: MODEL_SCENARIO_FILE, planA: MODEL_PLAN_FILE, planB: MODEL_LATE_PLAN_FILE, seed: 11, replications: 20 });
    expect(results.body.comparison).toEqual(JSON.parse(JSON.stringify(cli)));
    expect(results.body.comparison).toMatchObject({ scenario: 'testvale-flood', planA: 'testvale-basic', planB: 'testvale-basic-late', replications: 20, partial: false });
    const csv = await call(server.app, 'GET', `/v1/batches/${a.body.id}/results?format=csv`);
    expect(csv.text.split('\r\n')[0]).toMatch(/^metric,direction,mean_a,mean_b,diff_mean/);
  });

  it('compares a plan with itself as exactly zero differences', async () => {
    const a = await call(server.app, 'POST', '/v1/compare', { scenario: 'testvale-flood', planA: 'testvale-basic', planB: 'testvale-basic', seed: 2, replications: 10 });
    const done = await waitForBatch(server.app, a.body.id);
    for (const m of Object.values(done.results.metrics) as Array<{ difference: { mean: number }; ties: number }>) {
      expect(m.difference.mean).toBe(0);
      expect(m.ties).toBe(10);
    }
  });
});

describe('cancel, failure, restart', () => {
  it('cancels a running batch: 202, then cancelled with the merged chunks as partial results; a second cancel is 409', async () => {
    const s = await testServer({ runnerFactory: () => new SlowRunner(40) });
    try {
      await seedTestvale(s.app);
      const a = await call(s.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 9, replications: 500 });
      for (let i = 0; i < 500; i++) {
        const g = await call(s.app, 'GET', `/v1/batches/${a.body.id}`);
        if (g.body.progress.done >= 20) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      const d = await call(s.app, 'DELETE', `/v1/batches/${a.body.id}`);
      expect(d.status).toBe(202);
      const done = await waitForBatch(s.app, a.body.id);
      expect(done.status).toBe('cancelled');
      expect(done.partial).toBe(true);
      expect(done.progress.done).toBeGreaterThanOrEqual(20);
      expect(done.progress.done).toBeLessThan(500);
      const results = await call(s.app, 'GET', `/v1/batches/${a.body.id}/results`);
      expect(results.body).toMatchObject({ partial: true, replications: done.progress.done });
      expect(results.body.scorecard.replications).toBe(done.progress.done);
      expectError(await call(s.app, 'DELETE', `/v1/batches/${a.body.id}`), 409, 'finished');
    } finally {
      await s.close();
    }
  });

  it('reports a failing runner as a failed batch with an error body and no stack; results stay 409', async () => {
    const s = await testServer({
      runnerFactory: () => ({
        run: async () => {
          throw new Error('boom: simulated worker failure');
        },
        close: async () => {},
      }),
      logger: false,
    });
    try {
      await seedTestvale(s.app);
      const a = await call(s.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 1, replications: 10 });
      const done = await waitForBatch(s.app, a.body.id);
      expect(done.status).toBe('failed');
      expect(done.error).toMatchObject({ error: 'batch-failed', details: [] });
      expect(JSON.stringify(done)).not.toContain('boom');
      const ev = await s.app.inject({ method: 'GET', url: `/v1/batches/${a.body.id}/events` });
      expect(ev.body).toContain('event: error');
      expectError(await call(s.app, 'GET', `/v1/batches/${a.body.id}/results`), 409, 'not-finished');
    } finally {
      await s.close();
    }
  });

  it('resumes a batch after a shutdown from its last saved chunk; the result equals an uninterrupted run', async () => {
    const { dir, cleanup } = tempDataDir();
    try {
      const slow = new SlowRunner(30);
      const first = await createServer({ dataDir: dir, runnerFactory: () => slow, rateLimit: false, chunkSize: () => 10 });
      await seedTestvale(first.app);
      const a = await call(first.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 21, replications: 100 });
      for (let i = 0; i < 500; i++) {
        const g = await call(first.app, 'GET', `/v1/batches/${a.body.id}`);
        if (g.body.progress.done >= 30) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      await first.app.close();
      expect(first.db.open).toBe(false); // closed with the server: everything below comes from the file
      const second = new SlowRunner(0);
      const again = await createServer({ dataDir: dir, runnerFactory: () => second, rateLimit: false, chunkSize: () => 10 });
      try {
        const mid = await call(again.app, 'GET', `/v1/batches/${a.body.id}`);
        expect(mid.body.progress.done).toBeGreaterThanOrEqual(30);
        const done = await waitForBatch(again.app, a.body.id);
        expect(done.status).toBe('done');
        // It went on from the first replication not saved: a multiple of the chunk size, not 0.
        expect(second.starts).toHaveLength(1);
        expect(second.starts[0]).toBeGreaterThanOrEqual(30);
        expect(second.starts[0]! % 10).toBe(0);
        expect(done.results.replications).toBe(100);
        const cli = await cliJson('run', MODEL_SCENARIO_FILE, '--seed', '21', '--replications', '100');
        expect(done.results).toEqual(cli);
      } finally {
        await again.app.close();
      }
    } finally {
      cleanup();
    }
  });
});
