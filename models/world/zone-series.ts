import { TimeWeighted } from '../../engine/stats/index.js';

/**
 * One piecewise-constant count per zone (people exposed, people stranded) and its integral over time:
 * engine/stats' TimeWeighted per zone, made when a zone's count first changes, so observers that follow
 * every move of the people ledger keep exact person-minutes per zone without each writing the arithmetic.
 */
export class ZoneSeries {
  private readonly series: Array<TimeWeighted | undefined>;

  constructor(zoneCount: number) {
    this.series = new Array<TimeWeighted | undefined>(zoneCount);
  }

  /** The zone's count is `value` from time `t` on (it was 0 before its first update). */
  set(zone: number, t: number, value: number): void {
    const s = this.series[zone];
    if (s === undefined) {
      if (value !== 0) this.series[zone] = new TimeWeighted(t, value);
    } else s.update(t, value);
  }

  /** The zone's count times minutes, from the start to `tEnd` (at or after its last change). */
  integral(zone: number, tEnd: number): number {
    return this.series[zone]?.integral(tEnd) ?? 0;
  }
}
