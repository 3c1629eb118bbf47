import { Type } from '@sinclair/typebox';
import { actionKind, type ResponseModule, type ZoneSelectorValue } from '../modules/types.js';
import { parameterView, type ParameterInfo } from '../scenario/parameter-info.js';
import { WorldKey, type World } from '../world/world.js';
import { EVACUATION } from './evacuation.js';
import { RELIEF, RELIEF_ITEMS, type Tier } from './relief.js';
import { SHELTERS } from './shelters.js';

export const DISPLACED_PARAMETERS = {
  'displaced.departureH': {
    default: { dist: 'triangular', min: 1, mode: 4, max: 12 },
    unit: 'h',
    description: 'time after the damage at which people whose homes are unsafe set off to a shelter (they first stay in the open near home)',
    source: 'estimate: after Lushan 2013 and Luding 2022 the homeless were moved to tent sites (帐篷安置点) within the first day',
    domain: { min: 0 },
  },
  'displaced.personsPerTent': {
    default: { dist: 'fixed', value: 4.5 },
    unit: 'persons',
    description: 'displaced people a family tent of a tent camp houses',
    source: "the region's item table: a 12 m2 civil-affairs family tent holds 4-5 people (about 2.7 m2 each, below Sphere's 3.5 m2 as in the first weeks after Lushan 2013)",
    domain: { min: 1 },
  },
} as const satisfies Record<string, ParameterInfo>;

/** How often a tent camp short of tents asks the reserves again (minutes). */
const RETRY_MIN = 360;

/**
 * The displaced (`people.displaced`: an earthquake's Extensive and Complete damage). By default they go to the
 * nearest shelter with room after `displaced.departureH`, and the shelters and relief modules house and supply
 * them. In zones a plan's `shelterDisplaced` clause covers, they stay in a tent camp by their homes instead
 * (帐篷安置点): a tent per `displaced.personsPerTent` people is issued from the reserves of the clause's tiers
 * (stock never negative) and trucked over the roads; tents nobody could issue are asked for again every six hours
 * (a city reserve the plan released is resupplied by the province).
 */
export class Displaced {
  /** Displaced people announced per zone, those sent to shelters, those staying in a tent camp. */
  readonly announced: Float64Array;
  readonly sent: Float64Array;
  readonly staying: Float64Array;
  /** Per zone: the camp's tiers (undefined: no camp), tents allocated and delivered. */
  private readonly camp: Array<readonly Tier[] | undefined>;
  readonly allocated: Float64Array;
  readonly delivered: Float64Array;
  private readonly retrying: Uint8Array;
  private readonly listeners: Array<() => void> = [];
  readonly perTent: number;

  constructor(private readonly world: World) {
    const n = world.scenario.zones.length;
    this.announced = new Float64Array(n);
    this.sent = new Float64Array(n);
    this.staying = new Float64Array(n);
    this.camp = new Array<readonly Tier[] | undefined>(n);
    this.allocated = new Float64Array(n);
    this.delivered = new Float64Array(n);
    this.retrying = new Uint8Array(n);
    this.perTent = parameterView(world.params, DISPLACED_PARAMETERS)['displaced.personsPerTent'];
  }

  hasCamp(zone: number): boolean {
    return this.camp[zone] !== undefined;
  }

  /** Tents a zone's camp needs for everyone staying in it. */
  tentsNeeded(zone: number): number {
    return Math.ceil(this.staying[zone]! / this.perTent - 1e-9);
  }

  onDelivery(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** A plan sets up tent camps in these zones: the displaced not yet gone to a shelter stay there. */
  openCamp(zone: number, tiers: readonly Tier[]): void {
    if (this.camp[zone] === undefined) {
      this.camp[zone] = tiers;
      this.staying[zone] = this.announced[zone]! - this.sent[zone]!;
    } else this.camp[zone] = [...new Set([...this.camp[zone]!, ...tiers])];
    this.request(zone);
  }

  /** New displaced people in a zone: a camp takes them in, otherwise they leave for a shelter after the delay. */
  announce(zone: number, persons: number, delayMin: number): void {
    this.announced[zone]! += persons;
    if (this.hasCamp(zone)) {
      this.staying[zone]! += persons;
      this.request(zone);
      return;
    }
    this.world.sim.timeout(delayMin).onProcessed(() => {
      // A camp opened meanwhile counted them as staying.
      if (this.hasCamp(zone)) return;
      this.sent[zone]! += persons;
      this.world.get(EVACUATION).sendUnordered(zone, persons);
    });
  }

  /** Ask the camp's tiers for the tents it lacks; try again later while some are missing. */
  private request(zone: number): void {
    const tiers = this.camp[zone];
    if (tiers === undefined) return;
    const want = this.tentsNeeded(zone) - this.allocated[zone]!;
    if (want <= 0) return;
    const z = this.world.scenario.zones[zone]!;
    const got = this.world.get(RELIEF).issueTo(z.node, z.county, 'tents', want, tiers, (n) => {
      this.delivered[zone]! += n;
      for (const l of this.listeners) l();
    });
    this.allocated[zone]! += got;
    if (got < want && this.retrying[zone] === 0) {
      this.retrying[zone] = 1;
      this.world.sim.timeout(RETRY_MIN).onProcessed(() => {
        this.retrying[zone] = 0;
        this.request(zone);
      });
    }
  }

  /**
   * Tents lacking now, wherever the displaced and evacuees are: tent camps short of their need; shelters short
   * of the tents their placed people need (the tented share of places, relief norms); people beyond a shelter's
   * capacity, who have no place at all, a tent per `perTent`.
   */
  tentsLacking(): number {
    let n = 0;
    for (let z = 0; z < this.staying.length; z++) if (this.hasCamp(z)) n += Math.max(0, this.tentsNeeded(z) - this.delivered[z]!);
    const shelters = this.world.find(SHELTERS);
    const relief = this.world.find(RELIEF);
    if (shelters !== undefined && relief !== undefined) {
      const perPlace = relief.perPlace[RELIEF_ITEMS.indexOf('tents')]!;
      for (let s = 0; s < shelters.count; s++) {
        const occ = shelters.occupancy[s]!;
        const placed = Math.min(occ, shelters.capacity[s]!);
        n += Math.max(0, Math.ceil(placed * perPlace - 1e-9) - relief.heldAt(s, 'tents'));
        n += Math.ceil(Math.max(0, occ - placed) / this.perTent - 1e-9);
      }
    }
    return n;
  }
}

export const DISPLACED = new WorldKey<Displaced>('displaced');

const Tier = Type.Union([Type.Literal('city'), Type.Literal('county'), Type.Literal('township')]);

/**
 * Plan action: tent camps for the displaced of these zones, tents issued from the reserves of these tiers.
 * Complete when every camp holds a tent per `displaced.personsPerTent` of the people staying in it (checked when
 * the clause starts and at every tent delivery).
 */
const shelterDisplaced = actionKind({
  key: 'shelterDisplaced',
  description: 'set up tent camps for the displaced of these zones, with tents from the reserves of these tiers (default all)',
  completion: 'every displaced person staying in the zones is under a tent (tents delivered for all of them)',
  owner: { en: 'transfer and resettlement group', zh: '转移安置组' },
  schema: (s) => Type.Object({ zones: s.zones, tiers: Type.Optional(Type.Array(Tier, { minItems: 1 })) }, { additionalProperties: false }),
  compile: (doc: { zones: ZoneSelectorValue; tiers?: Tier[] }, ctx, path) => ({
    zones: ctx.selectZones(doc.zones, `${path}/zones`),
    tiers: (doc.tiers ?? ['township', 'county', 'city']) as readonly Tier[],
  }),
  execute: (c, world, run) => {
    const d = world.get(DISPLACED);
    let done = false;
    const check = (): void => {
      if (done) return;
      for (let i = 0; i < c.zones.length; i++) if (d.delivered[c.zones[i]!]! < d.tentsNeeded(c.zones[i]!)) return;
      done = true;
      run.complete();
    };
    d.onDelivery(check);
    for (let i = 0; i < c.zones.length; i++) d.openCamp(c.zones[i]!, c.tiers);
    check();
  },
});

/**
 * People whose homes a hazard made unsafe go to shelters, or stay in tent camps a plan sets up by their homes,
 * with tents from the reserves.
 */
export const displacedModule: ResponseModule = {
  name: 'displaced',
  // Only an earthquake makes homes unsafe (people.displaced): its tents are scored in quake scenarios only.
  serves: ['earthquake'],
  description: 'people whose homes are unsafe: to shelters, or to tent camps with tents from the reserves',
  parameters: DISPLACED_PARAMETERS,
  triggers: [],
  actions: [shelterDisplaced],
  drill: {
    objective: {
      description: 'Put every displaced person under a tent with tents from the reserves',
      descriptionZh: '调拨储备帐篷，妥善安置全部受灾群众',
      capability: 'Mass Care Services',
    },
  },
  install(world) {
    const { bus, scenario } = world;
    const delay = parameterView(world.params, DISPLACED_PARAMETERS)['displaced.departureH'] * 60;
    const d = world.provide(DISPLACED, new Displaced(world));
    bus.on('people.displaced', (e) => d.announce(scenario.zoneIndex.get(e.zone)!, e.persons, delay));
    world.atEnd(() => {
      for (const z of scenario.zones) {
        if (!d.hasCamp(z.index)) continue;
        world.tally('county', z.county, 'tentsNeeded', d.tentsNeeded(z.index));
        world.tally('county', z.county, 'tentsDelivered', d.delivered[z.index]!);
      }
    });
  },
  metrics: [
    {
      name: 'tentsUnmet',
      unit: 'tents',
      direction: 'lower-is-better',
      description:
        'tents lacking at the horizon: tent camps short of a tent per displaced.personsPerTent people, shelters short of the tents of their tented places, and a tent per displaced.personsPerTent people beyond shelter capacity',
      compute: (world) => world.get(DISPLACED).tentsLacking(),
    },
  ],
};

declare module '../world/events.js' {
  interface SimEventMap {
    /** Residents of a zone whose homes are now unsafe (they need shelter); a hazard publishes it. */
    'people.displaced': { zone: string; persons: number };
  }
}
