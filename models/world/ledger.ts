import { TimeWeighted } from '../../engine/stats/index.js';
import type { Simulation } from '../../engine/kernel/index.js';
import { Population, type PersonState } from './population.js';

/**
 * The people of a replication and the exposure they accumulate. Every move goes through here so that the
 * exposed count (people at home or cut off in a zone under water) is kept exact at every instant, and its
 * time integral is the people-hours exposed.
 */
export class PeopleLedger {
  readonly population: Population;
  /** People at home or cut off in wet zones, integrated over time (minutes). */
  readonly exposed: TimeWeighted;
  private readonly wet: Uint8Array;
  private exposedNow = 0;
  /** Deaths and injuries as they happen (the plan observes them with a delay). */
  readonly deathLog: Array<{ t: number; total: number }> = [];
  readonly cutOffLog: Array<{ t: number; total: number }> = [{ t: 0, total: 0 }];
  injured = 0;

  constructor(
    private readonly sim: Simulation,
    populations: ArrayLike<number>,
  ) {
    this.population = new Population(populations);
    this.wet = new Uint8Array(populations.length);
    this.exposed = new TimeWeighted(sim.now, 0);
  }

  isWet(zone: number): boolean {
    return this.wet[zone] === 1;
  }

  private atRisk(zone: number): number {
    return this.population.get(zone, 'home') + this.population.get(zone, 'cutOff');
  }

  private setExposed(value: number): void {
    this.exposedNow = value;
    this.exposed.update(this.sim.now, value);
  }

  setWet(zone: number, wet: boolean): void {
    if ((this.wet[zone] === 1) === wet) return;
    this.wet[zone] = wet ? 1 : 0;
    const n = this.atRisk(zone);
    if (n > 0) this.setExposed(this.exposedNow + (wet ? n : -n));
  }

  get(zone: number, state: PersonState): number {
    return this.population.get(zone, state);
  }

  total(state: PersonState): number {
    return this.population.total(state);
  }

  /** Move up to n people; returns how many moved. */
  move(zone: number, from: PersonState, to: PersonState, n: number): number {
    const moved = this.population.move(zone, from, to, n);
    if (moved === 0) return 0;
    if (this.wet[zone] === 1) {
      const fromRisk = from === 'home' || from === 'cutOff';
      const toRisk = to === 'home' || to === 'cutOff';
      if (fromRisk !== toRisk) this.setExposed(this.exposedNow + (toRisk ? moved : -moved));
    }
    if (to === 'dead') this.deathLog.push({ t: this.sim.now, total: this.population.total('dead') });
    if (from === 'cutOff' || to === 'cutOff') this.cutOffLog.push({ t: this.sim.now, total: this.population.total('cutOff') });
    return moved;
  }

  /** Total of a logged series as it stood at time t (the plan sees the past, not the present). */
  static valueAt(log: ReadonlyArray<{ t: number; total: number }>, t: number): number {
    let lo = 0;
    let hi = log.length - 1;
    if (hi < 0 || (log[0] as { t: number }).t > t) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((log[mid] as { t: number }).t <= t) lo = mid;
      else hi = mid - 1;
    }
    return (log[lo] as { total: number }).total;
  }
}
