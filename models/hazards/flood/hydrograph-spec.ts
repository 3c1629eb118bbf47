/**
 * The data of a stage hydrograph (hydrograph.ts says what the forms mean) and its validation: what a
 * scenario gives per gauge, checked before any Hydrograph is built, and the per-replication perturbation.
 */
import { InputError, pointer, type InputIssue } from '../../../engine/errors.js';
import { stageFromDischarge, type RatingCurve } from './rating.js';

export interface PeakSpec {
  /** Peak time, minutes from scenario start. */
  atMin: number;
  /** Peak stage (m, gauge datum); give this or `dischargeM3s`. */
  stageM?: number;
  /** Peak discharge (m3/s), converted with the spec's rating curve; give this or `stageM`. */
  dischargeM3s?: number;
  /** Duration of the rising limb (min), > 0: the wave leaves base at atMin - riseMin. */
  riseMin: number;
  /** Duration of the falling limb (min), > 0: the wave is back at base at atMin + fallMin. */
  fallMin: number;
}

export interface HydrographSpec {
  baseStageM: number;
  peaks?: PeakSpec[];
  /** [minute, stage m] rows with strictly increasing minutes. Not together with `peaks`. */
  table?: Array<[number, number]>;
  rating?: RatingCurve;
}

export interface HydrographPerturbation {
  /** Multiplies (peak - base), >= 0; default 1. */
  peakFactor?: number;
  /** Moves all peak times / table times (min); default 0. */
  shiftMin?: number;
}

export interface WetInterval {
  /** First minute of the interval: the upward crossing time, or t0 when already wet at t0. */
  start: number;
  /** Last minute: the downward crossing time, or t1 when still wet at t1. */
  end: number;
  /** The stage was already above the level at t0 (start === t0 is then not a crossing). */
  startsWet: boolean;
  /** The stage is still above the level at t1 (end === t1 is then not a crossing); with t1 = Infinity, wet for ever. */
  endsWet: boolean;
  /** Highest stage within [start, end] and the first minute it is reached. */
  peakStageM: number;
  peakAtMin: number;
}

export type HydrographKind = 'flat' | 'peaks' | 'table';

/**
 * Check a spec; returns every problem with a JSON pointer below `path` (the caller's location of the
 * spec in its document, e.g. '/hazards/0/gauges/wutongqiao'), so loaders can add file, line and column.
 */
export function validateHydrographSpec(spec: HydrographSpec, path = ''): InputIssue[] {
  const issues: InputIssue[] = [];
  const at = (...segments: Array<string | number>): string => path + pointer(...segments);
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  if (!finite(spec.baseStageM)) issues.push({ path: at('baseStageM'), message: 'expected a finite stage in metres' });
  let ratingOk = false;
  if (spec.rating !== undefined) {
    const { a, b, h0M } = spec.rating;
    const before = issues.length;
    if (!(finite(a) && a > 0)) issues.push({ path: at('rating', 'a'), message: `expected a number > 0, got ${String(a)}` });
    if (!(finite(b) && b > 0)) issues.push({ path: at('rating', 'b'), message: `expected a number > 0, got ${String(b)}` });
    if (!finite(h0M)) issues.push({ path: at('rating', 'h0M'), message: 'expected a finite stage in metres' });
    ratingOk = issues.length === before;
  }
  if (spec.peaks !== undefined && spec.table !== undefined) {
    issues.push({ path: at('table'), message: 'give either peaks or a table, not both' });
  }
  const base = finite(spec.baseStageM) ? spec.baseStageM : NaN;
  (spec.peaks ?? []).forEach((peak, i) => {
    if (!finite(peak.atMin)) issues.push({ path: at('peaks', i, 'atMin'), message: 'expected a finite time in minutes' });
    if (!(finite(peak.riseMin) && peak.riseMin > 0)) issues.push({ path: at('peaks', i, 'riseMin'), message: 'expected a duration in minutes > 0' });
    if (!(finite(peak.fallMin) && peak.fallMin > 0)) issues.push({ path: at('peaks', i, 'fallMin'), message: 'expected a duration in minutes > 0' });
    const hasStage = peak.stageM !== undefined;
    const hasFlow = peak.dischargeM3s !== undefined;
    if (hasStage === hasFlow) {
      issues.push({ path: at('peaks', i), message: 'give exactly one of stageM and dischargeM3s' });
      return;
    }
    let stage = NaN;
    if (hasStage) {
      if (!finite(peak.stageM)) issues.push({ path: at('peaks', i, 'stageM'), message: 'expected a finite stage in metres' });
      else stage = peak.stageM;
    } else if (!(finite(peak.dischargeM3s) && peak.dischargeM3s >= 0)) {
      issues.push({ path: at('peaks', i, 'dischargeM3s'), message: 'expected a discharge in m3/s >= 0' });
    } else if (spec.rating === undefined) {
      issues.push({ path: at('peaks', i, 'dischargeM3s'), message: 'a peak given by discharge needs the gauge rating curve (rating: { a, b, h0M })' });
    } else if (ratingOk) {
      stage = stageFromDischarge(spec.rating, peak.dischargeM3s);
    }
    if (Number.isFinite(stage) && Number.isFinite(base) && stage < base) {
      issues.push({
        path: at('peaks', i, hasStage ? 'stageM' : 'dischargeM3s'),
        message: `the peak stage (${stage.toFixed(3)} m) is below the base stage (${base} m)`,
      });
    }
  });
  if (spec.table !== undefined) {
    if (!Array.isArray(spec.table) || spec.table.length === 0) {
      issues.push({ path: at('table'), message: 'expected at least one [minute, stage] row' });
    } else {
      let previous = -Infinity;
      spec.table.forEach((row, i) => {
        const [t, h] = Array.isArray(row) ? row : [NaN, NaN];
        if (!Array.isArray(row) || row.length !== 2 || !finite(t) || !finite(h)) {
          issues.push({ path: at('table', i), message: 'expected a [minute, stage] pair of finite numbers' });
          return;
        }
        if (!(t > previous)) issues.push({ path: at('table', i, 0), message: `minutes must increase strictly (${t} after ${previous})` });
        previous = t;
      });
    }
  }
  return issues;
}

/** RangeError unless peakFactor is finite and >= 0 and shiftMin finite (the caller's draws, not user input). */
export function checkPerturbation(perturb: HydrographPerturbation): void {
  const f = perturb.peakFactor ?? 1;
  const s = perturb.shiftMin ?? 0;
  if (!(Number.isFinite(f) && f >= 0)) throw new RangeError(`hydrograph perturbation: peakFactor must be a finite number >= 0, got ${f}`);
  if (!Number.isFinite(s)) throw new RangeError(`hydrograph perturbation: shiftMin must be finite, got ${s}`);
}

