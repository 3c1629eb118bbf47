/** Names shared by the distributed coordinator and its workers (they must agree; nothing else does). */

/** The BullMQ queue chunks go through, unless both sides are told another. */
export const DEFAULT_QUEUE = 'drillsim-chunks';

/** Redis key of a batch's payload, stored once per batch (not in every job) with a TTL. */
export function payloadKey(queue: string, batch: string): string {
  return `drillsim:${queue}:batch:${batch}:payload`;
}

/** BullMQ job id of a chunk (custom ids may not contain ':' nor be integers). */
export function chunkJobId(batch: string, chunk: number): string {
  return `${batch}-c${chunk}`;
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
