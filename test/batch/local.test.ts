/**
 * The local runners: chunking, the scheduling core (in-order delivery whatever the completion order, a
 * bounded window, stop-after-chunk, retries of dead workers only, cancellation), the piscina pool with a
 * probe job (one chunk runner per thread, ordered complete results, a job error is not retried, a thread
 * killed mid-chunk is replaced and its chunk rerun) and the score job on the pool against the in-process
 * reference.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChunkFailedError, InProcessRunner, PoolRunner, chunkCount, chunkRanges, driveChunks, isWorkerExit, type ChunkRange } from '../../engine/batch/index.js';
import { isBlockEnd, TAPER_PIECES } from '../../engine/batch/chunks.js';
import { prepareScoreBatch } from '../../models/study/payload.js';
import { runScoreBatch } from '../../models/study/score-job.js';
import type { ProbeChunk, ProbePayload } from '../fixtures/batch/probe-job.js';
import { TINY } from './helpers.js';

const PROBE = new URL('../fixtures/batch/probe-job.ts', import.meta.url).href;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'drillsim-batch-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('chunkRanges', () => {
  it('cuts [start, start + n) into contiguous chunks of the given size, the last one shorter', () => {
    expect([...chunkRanges(10, 7, 3)]).toEqual([
      { chunk: 0, start: 10, count: 3 },
      { chunk: 1, start: 13, count: 3 },
      { chunk: 2, start: 16, count: 1 },
    ]);
    expect([...chunkRanges(0, 0, 5)]).toEqual([]);
    expect(chunkCount(101, 25)).toBe(5);
  });

  it('tapered: the first and last block of chunkSize cut into fifths, the blocks between whole, nothing lost or repeated', () => {
    const sizes = (start: number, n: number, size: number) => [...chunkRanges(start, n, size, true)].map((r) => r.count);
    expect(sizes(0, 100, 25)).toEqual([5, 5, 5, 5, 5, 25, 25, 5, 5, 5, 5, 5]);
    expect(sizes(0, 400, 25)).toEqual([...Array(5).fill(5), ...Array(14).fill(25), ...Array(5).fill(5)]);
    expect(sizes(0, 25, 25)).toEqual(Array(TAPER_PIECES).fill(5));
    expect(sizes(0, 1, 25)).toEqual([1]);
    expect(sizes(0, 7, 10)).toEqual([2, 2, 2, 1]);
    // A batch that starts or ends inside a block: the blocks stay where they are (multiples of chunkSize).
    expect([...chunkRanges(30, 52, 25, true)].map((r) => [r.start, r.count])).toEqual([
      [30, 5],
      [35, 5],
      [40, 5],
      [45, 5],
      [50, 25],
      [75, 5],
      [80, 2],
    ]);
    for (const [start, n, size] of [
      [0, 1000, 25],
      [13, 101, 7],
      [0, 3, 1],
      [50, 49, 25],
    ] as const) {
      const ranges = [...chunkRanges(start, n, size, true)];
      expect(ranges.map((r) => r.chunk)).toEqual([...ranges.keys()]);
      expect(ranges.flatMap((r) => Array.from({ length: r.count }, (_, i) => r.start + i))).toEqual(Array.from({ length: n }, (_, i) => start + i));
      expect(chunkCount(n, size, true, start)).toBe(ranges.length);
      // Every end of an untapered chunk of a batch starting at a block is still a chunk end, and is the
      // only kind isBlockEnd accepts: a stopping rule decided there stops at the same replication.
      const ends = new Set(ranges.filter((r) => isBlockEnd(r, size, start + n)).map((r) => r.start + r.count));
      if (start % size === 0) expect(ends).toEqual(new Set([...chunkRanges(start, n, size)].map((r) => r.start + r.count)));
    }
  });

  it('refuses sizes that are not positive integers', () => {
    expect(() => [...chunkRanges(0, 10, 0)]).toThrow(/chunkSize/);
    expect(() => [...chunkRanges(0, 2.5, 1)]).toThrow(/replications/);
    expect(() => [...chunkRanges(-1, 2, 1)]).toThrow(/start/);
  });
});

/** A submit whose attempts the test settles by hand, in any order. */
function manualSubmit() {
  const calls: Array<{ range: ChunkRange; attempt: number; resolve: (v: number) => void; reject: (e: unknown) => void }> = [];
  let running = 0;
  let maxRunning = 0;
  const submit = (range: ChunkRange, attempt: number) =>
    new Promise<number>((resolve, reject) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      const settle = <T>(f: (v: T) => void) => (v: T) => {
        running -= 1;
        f(v);
      };
      calls.push({ range, attempt, resolve: settle(resolve), reject: settle(reject) });
    });
  return { calls, submit, maxRunning: () => maxRunning };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('driveChunks', () => {
  it('delivers in chunk order when results arrive in reverse, never holding more than the window', async () => {
    const m = manualSubmit();
    const seen: number[] = [];
    const progress: number[] = [];
    const done = driveChunks<number>({
      replications: 100,
      chunkSize: 10,
      maxInFlight: 4,
      submit: m.submit,
      onChunk: (range, result) => {
        expect(result).toBe(range.start * 1000);
        seen.push(range.chunk);
      },
      onProgress: (p) => progress.push(p.done),
    });
    // Settle the newest outstanding attempt first, repeatedly: the worst order for in-order delivery.
    for (;;) {
      await flush();
      if (seen.length === 10) break;
      const open = m.calls.filter((c) => !(c as { settled?: boolean }).settled);
      const last = open[open.length - 1]!;
      (last as { settled?: boolean }).settled = true;
      last.resolve(last.range.start * 1000);
    }
    expect(await done).toEqual({ replications: 100, partial: false, stoppedEarly: false });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(progress).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(m.maxRunning()).toBeLessThanOrEqual(4);
    expect(m.calls.map((c) => c.range.chunk).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('stops after the chunk whose onChunk returns true, and delivers nothing after it', async () => {
    const m = manualSubmit();
    const seen: number[] = [];
    const done = driveChunks<number>({
      replications: 1000,
      chunkSize: 10,
      maxInFlight: 3,
      submit: m.submit,
      onChunk: (range) => {
        seen.push(range.chunk);
        return range.chunk === 2;
      },
    });
    for (let i = 0; i < 6; i++) {
      await flush();
      m.calls[i]?.resolve(0);
    }
    expect(await done).toEqual({ replications: 30, partial: false, stoppedEarly: true });
    await flush();
    expect(seen).toEqual([0, 1, 2]);
    // The window bounds the waste of a stop: at most 3 chunks were ever started beyond chunk 2.
    expect(m.calls.length).toBeLessThanOrEqual(6);
  });

  it('retries a retryable failure, fails at once on another, naming the chunk', async () => {
    const m = manualSubmit();
    const results: number[] = [];
    const done = driveChunks<number>({
      replications: 20,
      chunkSize: 10,
      maxInFlight: 2,
      maxAttempts: 3,
      submit: m.submit,
      isRetryable: (e) => e instanceof Error && e.message === 'died',
      onChunk: (_r, v) => void results.push(v),
    });
    await flush();
    m.calls[0]!.reject(new Error('died'));
    await flush();
    expect(m.calls[2]).toMatchObject({ range: { chunk: 0 }, attempt: 2 });
    m.calls[2]!.resolve(7);
    m.calls[1]!.resolve(8);
    expect(await done).toMatchObject({ replications: 20 });
    expect(results).toEqual([7, 8]);

    const n = manualSubmit();
    const failing = driveChunks<number>({
      replications: 20,
      chunkSize: 10,
      maxInFlight: 2,
      submit: n.submit,
      isRetryable: () => false,
      onChunk: () => {},
    });
    await flush();
    n.calls[1]!.reject(new Error('bug in the model'));
    const err = await failing.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChunkFailedError);
    expect((err as ChunkFailedError).message).toMatch(/chunk 1 \(replications 10\.\.19\) failed: bug in the model/);
  });

  it('waits for an asynchronous onChunk before the next delivery (the HTTP merge thread): same order, same stop', async () => {
    const m = manualSubmit();
    const seen: number[] = [];
    let busy = false;
    const done = driveChunks<number>({
      replications: 100,
      chunkSize: 10,
      maxInFlight: 3,
      submit: m.submit,
      onChunk: async (range) => {
        expect(busy).toBe(false); // never two merges at once
        busy = true;
        await new Promise((r) => setTimeout(r, 5));
        busy = false;
        seen.push(range.chunk);
        return range.chunk === 4;
      },
    });
    for (let i = 0; i < 40 && seen.length < 5; i++) {
      await flush();
      for (const c of m.calls) if (!(c as { settled?: boolean }).settled) ((c as { settled?: boolean }).settled = true), c.resolve(0);
      await new Promise((r) => setTimeout(r, 6));
    }
    expect(await done).toEqual({ replications: 50, partial: false, stoppedEarly: true });
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    // Results that came while a merge ran waited in the window: never more than 3 started beyond the stop.
    expect(m.calls.length).toBeLessThanOrEqual(8);
    const failing = driveChunks<number>({ replications: 20, chunkSize: 10, maxInFlight: 2, submit: async () => 0, onChunk: async () => Promise.reject(new Error('merge failed')) });
    await expect(failing).rejects.toThrow('merge failed');
  });

  it('returns what was merged so far, marked partial, when the signal aborts', async () => {
    const m = manualSubmit();
    const abort = new AbortController();
    const done = driveChunks<number>({ replications: 100, chunkSize: 10, maxInFlight: 2, submit: m.submit, onChunk: () => {}, signal: abort.signal });
    await flush();
    m.calls[0]!.resolve(0);
    await flush();
    abort.abort();
    expect(await done).toEqual({ replications: 10, partial: true, stoppedEarly: false });
  });
});

describe('PoolRunner with a probe job', () => {
  it('builds one chunk runner per thread and returns every chunk complete and in order', async () => {
    const pool = new PoolRunner({ workers: 2 });
    const chunks: ProbeChunk[] = [];
    const outcome = await pool.run<ProbePayload, ProbeChunk>(
      { module: PROBE, payload: { tag: 'p1' } },
      { start: 5, replications: 203, chunkSize: 10, onChunk: (_r, c) => void chunks.push(c) },
    );
    expect(outcome).toEqual({ replications: 203, partial: false, stoppedEarly: false });
    expect(chunks.map((c) => c.chunk)).toEqual([...Array(21).keys()]);
    expect(chunks.flatMap((c) => c.squares)).toEqual(Array.from({ length: 203 }, (_, i) => (i + 5) ** 2));
    expect(chunks.every((c) => c.tag === 'p1')).toBe(true);
    // createChunkRunner ran once in each thread, however many chunks that thread then ran.
    expect(new Set(chunks.map((c) => c.runnersCreated))).toEqual(new Set([1]));
    expect(chunks.every((c) => c.threadId > 0)).toBe(true);
  });

  it('starts its threads before the payload exists (prepare) and shares the payload and local data with every thread', async () => {
    const pool = new PoolRunner({ workers: 2 });
    try {
      pool.prepare(PROBE);
      // The payload is built after the threads started; local data is anything structured-cloneable.
      const local = { region: { nodes: new Float64Array([1.5, 2.5]), names: new Map([['a', 1]]) } };
      const chunks: ProbeChunk[] = [];
      const outcome = await pool.run<ProbePayload, ProbeChunk>(
        { module: PROBE, payload: { tag: 'p-prepared' }, local },
        { replications: 100, chunkSize: 25, taper: true, onChunk: (_r, c) => void chunks.push(c) },
      );
      expect(outcome.replications).toBe(100);
      expect(chunks.map((c) => c.squares.length)).toEqual([5, 5, 5, 5, 5, 25, 25, 5, 5, 5, 5, 5]);
      expect(chunks.flatMap((c) => c.squares)).toEqual(Array.from({ length: 100 }, (_, i) => i * i));
      expect(chunks.every((c) => c.tag === 'p-prepared')).toBe(true);
      expect(chunks.every((c) => (c.local as typeof local).region.nodes[1] === 2.5 && (c.local as typeof local).region.names.get('a') === 1)).toBe(true);
      expect(new Set(chunks.map((c) => c.runnersCreated))).toEqual(new Set([1]));
    } finally {
      await pool.close();
    }
  });

  it('fails every chunk, without retrying or hanging, when the job module cannot be loaded', async () => {
    const pool = new PoolRunner({ workers: 2 });
    pool.prepare(new URL('../fixtures/batch/no-such-job.ts', import.meta.url).href);
    const err = await pool
      .run<ProbePayload, ProbeChunk>({ module: new URL('../fixtures/batch/no-such-job.ts', import.meta.url).href, payload: { tag: 'x' } }, { replications: 10, chunkSize: 5, onChunk: () => {} })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChunkFailedError);
    expect((err as Error).message).toMatch(/^chunk \d+ .*failed: .*no-such-job/);
    expect(isWorkerExit((err as Error).cause)).toBe(false);
  });

  it('does not retry an error thrown by the job (it would throw again)', async () => {
    const pool = new PoolRunner({ workers: 2 });
    const err = await pool
      .run<ProbePayload, ProbeChunk>({ module: PROBE, payload: { tag: 'p2', failChunk: 3 } }, { replications: 100, chunkSize: 10, onChunk: () => {} })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChunkFailedError);
    expect((err as Error).message).toMatch(/chunk 3 \(replications 30\.\.39\) failed: probe: chunk 3 fails on purpose/);
    expect(isWorkerExit((err as Error).cause)).toBe(false);
  });

  it('reruns the chunk of a thread that died mid-chunk, on a replacement thread', async () => {
    const marker = join(tmp, 'probe-crash');
    process.env['DRILLSIM_TEST_CRASH_CHUNK'] = '4';
    process.env['DRILLSIM_TEST_CRASH_MARKER'] = marker;
    try {
      const chunks: ProbeChunk[] = [];
      const outcome = await new PoolRunner({ workers: 2 }).run<ProbePayload, ProbeChunk>(
        { module: PROBE, payload: { tag: 'p3' } },
        { replications: 120, chunkSize: 10, onChunk: (_r, c) => void chunks.push(c) },
      );
      expect(existsSync(marker)).toBe(true);
      expect(outcome.replications).toBe(120);
      expect(chunks.flatMap((c) => c.squares)).toEqual(Array.from({ length: 120 }, (_, i) => i * i));
      // The replacement thread built its own runner, once.
      expect(new Set(chunks.map((c) => c.runnersCreated))).toEqual(new Set([1]));
      expect(new Set(chunks.map((c) => c.threadId)).size).toBeGreaterThanOrEqual(2);
    } finally {
      delete process.env['DRILLSIM_TEST_CRASH_CHUNK'];
      delete process.env['DRILLSIM_TEST_CRASH_MARKER'];
    }
  });
});

describe('score job on the pool', () => {
  it('gives the in-process scorecard bit for bit, also when a thread dies mid-chunk', async () => {
    const prepared = prepareScoreBatch(TINY, undefined, { seed: 'pool-test' });
    const reference = await runScoreBatch(new InProcessRunner(), prepared, { replications: 240, chunkSize: 20 });
    const marker = join(tmp, 'score-crash');
    process.env['DRILLSIM_TEST_CRASH_CHUNK'] = '5';
    process.env['DRILLSIM_TEST_CRASH_MARKER'] = marker;
    try {
      const pooled = await runScoreBatch(new PoolRunner({ workers: 2 }), prepared, { replications: 240, chunkSize: 20 });
      expect(existsSync(marker)).toBe(true);
      expect(pooled.outcome).toEqual({ replications: 240, partial: false, stoppedEarly: false });
      expect(JSON.stringify(pooled.accumulator.toJSON())).toBe(JSON.stringify(reference.accumulator.toJSON()));
    } finally {
      delete process.env['DRILLSIM_TEST_CRASH_CHUNK'];
      delete process.env['DRILLSIM_TEST_CRASH_MARKER'];
    }
    // The replications differ from each other (so order matters to the quantile sketches being equal).
    expect(reference.accumulator.result().metrics['deaths']!.sd).toBeGreaterThan(0);
  });

  it('tapered, on threads started before the payload: the same bits, and a precision rule stops at the same replication', async () => {
    const prepared = prepareScoreBatch(TINY, undefined, { seed: 'taper-test' });
    const reference = await runScoreBatch(new InProcessRunner(), prepared, { replications: 60, chunkSize: 20 });
    const pool = new PoolRunner({ workers: 2 });
    pool.prepare(new URL('../../models/study/score-job.ts', import.meta.url).href);
    const tapered = await runScoreBatch(pool, prepared, { replications: 60, chunkSize: 20, taper: true });
    expect(JSON.stringify(tapered.accumulator.toJSON())).toBe(JSON.stringify(reference.accumulator.toJSON()));
    // A half-width the untapered batch reaches at some chunk end after the minimum: the tapered one
    // (whose first block ends at 4, 8, ...) must stop at the same count, not at an earlier piece.
    const rule = { targets: [{ metric: 'deaths', halfWidth: reference.accumulator.metric('deaths').halfWidth()! * 1.5 }], minReplications: 2 };
    const plain = await runScoreBatch(new InProcessRunner(), prepared, { replications: 60, chunkSize: 20, precision: rule });
    const taperedRule = await runScoreBatch(new InProcessRunner(), prepared, { replications: 60, chunkSize: 20, taper: true, precision: rule });
    expect(plain.outcome.stoppedEarly).toBe(true);
    expect(plain.outcome.replications).toBeLessThan(60);
    expect(taperedRule.outcome).toEqual(plain.outcome);
    expect(JSON.stringify(taperedRule.accumulator.toJSON())).toBe(JSON.stringify(plain.accumulator.toJSON()));
  });
});

