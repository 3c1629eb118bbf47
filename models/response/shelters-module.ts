import { Type } from '@sinclair/typebox';
import { actionKind, type ResponseModule, type ZoneSelectorValue } from '../modules/types.js';
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
      description: 'sheltered person-days without water and food',
      compute: (world) => world.get(RELIEF).finish().unmetPersonDays,
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
