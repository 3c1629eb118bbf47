/** Names shared by the distributed coordinator and its workers (they must agree; nothing else does). */

/** The BullMQ queue chunks go through, unless both sides are told another. */
export const DEFAULT_QUEUE = 'drillsim-chunks';

/** Redis key of a batch's payload, stored once per batch (not in every job) with a TTL. */
export function payloadKey(queue: string, batch: string): string {
  return `drillsim:${queue}:batch:${batch}:payload`;
}

/**
 * BullMQ job id of a chunk (custom ids may not contain ':' nor be integers). `round` counts re-submissions
 * after Redis lost the batch's state: a new id, so that a stale worker finishing the old job cannot
 * complete the new one, and the old id's leftovers cannot shadow it.
 */
export function chunkJobId(batch: string, chunk: number, round = 0): string {
  return round === 0 ? `${batch}-c${chunk}` : `${batch}-c${chunk}-r${round}`;
}

/** Redis key of a BullMQ job's hash, and of its lock (present while a live worker holds the job). */
export function jobKey(queue: string, jobId: string): string {
  return `bull:${queue}:${jobId}`;
}
export function jobLockKey(queue: string, jobId: string): string {
  return `bull:${queue}:${jobId}:lock`;
}

/** What a chunk job carries: the batch, where its job module is, the range. */
export interface ChunkJobData {
  batch: string;
  /** A machine-independent module reference (modules.ts toModuleRef). */
  module: string;
  chunk: number;
  start: number;
  count: number;
}
