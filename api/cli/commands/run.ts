/**
 * `drillsim run <scenario> [--plan <file>] [--replications N] [--seed S] [--json] [--trace <file>]
 *   [--workers N] [--precision metric=halfwidth[,...] [--max N]] [--out <file>.ndjson] [--redis <url>] [--by <table>]`:
 * run a batch of replications and print the scorecard (a table, or with --json the scorecard object and
 * nothing else). `--trace` writes replication 0's events as NDJSON; `--out` one record per replication.
 *
 * Order of work, so that bad input writes nothing: options are checked, then the scenario and plan are
 * loaded (InputError -> exit 2 with located errors), and only then are output files opened. They are
 * written under temporary names and renamed into place when the batch has finished.
 *
 * Replications run in chunks on engine/batch (in this thread with --workers 0 or 1, on worker threads, or
 * on `drillsim worker` processes with --redis) and are merged in replication order, so the scorecard is the
 * same for any of them. Ctrl-C stops the batch and prints the chunks merged so far, marked "partial": true,
 * with exit code 130; a second Ctrl-C exits at once.
 */
import { resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { commandDescription } from '../commands.js';
import { DEFAULT_CHUNK_SIZE } from '../../../engine/batch/chunks.js';
import { DEFAULT_MIN_REPLICATIONS, parsePrecision, type PrecisionTarget } from '../../../engine/batch/stopping.js';
import type { BatchProgress, BatchRunner } from '../../../engine/batch/types.js';
import type { MasterSeed } from '../../../engine/random/index.js';
import { mark } from '../../../engine/timings.js';
import type { CompiledPlan } from '../../../models/plan/compile.js';
import type { CompiledScenario } from '../../../models/scenario/compile.js';
import type { Scorecard } from '../../../models/scoring/scorecard.js';
import { CliError, EXIT_BAD_INPUT, EXIT_INTERRUPTED } from '../exit.js';
import { NdjsonFileWriter } from '../format/ndjson.js';
import { BREAKDOWN_BY, breakdownTableFor } from '../../../models/scoring/breakdown-table.js';
import type { BreakdownTable } from '../../../models/scoring/breakdown-types.js';
import { parseReplications, parseRunnerOptions, parseSeed, PLAN_OPTION, SEED_OPTION, WORKERS_OPTION } from '../options.js';
import { cliBatchRunner, parseWaitWorkers, plainRedisError, redisModeOptions, type RedisModeOptions } from '../redis-mode.js';

/**
 * The job module of a run, by its package reference: the pool starts loading it on its threads before
 * this thread has loaded the model itself (models/study/score-job.ts exports the same module's URL).
 */
const SCORE_JOB_REF = 'pkg:models/study/score-job';

/**
 * What a run needs besides its options, loaded once the options are checked and the workers are
 * starting: the model (scenario loading, the score job) and the scorecard's formatting. A bad option
 * fails before any of it is loaded; `drillsim run --help` never loads it.
 */
async function loadRunModules() {
  const [payload, scoreJob, scorecard, replication, metrics, format, reachability] = await Promise.all([
    import('../../../models/study/payload.js'),
    import('../../../models/study/score-job.js'),
    import('../../../models/scoring/scorecard.js'),
    import('../../../models/replication.js'),
    import('../../../models/scoring/metrics.js'),
    import('../format/scorecard.js'),
    import('../../../models/region/reachability.js'),
  ]);
  return { ...payload, ...scoreJob, unscoredMetrics: scorecard.unscoredMetrics, ...replication, ...metrics, ...format, ...reachability };
}

export const DEFAULT_REPLICATIONS = 100;

/** Maximum replications of a precision rule when --max is not given (docs/models/engine.md section 5). */
export const DEFAULT_PRECISION_MAX = 10_000;

export interface RunOptions extends RedisModeOptions {
  plan?: string;
  replications: string;
  seed: string;
  json?: boolean;
  trace?: string;
  workers?: string;
  precision?: string;
  max?: string;
  out?: string;
  progress?: boolean;
  by?: string;
}

/** What `drillsim run` prints with --json: the scorecard, plus what the options added. */
export type RunResult = Scorecard & {
  /** Present (true) only when Ctrl-C stopped the batch: the scorecard covers the chunks merged so far. */
  partial?: true;
  /** Present only with --precision: the targets and whether all were reached before --max. */
  precision?: { targets: PrecisionTarget[]; reached: boolean; max: number };
};

function openOutput(file: string, what: string): NdjsonFileWriter {
  try {
    return new NdjsonFileWriter(resolve(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot write the ${what} file ${file}${code !== undefined ? ` (${code})` : ''}`, EXIT_BAD_INPUT);
  }
}

/** A zone the plan orders out that can reach no shelter would silently evacuate nobody: say so first. */
function warnUnreachableShelters(m: RunModules, scenario: CompiledScenario, plan: CompiledPlan): void {
  const actions = plan.levels.flatMap((l) => l.actions);
  const stranded = m.orderedZonesWithoutShelter(scenario.csr, scenario.zones, scenario.region.assets.shelters.map((s) => s.node), actions);
  for (const id of stranded) {
    process.stderr.write(`warning: zone '${id}' is ordered to evacuate but no shelter can be reached from it on foot or by car (drillsim validate <region> names the nearest fix)\n`);
  }
}

interface ParsedRun {
  replications: number;
  seed: MasterSeed;
  workers: number;
  redis: string | null;
  precision: PrecisionTarget[] | null;
  by: BreakdownTable | null;
}

/** Check every option before anything is loaded or written (metricNames: those --precision may name). */
export function parseRunOptions(opts: RunOptions, replicationsGiven: boolean, metricNames: readonly string[]): ParsedRun {
  const seed = parseSeed(opts.seed);
  const { workers, redis } = parseRunnerOptions(opts);
  const by = opts.by !== undefined ? breakdownTableFor(opts.by) : null;
  if (opts.by !== undefined && by === null) {
    throw new CliError(`--by '${opts.by}': expected one of ${Object.keys(BREAKDOWN_BY).join(', ')}`, EXIT_BAD_INPUT);
  }
  if (opts.precision === undefined) {
    if (opts.max !== undefined) throw new CliError('--max goes with --precision (without it, give --replications)', EXIT_BAD_INPUT);
    return { replications: parseReplications(opts.replications), seed, workers, redis, precision: null, by };
  }
  if (replicationsGiven) throw new CliError('--precision stops by itself: give its maximum with --max, not --replications', EXIT_BAD_INPUT);
  const precision = parsePrecision(opts.precision, metricNames);
  const max = opts.max !== undefined ? parseReplications(opts.max, '--max') : DEFAULT_PRECISION_MAX;
  return { replications: max, seed, workers, redis, precision, by };
}

/** The progress bar on a terminal: replications done, rate, ETA. */
function progressBar(json: boolean, forced: boolean, redis: string | null): ((p: BatchProgress) => void) & { stop(): void } {
  const tty = process.stderr.isTTY === true;
  const started = performance.now();
  const rate = (done: number): string => {
    const s = (performance.now() - started) / 1000;
    return s > 0 ? (done / s).toFixed(1) : '-';
  };
  if (tty && (!json || forced)) {
    if (redis !== null) process.stderr.write(`chunks go to ${redis}: start workers with \`drillsim worker --redis ${redis}\`\n`);
    const bar = new SingleBar(
      {
        format: 'replications [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted}',
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
    let running = false;
    return Object.assign(
      (p: BatchProgress) => {
        if (!running) {
          bar.start(p.total, 0, { rate: '-' });
          running = true;
        }
        bar.update(p.done, { rate: rate(p.done) });
      },
      { stop: () => running && bar.stop() },
    );
  }
  if (forced) {
    // --progress without a terminal (logs, CI, tests): one plain line per chunk.
    return Object.assign((p: BatchProgress) => void process.stderr.write(`progress: ${p.done}/${p.total} replications, ${rate(p.done)}/s\n`), { stop: () => {} });
  }
  return Object.assign(() => {}, { stop: () => {} });
}

/**
 * How many replications a run's options ask for (the most, with --precision), checked the way
 * parseRunOptions checks them; known before the model is loaded, so the workers can start.
 */
function plannedReplications(opts: RunOptions): number {
  if (opts.precision !== undefined) return opts.max !== undefined ? parseReplications(opts.max, '--max') : DEFAULT_PRECISION_MAX;
  return parseReplications(opts.replications);
}

/**
 * Run the batch the options describe; returns what the command prints (`format` is the scorecard
 * renderer, loaded with the model).
 *
 * Start-up order, for speed (docs/performance.md, "Start-up, phase by phase"): the runner options are
 * checked and the worker threads started first; they load the model while this thread loads it too and
 * then loads, checks and compiles the scenario. The threads then get the payload and the loaded region
 * once, through shared memory, instead of each loading the region again.
 */
export async function runCommand(scenarioFile: string, opts: RunOptions, replicationsGiven = false): Promise<RunResult & { render(by: BreakdownTable | null): string }> {
  const early = parseRunnerOptions(opts);
  parseSeed(opts.seed);
  const waitWorkersMs = parseWaitWorkers(opts, early.redis);
  // Redis mode never waits silently (redis-mode.ts); locally, never more threads than chunks.
  const runner: BatchRunner = cliBatchRunner({ ...early, waitWorkersMs }, plannedReplications(opts), DEFAULT_CHUNK_SIZE, true);
  try {
    runner.prepare?.(SCORE_JOB_REF);
    const m = await loadRunModules();
    mark('run: model loaded');
    const parsed = parseRunOptions(opts, replicationsGiven, m.METRIC_NAMES);
    const prepared = m.prepareScoreBatch(scenarioFile, opts.plan, { seed: parsed.seed, records: opts.out !== undefined });
    mark('run: scenario and plan loaded and compiled');
    if (parsed.precision !== null) {
      const unscored = m.unscoredMetrics(prepared.plan, parsed.precision.map((t) => t.metric));
      if (unscored.length > 0) {
        const hazards = prepared.scenario.hazards.map((h) => h.kind).join(', ');
        const scored = prepared.plan.metrics.map((x) => x.name).join(', ');
        throw new CliError(`--precision: ${unscored.join(', ')} ${unscored.length === 1 ? 'is' : 'are'} not scored for scenario '${prepared.scenario.id}' (hazards: ${hazards}); its metrics are: ${scored}`, EXIT_BAD_INPUT);
      }
    }
    warnUnreachableShelters(m, prepared.scenario, prepared.plan);
    const card = await runPrepared(runner, m, prepared, parsed, opts);
    return Object.assign(card, { render: (by: BreakdownTable | null) => (by !== null ? m.renderBreakdown(card, by) : m.renderScorecard(card)) });
  } finally {
    await runner.close();
  }
}

type RunModules = Awaited<ReturnType<typeof loadRunModules>>;

async function runPrepared(
  runner: BatchRunner,
  m: RunModules,
  prepared: ReturnType<RunModules['prepareScoreBatch']>,
  parsed: ParsedRun,
  opts: RunOptions,
): Promise<RunResult> {
  const trace = opts.trace !== undefined ? openOutput(opts.trace, 'trace') : null;
  let out: NdjsonFileWriter | null = null;
  try {
    out = opts.out !== undefined ? openOutput(opts.out, 'output') : null;
  } catch (err) {
    trace?.abort();
    throw err;
  }
  const progress = progressBar(opts.json === true, opts.progress === true, parsed.redis);
  const abort = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT_INTERRUPTED);
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    let first = true;
    const { accumulator, outcome } = await m.runScoreBatch(runner, prepared, {
      replications: parsed.replications,
      chunkSize: DEFAULT_CHUNK_SIZE,
      taper: true,
      ...(parsed.precision !== null ? { precision: { targets: parsed.precision, minReplications: DEFAULT_MIN_REPLICATIONS } } : {}),
      ...(out !== null ? { onRecord: (r) => out!.write(r) } : {}),
      onProgress: (p) => {
        if (first) mark('run: first chunk merged');
        first = false;
        progress(p);
      },
      signal: abort.signal,
    });
    mark('run: batch done');
    progress.stop();
    if (trace !== null) {
      // Replication 0 again, here, with a sink: a replication is a pure function of its index, so this is
      // the run the batch made, whichever worker made it.
      m.runReplication(prepared.scenario, prepared.plan, parsed.seed, 0, { trace: (e) => trace.write(e) });
      trace.commit();
      if (opts.json !== true) process.stderr.write(`trace: ${trace.lines} events of replication 0 written to ${trace.file}\n`);
    }
    out?.commit();
    if (out !== null && opts.json !== true) process.stderr.write(`out: ${out.lines} replication records written to ${out.file}\n`);
    const card: RunResult = accumulator.result();
    if (outcome.partial) {
      card.partial = true;
      process.exitCode = EXIT_INTERRUPTED;
      if (opts.json !== true) process.stderr.write(`interrupted: ${outcome.replications} of ${parsed.replications} replications merged (partial results)\n`);
    }
    if (parsed.precision !== null) card.precision = { targets: parsed.precision, reached: outcome.stoppedEarly, max: parsed.replications };
    return card;
  } catch (err) {
    progress.stop();
    trace?.abort();
    out?.abort();
    // Redis unreachable or lost, no workers: a plain message and exit 1, not "internal error".
    throw plainRedisError(err);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

export function register(program: Command): void {
  redisModeOptions(program.command('run'))
    .description(commandDescription('run'))
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option(...PLAN_OPTION)
    .option('--replications <n>', 'number of replications', String(DEFAULT_REPLICATIONS))
    .option(...SEED_OPTION)
    .option('--json', 'print the scorecard as one JSON object and nothing else')
    .option('--trace <file>', "write replication 0's events to this file as NDJSON")
    .option(...WORKERS_OPTION)
    .option('--precision <targets>', "stop once each metric's 95 % CI half-width is at most its target: metric=halfwidth[,...]")
    .option('--max <n>', `with --precision: the most replications to run (default ${DEFAULT_PRECISION_MAX})`)
    .option('--out <file>', 'write one NDJSON record per replication (index, metrics, parameters)')
    .option('--progress', 'show progress even with --json or without a terminal (plain lines on stderr then)')
    .option('--by <table>', `print the breakdown per ${Object.keys(BREAKDOWN_BY).join('|')} instead of the scorecard (--json always carries every breakdown)`)
    .action(async (scenarioFile: string, opts: RunOptions, command: Command) => {
      const replicationsGiven = command.getOptionValueSource('replications') !== 'default';
      const { render, ...card } = await runCommand(scenarioFile, opts, replicationsGiven);
      const by = opts.by !== undefined ? breakdownTableFor(opts.by) : null;
      process.stdout.write(opts.json === true ? `${JSON.stringify(card, null, 2)}\n` : render(by));
    });
}
