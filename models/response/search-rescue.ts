import type { ResponseModule } from '../modules/types.js';
import { parameterView, type ParameterInfo } from '../scenario/parameter-info.js';
import { WorldKey, type World } from '../world/world.js';
import { DISPATCH, type Incident, type IncidentType, type TeamState } from './dispatch.js';

export const SEARCH_RESCUE_PARAMETERS = {
  'sar.trappedMeanSurvivalH': {
    default: { dist: 'triangular', min: 36, mode: 60, max: 96 },
    unit: 'h',
    description: 'mean survival time of a person trapped under debris (constant hazard: a share exp(-t / this) is alive after t)',
    source:
      'estimate for the "golden 72 hours": about a third of those trapped are still alive after three days (Coburn & Spence 2002, Earthquake Protection, 2nd ed., survival of trapped victims, recalled); exp(-72/60) = 0.30',
    domain: { min: 1 },
  },
  'sar.selfRescueShare': {
    default: { dist: 'triangular', min: 0.3, mode: 0.5, max: 0.7 },
    unit: 'share',
    description: 'share of the trapped that neighbours and families free before any team arrives',
    source: 'estimate: after Tangshan 1976 and Wenchuan 2008 most of those freed alive were freed by neighbours (self and mutual rescue, 自救互救)',
    domain: { min: 0, max: 1 },
  },
  'sar.selfRescueH': {
    default: { dist: 'triangular', min: 1, mode: 3, max: 8 },
    unit: 'h',
    description: 'time after the shock at which the self and mutual rescue is done',
    source: 'estimate: neighbours dig out the lightly buried within the first hours',
    domain: { min: 0 },
  },
  'sar.teamHoursPerPerson': {
    default: { dist: 'triangular', min: 0.5, mode: 1, max: 2 },
    unit: 'h',
    description: 'hours a heavy search-and-rescue team (urban-search-rescue capability) needs per person it extracts, its squads working sites in parallel',
    source: 'estimate: a 40-60 strong heavy team (INSARAG guidelines: several work sites in parallel) frees a person from a collapsed masonry house in a few hours per squad',
    domain: { min: 0.01 },
  },
  'sar.lightTeamFactor': {
    default: { dist: 'fixed', value: 2.5 },
    unit: '-',
    description: 'light teams (mountain, mine rescue, militia, volunteers: no heavy lifting and cutting tools) take this many times longer per person',
    source: 'estimate after the INSARAG light / medium / heavy classification',
    domain: { min: 1 },
  },
} as const satisfies Record<string, ParameterInfo>;

const HEAVY = 'urban-search-rescue';
const LIGHT = ['mountain-rescue', 'mine-rescue', 'evacuation-support'] as const;
const canSearch = (c: ReadonlySet<string>): boolean => c.has(HEAVY) || c.has(LIGHT[0]) || c.has(LIGHT[1]) || c.has(LIGHT[2]);

/** Persons a team takes on; more teams join a zone with many trapped, up to MAX_TEAMS. */
const PERSONS_PER_TEAM = 25;
const MAX_TEAMS = 6;

/**
 * The trapped of each zone die at a constant hazard 1 / mean survival while they wait (memoryless, so the
 * deaths of any interval are a binomial draw over it): the later teams reach them, the more die.
 */
export class TrappedSurvival {
  private readonly last: Float64Array;
  /** Deaths among the trapped, per zone and in all. */
  readonly deadByZone: Float64Array;
  dead = 0;
  /** Brought out alive by teams, and by neighbours. */
  rescuedByTeams = 0;
  rescuedByNeighbours = 0;
  readonly trappedByZone: Float64Array;
  private readonly meanH: number;

  constructor(private readonly world: World) {
    const n = world.scenario.zones.length;
    this.last = new Float64Array(n);
    this.deadByZone = new Float64Array(n);
    this.trappedByZone = new Float64Array(n);
    this.meanH = parameterView(world.params, SEARCH_RESCUE_PARAMETERS)['sar.trappedMeanSurvivalH'];
  }

  /** Apply the deaths among `n` of the zone's trapped since the last update (others just arrived). */
  private settleCount(zone: number, n: number): void {
    const { sim, people } = this.world;
    const dt = sim.now - this.last[zone]!;
    this.last[zone] = sim.now;
    if (n <= 0 || dt <= 0) return;
    const p = 1 - Math.exp(-dt / (60 * this.meanH));
    const died = people.move(zone, 'trapped', 'dead', sim.stream('sar.survival').binomial(n, p));
    this.deadByZone[zone]! += died;
    this.dead += died;
  }

  settle(zone: number): void {
    this.settleCount(zone, this.world.people.get(zone, 'trapped'));
  }

  /** `persons` were just trapped: the ones already there die at the rate since the last update. */
  arrived(zone: number, persons: number): void {
    this.settleCount(zone, this.world.people.get(zone, 'trapped') - persons);
    this.trappedByZone[zone]! += persons;
  }

  /** Bring out up to n alive (after the deaths up to now); returns how many. */
  extract(zone: number, n: number, byTeam: boolean): number {
    this.settle(zone);
    const { people } = this.world;
    // Whoever comes out from under debris needs hospital care: they wait in the ledger's `injured` state.
    const moved = people.move(zone, 'trapped', 'injured', n);
    people.countRescued(zone, moved);
    people.injure(zone, moved);
    if (moved > 0) this.world.bus.emit({ t: this.world.sim.now, kind: 'people.injured', zone: this.world.scenario.zones[zone]!.id, persons: moved });
    if (byTeam) this.rescuedByTeams += moved;
    else this.rescuedByNeighbours += moved;
    return moved;
  }
}

export const TRAPPED = new WorldKey<TrappedSurvival>('sar.trapped');

function teamHoursPerPerson(world: World, team: TeamState): number {
  const p = parameterView(world.params, SEARCH_RESCUE_PARAMETERS);
  return team.capabilities.has(HEAVY) ? p['sar.teamHoursPerPerson'] : p['sar.teamHoursPerPerson'] * p['sar.lightTeamFactor'];
}

const sarIncident: IncidentType = {
  name: 'search-rescue',
  needs: [`${HEAVY} | ${LIGHT.join(' | ')}`],
  capable: (team) => canSearch(team.capabilities),
  maxTeams: (persons) => Math.min(MAX_TEAMS, Math.max(1, Math.ceil(persons / PERSONS_PER_TEAM))),
  priority: () => 1,
  waiting: (world, inc) => world.people.get(inc.zone, 'trapped') - inc.inFlight,
  *work(world: World, team: TeamState, inc: Incident) {
    const trapped = world.get(TRAPPED);
    const hours = teamHoursPerPerson(world, team);
    for (;;) {
      trapped.settle(inc.zone);
      if (world.people.get(inc.zone, 'trapped') - inc.inFlight <= 0) return;
      inc.inFlight++;
      yield world.sim.timeout(hours * 60);
      inc.inFlight--;
      trapped.extract(inc.zone, 1, true);
    }
  },
};

/**
 * Search and rescue of people trapped under debris (docs/models/earthquake.md section 4): neighbours free a
 * share in the first hours; the rest wait for teams, heavy (urban-search-rescue) or light, dispatched by
 * priority and ETA; every hour of waiting kills some of them, so the speed of the response sets the toll.
 */
export const searchRescue: ResponseModule = {
  name: 'search-rescue',
  serves: ['earthquake'],
  description: 'search and rescue of trapped people whose survival falls with time',
  parameters: SEARCH_RESCUE_PARAMETERS,
  triggers: [],
  actions: [],
  install(world) {
    const dispatch = world.get(DISPATCH);
    dispatch.registerType(sarIncident);
    const trapped = world.provide(TRAPPED, new TrappedSurvival(world));
    const p = parameterView(world.params, SEARCH_RESCUE_PARAMETERS);
    const { scenario, sim } = world;
    const openByZone = new Map<number, Incident>();
    world.bus.on('people.trapped', (e) => {
      const zone = scenario.zoneIndex.get(e.zone)!;
      trapped.arrived(zone, e.persons);
      const neighbours = Math.round(e.persons * p['sar.selfRescueShare']);
      sim.timeout(p['sar.selfRescueH'] * 60).onProcessed(() => {
        trapped.extract(zone, neighbours, false);
      });
      // One incident per zone at a time: people trapped by a later shock join the zone's open incident
      // (its need is the zone's trapped count), so the need is never counted twice.
      const open = openByZone.get(zone);
      if (open !== undefined && !open.closed) return;
      const z = scenario.zones[zone]!;
      openByZone.set(zone, dispatch.open({ type: 'search-rescue', zone, node: z.node, persons: e.persons }));
    });
    world.atEnd(() => {
      for (const z of scenario.zones) {
        // Deaths among those still trapped since the last visit, up to the horizon (the world's county rows
        // were written before this hook: add them there too).
        const before = trapped.deadByZone[z.index]!;
        trapped.settle(z.index);
        if (trapped.deadByZone[z.index]! > before) world.tally('county', z.county, 'deaths', trapped.deadByZone[z.index]! - before);
        if (trapped.trappedByZone[z.index]! > 0) {
          world.tally('county', z.county, 'trapped', trapped.trappedByZone[z.index]!);
          world.tally('county', z.county, 'trappedDeaths', trapped.deadByZone[z.index]!);
        }
      }
    });
  },
  metrics: [
    {
      name: 'trappedDeaths',
      unit: 'persons',
      direction: 'lower-is-better',
      description: 'people who died under debris before anyone freed them (by the horizon)',
      compute: (world) => world.find(TRAPPED)?.dead ?? 0,
    },
    {
      name: 'rescuedAliveByTeams',
      unit: 'persons',
      direction: 'higher-is-better',
      description: 'trapped people brought out alive by search-and-rescue teams',
      compute: (world) => world.find(TRAPPED)?.rescuedByTeams ?? 0,
    },
  ],
};

declare module '../world/events.js' {
  interface SimEventMap {
    /** People of a zone trapped under debris, now in the ledger's `trapped` state (a hazard publishes it). */
    'people.trapped': { zone: string; persons: number };
  }
}
