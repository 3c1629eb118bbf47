import type { Simulation } from '../../engine/kernel/index.js';
import { Population, type PersonState } from './population.js';

/** Told of every move of people between states (hazard exposure observers, breakdowns). */
export type MoveListener = (zone: number, from: PersonState, to: PersonState, moved: number) => void;

/**
 * The people of a replication. Every move goes through here, so the states stay conserved (Population)
 * and observers of a hazard's exposure (people at home in a flooded zone, indoors in a plume) can follow
 * every move exactly without the ledger knowing any hazard.
 */
export class PeopleLedger {
  readonly population: Population;
  /** Deaths and people cut off as they happen (the plan observes them with a delay). */
  readonly deathLog: Array<{ t: number; total: number }> = [];
  readonly cutOffLog: Array<{ t: number; total: number }> = [{ t: 0, total: 0 }];
  /** People injured per zone (counted, whatever state they are in afterwards). */
  readonly injuredByZone: Float64Array;
  injured = 0;
  /** People brought out by rescuers per zone (counted, wherever they went next: a shelter, a hospital). */
  readonly rescuedByZone: Float64Array;
  rescued = 0;
  /** People per zone who went back home after being displaced (counted, as `rescuedByZone` is). */
  readonly returnedByZone: Float64Array;
  private readonly listeners: MoveListener[] = [];

  constructor(
    private readonly sim: Simulation,
    populations: ArrayLike<number>,
  ) {
    this.population = new Population(populations);
    this.injuredByZone = new Float64Array(populations.length);
    this.rescuedByZone = new Float64Array(populations.length);
    this.returnedByZone = new Float64Array(populations.length);
  }

  /** Count people of a zone brought out by rescuers (their moves go through `move` as usual). */
  countRescued(zone: number, n: number): void {
    if (!(n > 0)) return;
    this.rescuedByZone[zone]! += n;
    this.rescued += n;
  }

  /** Count people of a zone who went back home after being displaced (their moves go through `move`). */
  countReturned(zone: number, n: number): void {
    if (n > 0) this.returnedByZone[zone]! += n;
  }

  /** Follow every move from now on (in subscription order, after the move is booked). */
  onMove(listener: MoveListener): void {
    this.listeners.push(listener);
  }

  get(zone: number, state: PersonState): number {
    return this.population.get(zone, state);
  }

  total(state: PersonState): number {
    return this.population.total(state);
  }

  /** Count injuries in a zone (people hurt but not moved: the model has no care for them here). */
  injure(zone: number, n: number): void {
    if (!(n > 0)) return;
    this.injuredByZone[zone]! += n;
    this.injured += n;
  }

  /** Move up to n people; returns how many moved. */
  move(zone: number, from: PersonState, to: PersonState, n: number): number {
    const moved = this.population.move(zone, from, to, n);
    if (moved === 0) return 0;
    for (const l of this.listeners) l(zone, from, to, moved);
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
