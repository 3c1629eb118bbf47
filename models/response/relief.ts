import { Resource, type Request, type Simulation, type Waiter } from '../../engine/kernel/index.js';
// The routing modules themselves, not the network barrel: that also holds the OSM importers, which a worker
// thread would otherwise load for nothing (docs/performance.md, start-up).
import type { KnownView, RoadNetwork } from '../../engine/network/road-network.js';
import { SparseTree, type SearchTree } from '../../engine/network/search.js';
import type { CompiledScenario } from '../scenario/compile.js';
import { parameterView } from '../scenario/parameter-info.js';
import type { EventBus } from '../world/events.js';
import { WorldKey, type World } from '../world/world.js';
import { RELIEF_PARAMETERS } from './relief-parameters.js';
import type { Shelters } from './shelters.js';
import { SupplyCover } from './supply-cover.js';

export type Tier = 'city' | 'county' | 'township';

/**
 * The relief items a shelter needs, as the region's reserves hold them: two consumed every day (water
 * cases, ration boxes) and three that a shelter place keeps (a folding bed, a quilt, a share of a tent).
 * Trucks are packed in this order.
 */
export const RELIEF_ITEMS = ['drinkingWater', 'instantFood', 'foldingBeds', 'quilts', 'tents'] as const;
export type ReliefItem = (typeof RELIEF_ITEMS)[number];
const NI = RELIEF_ITEMS.length;
const CONSUMABLES = 2;
/** The needs a person-day of relief meets, each a third of it: water, food, and bedding in a place. */
const RELIEF_NEEDS = 3;

/**
 * The Sphere norms in the reserves' units (docs/models/response.md section 8): per person-day, water cases
 * (litres over a case's litres) and ration boxes (kcal over a box's kcal); per shelter place, beds, quilts
 * and tents (the tented share of places times the covered area per person over a tent's area). By item, in
 * RELIEF_ITEMS order; 0 where the item is not of that kind.
 */
export function reliefNorms(p: Readonly<Record<keyof typeof RELIEF_PARAMETERS, number>>): { perDay: Float64Array; perPlace: Float64Array } {
  const perDay = new Float64Array(NI);
  const perPlace = new Float64Array(NI);
  perDay[0] = p['relief.waterLPerPersonDay'] / p['relief.waterCaseL'];
  perDay[1] = p['relief.foodKcalPerPersonDay'] / p['relief.rationKcal'];
  perPlace[2] = p['relief.bedsPerPerson'];
  perPlace[3] = p['relief.quiltsPerPerson'];
  perPlace[4] = (p['relief.tentedShare'] * p['relief.coveredM2PerPerson']) / p['relief.tentM2'];
  for (let i = 0; i < NI; i++) {
    const v = i < CONSUMABLES ? perDay[i]! : perPlace[i]!;
    if (!(v >= 0 && Number.isFinite(v))) throw new RangeError(`relief: the norm for ${RELIEF_ITEMS[i]} is ${v}`);
  }
  return { perDay, perPlace };
}

/**
 * A shelter's truck minutes from the reserves (NaN: not known), kept across reviews: the known states they
 * hold under, the tree they came from, and for each unknown reserve a floor under its minutes.
 */
interface KnownTravel {
  /** The epoch of the known states the minutes hold under. */
  epoch: number;
  /** The known states `tree` was searched under. */
  view: KnownView;
  readonly minutes: Float64Array;
  readonly beyond: Float64Array;
  tree: SearchTree | null;
}

/** The relief logistics of a replication. */
export const RELIEF = new WorldKey<Relief>('relief');
const TIER_ORDER: readonly Tier[] = ['township', 'county', 'city'];
/** How often a shelter's stock is reviewed (minutes). */
const REVIEW_MIN = 120;
/** A shelter orders when its supply falls below this many days of need, and orders up to twice that. */
const REORDER_DAYS = 1;
/** How often resupply reaches the city reserve once it flows (minutes). */
const RESUPPLY_EVERY_MIN = 360;

/**
 * Relief logistics (docs/models/response.md section 8). A sheltered person needs, per Sphere, water and
 * food every day (`relief.waterLPerPersonDay` in cases, `relief.foodKcalPerPersonDay` in ration boxes) and,
 * once they have a place, a folding bed, a quilt and (for the tented share of places) covered space in a
 * tent. Shelters order what they lack from the reserves in tier order (township, then county, then city,
 * local county first, nearest first), only from tiers the plan has released; township stock is always
 * usable. Stock is allocated when the order is placed, so it never goes negative; each truckload then waits
 * for one of the reserve's trucks and a loading bay, loads, drives (truck mode, known closures), unloads and
 * drives back. A person-day of relief is water, food and bedding in a ready place, a third each; a person
 * without a place (beyond capacity, or before the shelter is ready) has none of it.
 */
export class Relief {
  private readonly reserveNode: Int32Array;
  private readonly reserveTier: Tier[];
  private readonly reserveCounty: string[];
  /** Stock per reserve and item: stock[r * NI + i]. */
  readonly stock: Float64Array;
  /** Items issued per reserve and item (breakdown). */
  readonly issued: Float64Array;
  private readonly released = new Set<Tier>(['township']);
  /** Which items some released reserve holds: recomputed only when stock or releases change. */
  private stockKnown = false;
  private readonly itemAvailable = new Uint8Array(NI);
  /** Items held at each shelter: held[s * NI + i]. */
  private readonly held: Float64Array;
  private readonly lastT: Float64Array;
  private readonly unmet: Float64Array;
  /**
   * Truckloads on their way to each shelter, carrying consumables (pending[2s]) or only bedding and tents
   * (pending[2s + 1]); a shelter orders a kind again only when none of that kind is on its way.
   */
  private readonly pending: Int32Array;
  private readonly reviewing: Uint8Array;
  readonly firstDelivery: Float64Array;
  /** Person-days of need at each shelter so far (met or not). */
  private readonly needed: Float64Array;
  private readonly shelterCounty: string[];
  /** Consumables per person-day and durables per place, by item (0 where the item is not of that kind). */
  readonly perDay: Float64Array;
  readonly perPlace: Float64Array;
  private readonly kg = new Float64Array(NI);
  private readonly trucks: Array<Resource | undefined>;
  private readonly bays: Array<Resource | undefined>;
  /** Stock releases waiting for their first truck to be loaded. */
  private readonly loadWaiters: Array<{ tiers: ReadonlySet<Tier>; done: (t: number) => void }> = [];
  private readonly sim: Simulation;
  private readonly bus: EventBus;
  private readonly scenario: CompiledScenario;
  private readonly roads: RoadNetwork;
  /** @internal */ readonly params: Readonly<Record<keyof typeof RELIEF_PARAMETERS, number>>;

  constructor(
    world: World,
    private readonly shelters: Shelters,
  ) {
    this.sim = world.sim;
    this.bus = world.bus;
    this.scenario = world.scenario;
    this.roads = world.roads;
    const p = (this.params = parameterView(world.params, RELIEF_PARAMETERS));
    ({ perDay: this.perDay, perPlace: this.perPlace } = reliefNorms(p));
    this.kg.set([p['relief.waterCaseKg'], p['relief.rationKg'], p['relief.bedKg'], p['relief.quiltKg'], p['relief.tentKg']]);
    for (let i = 0; i < NI; i++) if (!(this.kg[i]! > 0)) throw new RangeError(`relief: the freight weight of ${RELIEF_ITEMS[i]} must be > 0`);
    const scenario = this.scenario;
    const reserves = scenario.region.assets.reserves;
    this.reserveNode = Int32Array.from(reserves.map((r) => scenario.csr.nodeIndex.get(r.node) ?? -1));
    this.reserveTier = reserves.map((r) => r.tier);
    this.reserveCounty = reserves.map((r) => r.county);
    this.stock = new Float64Array(reserves.length * NI);
    reserves.forEach((r, k) => RELIEF_ITEMS.forEach((item, i) => (this.stock[k * NI + i] = r.stock[item] ?? 0)));
    this.issued = new Float64Array(reserves.length * NI);
    this.trucks = new Array<Resource | undefined>(reserves.length);
    this.bays = new Array<Resource | undefined>(reserves.length);
    const n = shelters.count;
    this.held = new Float64Array(n * NI);
    this.lastT = new Float64Array(n);
    this.unmet = new Float64Array(n);
    this.pending = new Int32Array(2 * n);
    this.reviewing = new Uint8Array(n);
    this.firstDelivery = new Float64Array(n).fill(Infinity);
    this.needed = new Float64Array(n);
    this.shelterCounty = scenario.region.assets.shelters.map((s) => s.county);
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
   * Releasing the city stock goes with a request to the province: after the lead time, water and food for
   * `relief.resupplyPersonDaysPerDay` person-days and bedding and tents for `relief.resupplyPlacesPerDay`
   * places reach the city reserve a day, every six hours (docs/models/response.md section 8, replenishment).
   */
  private startResupply(): void {
    const city = this.reserveTier.indexOf('city');
    if (city < 0) return;
    const sim = this.sim;
    const self = this;
    const perDelivery = new Float64Array(NI);
    const share = RESUPPLY_EVERY_MIN / 1440;
    for (let i = 0; i < NI; i++) {
      perDelivery[i] = i < CONSUMABLES ? this.perDay[i]! * this.params['relief.resupplyPersonDaysPerDay'] * share : this.perPlace[i]! * this.params['relief.resupplyPlacesPerDay'] * share;
    }
    sim.process(function* () {
      yield sim.timeout(self.params['relief.resupplyLeadH'] * 60);
      for (;;) {
        for (let i = 0; i < NI; i++) self.stock[city * NI + i]! += Math.floor(perDelivery[i]!);
        self.stockKnown = false;
        yield sim.timeout(RESUPPLY_EVERY_MIN);
      }
    }, 'resupply');
  }

  /**
   * Bring a shelter's consumption and unmet need up to now, at the occupancy and readiness that held since
   * the last update. Need: everyone present, a person-day per day. Unmet: people without a place (beyond
   * capacity, or arrived before the shelter was ready) go without in full; a person with a place misses a
   * third of a person-day for each of water, food and bedding (bed, quilt and tent share: the first lacking
   * item counts) they go without. Water and food shortfalls fall on everyone present alike.
   */
  private advance(s: number): void {
    const now = this.sim.now;
    const start = this.lastT[s]!;
    const dtDays = (now - start) / 1440;
    this.lastT[s] = now;
    const occupancy = this.shelters.occupancy[s]!;
    if (!(dtDays > 0) || occupancy <= 0) return;
    const base = s * NI;
    // The shelter's state at the start of the interval holds throughout: readiness changes split intervals.
    const placed = this.shelters.readyAt[s]! <= start ? Math.min(occupancy, this.shelters.capacity[s]!) : 0;
    let missing = 0;
    for (let i = 0; i < CONSUMABLES; i++) {
      const per = this.perDay[i]!;
      if (per <= 0) continue;
      const need = occupancy * per * dtDays;
      const supplied = Math.min(need, this.held[base + i]!);
      this.held[base + i]! -= supplied;
      // Person-days without this item, the placed people's share of them.
      missing += (((need - supplied) / per) * placed) / occupancy;
    }
    let lacking = 0;
    for (let i = CONSUMABLES; i < NI; i++) {
      const per = this.perPlace[i]!;
      if (per > 0) lacking = Math.max(lacking, placed - this.held[base + i]! / per);
    }
    missing += Math.max(0, lacking) * dtDays;
    const unplaced = (occupancy - placed) * dtDays;
    this.unmet[s]! += Math.min(occupancy * dtDays, unplaced + missing / RELIEF_NEEDS);
    this.needed[s]! += occupancy * dtDays;
  }

  /** A shelter's occupancy or readiness is about to change: account for the need in the state that held until now. */
  beforeChange(s: number): void {
    this.advance(s);
  }

  /**
   * Evacuees arrived at a shelter (its occupancy now includes them): the first arrival starts its stock
   * review, every two hours from then (orders for later arrivals wait for the next review, as a shelter's
   * staff would batch them).
   */
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
  }

  /**
   * What a shelter lacks now: consumables up to two days of need when under one, durables for its places;
   * a kind with a truckload on its way is not ordered again.
   */
  private wanted(s: number, out: Float64Array): boolean {
    const people = Math.max(this.shelters.occupancy[s]!, this.shelters.reserved[s]!);
    const places = Math.min(people, this.shelters.capacity[s]!);
    const base = s * NI;
    let any = false;
    for (let i = 0; i < NI; i++) {
      let want = 0;
      if (this.pending[2 * s + (i < CONSUMABLES ? 0 : 1)]! > 0) want = 0;
      else if (i < CONSUMABLES) {
        const daily = people * this.perDay[i]!;
        if (daily > 0 && this.held[base + i]! < REORDER_DAYS * daily) want = 2 * REORDER_DAYS * daily - this.held[base + i]!;
      } else {
        want = places * this.perPlace[i]! - this.held[base + i]!;
      }
      // Whole items: cases, boxes, beds, quilts and tents.
      out[i] = want > 1e-9 ? Math.ceil(want - 1e-9) : 0;
      if (out[i]! > 0) any = true;
    }
    return any;
  }

  private readonly want = new Float64Array(NI);
  private readonly take = new Float64Array(NI);

  private review(s: number): void {
    this.advance(s);
    const dest = this.shelters.node[s]!;
    const want = this.want;
    if (dest < 0 || !this.wanted(s, want)) return;
    // Only items some released reserve holds are worth a look (a check cached until stock or releases change).
    const available = this.releasedItems();
    let any = false;
    for (let i = 0; i < NI; i++) {
      if (want[i]! > 0 && available[i] === 0) want[i] = 0;
      if (want[i]! > 0) any = true;
    }
    if (!any) return;
    // Candidate reserves: released tiers, holding a wanted item; in tier order, the shelter's county first
    // within a tier, nearest first.
    const county = this.shelterCounty[s]!;
    const candidates: Array<[number, number, number]> = [];
    const holding: number[] = [];
    for (let r = 0; r < this.reserveNode.length; r++) {
      if (!this.released.has(this.reserveTier[r]!)) continue;
      let holds = false;
      for (let i = 0; i < NI && !holds; i++) holds = want[i]! > 0 && this.stock[r * NI + i]! >= 1;
      if (holds) holding.push(r);
    }
    // Truck minutes only from the reserves that could ship (on a large region the rest may be far away), and
    // of those only as far out as the loop below takes from.
    const minutesFrom = holding.length > 0 ? this.truckMinutes(s, dest, holding, want, county) : null;
    for (const r of holding) {
      const minutes = minutesFrom![r]!;
      // Infinity: unreachable; NaN: not searched for (farther, in its rank, than reserves that cover the want).
      if (!(minutes < Infinity)) continue;
      candidates.push([r, this.rank(r, county), minutes]);
    }
    candidates.sort((a, b) => a[1] - b[1] || a[2] - b[2] || a[0] - b[0]);
    const take = this.take;
    for (const [r, , minutes] of candidates) {
      let any = false;
      for (let i = 0; i < NI; i++) {
        const n = Math.floor(Math.min(want[i]!, this.stock[r * NI + i]!));
        take[i] = n > 0 ? n : 0;
        if (n > 0) any = true;
      }
      if (!any) continue;
      for (let i = 0; i < NI; i++) {
        this.stock[r * NI + i]! -= take[i]!;
        this.issued[r * NI + i]! += take[i]!;
        want[i]! -= take[i]!;
      }
      this.stockKnown = false;
      this.ship(r, s, take, minutes);
      if (want.every((w) => w <= 0)) break;
    }
  }

  /** A reserve's place in a shelter's order of supply: tier, then (below the city) the shelter's county first. */
  private rank(r: number, county: string): number {
    const tier = this.reserveTier[r]!;
    return TIER_ORDER.indexOf(tier) * 2 + (tier !== 'city' && this.reserveCounty[r] !== county ? 1 : 0);
  }

  /**
   * The search's stopping test for a review (reserves `from`, wanting `want`): true once no reserve not
   * settled yet can change what the review takes (supply-cover.ts says when, item by item).
   */
  private covers(from: readonly number[], want: Float64Array, county: string): (node: number) => boolean {
    const cover = this.supplyCover(from, want, county);
    return (node) => {
      for (let c = 0; c < from.length; c++) if (this.reserveNode[from[c]!] === node) cover.settle(c);
      return cover.covered;
    };
  }

  /**
   * The stopping rule of a review over the reserves `from`, with the whole items they hold now. A reserve off
   * the network never counts; `reachable` may rule out more (those known to be unreachable).
   */
  private supplyCover(from: readonly number[], want: Float64Array, county: string, reachable: (c: number) => boolean = () => true): SupplyCover {
    const whole = new Float64Array(from.length * NI);
    from.forEach((r, c) => {
      for (let j = 0; j < NI; j++) whole[c * NI + j] = Math.floor(this.stock[r * NI + j]!);
    });
    const rankOf = from.map((r) => this.rank(r, county));
    return new SupplyCover(TIER_ORDER.length * 2, NI, rankOf, whole, want, (c) => this.reserveNode[from[c]!]! >= 0 && reachable(c));
  }

  /**
   * Truck minutes to a shelter under the closures known now from the reserves `from` (and any others already
   * known), as far as a review wanting `want` takes from them (the rest stay NaN, see `covers`). Kept per
   * shelter, so a shelter's reviews do not ask the router again and again: within an epoch of the known
   * states, and across a change of them for every reserve the change cannot have touched (its minutes are
   * then the same to the last bit: engine/network/carry.ts). On the 100k-junction region, 98.7 % of the
   * minutes a review searched for again after a change came out as before.
   */
  private truckMinutes(s: number, dest: number, from: readonly number[], want: Float64Array, county: string): Float64Array {
    const now = this.sim.now;
    let known = this.travel[s];
    if (known === undefined) {
      const n = this.reserveNode.length;
      const view = this.roads.knownView('truck', now);
      this.travel[s] = known = { epoch: view.epoch, view, minutes: new Float64Array(n).fill(Number.NaN), beyond: new Float64Array(n), tree: null };
    } else if (known.epoch !== this.roads.knownEpoch(now)) this.carry(known, now);
    const minutes = known.minutes;
    if (!from.some((r) => Number.isNaN(minutes[r])) || this.knownSuffice(known, from, want, county)) return minutes;
    const tree = this.roads.tree(dest, 'truck', now, true, from.map((r) => this.reserveNode[r]!), () => this.covers(from, want, county));
    const reach = tree instanceof SparseTree ? tree.reach : 0;
    for (let r = 0; r < this.reserveNode.length; r++) {
      const node = this.reserveNode[r]!;
      if (node < 0) minutes[r] = Infinity;
      else if (tree.distTo(node) < Infinity || tree.complete !== false) minutes[r] = tree.distTo(node);
      else {
        minutes[r] = Number.NaN;
        known.beyond[r] = reach;
      }
    }
    known.tree = tree;
    known.view = this.roads.knownView('truck', now);
    return minutes;
  }

  /**
   * Carry a shelter's truck minutes over a change of the known states: a reserve's minutes are those of the
   * tree they came from wherever the changes since that tree's search cannot have touched them (its route
   * avoids every road that changed, and no road that got cheaper can make a shorter one:
   * RoadNetwork.unchangedSince); the rest are unknown, with a floor under them. Changes are counted from the
   * tree's own states, so a road closed and opened again leaves the minutes as they were.
   */
  private carry(known: KnownTravel, now: number): void {
    const { minutes, beyond, tree } = known;
    known.epoch = this.roads.knownEpoch(now);
    // On a small graph a search costs less than this check (on Leshan the check made a replication 10 %
    // slower): the minutes are simply forgotten.
    if (tree === null || !this.roads.partialTrees) {
      minutes.fill(Number.NaN);
      beyond.fill(0);
      known.tree = null;
      return;
    }
    const exact = new Uint8Array(minutes.length);
    this.roads.unchangedSince(tree, known.view, now, this.reserveNode, exact, beyond);
    for (let r = 0; r < minutes.length; r++) {
      const node = this.reserveNode[r]!;
      if (node < 0) minutes[r] = Infinity;
      else minutes[r] = exact[r] === 1 ? tree.distTo(node) : Number.NaN;
    }
  }

  /**
   * Whether the minutes known (and the floors of those not known) already settle a review without a search:
   * the known reserves nearer than every unknown one, nearest first, cover the want as `covers` would have
   * told the search (supply-cover.ts).
   */
  private knownSuffice(known: KnownTravel, from: readonly number[], want: Float64Array, county: string): boolean {
    const { minutes, beyond } = known;
    let floor = Infinity;
    for (const r of from) if (Number.isNaN(minutes[r])) floor = Math.min(floor, beyond[r]!);
    const near: number[] = [];
    from.forEach((r, c) => {
      if (minutes[r]! < floor) near.push(c);
    });
    if (near.length === 0) return false;
    near.sort((a, b) => minutes[from[a]!]! - minutes[from[b]!]!);
    const cover = this.supplyCover(from, want, county, (c) => minutes[from[c]!] !== Infinity);
    for (const c of near) {
      cover.settle(c);
      if (cover.covered) return true;
    }
    return false;
  }

  private readonly travel: Array<KnownTravel | undefined> = [];

  /**
   * Pack an allocation into truckloads (items in RELIEF_ITEMS order: water and food first) and send each on
   * its run.
   */
  private ship(r: number, s: number, items: Float64Array, travelMin: number): void {
    const payload = this.params['relief.truckPayloadKg'];
    let load = new Float64Array(NI);
    let room = payload;
    let empty = true;
    for (let i = 0; i < NI; i++) {
      let q = items[i]!;
      const kg = this.kg[i]!;
      while (q > 0) {
        let fit = Math.floor(room / kg);
        if (fit <= 0) {
          if (empty) fit = 1; // an item heavier than a truckload still goes, alone
          else {
            this.truckRun(r, s, load, travelMin);
            load = new Float64Array(NI);
            room = payload;
            empty = true;
            continue;
          }
        }
        const n = Math.min(q, fit);
        load[i]! += n;
        q -= n;
        room -= n * kg;
        empty = false;
      }
    }
    if (!empty) this.truckRun(r, s, load, travelMin);
  }

  private resource(list: Array<Resource | undefined>, r: number, kind: 'Trucks' | 'Bays'): Resource {
    let res = list[r];
    if (res === undefined) {
      const tier = this.reserveTier[r]!;
      const capacity = Math.max(1, Math.round(this.params[`relief.${tier}${kind}` as keyof typeof RELIEF_PARAMETERS]));
      list[r] = res = new Resource(this.sim, { capacity });
    }
    return res;
  }

  /**
   * One truckload: a truck, then a bay to load at; the drive, the unloading, the drive back. Loads with water
   * or food go before loads of bedding only (life first), first come first served within each.
   */
  private truckRun(r: number, s: number, load: Float64Array, travelMin: number): void {
    const trucks = this.resource(this.trucks, r, 'Trucks');
    const bays = this.resource(this.bays, r, 'Bays');
    let kind = 1;
    for (let i = 0; i < CONSUMABLES; i++) if (load[i]! > 0) kind = 0;
    this.pending[2 * s + kind]!++;
    new TruckRun(this, trucks, bays, r, s, load, travelMin, kind);
  }

  /** @internal A truckload is loaded at reserve r (TruckRun's stage 2). */
  loaded(r: number): void {
    if (this.loadWaiters.length === 0) return;
    const tier = this.reserveTier[r]!;
    for (let i = 0; i < this.loadWaiters.length; ) {
      const w = this.loadWaiters[i]!;
      if (w.tiers.has(tier)) {
        this.loadWaiters.splice(i, 1);
        w.done(this.sim.now);
      } else i++;
    }
  }

  /** @internal A truckload arrives at shelter s (TruckRun's stage 3). */
  deliver(r: number, s: number, load: Float64Array, kind: number): void {
    const sim = this.sim;
    this.advance(s);
    for (let i = 0; i < NI; i++) this.held[s * NI + i]! += load[i]!;
    this.pending[2 * s + kind]!--;
    if (this.firstDelivery[s] === Infinity) this.firstDelivery[s] = sim.now;
    if (this.bus.wants('relief.delivered')) {
      const items: Partial<Record<ReliefItem, number>> = {};
      RELIEF_ITEMS.forEach((item, i) => {
        if (load[i]! > 0) items[item] = load[i]!;
      });
      this.bus.emit({ t: sim.now, kind: 'relief.delivered', shelter: this.shelters.ids[s]!, reserve: this.scenario.region.assets.reserves[r]!.id, items });
    }
    if (this.pending[2 * s + kind] === 0) this.review(s);
  }

  /**
   * Issue `count` of one item to a place outside the shelters (a tent camp by damaged homes), from the reserves
   * of these tiers in tier order (the county's own first within a tier, nearest first) as far as they hold it:
   * stock is taken when allocated, so it never goes negative. Each truckload waits for one of its reserve's trucks
   * and a bay like any other, drives over the known roads and `delivered(n)` is told on arrival. Returns how many
   * were allocated (the rest is unmet for now).
   */
  issueTo(node: number, county: string, item: ReliefItem, count: number, tiers: readonly Tier[], delivered: (n: number) => void): number {
    const i = RELIEF_ITEMS.indexOf(item);
    if (node < 0 || count <= 0) return 0;
    const tree = this.roads.tree(node, 'truck', this.sim.now, true, this.reserveNode);
    const candidates: Array<[number, number, number]> = [];
    for (let r = 0; r < this.reserveNode.length; r++) {
      const tier = this.reserveTier[r]!;
      if (!tiers.includes(tier) || this.stock[r * NI + i]! < 1 || this.reserveNode[r]! < 0) continue;
      const minutes = tree.distTo(this.reserveNode[r]!);
      if (minutes === Infinity) continue;
      candidates.push([r, TIER_ORDER.indexOf(tier) * 2 + (tier !== 'city' && this.reserveCounty[r] !== county ? 1 : 0), minutes]);
    }
    candidates.sort((a, b) => a[1] - b[1] || a[2] - b[2] || a[0] - b[0]);
    const perTruck = Math.max(1, Math.floor(this.params['relief.truckPayloadKg'] / this.kg[i]!));
    let left = Math.floor(count);
    for (const [r, , minutes] of candidates) {
      const n = Math.min(left, Math.floor(this.stock[r * NI + i]!));
      if (n <= 0) continue;
      this.stock[r * NI + i]! -= n;
      this.issued[r * NI + i]! += n;
      this.stockKnown = false;
      left -= n;
      for (let q = n; q > 0; q -= perTruck) this.campRun(r, Math.min(q, perTruck), minutes, delivered);
      if (left <= 0) break;
    }
    return Math.floor(count) - left;
  }

  /** One truckload to a camp: a truck, a bay, loading, the drive, unloading; the truck drives back. */
  private campRun(r: number, n: number, travelMin: number, delivered: (n: number) => void): void {
    const sim = this.sim;
    const trucks = this.resource(this.trucks, r, 'Trucks');
    const bays = this.resource(this.bays, r, 'Bays');
    const truck = trucks.request({ priority: 1 });
    truck.onProcessed(() => {
      const bay = bays.request({ priority: 1 });
      bay.onProcessed(() => {
        sim.timeout(this.params['relief.loadMin']).onProcessed(() => {
          bays.release(bay);
          this.loaded(r);
          sim.timeout(travelMin + this.params['relief.unloadMin']).onProcessed(() => {
            delivered(n);
            sim.timeout(travelMin).onProcessed(() => trucks.release(truck));
          });
        });
      });
    });
  }

  /** Per item, 1 when some released reserve holds at least one (recomputed only when stock or releases change). */
  private releasedItems(): Uint8Array {
    if (!this.stockKnown) {
      this.itemAvailable.fill(0);
      for (let r = 0; r < this.reserveTier.length; r++) {
        if (!this.released.has(this.reserveTier[r]!)) continue;
        for (let i = 0; i < NI; i++) if (this.stock[r * NI + i]! >= 1) this.itemAvailable[i] = 1;
      }
      this.stockKnown = true;
    }
    return this.itemAvailable;
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

  /** Needed person-days of one shelter so far. */
  neededPersonDays(s: number): number {
    return this.needed[s]!;
  }

  /** Items of one kind held at a shelter now. */
  heldAt(s: number, item: ReliefItem): number {
    return this.held[s * NI + RELIEF_ITEMS.indexOf(item)]!;
  }

  /** Items of one kind at a reserve now. */
  stockAt(r: number, item: ReliefItem): number {
    return this.stock[r * NI + RELIEF_ITEMS.indexOf(item)]!;
  }

  /** Hours from a shelter's first arrival to its first delivery (to the horizon if none came); null if nobody arrived. */
  firstReliefHours(s: number): number | null {
    const arrival = this.shelters.firstArrival[s]!;
    if (arrival === Infinity) return null;
    return (Math.min(this.firstDelivery[s]!, this.scenario.horizonMin) - arrival) / 60;
  }

  /** The smallest stock of any item at any reserve and at any shelter, for the never-negative invariant. */
  minStock(): number {
    let min = Infinity;
    for (const v of this.stock) min = Math.min(min, v);
    for (const v of this.held) min = Math.min(min, v);
    return min;
  }
}

/** Request options by load kind (0: water or food first, 1: bedding only): shared, not one object per request. */
const LOAD_PRIORITY = [Object.freeze({ priority: 0 }), Object.freeze({ priority: 1 })] as const;

/**
 * One truckload as a chain of kernel callbacks rather than a process (thousands of truckloads a
 * replication): the object subscribes itself to each event in turn and `stage` says which one woke it, so
 * a truckload allocates no closure or wrapper per stage. The kernel calls it in exactly the order the
 * nested onProcessed callbacks it replaces were called.
 */
class TruckRun implements Waiter {
  private stage = 0;
  private readonly truck: Request;
  private bay: Request | null = null;

  constructor(
    private readonly relief: Relief,
    private readonly trucks: Resource,
    private readonly bays: Resource,
    private readonly r: number,
    private readonly s: number,
    private readonly load: Float64Array,
    private readonly travelMin: number,
    private readonly kind: number,
  ) {
    this.truck = trucks.request(LOAD_PRIORITY[kind as 0 | 1]);
    this.truck.onProcessed(this);
  }

  _wake(): void {
    const relief = this.relief;
    const sim = this.truck.sim;
    switch (this.stage++) {
      case 0: // a truck: queue for a bay
        this.bay = this.bays.request(LOAD_PRIORITY[this.kind as 0 | 1]);
        this.bay.onProcessed(this);
        return;
      case 1: // a bay: load
        sim.timeout(relief.params['relief.loadMin']).onProcessed(this);
        return;
      case 2: // loaded: free the bay, drive and unload
        this.bays.release(this.bay as Request);
        relief.loaded(this.r);
        sim.timeout(this.travelMin + relief.params['relief.unloadMin']).onProcessed(this);
        return;
      case 3: // unloaded at the shelter: drive back
        relief.deliver(this.r, this.s, this.load, this.kind);
        sim.timeout(this.travelMin).onProcessed(this);
        return;
      default: // back at the reserve
        this.trucks.release(this.truck);
    }
  }
}
