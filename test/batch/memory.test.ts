/**
 * Memory stays flat in N (docs/architecture.md section 9): 20,000 replications of the tiny scenario on the pool, the
 * coordinator's heap measured after a full GC at 5,000 and at 20,000 merged replications. What the
 * coordinator holds is one ScorecardAccumulator and a bounded window of chunk results; a leak of even 100
 * bytes per replication (a kept result, a growing list) would add 1.5 MB over the 15,000 between the two
 * measurements.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PoolRunner } from '../../engine/batch/index.js';
import { prepareScoreBatch } from '../../models/study/payload.js';
import { runScoreBatch } from '../../models/study/score-job.js';
import { TINY } from './helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('a 20,000-replication batch', () => {
  it('keeps the coordinator heap flat between 5,000 and 20,000 replications', async () => {
    const prepared = prepareScoreBatch(TINY, undefined, { seed: 'memory' });
    const heap = new Map<number, number>();
    let records = 0;
    const { accumulator, outcome } = await runScoreBatch(new PoolRunner({ workers: 2 }), prepared, {
      replications: 20_000,
      onProgress: (p) => {
        if (p.done === 5_000 || p.done === 20_000) heap.set(p.done, heapAfterGc());
      },
      onRecord: () => void (records += 1),
    });
    expect(outcome).toEqual({ replications: 20_000, partial: false, stoppedEarly: false });
    expect(accumulator.replications).toBe(20_000);
    expect(records).toBe(0);
    const growth = heap.get(20_000)! - heap.get(5_000)!;
    expect(growth).toBeLessThan(1 * 2 ** 20);
  });
});
