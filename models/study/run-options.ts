import type { BatchProgress } from '../../engine/batch/types.js';

/** How a study runs on a BatchRunner: the chunking is the caller's, never the worker count's. */
export interface StudyRunOptions {
  /** Evaluations per chunk (replications for a comparison, (point, replication) pairs for points). */
  chunkSize?: number;
  onProgress?: (progress: BatchProgress) => void;
  signal?: AbortSignal;
}

/** Replications per chunk when nobody says otherwise: small enough for a responsive progress line. */
export const DEFAULT_STUDY_CHUNK = 10;
