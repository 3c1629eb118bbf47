/**
 * Issue 19, row 12: every error is `{ error, message, details }`, including those fastify and Node's
 * HTTP parser raise before a route runs (414, 431, a bad Content-Length, a bad URL). Over a real socket,
 * because Node answers parser errors itself.
 */
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectError, testServer } from './helpers.js';

type Server = Awaited<ReturnType<typeof testServer>>;

/** Send raw bytes, read until the server closes or a full response (by Content-Length) has arrived. */
function rawHttp(port: number, bytes: string): Promise<{ status: number; body: any; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within 5 s: ${JSON.stringify(data)}`));
    }, 5000);
    const finish = (): boolean => {
      const head = data.indexOf('\r\n\r\n');
      if (head < 0) return false;
      const len = /content-length:\s*(\d+)/i.exec(data.slice(0, head));
      const body = data.slice(head + 4);
      if (len === null || Buffer.byteLength(body) < Number(len[1])) return false;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: Number(data.slice(9, 12)), body: JSON.parse(body), text: body });
      return true;
    };
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => {
      data += c;
      finish();
    });
    socket.on('end', () => {
      if (!finish()) {
        clearTimeout(timer);
        reject(new Error(`connection closed: ${JSON.stringify(data)}`));
      }
    });
    socket.on('error', () => undefined);
    socket.write(bytes);
  });
}

function expectShape(a: { status: number; body: any; text: string }, status: number, code: string): void {
  expect(a.status, a.text).toBe(status);
  expect(a.body).toMatchObject({ error: code, message: expect.any(String), details: expect.any(Array) });
  expect(Object.keys(a.body).sort()).toEqual(['details', 'error', 'message']);
}

describe('framework and parser errors in the API error shape', () => {
  let s: Server;
  let port: number;
  beforeAll(async () => {
    s = await testServer();
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    port = (s.app.server.address() as AddressInfo).port;
  });
  afterAll(() => s.close());

  it('an id over 200 characters: 414 uri-too-long, without echoing the id', async () => {
    const a = await call(s.app, 'GET', `/v1/scenarios/${'a'.repeat(300)}`);
    expectError(a, 414, 'uri-too-long');
    expect(a.text).not.toContain('a'.repeat(201));
  });

  it('headers over 16 KiB: 431 headers-too-large', async () => {
    expectShape(await rawHttp(port, `GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`), 431, 'headers-too-large');
  });

  it('a Content-Length that is not a number, or contradicts Transfer-Encoding: 400 bad-request', async () => {
    expectShape(await rawHttp(port, 'POST /v1/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}'), 400, 'bad-request');
    expectShape(
      await rawHttp(port, 'POST /v1/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n'),
      400,
      'bad-request',
    );
    expectShape(await rawHttp(port, 'GARBAGE\r\n\r\n'), 400, 'bad-request');
  });

  it('a body shorter than its Content-Length (inject) and a bad URL escape: 400 in the shape', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/v1/tokens', payload: '{"role":"viewer"}', headers: { 'content-type': 'application/json', 'content-length': '5' } });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: expect.any(String), message: expect.any(String), details: expect.any(Array) });
    expectError(await call(s.app, 'GET', '/v1/scenarios/%E0%A4%A'), 400);
  });

  it('unknown routes and methods, an empty JSON body, a missing content type', async () => {
    expectError(await call(s.app, 'GET', '/v2/nothing'), 404, 'not-found');
    expectError(await call(s.app, 'PATCH' as 'GET', '/v1/scenarios'), 404);
    const empty = await s.app.inject({ method: 'POST', url: '/v1/tokens', headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(empty.body)).toMatchObject({ error: expect.any(String), message: expect.any(String), details: expect.any(Array) });
    const untyped = await s.app.inject({ method: 'POST', url: '/v1/tokens', payload: Buffer.from('{"role":"viewer"}') });
    expect(untyped.statusCode).toBe(415);
    expect(JSON.parse(untyped.body)).toMatchObject({ error: 'unsupported-media-type', details: [{ path: '/headers/content-type' }] });
  });
});

describe('while the server shuts down', () => {
  it('a request that arrives during close is a 503 in the error shape (not fastify\'s), and the connection closes', async () => {
    const s = await testServer();
    try {
      await s.app.listen({ host: '127.0.0.1', port: 0 });
      const port = (s.app.server.address() as AddressInfo).port;
      // A request that keeps the connection busy (a 1 MiB YAML body, parsed on the document thread) and,
      // pipelined behind it, one that fastify routes only after close() has begun.
      let big = 'drillsim: 1\nkind: scenario\nid: big\n';
      for (let m = 0; big.length < 1000 * 1024; m++) {
        big += `m${m}:\n`;
        for (let k = 0; k < 4000 && big.length < 1000 * 1024; k++) big += `  k${k}: ${k}\n`;
      }
      const socket = connect(port, '127.0.0.1');
      let data = '';
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => (data += d));
      const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      const t0 = performance.now();
      socket.write(`POST /v1/scenarios/validate HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/yaml\r\nContent-Length: ${Buffer.byteLength(big)}\r\n\r\n${big}`);
      await new Promise((r) => setTimeout(r, 100));
      const closed = s.app.close();
      socket.write(`GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      await Promise.race([ended, new Promise((r) => setTimeout(r, 10_000))]);
      await closed;
      expect(performance.now() - t0).toBeLessThan(10_000);
      const responses = data.split(/(?=HTTP\/1\.1 )/);
      expect(responses[0]).toMatch(/^HTTP\/1\.1 200/);
      const last = responses[responses.length - 1]!;
      expect(last).toMatch(/^HTTP\/1\.1 503/);
      expect(last).toMatch(/connection: close/i);
      const body = JSON.parse(last.slice(last.indexOf('\r\n\r\n') + 4));
      expect(body).toEqual({ error: 'unavailable', message: expect.stringMatching(/shutting down/), details: [] });
    } finally {
      await s.close().catch(() => {});
    }
  }, 30_000);
});
