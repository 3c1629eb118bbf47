import type { Simulation } from '../../engine/kernel/index.js';
import type { RoadNetwork } from '../../engine/network/index.js';
import type { CompiledPlan } from '../plan/compile.js';
import type { CompiledScenario } from '../scenario/compile.js';
import type { ParameterValues } from '../scenario/parameters.js';
import type { EventBus } from '../world/events.js';
import type { PeopleLedger } from '../world/ledger.js';

/** Penalty on the open-road travel time when flooded roads leave no known route to a launch point. */
const NO_ROUTE_FACTOR = 1.5;
/** How long a hazchem team works a flooded plant before it is free again (estimate). */
const HAZCHEM_WORK_MIN = 240;
/** Boat incidents draw one team per this many people, up to MAX_BOAT_TEAMS (estimate). */
const PERSONS_PER_BOAT_TEAM = 100;
const MAX_BOAT_TEAMS = 12;

interface Team {
  id: string;
  node: number;
  /** When the team is on duty (Infinity: off duty until called out). */
  dutyAt: number;
  mobilisationMin: number;
  busy: boolean;
  boats: number;
  capabilities: ReadonlySet<string>;
}

type IncidentType = 'boat-rescue' | 'stranded' | 'hazchem';

interface Incident {
  id: string;
  type: IncidentType;
  zone: number;
  node: number;
  createdAt: number;
  firstArrival: number;
  assigned: number;
  maxTeams: number;
  /** People on boats right now (taken from the zone, not yet landed). */
  inFlight: number;
  closed: boolean;
}

/**
 * Dispatch (operations.md 2.1): incidents with requirements are served by the capable available team with
 * the smallest ETA over the road network (ready delay + emergency-mode travel under the known closures).
 * Teams that were never mobilised need a call-out first. Boat rescues run round trips and stop at night
 * when the plan says so (on 18 August 2020, 278 Fengzhou islanders stayed overnight for that reason).
 */
export class Dispatch {
  private readonly teams: Team[];
  private readonly incidents: Incident[] = [];
  readonly responseTimes: number[] = [];
  rescued = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly bus: EventBus,
    private readonly scenario: CompiledScenario,
    private readonly plan: CompiledPlan,
    private readonly params: ParameterValues,
    private readonly roads: RoadNetwork,
    private readonly people: PeopleLedger,
  ) {
    const csr = scenario.csr;
    this.teams = scenario.region.assets.teams.map((t) => ({
      id: t.id,
      node: csr.nodeIndex.get(t.homeNode) ?? -1,
      dutyAt: Infinity,
      mobilisationMin: t.mobilisationMin ?? 30,
      busy: false,
      boats: t.equipment?.boats ?? 0,
      capabilities: new Set(t.capabilities),
    }));
  }

  /** Plan action: these teams come on duty after their mobilisation time. */
  mobilise(teams: ArrayLike<number>): void {
    const now = this.sim.now;
    for (let i = 0; i < teams.length; i++) {
      const team = this.teams[teams[i] as number]!;
      team.dutyAt = Math.min(team.dutyAt, now + team.mobilisationMin);
    }
    this.sim.timeout(0).onProcessed(() => this.assign());
  }

  /** Plan action: mobilise and move next to the first (most populous) of these zones. */
  prePosition(teams: ArrayLike<number>, zones: ArrayLike<number>): void {
    let target = -1;
    for (let i = 0; i < zones.length; i++) {
      const z = zones[i] as number;
      if (target < 0 || this.scenario.zones[z]!.population > this.scenario.zones[target]!.population) target = z;
    }
    if (target < 0) return;
    const node = this.scenario.zones[target]!.node;
    this.mobilise(teams);
    for (let i = 0; i < teams.length; i++) {
      const team = this.teams[teams[i] as number]!;
      if (team.busy) continue;
      const sim = this.sim;
      const self = this;
      team.busy = true;
      const task = `pre-position:${this.scenario.zones[target]!.id}`;
      const eta = Math.max(0, team.dutyAt - sim.now) + self.travelMinutes(team.node, node);
      this.bus.emit({ t: sim.now, kind: 'team.dispatched', team: team.id, incident: task, etaMin: eta });
      sim.process(function* () {
        yield sim.timeout(eta);
        team.node = node;
        team.busy = false;
        self.bus.emit({ t: sim.now, kind: 'team.released', team: team.id, incident: task });
        self.assign();
      }, 'pre-position');
    }
  }

  /** Plan action: reinforcements from neighbouring cities arrive after their lead time, on duty. */
  requestMutualAid(from: readonly number[], share: number): void {
    const sim = this.sim;
    const aid = this.scenario.region.assets.mutualAid;
    for (const k of from) {
      const city = aid[k];
      if (city === undefined) continue;
      const lead = city.leadTimeH;
      const hours = sim.stream(`mutualAid.${city.id}`).triangular(lead.min, lead.mode, lead.max);
      const boats = Math.round((city.offer.boats ?? 0) * share);
      const firefighters = Math.round((city.offer.firefighters ?? 0) * share);
      const node = this.scenario.csr.nodeIndex.get(city.node) ?? -1;
      sim.timeout(hours * 60).onProcessed(() => {
        // One team per four boats (a fire-rescue boat squad), or one land team when no boats come.
        const teamCount = boats > 0 ? Math.ceil(boats / 4) : firefighters > 0 ? 1 : 0;
        for (let i = 0; i < teamCount; i++) {
          this.teams.push({
            id: `${city.id}-${i + 1}`,
            node,
            dutyAt: sim.now,
            mobilisationMin: 0,
            busy: false,
            boats: boats > 0 ? Math.min(4, boats - 4 * i) : 0,
            capabilities: new Set(['fire', 'water-rescue', 'boat-evacuation', 'evacuation-support']),
          });
        }
        this.bus.emit({ t: sim.now, kind: 'mutualAid.arrived', from: city.id, teams: teamCount, boats });
        this.assign();
      });
    }
  }

  /** People of a zone are cut off (its access went under): a boat rescue from the land end of the access. */
  cutOff(zone: number): void {
    const z = this.scenario.zones[zone]!;
    let node = z.node;
    const access = z.flood?.accessEdge;
    if (access !== null && access !== undefined) {
      const e = this.scenario.csr.edgeIndex.get(access);
      if (e !== undefined) {
        const edge = this.scenario.csr.edges[e]!;
        const other = edge.from === this.scenario.csr.nodeIds[z.node] ? edge.to : edge.from;
        node = this.scenario.csr.nodeIndex.get(other) ?? z.node;
      }
    }
    this.open('boat-rescue', zone, node, this.people.get(zone, 'cutOff'));
  }

  /** A zone went under with people still at home: they wait on upper floors for boats. */
  stranded(zone: number): void {
    const n = this.people.get(zone, 'home');
    if (n > 0) this.open('stranded', zone, this.scenario.zones[zone]!.node, n);
  }

  facilityFlooded(facility: string): void {
    const f = this.scenario.region.assets.facilities.find((x) => x.id === facility);
    if (f === undefined || f.kind !== 'chemical-plant') return;
    this.open('hazchem', -1, this.scenario.csr.nodeIndex.get(f.node) ?? -1, 0, facility);
  }

  private open(type: IncidentType, zone: number, node: number, persons: number, label?: string): void {
    const id = `${type}:${label ?? this.scenario.zones[zone]?.id ?? node}:${this.incidents.length + 1}`;
    const maxTeams = type === 'hazchem' ? 1 : Math.min(MAX_BOAT_TEAMS, Math.max(1, Math.ceil(persons / PERSONS_PER_BOAT_TEAM)));
    this.incidents.push({ id, type, zone, node, createdAt: this.sim.now, firstArrival: Infinity, assigned: 0, maxTeams, inFlight: 0, closed: false });
    this.bus.emit({ t: this.sim.now, kind: 'incident.created', incident: id, type, node: this.scenario.csr.nodeIds[node] ?? '', persons });
    this.assign();
  }

  /** People of an incident's zone still waiting for a boat. */
  private waiting(inc: Incident): number {
    if (inc.type === 'hazchem') return inc.firstArrival === Infinity ? 1 : 0;
    const state = inc.type === 'boat-rescue' ? 'cutOff' : 'home';
    return this.people.get(inc.zone, state) - inc.inFlight;
  }

  private capable(team: Team, inc: Incident): boolean {
    if (inc.type === 'hazchem') return team.capabilities.has('hazmat');
    return team.boats > 0 && (team.capabilities.has('boat-evacuation') || team.capabilities.has('water-rescue'));
  }

  /** Emergency-mode minutes from a node to another under the known closures, or the open-road time with a penalty. */
  private travelMinutes(from: number, to: number): number {
    if (from < 0 || to < 0) return Infinity;
    const known = this.roads.tree(to, 'emergency', this.sim.now, true).dist[from]!;
    if (known < Infinity) return known;
    return this.roads.baseTree(to, 'emergency', true).dist[from]! * NO_ROUTE_FACTOR;
  }

  private readyDelay(team: Team): number {
    const now = this.sim.now;
    const turnout = this.params['dispatch.turnoutMin'];
    if (team.dutyAt <= now) return turnout;
    if (team.dutyAt < Infinity) return team.dutyAt - now + turnout;
    return this.params['dispatch.callOutMin'] + team.mobilisationMin + turnout;
  }

  /**
   * Priority classes (operations.md 2.1: P1 life threat first, FIFO within a class): 1 = people waiting in
   * a zone under water, 2 = a flooded chemical plant (a release threatens many), 3 = people cut off on dry
   * ground. Evaluated when teams are assigned, since a cut-off zone can go under later.
   */
  private priority(inc: Incident): number {
    if (inc.type === 'hazchem') return 2;
    return this.people.isWet(inc.zone) ? 1 : 3;
  }

  /** Give free capable teams to open incidents: highest priority first, then oldest; nearest team first. */
  assign(): void {
    const open = this.incidents.filter((i) => !i.closed);
    // Stable by creation within a class: ties keep the incidents' creation order.
    open.sort((a, b) => this.priority(a) - this.priority(b));
    for (const inc of open) {
      if (inc.closed) continue;
      if (this.waiting(inc) <= 0 && inc.assigned === 0) {
        inc.closed = inc.type !== 'hazchem' || inc.firstArrival < Infinity;
        if (inc.closed) continue;
      }
      while (inc.assigned < inc.maxTeams && this.waiting(inc) > 0) {
        let best: Team | null = null;
        let bestEta = Infinity;
        let bestTravel = 0;
        for (const team of this.teams) {
          if (team.busy || !this.capable(team, inc)) continue;
          const travel = this.travelMinutes(team.node, inc.node);
          const eta = this.readyDelay(team) + travel;
          if (eta < bestEta) {
            best = team;
            bestEta = eta;
            bestTravel = travel;
          }
        }
        if (best === null) break;
        if (best.dutyAt === Infinity) best.dutyAt = this.sim.now + bestEta - bestTravel - this.params['dispatch.turnoutMin'];
        this.send(best, inc, bestEta);
        if (inc.type === 'hazchem') break;
      }
    }
  }

  private send(team: Team, inc: Incident, eta: number): void {
    const sim = this.sim;
    const self = this;
    team.busy = true;
    inc.assigned++;
    this.bus.emit({ t: sim.now, kind: 'team.dispatched', team: team.id, incident: inc.id, etaMin: eta });
    sim.process(function* () {
      yield sim.timeout(eta);
      team.node = inc.node;
      if (inc.firstArrival === Infinity) {
        inc.firstArrival = sim.now;
        self.responseTimes.push(sim.now - inc.createdAt);
      }
      self.bus.emit({ t: sim.now, kind: 'team.arrived', team: team.id, incident: inc.id });
      if (inc.type === 'hazchem') {
        yield sim.timeout(HAZCHEM_WORK_MIN);
      } else {
        yield* self.boatTrips(team, inc);
      }
      team.busy = false;
      inc.assigned--;
      self.bus.emit({ t: sim.now, kind: 'team.released', team: team.id, incident: inc.id });
      self.assign();
    }, 'response');
  }

  private *boatTrips(team: Team, inc: Incident) {
    const sim = this.sim;
    const from = inc.type === 'boat-rescue' ? 'cutOff' : 'home';
    const perTrip = Math.max(1, Math.round(this.params['rescue.personsPerBoatTrip'])) * team.boats;
    for (;;) {
      const pause = this.nightPauseMin(sim.now, inc.zone);
      if (pause > 0) yield sim.timeout(pause);
      const take = Math.min(perTrip, this.waiting(inc));
      if (take <= 0) return;
      inc.inFlight += take;
      yield sim.timeout(this.params['rescue.boatTripMin']);
      inc.inFlight -= take;
      const moved = this.people.move(inc.zone, from, 'rescued', take);
      this.rescued += moved;
      if (this.bus.wants('rescue.trip')) this.bus.emit({ t: sim.now, kind: 'rescue.trip', team: team.id, incident: inc.id, persons: moved });
    }
  }

  /** Minutes until boats may operate again (0 when they may now). */
  private nightPauseMin(t: number, zone: number): number {
    const stop = this.plan.nightBoatStop;
    if (stop === null || (stop.zones !== null && !stop.zones.has(zone))) return 0;
    const m = (((this.scenario.startLocalMinuteOfDay + t) % 1440) + 1440) % 1440;
    const { fromMin, toMin } = stop;
    const inStop = fromMin <= toMin ? m >= fromMin && m < toMin : m >= fromMin || m < toMin;
    if (!inStop) return 0;
    return (toMin - m + 1440) % 1440;
  }
}
