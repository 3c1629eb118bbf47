import type { Simulation } from '../../../engine/kernel/index.js';
import { TimeWeighted } from '../../../engine/stats/index.js';
import type { PeopleLedger } from '../../world/ledger.js';
import type { PersonState } from '../../world/population.js';

const atRisk = (s: PersonState): boolean => s === 'home' || s === 'cutOff';

/**
 * The flood's exposure observer: people at home or cut off in a zone under water, kept exact at every
 * instant by following every move of the people ledger, and integrated over time (people-minutes) for the
 * city and for each zone.
 */
export class FloodExposure {
  /** People at home or cut off in wet zones, integrated over time (minutes). */
  readonly exposed: TimeWeighted;
  private readonly wet: Uint8Array;
  private exposedNow = 0;
  /** Per zone: people-minutes so far, the at-risk count since `since`, and when that count last changed. */
  private readonly zoneIntegral: Float64Array;
  private readonly zoneSince: Float64Array;

  constructor(
    private readonly sim: Simulation,
    private readonly people: PeopleLedger,
    zoneCount: number,
  ) {
    this.exposed = new TimeWeighted(sim.now, 0);
    this.wet = new Uint8Array(zoneCount);
    this.zoneIntegral = new Float64Array(zoneCount);
    this.zoneSince = new Float64Array(zoneCount);
    people.onMove((zone, from, to, moved) => {
      if (this.wet[zone] !== 1) return;
      const fromRisk = atRisk(from);
      const toRisk = atRisk(to);
      if (fromRisk === toRisk) return;
      // The zone's count before this move was its count now minus (or plus) the people moved.
      this.closeZone(zone, this.count(zone) + (toRisk ? -moved : moved));
      this.set(this.exposedNow + (toRisk ? moved : -moved));
    });
  }

  isWet(zone: number): boolean {
    return this.wet[zone] === 1;
  }

  private count(zone: number): number {
    return this.people.get(zone, 'home') + this.people.get(zone, 'cutOff');
  }

  private set(value: number): void {
    this.exposedNow = value;
    this.exposed.update(this.sim.now, value);
  }

  /** Book a zone's people-minutes up to now at the count that held since the last change. */
  private closeZone(zone: number, heldCount: number): void {
    const now = this.sim.now;
    this.zoneIntegral[zone]! += heldCount * (now - this.zoneSince[zone]!);
    this.zoneSince[zone] = now;
  }

  setWet(zone: number, wet: boolean): void {
    if ((this.wet[zone] === 1) === wet) return;
    const n = this.count(zone);
    if (wet) this.zoneSince[zone] = this.sim.now;
    else this.closeZone(zone, n);
    this.wet[zone] = wet ? 1 : 0;
    if (n > 0) this.set(this.exposedNow + (wet ? n : -n));
  }

  /** People-hours of a zone up to the horizon. */
  zonePersonHours(zone: number, horizon: number): number {
    let minutes = this.zoneIntegral[zone]!;
    if (this.wet[zone] === 1) minutes += this.count(zone) * (horizon - this.zoneSince[zone]!);
    return minutes / 60;
  }
}
