/**
 * `drillsim screen <scenario> [--plan P] --metric <m> [--trajectories r] [--levels p] [--replications N]
 * [--seed S] [--workers W] [--redis URL] [--json]`: Morris elementary-effects screening of one metric over the
 * parameters the scenario declares as uncertain, ranked by mu* (mean |EE|) with sigma and mu.
 */
import type { Command } from 'commander';
import { commandDescription } from '../commands.js';
import { DEFAULT_LEVELS, DEFAULT_SCREEN_REPLICATIONS, DEFAULT_TRAJECTORIES, prepareScreen, runPreparedScreen, ScreenCancelled, type Screen } from '../../../models/study/screen.js';
import { CliError, EXIT_BAD_INPUT, EXIT_INTERRUPTED } from '../exit.js';
import { formatNumber } from '../format/numbers.js';
import { renderTable } from '../format/table.js';
import { parseCount, parseReplications, parseSeed, type RunnerOptions, PLAN_OPTION, SEED_OPTION, WORKERS_OPTION } from '../options.js';
import { parseStudyRunner, runStudy, studyProgress, studyRunner } from '../study.js';
import { redisModeOptions, type RedisModeOptions } from '../redis-mode.js';

export function renderScreen(s: Screen): string {
  const out: string[] = [];
  out.push(`scenario ${s.scenario}, plan ${s.plan}, seed ${JSON.stringify(s.seed)}; Morris screening of ${s.metric}`);
  out.push(
    `${s.trajectories} trajectories on a ${s.levels}-level grid (delta ${formatNumber(s.delta)} of each range), ${s.points} points x ${s.replicationsPerPoint} replications (the same seeds at every point)`,
  );
  out.push('');
  out.push(
    renderTable(
      [
        { header: 'rank', align: 'right' },
        { header: 'parameter' },
        { header: 'range' },
        { header: 'mu*', align: 'right' },
        { header: 'sigma', align: 'right' },
        { header: 'mu', align: 'right' },
      ],
      s.parameters.map((p) => [
        String(p.rank),
        p.name,
        `${formatNumber(p.range[0])} .. ${formatNumber(p.range[1])}`,
        formatNumber(p.muStar),
        formatNumber(p.sigma),
        formatNumber(p.mu),
      ]),
    ),
  );
  out.push(`elementary effect: the change in ${s.metric} when one parameter moves by delta of its range, divided by delta (per full range)`);
  out.push('mu* = mean |effect| (the ranking), mu = mean effect, sigma = sd of the effects');
  out.push('sigma large against mu*: non-linear effect or interactions; mu far below mu*: effects of both signs');
  return `${out.join('\n')}\n`;
}

interface ScreenOptions extends RunnerOptions, RedisModeOptions {
  plan?: string;
  metric?: string;
  trajectories: string;
  levels: string;
  replications: string;
  seed: string;
}

export async function screenCommand(scenarioFile: string, opts: ScreenOptions): Promise<Screen> {
  if (opts.metric === undefined) throw new CliError('give the metric to screen: --metric <name>', EXIT_BAD_INPUT);
  const trajectories = parseCount('--trajectories', opts.trajectories, 1, 1000);
  const levels = parseCount('--levels', opts.levels, 2, 100);
  if (levels % 2 !== 0) throw new CliError(`--levels must be even (so that delta = p / (2 (p - 1)) lands on the grid), got ${levels}`, EXIT_BAD_INPUT);
  const replications = parseReplications(opts.replications);
  const seed = parseSeed(opts.seed);
  const runnerOptions = parseStudyRunner(opts);
  const prepared = prepareScreen({
    scenarioFile,
    ...(opts.plan !== undefined ? { planFile: opts.plan } : {}),
    metric: opts.metric,
    trajectories,
    levels,
    replications,
    seed,
  });
  const runner = studyRunner(runnerOptions, prepared.evaluations);
  const progress = studyProgress('design replications', opts.json);
  try {
    return await runStudy(runner, () =>
      runPreparedScreen(runner, prepared, {
        signal: progress.signal,
        ...(progress.onProgress !== undefined ? { onProgress: progress.onProgress } : {}),
      }),
    );
  } catch (err) {
    // No partial screening exists: say so and exit as an interrupted run does.
    if (err instanceof ScreenCancelled) throw new CliError(err.message, EXIT_INTERRUPTED);
    throw err;
  } finally {
    progress.done();
  }
}

export function register(program: Command): void {
  redisModeOptions(program.command('screen'))
    .description(commandDescription('screen'))
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option(...PLAN_OPTION)
    .option('--metric <name>', 'the metric to screen (see docs: deaths, exposedPersonHours, ...)')
    .option('--trajectories <r>', 'Morris trajectories (r (k + 1) design points)', String(DEFAULT_TRAJECTORIES))
    .option('--levels <p>', 'grid levels (even)', String(DEFAULT_LEVELS))
    .option('--replications <n>', 'replications per design point', String(DEFAULT_SCREEN_REPLICATIONS))
    .option(...SEED_OPTION)
    .option(...WORKERS_OPTION)
    .option('--json', 'print the screening as one JSON object and nothing else')
    .action(async (scenarioFile: string, opts: ScreenOptions) => {
      const s = await screenCommand(scenarioFile, opts);
      process.stdout.write(opts.json === true ? `${JSON.stringify(s, null, 2)}\n` : renderScreen(s));
    });
}
