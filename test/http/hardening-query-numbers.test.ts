/** Issue 19, row 11: query numbers are whole numbers in range, written in digits, or a 400. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectError, PLAN_YAML, testServer, boundEachTest } from './helpers.js';

type Server = Awaited<ReturnType<typeof testServer>>;


// Bounded time (issue 19): none of these may hang or stall the server.
boundEachTest();
describe('numbers in the query string', () => {
  let s: Server;
  beforeAll(async () => {
    s = await testServer();
    expect((await call(s.app, 'POST', '/v1/plans', PLAN_YAML)).status).toBe(201);
  });
  afterAll(() => s.close());

  it('refuses ?limit=1e3, 2.9, 0x10, +5, " 5", 0, 1001 and an empty value with 400 at /limit', async () => {
    for (const v of ['1e3', '2.9', '0x10', '%2B5', '%205', '0', '1001', '', '99999999999999999999', '5&limit=6']) {
      const a = await call(s.app, 'GET', `/v1/batches?limit=${v}`);
      expectError(a, 400, 'invalid-request');
      expect(a.body.details[0].path, v).toBe('/limit');
    }
    expect((await call(s.app, 'GET', '/v1/batches?limit=1000')).status).toBe(200);
    expect((await call(s.app, 'GET', '/v1/batches?limit=7')).status).toBe(200);
  });

  it('refuses ?version=1e99 and 1.0 instead of reading version 1', async () => {
    for (const v of ['1e99', '1.0', '-1', '0']) {
      const a = await call(s.app, 'GET', `/v1/plans/testvale-basic?version=${v}`);
      expectError(a, 400, 'invalid-request');
      expect(a.body.details[0].path).toBe('/version');
    }
    expect((await call(s.app, 'GET', '/v1/plans/testvale-basic?version=1')).body.version).toBe(1);
  });
});
