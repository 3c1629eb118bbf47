/**
 * The whole flow on a real listening server (127.0.0.1, port 0) with batches on the piscina pool: store a
 * region, plans and a scenario, validate, start a batch, follow its server-sent events to `done`, fetch the
 * results: they equal `drillsim run --json` for the same seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createServer, type DrillsimServer } from '../../api/http/server.js';
import { runCli } from '../cli/helpers.js';
import { LATE_PLAN_YAML, MODEL_SCENARIO_FILE, PLAN_YAML, SCENARIO_YAML, tempDataDir, testvaleBundle } from './helpers.js';

let server: DrillsimServer;
let base: string;
let cleanup: () => void;

beforeAll(async () => {
  const data = tempDataDir();
  cleanup = data.cleanup;
  // The default runner: the piscina pool (threads load the TypeScript sources through tsx under vitest).
  server = await createServer({ dataDir: data.dir, rateLimit: false, chunkSize: () => 10, defaultWorkers: 2 });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  if (address === null || typeof address !== 'object') throw new Error('no address');
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await server.app.close();
  cleanup();
});

async function send(method: string, path: string, body: string, type: string): Promise<{ status: number; headers: Headers; json: any }> {
  const res = await fetch(base + path, { method, body, headers: { 'content-type': type } });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

interface SseEvent {
  event: string;
  id: string | undefined;
  data: any;
}

/** Read a text/event-stream response to its end, event by event. */
async function readEvents(res: Response): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      if (block.startsWith(':')) continue; // keep-alive comment
      const field = (name: string): string | undefined => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
      events.push({ event: field('event')!, id: field('id'), data: JSON.parse(field('data')!) });
    }
  }
  return events;
}

describe('a listening server', () => {
  it('stores, validates, runs a batch on the pool with live events, and returns the CLI result', async () => {
    expect((await send('POST', '/v1/regions', testvaleBundle(), 'application/json')).status).toBe(201);
    expect((await send('POST', '/v1/plans', PLAN_YAML, 'application/yaml')).status).toBe(201);
    expect((await send('POST', '/v1/plans', LATE_PLAN_YAML, 'application/yaml')).status).toBe(201);
    const validated = await send('POST', '/v1/scenarios/validate', SCENARIO_YAML, 'application/yaml');
    expect(validated.json).toMatchObject({ valid: true, errors: [] });
    const created = await send('POST', '/v1/scenarios', SCENARIO_YAML, 'application/yaml');
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/scenarios/testvale-flood');

    const batch = await send('POST', '/v1/batches', JSON.stringify({ scenario: 'testvale-flood', seed: 13, replications: 60 }), 'application/json');
    expect(batch.status).toBe(202);
    expect(batch.json.workers).toBe(2);
    const location = batch.headers.get('location')!;
    expect(location).toBe(`/v1/batches/${batch.json.id}`);

    const stream = await fetch(`${base}${location}/events`);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readEvents(stream);
    const kinds = events.map((e) => e.event);
    expect(kinds.at(-1)).toBe('done');
    expect(kinds.slice(0, -1).every((k) => k === 'progress')).toBe(true);
    // Progress never goes back and ends at the total; event ids count up.
    const done = events.filter((e) => e.event === 'progress').map((e) => e.data.done as number);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(60);
    expect(events.map((e) => Number(e.id))).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)!.data).toMatchObject({ status: 'done', replications: 60, partial: false });

    const results = (await (await fetch(`${base}${location}/results`)).json()) as { scorecard: unknown };
    const cli = await runCli('run', MODEL_SCENARIO_FILE, '--seed', '13', '--replications', '60', '--json', '--workers', '1');
    expect(cli.code, cli.stderr).toBe(0);
    expect(results.scorecard).toEqual(JSON.parse(cli.stdout));
  });
});

describe('event streams and shutdown', () => {
  it('ends a cancelled batch\'s stream with done (cancelled, partial); closing the server ends open streams and leaves running batches to resume', async () => {
    const data = tempDataDir();
    const s = await createServer({ dataDir: data.dir, rateLimit: false, chunkSize: () => 10, defaultWorkers: 1 });
    try {
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      const address = s.app.server.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
      const post = async (path: string, body: string, type: string) => fetch(url + path, { method: 'POST', body, headers: { 'content-type': type } });
      for (const [path, body, type] of [
        ['/v1/regions', testvaleBundle(), 'application/json'],
        ['/v1/plans', PLAN_YAML, 'application/yaml'],
        ['/v1/scenarios', SCENARIO_YAML, 'application/yaml'],
      ] as const) {
        expect((await post(path, body, type)).status).toBe(201);
      }
      const body = JSON.stringify({ scenario: 'testvale-flood', seed: 1, replications: 100_000 });
      const first = (await (await post('/v1/batches', body, 'application/json')).json()) as { id: string };
      const second = (await (await post('/v1/batches', body, 'application/json')).json()) as { id: string };

      // Cancel the first while following it: its stream ends with done, marked cancelled and partial.
      const stream = await fetch(`${url}/v1/batches/${first.id}/events`);
      const reading = readEvents(stream);
      await new Promise((r) => setTimeout(r, 300));
      expect((await fetch(`${url}/v1/batches/${first.id}`, { method: 'DELETE' })).status).toBe(202);
      const events = await reading;
      expect(events.at(-1)).toMatchObject({ event: 'done', data: { status: 'cancelled', partial: true } });

      // The second is now running; close the server while its stream is open.
      let state: { status: string; progress: { done: number } } = { status: 'queued', progress: { done: 0 } };
      for (let i = 0; i < 500 && !(state.status === 'running' && state.progress.done > 0); i++) {
        state = (await (await fetch(`${url}/v1/batches/${second.id}`)).json()) as typeof state;
        await new Promise((r) => setTimeout(r, 20));
      }
      const open = readEvents(await fetch(`${url}/v1/batches/${second.id}/events`));
      // A hijacked event stream must not hold the server open.
      const closed = await Promise.race([s.app.close().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
      expect(closed).toBe(true);
      const streamed = await open;
      expect(streamed[0]!.event).toBe('progress');
      const db = new Database(join(data.dir, 'drillsim.db'), { readonly: true });
      const row = db.prepare('SELECT status, next_index FROM batches WHERE id = ?').get(second.id) as { status: string; next_index: number };
      db.close();
      expect(row.status).toBe('running');
      expect(row.next_index).toBeGreaterThan(0);
    } finally {
      if (s.app.server.listening) await s.app.close();
      data.cleanup();
    }
  });
});
