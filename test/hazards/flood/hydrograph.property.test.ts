/**
 * Property tests (fast-check) over random hydrographs of both forms (1-4 raised-cosine waves, or a
 * table of up to 12 rows with plateaus and levels equal to row stages), random perturbations, levels
 * and windows:
 * - stageAt is Lipschitz-continuous with the constant implied by the data (steepest wave or row slope);
 * - wetIntervals are inside the window, sorted, disjoint, of positive length, with wet-end flags only at
 *   the window edges; the stage is above the level inside every interval, at the level at every
 *   crossing and not above it just outside; a dense sample of the window agrees with the intervals;
 *   each interval's peak is the highest stage in it;
 * - firstCrossingUp is the start of the first interval that is not already wet at t0;
 * - maxRiseRateMPerH bounds every finite-difference rise in the window and is reached by one;
 * - a perturbation scales stage - base by peakFactor and moves everything by shiftMin.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Hydrograph, type HydrographPerturbation, type HydrographSpec } from '../../../models/hazards/flood/index.js';

const STAGE_TOL = 1e-9; // m
const RUNS = 150;

interface Case {
  spec: HydrographSpec;
  perturb: HydrographPerturbation;
  /** Upper bound on |d stage / dt| (m/min) and on |d2 stage / dt2| within a wave (m/min^2). */
  slopeBound: number;
  curvatureBound: number;
  knots: number[];
}

const finite = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const peaksCase: fc.Arbitrary<Case> = fc
  .record({
    base: finite(300, 400),
    peaks: fc.array(fc.record({ at: finite(-2000, 10_000), excess: finite(0.05, 12), rise: finite(5, 4000), fall: finite(5, 4000) }), {
      minLength: 1,
      maxLength: 4,
    }),
    factor: fc.oneof(finite(0, 2), fc.constant(1)),
    shift: fc.oneof(finite(-1000, 1000), fc.constant(0)),
  })
  .map(({ base, peaks, factor, shift }) => {
    let slopeBound = 0;
    let curvatureBound = 0;
    for (const p of peaks) {
      const a = factor * p.excess;
      const r = Math.min(p.rise, p.fall);
      slopeBound = Math.max(slopeBound, (a * Math.PI) / (2 * r));
      curvatureBound = Math.max(curvatureBound, (a * Math.PI ** 2) / (2 * r * r));
    }
    return {
      spec: { baseStageM: base, peaks: peaks.map((p) => ({ atMin: p.at, stageM: base + p.excess, riseMin: p.rise, fallMin: p.fall })) },
      perturb: { peakFactor: factor, shiftMin: shift },
      slopeBound,
      curvatureBound,
      knots: [],
    };
  });

const tableCase: fc.Arbitrary<Case> = fc
  .record({
    base: finite(300, 400),
    t0: finite(-1000, 1000),
    // gaps and stage offsets on a coarse grid half of the time, so plateaus and exact ties occur
    rows: fc.array(
      fc.record({
        gap: fc.oneof(finite(1, 2000), fc.integer({ min: 1, max: 40 }).map((k) => k * 50)),
        dz: fc.oneof(finite(-3, 12), fc.integer({ min: -6, max: 24 }).map((k) => k * 0.5)),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    factor: fc.oneof(finite(0, 2), fc.constant(1)),
    shift: fc.oneof(finite(-1000, 1000), fc.constant(0)),
  })
  .map(({ base, t0, rows, factor, shift }) => {
    let t = t0;
    const table: Array<[number, number]> = rows.map((row, i) => {
      if (i > 0) t += row.gap;
      return [t, base + row.dz];
    });
    let slopeBound = 0;
    for (let i = 1; i < table.length; i++) {
      const [ta, va] = table[i - 1]!;
      const [tb, vb] = table[i]!;
      slopeBound = Math.max(slopeBound, (factor * Math.abs(vb - va)) / (tb - ta));
    }
    return {
      spec: { baseStageM: base, table },
      perturb: { peakFactor: factor, shiftMin: shift },
      slopeBound,
      curvatureBound: 0,
      knots: table.map(([tk]) => tk + shift),
    };
  });

const anyCase = fc.oneof(peaksCase, tableCase);

/** A level: random across the stage range, or exactly a row stage / the base (ties are the hard cases). */
function levelArb(c: Case): fc.Arbitrary<number> {
  const h = new Hydrograph(c.spec, c.perturb);
  // (a table may lie wholly below base)
  const lo = Math.min(h.baseStageM, h.peakStage()) - 4;
  const hi = Math.max(h.baseStageM, h.peakStage()) + 0.5;
  const exact = [h.baseStageM, h.peakStage(), ...c.knots.map((t) => h.stageAt(t))];
  return fc.oneof(finite(lo, hi), fc.constantFrom(...exact));
}

const windowArb = fc
  .record({ t0: finite(-4000, 12_000), len: fc.oneof(finite(0, 16_000), fc.constant(0)) })
  .map(({ t0, len }) => [t0, t0 + len] as const);

const caseWithQuery = anyCase.chain((c) => fc.record({ c: fc.constant(c), level: levelArb(c), window: windowArb }));

describe('hydrograph properties', () => {
  it('stageAt is Lipschitz-continuous: |h(t + dt) - h(t)| <= max slope * dt', () => {
    fc.assert(
      fc.property(anyCase, finite(-5000, 16_000), finite(1e-7, 1), (c, t, dt) => {
        const h = new Hydrograph(c.spec, c.perturb);
        const change = Math.abs(h.stageAt(t + dt) - h.stageAt(t));
        expect(change).toBeLessThanOrEqual(c.slopeBound * dt * (1 + 1e-9) + STAGE_TOL);
      }),
      { numRuns: 500 },
    );
  });

  it('wet intervals are sorted, disjoint, in the window, above the level inside and not above it outside', () => {
    fc.assert(
      fc.property(caseWithQuery, ({ c, level, window: [t0, t1] }) => {
        const h = new Hydrograph(c.spec, c.perturb);
        const wet = h.wetIntervals(level, t0, t1);
        wet.forEach((w, i) => {
          expect(w.start).toBeGreaterThanOrEqual(t0);
          expect(w.end).toBeLessThanOrEqual(t1);
          expect(w.end).toBeGreaterThan(w.start);
          if (i > 0) expect(w.start).toBeGreaterThan(wet[i - 1]!.end);
          if (w.startsWet) expect(w.start === t0 && i === 0).toBe(true);
          if (w.endsWet) expect(w.end === t1 && i === wet.length - 1).toBe(true);
          // inside (to the stage's resolution: a wave barely above the level may round onto it)
          expect(h.stageAt((w.start + w.end) / 2)).toBeGreaterThan(level - STAGE_TOL);
          // crossings are at the level, and the stage is not above it just outside: probed within the
          // window and the dry gap next to the interval (a probe past either can meet water legitimately)
          const before = Math.min(1e-4, (w.start - (i > 0 ? wet[i - 1]!.end : t0)) / 2);
          const after = Math.min(1e-4, ((i + 1 < wet.length ? wet[i + 1]!.start : t1) - w.end) / 2);
          if (!w.startsWet) {
            expect(Math.abs(h.stageAt(w.start) - level)).toBeLessThan(1e-7);
            if (before > 0) expect(h.stageAt(w.start - before)).toBeLessThanOrEqual(level + STAGE_TOL);
          } else {
            expect(h.stageAt(t0)).toBeGreaterThan(level - STAGE_TOL);
          }
          if (!w.endsWet) {
            expect(Math.abs(h.stageAt(w.end) - level)).toBeLessThan(1e-7);
            if (after > 0) expect(h.stageAt(w.end + after)).toBeLessThanOrEqual(level + STAGE_TOL);
          } else {
            expect(h.stageAt(t1)).toBeGreaterThan(level - STAGE_TOL);
          }
          // the reported peak is the highest stage in the interval
          expect(w.peakAtMin).toBeGreaterThanOrEqual(w.start);
          expect(w.peakAtMin).toBeLessThanOrEqual(w.end);
          expect(h.stageAt(w.peakAtMin)).toBeCloseTo(w.peakStageM, 9);
          for (let k = 0; k <= 50; k++) {
            expect(h.stageAt(w.start + ((w.end - w.start) * k) / 50)).toBeLessThanOrEqual(w.peakStageM + STAGE_TOL);
          }
        });
        // a dense sample of the window agrees with the intervals (away from the crossings themselves)
        if (t1 > t0) {
          for (let k = 0; k <= 400; k++) {
            const t = t0 + ((t1 - t0) * k) / 400;
            const near = wet.some((w) => Math.abs(t - w.start) < 1e-6 || Math.abs(t - w.end) < 1e-6);
            if (near) continue;
            const inside = wet.some((w) => t > w.start && t < w.end);
            const v = h.stageAt(t);
            if (inside) expect(v).toBeGreaterThan(level - STAGE_TOL);
            else expect(v).toBeLessThanOrEqual(level + STAGE_TOL);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('firstCrossingUp is the start of the first interval not already wet at t0', () => {
    fc.assert(
      fc.property(caseWithQuery, ({ c, level, window: [t0, t1] }) => {
        const h = new Hydrograph(c.spec, c.perturb);
        const first = h.wetIntervals(level, t0, t1).find((w) => !w.startsWet);
        const crossing = h.firstCrossingUp(level, t0, t1);
        if (first !== undefined) expect(crossing).toBe(first.start);
        else if (crossing !== null) expect(crossing).toBe(t1); // a crossing exactly at the window's end
      }),
      { numRuns: RUNS },
    );
  });

  it('maxRiseRateMPerH bounds every finite-difference rise in the window and is reached by one', () => {
    fc.assert(
      fc.property(anyCase, windowArb, (c, [t0, t1]) => {
        fc.pre(t1 - t0 > 1);
        const h = new Hydrograph(c.spec, c.perturb);
        const rate = h.maxRiseRateMPerH(t0, t1) / 60; // m/min
        const step = 1e-3;
        const points: number[] = [];
        const n = 1500;
        for (let k = 0; k < n; k++) points.push(t0 + ((t1 - step - t0) * k) / (n - 1));
        for (const knot of c.knots) if (knot >= t0 && knot + 2 * step <= t1) points.push(knot + step);
        let best = 0;
        for (const t of points) {
          const fd = (h.stageAt(t + step) - h.stageAt(t)) / step;
          // mean value theorem: a finite difference is the slope somewhere inside, so never above the maximum
          expect(fd).toBeLessThanOrEqual(rate * (1 + 1e-9) + 1e-9);
          if (fd > best) best = fd;
        }
        // and the maximum is approached within the grid's resolution times the curvature bound
        const grid = (t1 - t0) / (n - 1);
        expect(rate).toBeLessThanOrEqual(best + (grid + step) * c.curvatureBound + 1e-7);
      }),
      { numRuns: 100 },
    );
  });

  it('perturbation: stage - base scales by peakFactor, times move by shiftMin, crossings move with them', () => {
    fc.assert(
      fc.property(anyCase, finite(0.05, 2), finite(-1500, 1500), finite(-3000, 12_000), (c, factor, shift, t) => {
        const plain = new Hydrograph(c.spec);
        const moved = new Hydrograph(c.spec, { peakFactor: factor, shiftMin: shift });
        const base = plain.baseStageM;
        // Crossing times are as exact as stage rounding / slope allows: keep waves of at least a centimetre.
        fc.pre(plain.peakStage() - base > 0.01);
        expect(moved.stageAt(t + shift)).toBeCloseTo(base + factor * (plain.stageAt(t) - base), 7);
        expect(moved.peakStage()).toBeCloseTo(base + factor * (plain.peakStage() - base), 9);
        // the moved peak is where the plain peak was, shifted (ties between rows may pick another row of equal height)
        expect(moved.stageAt(plain.peakTime() + shift)).toBeCloseTo(moved.peakStage(), 7);
        const level = base + 0.4371 * (plain.peakStage() - base); // off the generators' 0.5 m grid, so no ties with rows
        const a = plain.wetIntervals(level, -5000, 15_000);
        const b = moved.wetIntervals(base + factor * (level - base), -5000 + shift, 15_000 + shift);
        expect(b.length).toBe(a.length);
        a.forEach((w, i) => {
          expect(Math.abs(b[i]!.start - (w.start + shift))).toBeLessThan(1e-6);
          expect(Math.abs(b[i]!.end - (w.end + shift))).toBeLessThan(1e-6);
        });
      }),
      { numRuns: RUNS },
    );
  });
});
