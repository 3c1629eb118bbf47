import type { CompiledRelease } from './compile.js';

/** Why a release stopped. */
export type StopReason = 'plugged' | 'exhausted';

/**
 * One release in one replication: when it started and stopped, at what rate, how much escaped. The hazchem
 * team's work (models/response/hazmat.ts) stops it; so does an empty inventory.
 */
export class Release {
  startedAt = Infinity;
  stoppedAt = Infinity;
  stopReason: StopReason | null = null;
  /** Release rate of the stored material while it runs, kg/s (0 for a puff). */
  sourceRateKgS = 0;
  /** A catastrophic failure releases the inventory at once. */
  instantaneous = false;
  /** Tank damage state (2..5) for shaking-triggered releases; null otherwise. */
  damageState: number | null = null;
  /** Minutes of plugging work done on it so far. */
  plugWorkMin = 0;
  private readonly stopListeners: Array<(t: number) => void> = [];

  constructor(readonly spec: CompiledRelease) {}

  get active(): boolean {
    return this.startedAt < Infinity && this.stoppedAt === Infinity;
  }

  /** Dispersing gas rate, kg/s (0 before the start, after the stop and for a puff). */
  get gasRateKgS(): number {
    return this.sourceRateKgS * this.spec.gasPerKg;
  }

  /** Mass of the stored material released by time t, kg. */
  releasedKg(t: number): number {
    if (t <= this.startedAt) return 0;
    if (this.instantaneous) return this.spec.inventoryKg;
    return Math.min(this.spec.inventoryKg, this.sourceRateKgS * 60 * (Math.min(t, this.stoppedAt) - this.startedAt));
  }

  /** Minutes the inventory lasts at the current rate. */
  get durationLimitMin(): number {
    return this.instantaneous ? 0 : this.spec.inventoryKg / (this.sourceRateKgS * 60);
  }

  start(t: number, rateShare: number, instantaneous: boolean): void {
    this.startedAt = t;
    this.instantaneous = instantaneous;
    this.sourceRateKgS = instantaneous ? 0 : this.spec.sourceRateKgS * rateShare;
    if (instantaneous) this.stop(t, 'exhausted');
  }

  stop(t: number, reason: StopReason): void {
    if (this.stoppedAt < Infinity) return;
    this.stoppedAt = t;
    this.stopReason = reason;
    for (const l of this.stopListeners) l(t);
  }

  onStop(listener: (t: number) => void): void {
    this.stopListeners.push(listener);
  }
}
