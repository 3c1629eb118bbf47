/**
 * The routes the web page adds (api/http/routes/web.ts): the page at `/`, the published schemas, and the
 * trace of replication i of a batch, which must be the very replication the batch ran: the same events as
 * runReplication of that index with the batch's seed (what `drillsim run --trace` writes), team moves that
 * agree with the dispatch events, and shelter samples that agree with the arrivals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReplication } from '../../models/replication.js';
import { loadStudy } from '../../models/study/payload.js';
import type { SimEvent } from '../../models/world/events.js';
import type { ReplicationTrace } from '../../api/http/batches/trace-job.js';
import { call, expectError, MODEL_SCENARIO_FILE, seedTestvale, testServer, waitForBatch } from '../http/helpers.js';
import { ensureWebBuild } from './helpers.js';

let server: Awaited<ReturnType<typeof testServer>>;
let batch: string;

beforeAll(async () => {
  ensureWebBuild();
  server = await testServer();
  await seedTestvale(server.app);
  const a = await call(server.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 11, replications: 6 });
  expect(a.status, a.text).toBe(202);
  batch = a.body.id as string;
  await waitForBatch(server.app, batch);
});

afterAll(async () => {
  await server?.close();
});

describe('GET /v1/batches/:id/replications/:index/trace', () => {
  it('is the batch replication itself: the events runReplication gives for that index and seed', async () => {
    const a = await call(server.app, 'GET', `/v1/batches/${batch}/replications/4/trace`);
    expect(a.status, a.text).toBe(200);
    const trace = a.body as ReplicationTrace;
    const { scenario, plans } = loadStudy(MODEL_SCENARIO_FILE);
    const events: SimEvent[] = [];
    const direct = runReplication(scenario, plans[0]!, 11, 4, { trace: (e) => e.kind !== 'observation' && events.push(e) });
    expect(trace.index).toBe(4);
    expect(trace.horizonMin).toBe(scenario.horizonMin);
    expect(trace.events).toEqual(JSON.parse(JSON.stringify(events)));
    expect(trace.metrics).toEqual(JSON.parse(JSON.stringify(direct.metrics)));
    // Another replication is another trace.
    const b = await call(server.app, 'GET', `/v1/batches/${batch}/replications/5/trace`);
    expect(b.body.events).not.toEqual(trace.events);
  });

  it('has one move per dispatch, arriving when the arrival event says, along a road path from where the team was', async () => {
    const trace = (await call(server.app, 'GET', `/v1/batches/${batch}/replications/4/trace`)).body as ReplicationTrace;
    const dispatched = trace.events.filter((e) => e.kind === 'team.dispatched');
    expect(trace.moves.length).toBe(dispatched.length);
    expect(trace.moves.length).toBeGreaterThan(0);
    const arrivals = trace.events.filter((e): e is Extract<SimEvent, { kind: 'team.arrived' }> => e.kind === 'team.arrived');
    for (const m of trace.moves) {
      expect(m.depart).toBeGreaterThanOrEqual(m.dispatched);
      expect(m.arrive).toBeGreaterThanOrEqual(m.depart);
      expect(m.path[0]).toBe(m.from);
      expect(m.path[m.path.length - 1]).toBe(m.to);
      if (!m.task.startsWith('pre-position:')) {
        expect(arrivals.some((e) => e.team === m.team && e.incident === m.task && Math.abs(e.t - m.arrive) < 1e-6)).toBe(true);
      }
    }
    // A team sets off from where its previous move ended (or its base).
    const at = new Map(trace.teams.map((t) => [t.id, t.node]));
    for (const m of [...trace.moves].sort((x, y) => x.dispatched - y.dispatched)) {
      expect(m.from).toBe(at.get(m.team));
      at.set(m.team, m.to);
    }
  });

  it('samples shelter occupancy: never negative, and the last samples hold the people the arrivals brought less those who went home', async () => {
    const trace = (await call(server.app, 'GET', `/v1/batches/${batch}/replications/4/trace`)).body as ReplicationTrace;
    expect(trace.shelters.length).toBeGreaterThan(0);
    for (const s of trace.shelters) expect(s.occupancy).toBeGreaterThanOrEqual(0);
    const last = new Map<string, number>();
    for (const s of trace.shelters) last.set(s.shelter, s.occupancy);
    const arrived = trace.events.reduce((n, e) => n + (e.kind === 'evacuation.arrived' ? e.persons : 0), 0);
    const returned = trace.events.reduce((n, e) => n + (e.kind === 'zone.returned' ? e.fromShelters : 0), 0);
    const held = [...last.values()].reduce((a, b) => a + b, 0);
    expect(Math.abs(held - (arrived - returned))).toBeLessThanOrEqual(last.size); // occupancy is rounded per shelter
  });

  it('refuses what is not a replication of the batch, with the API error shape', async () => {
    expectError(await call(server.app, 'GET', `/v1/batches/${batch}/replications/6/trace`), 422, 'invalid-request');
    expectError(await call(server.app, 'GET', `/v1/batches/${batch}/replications/1e3/trace`), 400);
    expectError(await call(server.app, 'GET', `/v1/batches/${batch}/replications/-1/trace`), 400);
    expectError(await call(server.app, 'GET', `/v1/batches/${batch}/replications/0/trace?plan=b`), 422, 'invalid-request');
    expectError(await call(server.app, 'GET', `/v1/batches/00000000-0000-0000-0000-000000000000/replications/0/trace`), 404, 'not-found');
  });
});

describe('the page and its schemas', () => {
  it('serves the page at / and its assets, and the API error shape for what does not exist', async () => {
    const page = await call(server.app, 'GET', '/');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-type'])).toMatch(/^text\/html/);
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    const js = await call(server.app, 'GET', script!);
    expect(js.status).toBe(200);
    expect(String(js.headers['cache-control'])).toContain('immutable');
    expectError(await call(server.app, 'GET', '/assets/nothing.js'), 404, 'not-found');
    expectError(await call(server.app, 'GET', '/v1/nothing'), 404, 'not-found');
  });

  it('serves the schemas the editor completes from, and names the ones there are for an unknown one', async () => {
    const plan = await call(server.app, 'GET', '/v1/schemas/plan');
    expect(plan.status).toBe(200);
    expect(plan.body.properties.levels).toBeDefined();
    expect((await call(server.app, 'GET', '/v1/schemas/scenario.json')).body.title).toBe('drillsim scenario');
    const missing = await call(server.app, 'GET', '/v1/schemas/nothing');
    expectError(missing, 404, 'not-found');
    expect(missing.body.message).toContain('plan');
  });

  it('every chart the list names can be fetched (metric names are camelCase)', async () => {
    const list = await call(server.app, 'GET', `/v1/batches/${batch}/charts`);
    for (const c of list.body.items as Array<{ json: string; available: boolean }>) {
      if (!c.available) continue;
      const a = await call(server.app, 'GET', c.json);
      expect(a.status, `${c.json}: ${a.text.slice(0, 200)}`).toBe(200);
    }
  });
});
