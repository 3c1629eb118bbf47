/**
 * A crash mid-batch: `node bin/drillsim.js serve` (the compiled build) is killed with SIGKILL while a batch
 * runs, then started again on the same data directory. The batch resumes from the last chunk saved before
 * the kill and finishes; its scorecard covers every replication exactly once: it equals `drillsim run
 * --json` for the same seed (a chunk merged twice or lost would change it, and the accumulator refuses
 * chunks out of sequence).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT, stopChild, waitFor } from '../batch/helpers.js';
import { runCli } from '../cli/helpers.js';
import { LATE_PLAN_YAML, MODEL_SCENARIO_FILE, PLAN_YAML, SCENARIO_YAML, tempDataDir, testvaleBundle } from './helpers.js';

const REPLICATIONS = 1000;
let data: { dir: string; cleanup: () => void };
const children: ChildProcess[] = [];

beforeAll(async () => {
  await ensureBuilt();
  data = tempDataDir();
});
afterAll(async () => {
  await Promise.all(children.map((c) => stopChild(c)));
  data.cleanup();
});

interface Served {
  child: ChildProcess;
  base: string;
  output: () => string;
}

async function serve(): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--data', data.dir, '--workers', '1', '--log', 'info'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor(child, () => out, /listening on http:\/\/127\.0\.0\.1:\d+/, 20_000, 'drillsim serve');
  const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)![1];
  return { child, base: `http://127.0.0.1:${port}`, output: () => out };
}

async function post(base: string, path: string, body: string, type: string): Promise<{ status: number; json: any }> {
  const res = await fetch(base + path, { method: 'POST', body, headers: { 'content-type': type } });
  return { status: res.status, json: await res.json() };
}

async function batch(base: string, id: string): Promise<any> {
  return (await fetch(`${base}/v1/batches/${id}`)).json();
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('SIGKILL mid-batch', () => {
  it('resumes the batch at the next start from the last saved chunk; the result is complete and identical', async () => {
    const first = await serve();
    expect((await post(first.base, '/v1/regions', testvaleBundle(), 'application/json')).status).toBe(201);
    expect((await post(first.base, '/v1/plans', PLAN_YAML, 'application/yaml')).status).toBe(201);
    expect((await post(first.base, '/v1/plans', LATE_PLAN_YAML, 'application/yaml')).status).toBe(201);
    expect((await post(first.base, '/v1/scenarios', SCENARIO_YAML, 'application/yaml')).status).toBe(201);
    const created = await post(first.base, '/v1/batches', JSON.stringify({ scenario: 'testvale-flood', seed: 99, replications: REPLICATIONS, workers: 1 }), 'application/json');
    expect(created.status).toBe(202);
    const id = created.json.id as string;
    const chunk = created.json.chunkSize as number;

    // Kill once some chunks are saved, well before the end.
    let seen = 0;
    for (let i = 0; i < 2000 && seen < 5 * chunk; i++) {
      seen = (await batch(first.base, id)).progress.done;
      if (seen < 5 * chunk) await new Promise((r) => setTimeout(r, 10));
    }
    expect(seen).toBeGreaterThanOrEqual(5 * chunk);
    await kill(first.child);

    // What survived in the database: a running batch, its accumulator ending where next_index says.
    const db = new Database(join(data.dir, 'drillsim.db'), { readonly: true });
    const row = db.prepare('SELECT status, next_index, chunks_done, accumulator FROM batches WHERE id = ?').get(id) as {
      status: string;
      next_index: number;
      chunks_done: number;
      accumulator: string;
    };
    db.close();
    expect(row.status).toBe('running');
    expect(row.next_index).toBeGreaterThanOrEqual(seen);
    expect(row.next_index).toBeLessThan(REPLICATIONS);
    expect(row.next_index % chunk).toBe(0);
    expect(row.chunks_done).toBe(row.next_index / chunk);
    expect(JSON.parse(row.accumulator).next).toBe(row.next_index);

    const second = await serve();
    let final: any;
    for (let i = 0; i < 3000; i++) {
      final = await batch(second.base, id);
      if (final.status !== 'running' && final.status !== 'queued') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(final.status).toBe('done');
    expect(final.progress).toMatchObject({ done: REPLICATIONS, total: REPLICATIONS, chunksDone: REPLICATIONS / chunk });
    // The second server said it resumed from the saved index (pino JSON lines on stderr).
    expect(second.output()).toMatch(new RegExp(`"from":${row.next_index}[,}].*resuming batch`));

    const cli = await runCli('run', MODEL_SCENARIO_FILE, '--seed', '99', '--replications', String(REPLICATIONS), '--json', '--workers', '1');
    expect(cli.code, cli.stderr).toBe(0);
    expect(final.results).toEqual(JSON.parse(cli.stdout));
    await stopChild(second.child);
  });
});
