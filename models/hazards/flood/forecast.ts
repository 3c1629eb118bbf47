/**
 * Stage forecasts available to the plan (issue 4, item 1: "forecasts available to the plan with a lead
 * time and an error"). Deliberately trivial: a forecast issued at minute `issuedAtMin` for `leadMin`
 * ahead reads the true (replication's) hydrograph at issuedAt + lead and adds a bias. The bias is the
 * forecast error, drawn ONCE per replication and gauge by the caller from its own named stream, so
 * every forecast in a replication errs the same way (a systematic over- or under-forecast, as a
 * hydrological model's runs do) and CRN comparisons between plans see the same forecasts.
 */
import type { Hydrograph } from './hydrograph.js';

function checkForecast(leadMin: number, biasM: number): void {
  if (!(Number.isFinite(leadMin) && leadMin >= 0)) throw new RangeError(`forecast: leadMin must be a finite number >= 0, got ${leadMin}`);
  if (!Number.isFinite(biasM)) throw new RangeError(`forecast: biasM must be finite, got ${biasM}`);
}

/** Forecast stage (m) for issuedAtMin + leadMin: h.stageAt(issuedAtMin + leadMin) + biasM. */
export function forecastStage(h: Hydrograph, issuedAtMin: number, leadMin: number, biasM: number): number {
  checkForecast(leadMin, biasM);
  return h.stageAt(issuedAtMin + leadMin) + biasM;
}

/**
 * First issue time in [t0, t1] at which a forecast `leadMin` ahead crosses upward through `levelM`
 * (forecasts treated as issued continuously), or null: the forecast exceeds the level exactly when the
 * true stage lead minutes later exceeds level - bias, so this is the true hydrograph's first crossing
 * of level - bias in [t0 + lead, t1 + lead], moved back by the lead. A caller with a forecast
 * schedule (e.g. every 6 h) rounds up to its next issue.
 */
export function firstForecastCrossingUp(
  h: Hydrograph,
  levelM: number,
  leadMin: number,
  biasM: number,
  t0: number,
  t1: number,
): number | null {
  checkForecast(leadMin, biasM);
  const t = h.firstCrossingUp(levelM - biasM, t0 + leadMin, t1 + leadMin);
  return t === null ? null : Math.min(Math.max(t - leadMin, t0), t1);
}
