import type { WarningChannel } from '../scenario/compile.js';

interface Activation {
  channel: WarningChannel;
  /** When the channel starts delivering to the zone. */
  from: number;
  /** Reach ceilings by day and by night, times the scenario's reach factor (capped at 1). */
  dayReach: number;
  nightReach: number;
}

/** Local night for reach purposes (docs/models/response.md section 3: sirens and TV reach fewer people asleep indoors). */
const NIGHT_FROM = 22 * 60;
const NIGHT_TO = 6 * 60;

/**
 * Public warning (docs/models/response.md section 3): broadcast channels act as independent competing risks on each
 * zone's population. A channel activated at T reaches, at rate lambda, the people it can reach at the
 * time: its reach ceiling m(t) is lower at night (asleep, indoors, TV off). Its warned share w obeys
 * dw/dt = lambda (m(t) - w) while below the ceiling and never falls (a warned person stays warned), which
 * is exactly m (1 - exp(-lambda (t - T))) while m is constant; shares multiply across channels. An earlier
 * warning therefore never reaches fewer people than a later one.
 */
export class Warnings {
  private readonly activations: Activation[][];
  private readonly warnedListeners: Array<(zones: ArrayLike<number>) => void> = [];

  constructor(
    zoneCount: number,
    private readonly startLocalMinuteOfDay: number,
    private readonly reachFactor: number,
  ) {
    this.activations = Array.from({ length: zoneCount }, () => []);
  }

  isNight(t: number): boolean {
    const m = (((this.startLocalMinuteOfDay + t) % 1440) + 1440) % 1440;
    return m >= NIGHT_FROM || m < NIGHT_TO;
  }

  /** The channel starts delivering to these zones at t + its activation delay. A channel already active for a zone is not restarted. */
  warn(zones: ArrayLike<number>, channel: WarningChannel, t: number): void {
    const from = t + channel.activationMin;
    const dayReach = Math.min(1, channel.reach * this.reachFactor);
    const nightReach = Math.min(1, channel.nightReach * this.reachFactor);
    for (let i = 0; i < zones.length; i++) {
      const z = zones[i] as number;
      const list = this.activations[z]!;
      if (list.some((a) => a.channel.name === channel.name)) continue;
      list.push({ channel, from, dayReach, nightReach });
    }
  }

  /** Minutes from t to the next change between day and night. */
  private untilDayNightChange(t: number): number {
    const m = (((this.startLocalMinuteOfDay + t) % 1440) + 1440) % 1440;
    if (m < NIGHT_TO) return NIGHT_TO - m;
    if (m < NIGHT_FROM) return NIGHT_FROM - m;
    return 1440 - m + NIGHT_TO;
  }

  /** A channel's warned share at t: constant-ceiling pieces between the day/night boundaries. */
  private channelShare(a: Activation, t: number): number {
    const rate = a.channel.ratePerMin;
    let w = 0;
    let s = a.from;
    while (s < t) {
      const end = Math.min(t, s + this.untilDayNightChange(s));
      const m = this.isNight(s) ? a.nightReach : a.dayReach;
      if (w < m) w = m - (m - w) * Math.exp(-rate * (end - s));
      s = end;
    }
    return w;
  }

  /** Share of a zone's people warned by time t. */
  fraction(zone: number, t: number): number {
    const list = this.activations[zone]!;
    let unwarned = 1;
    for (const a of list) {
      if (t <= a.from) continue;
      unwarned *= 1 - this.channelShare(a, t);
    }
    return 1 - unwarned;
  }

  /** The share this zone will reach eventually (by day) with the channels activated so far. */
  ceiling(zone: number): number {
    let unwarned = 1;
    for (const a of this.activations[zone]!) unwarned *= 1 - Math.max(a.dayReach, a.nightReach);
    return 1 - unwarned;
  }

  /**
   * A key that is the same for two zones exactly when their warned shares are the same at every time: the
   * same channels activated at the same times with the same reach (one warning action covers many zones).
   */
  signature(zone: number): string {
    let key = '';
    for (const a of this.activations[zone]!) key += `${a.channel.name}@${a.from}:${a.dayReach}/${a.nightReach};`;
    return key;
  }

  /** Follow warnings as they are issued (evacuation: warned people may leave unordered). */
  onWarned(listener: (zones: ArrayLike<number>) => void): void {
    this.warnedListeners.push(listener);
  }

  /** A warning reached these zones' channels (called once per warning action, after every channel). */
  notifyWarned(zones: ArrayLike<number>): void {
    for (const l of this.warnedListeners) l(zones);
  }

  warned(zone: number): boolean {
    return this.activations[zone]!.length > 0;
  }
}
