/**
 * Issue 19, row 9: the local API refuses other sites. On loopback a request without a token acts as
 * admin, so a web page (cross-site POST with text/plain, or DNS rebinding with a foreign Host) must not
 * be able to write documents or create tokens.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectError, SCENARIO_YAML, testServer, boundEachTest } from './helpers.js';

type Server = Awaited<ReturnType<typeof testServer>>;

/** One request over a real socket, with headers exactly as given (Host included). */
function raw(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, setHost: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || 'null') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}


// Bounded time (issue 19): none of these may hang or stall the server.
boundEachTest();
describe('the local API refuses other sites', () => {
  let s: Server;
  let port: number;
  beforeAll(async () => {
    s = await testServer({ host: '127.0.0.1' });
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    port = (s.app.server.address() as AddressInfo).port;
  });
  afterAll(() => s.close());

  it('answers a foreign Host (DNS rebinding) with 421 on every route, tokens included', async () => {
    for (const [method, path] of [
      ['GET', '/v1/health'],
      ['GET', '/v1/tokens'],
      ['POST', '/v1/tokens'],
    ] as const) {
      const a = await raw(port, method, path, { host: `evil.example:${port}`, 'content-type': 'application/json' }, method === 'POST' ? '{"role":"admin"}' : undefined);
      expect(a.status).toBe(421);
      expect(a.body).toMatchObject({ error: 'misdirected-request', message: expect.any(String), details: [{ path: '/headers/host' }] });
    }
    const tokens = await call(s.app, 'GET', '/v1/tokens');
    expect(tokens.body.items).toEqual([]);
  });

  it('accepts the bound names: 127.0.0.1, localhost, [::1], with or without the port', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'localhost', 'LOCALHOST.']) {
      expect((await raw(port, 'GET', '/v1/health', { host })).status, host).toBe(200);
    }
  });

  it('refuses a cross-site Origin on state-changing routes with 403, but not on reads', async () => {
    const evil = { origin: 'http://evil.example' };
    expectError(await call(s.app, 'POST', '/v1/scenarios', SCENARIO_YAML, evil), 403, 'cross-site-request');
    expectError(await call(s.app, 'PUT', '/v1/scenarios/testvale-flood', SCENARIO_YAML, evil), 403, 'cross-site-request');
    expectError(await call(s.app, 'DELETE', '/v1/scenarios/testvale-flood', undefined, evil), 403, 'cross-site-request');
    expectError(await call(s.app, 'POST', '/v1/tokens', { role: 'admin' }, evil), 403, 'cross-site-request');
    expectError(await call(s.app, 'POST', '/v1/batches', { scenario: 'x', seed: 1 }, { origin: 'null' }), 403, 'cross-site-request');
    // Another port of localhost is another origin.
    expectError(await call(s.app, 'POST', '/v1/tokens', { role: 'admin' }, { origin: 'http://localhost:3000', host: 'localhost:8080' }), 403, 'cross-site-request');
    expectError(await call(s.app, 'POST', '/v1/tokens', { role: 'admin' }, { 'sec-fetch-site': 'cross-site' }), 403, 'cross-site-request');
    expect((await call(s.app, 'GET', '/v1/scenarios', undefined, evil)).status).toBe(200);
    // The server's own origin (its Swagger UI) may write.
    expect((await call(s.app, 'POST', '/v1/tokens', { role: 'viewer' }, { origin: 'http://localhost:8080', host: 'localhost:8080' })).status).toBe(201);
  });

  it('refuses text/plain bodies (what a page sends without a preflight): 415, nothing stored', async () => {
    const a = await call(s.app, 'POST', '/v1/scenarios', SCENARIO_YAML, { 'content-type': 'text/plain' });
    expectError(a, 415, 'unsupported-media-type');
    expect(a.body.details[0].path).toBe('/headers/content-type');
    expectError(await call(s.app, 'POST', '/v1/tokens', '{"role":"admin"}', { 'content-type': 'text/plain;charset=UTF-8' }), 415);
    expectError(await call(s.app, 'POST', '/v1/batches', 'scenario=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
    expect((await call(s.app, 'GET', '/v1/scenarios/testvale-flood')).status).toBe(404);
  });

  it('the repro of the issue over a real socket: Origin evil + text/plain gives 403 and stores nothing', async () => {
    const a = await raw(port, 'POST', '/v1/scenarios', { host: `127.0.0.1:${port}`, origin: 'http://evil.example', 'content-type': 'text/plain' }, SCENARIO_YAML);
    expect(a.status).toBe(403);
    expect(a.body).toMatchObject({ error: 'cross-site-request', details: [{ path: '/headers/origin' }] });
  });
});

describe('CORS only when configured', () => {
  it('sends no CORS headers by default, and lets a configured origin write', async () => {
    const plain = await testServer();
    const a = await call(plain.app, 'GET', '/v1/health', undefined, { origin: 'http://app.example' });
    expect(a.headers['access-control-allow-origin']).toBeUndefined();
    await plain.close();

    const s = await testServer({ cors: ['http://app.example'] });
    const b = await call(s.app, 'POST', '/v1/tokens', { role: 'viewer' }, { origin: 'http://app.example' });
    expect(b.status).toBe(201);
    expect(b.headers['access-control-allow-origin']).toBe('http://app.example');
    expectError(await call(s.app, 'POST', '/v1/tokens', { role: 'viewer' }, { origin: 'http://other.example' }), 403, 'cross-site-request');
    await s.close();
  });

  it('accepts the extra names given as allowedHosts, and still refuses others', async () => {
    const s = await testServer({ host: '127.0.0.1', allowedHosts: ['drills.example.org'] });
    expect((await call(s.app, 'GET', '/v1/health', undefined, { host: 'drills.example.org:8080' })).status).toBe(200);
    expectError(await call(s.app, 'GET', '/v1/health', undefined, { host: 'evil.example' }), 421, 'misdirected-request');
    await s.close();
  });
});
