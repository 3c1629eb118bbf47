/**
 * Tokens: stored hashed, shown once; required off loopback (and with auth 'required'), where a missing or
 * invalid token is a 401 and a too-low role a 403; on loopback without them the local user acts as admin,
 * but a wrong token is still refused. The server will not start requiring tokens with none that can write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, StartupError } from '../../api/http/server.js';
import { openDatabase } from '../../api/http/storage/db.js';
import { TokenStore, type CreatedToken } from '../../api/http/storage/tokens.js';
import { isLoopbackHost } from '../../api/http/auth.js';
import { Command, CommanderError } from 'commander';
import { vi } from 'vitest';
import { register as registerToken } from '../../api/cli/commands/token.js';
import { reportError } from '../../api/cli/exit.js';
import { call, expectError, PLAN_YAML, tempDataDir, testServer } from './helpers.js';

/**
 * Run `drillsim token ...` through the command module itself, the way api/cli/main.ts runs every command
 * (commander, exitOverride, reportError for the exit code), with stdout and stderr captured.
 */
async function runToken(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const text = (chunk: string | Uint8Array): string => (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += text(c)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += text(c)), true));
  try {
    const program = new Command('drillsim').exitOverride();
    registerToken(program);
    for (const c of program.commands) {
      c.exitOverride();
      for (const sub of c.commands) sub.exitOverride();
    }
    try {
      await program.parseAsync(['node', 'drillsim', 'token', ...args]);
      return { code: 0, stdout, stderr };
    } catch (e) {
      if (e instanceof CommanderError) return { code: e.exitCode === 0 ? 0 : 2, stdout, stderr };
      return { code: reportError(e), stdout, stderr };
    }
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('token store', () => {
  it('stores only a hash, verifies the token, and refuses wrong, malformed and revoked ones', () => {
    const { dir, cleanup } = tempDataDir();
    const db = openDatabase(dir);
    try {
      const store = new TokenStore(db);
      const t = store.create('author', 'ci');
      expect(t.token).toMatch(/^dst_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
      const row = db.prepare('SELECT * FROM tokens').get() as Record<string, unknown>;
      expect(JSON.stringify(row)).not.toContain(t.token.slice(17));
      expect((row['hash'] as Buffer).length).toBe(32);
      expect(store.verify(t.token)).toMatchObject({ id: t.id, role: 'author', label: 'ci' });
      const last = t.token.at(-1) === 'A' ? 'B' : 'A';
      expect(store.verify(t.token.slice(0, -1) + last)).toBeUndefined();
      expect(store.verify(t.token.replace(t.id, '000000000000'))).toBeUndefined();
      expect(store.verify('Bearer nonsense')).toBeUndefined();
      expect(store.revoke(t.id)).toBe(true);
      expect(store.verify(t.token)).toBeUndefined();
    } finally {
      db.close();
      cleanup();
    }
  });

  it('knows loopback hosts', () => {
    for (const h of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.5', 'example.org']) expect(isLoopbackHost(h), h).toBe(false);
  });
});

describe('tokens required (a non-loopback host)', () => {
  let dir: string;
  let cleanup: () => void;
  let server: Awaited<ReturnType<typeof createServer>>;
  const tokens: Record<string, CreatedToken> = {};
  const auth = (role: string): Record<string, string> => ({ authorization: `Bearer ${tokens[role]!.token}` });

  beforeAll(async () => {
    ({ dir, cleanup } = tempDataDir());
    const db = openDatabase(dir);
    const store = new TokenStore(db);
    for (const role of ['viewer', 'author', 'admin'] as const) tokens[role] = store.create(role);
    db.close();
    server = await createServer({ dataDir: dir, host: '0.0.0.0', rateLimit: false, startBatches: false });
  });
  afterAll(async () => {
    await server.app.close();
    cleanup();
  });

  it('answers 401 without a token, with a malformed header and with an invalid token', async () => {
    const none = await call(server.app, 'GET', '/v1/scenarios');
    expectError(none, 401, 'unauthorized');
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expectError(await call(server.app, 'GET', '/v1/scenarios', undefined, { authorization: 'Basic dXNlcjpwYXNz' }), 401, 'unauthorized');
    expectError(await call(server.app, 'GET', '/v1/scenarios', undefined, { authorization: `Bearer ${tokens['viewer']!.token}x` }), 401, 'unauthorized');
    expectError(await call(server.app, 'GET', '/v1/scenarios', undefined, { authorization: 'Bearer dst_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), 401, 'unauthorized');
  });

  it('lets a viewer read but not write (403), an author write but not manage tokens (403), an admin do all', async () => {
    expect((await call(server.app, 'GET', '/v1/scenarios', undefined, auth('viewer'))).status).toBe(200);
    expect((await call(server.app, 'POST', '/v1/plans/validate', PLAN_YAML, auth('viewer'))).status).toBe(200);
    const denied = await call(server.app, 'POST', '/v1/plans', PLAN_YAML, auth('viewer'));
    expectError(denied, 403, 'forbidden');
    expect(denied.body.message).toMatch(/author role/);
    expectError(await call(server.app, 'POST', '/v1/batches', { scenario: 'leshan-818-flood', seed: 1 }, auth('viewer')), 403, 'forbidden');
    expect((await call(server.app, 'POST', '/v1/plans', PLAN_YAML, auth('author'))).status).toBe(201);
    expectError(await call(server.app, 'GET', '/v1/tokens', undefined, auth('author')), 403, 'forbidden');
    const list = await call(server.app, 'GET', '/v1/tokens', undefined, auth('admin'));
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(3);
    expect(list.text).not.toContain(tokens['admin']!.token);
  });

  it('lets an admin create and revoke tokens over the API; a revoked token is then a 401', async () => {
    const made = await call(server.app, 'POST', '/v1/tokens', { role: 'viewer', label: 'dashboard' }, auth('admin'));
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ role: 'viewer', label: 'dashboard', revokedAt: null });
    const mine = { authorization: `Bearer ${made.body.token}` };
    expect((await call(server.app, 'GET', '/v1/plans', undefined, mine)).status).toBe(200);
    expect((await call(server.app, 'DELETE', `/v1/tokens/${made.body.id}`, undefined, auth('admin'))).status).toBe(204);
    expectError(await call(server.app, 'GET', '/v1/plans', undefined, mine), 401, 'unauthorized');
    expectError(await call(server.app, 'POST', '/v1/tokens', { role: 'root' }, auth('admin')), 400, 'invalid-request');
  });

  it('keeps health and the OpenAPI document public', async () => {
    expect((await call(server.app, 'GET', '/v1/health')).status).toBe(200);
    expect((await call(server.app, 'GET', '/docs/json')).status).toBe(200);
  });
});

describe('loopback and start-up', () => {
  it('on loopback trusts a request without a token, but refuses a wrong one', async () => {
    const s = await testServer({ startBatches: false });
    try {
      expect((await call(s.app, 'GET', '/v1/tokens')).status).toBe(200);
      expectError(await call(s.app, 'GET', '/v1/tokens', undefined, { authorization: 'Bearer dst_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), 401);
    } finally {
      await s.close();
    }
  });

  it("refuses to start requiring tokens when no admin or author token exists, saying how to make one", async () => {
    const { dir, cleanup } = tempDataDir();
    try {
      await expect(createServer({ dataDir: dir, host: '0.0.0.0', startBatches: false })).rejects.toThrow(StartupError);
      await expect(createServer({ dataDir: dir, auth: 'required', startBatches: false })).rejects.toThrow(/drillsim token create --role admin/);
      const db = openDatabase(dir);
      new TokenStore(db).create('viewer');
      db.close();
      await expect(createServer({ dataDir: dir, host: '0.0.0.0', startBatches: false })).rejects.toThrow(StartupError);
    } finally {
      cleanup();
    }
  });

  it('`drillsim token create` prints a token the server accepts; list and revoke work on the data directory', async () => {
    const { dir, cleanup } = tempDataDir();
    try {
      const made = await runToken('create', '--role', 'admin', '--label', 'first', '--data', dir);
      expect(made.code, made.stderr).toBe(0);
      const token = made.stdout.trim();
      expect(token).toMatch(/^dst_[0-9a-f]{12}_/);
      expect(made.stderr).toMatch(/shown only now/);
      const bad = await runToken('create', '--role', 'root', '--data', dir);
      expect(bad.code).toBe(2);
      const s = await createServer({ dataDir: dir, host: '0.0.0.0', rateLimit: false, startBatches: false });
      try {
        expect((await call(s.app, 'GET', '/v1/tokens', undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
      } finally {
        await s.app.close();
      }
      const list = await runToken('list', '--json', '--data', dir);
      const items = JSON.parse(list.stdout) as Array<{ id: string; role: string; label: string }>;
      expect(items).toEqual([expect.objectContaining({ role: 'admin', label: 'first', revokedAt: null })]);
      expect(list.stdout).not.toContain(token);
      expect((await runToken('revoke', items[0]!.id, '--data', dir)).code).toBe(0);
      expect((await runToken('revoke', 'ffffffffffff', '--data', dir)).code).toBe(2);
    } finally {
      cleanup();
    }
  });
});

describe('rate limit and CORS', () => {
  it('answers 429 in the error shape once a client exceeds the limit', async () => {
    const s = await testServer({ rateLimit: { max: 3, timeWindowMs: 60_000 }, startBatches: false });
    try {
      for (let i = 0; i < 3; i++) expect((await call(s.app, 'GET', '/v1/health')).status).toBe(200);
      expectError(await call(s.app, 'GET', '/v1/health'), 429, 'rate-limited');
    } finally {
      await s.close();
    }
  });

  it('sends no CORS headers unless an origin is configured, and then only to that origin', async () => {
    const plain = await testServer({ startBatches: false });
    const withCors = await testServer({ startBatches: false, cors: ['https://plans.example'] });
    try {
      const a = await plain.app.inject({ method: 'GET', url: '/v1/scenarios', headers: { origin: 'https://plans.example' } });
      expect(a.headers['access-control-allow-origin']).toBeUndefined();
      const b = await withCors.app.inject({ method: 'GET', url: '/v1/scenarios', headers: { origin: 'https://plans.example' } });
      expect(b.headers['access-control-allow-origin']).toBe('https://plans.example');
      const c = await withCors.app.inject({ method: 'GET', url: '/v1/scenarios', headers: { origin: 'https://evil.example' } });
      expect(c.headers['access-control-allow-origin']).toBeUndefined();
      const pre = await withCors.app.inject({
        method: 'OPTIONS',
        url: '/v1/batches',
        headers: { origin: 'https://plans.example', 'access-control-request-method': 'POST' },
      });
      expect(pre.statusCode).toBe(204);
      expect(pre.headers['access-control-allow-headers']).toMatch(/authorization/);
    } finally {
      await plain.close();
      await withCors.close();
    }
  });
});
