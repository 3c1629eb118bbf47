/**
 * Scenarios, plans and regions over HTTP (fastify inject): built-ins listed and read-only, create /
 * replace (versions kept) / delete, validate with located errors, and bad input of every kind answered
 * with a 4xx in the error shape, never a 5xx, with nothing stored.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectError, LATE_PLAN_YAML, PLAN_YAML, SCENARIO_YAML, seedTestvale, testServer, testvaleBundle } from './helpers.js';

/** The ids of the documents shipped in a folder of scenarios/ (each file is named by its id), sorted. */
const shipped = (dir: string): string[] =>
  readdirSync(fileURLToPath(new URL(`../../scenarios/${dir}`, import.meta.url)))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();

type Server = Awaited<ReturnType<typeof testServer>>;
let server: Server;

beforeAll(async () => {
  server = await testServer({ startBatches: false });
  await seedTestvale(server.app);
});
afterAll(async () => {
  await server.close();
});

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

function storedCount(): number {
  return (server.db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
}

describe('built-in items', () => {
  it('lists the shipped scenario, plans and region as built-in, before stored ones', async () => {
    const s = await call(server.app, 'GET', '/v1/scenarios');
    expect(s.status).toBe(200);
    const ids = s.body.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual([...shipped(''), 'testvale-flood']);
    expect(s.body.items[0]).toMatchObject({ builtin: true, version: 1, url: '/v1/scenarios/leshan-818-flood' });
    expect(s.body.items.at(-1)).toMatchObject({ builtin: false, version: 1 });
    const p = await call(server.app, 'GET', '/v1/plans');
    expect(p.body.items.filter((i: { builtin: boolean }) => i.builtin).map((i: { id: string }) => i.id)).toEqual(shipped('plans'));
    const r = await call(server.app, 'GET', '/v1/regions');
    expect(r.body.items.map((i: { id: string; builtin: boolean }) => [i.id, i.builtin])).toEqual([
      ['leshan', true],
      ['testvale', false],
    ]);
  });

  it('reads a built-in scenario as JSON and as its source text', async () => {
    const a = await call(server.app, 'GET', '/v1/scenarios/leshan-818-flood');
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ kind: 'scenario', id: 'leshan-818-flood', builtin: true, format: 'yaml' });
    expect(a.body.document).toMatchObject({ drillsim: 1, kind: 'scenario', region: 'leshan' });
    const src = await call(server.app, 'GET', '/v1/scenarios/leshan-818-flood?format=source');
    expect(src.headers['content-type']).toMatch(/^application\/yaml/);
    expect(src.text).toMatch(/^# The 8-18 flood/);
    const region = await call(server.app, 'GET', '/v1/regions/leshan');
    expect(region.body.document).toMatchObject({ kind: 'region-bundle', manifest: { id: 'leshan' } });
    expect(region.body.document.network.nodes.length).toBeGreaterThan(10);
  });

  it('refuses to replace, delete or shadow a built-in item (409 read-only)', async () => {
    const text = (await call(server.app, 'GET', '/v1/scenarios/leshan-818-flood?format=source')).text;
    const before = storedCount();
    expectError(await call(server.app, 'PUT', '/v1/scenarios/leshan-818-flood', text), 409, 'read-only');
    expectError(await call(server.app, 'POST', '/v1/scenarios', text), 409, 'read-only');
    expectError(await call(server.app, 'DELETE', '/v1/plans/leshan-flood-plan'), 409, 'read-only');
    expectError(await call(server.app, 'DELETE', '/v1/regions/leshan'), 409, 'read-only');
    expect(storedCount()).toBe(before);
  });
});

describe('stored items', () => {
  it('creates with 201 and Location, refuses a second create of the same id (409)', async () => {
    const before = storedCount();
    const a = await call(server.app, 'POST', '/v1/plans', PLAN_YAML.replace('id: testvale-basic', 'id: testvale-copy'));
    expect(a.status).toBe(201);
    expect(a.headers['location']).toBe('/v1/plans/testvale-copy');
    expect(a.body).toMatchObject({ kind: 'plan', id: 'testvale-copy', version: 1, builtin: false, title: 'Testvale flood plan (tests)' });
    expectError(await call(server.app, 'POST', '/v1/plans', PLAN_YAML.replace('id: testvale-basic', 'id: testvale-copy')), 409, 'exists');
    expect(storedCount()).toBe(before + 1);
  });

  it('keeps every version on replace, lists them with ?versions, reads old ones, and round-trips the text', async () => {
    const v2 = SCENARIO_YAML.replace('title: Testvale synthetic flood (tests)', 'title: Testvale, second draft');
    const put = await call(server.app, 'PUT', '/v1/scenarios/testvale-flood', v2);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ version: 2, title: 'Testvale, second draft' });
    const versions = await call(server.app, 'GET', '/v1/scenarios/testvale-flood?versions');
    expect(versions.body.versions.map((v: { version: number; title: string }) => [v.version, v.title])).toEqual([
      [1, 'Testvale synthetic flood (tests)'],
      [2, 'Testvale, second draft'],
    ]);
    const old = await call(server.app, 'GET', '/v1/scenarios/testvale-flood?version=1');
    expect(old.body).toMatchObject({ version: 1, title: 'Testvale synthetic flood (tests)' });
    expect(old.body.document.region).toBe('testvale');
    expect((await call(server.app, 'GET', '/v1/scenarios/testvale-flood?format=source')).text).toBe(v2);
    expectError(await call(server.app, 'GET', '/v1/scenarios/testvale-flood?version=9'), 404, 'not-found');
    // Back to the original for the other tests (version 3).
    expect((await call(server.app, 'PUT', '/v1/scenarios/testvale-flood', SCENARIO_YAML)).body.version).toBe(3);
  });

  it('takes JSON documents as well as YAML', async () => {
    const doc = { drillsim: 1, kind: 'plan', id: 'json-plan', title: 'A plan sent as JSON', levels: [] };
    const a = await call(server.app, 'POST', '/v1/plans', doc);
    expect(a.status).toBe(201);
    const back = await call(server.app, 'GET', '/v1/plans/json-plan');
    expect(back.body).toMatchObject({ format: 'json', document: doc });
  });

  it('deletes (204), then 404 on read and gone from the list; re-creating continues the version numbers', async () => {
    const text = LATE_PLAN_YAML.replace('id: testvale-basic-late', 'id: doomed');
    expect((await call(server.app, 'POST', '/v1/plans', text)).status).toBe(201);
    // An empty DELETE labelled application/json (some clients do) is still a DELETE.
    const del = await server.app.inject({ method: 'DELETE', url: '/v1/plans/doomed', headers: { 'content-type': 'application/json' } });
    expect(del.statusCode).toBe(204);
    expectError(await call(server.app, 'GET', '/v1/plans/doomed'), 404, 'not-found');
    expectError(await call(server.app, 'GET', '/v1/plans/doomed?versions'), 404);
    expectError(await call(server.app, 'DELETE', '/v1/plans/doomed'), 404);
    const list = await call(server.app, 'GET', '/v1/plans');
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain('doomed');
    const again = await call(server.app, 'POST', '/v1/plans', text);
    expect(again.status).toBe(201);
    expect(again.body.version).toBe(3); // 1 created, 2 the deletion, 3 created again
  });

  it('resolves a plan extends chain through stored plan ids', async () => {
    const a = await call(server.app, 'GET', '/v1/plans/testvale-basic-late');
    expect(a.body.document.extends).toBe('testvale-basic');
    const bad = await call(server.app, 'POST', '/v1/plans/validate', LATE_PLAN_YAML.replace('extends: testvale-basic', 'extends: nowhere'));
    expect(bad.body.valid).toBe(false);
    expect(bad.body.errors[0]).toMatchObject({ path: '/extends', line: lineOf(LATE_PLAN_YAML, 'extends:') });
    expect(bad.body.errors[0].message).toMatch(/unknown plan 'nowhere'/);
  });

  it('refuses an extends cycle and a chain deeper than 8 plans, at the extends line of the plan that makes it', async () => {
    const self = LATE_PLAN_YAML.replace('extends: testvale-basic ', 'extends: testvale-basic-late ');
    const cycle = await call(server.app, 'POST', '/v1/plans/validate', self);
    expect(cycle.body.valid).toBe(false);
    expect(cycle.body.errors).toHaveLength(1);
    expect(cycle.body.errors[0]).toMatchObject({ path: '/extends', line: lineOf(self, 'extends:'), message: "'extends' makes a cycle through plan 'testvale-basic-late'" });
    // deep-1 .. deep-8 stored, each extending the next; deep-0 would make the chain 9 plans long.
    const deep = (i: number): string => LATE_PLAN_YAML.replace('id: testvale-basic-late', `id: deep-${i}`).replace('extends: testvale-basic ', `extends: deep-${i + 1} `);
    expect((await call(server.app, 'POST', '/v1/plans', PLAN_YAML.replace('id: testvale-basic', 'id: deep-8'))).status).toBe(201);
    for (let i = 7; i >= 1; i--) expect((await call(server.app, 'POST', '/v1/plans', deep(i))).status).toBe(201);
    const tooDeep = await call(server.app, 'POST', '/v1/plans/validate', deep(0));
    expect(tooDeep.body.valid).toBe(false);
    expect(tooDeep.body.errors).toHaveLength(1);
    expect(tooDeep.body.errors[0]).toMatchObject({ path: '/extends', line: lineOf(deep(7), 'extends:'), message: "'extends' chains may be at most 8 plans deep" });
    for (let i = 1; i <= 8; i++) expect((await call(server.app, 'DELETE', `/v1/plans/deep-${i}`)).status).toBe(204);
  });
});

describe('validate', () => {
  it('says valid for a good scenario and a good plan (checked against a scenario)', async () => {
    const s = await call(server.app, 'POST', '/v1/scenarios/validate', SCENARIO_YAML);
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ valid: true, kind: 'scenario', id: 'testvale-flood', errors: [] });
    const p = await call(server.app, 'POST', '/v1/plans/validate?scenario=testvale-flood', PLAN_YAML);
    expect(p.body).toMatchObject({ valid: true, id: 'testvale-basic' });
    expect(p.body.checked.join(' ')).toMatch(/against scenario 'testvale-flood'/);
  });

  it('locates schema, unit and reference errors at their line without storing anything', async () => {
    const before = storedCount();
    const text = SCENARIO_YAML.replace('horizon: 2d', 'horizon: 2dd').replace('      g1:', '      g9:');
    const a = await call(server.app, 'POST', '/v1/scenarios/validate', text);
    expect(a.status).toBe(200);
    expect(a.body.valid).toBe(false);
    const horizon = a.body.errors.find((e: { path: string }) => e.path === '/horizon');
    expect(horizon).toMatchObject({ line: lineOf(text, 'horizon:') });
    expect(horizon.message).toMatch(/unknown unit 'dd'/);
    // The unit error stops before semantic checks; fix it and the unknown gauge is reported where it is.
    const b = await call(server.app, 'POST', '/v1/scenarios/validate', SCENARIO_YAML.replace('      g1:', '      g9:'));
    expect(b.body.valid).toBe(false);
    expect(b.body.errors[0].path).toBe('/hazards/0/gauges/g9');
    expect(b.body.errors[0].message).toMatch(/unknown gauge 'g9'/);
    expect(b.body.errors[0].line).toBe(lineOf(SCENARIO_YAML, '      g1:'));
    expect(storedCount()).toBe(before);
  });

  it('checks a plan against a scenario: an unknown zone tag is located in the plan', async () => {
    const text = PLAN_YAML.replace('zones: { tag: riverside }', 'zones: { tag: nowhere-tag }');
    const a = await call(server.app, 'POST', '/v1/plans/validate?scenario=testvale-flood', text);
    expect(a.body.valid).toBe(false);
    expect(a.body.errors[0].line).toBe(lineOf(text, 'nowhere-tag'));
    // Without a scenario only the schema and extends are checked.
    expect((await call(server.app, 'POST', '/v1/plans/validate', text)).body.valid).toBe(true);
  });

  it('runs the region cross-checks on a bundle and places problems under the bundle part', async () => {
    const text = testvaleBundle((b) => {
      ((b['zones'] as { zones: Array<{ node: string }> }).zones[0]!).node = 'no-such-node';
    });
    const a = await call(server.app, 'POST', '/v1/regions/validate', text);
    expect(a.body.valid).toBe(false);
    expect(a.body.errors).toContainEqual(expect.objectContaining({ path: '/zones/zones/0/node', message: expect.stringMatching(/unknown network node 'no-such-node'/) }));
    const before = storedCount();
    expectError(await call(server.app, 'POST', '/v1/regions', text.replace('"id":"testvale"', '"id":"testvale2"')), 422, 'invalid-document');
    expect(storedCount()).toBe(before);
  });
});

describe('bad input: always 4xx with details, never 5xx, nothing stored', () => {
  const scenarioWith = (key: string, value: string): string => SCENARIO_YAML.replace('horizon: 2d', `horizon: 2d\n${key}: ${value}`);
  const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    .concat(['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`))
    .join('\n');

  const cases: Array<{ name: string; method: 'POST' | 'PUT' | 'GET'; url: string; body?: string; type?: string; status: number; code: string; path?: string }> = [
    { name: 'malformed JSON (API body)', method: 'POST', url: '/v1/batches', body: '{"scenario": "testvale-flood", "seed": ', type: 'application/json', status: 400, code: 'invalid-request' },
    { name: 'malformed JSON (document)', method: 'POST', url: '/v1/scenarios', body: '{"drillsim": 1, "kind": "scenario",', type: 'application/json', status: 422, code: 'invalid-document' },
    { name: 'duplicate key (API body)', method: 'POST', url: '/v1/batches', body: '{"scenario": "a", "scenario": "b", "seed": 1}', type: 'application/json', status: 400, code: 'invalid-request', path: '/scenario' },
    { name: 'wrong type', method: 'POST', url: '/v1/batches', body: '{"scenario": 42, "seed": 1}', type: 'application/json', status: 400, code: 'invalid-request', path: '/scenario' },
    { name: 'wrong type (replications)', method: 'POST', url: '/v1/batches', body: '{"scenario": "testvale-flood", "seed": 1, "replications": "many"}', type: 'application/json', status: 400, code: 'invalid-request', path: '/replications' },
    { name: 'unknown field (API body)', method: 'POST', url: '/v1/batches', body: '{"scenario": "testvale-flood", "seed": 1, "replicatoins": 5}', type: 'application/json', status: 400, code: 'invalid-request', path: '/replicatoins' },
    { name: 'unknown field (document)', method: 'POST', url: '/v1/scenarios', body: scenarioWith('bogus', '1').replace('id: testvale-flood', 'id: new-one'), type: 'application/yaml', status: 422, code: 'invalid-document', path: '/bogus' },
    { name: 'unknown query parameter', method: 'GET', url: '/v1/scenarios/testvale-flood?verison=1', status: 400, code: 'invalid-request', path: '/verison' },
    { name: 'invalid YAML inside a scenario', method: 'POST', url: '/v1/scenarios', body: SCENARIO_YAML.replace('id: testvale-flood', 'id: new-one\n\tbad: tab'), type: 'application/yaml', status: 422, code: 'invalid-document' },
    { name: 'YAML alias bomb', method: 'POST', url: '/v1/scenarios', body: bomb, type: 'application/yaml', status: 422, code: 'invalid-document' },
    { name: 'deep nesting', method: 'POST', url: '/v1/plans', body: `${'['.repeat(5000)}${']'.repeat(5000)}`, type: 'application/yaml', status: 422, code: 'invalid-document' },
    { name: 'id ../x in the URL', method: 'GET', url: '/v1/scenarios/..%2Fx', status: 400, code: 'invalid-request', path: '/id' },
    { name: 'id ../x in a PUT URL', method: 'PUT', url: '/v1/plans/..%2F..%2Fetc', body: PLAN_YAML, type: 'application/yaml', status: 400, code: 'invalid-request', path: '/id' },
    { name: 'id ../x in a document', method: 'POST', url: '/v1/plans', body: PLAN_YAML.replace('id: testvale-basic', 'id: ../x'), type: 'application/yaml', status: 422, code: 'invalid-document', path: '/id' },
    { name: 'id ../x in a batch', method: 'POST', url: '/v1/batches', body: '{"scenario": "../x", "seed": 1}', type: 'application/json', status: 400, code: 'invalid-request', path: '/scenario' },
    { name: 'region given as a path', method: 'POST', url: '/v1/scenarios', body: SCENARIO_YAML.replace('id: testvale-flood', 'id: new-one').replace(/^region: .*$/m, 'region: ../../etc'), type: 'application/yaml', status: 422, code: 'invalid-document', path: '/region' },
    { name: 'a plan sent as a scenario', method: 'POST', url: '/v1/scenarios', body: PLAN_YAML, type: 'application/yaml', status: 422, code: 'invalid-document', path: '/kind' },
    { name: 'YAML to a JSON-only endpoint', method: 'POST', url: '/v1/batches', body: 'scenario: testvale-flood\nseed: 1\n', type: 'application/yaml', status: 415, code: 'unsupported-media-type' },
    { name: 'form data', method: 'POST', url: '/v1/scenarios', body: 'a=1', type: 'application/x-www-form-urlencoded', status: 415, code: 'unsupported-media-type' },
    { name: 'document id differs from the URL', method: 'PUT', url: '/v1/plans/other-id', body: PLAN_YAML, type: 'application/yaml', status: 422, code: 'invalid-document', path: '/id' },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const before = storedCount();
      const a = await server.app.inject({ method: c.method, url: c.url, ...(c.body !== undefined ? { payload: c.body, headers: { 'content-type': c.type! } } : {}) });
      const answer = { status: a.statusCode, headers: a.headers, body: JSON.parse(a.body), text: a.body };
      expectError(answer, c.status, c.code);
      expect(answer.body.details.length).toBeGreaterThan(0);
      if (c.path !== undefined) expect(answer.body.details.map((d: { path: string }) => d.path)).toContain(c.path);
      expect(storedCount()).toBe(before);
    });
  }

  it('locates malformed JSON by line and column', async () => {
    const a = await call(server.app, 'POST', '/v1/batches', '{\n  "scenario": "x",\n  "seed": 1,\n}');
    expectError(a, 400, 'invalid-request');
    expect(a.body.details[0]).toMatchObject({ line: 4, column: 1 });
  });

  it('says the alias bomb is an alias problem', async () => {
    const a = await call(server.app, 'POST', '/v1/scenarios', bomb);
    expect(a.body.details[0].message).toMatch(/alias/);
  });

  it('refuses oversized bodies with 413: API bodies over 1 MiB, documents over their limit', async () => {
    const before = storedCount();
    const big = JSON.stringify({ scenario: 'testvale-flood', seed: 'x'.repeat(1.2 * 1024 * 1024) });
    expectError(await call(server.app, 'POST', '/v1/batches', big), 413, 'payload-too-large');
    const bigDoc = `${SCENARIO_YAML.replace('id: testvale-flood', 'id: huge')}\n# ${'x'.repeat(1.1 * 1024 * 1024)}\n`;
    expectError(await call(server.app, 'POST', '/v1/scenarios', bigDoc), 413, 'payload-too-large');
    // Regions have their own, larger limit, streamed to disk past 1 MiB: test/http/region-upload.test.ts.
    expect(storedCount()).toBe(before);
  });

  it('answers unknown routes with a 404 in the error shape', async () => {
    expectError(await call(server.app, 'GET', '/v1/nothing-here'), 404, 'not-found');
  });
});

describe('OpenAPI', () => {
  it('serves OpenAPI 3 at /docs/json with every /v1 route, and the UI at /docs', async () => {
    const a = await call(server.app, 'GET', '/docs/json');
    expect(a.status).toBe(200);
    expect(a.body.openapi).toMatch(/^3\./);
    for (const path of ['/v1/scenarios', '/v1/scenarios/{id}', '/v1/scenarios/validate', '/v1/plans', '/v1/regions', '/v1/batches', '/v1/batches/{id}', '/v1/batches/{id}/events', '/v1/batches/{id}/results', '/v1/batches/{id}/charts/{name}', '/v1/compare', '/v1/tokens']) {
      expect(Object.keys(a.body.paths)).toContain(path);
    }
    expect(a.body.paths['/v1/batches'].post.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    const ui = await server.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });
});
