/**
 * A kernel process that moves one traveller (a team, a truck, an evacuee's car) along the road network.
 *
 * The traveller plans on what is KNOWN when it plans and drives on what is TRUE: each edge takes its true
 * travel time at the moment it is entered (a degraded road is slow whether or not anyone reported it).
 * Standing at a node, before entering the next edge, it checks that edge's true state: a closure nobody
 * had reported is discovered there. The traveller then knows it (it avoids the edge from now on), may
 * report it (it becomes known to routing `reportDelay` minutes later), and replans from where it stands,
 * so it pays the detour from the point where it met the closure. It also replans at a node whenever the
 * known state changed since it last planned (news over the radio).
 *
 * Positions are emitted through the caller's `onPosition(nodeId, t)` callback: the kernel has no event bus.
 * An Interrupt thrown into the process propagates to the caller (redispatch is the caller's business);
 * position is then the last node reported.
 */
import type { Event } from '../kernel/events.js';
import type { Simulation } from '../kernel/simulation.js';
import type { TravelMode } from './modes.js';
import type { Route, RoadNetwork } from './road-network.js';

export interface TravelOptions {
  mode: TravelMode;
  /** Node or point ids, or node indices. */
  from: string | number;
  to: string | number;
  /** Called at departure and on arrival at every node. */
  onPosition?: (nodeId: string, t: number) => void;
  /** Called when the traveller meets a closure it did not know about. */
  onDiscover?: (edgeId: string, atNodeId: string, t: number) => void;
  /** If set, a discovered closure becomes known to routing this many minutes after its discovery. */
  reportDelay?: number;
  /** Replan at a node when the known states changed since the last plan (default true). */
  replanOnNews?: boolean;
  algorithm?: 'astar' | 'dijkstra';
}

export interface TravelResult {
  arrived: boolean;
  from: string;
  to: string;
  /** Where the traveller ended (the destination, or where it got stuck). */
  at: string;
  departed: number;
  ended: number;
  minutes: number;
  km: number;
  /** The minutes of the first plan (what the traveller expected at departure; null if none). */
  plannedMinutes: number | null;
  nodes: string[];
  edges: string[];
  /** Edge ids of closures met on the way. */
  discovered: string[];
  /** Times the traveller changed its route after departure. */
  reroutes: number;
}

/** `sim.process(travel(sim, network, { mode, from, to, ... }))` */
export function* travel(sim: Simulation, net: RoadNetwork, opts: TravelOptions): Generator<Event<unknown>, TravelResult, unknown> {
  const csr = net.csr;
  const origin = typeof opts.from === 'number' ? opts.from : net.nodeIndexOf(opts.from);
  const target = typeof opts.to === 'number' ? opts.to : net.nodeIndexOf(opts.to);
  const departed = sim.now;
  const avoid = new Set<number>();
  const routeOpts = opts.algorithm !== undefined ? { avoidEdges: avoid, algorithm: opts.algorithm } : { avoidEdges: avoid };
  const result: TravelResult = {
    arrived: false,
    from: csr.nodeIds[origin]!,
    to: csr.nodeIds[target]!,
    at: csr.nodeIds[origin]!,
    departed,
    ended: departed,
    minutes: 0,
    km: 0,
    plannedMinutes: null,
    nodes: [csr.nodeIds[origin]!],
    edges: [],
    discovered: [],
    reroutes: 0,
  };
  opts.onPosition?.(result.at, sim.now);

  let at = origin;
  let plan: Route | null = net.route(at, target, opts.mode, sim.now, routeOpts);
  let epoch = net.knownEpoch(sim.now);
  let step = 0;
  result.plannedMinutes = plan?.minutes ?? null;
  const finish = (arrived: boolean): TravelResult => {
    result.arrived = arrived;
    result.ended = sim.now;
    result.minutes = sim.now - departed;
    return result;
  };
  if (plan === null) return finish(at === target);

  const replan = (): boolean => {
    const before = plan!.arcs.slice(step);
    plan = net.route(at, target, opts.mode, sim.now, routeOpts);
    epoch = net.knownEpoch(sim.now);
    step = 0;
    if (plan === null) return false;
    if (plan.arcs.length !== before.length || plan.arcs.some((a, i) => a !== before[i])) result.reroutes++;
    return true;
  };

  while (at !== target) {
    if (opts.replanOnNews !== false && net.knownEpoch(sim.now) !== epoch) {
      if (!replan()) return finish(false);
      continue;
    }
    const arc = plan.arcs[step]!;
    if (net.trulyClosed(arc, sim.now, opts.mode)) {
      const edge = csr.arcEdge[arc]!;
      avoid.add(edge);
      result.discovered.push(csr.edgeIds[edge]!);
      opts.onDiscover?.(csr.edgeIds[edge]!, csr.nodeIds[at]!, sim.now);
      if (opts.reportDelay !== undefined) {
        for (const handle of net.states.holdingAt(edge, sim.now, true)) net.states.report(handle, sim.now + opts.reportDelay);
      }
      if (!replan()) return finish(false);
      continue;
    }
    const minutes = net.trueArcMinutes(arc, opts.mode, sim.now);
    yield sim.timeout(minutes);
    const edge = csr.arcEdge[arc]!;
    at = csr.graph.heads[arc]!;
    step++;
    result.km += csr.edgeKm[edge]!;
    result.edges.push(csr.edgeIds[edge]!);
    result.at = csr.nodeIds[at]!;
    result.nodes.push(result.at);
    opts.onPosition?.(result.at, sim.now);
  }
  return finish(true);
}
