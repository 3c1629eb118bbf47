/**
 * `drillsim compare <scenario> --plan A --plan B [--replications N] [--seed S] [--workers W] [--json]`:
 * two plans on the same seeds (common random numbers: replication i of A and of B share every stream),
 * per metric the means under A and B, the mean paired difference B - A with its 95 % t-interval, and
 * P(B better than A) with its Wilson interval and the ties. Shared option parsing and the progress line
 * for the study commands (sweep, screen) live here too.
 */
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { BatchProgress } from '../../../engine/batch/types.js';
import { comparePlans, type Comparison } from '../../../models/study/compare.js';
import { createStudyRunner } from '../../../models/study/runner.js';
import { METRIC_INFO, METRIC_NAMES } from '../../../models/scoring/metrics.js';
import { CliError, EXIT_BAD_INPUT } from '../exit.js';
import { formatInterval, formatNumber, formatPercent } from '../format/numbers.js';
import { renderTable } from '../format/table.js';
import { DEFAULT_SEED, parseReplications, parseSeed } from './run.js';

export const DEFAULT_COMPARE_REPLICATIONS = 100;

/** `--workers`: a whole number >= 1 (default: the pool's own default, one per core). */
export function parseWorkers(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  const n = /^\d+$/.test(t) ? Number(t) : NaN;
  if (!(n >= 1 && n <= 1024)) throw new CliError(`--workers must be a whole number from 1 to 1024, got '${text}'`, EXIT_BAD_INPUT);
  return n;
}

/** A whole number >= min for a named option. */
export function parseCount(option: string, text: string, min = 1, max = 1_000_000): number {
  const t = text.trim();
  const n = /^\d+$/.test(t) ? Number(t) : NaN;
  if (!(n >= min && n <= max)) throw new CliError(`${option} must be a whole number from ${min} to ${max}, got '${text}'`, EXIT_BAD_INPUT);
  return n;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export interface StudyProgress {
  onProgress?: (p: BatchProgress) => void;
  signal: AbortSignal;
  /** Stop the bar and the Ctrl-C handler. */
  done(): void;
}

/**
 * A progress line on stderr when it is a terminal and --json is off; Ctrl-C aborts the batch (results so
 * far are kept where the study can use them).
 */
export function studyProgress(label: string, json: boolean | undefined): StudyProgress {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  const bar =
    json !== true && process.stderr.isTTY === true
      ? new SingleBar(
          { format: `${label} [{bar}] {value}/{total}  {eta_formatted} left`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
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
    done: () => {
      process.removeListener('SIGINT', onSigint);
      if (started) bar?.stop();
    },
  };
}

export function renderComparison(c: Comparison): string {
  const out: string[] = [];
  out.push(`scenario ${c.scenario}, seed ${JSON.stringify(c.seed)}, ${c.replications} paired replication${c.replications === 1 ? '' : 's'}${c.partial ? ' (PARTIAL: cancelled)' : ''}`);
  out.push(`A = ${c.planA}, B = ${c.planB}; common random numbers: replication i of A and of B use the same seed`);
  out.push('');
  out.push(
    renderTable(
      [
        { header: 'metric' },
        { header: 'better' },
        { header: 'mean A', align: 'right' },
        { header: 'mean B', align: 'right' },
        { header: 'B - A', align: 'right' },
        { header: '95 % CI' },
        { header: 'P(B better)', align: 'right' },
        { header: '95 % CI (Wilson)' },
        { header: 'ties', align: 'right' },
      ],
      METRIC_NAMES.map((name) => {
        const m = c.metrics[name];
        return [
          name,
          m.direction === 'lower-is-better' ? 'lower' : 'higher',
          formatNumber(m.meanA),
          formatNumber(m.meanB),
          formatNumber(m.difference.mean),
          formatInterval(m.difference.ci95),
          formatPercent(m.pBBetter),
          formatInterval(m.pBBetterCi95, formatPercent),
          `${m.ties}/${c.replications}`,
        ];
      }),
    ),
  );
  out.push(`units: ${METRIC_NAMES.map((n) => `${n} ${METRIC_INFO[n].unit}`).join('; ')}`);
  return `${out.join('\n')}\n`;
}

interface CompareOptions {
  plan?: string[];
  replications: string;
  seed: string;
  workers?: string;
  json?: boolean;
}

export async function compareCommand(scenarioFile: string, opts: CompareOptions): Promise<Comparison> {
  const plans = opts.plan ?? [];
  if (plans.length !== 2) throw new CliError(`give exactly two plans: --plan A --plan B (got ${plans.length})`, EXIT_BAD_INPUT);
  const replications = parseReplications(opts.replications);
  const seed = parseSeed(opts.seed);
  const workers = parseWorkers(opts.workers);
  const runner = createStudyRunner(workers);
  const progress = studyProgress('paired replications', opts.json);
  try {
    return await comparePlans(runner, {
      scenarioFile,
      planA: plans[0]!,
      planB: plans[1]!,
      seed,
      replications,
      signal: progress.signal,
      ...(progress.onProgress !== undefined ? { onProgress: progress.onProgress } : {}),
    });
  } finally {
    progress.done();
    await runner.close();
  }
}

export function register(program: Command): void {
  program
    .command('compare')
    .description('compare two plans on the same seeds (common random numbers): paired differences B - A and P(B better)')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--plan <file>', 'a plan file; give it twice: --plan A --plan B', collect)
    .option('--replications <n>', 'paired replications', String(DEFAULT_COMPARE_REPLICATIONS))
    .option('--seed <seed>', 'master seed: a whole number or a string', String(DEFAULT_SEED))
    .option('--workers <n>', 'worker threads (default: one per core)')
    .option('--json', 'print the comparison as one JSON object and nothing else')
    .action(async (scenarioFile: string, opts: CompareOptions) => {
      const c = await compareCommand(scenarioFile, opts);
      process.stdout.write(opts.json === true ? `${JSON.stringify(c, null, 2)}\n` : renderComparison(c));
    });
}
