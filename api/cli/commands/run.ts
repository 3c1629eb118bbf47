/**
 * `drillsim run <scenario> [--plan <file>] [--replications N] [--seed S] [--json] [--trace <file>]`:
 * run a batch of replications and print the scorecard (a table, or with --json the scorecard object and
 * nothing else). `--trace` writes replication 0's events as NDJSON.
 *
 * Order of work, so that bad input writes nothing: options are checked, then the scenario and plan are
 * loaded (InputError -> exit 2 with located errors), and only then is the trace file opened. The trace is
 * written under a temporary name and renamed into place when the batch has finished.
 *
 * Replications run here one after another, in chunks merged in replication order (models/scoring/batch.ts);
 * the worker-pool runner replaces that loop without changing the result.
 */
import { resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { MasterSeed } from '../../../engine/random/index.js';
import { runScorecardBatch } from '../../../models/scoring/batch.js';
import type { Scorecard } from '../../../models/scoring/scorecard.js';
import { prepare } from '../../../models/scenario/load.js';
import { CliError, EXIT_BAD_INPUT } from '../exit.js';
import { NdjsonFileWriter } from '../format/ndjson.js';
import { renderScorecard } from '../format/scorecard.js';

export const DEFAULT_REPLICATIONS = 100;
export const DEFAULT_SEED = 1;
/** Replication indices are uint32 (engine/random/seed.ts). */
const MAX_REPLICATIONS = 0xffffffff;
/** Numeric master seeds are integers in [0, 2^53] (engine/random/seed.ts). */
const MAX_NUMERIC_SEED = 2 ** 53;

export interface RunOptions {
  plan?: string;
  replications: string;
  seed: string;
  json?: boolean;
  trace?: string;
}

/** `--replications`: an integer >= 1 written in decimal digits. */
export function parseReplications(text: string): number {
  const t = text.trim();
  const n = /^\d+$/.test(t) ? Number(t) : NaN;
  if (!(n >= 1 && n <= MAX_REPLICATIONS)) {
    throw new CliError(`--replications must be a whole number from 1 to ${MAX_REPLICATIONS}, got '${text}'`, EXIT_BAD_INPUT);
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

function openTrace(file: string): NdjsonFileWriter {
  try {
    return new NdjsonFileWriter(resolve(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot write the trace file ${file}${code !== undefined ? ` (${code})` : ''}`, EXIT_BAD_INPUT);
  }
}

/** Run the batch the options describe; returns the scorecard (the command prints it). */
export function runCommand(scenarioFile: string, opts: RunOptions): Scorecard {
  const replications = parseReplications(opts.replications);
  const seed = parseSeed(opts.seed);
  const { scenario, plan } = prepare(scenarioFile, opts.plan);
  const trace = opts.trace !== undefined ? openTrace(opts.trace) : null;
  const showProgress = opts.json !== true && process.stderr.isTTY === true;
  const bar = showProgress
    ? new SingleBar(
        { format: 'replications [{bar}] {value}/{total}  {eta_formatted} left', stream: process.stderr, hideCursor: true, clearOnComplete: true },
        Presets.shades_classic,
      )
    : null;
  try {
    bar?.start(replications, 0);
    const acc = runScorecardBatch(scenario, plan, seed, replications, {
      ...(trace !== null ? { trace: { replication: 0, sink: (e) => trace.write(e) } } : {}),
      onProgress: (done) => bar?.update(done),
    });
    bar?.stop();
    trace?.commit();
    if (trace !== null && opts.json !== true) process.stderr.write(`trace: ${trace.lines} events of replication 0 written to ${trace.file}\n`);
    return acc.result();
  } catch (err) {
    bar?.stop();
    trace?.abort();
    throw err;
  }
}

export function register(program: Command): void {
  program
    .command('run')
    .description('run replications of a scenario under a plan and print the scorecard')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--plan <file>', "contingency plan (default: the scenario's own plan)")
    .option('--replications <n>', 'number of replications', String(DEFAULT_REPLICATIONS))
    .option('--seed <seed>', 'master seed: a whole number or a string', String(DEFAULT_SEED))
    .option('--json', 'print the scorecard as one JSON object and nothing else')
    .option('--trace <file>', "write replication 0's events to this file as NDJSON")
    .action((scenarioFile: string, opts: RunOptions) => {
      const card = runCommand(scenarioFile, opts);
      process.stdout.write(opts.json === true ? `${JSON.stringify(card, null, 2)}\n` : renderScorecard(card));
    });
}
