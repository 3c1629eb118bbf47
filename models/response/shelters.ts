import type { Simulation } from '../../engine/kernel/index.js';
import { parameterView } from '../scenario/parameter-info.js';
import type { EventBus } from '../world/events.js';
import { WorldKey, type World } from '../world/world.js';
import { SHELTER_PARAMETERS } from './shelters-parameters.js';

/** The shelters of a replication. */
export const SHELTERS = new WorldKey<Shelters>('shelters');

/** Travel minutes from one origin by node (a search tree: engine/network/search.ts SearchTree). */
export interface DistanceTo {
  distTo(node: number): number;
}

/**
 * Reachable shelters nearest first (ties by index) per search tree, per region shelter list. Search trees
 * are shared by every replication of a thread (engine/network/shared-trees.ts), so one order serves every
 * group that departs under the same tree in any replication: sorted once instead of a scan of every
 * shelter per group and per shelter it fills.
 */
const ORDERS = new WeakMap<object, WeakMap<DistanceTo, Int32Array>>();

export interface Allocation {
  shelter: number;
  persons: number;
}

/**
 * Shelters (docs/models/response.md section 6): closed until a plan opens them (or evacuees arrive where none
 * is open: then the nearest is opened ad hoc, as townships do with schools). An opened shelter takes
 * `shelters.openingH` to get its places ready; people who arrive before wait there without a place. Places
 * are reserved when a group sets off, so two groups never count on the same places; people beyond every
 * reachable shelter's capacity are overflow. The shelters know who came from which zone, so a zone's
 * people can go home when it is safe again (their places and their relief need go with them).
 */
export class Shelters {
  readonly count: number;
  readonly node: Int32Array;
  readonly capacity: Float64Array;
  readonly reserved: Float64Array;
  readonly occupancy: Float64Array;
  readonly open: Uint8Array;
  /** When each opened shelter's places are ready (Infinity while it has not been opened). */
  readonly readyAt: Float64Array;
  readonly firstArrival: Float64Array;
  /** People who arrived in all, and the most present at one time (breakdown). */
  readonly arrived: Float64Array;
  readonly peak: Float64Array;
  readonly ids: readonly string[];
  readonly county: readonly string[];
  overflow = 0;
  /** People who went home from shelters (breakdown and invariants). */
  returned = 0;
  /** Called before a shelter's occupancy or readiness changes (relief accounting needs the old state). */
  beforeChange: (shelter: number) => void = () => {};
  /** Called after people arrived at a shelter (relief starts its stock review). */
  onArrival: (shelter: number) => void = () => {};

  private readonly sim: Simulation;
  private readonly bus: EventBus;
  private readonly openingMin: number;
  /** People present per zone, by shelter (a zone's evacuees rarely spread over more than a few shelters). */
  private readonly lodged: Array<Map<number, number> | undefined>;
  private readonly orders: WeakMap<DistanceTo, Int32Array>;

  constructor(world: World) {
    this.sim = world.sim;
    this.bus = world.bus;
    this.openingMin = parameterView(world.params, SHELTER_PARAMETERS)['shelters.openingH'] * 60;
    this.lodged = new Array<Map<number, number> | undefined>(world.scenario.zones.length);
    const scenario = world.scenario;
    const list = scenario.region.assets.shelters;
    let orders = ORDERS.get(list);
    if (orders === undefined) ORDERS.set(list, (orders = new WeakMap()));
    this.orders = orders;
    this.count = list.length;
    this.ids = list.map((s) => s.id);
    this.county = list.map((s) => s.county);
    this.node = Int32Array.from(list.map((s) => scenario.csr.nodeIndex.get(s.node) ?? -1));
    this.capacity = Float64Array.from(list.map((s) => s.capacity));
    this.reserved = new Float64Array(this.count);
    this.occupancy = new Float64Array(this.count);
    this.open = new Uint8Array(this.count);
    this.readyAt = new Float64Array(this.count).fill(Infinity);
    this.firstArrival = new Float64Array(this.count).fill(Infinity);
    this.arrived = new Float64Array(this.count);
    this.peak = new Float64Array(this.count);
  }

  /** Order a shelter opened: it takes evacuees at once, its places are ready `shelters.openingH` later. */
  openShelter(s: number): void {
    if (this.open[s] === 1) return;
    this.open[s] = 1;
    const sim = this.sim;
    this.readyAt[s] = sim.now + this.openingMin;
    this.bus.emit({ t: sim.now, kind: 'shelter.opened', shelter: this.ids[s]!, readyAt: this.readyAt[s]! });
    // Relief accounting splits its intervals at the moment the places are ready.
    sim.timeout(this.openingMin).onProcessed(() => this.beforeChange(s));
  }

  /** Whether a shelter's places are ready now. */
  isReady(s: number): boolean {
    return this.readyAt[s]! <= this.sim.now;
  }

  /** Open every shelter in the counties of these zones; returns when the last of them is ready. */
  openForCounties(counties: ReadonlySet<string>): number {
    let ready = this.sim.now;
    for (let s = 0; s < this.count; s++) {
      if (!counties.has(this.county[s]!)) continue;
      this.openShelter(s);
      ready = Math.max(ready, this.readyAt[s]!);
    }
    return ready;
  }

  /**
   * Place n people travelling from an origin whose one-to-all travel times are `tree.distTo`: nearest open
   * shelter with room first, splitting the group across shelters as they fill; the nearest closed shelter
   * with room is opened when no open one has room; the rest go to the nearest reachable shelter as overflow.
   */
  allocate(tree: DistanceTo, n: number): Allocation[] {
    const out: Allocation[] = [];
    const order = this.nearestFirst(tree);
    let left = n;
    while (left > 0) {
      // The first open shelter with room in distance order; failing that, the first closed one with room.
      let best = -1;
      let bestClosed = -1;
      for (let i = 0; i < order.length; i++) {
        const s = order[i]!;
        if (this.reserved[s]! >= this.capacity[s]!) continue;
        if (this.open[s] === 1) {
          best = s;
          break;
        }
        if (bestClosed < 0) bestClosed = s;
      }
      if (best < 0 && bestClosed >= 0) {
        this.openShelter(bestClosed);
        best = bestClosed;
      }
      if (best < 0) break;
      const take = Math.min(left, this.capacity[best]! - this.reserved[best]!);
      this.reserved[best]! += take;
      out.push({ shelter: best, persons: take });
      left -= take;
    }
    if (left > 0 && order.length > 0) {
      // Every reachable shelter is full: the nearest takes them anyway, beyond its capacity.
      const nearest = order[0]!;
      this.openShelter(nearest);
      this.reserved[nearest]! += left;
      this.overflow += left;
      out.push({ shelter: nearest, persons: left });
    }
    return out;
  }

  /** The shelters reachable in `tree`, nearest first, ties by index (cached per tree). */
  private nearestFirst(tree: DistanceTo): Int32Array {
    let order = this.orders.get(tree);
    if (order === undefined) {
      const reachable: number[] = [];
      const d = new Float64Array(this.count);
      for (let s = 0; s < this.count; s++) {
        d[s] = tree.distTo(this.node[s]!);
        if (d[s]! < Infinity) reachable.push(s);
      }
      reachable.sort((a, b) => d[a]! - d[b]! || a - b);
      order = Int32Array.from(reachable);
      this.orders.set(tree, order);
    }
    return order;
  }

  /** People of a zone arrived at a shelter (their places were reserved when they set off). */
  arrive(s: number, persons: number, zone: number): void {
    this.beforeChange(s);
    this.occupancy[s]! += persons;
    this.arrived[s]! += persons;
    if (this.occupancy[s]! > this.peak[s]!) this.peak[s] = this.occupancy[s]!;
    if (this.firstArrival[s] === Infinity) this.firstArrival[s] = this.sim.now;
    let byShelter = this.lodged[zone];
    if (byShelter === undefined) this.lodged[zone] = byShelter = new Map();
    byShelter.set(s, (byShelter.get(s) ?? 0) + persons);
  }

  /** Every person of a zone leaves the shelters (they go home): occupancy and reserved places fall. Returns how many. */
  leave(zone: number): number {
    const byShelter = this.lodged[zone];
    if (byShelter === undefined) return 0;
    let total = 0;
    for (const [s, n] of byShelter) {
      if (n <= 0) continue;
      this.beforeChange(s);
      this.occupancy[s]! -= n;
      this.reserved[s] = Math.max(0, this.reserved[s]! - n);
      total += n;
    }
    byShelter.clear();
    this.returned += total;
    return total;
  }

  /** Throws if a shelter's occupancy is negative or differs from the people it lodges by zone (tests). */
  check(): void {
    const byShelter = new Float64Array(this.count);
    for (const m of this.lodged) for (const [s, n] of m ?? []) byShelter[s]! += n;
    for (let s = 0; s < this.count; s++) {
      if (this.occupancy[s]! < 0 || byShelter[s] !== this.occupancy[s]) {
        throw new Error(`shelter ${this.ids[s]}: occupancy ${this.occupancy[s]}, lodged by zone ${byShelter[s]}`);
      }
    }
  }

  /** People of a zone present in shelters now. */
  lodgedFrom(zone: number): number {
    let n = 0;
    for (const v of this.lodged[zone]?.values() ?? []) n += v;
    return n;
  }
}
