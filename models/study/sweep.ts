/**
 * `drillsim sweep`: a full grid over scenario parameters. Each grid point pins the listed parameters
 * (replication overrides) and runs the same N replications (same seeds: common random numbers across
 * points), so differences between points come from the parameters, not from different draws.
 */
import { InputError } from '../../engine/errors.js';
import type { BatchRunner } from '../../engine/batch/types.js';
import type { MasterSeed } from '../../engine/random/index.js';
import { describeDomain, inDomain } from '../scenario/parameter-info.js';
import { isParameterName, PARAMETERS, type ParameterName } from '../scenario/parameters.js';
import type { MetricName } from '../scoring/metrics.js';
import type { MetricStats, TargetVerdict } from '../scoring/scorecard.js';
import { loadStudy } from './payload.js';
import { runPoints } from './points.js';
import type { StudyRunOptions } from './run-options.js';

/** A grid bigger than this is almost certainly a mistake (and would not finish). */
export const MAX_GRID_POINTS = 10_000;

export interface SweepAxis {
  name: ParameterName;
  values: number[];
}

function bad(message: string): never {
  throw new InputError([{ path: '', message }]);
}

export function parameterList(): string {
  return Object.keys(PARAMETERS).join(', ');
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * `name=v1,v2,...` -> an axis. The name must be one the models read; values must be plain decimal numbers
 * (no empty items, no NaN or Infinity), and shares must lie in [0, 1].
 */
export function parseSweepAxis(text: string): SweepAxis {
  const eq = text.indexOf('=');
  if (eq < 0) bad(`--param '${text}': expected <name>=<v1,v2,...>, e.g. evacuation.compliance=0.5,0.9`);
  const name = text.slice(0, eq).trim();
  if (!isParameterName(name)) bad(`--param '${text}': unknown parameter '${name}'; the parameters are: ${parameterList()}`);
  const items = text.slice(eq + 1).split(',').map((s) => s.trim());
  const values = items.map((item) => {
    if (!NUMBER.test(item)) bad(`--param '${text}': '${item}' is not a number (values are decimal numbers separated by commas)`);
    return Number(item);
  });
  const domain = PARAMETERS[name]?.domain;
  const refused = values.find((v) => !inDomain(v, domain));
  if (domain !== undefined && refused !== undefined) bad(`--param '${text}': ${name} must be ${describeDomain(domain)}; got ${refused}`);
  if (PARAMETERS[name]?.unit === 'share') {
    const out = values.find((v) => v < 0 || v > 1);
    if (out !== undefined) bad(`--param '${text}': ${name} is a share, so its values must lie in [0, 1]; got ${out}`);
  }
  return { name, values };
}

/** Check the axes together: at least one, each name once, a grid of at most MAX_GRID_POINTS. */
export function checkAxes(axes: readonly SweepAxis[]): void {
  if (axes.length === 0) bad(`give at least one --param <name>=<v1,v2,...>; the parameters are: ${parameterList()}`);
  const seen = new Set<string>();
  for (const a of axes) {
    if (seen.has(a.name)) bad(`--param: ${a.name} is given more than once (list all its values in one --param)`);
    seen.add(a.name);
  }
  const size = axes.reduce((n, a) => n * a.values.length, 1);
  if (size > MAX_GRID_POINTS) bad(`the grid has ${size} points; at most ${MAX_GRID_POINTS} are allowed`);
}

/** Every combination, the first axis varying slowest (row-major, as the axes were given). */
export function sweepGrid(axes: readonly SweepAxis[]): Array<Record<string, number>> {
  let grid: Array<Record<string, number>> = [{}];
  for (const axis of axes) grid = grid.flatMap((p) => axis.values.map((v) => ({ ...p, [axis.name]: v })));
  return grid;
}

export interface SweepRequest extends StudyRunOptions {
  scenarioFile: string;
  /** The plan file; the scenario's own plan when absent. */
  planFile?: string;
  axes: SweepAxis[];
  seed: MasterSeed;
  replications: number;
}

export interface SweepPoint {
  values: Record<string, number>;
  metrics: Record<MetricName, MetricStats>;
  /** The plan's targets with P(met) at this point. */
  targets: TargetVerdict[];
}

/** The object `drillsim sweep --json` prints. */
export interface Sweep {
  scenario: string;
  plan: string;
  seed: MasterSeed;
  /** Replications per point. */
  replications: number;
  parameters: string[];
  partial: boolean;
  points: SweepPoint[];
}

export async function runSweep(runner: BatchRunner, request: SweepRequest): Promise<Sweep> {
  checkAxes(request.axes);
  const study = loadStudy(request.scenarioFile, request.planFile !== undefined ? [request.planFile] : []);
  const points = sweepGrid(request.axes);
  const { cards, partial } = await runPoints(runner, {
    study,
    seed: request.seed,
    points,
    replications: request.replications,
    ...(request.chunkSize !== undefined ? { chunkSize: request.chunkSize } : {}),
    ...(request.onProgress !== undefined ? { onProgress: request.onProgress } : {}),
    ...(request.signal !== undefined ? { signal: request.signal } : {}),
  });
  return {
    scenario: study.scenario.id,
    plan: study.plans[0]!.id,
    seed: request.seed,
    replications: request.replications,
    parameters: request.axes.map((a) => a.name),
    partial,
    points: cards.map((acc, i) => {
      const card = acc.result();
      return { values: points[i]!, metrics: card.metrics, targets: card.targets };
    }),
  };
}

