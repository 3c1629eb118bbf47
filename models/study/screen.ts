/**
 * `drillsim screen`: Morris elementary-effects screening of one metric over the parameters the scenario
 * declares as uncertain (docs/models/engine.md section 6). Each declared, non-fixed parameter spans
 * parameterRange() of its distribution; the Morris design (morris.ts) maps the unit cube linearly onto
 * those ranges. Every design point is evaluated as the mean of N replications with the same seeds at
 * every point (common random numbers), so a parameter the metric does not depend on gets elementary
 * effects of exactly 0, and the points run through the points job, in parallel on a pool.
 */
import { InputError } from '../../engine/errors.js';
import type { BatchRunner } from '../../engine/batch/types.js';
import type { MasterSeed } from '../../engine/random/index.js';
import type { CompiledScenario } from '../scenario/compile.js';
import { isParameterName, parameterRange, PARAMETERS } from '../scenario/parameters.js';
import { METRIC_NAMES, type MetricName } from '../scoring/metrics.js';
import { unscoredMetrics } from '../scoring/scorecard.js';
import { loadStudy, type LoadedStudy } from './payload.js';
import { morrisDesign, morrisIndices, type MorrisDesign } from './morris.js';
import { runPoints } from './points.js';
import type { StudyRunOptions } from './run-options.js';

export const DEFAULT_TRAJECTORIES = 10;
export const DEFAULT_LEVELS = 4;
export const DEFAULT_SCREEN_REPLICATIONS = 10;

export interface ScreenFactor {
  name: string;
  /** [lo, hi]: unit-cube 0 maps to lo, 1 to hi. */
  range: [number, number];
}

/**
 * The factors to screen: every parameter the scenario declares with a distribution of non-zero width, in
 * declaration order. Shares are clipped to [0, 1] (a beta's mean +- 1.645 sd can pass 1).
 */
export function screenFactors(scenario: CompiledScenario): ScreenFactor[] {
  const out: ScreenFactor[] = [];
  for (const [name, dist] of Object.entries(scenario.parameters)) {
    if (dist.dist === 'fixed' || !isParameterName(name)) continue;
    let [lo, hi] = parameterRange(dist);
    if (PARAMETERS[name]?.unit === 'share') [lo, hi] = [Math.max(0, lo), Math.min(1, hi)];
    // Keep the design inside what the model accepts (validation made sure the distribution does).
    const domain = PARAMETERS[name]?.domain;
    if (domain?.min !== undefined) lo = Math.max(domain.min, lo);
    if (domain?.max !== undefined) hi = Math.min(domain.max, hi);
    if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) continue;
    out.push({ name, range: [lo, hi] });
  }
  return out;
}

/** Unit-cube point -> parameter overrides. */
export function toOverrides(factors: readonly ScreenFactor[], x: readonly number[]): Record<string, number> {
  const o: Record<string, number> = {};
  factors.forEach((f, j) => {
    const u = x[j]!;
    // Exact ends: 0 and 1 give the bounds themselves, not lo + (hi - lo) with rounding.
    o[f.name] = u === 0 ? f.range[0] : u === 1 ? f.range[1] : f.range[0] + u * (f.range[1] - f.range[0]);
  });
  return o;
}

export interface ScreenSpec {
  scenarioFile: string;
  planFile?: string;
  metric: string;
  trajectories: number;
  levels: number;
  /** Replications per design point. */
  replications: number;
  seed: MasterSeed;
}

export interface ScreenRequest extends ScreenSpec, StudyRunOptions {}

export interface ScreenParameter {
  name: string;
  range: [number, number];
  /** 1 = most influential (largest mu*). */
  rank: number;
  muStar: number;
  mu: number;
  sigma: number | null;
}

/** The object `drillsim screen --json` prints. */
export interface Screen {
  scenario: string;
  plan: string;
  seed: MasterSeed;
  metric: MetricName;
  trajectories: number;
  levels: number;
  delta: number;
  replicationsPerPoint: number;
  /** Design points, r (k + 1). */
  points: number;
  /** Replications run: points x replications per point. */
  evaluations: number;
  /** Ranked by mu* (largest first); ties by name. */
  parameters: ScreenParameter[];
}

/** The batch was cancelled (Ctrl-C): elementary effects need every design point, so there is no partial result. */
export class ScreenCancelled extends Error {
  constructor() {
    super('screening cancelled: elementary effects need every design point, so nothing is reported');
    this.name = 'ScreenCancelled';
  }
}

function bad(message: string): never {
  throw new InputError([{ path: '', message }]);
}

export function checkMetric(metric: string): MetricName {
  if (!(METRIC_NAMES as readonly string[]).includes(metric)) bad(`--metric: unknown metric '${metric}'; the metrics are: ${METRIC_NAMES.join(', ')}`);
  return metric as MetricName;
}

/** A screening ready to run: inputs loaded and checked, the design drawn, the points laid out. */
export interface PreparedScreen {
  request: ScreenSpec;
  metric: MetricName;
  study: LoadedStudy;
  factors: ScreenFactor[];
  design: MorrisDesign;
  /** r (k + 1) parameter points, trajectory by trajectory. */
  points: Array<Record<string, number>>;
  /** Replications to run: points x replications per point. */
  evaluations: number;
}

/** Load and check everything (InputError for bad input) before a runner is started. */
export function prepareScreen(request: ScreenSpec): PreparedScreen {
  const metric = checkMetric(request.metric);
  const study = loadStudy(request.scenarioFile, request.planFile !== undefined ? [request.planFile] : []);
  const plan = study.plans[0]!;
  if (unscoredMetrics(plan, [metric]).length > 0) {
    bad(
      `--metric: '${metric}' is not scored for scenario '${study.scenario.id}' (hazards: ${study.scenario.hazards.map((h) => h.kind).join(', ')}); its metrics are: ${plan.metrics.map((m) => m.name).join(', ')}`,
    );
  }
  const factors = screenFactors(study.scenario);
  if (factors.length === 0) {
    throw new InputError([
      {
        path: '/parameters',
        file: study.scenario.file ?? request.scenarioFile,
        message: 'the scenario declares no uncertain parameter (every declared one is fixed): nothing to screen',
      },
    ]);
  }
  let design: MorrisDesign;
  try {
    design = morrisDesign({ factors: factors.length, trajectories: request.trajectories, levels: request.levels, seed: request.seed });
  } catch (err) {
    if (err instanceof RangeError) bad(err.message);
    throw err;
  }
  const points = design.trajectories.flatMap((t) => t.points.map((x) => toOverrides(factors, x)));
  return { request, metric, study, factors, design, points, evaluations: points.length * request.replications };
}

export async function runPreparedScreen(runner: BatchRunner, prepared: PreparedScreen, options: StudyRunOptions = {}): Promise<Screen> {
  const { request, metric, study, factors, design, points } = prepared;
  const { cards, partial } = await runPoints(runner, {
    study,
    seed: request.seed,
    points,
    replications: request.replications,
    ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  });
  if (partial) throw new ScreenCancelled();
  const perTrajectory = factors.length + 1;
  const outputs = design.trajectories.map((_, t) =>
    Array.from({ length: perTrajectory }, (_, m) => cards[t * perTrajectory + m]!.metric(metric).mean),
  );
  const indices = morrisIndices(design, outputs);
  const ranked = factors
    .map((f, j) => ({ name: f.name, range: f.range, muStar: indices[j]!.muStar, mu: indices[j]!.mu, sigma: indices[j]!.sigma }))
    .sort((a, b) => b.muStar - a.muStar || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((p, i) => ({ name: p.name, range: p.range, rank: i + 1, muStar: p.muStar, mu: p.mu, sigma: p.sigma }));
  return {
    scenario: study.scenario.id,
    plan: study.plans[0]!.id,
    seed: request.seed,
    metric,
    trajectories: request.trajectories,
    levels: request.levels,
    delta: design.delta,
    replicationsPerPoint: request.replications,
    points: points.length,
    evaluations: prepared.evaluations,
    parameters: ranked,
  };
}

/** prepareScreen then runPreparedScreen. */
export async function runScreen(runner: BatchRunner, request: ScreenRequest): Promise<Screen> {
  return runPreparedScreen(runner, prepareScreen(request), request);
}
