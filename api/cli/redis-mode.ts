/**
 * Redis mode, the same for every command that runs batches (run, compare, sweep, screen): the `--redis`
 * and `--wait-workers` options with one help text, the runner (the BullMQ coordinator that says on stderr
 * when no worker has taken a chunk for 10 s and gives up after --wait-workers, or local threads), and one
 * rule for its failures: Redis unreachable or lost, no workers, a chunk failed on a worker are plain
 * messages with exit 1, never "internal error" (issue 19 row 7).
 */
import type { Command } from 'commander';
import { chunkCount, createBatchRunner, type BatchRunner } from '../../engine/batch/index.js';
import { DistributedRunner, RedisModeError } from '../../engine/batch/distributed.js';
import { CliError, EXIT_BAD_INPUT, EXIT_FAILURE } from './exit.js';
import { DEFAULT_WAIT_WORKERS, parseDuration } from './options.js';

export interface RedisModeOptions {
  redis?: string;
  /** With --redis: how long to wait for a worker to take a chunk before giving up (default DEFAULT_WAIT_WORKERS). */
  waitWorkers?: string;
}

/** Add `--redis` and `--wait-workers` to a command. */
export function redisModeOptions(command: Command): Command {
  return command
    .option('--redis <url>', 'run the chunks on `drillsim worker` processes through this Redis')
    .option(
      '--wait-workers <duration>',
      `with --redis: give up (exit 1) when no worker has taken a chunk for this long, e.g. 30s, 5m (default ${DEFAULT_WAIT_WORKERS}); a notice on stderr after 10 s`,
    );
}

/** `--wait-workers` in ms; exit 2 when it is given without --redis or is no duration. */
export function parseWaitWorkers(opts: RedisModeOptions, redis: string | null): number {
  if (opts.waitWorkers !== undefined && redis === null) throw new CliError('--wait-workers goes with --redis', EXIT_BAD_INPUT);
  return parseDuration('--wait-workers', opts.waitWorkers ?? DEFAULT_WAIT_WORKERS);
}

/**
 * The runner for `evaluations` runs in chunks of `chunkSize` (tapered or not, chunks.ts): the Redis coordinator with --redis (never
 * waiting silently: its notices go to stderr), else local threads (0 or 1: this thread), never more
 * threads than chunks.
 */
export function cliBatchRunner(parsed: { workers: number; redis: string | null; waitWorkersMs: number }, evaluations: number, chunkSize: number, taper = false): BatchRunner {
  if (parsed.redis !== null) {
    return new DistributedRunner({ redis: parsed.redis, waitWorkersMs: parsed.waitWorkersMs, notice: (line) => void process.stderr.write(`drillsim: ${line}\n`) });
  }
  return createBatchRunner({ workers: Math.min(parsed.workers, chunkCount(evaluations, chunkSize, taper)) });
}

/** A Redis-mode failure as the plain message it is (exit 1); anything else unchanged. */
export function plainRedisError(err: unknown): unknown {
  return err instanceof RedisModeError ? new CliError(err.message, EXIT_FAILURE) : err;
}
