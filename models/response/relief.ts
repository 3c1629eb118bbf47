import type { Simulation } from '../../engine/kernel/index.js';
import type { RoadNetwork } from '../../engine/network/index.js';
import type { CompiledScenario } from '../scenario/compile.js';
import { parameterView } from '../scenario/parameter-info.js';
import type { EventBus } from '../world/events.js';
import { WorldKey, type World } from '../world/world.js';
import { RELIEF_PARAMETERS } from './relief-parameters.js';
import type { Shelters } from './shelters.js';

export type Tier = 'city' | 'county' | 'township';

/** The relief logistics of a replication. */
export const RELIEF = new WorldKey<Relief>('relief');
const TIER_ORDER: readonly Tier[] = ['township', 'county', 'city'];
/** How often a shelter's stock is reviewed (minutes). */
const REVIEW_MIN = 120;
/** A shelter orders when its supply falls below this many days of need, and orders up to twice that. */
const REORDER_DAYS = 1;

/**
 * Relief logistics (docs/models/response.md section 8): a sheltered person consumes a water-and-food kit per day. Kits come
 * from the reserves in tier order (township, then county, then city, nearest first), but only from tiers the
 * plan has released; township stock is always usable. A run loads, drives (truck mode, known closures) and
 * delivers at most one truckload. Stock is taken when the run leaves, so it can never go negative; unmet
 * need accrues when a shelter's supply is exhausted.
 */
export class Relief {
  private readonly reserveNode: Int32Array;
  private readonly reserveTier: Tier[];
  private readonly reserveCounty: string[];
  /** Kits at each reserve: one case of water plus one ration box. */
  readonly water: Float64Array;
  readonly food: Float64Array;
  private readonly released = new Set<Tier>(['township']);
  /** Whether any released reserve holds a kit: recomputed only when stock or releases change. */
  private stockKnown = false;
  private stockAvailable = false;
  private readonly supply: Float64Array;
  private readonly lastT: Float64Array;
  private readonly unmet: Float64Array;
  private readonly pending: Uint8Array;
  private readonly reviewing: Uint8Array;
  readonly firstDelivery: Float64Array;
  /** Person-days of need at each shelter so far (met or not). */
  private readonly needed: Float64Array;
  private readonly shelterCounty: string[];
  /** Kits issued from each reserve (breakdown). */
  readonly issued: Float64Array;
  /** Stock releases waiting for their first truck to be loaded. */
  private readonly loadWaiters: Array<{ tiers: ReadonlySet<Tier>; done: (t: number) => void }> = [];
  private readonly sim: Simulation;
  private readonly bus: EventBus;
  private readonly scenario: CompiledScenario;
  private readonly roads: RoadNetwork;
  private readonly params: Readonly<Record<keyof typeof RELIEF_PARAMETERS, number>>;

  constructor(
    world: World,
    private readonly shelters: Shelters,
  ) {
    this.sim = world.sim;
    this.bus = world.bus;
    this.scenario = world.scenario;
    this.roads = world.roads;
    this.params = parameterView(world.params, RELIEF_PARAMETERS);
    const scenario = this.scenario;
    const reserves = scenario.region.assets.reserves;
    this.reserveNode = Int32Array.from(reserves.map((r) => scenario.csr.nodeIndex.get(r.node) ?? -1));
    this.reserveTier = reserves.map((r) => r.tier);
    this.reserveCounty = reserves.map((r) => r.county);
    this.water = Float64Array.from(reserves.map((r) => r.stock.drinkingWater ?? 0));
    this.food = Float64Array.from(reserves.map((r) => r.stock.instantFood ?? 0));
    const n = shelters.count;
    this.supply = new Float64Array(n);
    this.lastT = new Float64Array(n);
    this.unmet = new Float64Array(n);
    this.pending = new Uint8Array(n);
    this.reviewing = new Uint8Array(n);
    this.firstDelivery = new Float64Array(n).fill(Infinity);
    this.needed = new Float64Array(n);
    this.shelterCounty = scenario.region.assets.shelters.map((s) => s.county);
    this.issued = new Float64Array(reserves.length);
  }

  /** Tell `done` when the first truck is loaded from a reserve of these tiers (a stock release is then under way). */
  whenLoaded(tiers: readonly Tier[], done: (t: number) => void): void {
    this.loadWaiters.push({ tiers: new Set(tiers), done });
  }

  release(tiers: readonly Tier[]): void {
    if (tiers.includes('city') && !this.released.has('city')) this.startResupply();
    for (const t of tiers) this.released.add(t);
    this.stockKnown = false;
    for (let s = 0; s < this.shelters.count; s++) if (this.reviewing[s] === 1) this.review(s);
  }

  /**
   * Releasing the city stock goes with a request to the province: after the lead time, kits reach the city
   * reserve every six hours at the daily rate (docs/models/response.md section 8, replenishment).
   */
  private startResupply(): void {
    const city = this.reserveTier.indexOf('city');
    if (city < 0) return;
    const sim = this.sim;
    const self = this;
    const perDelivery = Math.floor(this.params['relief.resupplyKitsPerDay'] / 4);
    sim.process(function* () {
      yield sim.timeout(self.params['relief.resupplyLeadH'] * 60);
      for (;;) {
        self.water[city]! += perDelivery;
        self.food[city]! += perDelivery;
        self.stockKnown = false;
        yield sim.timeout(360);
      }
    }, 'resupply');
  }

  /** Bring a shelter's supply and unmet need up to now at the occupancy that held since the last update. */
  private advance(s: number): void {
    const now = this.sim.now;
    const dtDays = (now - this.lastT[s]!) / 1440;
    this.lastT[s] = now;
    const occupancy = this.shelters.occupancy[s]!;
    const need = occupancy * this.params['relief.kitsPerPersonDay'] * dtDays;
    if (need <= 0) return;
    const supplied = Math.min(need, this.supply[s]!);
    this.supply[s]! -= supplied;
    // People beyond the shelter's capacity have no place (bed, quilt, tent: Sphere's shelter standard):
    // their days count as unmet even when water and food arrive.
    const unplaced = Math.max(0, occupancy - this.shelters.capacity[s]!) * dtDays;
    const unfed = (need - supplied) / this.params['relief.kitsPerPersonDay'];
    this.unmet[s]! += Math.max(unfed, unplaced);
    this.needed[s]! += need / this.params['relief.kitsPerPersonDay'];
  }

  /** A shelter's occupancy is about to change: account for the need at the occupancy that held until now. */
  beforeOccupancyChange(s: number): void {
    this.advance(s);
  }

  /** Evacuees arrived at a shelter (its occupancy now includes them): start or run its stock review. */
  arrived(s: number): void {
    if (this.reviewing[s] === 0) {
      this.reviewing[s] = 1;
      const sim = this.sim;
      const self = this;
      sim.process(function* () {
        for (;;) {
          self.review(s);
          yield sim.timeout(REVIEW_MIN);
        }
      }, 'relief-review');
    }
    this.review(s);
  }

  private review(s: number): void {
    this.advance(s);
    if (this.pending[s] === 1) return;
    const daily = this.shelters.occupancy[s]! * this.params['relief.kitsPerPersonDay'];
    if (daily <= 0 || this.supply[s]! >= REORDER_DAYS * daily) return;
    const want = Math.min(this.params['relief.truckKits'], 2 * REORDER_DAYS * daily - this.supply[s]!);
    const source = this.pickReserve(s);
    if (source === null) return;
    const [r, travel] = source;
    // Whole kits: a run carries cases and boxes, not fractions of them.
    const kits = Math.floor(Math.min(want, this.water[r]!, this.food[r]!));
    if (kits <= 0) return;
    this.water[r]! -= kits;
    this.food[r]! -= kits;
    this.issued[r]! += kits;
    this.stockKnown = false;
    this.pending[s] = 1;
    const sim = this.sim;
    if (this.loadWaiters.length > 0) {
      const tier = this.reserveTier[r]!;
      const loadedAt = sim.now + this.params['relief.loadMin'];
      for (let i = 0; i < this.loadWaiters.length; ) {
        const w = this.loadWaiters[i]!;
        if (w.tiers.has(tier)) {
          this.loadWaiters.splice(i, 1);
          w.done(loadedAt);
        } else i++;
      }
    }
    sim.timeout(this.params['relief.loadMin'] + travel).onProcessed(() => {
      this.advance(s);
      this.supply[s]! += kits;
      this.pending[s] = 0;
      if (this.firstDelivery[s] === Infinity) this.firstDelivery[s] = sim.now;
      this.bus.emit({ t: sim.now, kind: 'relief.delivered', shelter: this.shelters.ids[s]!, reserve: this.scenario.region.assets.reserves[r]!.id, kits });
      this.review(s);
    });
  }

  /** The reserve to draw from: the first released tier with kits, local county first within a tier, nearest by truck. */
  private pickReserve(s: number): [number, number] | null {
    const dest = this.shelters.node[s]!;
    if (dest < 0 || !this.anyReleasedStock()) return null;
    const tree = this.roads.tree(dest, 'truck', this.sim.now, true);
    const county = this.shelterCounty[s]!;
    for (const tier of TIER_ORDER) {
      if (!this.released.has(tier)) continue;
      for (const localOnly of [true, false]) {
        let best = -1;
        let bestMin = Infinity;
        for (let r = 0; r < this.reserveNode.length; r++) {
          if (this.reserveTier[r] !== tier || (localOnly && tier !== 'city' && this.reserveCounty[r] !== county)) continue;
          if (Math.min(this.water[r]!, this.food[r]!) < 1) continue;
          const node = this.reserveNode[r]!;
          const minutes = node >= 0 ? tree.dist[node]! : Infinity;
          if (minutes < bestMin) {
            best = r;
            bestMin = minutes;
          }
        }
        if (best >= 0) return [best, bestMin];
      }
    }
    return null;
  }

  private anyReleasedStock(): boolean {
    if (!this.stockKnown) {
      this.stockAvailable = false;
      for (let r = 0; r < this.reserveTier.length; r++) {
        if (this.released.has(this.reserveTier[r]!) && this.water[r]! >= 1 && this.food[r]! >= 1) {
          this.stockAvailable = true;
          break;
        }
      }
      this.stockKnown = true;
    }
    return this.stockAvailable;
  }

  /** Close the books at the end of the run: person-days needed and unmet over all shelters (idempotent). */
  finish(): { unmetPersonDays: number; neededPersonDays: number; firstReliefHours: number } {
    let unmet = 0;
    let needed = 0;
    let worst = 0;
    for (let s = 0; s < this.shelters.count; s++) {
      this.advance(s);
      unmet += this.unmet[s]!;
      needed += this.needed[s]!;
      const hours = this.firstReliefHours(s);
      if (hours !== null) worst = Math.max(worst, hours);
    }
    return { unmetPersonDays: unmet, neededPersonDays: needed, firstReliefHours: worst };
  }

  /** Unmet person-days of one shelter so far. */
  unmetPersonDays(s: number): number {
    return this.unmet[s]!;
  }

  /** Hours from a shelter's first arrival to its first delivery (to the horizon if none came); null if nobody arrived. */
  firstReliefHours(s: number): number | null {
    const arrival = this.shelters.firstArrival[s]!;
    if (arrival === Infinity) return null;
    return (Math.min(this.firstDelivery[s]!, this.scenario.horizonMin) - arrival) / 60;
  }

  /** Kits left in all reserves (both items), for the never-negative invariant. */
  minStock(): number {
    let min = Infinity;
    for (let r = 0; r < this.water.length; r++) min = Math.min(min, this.water[r]!, this.food[r]!);
    return min;
  }
}
