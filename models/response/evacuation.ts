import type { Simulation } from '../../engine/kernel/index.js';
import type { RoadNetwork } from '../../engine/network/road-network.js';
import { treePathArcs } from '../../engine/network/search.js';
import type { CompiledScenario } from '../scenario/compile.js';
import { parameterView } from '../scenario/parameter-info.js';
import type { EventBus } from '../world/events.js';
import type { PeopleLedger } from '../world/ledger.js';
import type { PersonState } from '../world/population.js';
import { WorldKey, type World } from '../world/world.js';
import type { ZoneConditions } from '../world/zones.js';
import { EVACUATION_PARAMETERS } from './evacuation-parameters.js';
import type { Recovery } from './recovery.js';
import type { Shelters } from './shelters.js';
import type { LinkQueues } from './traffic.js';
import type { Warnings } from './warning.js';

/** A group of evacuees setting off: who, from where, along which planned arcs, and when they arrive. */
export interface EvacueeDeparture {
  zone: number;
  persons: number;
  /** The planned route's arcs (a convoy meeting an unknown closure detours; its arrival time includes that). */
  arcs: readonly number[];
  departAt: number;
  arriveAt: number;
  kind: 'ordered' | 'shadow' | 'rescued';
}

/** The evacuation of a replication. */
export const EVACUATION = new WorldKey<Evacuation>('evacuation');

/** How often a zone's departures are released (minutes): fine enough for hour-scale mobilisation. */
const STEP_MIN = 10;

/**
 * Evacuation (docs/models/response.md section 5). After an order, the share F(t) of a zone's eventual evacuees who have
 * left follows a logistic mobilisation curve (Radwan et al. 1985), scaled by compliance and by the share
 * of the zone warned so far. Zones that were warned but not ordered lose a smaller "shadow" share.
 * Groups drive to shelters over the point-queue road model; people in a zone that is already under water
 * or cut off cannot leave by road and wait for rescue.
 */
export class Evacuation {
  readonly orderedAt: Float64Array;
  private readonly shadowing: Uint8Array;
  /** Arrivals of people who left under an order: minutes from their zone's order to arrival, and count. */
  readonly orderedArrivals: Array<[number, number]> = [];
  /**
   * When the event's evacuees were safe (minutes from the start, count): ordered evacuees and rescued people
   * arriving in shelter, rescued people landed where no shelter could be reached. Clearance of the event
   * counts them all, so people who could not leave in time and waited for boats make it longer.
   */
  readonly safeTimes: Array<[number, number]> = [];
  departedOrdered = 0;
  /** People who left each zone under an order (breakdown by county). */
  readonly departedOrderedByZone: Float64Array;
  /** Per zone: ordered groups on the road, whether the ordered release is over, and who waits for clearance. */
  private readonly inTransit: Float64Array;
  private readonly releaseDone: Uint8Array;
  private readonly clearWaiters = new Map<number, Array<() => void>>();
  private readonly departureListeners: Array<(d: EvacueeDeparture) => void> = [];
  private readonly sim: Simulation;
  private readonly bus: EventBus;
  private readonly scenario: CompiledScenario;
  private readonly roads: RoadNetwork;
  private readonly people: PeopleLedger;
  private readonly zones: ZoneConditions;
  private readonly params: Readonly<Record<keyof typeof EVACUATION_PARAMETERS, number>>;

  constructor(
    private readonly world: World,
    private readonly warnings: Warnings,
    private readonly shelters: Shelters,
    private readonly traffic: LinkQueues,
    private readonly recovery?: Recovery,
  ) {
    this.sim = world.sim;
    this.bus = world.bus;
    this.scenario = world.scenario;
    this.roads = world.roads;
    this.people = world.people;
    this.zones = world.zones;
    this.params = parameterView(world.params, EVACUATION_PARAMETERS);
    const n = this.scenario.zones.length;
    this.orderedAt = new Float64Array(n).fill(Infinity);
    this.shadowing = new Uint8Array(n);
    this.departedOrderedByZone = new Float64Array(n);
    this.inTransit = new Float64Array(n);
    this.releaseDone = new Uint8Array(n);
  }

  /**
   * Exposure hook: tell `listener` of every group that sets off (a chemical release follows their dose on the
   * road). Listening changes nothing in the evacuation.
   */
  onDeparture(listener: (d: EvacueeDeparture) => void): void {
    this.departureListeners.push(listener);
  }

  /**
   * Tell `done` when a zone is cleared: its ordered release is over (everyone who would go has gone) or
   * nobody is left at home or cut off there, and every group that left under the order has arrived.
   */
  whenCleared(zone: number, done: () => void): void {
    if (this.isCleared(zone)) return done();
    let list = this.clearWaiters.get(zone);
    if (list === undefined) this.clearWaiters.set(zone, (list = []));
    list.push(done);
  }

  private isCleared(zone: number): boolean {
    if (this.orderedAt[zone] === Infinity || this.inTransit[zone]! > 0) return false;
    return this.releaseDone[zone] === 1 || this.people.get(zone, 'home') + this.people.get(zone, 'cutOff') === 0;
  }

  private checkCleared(zone: number): void {
    const list = this.clearWaiters.get(zone);
    if (list === undefined || !this.isCleared(zone)) return;
    this.clearWaiters.delete(zone);
    for (const done of list) done();
  }

  /** Logistic mobilisation curve, rescaled so that nobody has left at the moment of the order. */
  mobilised(sinceOrderMin: number): number {
    if (sinceOrderMin <= 0) return 0;
    const slope = this.params['evacuation.slopePerH'] / 60;
    const half = this.params['evacuation.halfTimeH'] * 60;
    const l0 = 1 / (1 + Math.exp(slope * half));
    const l = 1 / (1 + Math.exp(-slope * (sinceOrderMin - half)));
    return (l - l0) / (1 - l0);
  }

  order(zone: number, actionId: string): void {
    const t = this.sim.now;
    if (this.orderedAt[zone]! < Infinity) return;
    this.orderedAt[zone] = t;
    this.bus.emit({ t, kind: 'evacuation.ordered', zone: this.scenario.zones[zone]!.id, action: actionId });
    this.sim.process(this.release(zone, t, this.world.paramIn('evacuation.compliance', zone), false), 'evacuation');
  }

  /** A zone has been warned: some leave although nobody ordered them to (shadow evacuation). */
  warned(zone: number): void {
    if (this.shadowing[zone] === 1 || this.orderedAt[zone]! < Infinity) return;
    this.shadowing[zone] = 1;
    this.sim.process(this.release(zone, this.sim.now, this.world.paramIn('evacuation.shadow', zone), true), 'shadow-evacuation');
  }

  private *release(zone: number, t0: number, share: number, shadow: boolean) {
    const sim = this.sim;
    const people = this.people;
    const base = people.get(zone, 'home');
    let departed = 0;
    for (;;) {
      // A shadow evacuation ends when a real order takes over the zone.
      if (shadow && this.orderedAt[zone]! < Infinity) return;
      const t = sim.now;
      const f = this.mobilised(t - t0);
      const w = this.warnings.fraction(zone, t);
      const target = Math.floor(base * share * f * w);
      if (target > departed && !this.zones.isHazardous(zone) && people.get(zone, 'cutOff') === 0) {
        departed += this.depart(zone, Math.min(target - departed, people.get(zone, 'home')), shadow ? 'shadow' : 'ordered');
      }
      const settled = f > 0.999 && w >= this.warnings.ceiling(zone) - 1e-3;
      if ((settled && target - departed < 1) || t >= this.scenario.horizonMin) {
        if (!shadow) {
          this.releaseDone[zone] = 1;
          this.checkCleared(zone);
        }
        return;
      }
      if (!shadow) this.checkCleared(zone);
      yield sim.timeout(STEP_MIN);
    }
  }

  /**
   * People brought out by rescuers, landed at `node`, go on to the nearest shelter with room like any
   * evacuee (they need shelter and relief as much); they leave the `from` state of their zone.
   */
  sendRescued(zone: number, node: number, n: number, from: PersonState): number {
    return this.depart(zone, n, 'rescued', node, from);
  }

  /** People who leave home unordered (their home is unsafe after an earthquake) set off to the nearest shelter. */
  sendUnordered(zone: number, n: number): number {
    return this.depart(zone, n, 'shadow');
  }

  /**
   * The search's stopping test for a group of n: true once the open shelters settled so far have room for
   * all n. Shelters.allocate fills the nearest open shelter with room first, and every shelter not yet
   * settled is farther than those settled, so it would never look past them: the tree can stop there.
   */
  private roomFor(n: number): (node: number) => boolean {
    const { open, capacity, reserved } = this.shelters;
    const at = (this.sheltersAt ??= this.indexShelters());
    let room = 0;
    return (v) => {
      for (const s of at.get(v) ?? []) if (open[s] === 1 && reserved[s]! < capacity[s]!) room += capacity[s]! - reserved[s]!;
      return room >= n;
    };
  }

  private sheltersAt: Map<number, number[]> | undefined;

  private indexShelters(): Map<number, number[]> {
    const at = new Map<number, number[]>();
    this.shelters.node.forEach((v, s) => at.set(v, [...(at.get(v) ?? []), s]));
    return at;
  }

  /** Send n people of a zone towards shelters; returns how many actually set off. */
  private depart(zone: number, n: number, kind: 'ordered' | 'shadow' | 'rescued', originNode?: number, from: PersonState = 'home'): number {
    if (n <= 0) return 0;
    const shadow = kind !== 'ordered';
    const sim = this.sim;
    const t = sim.now;
    const origin = originNode ?? this.scenario.zones[zone]!.node;
    const tree = this.roads.tree(origin, 'car', t, false, this.shelters.node, () => this.roomFor(n));
    const allocations = this.shelters.allocate(tree, n);
    const perVehicle = this.params['evacuation.personsPerVehicle'];
    let sent = 0;
    for (const { shelter, persons } of allocations) {
      const dest = this.shelters.node[shelter]!;
      const arcs = treePathArcs(this.roads.csr.graph, tree, dest);
      if (arcs === null) continue;
      const moved = this.people.move(zone, from, 'travelling', persons);
      if (moved === 0) continue;
      sent += moved;
      if (!shadow) this.inTransit[zone]! += moved;
      const arriveAt = this.traffic.traverse(arcs, dest, t, Math.ceil(moved / perVehicle));
      for (const l of this.departureListeners) l({ zone, persons: moved, arcs, departAt: t, arriveAt, kind });
      if (this.bus.wants('evacuation.departed')) {
        this.bus.emit({ t, kind: 'evacuation.departed', zone: this.scenario.zones[zone]!.id, persons: moved, shelter: this.shelters.ids[shelter]!, arriveAt, shadow: kind === 'shadow', ...(kind === 'rescued' ? { rescued: true } : {}) });
      }
      sim.timeout(arriveAt - t).onProcessed(() => {
        this.people.move(zone, 'travelling', 'sheltered', moved);
        this.shelters.arrive(shelter, moved, zone);
        if (!shadow) this.orderedArrivals.push([sim.now - this.orderedAt[zone]!, moved]);
        if (kind !== 'shadow') this.safeTimes.push([sim.now, moved]);
        if (this.bus.wants('evacuation.arrived')) {
          this.bus.emit({ t: sim.now, kind: 'evacuation.arrived', zone: this.scenario.zones[zone]!.id, persons: moved, shelter: this.shelters.ids[shelter]! });
        }
        this.shelters.onArrival(shelter);
        if (!shadow) {
          this.inTransit[zone]! -= moved;
          this.checkCleared(zone);
        }
        // Their zone cleared while they were on the road: they go straight home.
        if (this.recovery?.isClear(zone) === true) this.recovery.sendHome(zone);
      });
    }
    if (!shadow) {
      this.departedOrdered += sent;
      this.departedOrderedByZone[zone]! += sent;
    }
    return sent;
  }

  /**
   * Clearance T95: the time within which 95 % of the people who left under an order were in shelter,
   * counted for each person from their own zone's order (docs/models/response.md section 5: order -> 95 % in shelter).
   * With orders reach by reach, measuring from the first order would mostly measure the flood's timing.
   * 0 when nobody left under an order.
   */
  clearanceT95(): number {
    return t95(this.orderedArrivals);
  }


  /**
   * Clearance of the event: the time within which 95 % of the event's evacuees (ordered and rescued) were
   * safe, from `reference` (when the first order could have been given on the record). A plan that orders
   * late shows it here, where the per-zone clearanceT95 cannot see it. 0 when nobody left.
   */
  clearanceFromT95(reference: number): number {
    return t95(this.safeTimes.map(([t, n]) => [t - reference, n]));
  }

  /** Rescued people who stay where they were landed (no shelter reachable) are safe there, now. */
  landedSafe(n: number): void {
    if (n > 0) this.safeTimes.push([this.sim.now, n]);
  }
}

/** The time by which 95 % of the people of (time, count) arrivals had arrived; 0 without arrivals. */
function t95(arrivals: ReadonlyArray<readonly [number, number]>): number {
  if (arrivals.length === 0) return 0;
  const total = arrivals.reduce((s, [, n]) => s + n, 0);
  const sorted = [...arrivals].sort((a, b) => a[0] - b[0]);
  let acc = 0;
  for (const [dt, n] of sorted) {
    acc += n;
    if (acc >= 0.95 * total) return dt;
  }
  return sorted[sorted.length - 1]![0];
}
