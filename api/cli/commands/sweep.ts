/**
 * `drillsim sweep <scenario> [--plan P] --param <name>=<v1,v2,...> [--param ...] [--replications N]
 * [--seed S] [--workers W] [--redis URL] [--json]`: a full grid over scenario parameters; every point runs the same N
 * replications (common random numbers across points). Prints per point the metric means with their 95 %
 * intervals and the plan's targets with P(met).
 */
import type { Command } from 'commander';
import { commandDescription } from '../commands.js';
import { checkAxes, parseSweepAxis, runSweep, type Sweep } from '../../../models/study/sweep.js';
import { METRIC_INFO } from '../../../models/scoring/metrics.js';
import { formatInterval, formatNumber, formatPercent } from '../format/numbers.js';
import { renderTable } from '../format/table.js';
import { EXIT_INTERRUPTED } from '../exit.js';
import { collect, parseReplications, parseSeed, type RunnerOptions, PLAN_OPTION, SEED_OPTION, WORKERS_OPTION } from '../options.js';
import { parseStudyRunner, runStudy, studyProgress, studyRunner } from '../study.js';
import { redisModeOptions, type RedisModeOptions } from '../redis-mode.js';

export const DEFAULT_SWEEP_REPLICATIONS = 20;

export function renderSweep(s: Sweep): string {
  const out: string[] = [];
  const n = s.replications;
  out.push(
    `scenario ${s.scenario}, plan ${s.plan}, seed ${JSON.stringify(s.seed)}, ${s.points.length} grid point${s.points.length === 1 ? '' : 's'} x ${n} replication${n === 1 ? '' : 's'} (the same seeds at every point)${s.partial ? ' (PARTIAL: cancelled)' : ''}`,
  );
  s.points.forEach((p, i) => {
    out.push('');
    out.push(`point ${i + 1}: ${s.parameters.map((name) => `${name}=${formatNumber(p.values[name]!)}`).join(', ')}`);
    out.push(
      renderTable(
        [{ header: 'metric' }, { header: 'unit' }, { header: 'mean', align: 'right' }, { header: '95 % CI', align: 'right' }],
        Object.entries(p.metrics).map(([name, m]) => {
          const half = m.ci95 === null ? '-' : `± ${formatNumber((m.ci95[1] - m.ci95[0]) / 2)}`;
          return [name, METRIC_INFO[name]?.unit ?? '', formatNumber(m.mean), half];
        }),
      ),
    );
    if (p.targets.length > 0) {
      out.push(
        renderTable(
          [{ header: 'target' }, { header: 'P(met)', align: 'right' }, { header: '95 % CI (Wilson)' }],
          p.targets.map((t) => [`${t.metric} ${t.op} ${formatNumber(t.value)}${t.label !== undefined ? ` (${t.label})` : ''}`, formatPercent(t.pMet), formatInterval(t.pMetCi95, formatPercent)]),
        ),
      );
    }
  });
  return `${out.join('\n')}\n`;
}

interface SweepOptions extends RunnerOptions, RedisModeOptions {
  plan?: string;
  param?: string[];
  replications: string;
  seed: string;
}

export async function sweepCommand(scenarioFile: string, opts: SweepOptions): Promise<Sweep> {
  const axes = (opts.param ?? []).map(parseSweepAxis);
  checkAxes(axes);
  const replications = parseReplications(opts.replications);
  const seed = parseSeed(opts.seed);
  const points = axes.reduce((n, a) => n * a.values.length, 1);
  const runner = studyRunner(parseStudyRunner(opts), points * replications);
  const progress = studyProgress('grid replications', opts.json);
  try {
    const s = await runStudy(runner, () => runSweep(runner, {
      scenarioFile,
      ...(opts.plan !== undefined ? { planFile: opts.plan } : {}),
      axes,
      seed,
      replications,
      signal: progress.signal,
      ...(progress.onProgress !== undefined ? { onProgress: progress.onProgress } : {}),
    }));
    if (s.partial) {
      process.exitCode = EXIT_INTERRUPTED;
      if (opts.json !== true) process.stderr.write('interrupted: the points show the replications merged so far (partial results)\n');
    }
    return s;
  } finally {
    progress.done();
  }
}

export function register(program: Command): void {
  redisModeOptions(program.command('sweep'))
    .description(commandDescription('sweep'))
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option(...PLAN_OPTION)
    .option('--param <name=values>', 'a parameter and its values, e.g. evacuation.compliance=0.5,0.99 (repeatable)', collect)
    .option('--replications <n>', 'replications per grid point', String(DEFAULT_SWEEP_REPLICATIONS))
    .option(...SEED_OPTION)
    .option(...WORKERS_OPTION)
    .option('--json', 'print the sweep as one JSON object and nothing else')
    .action(async (scenarioFile: string, opts: SweepOptions) => {
      const s = await sweepCommand(scenarioFile, opts);
      process.stdout.write(opts.json === true ? `${JSON.stringify(s, null, 2)}\n` : renderSweep(s));
    });
}
