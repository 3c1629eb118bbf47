import type { ResponseModule } from '../modules/types.js';
import { parameterView, type ParameterInfo } from '../scenario/parameter-info.js';
import { EVACUATION } from './evacuation.js';

export const DISPLACED_PARAMETERS = {
  'displaced.departureH': {
    default: { dist: 'triangular', min: 1, mode: 4, max: 12 },
    unit: 'h',
    description: 'time after the damage at which people whose homes are unsafe set off to a shelter (they first stay in the open near home)',
    source: 'estimate: after Lushan 2013 and Luding 2022 the homeless were moved to tent sites (帐篷安置点) within the first day',
    domain: { min: 0 },
  },
} as const satisfies Record<string, ParameterInfo>;

/**
 * People whose homes a hazard made unsafe (`people.displaced`: an earthquake's Extensive and Complete damage) go
 * to the nearest shelter with room, unordered, after `displaced.departureH`; the shelters and relief modules then
 * house and supply them (tents, quilts, water and food from the reserves) as they do evacuees.
 */
export const displacedModule: ResponseModule = {
  name: 'displaced',
  description: 'people whose homes are unsafe go to shelters',
  parameters: DISPLACED_PARAMETERS,
  triggers: [],
  actions: [],
  install(world) {
    const { sim, bus, scenario } = world;
    const delay = parameterView(world.params, DISPLACED_PARAMETERS)['displaced.departureH'] * 60;
    bus.on('people.displaced', (e) => {
      const zone = scenario.zoneIndex.get(e.zone)!;
      sim.timeout(delay).onProcessed(() => world.get(EVACUATION).sendUnordered(zone, e.persons));
    });
  },
  metrics: [],
};

declare module '../world/events.js' {
  interface SimEventMap {
    /** Residents of a zone whose homes are now unsafe (they need shelter); a hazard publishes it. */
    'people.displaced': { zone: string; persons: number };
  }
}
