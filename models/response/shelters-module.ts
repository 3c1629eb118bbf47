import { Type } from '@sinclair/typebox';
import { actionKind, type ResponseModule, type ZoneSelectorValue } from '../modules/types.js';
import { WorldKey, type World } from '../world/world.js';
import { ZoneSeries } from '../world/zone-series.js';
import { Relief, RELIEF, type Tier } from './relief.js';
import { RELIEF_PARAMETERS } from './relief-parameters.js';
import { Shelters, SHELTERS } from './shelters.js';

const openShelters = actionKind({
  key: 'openShelters',
  description: 'open the shelters serving these zones',
  completion: 'at once: the shelters are open when the order is given',
  owner: { en: 'transfer and resettlement group', zh: '转移安置组' },
  schema: (s) => Type.Object({ zones: s.zones }, { additionalProperties: false }),
  compile: (doc: { zones: ZoneSelectorValue }, ctx, path) => ctx.selectZones(doc.zones, `${path}/zones`),
  execute: (zones, world, run) => {
    world.get(SHELTERS).openForCounties(new Set(Array.from(zones, (z) => world.scenario.zones[z]!.county)));
    run.complete();
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
 * the affected population of Sphere's standards). No relief reaches them at home, so all of it is unmet.
 * Integrated exactly from the ledger's moves and the zones' hazard changes.
 */
class StrandedDays {
  private readonly byZone: ZoneSeries;
  /** A hazard has reached the zone (its homes are affected from then on). */
  private readonly affected: Uint8Array;

  constructor(private readonly world: World) {
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
 * Shelters and relief logistics (docs/models/response.md): shelters open by plan or ad hoc; reserves
 * supply them by truck in tier order once released; unmet need accrues when a shelter runs dry.
 */
export const sheltersModule: ResponseModule = {
  name: 'shelters',
  description: 'shelters and the relief logistics that supply them',
  parameters: RELIEF_PARAMETERS,
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
    const stranded = world.provide(STRANDED_DAYS, new StrandedDays(world));
    shelters.beforeOccupancyChange = (s) => relief.beforeOccupancyChange(s);
    shelters.onArrival = (s) => relief.arrived(s);
    world.atEnd(() => {
      relief.finish();
      const reserves = world.scenario.region.assets.reserves;
      for (let s = 0; s < shelters.count; s++) {
        const id = shelters.ids[s]!;
        world.record('shelter', id, 'capacity', shelters.capacity[s]!);
        world.record('shelter', id, 'arrived', shelters.arrived[s]!);
        world.record('shelter', id, 'peakOccupancy', shelters.peak[s]!);
        world.record('shelter', id, 'firstReliefHours', relief.firstReliefHours(s));
        world.record('shelter', id, 'unmetReliefPersonDays', relief.unmetPersonDays(s));
        world.tally('county', shelters.county[s]!, 'unmetReliefPersonDays', relief.unmetPersonDays(s));
      }
      for (const z of world.scenario.zones) world.tally('county', z.county, 'unmetReliefPersonDays', stranded.zone(z.index));
      reserves.forEach((r, i) => {
        world.record('reserve', r.id, 'issued', relief.issued[i]!);
        world.record('reserve', r.id, 'remaining', Math.min(relief.water[i]!, relief.food[i]!));
      });
    });
  },
  metrics: [
    {
      name: 'unmetReliefPersonDays',
      unit: 'person-days',
      direction: 'lower-is-better',
      description: 'person-days without relief: in shelters that ran dry or beyond their capacity, and outside shelters (cut off, or at home in a zone the flood reached: no relief reaches them)',
      compute: (world) => world.get(RELIEF).finish().unmetPersonDays + strandedPersonDays(world),
    },
    {
      name: 'reliefFillRate',
      unit: 'share',
      direction: 'higher-is-better',
      description: 'person-days of relief delivered over those needed by everyone who needed it: sheltered (evacuees and rescued; a place beyond capacity is not shelter), cut off, and at home in a zone the flood reached (1 when nobody needed any)',
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
    'shelter.opened': { shelter: string };
    'relief.delivered': { shelter: string; reserve: string; kits: number };
  }
}
