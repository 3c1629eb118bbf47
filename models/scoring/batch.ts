/**
 * Replications in chunks of consecutive indices, each chunk summarised by a ScorecardAccumulator and the
 * chunks merged in replication order (docs/architecture.md section 7). This module runs the chunks one after another
 * in this thread; the worker-pool runner (engine/batch) runs the same `runScorecardChunk` on workers,
 * ships `toJSON()` back and merges with `ScorecardAccumulator.fromJSON` - the result is the same object.
 *
 * Nothing here reads the clock or shared state: a chunk is a pure function of (scenario, plan, seed,
 * first, end), as each replication is of (scenario, plan, seed, index).
 */
import type { MasterSeed } from '../../engine/random/index.js';
import type { CompiledPlan } from '../plan/compile.js';
import { runReplication, type ReplicationOptions } from '../replication.js';
import type { CompiledScenario } from '../scenario/compile.js';
import type { SimEvent } from '../world/events.js';
import { ScorecardAccumulator, scorecardSpec, type ScorecardSpec } from './scorecard.js';

/** Replications per chunk when nobody says otherwise: small enough for a responsive progress line. */
export const DEFAULT_CHUNK_SIZE = 10;

export interface ChunkOptions {
  /** Trace one replication's events (`drillsim run --trace`): only when that index is in the chunk. */
  trace?: { replication: number; sink: (event: SimEvent) => void };
  /** Passed to every replication (sweeps pin parameters). */
  overrides?: ReplicationOptions['overrides'];
}

/** Run replications [first, end) and summarise them. */
export function runScorecardChunk(
  scenario: CompiledScenario,
  plan: CompiledPlan,
  seed: MasterSeed,
  first: number,
  end: number,
  options: ChunkOptions = {},
  spec: ScorecardSpec = scorecardSpec(scenario, plan, seed),
): ScorecardAccumulator {
  if (!Number.isInteger(first) || !Number.isInteger(end) || first < 0 || end < first) {
    throw new RangeError(`runScorecardChunk: need integers 0 <= first <= end, got [${first}, ${end})`);
  }
  const acc = new ScorecardAccumulator(spec, first);
  for (let i = first; i < end; i++) {
    const traced = options.trace !== undefined && options.trace.replication === i;
    const replicationOptions: ReplicationOptions = {
      ...(traced ? { trace: options.trace!.sink } : {}),
      ...(options.overrides !== undefined ? { overrides: options.overrides } : {}),
    };
    acc.add(runReplication(scenario, plan, seed, i, replicationOptions));
  }
  return acc;
}

export interface BatchOptions extends ChunkOptions {
  chunkSize?: number;
  /** After each chunk: replications done so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** Cut [0, n) into chunks in order (the last one may be shorter). */
export function chunkRanges(n: number, chunkSize: number): Array<[number, number]> {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`chunkRanges: n must be an integer >= 0, got ${n}`);
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkRanges: chunk size must be an integer >= 1, got ${chunkSize}`);
  const out: Array<[number, number]> = [];
  for (let from = 0; from < n; from += chunkSize) out.push([from, Math.min(n, from + chunkSize)]);
  return out;
}

/** Replications 0..n-1, chunk by chunk in this thread, merged in replication order. */
export function runScorecardBatch(
  scenario: CompiledScenario,
  plan: CompiledPlan,
  seed: MasterSeed,
  replications: number,
  options: BatchOptions = {},
): ScorecardAccumulator {
  const spec = scorecardSpec(scenario, plan, seed);
  const total = new ScorecardAccumulator(spec);
  for (const [from, to] of chunkRanges(replications, options.chunkSize ?? DEFAULT_CHUNK_SIZE)) {
    total.merge(runScorecardChunk(scenario, plan, seed, from, to, options, spec));
    options.onProgress?.(to, replications);
  }
  return total;
}
