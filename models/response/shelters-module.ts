import { Type } from '@sinclair/typebox';
import { actionKind, type ResponseModule, type ZoneSelectorValue } from '../modules/types.js';
import { WorldKey, type World } from '../world/world.js';
import { Relief, RELIEF, type Tier } from './relief.js';
import { RELIEF_PARAMETERS } from './relief-parameters.js';
import { Shelters, SHELTERS } from './shelters.js';

const openShelters = actionKind({
  key: 'openShelters',
  description: 'open the shelters serving these zones',
  completion: 'at once: the shelters are open when the order is given',
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
  schema: Type.Object({ tiers: Type.Array(Tier, { minItems: 1 }) }, { additionalProperties: false }),
  compile: (doc: { tiers: Tier[] }) => doc.tiers,
  execute: (tiers, world, run) => {
    const relief = world.get(RELIEF);
    relief.whenLoaded(tiers, (t) => run.complete(t));
    relief.release(tiers);
  },
});

/**
 * Person-days spent cut off at home, per zone: no relief reaches people behind a closed access, so all of
 * it is unmet need. Integrated exactly from the ledger's moves.
 */
class CutOffDays {
  private readonly minutes: Float64Array;
  private readonly since: Float64Array;

  constructor(private readonly world: World) {
    const n = world.scenario.zones.length;
    this.minutes = new Float64Array(n);
    this.since = new Float64Array(n);
    world.people.onMove((zone, from, to, moved) => {
      if (from !== 'cutOff' && to !== 'cutOff') return;
      // The count before this move held since `since`.
      const before = world.people.get(zone, 'cutOff') + (to === 'cutOff' ? -moved : moved);
      this.close(zone, before);
    });
  }

  private close(zone: number, count: number): void {
    const now = this.world.sim.now;
    this.minutes[zone]! += count * (now - this.since[zone]!);
    this.since[zone] = now;
  }

  /** Person-days of a zone to the horizon. */
  zone(z: number): number {
    const open = this.world.people.get(z, 'cutOff') * (this.world.scenario.horizonMin - this.since[z]!);
    return (this.minutes[z]! + open) / 1440;
  }

  total(): number {
    let sum = 0;
    for (let z = 0; z < this.minutes.length; z++) sum += this.zone(z);
    return sum;
  }
}

const CUT_OFF_DAYS = new WorldKey<CutOffDays>('relief.cutOffDays');
const cutOffPersonDays = (world: World): number => world.get(CUT_OFF_DAYS).total();

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
  install(world) {
    const shelters = world.provide(SHELTERS, new Shelters(world));
    const relief = world.provide(RELIEF, new Relief(world, shelters));
    const cutOff = world.provide(CUT_OFF_DAYS, new CutOffDays(world));
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
      for (const z of world.scenario.zones) world.tally('county', z.county, 'unmetReliefPersonDays', cutOff.zone(z.index));
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
      description: 'person-days without water and food: in shelters that ran dry, and cut off at home (no relief reaches them)',
      compute: (world) => world.get(RELIEF).finish().unmetPersonDays + cutOffPersonDays(world),
    },
    {
      name: 'reliefFillRate',
      unit: 'share',
      direction: 'higher-is-better',
      description: 'person-days of water and food delivered over those needed by everyone who needed relief: sheltered (evacuees and rescued) and cut off (1 when nobody needed any)',
      compute: (world) => {
        const r = world.get(RELIEF).finish();
        const needed = r.neededPersonDays + cutOffPersonDays(world);
        return needed > 0 ? (needed - r.unmetPersonDays - cutOffPersonDays(world)) / needed : 1;
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
