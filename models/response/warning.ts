import type { WarningChannel } from '../scenario/compile.js';

interface Activation {
  channel: WarningChannel;
  /** When the channel starts delivering to the zone. */
  from: number;
  /** Reach ceiling in force (night or day at activation, times the scenario's reach factor). */
  reach: number;
}

/** Local night for reach purposes (operations.md 2.5: sirens and TV reach fewer people asleep indoors). */
const NIGHT_FROM = 22 * 60;
const NIGHT_TO = 6 * 60;

/**
 * Public warning (operations.md 2.5): broadcast channels act as independent competing risks on each
 * zone's population. A channel activated at T with reception rate lambda and reach ceiling m leaves a
 * share 1 - m (1 - exp(-lambda (t - T))) unwarned by it; the shares multiply across channels.
 */
export class Warnings {
  private readonly activations: Activation[][];
  /** When each zone first received any warning (Infinity if never). */
  readonly firstWarnedAt: Float64Array;

  constructor(
    zoneCount: number,
    private readonly startLocalMinuteOfDay: number,
    private readonly reachFactor: number,
  ) {
    this.activations = Array.from({ length: zoneCount }, () => []);
    this.firstWarnedAt = new Float64Array(zoneCount).fill(Infinity);
  }

  isNight(t: number): boolean {
    const m = (((this.startLocalMinuteOfDay + t) % 1440) + 1440) % 1440;
    return m >= NIGHT_FROM || m < NIGHT_TO;
  }

  /** The channel starts delivering to these zones at t + its activation delay. A channel already active for a zone is not restarted. */
  warn(zones: ArrayLike<number>, channel: WarningChannel, t: number): void {
    const from = t + channel.activationMin;
    const reach = Math.min(1, (this.isNight(from) ? channel.nightReach : channel.reach) * this.reachFactor);
    for (let i = 0; i < zones.length; i++) {
      const z = zones[i] as number;
      const list = this.activations[z]!;
      if (list.some((a) => a.channel.name === channel.name)) continue;
      list.push({ channel, from, reach });
      if (from < this.firstWarnedAt[z]!) this.firstWarnedAt[z] = from;
    }
  }

  /** Share of a zone's people warned by time t. */
  fraction(zone: number, t: number): number {
    const list = this.activations[zone]!;
    let unwarned = 1;
    for (const a of list) {
      if (t <= a.from) continue;
      unwarned *= 1 - a.reach * (1 - Math.exp(-a.channel.ratePerMin * (t - a.from)));
    }
    return 1 - unwarned;
  }

  /** The share this zone will reach eventually with the channels activated so far. */
  ceiling(zone: number): number {
    let unwarned = 1;
    for (const a of this.activations[zone]!) unwarned *= 1 - a.reach;
    return 1 - unwarned;
  }

  warned(zone: number): boolean {
    return this.activations[zone]!.length > 0;
  }
}
