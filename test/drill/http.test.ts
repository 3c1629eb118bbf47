/**
 * Drills over HTTP (fastify inject; chunks on the in-process runner): POST /v1/drills runs a drill batch on
 * the stored Testvale scenario and plan whose script equals `drillsim drill script --format json` for the
 * same seed; the script comes in every layout and its warnings as CAP; POST /v1/drills/:id/evaluations
 * takes CSV or JSON logs (201 + Location, the evaluation of `drill evaluate --json`), refuses a bad log with
 * a 422 whose details are located and stores nothing; the report is HTML; roles and errors as elsewhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillScript } from '../../models/schema/drill.js';
import { runCli, tempDir } from '../cli/helpers.js';
import { call, expectError, MODEL_PLAN_FILE, MODEL_SCENARIO_FILE, seedTestvale, testServer, waitForBatch } from '../http/helpers.js';

type Server = Awaited<ReturnType<typeof testServer>>;
let server: Server;
let id: string;
let script: DrillScript;

beforeAll(async () => {
  server = await testServer();
  await seedTestvale(server.app);
  const a = await call(server.app, 'POST', '/v1/drills', { scenario: 'testvale-flood', plan: 'testvale-basic', seed: 7, replications: 4, compress: 2 });
  expect(a.status, a.text).toBe(202);
  id = a.body.id;
  expect(a.headers['location']).toBe(`/v1/drills/${id}`);
  expect(a.body).toMatchObject({ kind: 'drill', replications: 4, links: { self: `/v1/drills/${id}`, script: `/v1/drills/${id}/script` } });
  const done = await waitForBatch(server.app, id);
  expect(done.status, JSON.stringify(done.error)).toBe('done');
  script = (await call(server.app, 'GET', `/v1/drills/${id}/script`)).body as DrillScript;
});
afterAll(async () => {
  await server?.close();
});

describe('POST /v1/drills', () => {
  it('makes the script `drillsim drill script` makes for the same seed', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 's.json');
      const r = await runCli('drill', 'script', MODEL_SCENARIO_FILE, '--plan', MODEL_PLAN_FILE, '--replications', '4', '--seed', '7', '--compress', '2', '--workers', '0', '--out', out);
      expect(r.code, r.stderr).toBe(0);
      expect(script).toEqual(JSON.parse(readFileSync(out, 'utf8')));
    } finally {
      cleanup();
    }
    const results = await call(server.app, 'GET', `/v1/batches/${id}/results`);
    expect(results.body.script).toEqual(script);
  });

  it('lays the script out as CSV, Markdown and 演练脚本, and its warnings as CAP 1.2', async () => {
    const csv = await call(server.app, 'GET', `/v1/drills/${id}/script?format=csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toMatch(/^inject,drill_time,/);
    expect((await call(server.app, 'GET', `/v1/drills/${id}/script?format=zh`)).text).toContain('演练脚本');
    expect((await call(server.app, 'GET', `/v1/drills/${id}/script?format=md`)).text).toContain('Master scenario events list');
    const alerts = await call(server.app, 'GET', `/v1/drills/${id}/alerts`);
    expect(alerts.body.items.length).toBeGreaterThan(0);
    const cap = await call(server.app, 'GET', alerts.body.items[0].url);
    expect(cap.headers['content-type']).toMatch(/^application\/cap\+xml/);
    expect(cap.text).toContain('<status>Exercise</status>');
    expectError(await call(server.app, 'GET', `/v1/drills/${id}/alerts/9.9`), 404, 'not-found');
  });

  it('refuses unknown references, fields and drills with the API error shape', async () => {
    expectError(await call(server.app, 'POST', '/v1/drills', { scenario: 'nope', seed: 1 }), 422);
    expectError(await call(server.app, 'POST', '/v1/drills', { scenario: 'testvale-flood', seed: 1, compress: 0.5 }), 400, 'invalid-request');
    expectError(await call(server.app, 'POST', '/v1/drills', { scenario: 'testvale-flood', seed: 1, extra: true }), 400, 'invalid-request');
    expectError(await call(server.app, 'GET', '/v1/drills/00000000-0000-0000-0000-000000000000'), 404, 'not-found');
  });
});

describe('POST /v1/drills/:id/evaluations', () => {
  const csvLog = (): string => ['action,at,by,notes', ...script.expectedActions.slice(1).map((a) => `${a.id},${a.start.p50},HQ,"ok, noted"`)].join('\n');

  it('evaluates a CSV log: 201, Location, the evaluation, and the report as HTML', async () => {
    const a = await call(server.app, 'POST', `/v1/drills/${id}/evaluations?date=2025-06-12`, csvLog(), { 'content-type': 'text/csv' });
    expect(a.status, a.text).toBe(201);
    expect(a.headers['location']).toBe(a.body.links.self);
    const e = a.body.evaluation;
    expect(e.date).toBe('2025-06-12');
    expect(e.actions[0]).toMatchObject({ id: script.expectedActions[0]!.id, at: null, percentile: null, verdict: 'missed' });
    expect(e.actions.slice(1).every((x: { verdict: string }) => x.verdict === 'on-time')).toBe(true);
    const first = e.objectives.find((o: { clauses: string[] }) => o.clauses.includes(script.expectedActions[0]!.clause));
    expect(['M', 'U']).toContain(first.rating);
    const one = await call(server.app, 'GET', a.body.links.self);
    expect(one.body).toEqual(a.body);
    const report = await call(server.app, 'GET', a.body.links.report);
    expect(report.headers['content-type']).toMatch(/^text\/html/);
    expect(report.text).toMatch(/^<!DOCTYPE html>[\s\S]*<svg/);
  });

  it('evaluates a JSON log the same way', async () => {
    const entries = script.expectedActions.slice(1).map((a) => ({ action: a.id, at: a.start.p50, by: 'HQ', notes: 'ok, noted' }));
    const a = await call(server.app, 'POST', `/v1/drills/${id}/evaluations?date=2025-06-12`, { entries });
    expect(a.status, a.text).toBe(201);
    const csv = (await call(server.app, 'GET', `/v1/drills/${id}/evaluations`)).body.items[0].evaluation;
    expect({ ...a.body.evaluation, log: '' }).toEqual({ ...csv, log: '' });
  });

  it('refuses a bad log with 422 and located details, and stores nothing', async () => {
    const before = (await call(server.app, 'GET', `/v1/drills/${id}/evaluations`)).body.items.length;
    const a = await call(server.app, 'POST', `/v1/drills/${id}/evaluations`, 'action,at,by,notes\nA-1.1,100,HQ,\nA-9.9,99999,HQ,\n', { 'content-type': 'text/csv' });
    expectError(a, 422, 'invalid-document');
    expect(a.body.details).toEqual([
      expect.objectContaining({ line: 3, column: 1, message: expect.stringMatching(/unknown action or clause 'A-9.9'/) }),
      expect.objectContaining({ line: 3, column: 7, message: expect.stringMatching(/outside the drill/) }),
    ]);
    const j = await call(server.app, 'POST', `/v1/drills/${id}/evaluations`, '{ "entries": [ { "action": 3, "at": 1 } ] }');
    expectError(j, 422, 'invalid-document');
    expect(j.body.details[0]).toMatchObject({ path: '/entries/0/action', line: 1 });
    expect((await call(server.app, 'GET', `/v1/drills/${id}/evaluations`)).body.items.length).toBe(before);
    // text/csv is read only where a drill log is expected.
    expectError(await call(server.app, 'POST', '/v1/batches', 'a,b\n', { 'content-type': 'text/csv' }), 415);
  });

  it('is for authors: a viewer token is refused', async () => {
    const viewer = server.tokens.create('viewer', 'v').token;
    const a = await call(server.app, 'POST', `/v1/drills/${id}/evaluations`, csvLog(), { 'content-type': 'text/csv', authorization: `Bearer ${viewer}` });
    expectError(a, 403);
  });
});
