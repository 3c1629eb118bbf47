/**
 * Small numeric helpers for the Leshan generator: rounding, exact integer apportionment and a rating-curve
 * fit. (Distances and routing come from engine/network: geo.ts and search.ts.)
 */

/** Round to `digits` decimals (half away from zero, as people round by hand). */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.sign(x) * Math.round(Math.abs(x) * f + Number.EPSILON) / f;
}

/**
 * Split the integer `total` in proportion to `weights` so the parts are integers that add up to `total`
 * exactly (Hamilton / largest-remainder method; ties go to the earlier index, so the result is
 * deterministic).
 */
export function hamilton(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`hamilton: total must be a non-negative integer, got ${total}`);
  const sum = weights.reduce((s, w) => s + w, 0);
  if (weights.some((w) => !(w >= 0)) || !(sum > 0)) throw new Error('hamilton: weights must be non-negative with a positive sum');
  const quotas = weights.map((w) => (total * w) / sum);
  const parts = quotas.map(Math.floor);
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = quotas.map((q, i) => ({ i, frac: q - Math.floor(q) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    parts[i]!++;
    left--;
  }
  return parts;
}

export interface RatingFit {
  a: number;
  b: number;
  h0: number;
  /** Sum of squared residuals of ln Q. */
  sse: number;
}

/**
 * Fit Q = a (H - H0)^b by least squares on ln Q, with b bounded to [bMin, bMax] and H0 below the lowest
 * stage. For fixed (b, H0) the best ln a is the mean residual, so the search is over (b, H0) only: a grid,
 * then two rounds of local refinement.
 */
export function fitRating(points: ReadonlyArray<readonly [number, number]>, opts: { bMin: number; bMax: number; maxDepthM?: number }): RatingFit {
  if (points.length < 2) throw new Error('fitRating: needs at least two (stage, flow) points');
  const hMin = Math.min(...points.map((p) => p[0]));
  const maxDepth = opts.maxDepthM ?? 40;
  const evaluate = (b: number, h0: number): RatingFit => {
    const xs = points.map(([h]) => Math.log(h - h0));
    const ys = points.map(([, q]) => Math.log(q));
    const la = ys.reduce((s, y, i) => s + y - b * xs[i]!, 0) / points.length;
    const sse = ys.reduce((s, y, i) => s + (y - la - b * xs[i]!) ** 2, 0);
    return { a: Math.exp(la), b, h0, sse };
  };
  const search = (bLo: number, bHi: number, dLo: number, dHi: number, steps: number): RatingFit => {
    let best: RatingFit | undefined;
    const bSteps = bHi > bLo ? steps : 0;
    for (let i = 0; i <= bSteps; i++) {
      const b = bSteps === 0 ? bLo : bLo + ((bHi - bLo) * i) / bSteps;
      for (let j = 0; j <= steps; j++) {
        const depth = dLo + ((dHi - dLo) * j) / steps;
        const fit = evaluate(b, hMin - depth);
        if (best === undefined || fit.sse < best.sse - 1e-15) best = fit;
      }
    }
    return best!;
  };
  let best = search(opts.bMin, opts.bMax, 0.05, maxDepth, 400);
  for (const width of [0.05, 0.005]) {
    const bSpan = (opts.bMax - opts.bMin) * width;
    const depth = hMin - best.h0;
    const dSpan = maxDepth * width;
    best = search(
      Math.max(opts.bMin, best.b - bSpan),
      Math.min(opts.bMax, best.b + bSpan),
      Math.max(0.01, depth - dSpan),
      depth + dSpan,
      200,
    );
  }
  return best;
}
