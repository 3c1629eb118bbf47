/**
 * Morris elementary-effects screening (Morris 1991), reported as mu* = mean |EE| (Campolongo, Cariboni &
 * Saltelli 2007), sigma = sd of EE and mu = mean EE (docs/models/engine.md section 6).
 *
 * The design lives in the unit hypercube [0, 1]^k on a p-level grid {0, 1/(p-1), ..., 1} with the step
 * delta = p / (2 (p - 1)). A trajectory is k + 1 points: a base point, then one factor at a time moved by
 * +delta or -delta, each factor exactly once, in a random order. That is Morris's B* = (J x* + delta/2
 * ((2B - J) D* + J)) P* construction written as a walk: the random base x*, the random signs D* and the
 * random order P* are drawn directly. For even p, delta is p/2 grid steps, so every point stays on the grid.
 *
 * The design is drawn from one named stream of engine/random, so a seed gives the same trajectories on
 * every machine. Elementary effects are in unit-cube terms, EE_j = (y(x + delta e_j) - y(x)) / delta, so
 * parameters with ranges in different units rank on the same scale: "the change in the metric when the
 * parameter moves by delta of its range".
 */
import { createStream, type MasterSeed } from '../../engine/random/index.js';

export interface MorrisDesignOptions {
  /** Number of factors k >= 1. */
  factors: number;
  /** Trajectories r >= 1 (r(k + 1) evaluations); 10-50 is usual. */
  trajectories: number;
  /** Grid levels p: an even number >= 2 (4 is usual). */
  levels: number;
  seed: MasterSeed;
}

export interface MorrisStep {
  /** The factor moved between point m and point m + 1. */
  factor: number;
  /** +1 for x_j + delta, -1 for x_j - delta. */
  sign: 1 | -1;
}

export interface MorrisTrajectory {
  /** k + 1 points of [0, 1]^k; point m + 1 differs from point m in steps[m].factor only. */
  points: number[][];
  /** k steps: every factor exactly once. */
  steps: MorrisStep[];
}

export interface MorrisDesign {
  factors: number;
  levels: number;
  delta: number;
  trajectories: MorrisTrajectory[];
}

/** The stream the design draws from (replication 0 of the master seed; no replication uses this name). */
export const MORRIS_STREAM = 'study.morris.design';

/** delta = p / (2 (p - 1)): with p even, a jump of p/2 grid steps, so x and x + delta split the grid evenly. */
export function morrisDelta(levels: number): number {
  return levels / (2 * (levels - 1));
}

function checkOptions(o: MorrisDesignOptions): void {
  if (!Number.isInteger(o.factors) || o.factors < 1) throw new RangeError(`Morris design: factors must be an integer >= 1, got ${o.factors}`);
  if (!Number.isInteger(o.trajectories) || o.trajectories < 1) {
    throw new RangeError(`Morris design: trajectories must be an integer >= 1, got ${o.trajectories}`);
  }
  if (!Number.isInteger(o.levels) || o.levels < 2 || o.levels % 2 !== 0) {
    throw new RangeError(`Morris design: levels must be an even integer >= 2 (so that delta lands on the grid), got ${o.levels}`);
  }
}

/**
 * Draw r trajectories. Per trajectory: a random order of the factors (Fisher-Yates), a random sign per
 * factor, and a base level per factor chosen uniformly among the levels from which that sign's move stays
 * on the grid (x <= 1 - delta for +, x >= delta for -).
 */
export function morrisDesign(options: MorrisDesignOptions): MorrisDesign {
  checkOptions(options);
  const { factors: k, trajectories: r, levels: p } = options;
  const delta = morrisDelta(p);
  // Grid positions are integers 0..p-1 (value = i / (p - 1)); delta is p/2 positions.
  const jump = p / 2;
  const stream = createStream(options.seed, 0, MORRIS_STREAM);
  const out: MorrisTrajectory[] = [];
  for (let t = 0; t < r; t++) {
    const order = Array.from({ length: k }, (_, j) => j);
    for (let i = k - 1; i > 0; i--) {
      const j = stream.integer(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const signs = Array.from({ length: k }, (): 1 | -1 => (stream.random() < 0.5 ? 1 : -1));
    // Positions valid for the move: + from 0..p-1-jump, - from jump..p-1 (p/2 choices either way).
    const position = signs.map((s) => (s === 1 ? stream.integer(0, p - 1 - jump) : stream.integer(jump, p - 1)));
    const at = (pos: readonly number[]): number[] => pos.map((i) => i / (p - 1));
    const points = [at(position)];
    const steps: MorrisStep[] = [];
    for (const j of order) {
      position[j] = position[j]! + signs[j]! * jump;
      points.push(at(position));
      steps.push({ factor: j, sign: signs[j]! });
    }
    out.push({ points, steps });
  }
  return { factors: k, levels: p, delta, trajectories: out };
}

export interface MorrisFactorResult {
  /** Mean elementary effect (signed: effects of opposite signs cancel). */
  mu: number;
  /** Mean absolute elementary effect (Campolongo et al. 2007): the ranking measure. */
  muStar: number;
  /** Sample sd of the elementary effects (r - 1 denominator): interactions or non-linearity; null for r = 1. */
  sigma: number | null;
  /** The r elementary effects, in trajectory order. */
  effects: number[];
}

/**
 * Elementary effects from the outputs at every design point: `outputs[t][m]` is the output at
 * trajectory t's point m. EE = (y(after) - y(before)) / (sign * delta), so it is the effect of an
 * upward move whichever way the design stepped.
 */
export function elementaryEffects(design: MorrisDesign, outputs: ReadonlyArray<readonly number[]>): number[][] {
  if (outputs.length !== design.trajectories.length) {
    throw new RangeError(`elementaryEffects: ${outputs.length} output rows for ${design.trajectories.length} trajectories`);
  }
  const effects: number[][] = Array.from({ length: design.factors }, () => []);
  design.trajectories.forEach((traj, t) => {
    const y = outputs[t]!;
    if (y.length !== traj.points.length) throw new RangeError(`elementaryEffects: trajectory ${t} has ${y.length} outputs for ${traj.points.length} points`);
    traj.steps.forEach((step, m) => {
      effects[step.factor]!.push((y[m + 1]! - y[m]!) / (step.sign * design.delta));
    });
  });
  return effects;
}

/** mu, mu* and sigma per factor. */
export function morrisIndices(design: MorrisDesign, outputs: ReadonlyArray<readonly number[]>): MorrisFactorResult[] {
  return elementaryEffects(design, outputs).map((effects) => {
    const r = effects.length;
    let sum = 0;
    let sumAbs = 0;
    for (const e of effects) {
      sum += e;
      sumAbs += Math.abs(e);
    }
    const mu = sum / r;
    let ss = 0;
    for (const e of effects) ss += (e - mu) * (e - mu);
    return { mu, muStar: sumAbs / r, sigma: r < 2 ? null : Math.sqrt(ss / (r - 1)), effects };
  });
}
