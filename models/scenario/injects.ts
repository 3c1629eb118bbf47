import { scheduleCutOffs } from '../world/access.js';
import type { World } from '../world/world.js';

/**
 * Scenario injects (a drill director's scripted events, or what the record says happened): an edge closed
 * at a time, known to routing after a delay, for a while or for good; zones behind it are cut off.
 */
export function installInjects(world: World): void {
  const { roads } = world;
  for (const inj of world.scenario.injects) {
    const end = inj.forMin === null ? Infinity : inj.atMin + inj.forMin;
    roads.setState({ edge: inj.closeEdge, start: inj.atMin, ...(end < Infinity ? { end } : {}), state: 'closed', knownAt: inj.atMin + inj.knownAfterMin });
    scheduleCutOffs(world, inj.closeEdge, inj.atMin, end);
  }
}
