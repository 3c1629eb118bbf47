import type { Simulation } from '../../../engine/kernel/index.js';
import { TimeWeighted } from '../../../engine/stats/index.js';
import type { PeopleLedger } from '../../world/ledger.js';
import type { PersonState } from '../../world/population.js';
import { ZoneSeries } from '../../world/zone-series.js';

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
  /** The same count per zone. */
  private readonly byZone: ZoneSeries;

  constructor(
    private readonly sim: Simulation,
    private readonly people: PeopleLedger,
    zoneCount: number,
  ) {
    this.exposed = new TimeWeighted(sim.now, 0);
    this.wet = new Uint8Array(zoneCount);
    this.byZone = new ZoneSeries(zoneCount);
    people.onMove((zone, from, to, moved) => {
      if (this.wet[zone] !== 1) return;
      const fromRisk = atRisk(from);
      const toRisk = atRisk(to);
      if (fromRisk === toRisk) return;
      this.byZone.set(zone, sim.now, this.count(zone));
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

  setWet(zone: number, wet: boolean): void {
    if ((this.wet[zone] === 1) === wet) return;
    const n = this.count(zone);
    this.wet[zone] = wet ? 1 : 0;
    this.byZone.set(zone, this.sim.now, wet ? n : 0);
    if (n > 0) this.set(this.exposedNow + (wet ? n : -n));
  }

  /** People-hours of a zone up to the horizon. */
  zonePersonHours(zone: number, horizon: number): number {
    return this.byZone.integral(zone, horizon) / 60;
  }
}
