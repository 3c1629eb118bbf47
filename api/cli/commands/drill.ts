/**
 * `drillsim drill script|evaluate|programme` (docs/drills.md):
 *
 *   drill script <scenario> --plan <plan> [--replications N] [--seed S] [--compress <factor>]
 *                [--format json|csv|md|zh] --out <file> [--cap <dir>] [--workers W] [--redis URL]
 *   drill evaluate <script.json> <log.csv|log.json> [--json] [--out report.html] [--start <iso>] [--date <day>]
 *   drill programme --script <script.json>... [--evaluation <evaluation.json>]... [--screen <screen.json>]...
 *                [--compare <compare.json> --plan <file>...] [--drills-per-year N] [--clauses-per-drill K]
 *                [--year Y] [--json] [--out <file>]
 *
 * Bad input (options, scenario, plan, script, log) is reported with its location and exit code 2 before
 * anything is written; files are written under temporary names and renamed into place.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { commandDescription } from '../commands.js';
import { capAlerts } from '../../../models/drill/cap.js';
import { evaluateLog } from '../../../models/drill/evaluate.js';
import { drillClock, renderScript, SCRIPT_FORMATS, scriptJson, type ScriptFormat } from '../../../models/drill/formats.js';
import { runDrillBatch } from '../../../models/drill/job.js';
import { loadDrillEvaluation, loadDrillScript } from '../../../models/drill/load.js';
import { parseLog } from '../../../models/drill/log.js';
import { buildProgramme, renderProgramme, type ProgrammeInput } from '../../../models/drill/programme.js';
import { afterActionReport } from '../../../models/drill/report.js';
import { buildDrillScript } from '../../../models/drill/script.js';
import type { DrillEvaluation, DrillScript } from '../../../models/schema/drill.js';
import { loadStudy } from '../../../models/study/payload.js';
import { parseDuration } from '../../../models/schema/units.js';
import { renderSvg } from '../../http/charts/render.js';
import { CliError, EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_INTERRUPTED } from '../exit.js';
import { renderTable } from '../format/table.js';
import { collect, parseReplications, parseSeed, parseWhole, type RunnerOptions, PLAN_OPTION, SEED_OPTION, WORKERS_OPTION } from '../options.js';
import { redisModeOptions, type RedisModeOptions } from '../redis-mode.js';
import { parseStudyRunner, runStudy, studyProgress, studyRunner } from '../study.js';

export const DEFAULT_DRILL_REPLICATIONS = 100;

/** Read a file named on the command line; a missing one is bad input (exit 2). */
function readInput(file: string, what: string): string {
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read the ${what} ${file}${code !== undefined ? ` (${code})` : ''}`, EXIT_BAD_INPUT);
  }
}

/** Write files atomically: every one under a temporary name first, then all renamed (none on failure). */
export function writeFilesAtomically(files: Array<{ path: string; text: string }>): void {
  const staged: Array<{ tmp: string; path: string }> = [];
  try {
    for (const f of files) {
      const tmp = `${f.path}.tmp-${process.pid}`;
      writeFileSync(tmp, f.text);
      staged.push({ tmp, path: f.path });
    }
    for (const s of staged) renameSync(s.tmp, s.path);
  } catch (err) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot write ${files.map((f) => f.path).join(', ')}${code !== undefined ? ` (${code})` : ''}`, EXIT_FAILURE);
  }
}

/**
 * `--compress`: a factor (scenario minutes per drill minute, at least 1), or the drill's length as a
 * duration (`4h`, `90min`): the factor that fits the scenario's horizon into it.
 */
export function parseCompress(text: string, horizonMin: number): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) {
    const f = Number(t);
    if (!(f >= 1 && f <= 100_000)) throw new CliError(`--compress must be a factor from 1 to 100000 (or the drill's length such as 4h), got '${text}'`, EXIT_BAD_INPUT);
    return f;
  }
  let minutes: number | null = null;
  try {
    minutes = parseDuration(t);
  } catch {
    minutes = null;
  }
  if (minutes === null || !(minutes > 0) || minutes > horizonMin) {
    throw new CliError(`--compress must be a factor (e.g. 36) or the drill's length (e.g. 4h, at most the scenario's ${Math.round(horizonMin / 60)} h), got '${text}'`, EXIT_BAD_INPUT);
  }
  return horizonMin / minutes;
}

interface ScriptOptions extends RunnerOptions, RedisModeOptions {
  plan?: string;
  replications: string;
  seed: string;
  compress?: string;
  format: string;
  out?: string;
  cap?: string;
}

export async function drillScriptCommand(scenarioFile: string, opts: ScriptOptions): Promise<{ script: DrillScript; written: string[]; ms: number }> {
  if (opts.out === undefined) throw new CliError('--out <file> is required: where to write the script', EXIT_BAD_INPUT);
  if (!(SCRIPT_FORMATS as readonly string[]).includes(opts.format)) throw new CliError(`--format must be one of ${SCRIPT_FORMATS.join(', ')}, got '${opts.format}'`, EXIT_BAD_INPUT);
  const replications = parseReplications(opts.replications);
  const seed = parseSeed(opts.seed);
  const runnerOptions = parseStudyRunner(opts);
  const study = loadStudy(scenarioFile, opts.plan !== undefined ? [opts.plan] : []);
  const compress = opts.compress !== undefined ? parseCompress(opts.compress, study.scenario.horizonMin) : 1;
  const started = performance.now();
  const runner = studyRunner(runnerOptions, replications);
  const progress = studyProgress('replications', false);
  let script: DrillScript;
  try {
    const { samples, outcome } = await runStudy(runner, () =>
      runDrillBatch(runner, { inputs: study.inputs, seed }, study.plans[0]!, replications, {
        signal: progress.signal,
        ...(progress.onProgress !== undefined ? { onProgress: progress.onProgress } : {}),
      }),
    );
    if (outcome.partial) {
      process.exitCode = EXIT_INTERRUPTED;
      throw new CliError(`interrupted after ${samples.replications} of ${replications} replications: no script written`, EXIT_INTERRUPTED);
    }
    script = buildDrillScript(study.scenario, study.plans[0]!, seed, samples, { compress });
  } finally {
    progress.done();
  }
  const files = [{ path: resolve(opts.out), text: renderScript(script, opts.format as ScriptFormat) }];
  if (opts.cap !== undefined) {
    const dir = resolve(opts.cap);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new CliError(`cannot create ${dir}: ${(err as Error).message}`, EXIT_FAILURE);
    }
    for (const a of capAlerts(script)) files.push({ path: join(dir, a.name), text: a.xml });
  }
  writeFilesAtomically(files);
  return { script, written: files.map((f) => f.path), ms: performance.now() - started };
}

interface EvaluateOptions {
  json?: boolean;
  out?: string;
  start?: string;
  date?: string;
}

export async function drillEvaluateCommand(scriptFile: string, logFile: string, opts: EvaluateOptions): Promise<{ evaluation: DrillEvaluation; script: DrillScript }> {
  if (opts.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) throw new CliError(`--date must be a day such as 2025-06-12, got '${opts.date}'`, EXIT_BAD_INPUT);
  const script = loadDrillScript(readInput(scriptFile, 'script'), scriptFile);
  const log = parseLog(readInput(logFile, 'log'), logFile, script, opts.start !== undefined ? { start: opts.start } : {});
  const evaluation = evaluateLog(script, log, { log: basename(logFile), ...(opts.date !== undefined ? { date: opts.date } : {}) });
  if (opts.out !== undefined) {
    const html = await afterActionReport(script, evaluation, renderSvg);
    writeFilesAtomically([{ path: resolve(opts.out), text: html }]);
  }
  return { evaluation, script };
}

export function renderEvaluation(e: DrillEvaluation): string {
  const out: string[] = [];
  out.push(`drill of ${e.plan} on ${e.scenario}${e.date !== null ? `, ${e.date}` : ''} (log ${e.log})`, '');
  out.push(
    renderTable(
      [{ header: 'action' }, { header: 'clause' }, { header: 'logged', align: 'right' }, { header: 'P10', align: 'right' }, { header: 'P50', align: 'right' }, { header: 'P90', align: 'right' }, { header: 'percentile', align: 'right' }, { header: 'verdict' }],
      e.actions.map((a) => [a.id, a.clause, drillClock(a.at), drillClock(a.start.p10), drillClock(a.start.p50), drillClock(a.start.p90), a.percentile === null ? '-' : String(Math.round(a.percentile)), a.verdict]),
    ),
  );
  out.push('');
  out.push(renderTable([{ header: 'objective' }, { header: 'rating' }, { header: 'reason' }], e.objectives.map((o) => [o.id, `${o.rating} ${o.ratingText}`, o.reason])));
  if (e.improvementPlan.length > 0) {
    out.push('', `improvement plan: ${e.improvementPlan.length} item${e.improvementPlan.length === 1 ? '' : 's'} (in the report: --out report.html; all fields: --json)`);
  }
  return `${out.join('\n')}\n`;
}

interface ProgrammeOptions {
  script?: string[];
  evaluation?: string[];
  screen?: string[];
  compare?: string[];
  plan?: string[];
  drillsPerYear: string;
  clausesPerDrill: string;
  year?: string;
  json?: boolean;
  out?: string;
}

export function drillProgrammeCommand(opts: ProgrammeOptions): ReturnType<typeof buildProgramme> {
  const scripts = opts.script ?? [];
  if (scripts.length === 0) throw new CliError('give at least one drill script: --script <script.json> (from `drillsim drill script --format json`)', EXIT_BAD_INPUT);
  const drillsPerYear = parseWhole('--drills-per-year', opts.drillsPerYear, 1, 100);
  const clausesPerDrill = parseWhole('--clauses-per-drill', opts.clausesPerDrill, 1, 1000);
  const year = opts.year !== undefined ? parseWhole('--year', opts.year, 1900, 9999) : new Date().getFullYear();
  const input: ProgrammeInput = {
    scripts: scripts.map((f) => ({ file: f, script: loadDrillScript(readInput(f, 'script'), f) })),
    evaluations: (opts.evaluation ?? []).map((f) => ({ file: f, evaluation: loadDrillEvaluation(readInput(f, 'evaluation'), f) })),
    screens: (opts.screen ?? []).map((f) => ({ file: f, text: readInput(f, 'screening result') })),
    compares: (opts.compare ?? []).map((f) => ({ file: f, text: readInput(f, 'comparison result') })),
    plans: (opts.plan ?? []).map((f) => ({ file: resolve(f) })),
    drillsPerYear,
    clausesPerDrill,
    year,
  };
  return buildProgramme(input);
}

export function register(program: Command): void {
  const drill = program.command('drill').description(commandDescription('drill'));

  redisModeOptions(drill.command('script'))
    .description('a drill script (MSEL / 演练脚本) from a batch: injects, expected actions with simulated windows, objectives')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option(...PLAN_OPTION)
    .option('--replications <n>', 'replications to simulate', String(DEFAULT_DRILL_REPLICATIONS))
    .option(...SEED_OPTION)
    .option('--compress <factor>', "scenario minutes per drill minute (e.g. 36), or the drill's length (e.g. 4h)")
    .option('--format <format>', `json (the source of truth), csv (MSEL columns), md, zh (演练脚本)`, 'json')
    .option('--out <file>', 'where to write the script (required)')
    .option('--cap <dir>', 'also write each public warning of the script as a CAP 1.2 alert (<clause>.cap.xml) in this directory')
    .option(...WORKERS_OPTION)
    .action(async (scenarioFile: string, opts: ScriptOptions) => {
      const { script, written, ms } = await drillScriptCommand(scenarioFile, opts);
      const contingency = script.injects.filter((i) => i.contingency !== undefined).length;
      process.stdout.write(
        `drill script of ${script.plan} on ${script.scenario}: ${script.expectedActions.length} expected actions, ${script.injects.length - contingency} injects and ${contingency} contingency injects, ${script.objectives.length} objectives; ${script.replications} replications in ${(ms / 1000).toFixed(1)} s\n` +
          written.map((f) => `written: ${f}\n`).join(''),
      );
    });

  drill
    .command('evaluate')
    .description('evaluate a drill log against its script: percentiles, verdicts, HSEEP ratings, after-action report')
    .argument('<script>', 'the drill script (JSON)')
    .argument('<log>', 'the drill log: CSV with the header action,at,by,notes, or JSON')
    .option('--json', 'print the evaluation as one JSON object and nothing else')
    .option('--out <file>', 'write the after-action report (self-contained HTML)')
    .option('--start <iso>', "wall time of drill minute 0 (ISO-8601 with offset), for logs written in clock times")
    .option('--date <day>', 'the day of the drill (YYYY-MM-DD), when the log does not say')
    .action(async (scriptFile: string, logFile: string, opts: EvaluateOptions) => {
      const { evaluation } = await drillEvaluateCommand(scriptFile, logFile, opts);
      process.stdout.write(opts.json === true ? `${JSON.stringify(evaluation, null, 2)}\n` : renderEvaluation(evaluation));
      if (opts.out !== undefined && opts.json !== true) process.stdout.write(`report: ${resolve(opts.out)}\n`);
    });

  drill
    .command('programme')
    .description("the year's drills: clauses ranked by importance (screening, comparisons) x time since last drilled, under a drills-per-year limit")
    .option('--script <file>', 'a drill script (JSON) of a scenario that could be drilled; repeat for several', collect)
    .option('--evaluation <file>', 'a past drill evaluation (`drill evaluate --json`); repeat', collect)
    .option('--screen <file>', 'a screening result (`drillsim screen --json`); repeat', collect)
    .option('--compare <file>', 'a comparison (`drillsim compare --json`); give its plans with --plan; repeat', collect)
    .option('--plan <file>', 'a plan file a comparison names (to find the clauses the plans differ in); repeat', collect)
    .option('--drills-per-year <n>', 'drills the year can hold', '1')
    .option('--clauses-per-drill <n>', 'clauses one drill exercises and evaluates at most', '8')
    .option('--year <year>', 'the programme year (default: this year)')
    .option('--json', 'print the programme as one JSON object and nothing else')
    .option('--out <file>', 'also write it to a file (Markdown, or JSON with --json)')
    .action((opts: ProgrammeOptions) => {
      const programme = drillProgrammeCommand(opts);
      const text = opts.json === true ? scriptJson(programme) : renderProgramme(programme);
      if (opts.out !== undefined) writeFilesAtomically([{ path: resolve(opts.out), text }]);
      process.stdout.write(text);
    });
}
