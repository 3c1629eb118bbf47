/**
 * The option parsers and defaults that several commands share, so that `--seed`, `--replications`,
 * `--workers` and `--redis` are read (and refused) the same way by every command. Each parser throws a
 * CliError with exit code 2 that names the option and quotes what was given; they run before anything is
 * loaded or written.
 */
import { defaultWorkerCount } from '../../engine/batch/pool.js';
import type { MasterSeed } from '../../engine/random/index.js';
import { MAX_REPLICATIONS } from '../../models/schema/limits.js';
import { CliError, EXIT_BAD_INPUT } from './exit.js';

/** `--seed` when none is given. */
export const DEFAULT_SEED = 1;
/**
 * Option declarations several commands share (flags, help, default), so their help reads the same
 * everywhere: `.option(...SEED_OPTION)`.
 */
export const PLAN_OPTION: [string, string] = ['--plan <file>', "contingency plan (default: the scenario's own plan)"];
export const SEED_OPTION: [string, string, string] = ['--seed <seed>', 'master seed: a whole number or a string', String(DEFAULT_SEED)];
export const WORKERS_OPTION: [string, string] = ['--workers <n>', 'worker threads (default: the number of cores; 0 or 1: run in this thread)'];

/** `--data` of `drillsim serve` and `drillsim token`: the server's data directory. */
export const DEFAULT_DATA_DIR = './drillsim-data';

/** Numeric master seeds are integers in [0, 2^53] (engine/random/seed.ts). */
const MAX_NUMERIC_SEED = 2 ** 53;

/** A whole number in [min, max] for option `name`. */
export function parseWhole(name: string, text: string, min: number, max: number): number {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new CliError(`${name} must be a whole number from ${min} to ${max}, got '${text}'`, EXIT_BAD_INPUT);
  return n;
}

/** A whole number in [min, max] for a named option, by default a count from 1 to a million. */
export function parseCount(option: string, text: string, min = 1, max = 1_000_000): number {
  return parseWhole(option, text, min, max);
}

/**
 * `--replications` (or `--max`): an integer from 1 to MAX_REPLICATIONS written in decimal digits: the
 * one ceiling of the CLI, the API and docs/schemas.md (models/schema/limits.ts).
 */
export function parseReplications(text: string, option = '--replications'): number {
  const t = text.trim();
  const n = /^\d+$/.test(t) ? Number(t) : NaN;
  if (!(n >= 1 && n <= MAX_REPLICATIONS)) {
    throw new CliError(`${option} must be a whole number from 1 to ${MAX_REPLICATIONS.toLocaleString('en-US')}, got '${text}'`, EXIT_BAD_INPUT);
  }
  return n;
}

/**
 * `--seed`: digits give a numeric seed (0 .. 2^53); any other non-empty text is a string seed ("drill-2024").
 * Text that looks like a number but is not a whole number in range (-1, 1.5, 1e3) is refused rather than
 * silently taken as a string: the user meant a number.
 */
export function parseSeed(text: string): MasterSeed {
  const t = text.trim();
  if (t === '') throw new CliError("--seed must be a whole number or a non-empty string, got ''", EXIT_BAD_INPUT);
  if (/^\d+$/.test(t)) {
    // Compared exactly: Number() would round 2^53 + 1 down to 2^53 and let it through.
    if (BigInt(t) > BigInt(MAX_NUMERIC_SEED)) throw new CliError(`--seed: a numeric seed must be at most 2^53 (${MAX_NUMERIC_SEED}), got ${t}`, EXIT_BAD_INPUT);
    return Number(t);
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    throw new CliError(`--seed must be a whole number from 0 to 2^53 (or a non-numeric string), got '${text}'`, EXIT_BAD_INPUT);
  }
  return text;
}

/** `--redis`: a redis:// or rediss:// URL. */
export function parseRedisUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError(`--redis must be a URL such as redis://127.0.0.1:6379, got '${text}'`, EXIT_BAD_INPUT);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new CliError(`--redis must be a redis:// or rediss:// URL, got '${text}'`, EXIT_BAD_INPUT);
  }
  return text;
}

/** `--wait-workers` when none is given: how long `run --redis` waits for a worker to take a chunk. */
export const DEFAULT_WAIT_WORKERS = '2m';

/**
 * A duration option: a number with a unit, `500ms`, `90s`, `2m` (or `2min`), `1h`; a bare number is
 * seconds. Returns milliseconds, from 1 s to a day.
 */
export function parseDuration(name: string, text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?\s*$/.exec(text);
  const unit = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 }[(m?.[2] ?? 's') as 'ms' | 's' | 'm' | 'min' | 'h'];
  const ms = m !== null ? Math.round(Number(m[1]) * unit) : NaN;
  if (!(ms >= 1000 && ms <= 86_400_000)) {
    throw new CliError(`${name} must be a duration from 1s to 24h such as 30s, 2m or 1h, got '${text}'`, EXIT_BAD_INPUT);
  }
  return ms;
}

/** Commander's collector for a repeatable option (`--plan A --plan B`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The runner options of the commands that run batches. */
export interface RunnerOptions {
  workers?: string;
  redis?: string;
  json?: boolean;
}

/** `--workers` (default: one per core; 0 or 1 run in this thread) and `--redis`. */
export function parseRunnerOptions(opts: RunnerOptions): { workers: number; redis: string | null } {
  const workers = opts.workers !== undefined ? parseWhole('--workers', opts.workers, 0, 1024) : defaultWorkerCount();
  return { workers, redis: opts.redis !== undefined ? parseRedisUrl(opts.redis) : null };
}
