import { hazardModule } from '../../modules/types.js';
import { compileFlood, type CompiledFlood } from './compile.js';
import { FloodExposure } from './exposure.js';
import { FloodField } from './field.js';
import { FLOOD_DRILL } from './drill.js';
import { FLOOD_PARAMETERS } from './parameters.js';
import { checkFloodRegion, FLOOD_REGION } from './region.js';
import { FloodHazardSchema, type FloodHazardDoc } from './schema.js';
import { FLOOD, forecastAbove, gaugeSelector, stageAbove, stageBelow, zoneFlooded } from './triggers.js';
import { WorldKey } from '../../world/world.js';

/** The flood's exposure observer of a replication (people-hours in flooded zones). */
export const FLOOD_EXPOSURE = new WorldKey<FloodExposure>('flood.exposure');

/**
 * The river flood (docs/models/flood.md): stage hydrographs at the region's gauges drive zones, roads,
 * bridges and facilities; people left in flooded zones face Jonkman's mortality; cut-off and stranded
 * people become rescue incidents through the events the response modules listen to.
 */
export const flood = hazardModule<FloodHazardDoc, CompiledFlood>({
  kind: 'flood',
  description: 'a river flood: stage hydrographs at the gauges of the region',
  entry: FloodHazardSchema,
  regionAssets: 'gauges (stages, rating curves), zones[].flood (gauge, flood stage, access link), floodableEdges, facilities[].flood',
  region: { ...FLOOD_REGION, check: checkFloodRegion },
  parameters: FLOOD_PARAMETERS,
  triggers: [stageAbove, stageBelow, forecastAbove, zoneFlooded],
  zoneSelectors: [gaugeSelector],
  drill: FLOOD_DRILL,
  compile: (doc, ctx) => compileFlood(doc, ctx),
  install(world, compiled) {
    const exposure = world.provide(FLOOD_EXPOSURE, new FloodExposure(world.sim, world.people, world.scenario.zones.length));
    const field = world.provide(FLOOD, new FloodField(world, compiled, exposure));
    field.start();
    world.atEnd(() => {
      const horizon = world.scenario.horizonMin;
      for (const z of world.scenario.zones) world.tally('county', z.county, 'exposedPersonHours', exposure.zonePersonHours(z.index, horizon));
    });
  },
  metrics: [
    {
      name: 'exposedPersonHours',
      unit: 'person-h',
      direction: 'lower-is-better',
      description: 'integral of people at home or cut off in flooded zones',
      compute: (world) => (world.find(FLOOD_EXPOSURE)?.exposed.integral(world.scenario.horizonMin) ?? 0) / 60,
    },
    {
      name: 'economicLossYuan',
      unit: 'yuan',
      direction: 'lower-is-better',
      description: 'depth-damage of flooded households (Huizinga Asia residential)',
      compute: (world) => world.find(FLOOD)?.lossYuan ?? 0,
    },
  ],
});
