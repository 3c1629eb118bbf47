/**
 * What the study commands (compare, sweep, screen) share besides their options: the batch runner for a
 * number of evaluations, and the progress line with its Ctrl-C handling.
 */
import { Presets, SingleBar } from 'cli-progress';
import type { BatchProgress, BatchRunner } from '../../engine/batch/index.js';
import { DEFAULT_STUDY_CHUNK } from '../../models/study/run-options.js';
import { EXIT_INTERRUPTED } from './exit.js';
import { parseRunnerOptions, type RunnerOptions } from './options.js';
import { cliBatchRunner, parseWaitWorkers, plainRedisError, type RedisModeOptions } from './redis-mode.js';

/** The runner options of a study command, checked: --workers, --redis and --wait-workers (redis-mode.ts). */
export function parseStudyRunner(opts: RunnerOptions & RedisModeOptions): { workers: number; redis: string | null; waitWorkersMs: number } {
  const parsed = parseRunnerOptions(opts);
  return { ...parsed, waitWorkersMs: parseWaitWorkers(opts, parsed.redis) };
}

/** The runner for `evaluations` runs in chunks of DEFAULT_STUDY_CHUNK (redis-mode.ts cliBatchRunner). */
export function studyRunner(parsed: { workers: number; redis: string | null; waitWorkersMs: number }, evaluations: number): BatchRunner {
  return cliBatchRunner(parsed, evaluations, DEFAULT_STUDY_CHUNK);
}

/** Run a study on its runner: Redis-mode failures become plain messages (exit 1); the runner is closed. */
export async function runStudy<T>(runner: BatchRunner, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw plainRedisError(err);
  } finally {
    await runner.close();
  }
}

export interface StudyProgress {
  onProgress?: (p: BatchProgress) => void;
  signal: AbortSignal;
  /** True once Ctrl-C was pressed. */
  interrupted(): boolean;
  /** Stop the bar and the Ctrl-C handler. */
  done(): void;
}

/**
 * A progress line on stderr when it is a terminal and --json is off. The first Ctrl-C stops the batch
 * (results so far are printed, marked partial, exit code 130); a second one exits at once.
 */
export function studyProgress(label: string, json: boolean | undefined): StudyProgress {
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT_INTERRUPTED);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const bar =
    json !== true && process.stderr.isTTY === true
      ? new SingleBar(
          { format: `${label} [{bar}] {value}/{total} | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
          Presets.shades_classic,
        )
      : null;
  let started = false;
  return {
    signal: controller.signal,
    ...(bar !== null
      ? {
          onProgress: (p: BatchProgress) => {
            if (!started) {
              bar.start(p.total, 0);
              started = true;
            }
            bar.update(p.done);
          },
        }
      : {}),
    interrupted: () => interrupts > 0,
    done: () => {
      process.off('SIGINT', onSigint);
      if (started) bar?.stop();
    },
  };
}
