/**
 * Issue 19, per-token quotas and a fair queue: one author's huge batch must not hold the queue for hours.
 * A token over its cap of queued/running batches or replications gets a 429 (a 422 for a batch larger
 * than the whole cap); batches of different tokens take turns, and a batch that yields its slot resumes
 * to exactly the result it would have had alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchOutcome, BatchRunner, BatchRunOptions } from '../../engine/batch/types.js';
import { FairQueue } from '../../api/http/batches/fair-queue.js';
import { call, expectError, seedTestvale, testServer, waitForBatch } from './helpers.js';

/** A runner that never finishes a chunk until it is aborted: batches stay running while quotas are probed. */
class StuckRunner implements BatchRunner {
  run<P, R>(_job: unknown, options: BatchRunOptions<R>): Promise<BatchOutcome> {
    return new Promise((resolve) => options.signal?.addEventListener('abort', () => resolve({ replications: 0, partial: true, stoppedEarly: false })));
  }
  async close(): Promise<void> {}
}

type Server = Awaited<ReturnType<typeof testServer>>;

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

describe('per-token quotas', () => {
  let s: Server | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('429 over the cap of queued/running replications or batches, per token; 422 for a batch over the whole cap', async () => {
    s = await testServer({ runnerFactory: () => new StuckRunner(), quotas: { maxActiveReplications: 100, maxActiveBatches: 3 } });
    await seedTestvale(s.app);
    const a = bearer(s.tokens.create('author', 'a').token);
    const b = bearer(s.tokens.create('author', 'b').token);
    const batch = (replications: number, who: Record<string, string>) => call(s!.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 1, replications }, who);

    expect((await batch(80, a)).status).toBe(202);
    const over = await batch(30, a);
    expectError(over, 429, 'quota-exceeded');
    expect(over.body.details[0]).toMatchObject({ path: '/replications', message: expect.stringContaining('at most 20 now') });
    expect(over.body.message).toMatch(/80 replications queued or running/);
    // Another token has its own room; comparisons count too.
    expect((await batch(100, b)).status).toBe(202);
    expectError(await call(s.app, 'POST', '/v1/compare', { scenario: 'testvale-flood', planA: 'testvale-basic', planB: 'testvale-basic-late', seed: 1, replications: 5 }, b), 429, 'quota-exceeded');
    expectError(await batch(101, a), 422, 'over-quota');

    // The batch count: three small ones fit (80 + 10 + 10 = 100), a fourth does not.
    expect((await batch(10, a)).status).toBe(202);
    expect((await batch(10, a)).status).toBe(202);
    const fourth = await batch(1, a);
    expectError(fourth, 429, 'quota-exceeded');
    expect(fourth.body.message).toMatch(/3 batches queued or running/);

    // Cancelling frees the room at once.
    const list = await call(s.app, 'GET', '/v1/batches');
    const mine = list.body.items.find((i: { replications: number }) => i.replications === 80);
    expect((await call(s.app, 'DELETE', `/v1/batches/${mine.id}`, undefined, a)).status).toBe(202);
    await waitForBatch(s.app, mine.id);
    expect((await batch(60, a)).status).toBe(202);
  });

  it('the local user without a token has a quota too', async () => {
    s = await testServer({ runnerFactory: () => new StuckRunner(), quotas: { maxActiveBatches: 1 } });
    await seedTestvale(s.app);
    expect((await call(s.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 1, replications: 10 })).status).toBe(202);
    expectError(await call(s.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 1, replications: 10 }), 429, 'quota-exceeded');
  });
});

describe('the fair queue', () => {
  it('takes from the token served least recently, oldest first within a token; a yielding batch goes first in its token', () => {
    const q = new FairQueue();
    for (const id of ['a1', 'a2', 'a3']) q.push(id, 'A');
    q.push('b1', 'B');
    q.push('b2', 'B');
    expect(q.shift()).toBe('a1');
    q.push('c1', 'C'); // a newcomer, never served: next
    expect([q.shift(), q.shift()]).toEqual(['b1', 'c1']);
    q.push('a1', 'A', true); // a1 yielded its slot
    expect(q.othersWaiting('A')).toBe(true);
    expect([q.shift(), q.shift(), q.shift(), q.shift()]).toEqual(['a1', 'b2', 'a2', 'a3']);
    expect(q.remove('zz')).toBe(false);
    expect(q.size).toBe(0);
    expect(q.othersWaiting('A')).toBe(false);
  });

  let s: Server | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("interleaves tokens: B's small batches finish while A's big one is still going, and A's result is as if it ran alone", async () => {
    s = await testServer({ startBatches: false, quotas: { sliceMs: 0 } });
    await seedTestvale(s.app);
    const a = bearer(s.tokens.create('author', 'a').token);
    const b = bearer(s.tokens.create('author', 'b').token);
    const big = await call(s.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 5, replications: 120 }, a);
    const a2 = await call(s.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 6, replications: 20 }, a);
    const small1 = await call(s.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 7, replications: 20 }, b);
    const small2 = await call(s.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 8, replications: 20 }, b);
    const order: string[] = [];
    for (const x of [big, a2, small1, small2]) s.batches.subscribe(x.body.id, (e) => e.type === 'done' && order.push(x.body.id));
    s.batches.start();
    const done = await waitForBatch(s.app, big.body.id);
    await waitForBatch(s.app, a2.body.id);
    expect(done.status).toBe('done');
    expect(done.progress).toMatchObject({ done: 120, total: 120 });
    // B's batches did not wait behind both of A's: they finished before A's big batch (which took turns).
    expect(order.indexOf(small1.body.id)).toBeLessThan(order.indexOf(big.body.id));
    expect(order.indexOf(small2.body.id)).toBeLessThan(order.indexOf(big.body.id));

    // The same batch on a server of its own, never yielding: the identical scorecard.
    const alone = await testServer();
    await seedTestvale(alone.app);
    const solo = await call(alone.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 5, replications: 120 });
    const soloDone = await waitForBatch(alone.app, solo.body.id);
    expect(done.results).toEqual(soloDone.results);
    await alone.close();
  });

  it('a batch cancelled while it yields its slot ends cancelled, not requeued', async () => {
    s = await testServer({ startBatches: false, quotas: { sliceMs: 0 } });
    await seedTestvale(s.app);
    const a = bearer(s.tokens.create('author', 'a').token);
    const b = bearer(s.tokens.create('author', 'b').token);
    const big = await call(s.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 5, replications: 200 }, a);
    await call(s.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', seed: 7, replications: 100 }, b);
    let cancelled = false;
    s.batches.subscribe(big.body.id, (e) => {
      if (!cancelled && e.type === 'progress' && e.data['status'] === 'queued') {
        cancelled = true;
        s!.batches.cancel(big.body.id);
      }
    });
    s.batches.start();
    const final = await waitForBatch(s.app, big.body.id);
    expect(cancelled).toBe(true);
    expect(final.status).toBe('cancelled');
    expect(final.partial).toBe(true);
  });
});
