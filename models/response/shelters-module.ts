import { Type } from '@sinclair/typebox';
import { actionKind, type ResponseModule, type ZoneSelectorValue } from '../modules/types.js';
import { WorldKey, type World } from '../world/world.js';
import { ZoneSeries } from '../world/zone-series.js';
import { Recovery, RECOVERY } from './recovery.js';
import { Relief, RELIEF, RELIEF_ITEMS, type ReliefItem, type Tier } from './relief.js';
import { RELIEF_PARAMETERS } from './relief-parameters.js';
import { Shelters, SHELTERS } from './shelters.js';
import { SHELTER_PARAMETERS } from './shelters-parameters.js';

const openShelters = actionKind({
  key: 'openShelters',
  description: 'open the shelters serving these zones',
  completion: 'the places of every selected shelter are ready (shelters.openingH after the order; at once for those already ready)',
  owner: { en: 'transfer and resettlement group', zh: '转移安置组' },
  schema: (s) => Type.Object({ zones: s.zones }, { additionalProperties: false }),
  compile: (doc: { zones: ZoneSelectorValue }, ctx, path) => ctx.selectZones(doc.zones, `${path}/zones`),
  execute: (zones, world, run) => {
    run.complete(world.get(SHELTERS).openForCounties(new Set(Array.from(zones, (z) => world.scenario.zones[z]!.county))));
  },
});

const Tier = Type.Union([Type.Literal('city'), Type.Literal('county'), Type.Literal('township')]);

const releaseStock = actionKind({
  key: 'releaseStock',
  description: 'release relief stock held at these tiers',
  completion: 'the first truck is loaded from a reserve of a released tier',
  owner: { en: 'materials support group', zh: '物资保障组' },
  schema: Type.Object({ tiers: Type.Array(Tier, { minItems: 1 }) }, { additionalProperties: false }),
  compile: (doc: { tiers: Tier[] }) => doc.tiers,
  execute: (tiers, world, run) => {
    const relief = world.get(RELIEF);
    relief.whenLoaded(tiers, (t) => run.complete(t));
    relief.release(tiers);
  },
});

/**
 * Person-days of people who need relief and are not in a shelter, per zone: cut off at home, or at home in
 * a zone a hazard has reached (stranded on an upper floor while the water stands, then in a flooded home:
 * the affected population of Sphere's standards) until the zone is clear again (docs/models/response.md
 * section 6: when its displaced people go home, those who stayed stop needing relief too). No relief
 * reaches them at home, so all of it is unmet. Integrated exactly from the ledger's moves and the zones'
 * hazard and recovery changes.
 */
class StrandedDays {
  private readonly byZone: ZoneSeries;
  /** A hazard has reached the zone and it is not clear again yet (its homes are affected). */
  private readonly affected: Uint8Array;

  constructor(
    private readonly world: World,
    recovery: Recovery,
  ) {
    const n = world.scenario.zones.length;
    this.byZone = new ZoneSeries(n);
    this.affected = new Uint8Array(n);
    const { people, zones, sim } = world;
    people.onMove((zone, from, to) => {
      if (from === 'cutOff' || to === 'cutOff' || (this.affected[zone] === 1 && (from === 'home' || to === 'home'))) {
        this.byZone.set(zone, sim.now, this.count(zone));
      }
    });
    zones.onHazardChange((zone, before) => {
      if (before || this.affected[zone] === 1) return;
      this.affected[zone] = 1;
      this.byZone.set(zone, sim.now, this.count(zone));
    });
    recovery.onChange((zone, clear) => {
      if (!clear || this.affected[zone] === 0) return;
      this.affected[zone] = 0;
      this.byZone.set(zone, sim.now, this.count(zone));
    });
  }

  private count(zone: number): number {
    const { people } = this.world;
    return people.get(zone, 'cutOff') + (this.affected[zone] === 1 ? people.get(zone, 'home') : 0);
  }

  /** Person-days of a zone to the horizon. */
  zone(z: number): number {
    return this.byZone.integral(z, this.world.scenario.horizonMin) / 1440;
  }

  total(): number {
    let sum = 0;
    for (let z = 0; z < this.affected.length; z++) sum += this.zone(z);
    return sum;
  }
}

const STRANDED_DAYS = new WorldKey<StrandedDays>('relief.strandedDays');
const strandedPersonDays = (world: World): number => world.get(STRANDED_DAYS).total();

/**
 * Shelters and relief logistics (docs/models/response.md sections 6 and 8): shelters open by plan or ad hoc
 * and take time to get ready; reserves supply them by truck in tier order once released, with their trucks
 * and loading bays; unmet need accrues when a shelter lacks water, food or a place with its bedding; people
 * go home when their zone is clear again.
 */
export const sheltersModule: ResponseModule = {
  name: 'shelters',
  description: 'shelters, the relief logistics that supply them, and going home',
  parameters: { ...SHELTER_PARAMETERS, ...RELIEF_PARAMETERS },
  triggers: [],
  actions: [openShelters, releaseStock],
  drill: {
    objective: {
      description: 'Open shelters and release relief stock for the people transferred',
      descriptionZh: '开放避难场所，调拨救灾物资，保障转移群众基本生活',
      capability: 'Mass Care Services',
    },
  },
  install(world) {
    const shelters = world.provide(SHELTERS, new Shelters(world));
    const relief = world.provide(RELIEF, new Relief(world, shelters));
    const recovery = world.provide(RECOVERY, new Recovery(world, shelters));
    const stranded = world.provide(STRANDED_DAYS, new StrandedDays(world, recovery));
    shelters.beforeChange = (s) => relief.beforeChange(s);
    shelters.onArrival = (s) => relief.arrived(s);
    world.atEnd(() => {
      relief.finish();
      const reserves = world.scenario.region.assets.reserves;
      for (let s = 0; s < shelters.count; s++) {
        const id = shelters.ids[s]!;
        world.record('shelter', id, 'capacity', shelters.capacity[s]!);
        world.record('shelter', id, 'arrived', shelters.arrived[s]!);
        world.record('shelter', id, 'peakOccupancy', shelters.peak[s]!);
        world.record('shelter', id, 'occupancyAtEnd', shelters.occupancy[s]!);
        world.record('shelter', id, 'readyAtMin', shelters.readyAt[s]! < Infinity ? shelters.readyAt[s]! : null);
        world.record('shelter', id, 'firstReliefHours', relief.firstReliefHours(s));
        world.record('shelter', id, 'unmetReliefPersonDays', relief.unmetPersonDays(s));
        world.record('shelter', id, 'neededReliefPersonDays', relief.neededPersonDays(s));
        world.tally('county', shelters.county[s]!, 'unmetReliefPersonDays', relief.unmetPersonDays(s));
      }
      for (const z of world.scenario.zones) {
        world.tally('county', z.county, 'unmetReliefPersonDays', stranded.zone(z.index));
        world.tally('county', z.county, 'returnedHome', world.people.returnedByZone[z.index]!);
      }
      reserves.forEach((r, k) => {
        RELIEF_ITEMS.forEach((item: ReliefItem, i) => {
          world.record('reserve', r.id, `${item}Issued`, relief.issued[k * RELIEF_ITEMS.length + i]!);
          world.record('reserve', r.id, `${item}Left`, relief.stockAt(k, item));
        });
      });
    });
  },
  metrics: [
    {
      name: 'unmetReliefPersonDays',
      unit: 'person-days',
      direction: 'lower-is-better',
      description:
        'person-days without relief (Sphere norms: water, food, a ready place with bed, quilt and tent share): in shelters short of any of them, not yet ready or beyond their capacity, and outside shelters (cut off, or at home in a zone the flood reached until it is clear again: no relief reaches them)',
      compute: (world) => world.get(RELIEF).finish().unmetPersonDays + strandedPersonDays(world),
    },
    {
      name: 'reliefFillRate',
      unit: 'share',
      direction: 'higher-is-better',
      description:
        'person-days of relief met (water, food, a ready place with its bedding) over those needed by everyone who needed it: sheltered (evacuees and rescued; a place beyond capacity or not yet ready is not shelter), cut off, and at home in a zone the flood reached until it is clear again (1 when nobody needed any)',
      compute: (world) => {
        const r = world.get(RELIEF).finish();
        const needed = r.neededPersonDays + strandedPersonDays(world);
        return needed > 0 ? (needed - r.unmetPersonDays - strandedPersonDays(world)) / needed : 1;
      },
    },
    {
      name: 'shelterOverflowPersons',
      unit: 'persons',
      direction: 'lower-is-better',
      description: 'evacuees placed beyond every reachable shelter capacity',
      compute: (world) => world.get(SHELTERS).overflow,
    },
    {
      name: 'firstReliefHours',
      unit: 'h',
      direction: 'lower-is-better',
      description: 'worst shelter: first arrival to first relief delivery',
      compute: (world) => world.get(RELIEF).finish().firstReliefHours,
    },
  ],
};

declare module '../world/events.js' {
  interface SimEventMap {
    /** A shelter was ordered open; its places are ready at `readyAt`. */
    'shelter.opened': { shelter: string; readyAt: number };
    /** A truckload unloaded at a shelter: items by type (only those it carried). */
    'relief.delivered': { shelter: string; reserve: string; items: Partial<Record<ReliefItem, number>> };
  }
}
