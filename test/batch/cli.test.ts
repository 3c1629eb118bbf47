/**
 * `drillsim run` on the batch runners, through the compiled CLI (as users run it): the --json scorecard
 * is the same bytes for --workers 1, 2 and 4 and equals the in-process batch run from source; the
 * precision rule stops at the same replication count for 1 and 2 workers, and that count is the first
 * chunk boundary at which the rule holds (recomputed from the --out records); --out writes one record per
 * replication in order; Ctrl-C prints the chunks merged so far marked partial and exits 130; bad batch
 * options exit 2.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHUNK_SIZE, InProcessRunner } from '../../engine/batch/index.js';
import { TAPER_PIECES } from '../../engine/batch/chunks.js';
import { MetricSummary } from '../../engine/stats/index.js';
import { runReplication } from '../../models/replication.js';
import type { Scorecard } from '../../models/scoring/scorecard.js';
import { prepareScoreBatch } from '../../models/study/payload.js';
import { runScoreBatch, type ReplicationRecord } from '../../models/study/score-job.js';
import { runCli } from '../cli/helpers.js';
import { TINY, ensureBuilt, freePort, runDist } from './helpers.js';

let tmp: string;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'drillsim-batch-cli-'));
  await ensureBuilt();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type RunJson = Scorecard & { partial?: boolean; precision?: { reached: boolean; max: number } };

describe('drillsim run --workers', () => {
  it('prints the same --json bytes for 1, 2 and 4 workers, equal to the in-process batch', async () => {
    const args = ['run', TINY, '--replications', '310', '--seed', 'workers', '--json'];
    const outputs = [];
    for (const w of ['1', '2', '4']) {
      const r = await runDist([...args, '--workers', w]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      outputs.push(r.stdout);
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
    const card = JSON.parse(outputs[0]!) as RunJson;
    expect(card.replications).toBe(310);
    expect(card.partial).toBeUndefined();
    const reference = await runScoreBatch(new InProcessRunner(), prepareScoreBatch(TINY, undefined, { seed: 'workers' }), { replications: 310 });
    expect(outputs[0]).toBe(`${JSON.stringify(reference.accumulator.result(), null, 2)}\n`);
  });
});

describe('drillsim run --precision', () => {
  it('stops at the same count for 1 and 2 workers: the first chunk boundary where every half-width is met', async () => {
    const targets = { deaths: 25, evacuated: 12 } as const;
    const runs: RunJson[] = [];
    const files: string[] = [];
    for (const w of ['1', '2']) {
      const file = join(tmp, `precision-${w}.ndjson`);
      files.push(file);
      const r = await runDist(['run', TINY, '--precision', `deaths=${targets.deaths},evacuated=${targets.evacuated}`, '--max', '2000', '--workers', w, '--json', '--out', file]);
      expect(r.code, r.stderr).toBe(0);
      runs.push(JSON.parse(r.stdout) as RunJson);
    }
    const n = runs[0]!.replications;
    expect(runs[1]!.replications).toBe(n);
    expect(runs[0]!.precision).toMatchObject({ reached: true, max: 2000 });
    // Stopped at a block end (a multiple of the chunk size), as without the taper.
    expect(n % DEFAULT_CHUNK_SIZE).toBe(0);
    expect(n).toBeLessThan(2000);
    expect(readFileSync(files[1]!, 'utf8')).toBe(readFileSync(files[0]!, 'utf8'));

    // Recompute the rule from the raw records, boundary by boundary.
    const records = readFileSync(files[0]!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ReplicationRecord);
    expect(records.length).toBe(n);
    const summaries = { deaths: new MetricSummary(), evacuated: new MetricSummary() };
    let firstMet: number | null = null;
    records.forEach((r, i) => {
      summaries.deaths.add(r.metrics['deaths']!);
      summaries.evacuated.add(r.metrics['evacuated']!);
      const count = i + 1;
      const met = summaries.deaths.halfWidth()! <= targets.deaths && summaries.evacuated.halfWidth()! <= targets.evacuated;
      if (firstMet === null && count % DEFAULT_CHUNK_SIZE === 0 && count >= 20 && met) firstMet = count;
    });
    expect(firstMet).toBe(n);
    expect((runs[0]!.metrics['deaths']!.ci95![1] - runs[0]!.metrics['deaths']!.ci95![0]) / 2).toBeLessThanOrEqual(targets.deaths);
  });
});

describe('drillsim run --out', () => {
  it('writes one record per replication, in replication order, equal to the replication run directly', async () => {
    const file = join(tmp, 'out.ndjson');
    const r = await runDist(['run', TINY, '--replications', '60', '--seed', '5', '--workers', '2', '--out', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const records = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ReplicationRecord);
    expect(records.map((x) => x.index)).toEqual([...Array(60).keys()]);
    const { scenario, plan } = (await import('../../models/scenario/load.js')).prepare(TINY);
    const direct = runReplication(scenario, plan, 5, 37);
    expect(records[37]).toEqual(JSON.parse(JSON.stringify({ index: 37, metrics: direct.metrics, parameters: direct.parameters })));
    const card = JSON.parse(r.stdout) as RunJson;
    expect(card.metrics['evacuated']!.max).toBe(Math.max(...records.map((x) => x.metrics['evacuated']!)));
  });
});

describe('Ctrl-C', () => {
  it('stops cleanly: exit 130, the merged chunks printed with "partial": true, equal to a run of that length', async () => {
    let sent = false;
    const r = await runDist(
      ['run', TINY, '--replications', '1000000', '--seed', '9', '--workers', '2', '--json', '--progress'],
      {},
      (stderr: string, child: ChildProcess) => {
        if (!sent && /progress: \d+\/1000000/.test(stderr)) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    );
    expect(sent).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    const card = JSON.parse(r.stdout) as RunJson;
    expect(card.partial).toBe(true);
    const n = card.replications;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(1_000_000);
    // A chunk end of the batch (tapered: every 5 up to 25, then every 25).
    expect(n <= DEFAULT_CHUNK_SIZE ? n % (DEFAULT_CHUNK_SIZE / TAPER_PIECES) : n % DEFAULT_CHUNK_SIZE).toBe(0);
    const full = await runDist(['run', TINY, '--replications', String(n), '--seed', '9', '--workers', '1', '--json']);
    const { partial: _partial, ...rest } = card;
    expect(JSON.stringify(rest, null, 2) + '\n').toBe(full.stdout);
  });
});

describe('batch options', () => {
  it.each([
    [['--max', '100'], /--max goes with --precision/],
    [['--precision', 'deaths=5', '--replications', '50'], /give its maximum with --max/],
    [['--precision', 'dead=5'], /--precision: unknown metric 'dead'/],
    [['--precision', 'deaths=0'], /--precision: deaths: the half-width must be a positive number/],
    [['--precision', 'deaths=1,deaths=2'], /deaths is listed twice/],
    [['--workers', '-1'], /--workers must be a whole number/],
    [['--redis', 'http://127.0.0.1:6379'], /--redis must be a redis:\/\/ or rediss:\/\/ URL/],
  ])('%j exits 2 with a message', async (extra, message) => {
    const r = await runCli('run', TINY, ...extra, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('says so when Redis cannot be reached (exit 1)', async () => {
    const port = await freePort();
    const r = await runCli('run', TINY, '--replications', '10', '--redis', `redis://127.0.0.1:${port}`, '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`cannot reach Redis at redis://127.0.0.1:${port}`));
  });
});
