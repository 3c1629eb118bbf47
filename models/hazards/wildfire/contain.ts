/**
 * Fire containment by the Fried & Fried (1995) procedure as behave's Contain module runs it (firelab/behave
 * Contain.cpp, ContainSim.cpp, ContainForce.cpp, ContainAdapter.cpp; Fried, J.S. & Fried, B.D. 1995,
 * Simulating wildfire containment with realistic tactics, Forest Science 42(3)).
 *
 * The fire is a steadily growing ellipse (uniform fuel, terrain and weather). Forces build line along one
 * flank from the head (head attack) or the rear (rear attack); the other flank is its mirror, so each resource
 * gives half its production to the simulated flank. The angle u of the line-building point obeys an ODE in the
 * free-burning head position h, integrated by 4th-order Runge-Kutta; containment is u reaching π (head attack)
 * or 0 (rear attack). The step control (halve the step until at least 250 steps, double once past 1000) and
 * behave's quirks (the mid-step production ratio evaluated at the step start after the first step; steps
 * longer than a minute halved) are kept so the results match behave's.
 *
 * Units are behave's: chains (66 ft), chains per hour, minutes since report, acres. Behave's overrun test is
 * commented out in its source (a 2008 change by M. Finney), so forces are never "overrun": a fire they cannot
 * hold escapes when they are exhausted or a size/time limit is reached.
 */
import { ellipsePerimeter } from './ellipse.js';
import { eccentricity, lengthToWidthRatio } from './surface.js';

export type ContainTactic = 'head' | 'rear';
export type ContainStatus = 'contained' | 'exhausted' | 'size-limit' | 'time-limit';

export interface ContainResource {
  /** Minutes since report. */
  arrivalMin: number;
  durationMin: number;
  /** Holdable line production for both flanks, ch/h. */
  productionChH: number;
}

export interface ContainInput {
  /** Fire size at report, acres. */
  reportSizeAc: number;
  /** Head spread rate at report, ch/h. */
  reportRateChH: number;
  lengthToWidthRatio: number;
  tactic: ContainTactic;
  /** Parallel attack distance from the fire edge, ch (0: direct attack). */
  attackDistanceCh: number;
  resources: readonly ContainResource[];
  /** Behave's defaults: 250, 1000, 1000 ac, 1080 min. */
  minSteps?: number;
  maxSteps?: number;
  maxFireSizeAc?: number;
  maxFireTimeMin?: number;
}

export interface ContainResult {
  status: ContainStatus;
  /** Line built on both flanks, ch. */
  lineCh: number;
  /** Minutes since report at containment or escape. */
  timeSinceReportMin: number;
  /** Fire size at containment or escape, acres. */
  finalSizeAc: number;
  /** From the free-burning ellipse at the first arrival (ContainAdapter). */
  sizeAtInitialAttackAc: number;
  perimeterAtInitialAttackCh: number;
}

/** Per-flank production (ch/h) at a time since report: half of every resource working then (ContainForce). */
function productionRate(resources: readonly ContainResource[], t: number): number {
  let p = 0;
  for (const r of resources) if (r.arrivalMin <= t + 0.001 && r.arrivalMin + r.durationMin >= t) p += 0.5 * r.productionChH;
  return p;
}

/** Area (ch²) of the part of the free-burning ellipse not yet enclosed by line (ContainSim::UncontainedArea). */
function uncontainedArea(head: number, lw: number, x: number, yIn: number, tactic: ContainTactic): number {
  const lwr = lw < 1 ? 1.00000001 : lw;
  const ecc = Math.sqrt(1 - 1 / (lwr * lwr));
  const a = head / (1 + ecc);
  const b = a / lwr;
  let y = yIn;
  let xc = x - a * ecc;
  if (xc < -a) {
    xc = -a;
    y = 0;
  }
  if (xc > a) {
    xc = a;
    y = 0;
  }
  const r = Math.sqrt(xc * xc + y * y);
  const theta = r === 0 ? 0 : xc >= 0 ? Math.acos(xc / r) : 3.141592654 - Math.acos(-xc / r);
  const s2 = Math.sin(2 * theta);
  const c2 = Math.cos(2 * theta);
  const sector = ((a * b) / 2) * (theta - Math.atan(((b - a) * s2) / (a + b + (b - a) * c2)));
  let area = sector - (xc * y) / 2;
  if (tactic === 'head') area = (3.141592654 * a * b) / 2 - area;
  return area < 0 ? 0 : area;
}

/** Normal angle for a parallel attack point (Contain::containPsi). */
function containPsi(uIn: number, eps2: number): number {
  let u = uIn;
  const ro = u - Math.PI / 2;
  if (Math.abs(ro) < 0.00001) u = ro > 0 ? Math.PI / 2 + 0.00001 : Math.PI / 2 - 0.00001;
  let psi = Math.atan(Math.sin(u) / Math.cos(u) / Math.sqrt(1 - eps2));
  if (psi < 0) psi += Math.PI;
  return psi;
}

/** One flank's simulation state (behave's Contain). */
class Flank {
  readonly eps: number;
  readonly eps2: number;
  readonly a: number;
  readonly reportHead: number;
  readonly rate: number;
  readonly exhausted: number;
  distStep: number;
  attackHead = 0;
  u = 0;
  u0 = 0;
  h = 0;
  h0 = 0;
  x = 0;
  y = 0;
  step = 0;
  contained = false;
  timeAtHead = 0;
  timeIncrement = 0;
  currentTime = 0;
  private readonly rk = [0, 0, 0];

  constructor(
    private readonly input: ContainInput,
    readonly attackTime: number,
  ) {
    const lw = Math.max(1, input.lengthToWidthRatio);
    const r = 1 / lw;
    this.eps2 = 1 - r * r;
    this.eps = this.eps2 > 0.00001 ? Math.sqrt(this.eps2) : 0;
    this.a = Math.sqrt((1 - this.eps) / (1 + this.eps));
    this.reportHead = (1 + this.eps) * Math.sqrt((10 * input.reportSizeAc) / (Math.PI * Math.sqrt(1 - this.eps2)));
    this.rate = Math.max(input.reportRateChH, 0.0001);
    this.exhausted = input.resources.reduce((m, res) => Math.max(m, res.arrivalMin + res.durationMin), 0);
    // About one minute of head travel per step.
    this.distStep = input.reportRateChH / 60;
    this.reset();
  }

  reset(): void {
    this.timeAtHead = 0;
    this.timeIncrement = 0;
    this.currentTime = this.attackTime;
    this.attackHead = this.reportHead + (this.input.reportRateChH * this.attackTime) / 60;
    const attackBack = (this.attackHead * (1 - this.eps)) / (1 + this.eps);
    const d = this.input.attackDistanceCh;
    if (this.input.tactic === 'rear') {
      this.u = this.u0 = Math.PI;
      this.x = -attackBack - d;
    } else {
      this.u = this.u0 = 0;
      this.x = this.attackHead + d;
    }
    this.h = this.h0 = this.attackHead;
    this.y = 0;
    this.step = 0;
    this.rk.fill(0);
    this.contained = false;
  }

  private productionRatio(): number {
    const t = this.timeAtHead + this.attackTime + this.timeIncrement;
    const prod = productionRate(this.input.resources, t);
    this.timeIncrement = (this.distStep / this.rate) * 60;
    return prod / this.rate;
  }

  private derivative(p: number, h: number, u: number): number {
    const cosU = Math.cos(u);
    const x = 1 - this.eps * cosU;
    let radical = (p * p * x) / (1 + this.eps * cosU) - this.a * this.a;
    if (radical <= 1e-10) radical = 0;
    const d = this.input.attackDistanceCh;
    const dh = d > 0.001 ? x * (h + (1 - this.eps) * ((d * Math.sqrt(1 - this.eps2)) / Math.exp(1.5 * Math.log(1 - this.eps2 * cosU * cosU)))) : x * h;
    const sign = this.input.tactic === 'rear' ? -1 : 1;
    return (this.eps * Math.sin(u) + sign * (1 + this.eps) * Math.sqrt(radical)) / dh;
  }

  advance(): void {
    this.u0 = this.u;
    this.h0 = this.h;
    const oldStep = this.distStep;
    const rk = this.rk;
    do {
      this.timeIncrement = 0;
      if (this.step === 0) rk[0] = this.productionRatio();
      else rk[0] = rk[2]!;
      this.timeIncrement /= 2;
      rk[1] = this.productionRatio();
      rk[2] = this.productionRatio();
      if (this.timeIncrement > 1) this.distStep /= 2;
    } while (this.timeIncrement > 1);
    const s = this.distStep;
    const k0 = s * this.derivative(rk[0]!, this.h0, this.u0);
    const k1 = s * this.derivative(rk[1]!, this.h0 + 0.5 * s, this.u0 + 0.5 * k0);
    const k2 = s * this.derivative(rk[1]!, this.h0 + 0.5 * s, this.u0 + 0.5 * k1);
    const k3 = s * this.derivative(rk[2]!, this.h0 + s, this.u0 + k2);
    this.u = this.u0 + (k0 + k3 + 2 * (k1 + k2)) / 6;
    if (this.step === 0) this.h = this.attackHead;
    this.h += s;
    this.distStep = oldStep;

    this.step++;
    if (this.input.tactic === 'head' && this.u >= Math.PI) {
      this.contained = true;
      this.h = this.h0 - (this.distStep * this.u0) / (this.u0 + Math.abs(this.u));
      this.u = Math.PI;
    } else if (this.input.tactic === 'rear' && this.u <= 0) {
      this.contained = true;
      this.h = this.h0 + (this.distStep * this.u0) / (this.u0 + Math.abs(this.u));
      this.u = 0;
    }
    this.y = Math.sin(this.u) * this.h * this.a;
    this.x = ((Math.cos(this.u) + this.eps) * this.h) / (1 + this.eps);
    const d = this.input.attackDistanceCh;
    if (d > 0.001) {
      const psi = containPsi(this.u, this.eps2);
      this.y += d * Math.sin(psi);
      this.x += d * Math.cos(psi);
    }
    this.timeAtHead += this.timeIncrement;
    this.currentTime = this.timeAtHead + this.attackTime;
  }
}

/** Size and perimeter of the free-burning fire at the first arrival (behave ContainAdapter::doContainRun). */
function atInitialAttack(input: ContainInput, firstArrival: number): { sizeAc: number; perimeterCh: number } {
  // ContainAdapter rebuilds the ellipse from an effective wind of 4 (LB - 1) mph through Anderson's LB.
  const lb = lengthToWidthRatio(4 * (input.lengthToWidthRatio - 1));
  const e = eccentricity(lb);
  const head = input.reportRateChH; // ch/h; the ellipse is scale-free
  const back = (head * (1 - e)) / (1 + e);
  const semiMajor = (head + back) / 2;
  const semiMinor = semiMajor / lb;
  const denominator = Math.PI * semiMajor * semiMinor;
  if (denominator <= 1e-7) return { sizeAc: 0, perimeterCh: 0 };
  // Hours from ignition to the report size (10 ch² = 1 ac), then on to the first arrival.
  const t = Math.sqrt((10 * input.reportSizeAc) / denominator) + Math.max(0, firstArrival) / 60;
  return { sizeAc: (denominator * t * t) / 10, perimeterCh: ellipsePerimeter(semiMajor * t, semiMinor * t) };
}

export function contain(input: ContainInput): ContainResult {
  const minSteps = input.minSteps ?? 250;
  const maxSteps = Math.max(10, input.maxSteps ?? 1000);
  const maxSize = input.maxFireSizeAc ?? 1000;
  const maxTime = input.maxFireTimeMin ?? 1080;
  const firstArrival = input.resources.reduce((m, r) => Math.min(m, r.arrivalMin), 99999999);
  const flank = new Flank(input, firstArrival);
  const tactic = input.tactic;
  const xs = new Float64Array(maxSteps + 1);
  const ys = new Float64Array(maxSteps + 1);
  const hs = new Float64Array(maxSteps + 1);
  let status: ContainStatus | 'running' = 'running';
  let line = 0;
  let sweep = 0;
  let maxStepsExceeded = false;
  let passes = 0;
  for (;;) {
    if (++passes > 64) throw new Error('contain: the step control did not settle (report this input)');
    xs[0] = flank.x;
    ys[0] = flank.y;
    hs[0] = flank.h;
    line = 0;
    let trapezoid = 0;
    let totalArea = 0;
    let i = 0;
    while (!flank.contained && flank.step < maxSteps && totalArea < maxSize && flank.currentTime < maxTime && flank.currentTime < flank.exhausted) {
      flank.advance();
      i++;
      xs[i] = flank.x;
      ys[i] = flank.y;
      hs[i] = flank.h;
      line += 2 * Math.hypot(ys[i - 1]! - ys[i]!, xs[i - 1]! - xs[i]!);
      trapezoid += (xs[i]! - xs[i - 1]!) * (ys[i]! + ys[i - 1]!);
      totalArea = 0.2 * (Math.abs(trapezoid) * 0.5 + uncontainedArea(hs[i]!, input.lengthToWidthRatio, xs[i]!, ys[i]!, tactic));
    }
    // Behave's BehavePlus fix: a contained head attack's last point is moved back by twice the offset.
    if (flank.contained && tactic === 'head') {
      xs[i] = xs[i]! - 2 * input.attackDistanceCh;
      trapezoid = 0;
      for (let k = 1; k <= i; k++) trapezoid += (xs[k]! - xs[k - 1]!) * (ys[k]! + ys[k - 1]!);
    }
    sweep = 0.2 * (Math.abs(trapezoid) * 0.5 + uncontainedArea(hs[i]!, input.lengthToWidthRatio, xs[i]!, ys[i]!, tactic));

    if (flank.currentTime >= flank.exhausted && !flank.contained) {
      status = 'exhausted';
    } else if (i >= maxSteps) {
      // Too many steps: double the step once and rerun; a second time, stop at this horizon.
      flank.distStep *= 2;
      if (!maxStepsExceeded) {
        maxStepsExceeded = true;
        flank.reset();
        continue;
      }
      status = 'time-limit';
    } else if (flank.contained) {
      if (i < minSteps && !maxStepsExceeded) {
        flank.distStep *= 0.5;
        flank.reset();
        continue;
      }
      status = 'contained';
    } else if (totalArea >= maxSize) {
      status = 'size-limit';
    } else {
      status = 'time-limit';
    }
    break;
  }
  let time = flank.currentTime;
  if (time > maxTime - 1) {
    time = maxTime;
    status = 'time-limit';
  }
  const ia = atInitialAttack(input, firstArrival);
  return { status, lineCh: line, timeSinceReportMin: time, finalSizeAc: sweep, sizeAtInitialAttackAc: ia.sizeAc, perimeterAtInitialAttackCh: ia.perimeterCh };
}
