/**
 * The BatchRunner the study commands use. INTERIM: the in-process runner for any worker count, until
 * engine/batch's pool lands (then `workers` picks the pool size; the results do not change).
 */
import type { BatchRunner } from '../../engine/batch/types.js';
import { LocalRunner } from './local-runner.js';

export function createStudyRunner(_workers?: number): BatchRunner {
  return new LocalRunner();
}
