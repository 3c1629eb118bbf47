import { edgeCapacityVehH } from '../../engine/network/bpr.js';
import type { RoadCsr } from '../../engine/network/csr.js';
import type { RoadNetwork } from '../../engine/network/road-network.js';

/** Minutes a traveller loses when an unknown closure leaves no other way (wading, waiting, finding a track). */
export const NO_DETOUR_PENALTY_MIN = 120;

/**
 * Vehicles per minute each arc discharges, per snapshot: a pure function of its edges, computed once for
 * every replication on it (half a million arcs on a 100k-junction region took 60 ms a replication).
 */
const CAPACITIES = new WeakMap<RoadCsr, Float64Array>();

function capacitiesOf(csr: RoadCsr): Float64Array {
  let c = CAPACITIES.get(csr);
  if (c === undefined) {
    const arcs = csr.arcEdge.length;
    c = new Float64Array(arcs);
    for (let a = 0; a < arcs; a++) c[a] = edgeCapacityVehH(csr.edges[csr.arcEdge[a]!]!) / 60;
    CAPACITIES.set(csr, c);
  }
  return c;
}

/**
 * Evacuation traffic as point queues (docs/models/response.md section 4: a link-queue model, since BPR has no spillback
 * and underestimates clearance). Each arc discharges at its capacity; a convoy of v vehicles entering an
 * arc leaves it no earlier than its free-flow time and no earlier than the arc is free, and then holds
 * the arc for v / capacity. Convoys are handled in the order they are loaded, which is simulated time.
 */
export class LinkQueues {
  private readonly freeAt: Float64Array;
  private readonly capacityPerMin: Float64Array;

  constructor(private readonly roads: RoadNetwork) {
    const { csr } = roads;
    this.freeAt = new Float64Array(csr.arcEdge.length);
    this.capacityPerMin = capacitiesOf(csr);
  }

  /**
   * Drive `vehicles` from the first arc's tail to `destination` along `arcs`, starting at `t`. A truly
   * closed arc that routing did not know of is discovered at its tail: the convoy reroutes from there
   * avoiding it (paying the detour), or loses NO_DETOUR_PENALTY_MIN when there is no other way.
   * Returns the arrival time.
   */
  traverse(arcs: readonly number[], destination: number, t: number, vehicles: number): number {
    const { roads } = this;
    const graph = roads.csr.graph;
    let path = arcs;
    let clock = t;
    let avoid: Set<number> | null = null;
    for (let i = 0; i < path.length; i++) {
      const a = path[i]!;
      const free = roads.trueArcMinutes(a, 'car', clock);
      if (!(free < Infinity)) {
        (avoid ??= new Set()).add(roads.csr.arcEdge[a]!);
        const tail = graph.tails[a]!;
        const detour = avoid.size <= 8 ? roads.route(tail, destination, 'car', clock, { avoidEdges: avoid }) : null;
        if (detour === null) {
          clock += NO_DETOUR_PENALTY_MIN;
          continue; // carry on along the planned path once through
        }
        path = detour.arcs;
        i = -1;
        continue;
      }
      const out = Math.max(clock + free, this.freeAt[a]!) + vehicles / this.capacityPerMin[a]!;
      this.freeAt[a] = out;
      clock = out;
    }
    return clock;
  }
}
