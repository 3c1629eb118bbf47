import type { World } from './world.js';

/**
 * People still at home in a zone whose only access closes are cut off until it reopens (any hazard that
 * closes a road, and drill injects, go through here). Emits `zone.cutOff`; the response modules that can
 * reach cut-off people subscribe to it.
 */
export function scheduleCutOffs(world: World, edge: string, start: number, end: number): void {
  const { sim, people, bus } = world;
  for (const z of world.scenario.zonesByAccessEdge.get(edge) ?? []) {
    const zone = world.scenario.zones[z]!;
    sim.timeout(start).onProcessed(() => {
      const n = people.move(z, 'home', 'cutOff', people.get(z, 'home'));
      if (n > 0) bus.emit({ t: sim.now, kind: 'zone.cutOff', zone: zone.id, persons: n });
    });
    if (end < Infinity) {
      sim.timeout(end).onProcessed(() => {
        people.move(z, 'cutOff', 'home', people.get(z, 'cutOff'));
      });
    }
  }
}
