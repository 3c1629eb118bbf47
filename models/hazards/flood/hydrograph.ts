/**
 * Stage hydrographs per gauge, as functions of time t in MINUTES from scenario start (docs/architecture.md section 3).
 *
 * A hydrograph is data (HydrographSpec) in one of three forms:
 * - flat: only `baseStageM`;
 * - peaks: flood waves above base, each a raised-cosine pulse (see pulse.ts for the shape and why),
 *   given by its peak stage or by its peak discharge through the gauge's rating curve;
 * - table: (minute, stage) rows, piecewise-linear, constant before the first and after the last row.
 *
 * Several peaks combine as the UPPER ENVELOPE, stage = base + max_i P_i(t), not the sum. The scenario
 * data are observed peaks of the total stage (e.g. Xiaogongzui 363.15 m on 17 August and 365.17 m on
 * 18 August 2020); the observation already contains whatever was left of the earlier round. With the
 * envelope every given peak is reproduced exactly in height and time (as long as another wave does not
 * stand above it), while a sum would raise and shift the peaks whenever two waves overlap, so the data
 * would have to be de-convolved before use. Between two rounds the stage follows the higher of the first
 * wave's recession and the second wave's rise, which is how the recorded stage behaves. The envelope is
 * continuous (a max of continuous functions) though not smooth where the waves swap. It also makes the
 * hot query exact and cheap: {stage > level} is the union of the pulses' own {P_i > level - base}, each
 * one interval with closed-form ends.
 *
 * Perturbation (drawn per replication by the caller from the scenario's parameters): `peakFactor`
 * multiplies every excess over base (pulse amplitudes, and table stages minus base); `shiftMin` moves all
 * peak times and table times. A discharge-given peak is converted to stage first, then scaled in stage.
 *
 * Everything is precomputed in the constructor into typed arrays; queries allocate only their result.
 */
import { InputError } from '../../../engine/errors.js';
import { pulseFallCrossing, pulseRiseCrossing, pulseRiseSlope } from './pulse.js';
import { stageFromDischarge, type RatingCurve } from './rating.js';
import { checkPerturbation, validateHydrographSpec, type HydrographKind, type HydrographPerturbation, type HydrographSpec, type WetInterval } from './hydrograph-spec.js';

export { checkPerturbation, validateHydrographSpec, type HydrographKind, type HydrographPerturbation, type HydrographSpec, type PeakSpec, type WetInterval } from './hydrograph-spec.js';

const HALF_PI = Math.PI / 2;
/** Samples per elementary interval when locating where the envelope swaps pulses (maxRiseRateMPerH only). */
const ENVELOPE_SAMPLES = 32;

function checkWindow(t0: number, t1: number): void {
  if (Number.isNaN(t0) || Number.isNaN(t1) || t0 > t1) throw new RangeError(`hydrograph: expected a time window t0 <= t1, got [${t0}, ${t1}]`);
}

function checkLevel(levelM: number): void {
  if (Number.isNaN(levelM)) throw new RangeError('hydrograph: level is NaN');
}

export class Hydrograph {
  readonly kind: HydrographKind;
  readonly baseStageM: number;
  /** The rating curve of the spec, if any (for dischargeAt). */
  readonly rating: RatingCurve | undefined;

  // Pulses, sorted by peak time: start s, peak p, end e, amplitude a, and pi/(2R), pi/(2F).
  private readonly n: number;
  private readonly ps: Float64Array;
  private readonly pp: Float64Array;
  private readonly pe: Float64Array;
  private readonly pa: Float64Array;
  private readonly pkRise: Float64Array;
  private readonly pkFall: Float64Array;
  // Scratch for the union of pulse intervals (sorted by start).
  private readonly us: Float64Array;
  private readonly ue: Float64Array;

  // Table (shifted and scaled).
  private readonly tt: Float64Array;
  private readonly tv: Float64Array;

  private readonly peakStageValue: number;
  private readonly peakTimeValue: number;

  // Upper envelope of the pulses as pieces [start, end] led by one pulse (-1: base); built on demand.
  private envStart: Float64Array | undefined;
  private envEnd: Float64Array | undefined;
  private envComp: Int32Array | undefined;

  /** Throws InputError (paths relative to the spec) for a bad spec, RangeError for a bad perturbation. */
  constructor(spec: HydrographSpec, perturb: HydrographPerturbation = {}) {
    const issues = validateHydrographSpec(spec);
    if (issues.length > 0) throw new InputError(issues);
    checkPerturbation(perturb);
    const factor = perturb.peakFactor ?? 1;
    const shift = perturb.shiftMin ?? 0;
    const base = spec.baseStageM;
    this.baseStageM = base;
    this.rating = spec.rating === undefined ? undefined : { a: spec.rating.a, b: spec.rating.b, h0M: spec.rating.h0M };

    const peaks = (spec.peaks ?? [])
      .map((peak) => ({
        at: peak.atMin + shift,
        rise: peak.riseMin,
        fall: peak.fallMin,
        amp: factor * ((peak.stageM ?? stageFromDischarge(spec.rating as RatingCurve, peak.dischargeM3s as number)) - base),
      }))
      // A wave whose height is below the stage's resolution never lifts the computed stage; dropping it
      // keeps the analytic wet intervals consistent with stageAt.
      .filter((peak) => base + peak.amp > base)
      .sort((x, y) => x.at - y.at);
    const n = peaks.length;
    this.n = n;
    this.ps = new Float64Array(n);
    this.pp = new Float64Array(n);
    this.pe = new Float64Array(n);
    this.pa = new Float64Array(n);
    this.pkRise = new Float64Array(n);
    this.pkFall = new Float64Array(n);
    this.us = new Float64Array(n);
    this.ue = new Float64Array(n);
    peaks.forEach((peak, i) => {
      this.ps[i] = peak.at - peak.rise;
      this.pp[i] = peak.at;
      this.pe[i] = peak.at + peak.fall;
      this.pa[i] = peak.amp;
      this.pkRise[i] = HALF_PI / peak.rise;
      this.pkFall[i] = HALF_PI / peak.fall;
    });

    const table = spec.table ?? [];
    this.tt = new Float64Array(table.length);
    this.tv = new Float64Array(table.length);
    table.forEach(([t, h], i) => {
      this.tt[i] = t + shift;
      this.tv[i] = base + factor * (h - base);
    });

    this.kind = spec.table !== undefined ? 'table' : n > 0 ? 'peaks' : 'flat';
    let peakStage = base;
    let peakTime = 0;
    if (this.kind === 'peaks') {
      let best = 0;
      for (let i = 0; i < n; i++) {
        const a = this.pa[i] as number;
        if (a > best) {
          best = a;
          peakTime = this.pp[i] as number;
        }
      }
      peakStage = base + best;
    } else if (this.kind === 'table') {
      peakStage = -Infinity;
      for (let i = 0; i < this.tt.length; i++) {
        const v = this.tv[i] as number;
        if (v > peakStage) {
          peakStage = v;
          peakTime = this.tt[i] as number;
        }
      }
    }
    this.peakStageValue = peakStage;
    this.peakTimeValue = peakTime;
  }

  /** Number of flood waves above base (after dropping zero-height ones). */
  get waveCount(): number {
    return this.n;
  }

  /** Stage (m) at minute t. */
  stageAt(t: number): number {
    if (this.kind === 'table') return this.tableStage(t);
    let best = 0;
    for (let i = 0; i < this.n; i++) {
      const v = this.pulse(i, t);
      if (v > best) best = v;
    }
    return this.baseStageM + best;
  }

  /** Discharge (m3/s) at minute t through the spec's rating curve; Error if the spec has none. */
  dischargeAt(t: number): number {
    const r = this.rating;
    if (r === undefined) throw new Error('hydrograph: dischargeAt needs a rating curve in the spec');
    const head = this.stageAt(t) - r.h0M;
    return head <= 0 ? 0 : r.a * Math.pow(head, r.b);
  }

  /** Highest stage of the whole hydrograph. */
  peakStage(): number {
    return this.peakStageValue;
  }

  /** First minute at which peakStage() is reached (0 for a flat hydrograph, which is at its peak throughout). */
  peakTime(): number {
    return this.peakTimeValue;
  }

  /**
   * The intervals where stage > levelM, clipped to [t0, t1], sorted and disjoint (intervals that touch
   * at a single instant where the stage only reaches the level are merged). Crossing times are analytic
   * (double precision). Zero-length pieces (t0 === t1) are not reported. t0 may be -Infinity and t1
   * Infinity.
   */
  wetIntervals(levelM: number, t0: number, t1: number): WetInterval[] {
    checkLevel(levelM);
    checkWindow(t0, t1);
    const out: WetInterval[] = [];
    if (t0 === t1) return out;
    if (this.kind === 'table') {
      this.tableScan(levelM, t0, t1, out, false);
      return out;
    }
    const d = levelM - this.baseStageM;
    if (d < 0) {
      // Base is above the level: wet throughout.
      const [peak, at] = this.pulsePeakIn(t0, t1);
      out.push({ start: t0, end: t1, startsWet: true, endsWet: true, peakStageM: peak, peakAtMin: at });
      return out;
    }
    const m = this.pulseUnion(d);
    const us = this.us;
    const ue = this.ue;
    for (let k = 0; k < m; k++) {
      const s = us[k] as number;
      const e = ue[k] as number;
      if (e <= t0) continue;
      if (s >= t1) break;
      const lo = s > t0 ? s : t0;
      const hi = e < t1 ? e : t1;
      const [peak, at] = this.pulsePeakIn(lo, hi);
      out.push({ start: lo, end: hi, startsWet: s < t0, endsWet: e > t1, peakStageM: peak, peakAtMin: at });
    }
    return out;
  }

  /**
   * First minute in [t0, t1] at which the stage crosses upward through levelM (stage <= level at that
   * instant, above it just after), or null. A stage already above the level at t0 is not a crossing:
   * the next one comes after it has fallen back (see WetInterval.startsWet).
   */
  firstCrossingUp(levelM: number, t0: number, t1: number): number | null {
    checkLevel(levelM);
    checkWindow(t0, t1);
    if (this.kind === 'table') return this.tableFirstCrossing(levelM, t0, t1);
    const d = levelM - this.baseStageM;
    if (d < 0) return null;
    const m = this.pulseUnion(d);
    for (let k = 0; k < m; k++) {
      const s = this.us[k] as number;
      if (s > t1) break;
      if (s >= t0) return s;
    }
    return null;
  }

  /**
   * Maximum rate of rise of the stage (m/h) over [t0, t1] (the largest one-sided slope), 0 if the
   * stage never rises there. For Jonkman's 'rapidly rising' zone (>= 0.5 m/h).
   */
  maxRiseRateMPerH(t0: number, t1: number): number {
    checkWindow(t0, t1);
    if (this.kind === 'flat') return 0;
    if (this.kind === 'table') return this.tableMaxRise(t0, t1) * 60;
    this.buildEnvelope();
    const starts = this.envStart as Float64Array;
    const ends = this.envEnd as Float64Array;
    const comps = this.envComp as Int32Array;
    let best = 0;
    for (let k = 0; k < starts.length; k++) {
      const ps = starts[k] as number;
      const pe = ends[k] as number;
      if (ps > t1 || pe < t0 || (t0 < t1 && (ps === t1 || pe === t0))) continue;
      const c = comps[k] as number;
      if (c < 0) continue;
      const s = this.ps[c] as number;
      const p = this.pp[c] as number;
      // The leading pulse's rising limb within this piece and the window; its slope is unimodal with the
      // maximum at mid-rise, so the best point is mid-rise clamped into the range.
      const lo = Math.max(ps, t0, s);
      const hi = Math.min(pe, t1, p);
      if (lo > hi) continue;
      const mid = (s + p) / 2;
      const t = mid < lo ? lo : mid > hi ? hi : mid;
      const slope = pulseRiseSlope(this.pa[c] as number, s, p, t);
      if (slope > best) best = slope;
    }
    return best * 60;
  }

  // --- pulses -------------------------------------------------------------------------------------

  /** Height of pulse i above base at minute t. */
  private pulse(i: number, t: number): number {
    const s = this.ps[i] as number;
    const e = this.pe[i] as number;
    if (t <= s || t >= e) return 0;
    const p = this.pp[i] as number;
    const x = t <= p ? Math.sin((this.pkRise[i] as number) * (t - s)) : Math.cos((this.pkFall[i] as number) * (t - p));
    return (this.pa[i] as number) * x * x;
  }

  /** Highest stage on [lo, hi] and its first minute: each pulse is unimodal, so try its peak clamped into the range. */
  private pulsePeakIn(lo: number, hi: number): [number, number] {
    let best = 0;
    let at = lo;
    for (let i = 0; i < this.n; i++) {
      const p = this.pp[i] as number;
      const t = p < lo ? lo : p > hi ? hi : p;
      const v = this.pulse(i, t);
      if (v > best || (v === best && v > 0 && t < at)) {
        best = v;
        at = t;
      }
    }
    return [this.baseStageM + best, at];
  }

  /**
   * Union of {P_i > d} over all pulses (d >= 0) into us/ue, sorted and merged; returns the count.
   * Each pulse higher than d contributes one open interval with closed-form ends.
   */
  private pulseUnion(d: number): number {
    const us = this.us;
    const ue = this.ue;
    let m = 0;
    for (let i = 0; i < this.n; i++) {
      const a = this.pa[i] as number;
      if (a <= d) continue;
      const p = this.pp[i] as number;
      const s = pulseRiseCrossing(a, this.ps[i] as number, p, d);
      const e = pulseFallCrossing(a, p, this.pe[i] as number, d);
      // Insertion sort by start (pulses come sorted by peak time, so this rarely moves anything).
      let j = m;
      while (j > 0 && (us[j - 1] as number) > s) {
        us[j] = us[j - 1] as number;
        ue[j] = ue[j - 1] as number;
        j--;
      }
      us[j] = s;
      ue[j] = e;
      m++;
    }
    if (m < 2) return m;
    let w = 0;
    for (let k = 1; k < m; k++) {
      const s = us[k] as number;
      const e = ue[k] as number;
      if (s <= (ue[w] as number)) {
        if (e > (ue[w] as number)) ue[w] = e;
      } else {
        w++;
        us[w] = s;
        ue[w] = e;
      }
    }
    return w + 1;
  }

  /** Which pulse leads at t (-1: none above base); ties go to the lower index. */
  private leader(t: number): number {
    let best = 0;
    let c = -1;
    for (let i = 0; i < this.n; i++) {
      const v = this.pulse(i, t);
      if (v > best) {
        best = v;
        c = i;
      }
    }
    return c;
  }

  /**
   * The upper envelope as pieces led by one pulse. Between consecutive breakpoints (every pulse's start,
   * peak and end) each pulse is monotone; the leader is sampled at ENVELOPE_SAMPLES points and every
   * change of leader is located by bisection on the difference of the two pulses. Two swaps closer than
   * one sample step could be missed, but only where two pulses are nearly equal, where the error in the
   * slope is that of the neighbouring pulse. Used by maxRiseRateMPerH only, so built on first use.
   */
  private buildEnvelope(): void {
    if (this.envStart !== undefined) return;
    const breaks: number[] = [];
    for (let i = 0; i < this.n; i++) breaks.push(this.ps[i] as number, this.pp[i] as number, this.pe[i] as number);
    breaks.sort((x, y) => x - y);
    const starts: number[] = [-Infinity];
    const comps: number[] = [-1];
    const ends: number[] = [];
    const open = (t: number, c: number): void => {
      if (c === comps[comps.length - 1]) return;
      ends.push(t);
      starts.push(t);
      comps.push(c);
    };
    const value = (c: number, t: number): number => (c < 0 ? 0 : this.pulse(c, t));
    for (let b = 0; b + 1 < breaks.length; b++) {
      const u = breaks[b] as number;
      const w = breaks[b + 1] as number;
      if (!(w > u)) continue;
      let prevT = u;
      let prevC = this.leader(u + (w - u) * 1e-9);
      open(u, prevC);
      for (let k = 1; k <= ENVELOPE_SAMPLES; k++) {
        const t = k === ENVELOPE_SAMPLES ? w - (w - u) * 1e-9 : u + ((w - u) * k) / ENVELOPE_SAMPLES;
        const c = this.leader(t);
        if (c !== prevC) {
          // value(prevC) - value(c) goes from >= 0 at prevT to <= 0 at t: bisect for the swap.
          let lo = prevT;
          let hi = t;
          for (let it = 0; it < 100 && hi - lo > 1e-12 * (1 + Math.abs(lo)); it++) {
            const mid = (lo + hi) / 2;
            if (value(prevC, mid) - value(c, mid) >= 0) lo = mid;
            else hi = mid;
          }
          open((lo + hi) / 2, c);
          prevC = c;
        }
        prevT = t;
      }
    }
    open(breaks.length > 0 ? (breaks[breaks.length - 1] as number) : -Infinity, -1);
    ends.push(Infinity);
    this.envStart = Float64Array.from(starts);
    this.envEnd = Float64Array.from(ends);
    this.envComp = Int32Array.from(comps);
  }

  // --- table --------------------------------------------------------------------------------------

  /** Index of the last knot <= t, or -1 if t is before the first knot. */
  private knotBefore(t: number): number {
    const tt = this.tt;
    let lo = -1;
    let hi = tt.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((tt[mid] as number) <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private tableStage(t: number): number {
    const tt = this.tt;
    const tv = this.tv;
    const last = tt.length - 1;
    if (t <= (tt[0] as number)) return tv[0] as number;
    if (t >= (tt[last] as number)) return tv[last] as number;
    const k = this.knotBefore(t);
    const ta = tt[k] as number;
    const va = tv[k] as number;
    return va + (((tv[k + 1] as number) - va) * (t - ta)) / ((tt[k + 1] as number) - ta);
  }

  /**
   * Walk [t0, t1] from breakpoint to breakpoint (t0, the knots inside, t1); the stage is linear between
   * two consecutive breakpoints, so each step's wet part has closed-form ends. Appends merged intervals
   * to `out`; with `firstCrossing`, stops at the first interval that does not start wet and returns its
   * start (else null).
   */
  private tableScan(levelM: number, t0: number, t1: number, out: WetInterval[], firstCrossing: boolean): number | null {
    const tt = this.tt;
    const m = tt.length;
    let k = this.knotBefore(t0) + 1; // first knot strictly after t0 (or equal to t0 when t0 is a knot: skip it)
    while (k < m && (tt[k] as number) <= t0) k++;
    let u = t0;
    let gu = this.tableStage(t0);
    const startWet = gu > levelM;
    let current: WetInterval | undefined;
    while (u < t1) {
      const w = k < m && (tt[k] as number) < t1 ? (tt[k] as number) : t1;
      const gw = w === t1 ? this.tableStage(t1) : (this.tv[k] as number);
      let s = NaN;
      let e = NaN;
      if (gu > levelM && gw > levelM) {
        s = u;
        e = w;
      } else if (gu <= levelM && gw > levelM) {
        // Crossings at a breakpoint are the breakpoint itself, so touching pieces meet exactly and merge.
        s = gu === levelM ? u : Math.min(u + ((levelM - gu) / (gw - gu)) * (w - u), w);
        e = w;
      } else if (gu > levelM && gw <= levelM) {
        s = u;
        e = gw === levelM ? w : Math.min(u + ((gu - levelM) / (gu - gw)) * (w - u), w);
      }
      if (s === s && e > s) {
        const [hi, hiAt] = gu >= gw ? [gu, s] : [gw, e];
        if (current !== undefined && current.end === s) {
          current.end = e;
          if (hi > current.peakStageM) {
            current.peakStageM = hi;
            current.peakAtMin = hiAt;
          }
        } else {
          current = { start: s, end: e, startsWet: s === t0 && startWet, endsWet: false, peakStageM: hi, peakAtMin: hiAt };
          // Extending an interval never moves its start, so the first one that is not already wet at t0 answers.
          if (firstCrossing && !current.startsWet) return s;
          out.push(current);
        }
      }
      u = w;
      gu = gw;
      k++;
    }
    if (current !== undefined && current.end === t1) current.endsWet = gu > levelM;
    if (!firstCrossing) return null;
    // A crossing exactly at t1: the stage touches the level there and rises after it.
    if (t1 !== Infinity && gu === levelM && (current === undefined || current.end !== t1) && this.tableRightSlope(t1) > 0) return t1;
    return null;
  }

  private tableFirstCrossing(levelM: number, t0: number, t1: number): number | null {
    return this.tableScan(levelM, t0, t1, [], true);
  }

  /** Slope (m/min) just after t. */
  private tableRightSlope(t: number): number {
    const k = this.knotBefore(t);
    if (k < 0 || k >= this.tt.length - 1) return 0;
    return ((this.tv[k + 1] as number) - (this.tv[k] as number)) / ((this.tt[k + 1] as number) - (this.tt[k] as number));
  }

  /** Largest positive segment slope (m/min) among the segments meeting [t0, t1]. */
  private tableMaxRise(t0: number, t1: number): number {
    const tt = this.tt;
    const tv = this.tv;
    let best = 0;
    for (let k = 0; k + 1 < tt.length; k++) {
      const a = tt[k] as number;
      const b = tt[k + 1] as number;
      const meets = t0 < t1 ? a < t1 && b > t0 : a <= t0 && b >= t0;
      if (!meets) continue;
      const slope = ((tv[k + 1] as number) - (tv[k] as number)) / (b - a);
      if (slope > best) best = slope;
    }
    return best;
  }
}
