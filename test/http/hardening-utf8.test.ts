/** Issue 19, row 10: invalid UTF-8 in a body is a located 400, never stored as U+FFFD. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstInvalidUtf8 } from '../../api/http/body.js';
import { expectError, PLAN_YAML, testServer, type Answer, boundEachTest } from './helpers.js';

type Server = Awaited<ReturnType<typeof testServer>>;

async function send(s: Server, method: 'POST' | 'PUT', url: string, payload: Buffer, type: string): Promise<Answer> {
  const res = await s.app.inject({ method, url, payload, headers: { 'content-type': type } });
  return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body), text: res.body };
}


// Bounded time (issue 19): none of these may hang or stall the server.
boundEachTest();
describe('invalid UTF-8 in a body', () => {
  let s: Server;
  beforeAll(async () => {
    s = await testServer();
  });
  afterAll(() => s.close());

  it('a 0xFF byte in a plan title: 400 at its line and column, nothing stored', async () => {
    const text = PLAN_YAML.replace(/^title: .*$/m, 'title: Basic \u0000');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith('title:')) + 1;
    const bytes = Buffer.from(text, 'utf8');
    bytes[bytes.indexOf(0)] = 0xff;
    const a = await send(s, 'POST', '/v1/plans', bytes, 'application/yaml');
    expectError(a, 400, 'invalid-request');
    expect(a.body.details[0]).toMatchObject({ path: '', line, column: 'title: Basic '.length + 1 });
    expect(a.body.details[0].message).toMatch(/not valid UTF-8: byte 0xFF at offset \d+/);
    expect((await s.app.inject({ method: 'GET', url: '/v1/plans' })).body).not.toContain('\ufffd');
  });

  it('in JSON bodies too (documents and requests), and a truncated character at the end', async () => {
    expectError(await send(s, 'POST', '/v1/tokens', Buffer.from([...Buffer.from('{"role":"viewer","label":"a'), 0xc3, ...Buffer.from('"}')]), 'application/json'), 400, 'invalid-request');
    const a = await send(s, 'POST', '/v1/scenarios/validate', Buffer.from([...Buffer.from('id: x\ntitle: é'), 0xe2, 0x82]), 'application/yaml');
    expectError(a, 400, 'invalid-request');
    expect(a.body.details[0]).toMatchObject({ line: 2, column: 9 });
  });

  it('refuses a declared charset other than UTF-8 with 415; valid UTF-8 (and a BOM) passes', async () => {
    expectError(await send(s, 'POST', '/v1/tokens', Buffer.from('{"role":"viewer"}'), 'application/json; charset=iso-8859-1'), 415, 'unsupported-media-type');
    expect((await send(s, 'POST', '/v1/tokens', Buffer.from('{"role":"viewer","label":"Lèshān 乐山"}'), 'application/json; charset=utf-8')).status).toBe(201);
  });

  it('the validator rejects overlong forms, surrogates and code points above U+10FFFF', () => {
    expect(firstInvalidUtf8(Buffer.from('ok 乐山 😀', 'utf8'))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.from([0x41, 0xc0, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.from([0xe0, 0x80, 0x80]))).toBe(0);
  });
});
