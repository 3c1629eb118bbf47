import { Type } from '@sinclair/typebox';
import { actionKind, type ResponseModule, type ZoneSelectorValue } from '../modules/types.js';
import { Evacuation, EVACUATION } from './evacuation.js';
import { EVACUATION_PARAMETERS } from './evacuation-parameters.js';
import { RECOVERY } from './recovery.js';
import { SHELTERS } from './shelters.js';
import { LinkQueues } from './traffic.js';
import { WARNINGS } from './warning-module.js';

const evacuate = actionKind({
  key: 'evacuate',
  description: 'order these zones to evacuate to open shelters',
  completion: "every ordered zone is cleared: its people who would leave have left and arrived, or nobody is left there",
  owner: { en: 'transfer and resettlement group', zh: '转移安置组' },
  schema: (s) => Type.Object({ zones: s.zones, mandatory: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
  compile: (doc: { zones: ZoneSelectorValue; mandatory?: boolean }, ctx, path) => ({
    zones: ctx.selectZones(doc.zones, `${path}/zones`),
    mandatory: doc.mandatory ?? true,
  }),
  execute: (c, world, run) => {
    const { scenario, sim } = world;
    const warnings = world.get(WARNINGS);
    const evacuation = world.get(EVACUATION);
    // Grid staff carry the order door to door where that channel exists.
    const door = scenario.channels.get('door-to-door');
    if (door !== undefined) warnings.warn(c.zones, door, sim.now);
    world.get(SHELTERS).openForCounties(new Set(Array.from(c.zones, (z) => scenario.zones[z]!.county)));
    for (const z of c.zones) evacuation.order(z, run.id);
    let pending = c.zones.length;
    for (const z of c.zones) {
      evacuation.whenCleared(z, () => {
        if (--pending === 0) run.complete();
      });
    }
  },
});

/**
 * Evacuation (docs/models/response.md): after an order, people leave along a logistic mobilisation curve
 * scaled by compliance and by the share warned; warned zones not ordered lose a shadow share; groups drive
 * to shelters over the point-queue road model.
 */
export const evacuationModule: ResponseModule = {
  name: 'evacuation',
  description: 'evacuation orders, departures and the traffic to shelters',
  parameters: EVACUATION_PARAMETERS,
  triggers: [],
  actions: [evacuate],
  drill: {
    objective: {
      description: 'Transfer the people of the threatened zones before the water arrives, within the clauses\' deadlines',
      descriptionZh: '在洪水到达前、预案时限内转移受威胁区域群众',
      capability: 'Critical Transportation',
    },
  },
  install(world) {
    const warnings = world.get(WARNINGS);
    const evacuation = world.provide(EVACUATION, new Evacuation(world, warnings, world.get(SHELTERS), new LinkQueues(world.roads), world.find(RECOVERY)));
    warnings.onWarned((zones) => {
      for (let i = 0; i < zones.length; i++) evacuation.warned(zones[i]!);
    });
    world.atEnd(() => {
      for (const z of world.scenario.zones) {
        world.tally('county', z.county, 'evacuated', evacuation.departedOrderedByZone[z.index]! + world.people.rescuedByZone[z.index]!);
      }
    });
  },
  metrics: [
    {
      name: 'evacuated',
      unit: 'persons',
      direction: 'higher-is-better',
      description: 'people transferred: left under an evacuation order, or brought out by rescuers (shadow evacuees not counted, as in official figures)',
      // The official count (19.68万 in 2020) is of people transferred: under orders or brought out by rescuers.
      compute: (world) => world.get(EVACUATION).departedOrdered + world.people.rescued,
    },
    {
      name: 'evacuatedOnOrder',
      unit: 'persons',
      direction: 'higher-is-better',
      description: 'people who left under an evacuation order (not shadow evacuees, not rescued)',
      compute: (world) => world.get(EVACUATION).departedOrdered,
    },
    {
      name: 'clearanceFromFirstOrderT95Min',
      unit: 'min',
      direction: 'lower-is-better',
      description:
        "city-wide clearance: 95 % of the event's evacuees (ordered and rescued) were safe within this time of the moment the first order was due on the record, whatever the plan did (the flood: the first gauge over its guaranteed stage, else over its warning stage; else the scenario start)",
      compute: (world) => {
        const reference = world.zones.orderReferenceAt < Infinity ? world.zones.orderReferenceAt : 0;
        return world.get(EVACUATION).clearanceFromT95(reference);
      },
    },
    {
      name: 'clearanceT95Min',
      unit: 'min',
      direction: 'lower-is-better',
      description: "95 % of ordered evacuees were in shelter within this time of their own zone's order",
      compute: (world) => world.get(EVACUATION).clearanceT95(),
    },
  ],
};

declare module '../world/events.js' {
  interface SimEventMap {
    'evacuation.ordered': { zone: string; action: string };
    'evacuation.departed': { zone: string; persons: number; shelter: string; arriveAt: number; shadow: boolean; rescued?: true };
    'evacuation.arrived': { zone: string; persons: number; shelter: string };
  }
}
