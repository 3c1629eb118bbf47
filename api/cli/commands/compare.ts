/**
 * `drillsim compare <scenario> --plan A --plan B [--replications N] [--seed S] [--workers W] [--redis URL] [--json]`:
 * two plans on the same seeds (common random numbers: replication i of A and of B share every stream),
 * per metric the means under A and B, the mean paired difference B - A with its 95 % t-interval, and
 * P(B better than A) with its Wilson interval and the ties. Its options are parsed by api/cli/options.ts,
 * its runner and progress line come from api/cli/study.ts, as for sweep and screen.
 * Ctrl-C prints the pairs merged so far, marked partial, with exit code 130, as `drillsim run` does.
 */
import type { Command } from 'commander';
import { commandDescription } from '../commands.js';
import { comparePlans, type Comparison } from '../../../models/study/compare.js';
import { METRIC_INFO } from '../../../models/scoring/metrics.js';
import { CliError, EXIT_BAD_INPUT, EXIT_INTERRUPTED } from '../exit.js';
import { formatInterval, formatNumber, formatPercent } from '../format/numbers.js';
import { renderTable } from '../format/table.js';
import { collect, parseReplications, parseSeed, type RunnerOptions, SEED_OPTION, WORKERS_OPTION } from '../options.js';
import { parseStudyRunner, runStudy, studyProgress, studyRunner } from '../study.js';
import { redisModeOptions, type RedisModeOptions } from '../redis-mode.js';

export const DEFAULT_COMPARE_REPLICATIONS = 100;

export function renderComparison(c: Comparison): string {
  const out: string[] = [];
  out.push(`scenario ${c.scenario}, seed ${JSON.stringify(c.seed)}, ${c.replications} paired replication${c.replications === 1 ? '' : 's'}${c.partial ? ' (PARTIAL: cancelled)' : ''}`);
  out.push(`A = ${c.planA}, B = ${c.planB}; common random numbers: replication i of A and of B use the same seed`);
  out.push('');
  out.push(
    renderTable(
      [
        { header: 'metric' },
        { header: 'unit' },
        { header: 'better' },
        { header: 'mean A', align: 'right' },
        { header: 'mean B', align: 'right' },
        { header: 'B - A', align: 'right' },
        { header: '95 % CI' },
        { header: 'P(B better)', align: 'right' },
        { header: '95 % CI (Wilson)' },
        { header: 'ties', align: 'right' },
      ],
      Object.entries(c.metrics).map(([name, m]) => {
        return [
          name,
          METRIC_INFO[name]?.unit ?? '',
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
  out.push('B - A: mean paired difference with its 95 % t-interval; P(B better): share of replications where B strictly beat A');
  return `${out.join('\n')}\n`;
}

interface CompareOptions extends RunnerOptions, RedisModeOptions {
  plan?: string[];
  replications: string;
  seed: string;
}

export async function compareCommand(scenarioFile: string, opts: CompareOptions): Promise<Comparison> {
  const plans = opts.plan ?? [];
  if (plans.length !== 2) throw new CliError(`give exactly two plans: --plan A --plan B (got ${plans.length})`, EXIT_BAD_INPUT);
  const replications = parseReplications(opts.replications);
  const seed = parseSeed(opts.seed);
  const runner = studyRunner(parseStudyRunner(opts), replications);
  const progress = studyProgress('paired replications', opts.json);
  try {
    const c = await runStudy(runner, () => comparePlans(runner, {
      scenarioFile,
      planA: plans[0]!,
      planB: plans[1]!,
      seed,
      replications,
      signal: progress.signal,
      ...(progress.onProgress !== undefined ? { onProgress: progress.onProgress } : {}),
    }));
    if (c.partial) {
      process.exitCode = EXIT_INTERRUPTED;
      if (opts.json !== true) process.stderr.write(`interrupted: ${c.replications} of ${replications} paired replications merged (partial results)\n`);
    }
    return c;
  } finally {
    progress.done();
  }
}

export function register(program: Command): void {
  redisModeOptions(program.command('compare'))
    .description(commandDescription('compare'))
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--plan <file>', 'a plan file; give it twice: --plan A --plan B', collect)
    .option('--replications <n>', 'paired replications', String(DEFAULT_COMPARE_REPLICATIONS))
    .option(...SEED_OPTION)
    .option(...WORKERS_OPTION)
    .option('--json', 'print the comparison as one JSON object and nothing else')
    .action(async (scenarioFile: string, opts: CompareOptions) => {
      const c = await compareCommand(scenarioFile, opts);
      process.stdout.write(opts.json === true ? `${JSON.stringify(c, null, 2)}\n` : renderComparison(c));
    });
}
