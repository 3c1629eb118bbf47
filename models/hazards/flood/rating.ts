/**
 * Stage-discharge rating curves, the standard hydrometric power law (docs/models/flood.md section 3, ISO 1100-2):
 *
 *   Q = a (H - H0)^b        (H > H0; no flow at or below the gauge zero H0)
 *   H = H0 + (Q / a)^(1/b)  (Q >= 0)
 *
 * H is the stage in the station's own datum (m), Q the discharge (m3/s). The parameters are data per
 * gauge (`rating: { a, b, h0M }` in scenarios/regions/<region>/assets.json); nothing here is fitted
 * to a particular river.
 */

export interface RatingCurve {
  /** Coefficient a (m3/s per m^b), > 0. */
  a: number;
  /** Exponent b, > 0 (typically 1.5-2.5 for natural sections). */
  b: number;
  /** Gauge zero H0 (m): the stage of zero flow. */
  h0M: number;
}

/** Throw a RangeError unless a > 0, b > 0 and H0 is finite. */
export function checkRating(rating: RatingCurve): void {
  const { a, b, h0M } = rating;
  if (!(Number.isFinite(a) && a > 0)) throw new RangeError(`rating curve: a must be a finite number > 0, got ${a}`);
  if (!(Number.isFinite(b) && b > 0)) throw new RangeError(`rating curve: b must be a finite number > 0, got ${b}`);
  if (!Number.isFinite(h0M)) throw new RangeError(`rating curve: h0M must be a finite number, got ${h0M}`);
}

/**
 * Discharge (m3/s) at stage `stageM`: a (H - H0)^b, and 0 for H <= H0 (the power law is undefined
 * for a negative base and there is no flow below the gauge zero). RangeError for a non-finite stage
 * or invalid parameters.
 */
export function dischargeFromStage(rating: RatingCurve, stageM: number): number {
  checkRating(rating);
  if (!Number.isFinite(stageM)) throw new RangeError(`rating curve: stage must be finite, got ${stageM}`);
  const head = stageM - rating.h0M;
  return head <= 0 ? 0 : rating.a * Math.pow(head, rating.b);
}

/** Stage (m) that carries `dischargeM3s`: H0 + (Q/a)^(1/b). RangeError for Q < 0 or non-finite Q. */
export function stageFromDischarge(rating: RatingCurve, dischargeM3s: number): number {
  checkRating(rating);
  if (!(Number.isFinite(dischargeM3s) && dischargeM3s >= 0)) {
    throw new RangeError(`rating curve: discharge must be a finite number >= 0, got ${dischargeM3s}`);
  }
  return rating.h0M + Math.pow(dischargeM3s / rating.a, 1 / rating.b);
}

/** One stage-discharge reading. */
export interface RatingPoint {
  stageM: number;
  flowM3s: number;
}

/**
 * The power law with a fixed exponent b through two readings (how assets.json's estimated curves were
 * made: two points cannot fix three parameters). With r = (Q1/Q2)^(1/b), (H1 - H0) = r (H2 - H0), so
 * H0 = (H1 - r H2) / (1 - r) and a = Q1 / (H1 - H0)^b. RangeError when the readings are not both
 * positive, are equal in flow, or are not ordered the same way in stage and flow.
 */
export function fitRatingThroughTwoPoints(p1: RatingPoint, p2: RatingPoint, b: number): RatingCurve {
  if (!(Number.isFinite(b) && b > 0)) throw new RangeError(`rating fit: b must be a finite number > 0, got ${b}`);
  for (const p of [p1, p2]) {
    if (!(Number.isFinite(p.stageM) && Number.isFinite(p.flowM3s) && p.flowM3s > 0)) {
      throw new RangeError(`rating fit: a reading needs a finite stage and a flow > 0, got (${p.stageM}, ${p.flowM3s})`);
    }
  }
  if (p1.flowM3s === p2.flowM3s || Math.sign(p2.stageM - p1.stageM) !== Math.sign(p2.flowM3s - p1.flowM3s)) {
    throw new RangeError('rating fit: the two readings must differ and rise together in stage and flow');
  }
  const r = Math.pow(p1.flowM3s / p2.flowM3s, 1 / b);
  const h0M = (p1.stageM - r * p2.stageM) / (1 - r);
  const a = p1.flowM3s / Math.pow(p1.stageM - h0M, b);
  return { a, b, h0M };
}
