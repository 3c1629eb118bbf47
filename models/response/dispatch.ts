import type { ProcessGenerator } from '../../engine/kernel/index.js';
import { haversineKmCos } from '../../engine/network/geo.js';
import { minutesPerKmLowerBound, SparseTree, type EnoughTest } from '../../engine/network/search.js';
import { quantileOrNull } from '../modules/metric-helpers.js';
import { WorldKey, type World } from '../world/world.js';
import { parameterView } from '../scenario/parameter-info.js';
import { DISPATCH_PARAMETERS } from './dispatch-parameters.js';

/** Penalty on the open-road travel time when closures leave no known route to the scene. */
const NO_ROUTE_FACTOR = 1.5;

/**
 * Stopping test of the search from an incident out to candidate teams at `nodes` (ready after `ready`
 * minutes; `floor`: their least minutes without a known route): true once every team not settled yet would
 * arrive strictly later than one settled, whatever its route (it is farther than the settled cost `d`, or has
 * none and takes at least its floor).
 */
function soonest(nodes: readonly number[], ready: readonly number[], floor: readonly number[]): EnoughTest {
  const settled = new Uint8Array(nodes.length);
  let best = Infinity;
  return (node, d) => {
    for (let i = 0; i < nodes.length; i++) {
      if (nodes[i] === node && settled[i] === 0) {
        settled[i] = 1;
        if (ready[i]! + d < best) best = ready[i]! + d;
      }
    }
    for (let i = 0; i < nodes.length; i++) {
      if (settled[i] === 0 && nodes[i]! >= 0 && !(ready[i]! + Math.min(d, floor[i]!) > best)) return false;
    }
    return true;
  };
}

/** A team as dispatch sees it: where it is, when it is on duty, what it can do. */
export interface TeamState {
  id: string;
  type: string;
  node: number;
  /** When the team is on duty (Infinity: off duty until called out). */
  dutyAt: number;
  mobilisationMin: number;
  busy: boolean;
  boats: number;
  capabilities: ReadonlySet<string>;
  /** Breakdown: times sent, minutes committed, first arrival at an incident. */
  dispatches: number;
  busyMin: number;
  /** When the current commitment began (meaningful while busy). */
  busySince: number;
  firstArrival: number;
}

/** An incident: a type, a place, the people involved, and how its response went. */
/** An area of responsibility of the plan: its zones' incidents go to its teams only. */
export interface ResponsibilityArea {
  teams: ReadonlySet<string>;
  zones: ReadonlySet<number>;
}

export interface Incident {
  id: string;
  type: IncidentType;
  /** Zone index, or -1 when the incident is at a facility or a node only. */
  zone: number;
  facility: string | null;
  node: number;
  persons: number;
  createdAt: number;
  firstArrival: number;
  assigned: number;
  maxTeams: number;
  /** People being carried out right now (taken from the zone, not yet landed). */
  inFlight: number;
  closed: boolean;
  /** Another incident took over its need (the same people, now waiting in another state) before anyone came. */
  supersededBy: string | null;
}

/**
 * A kind of incident: which teams can serve it, how many at most, how urgent it is, how much is left to do,
 * and what a team does on scene. Modules register their types (water rescue, hazardous materials, search
 * and rescue, ...); dispatch matches capability and priority and knows no hazard.
 */
export interface IncidentType {
  name: string;
  /** The capabilities it needs, for docs and breakdowns (`capable` decides). */
  needs: readonly string[];
  capable(team: TeamState): boolean;
  maxTeams(persons: number): number;
  /** Lower is more urgent (1 = life threat); evaluated when teams are assigned. */
  priority(world: World, incident: Incident): number;
  /** What is left to serve (people waiting; 1 for a task nobody has reached yet); 0 closes the incident. */
  waiting(world: World, incident: Incident): number;
  /** The team's work on scene, after it arrived; the team is released when the generator returns. */
  work(world: World, team: TeamState, incident: Incident): ProcessGenerator<void>;
}

export interface IncidentSpec {
  type: string;
  zone?: number;
  facility?: string;
  node: number;
  persons: number;
  /** Shown in the incident id (default: the zone id, or the node). */
  label?: string;
}

/** The dispatch service of a replication. */
export const DISPATCH = new WorldKey<Dispatch>('dispatch');

/**
 * Dispatch (docs/models/response.md): incidents with requirements are served by the capable available
 * team with the smallest ETA over the road network (ready delay + emergency-mode travel under the known
 * closures), highest priority first, oldest first within a priority. Teams that were never mobilised need
 * a call-out first. An incident nobody reaches by the horizon is unserved: its response time is censored
 * at the horizon, never dropped.
 */
export class Dispatch {
  readonly teams: TeamState[];
  readonly incidents: Incident[] = [];
  private readonly types = new Map<string, IncidentType>();
  /** Response times of reached incidents, in order of first arrival; unserved ones are added at the horizon. */
  readonly responseTimes: number[] = [];
  private readonly params: Readonly<Record<keyof typeof DISPATCH_PARAMETERS, number>>;

  /** Per zone, the teams allowed to serve it when the plan gives it to an area (a later area wins). */
  private readonly zoneTeams = new Map<number, ReadonlySet<string>>();

  constructor(private readonly world: World) {
    const { scenario } = world;
    const areas = world.plan.settings.get('areas') as readonly ResponsibilityArea[] | undefined;
    for (const area of areas ?? []) for (const z of area.zones) this.zoneTeams.set(z, area.teams);
    const csr = scenario.csr;
    this.params = parameterView(world.params, DISPATCH_PARAMETERS);
    this.teams = scenario.region.assets.teams.map((t) => ({
      id: t.id,
      type: t.type,
      node: csr.nodeIndex.get(t.homeNode) ?? -1,
      dutyAt: Infinity,
      mobilisationMin: t.mobilisationMin ?? 30,
      busy: false,
      boats: t.equipment?.boats ?? 0,
      capabilities: new Set(t.capabilities),
      dispatches: 0,
      busyMin: 0,
      busySince: 0,
      firstArrival: Infinity,
    }));
  }

  registerType(type: IncidentType): void {
    if (this.types.has(type.name)) throw new Error(`dispatch: incident type '${type.name}' registered twice`);
    this.types.set(type.name, type);
  }

  /** A team joins (mutual aid arriving); it is on duty at once. */
  addTeam(team: Omit<TeamState, 'dispatches' | 'busyMin' | 'busySince' | 'firstArrival'>): void {
    this.teams.push({ ...team, dispatches: 0, busyMin: 0, busySince: 0, firstArrival: Infinity });
  }

  /** Plan action: these teams come on duty after their mobilisation time; returns when the last is on duty. */
  mobilise(teams: ArrayLike<number>): number {
    const now = this.world.sim.now;
    let last = now;
    for (let i = 0; i < teams.length; i++) {
      const team = this.teams[teams[i] as number]!;
      team.dutyAt = Math.min(team.dutyAt, now + team.mobilisationMin);
      last = Math.max(last, team.dutyAt);
    }
    this.world.sim.timeout(0).onProcessed(() => this.assign());
    return last;
  }

  /**
   * Plan action: mobilise and move next to the first (most populous) of these zones. `onStaged` is told
   * when every team that moved is at the staging point (at once if none could move).
   */
  prePosition(teams: ArrayLike<number>, zones: ArrayLike<number>, onStaged: (t: number) => void): void {
    const { sim, bus, scenario } = this.world;
    let target = -1;
    for (let i = 0; i < zones.length; i++) {
      const z = zones[i] as number;
      if (target < 0 || scenario.zones[z]!.population > scenario.zones[target]!.population) target = z;
    }
    if (target < 0) return onStaged(sim.now);
    const node = scenario.zones[target]!.node;
    const onDuty = this.mobilise(teams);
    let moving = 0;
    let last = onDuty;
    const self = this;
    for (let i = 0; i < teams.length; i++) {
      const team = this.teams[teams[i] as number]!;
      if (team.busy) continue;
      team.busy = true;
      team.busySince = sim.now;
      team.dispatches++;
      moving++;
      const task = `pre-position:${scenario.zones[target]!.id}`;
      const eta = Math.max(0, team.dutyAt - sim.now) + self.travelMinutes(team.node, node);
      bus.emit({ t: sim.now, kind: 'team.dispatched', team: team.id, incident: task, etaMin: eta });
      sim.process(function* () {
        yield sim.timeout(eta);
        team.node = node;
        team.busy = false;
        team.busyMin += sim.now - team.busySince;
        bus.emit({ t: sim.now, kind: 'team.released', team: team.id, incident: task });
        last = Math.max(last, sim.now);
        if (--moving === 0) onStaged(last);
        self.assign();
      }, 'pre-position');
    }
    if (moving === 0) onStaged(onDuty);
  }

  /** Open an incident and assign teams to it. */
  open(spec: IncidentSpec): Incident {
    const { sim, bus, scenario } = this.world;
    const type = this.types.get(spec.type);
    if (type === undefined) throw new Error(`dispatch: unknown incident type '${spec.type}'`);
    const zone = spec.zone ?? -1;
    const label = spec.label ?? scenario.zones[zone]?.id ?? String(spec.node);
    const inc: Incident = {
      id: `${type.name}:${label}:${this.incidents.length + 1}`,
      type,
      zone,
      facility: spec.facility ?? null,
      node: spec.node,
      persons: spec.persons,
      createdAt: sim.now,
      firstArrival: Infinity,
      assigned: 0,
      maxTeams: type.maxTeams(spec.persons),
      inFlight: 0,
      closed: false,
      supersededBy: null,
    };
    this.incidents.push(inc);
    bus.emit({ t: sim.now, kind: 'incident.created', incident: inc.id, type: type.name, node: scenario.csr.nodeIds[spec.node] ?? '', persons: spec.persons });
    this.assign();
    return inc;
  }

  /**
   * The open incidents of a zone that nobody has reached yet pass their need on to `by` (e.g. people who
   * waited at home for boats are now cut off and wait under a new incident): they are not counted again.
   */
  supersede(zone: number, type: string, by: Incident): void {
    for (const inc of this.incidents) {
      if (inc !== by && inc.zone === zone && inc.type.name === type && inc.firstArrival === Infinity && inc.supersededBy === null) inc.supersededBy = by.id;
    }
  }

  /** Emergency-mode minutes from a node to another under the known closures, or the open-road time with a penalty. */
  travelMinutes(from: number, to: number): number {
    if (from < 0 || to < 0) return Infinity;
    const roads = this.world.roads;
    const known = roads.tree(to, 'emergency', this.world.sim.now, true, [from, ...this.teams.map((t) => t.node)]).distTo(from);
    if (known < Infinity) return known;
    return roads.baseTree(to, 'emergency', true).distTo(from) * NO_ROUTE_FACTOR;
  }

  /**
   * travelMinutes from each team to `to`, or NaN for a team that cannot arrive before one of the others: on
   * a large region the search stops once the teams not settled yet could not beat the best found (see
   * `soonest`), instead of running out to every team (1.8 M of the 100k flood replication's settled nodes).
   * A team the tree does not hold is farther than its reach by known roads, or has no known route and then
   * needs NO_ROUTE_FACTOR times at least the great-circle bound of the open roads; it is left out only when
   * that, after its ready delay, is strictly later than a team the tree holds, so the choice is unchanged.
   */
  private travelTimes(teams: readonly TeamState[], ready: readonly number[], to: number): Float64Array {
    const out = new Float64Array(teams.length).fill(Infinity);
    if (to < 0) return out;
    const roads = this.world.roads;
    const nodes = teams.map((t) => t.node);
    // Floors only when the search asks for a stopping test (large graphs; small ones search whole trees).
    const floor = (v: number): number => (v < 0 ? Infinity : this.noRouteFloor(v, to));
    const tree = roads.tree(to, 'emergency', this.world.sim.now, true, nodes, () => soonest(nodes, ready, nodes.map(floor)));
    let best = Infinity;
    for (let i = 0; i < teams.length; i++) {
      const v = nodes[i]!;
      if (v < 0) continue;
      const known = tree.distTo(v);
      if (known < Infinity) {
        out[i] = known;
        best = Math.min(best, ready[i]! + known);
      } else if (tree.complete !== false) out[i] = this.travelMinutes(v, to);
      else out[i] = Number.NaN;
    }
    const reach = tree instanceof SparseTree ? tree.reach : 0;
    for (let i = 0; i < teams.length; i++) {
      // Safety net: a team left out that could still be first is priced in full.
      if (Number.isNaN(out[i]) && !(ready[i]! + Math.min(reach, floor(nodes[i]!)) > best)) out[i] = this.travelMinutes(nodes[i]!, to);
    }
    return out;
  }

  /** A lower bound of the minutes travelMinutes gives a team at `from` when no known route reaches `to`. */
  private noRouteFloor(from: number, to: number): number {
    const { graph } = this.world.roads.csr;
    const r = minutesPerKmLowerBound(graph, this.world.roads.csr.baseMinutes('emergency'));
    return NO_ROUTE_FACTOR * r * haversineKmCos(graph.lat[from]!, graph.lon[from]!, graph.cosLat[from]!, graph.lat[to]!, graph.lon[to]!, graph.cosLat[to]!);
  }

  private readyDelay(team: TeamState): number {
    const now = this.world.sim.now;
    const turnout = this.params['dispatch.turnoutMin'];
    if (team.dutyAt <= now) return turnout;
    if (team.dutyAt < Infinity) return team.dutyAt - now + turnout;
    return this.params['dispatch.callOutMin'] + team.mobilisationMin + turnout;
  }

  /** Give free capable teams to open incidents: highest priority first, then oldest; nearest team first. */
  assign(): void {
    const world = this.world;
    const open = this.incidents.filter((i) => !i.closed);
    // Stable by creation within a class: ties keep the incidents' creation order.
    open.sort((a, b) => a.type.priority(world, a) - b.type.priority(world, b));
    for (const inc of open) {
      if (inc.closed) continue;
      if (inc.type.waiting(world, inc) <= 0 && inc.assigned === 0) {
        inc.closed = true;
        continue;
      }
      while (inc.assigned < inc.maxTeams && inc.type.waiting(world, inc) > 0) {
        let best: TeamState | null = null;
        let bestEta = Infinity;
        let bestTravel = 0;
        const allowed = inc.zone >= 0 ? this.zoneTeams.get(inc.zone) : undefined;
        const candidates = this.teams.filter((team) => !team.busy && inc.type.capable(team) && (allowed === undefined || allowed.has(team.id)));
        const ready = candidates.map((team) => this.readyDelay(team));
        const travels = this.travelTimes(candidates, ready, inc.node);
        for (let i = 0; i < candidates.length; i++) {
          const team = candidates[i]!;
          const travel = travels[i]!;
          // NaN: it could not arrive first (travelTimes).
          if (Number.isNaN(travel)) continue;
          const eta = ready[i]! + travel;
          if (eta < bestEta) {
            best = team;
            bestEta = eta;
            bestTravel = travel;
          }
        }
        if (best === null) break;
        if (best.dutyAt === Infinity) best.dutyAt = world.sim.now + bestEta - bestTravel - this.params['dispatch.turnoutMin'];
        this.send(best, inc, bestEta);
      }
    }
  }

  private send(team: TeamState, inc: Incident, eta: number): void {
    const { sim, bus } = this.world;
    const world = this.world;
    const self = this;
    team.busy = true;
    team.busySince = sim.now;
    team.dispatches++;
    inc.assigned++;
    bus.emit({ t: sim.now, kind: 'team.dispatched', team: team.id, incident: inc.id, etaMin: eta });
    sim.process(function* () {
      yield sim.timeout(eta);
      team.node = inc.node;
      if (team.firstArrival === Infinity) team.firstArrival = sim.now;
      if (inc.firstArrival === Infinity) {
        inc.firstArrival = sim.now;
        self.responseTimes.push(sim.now - inc.createdAt);
      }
      bus.emit({ t: sim.now, kind: 'team.arrived', team: team.id, incident: inc.id });
      yield* inc.type.work(world, team, inc);
      team.busy = false;
      team.busyMin += sim.now - team.busySince;
      inc.assigned--;
      bus.emit({ t: sim.now, kind: 'team.released', team: team.id, incident: inc.id });
      self.assign();
    }, 'response');
  }

  /** Incidents nobody reached (and whose need no later incident took over). */
  unservedCount(): number {
    let n = 0;
    for (const inc of this.incidents) if (inc.firstArrival === Infinity && inc.supersededBy === null) n++;
    return n;
  }

  /**
   * At the horizon: every incident nobody reached is unserved, its waiting time censored at the horizon
   * (so a city without the right teams scores the longest wait, not none); then the breakdown rows.
   */
  finish(): void {
    const { sim, bus, scenario } = this.world;
    const horizon = scenario.horizonMin;
    const byType = new Map<string, { count: number; unserved: number; superseded: number; times: number[] }>();
    const row = (name: string) => {
      let r = byType.get(name);
      if (r === undefined) byType.set(name, (r = { count: 0, unserved: 0, superseded: 0, times: [] }));
      return r;
    };
    for (const inc of this.incidents) {
      const r = row(inc.type.name);
      r.count++;
      if (inc.firstArrival === Infinity && inc.supersededBy !== null) {
        r.superseded++;
      } else if (inc.firstArrival === Infinity) {
        const waited = horizon - inc.createdAt;
        r.unserved++;
        r.times.push(waited);
        this.responseTimes.push(waited);
        if (bus.wants('incident.unserved')) bus.emit({ t: sim.now, kind: 'incident.unserved', incident: inc.id, type: inc.type.name, waitedMin: waited });
      } else {
        r.times.push(inc.firstArrival - inc.createdAt);
      }
    }
    for (const [name, r] of byType) {
      this.world.record('incidentType', name, 'count', r.count);
      this.world.record('incidentType', name, 'unserved', r.unserved);
      this.world.record('incidentType', name, 'superseded', r.superseded);
      this.world.record('incidentType', name, 'responseP50Min', quantileOrNull(r.times, 0.5));
      this.world.record('incidentType', name, 'responseP90Min', quantileOrNull(r.times, 0.9));
    }
    for (const team of this.teams) {
      // A team still out at the horizon has been busy since it left: count that too.
      this.world.record('team', team.id, 'dispatches', team.dispatches);
      const out = team.busy ? horizon - team.busySince : 0;
      this.world.record('team', team.id, 'busyHours', (team.busyMin + out) / 60);
      this.world.record('team', team.id, 'firstArrivalMin', team.firstArrival < Infinity ? team.firstArrival : null);
    }
  }
}
