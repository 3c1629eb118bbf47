/**
 * Stage forecasts available to the plan (docs/models/flood.md section 5). A forecast read at minute
 * `issuedAtMin` for `leadMin` ahead is the latest forecast the hydrological service has issued by then
 * (issues every `intervalMin`), evaluated at issuedAt + lead: the replication's true stage there plus an
 * error whose sd grows linearly with the lead counted from that issue,
 *
 *   error = sd0 (1 + leadFromIssue / doublingLead) Z_k,   leadFromIssue = issuedAt + lead - t_k,
 *
 * with Z_k the standardised error of issue k, an AR(1) sequence over the issues of each gauge (a
 * hydrological model's consecutive runs share its state and the rainfall forecast, so they err alike
 * and a forecast does not jump about between issues). Why linear in lead and scaled by sd0: see the
 * parameter table and docs/models/flood.md section 5; sd0 = 0 gives perfect forecasts, which the
 * plan-semantics fixtures rely on.
 *
 * Everything here is pure except ForecastErrorSeries, which caches a deterministic sequence drawn from
 * its own stream in issue order, so a value depends on (stream, issue index) only, never on how often or
 * in which order the plan asks.
 */
import type { Hydrograph } from './hydrograph.js';

/** The error model's parameters (flood.forecastErrorSdM, flood.forecastErrorDoublingLeadH, ...), in minutes. */
export interface ForecastErrorModel {
  /** sd of the error at zero lead, m (gauge reading and rating error). */
  sd0M: number;
  /** Lead at which the sd is twice sd0, min: sd(L) = sd0 (1 + L / doublingLeadMin). */
  doublingLeadMin: number;
  /** Time between two forecast issues, min. */
  intervalMin: number;
  /** Correlation of the standardised errors of two issues one hour apart. */
  hourlyCorrelation: number;
}

export function checkForecastErrorModel(m: ForecastErrorModel): void {
  if (!(Number.isFinite(m.sd0M) && m.sd0M >= 0)) throw new RangeError(`forecast: sd0M must be a finite number >= 0, got ${m.sd0M}`);
  if (!(m.doublingLeadMin > 0)) throw new RangeError(`forecast: doublingLeadMin must be > 0, got ${m.doublingLeadMin}`);
  if (!(Number.isFinite(m.intervalMin) && m.intervalMin > 0)) throw new RangeError(`forecast: intervalMin must be a finite number > 0, got ${m.intervalMin}`);
  if (!(m.hourlyCorrelation >= 0 && m.hourlyCorrelation <= 1)) {
    throw new RangeError(`forecast: hourlyCorrelation must be in [0, 1], got ${m.hourlyCorrelation}`);
  }
}

function checkLead(leadMin: number): void {
  if (!(Number.isFinite(leadMin) && leadMin >= 0)) throw new RangeError(`forecast: leadMin must be a finite number >= 0, got ${leadMin}`);
}

/** sd (m) of a forecast's error at `leadMin` from its issue: sd0 (1 + lead / doublingLead). */
export function forecastErrorSd(m: ForecastErrorModel, leadMin: number): number {
  checkLead(leadMin);
  return m.sd0M * (1 + leadMin / m.doublingLeadMin);
}

/**
 * The latest issue at or before `issuedAtMin`: its index k and time t_k = k * interval. Before time 0
 * (nothing was issued in the simulation yet) issue 0 stands in, read at its own time.
 */
export function latestIssue(issuedAtMin: number, intervalMin: number): { index: number; atMin: number } {
  if (!Number.isFinite(issuedAtMin)) throw new RangeError(`forecast: issuedAtMin must be finite, got ${issuedAtMin}`);
  if (issuedAtMin < 0) return { index: 0, atMin: issuedAtMin };
  const index = Math.floor(issuedAtMin / intervalMin);
  return { index, atMin: index * intervalMin };
}

/** Correlation of consecutive issues `intervalMin` apart, from the hourly one (AR(1) in continuous time). */
export function issueCorrelation(m: ForecastErrorModel): number {
  return m.hourlyCorrelation ** (m.intervalMin / 60);
}

/**
 * The standardised errors Z_0, Z_1, ... of one gauge's issues: Z_0 ~ N(0, 1), Z_k = rho Z_{k-1} +
 * sqrt(1 - rho^2) e_k, so every Z_k is N(0, 1) and corr(Z_j, Z_k) = rho^|j-k|. Drawn lazily in index
 * order from `standardNormal` (one draw per issue, never more), and cached.
 */
export class ForecastErrorSeries {
  private readonly z: number[] = [];
  private readonly innovation: number;

  constructor(
    private readonly standardNormal: () => number,
    private readonly rho: number,
  ) {
    if (!(rho >= 0 && rho <= 1)) throw new RangeError(`ForecastErrorSeries: rho must be in [0, 1], got ${rho}`);
    this.innovation = Math.sqrt(1 - rho * rho);
  }

  at(index: number): number {
    if (!(Number.isInteger(index) && index >= 0)) throw new RangeError(`ForecastErrorSeries: index must be an integer >= 0, got ${index}`);
    const z = this.z;
    if (z.length === 0) z.push(this.standardNormal());
    while (z.length <= index) z.push(this.rho * z[z.length - 1]! + this.innovation * this.standardNormal());
    return z[index]!;
  }
}

/** The error (m) of the forecast read at `issuedAtMin` for `leadMin` ahead, given the gauge's issue errors. */
export function forecastError(m: ForecastErrorModel, series: ForecastErrorSeries, issuedAtMin: number, leadMin: number): number {
  checkLead(leadMin);
  if (m.sd0M === 0) return 0;
  const issue = latestIssue(issuedAtMin, m.intervalMin);
  return forecastErrorSd(m, issuedAtMin + leadMin - issue.atMin) * series.at(issue.index);
}

/** Forecast stage (m) for issuedAtMin + leadMin with the given error: h.stageAt(issuedAtMin + leadMin) + errorM. */
export function forecastStage(h: Hydrograph, issuedAtMin: number, leadMin: number, errorM: number): number {
  checkLead(leadMin);
  if (!Number.isFinite(errorM)) throw new RangeError(`forecast: errorM must be finite, got ${errorM}`);
  return h.stageAt(issuedAtMin + leadMin) + errorM;
}

/**
 * First issue time in [t0, t1] at which a forecast `leadMin` ahead with a FIXED error `errorM` crosses
 * upward through `levelM` (forecasts treated as issued continuously), or null. Exact only for a fixed
 * error (a perfect forecast: errorM = 0); the field's forecasts err per issue, so it does not use this.
 * The forecast exceeds the level exactly when the true stage lead minutes later exceeds level - error,
 * so this is the true hydrograph's first crossing of level - error in [t0 + lead, t1 + lead], moved back
 * by the lead.
 */
export function firstForecastCrossingUp(
  h: Hydrograph,
  levelM: number,
  leadMin: number,
  errorM: number,
  t0: number,
  t1: number,
): number | null {
  checkLead(leadMin);
  if (!Number.isFinite(errorM)) throw new RangeError(`forecast: errorM must be finite, got ${errorM}`);
  const t = h.firstCrossingUp(levelM - errorM, t0 + leadMin, t1 + leadMin);
  return t === null ? null : Math.min(Math.max(t - leadMin, t0), t1);
}
