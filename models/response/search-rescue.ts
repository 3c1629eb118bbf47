import { Type } from '@sinclair/typebox';
import { actionKind, type ResponseModule, type TeamSelectorValue, type ZoneSelectorValue } from '../modules/types.js';
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
  'sar.extractedSevereShare': {
    default: { dist: 'fixed', value: 0.13 },
    unit: 'share',
    description: 'share of the people brought out from under debris who are severity 3 (life-threatening injuries: triage red); the rest are severity 2 or lighter',
    source:
      'Hazus-MH Earthquake Technical Manual ch. 13 indoor casualty rates for collapse: severity 2 20 %, severity 3 5 %, plus the pinned uninjured (earthquake.trappedUninjuredShare of the remaining 25 %): 0.05 / (0.2 + 0.05 + 0.125) = 0.13',
    domain: { min: 0, max: 1 },
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
  /** Zones a plan's `searchRescue` clause gave priority (1), whose incidents go before the others'. */
  readonly priorityZone: Uint8Array;
  /** Told whenever a zone's trapped count may have changed (clause completion rules). */
  private readonly listeners: Array<(zone: number) => void> = [];
  private readonly meanH: number;

  constructor(private readonly world: World) {
    const n = world.scenario.zones.length;
    this.last = new Float64Array(n);
    this.deadByZone = new Float64Array(n);
    this.trappedByZone = new Float64Array(n);
    this.priorityZone = new Uint8Array(n);
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
    if (died > 0) this.changed(zone);
  }

  onChange(listener: (zone: number) => void): void {
    this.listeners.push(listener);
  }

  private changed(zone: number): void {
    for (const l of this.listeners) l(zone);
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
    if (moved > 0) {
      // Severity 3 (crush injuries, internal bleeding) among them, for the medical triage.
      const share = parameterView(this.world.params, SEARCH_RESCUE_PARAMETERS)['sar.extractedSevereShare'];
      const severe = this.world.sim.stream('sar.severity').binomial(moved, share);
      this.world.bus.emit({ t: this.world.sim.now, kind: 'people.injured', zone: this.world.scenario.zones[zone]!.id, persons: moved, severe });
    }
    if (byTeam) this.rescuedByTeams += moved;
    else this.rescuedByNeighbours += moved;
    if (moved > 0) this.changed(zone);
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
  // A zone a searchRescue clause named goes first, the more trapped the sooner.
  priority: (world, inc) => (world.get(TRAPPED).priorityZone[inc.zone] === 1 ? 0.5 + 0.4 / (1 + world.people.get(inc.zone, 'trapped')) : 1),
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

/** Nobody is trapped in any of these zones any more (each was freed or found dead). */
function zonesReached(world: World, zones: Int32Array): boolean {
  for (let i = 0; i < zones.length; i++) if (world.people.get(zones[i]!, 'trapped') > 0) return false;
  return true;
}

/**
 * Plan action: deploy search-and-rescue teams to these zones first. The named teams (if any) are put on duty,
 * and the zones' search-rescue incidents go ahead of every other zone's (the zone with the most trapped first).
 * Complete when nobody is trapped in any of the zones any more (every trapped person brought out, alive or
 * dead): checked when the clause starts and after each change of a zone's trapped count.
 */
const searchRescueAction = actionKind({
  key: 'searchRescue',
  description: 'send search-and-rescue teams to these zones first (the most trapped first); optionally put these teams on duty',
  completion: 'nobody is trapped in the selected zones any more: every trapped person has been brought out (alive or dead)',
  owner: { en: 'rescue group', zh: '抢险救援组' },
  schema: (s) => Type.Object({ zones: s.zones, teams: Type.Optional(s.teams) }, { additionalProperties: false }),
  compile: (doc: { zones: ZoneSelectorValue; teams?: TeamSelectorValue }, ctx, path) => ({
    zones: ctx.selectZones(doc.zones, `${path}/zones`),
    teams: doc.teams !== undefined ? ctx.selectTeams(doc.teams, `${path}/teams`) : new Int32Array(0),
  }),
  execute: (c, world, run) => {
    const trapped = world.get(TRAPPED);
    const dispatch = world.get(DISPATCH);
    for (let i = 0; i < c.zones.length; i++) trapped.priorityZone[c.zones[i]!] = 1;
    if (c.teams.length > 0) dispatch.mobilise(c.teams);
    const inZones = new Uint8Array(world.scenario.zones.length);
    for (let i = 0; i < c.zones.length; i++) inZones[c.zones[i]!] = 1;
    let done = false;
    const check = (): void => {
      if (done || !zonesReached(world, c.zones)) return;
      done = true;
      run.complete();
    };
    trapped.onChange((zone) => {
      if (inZones[zone] === 1) check();
    });
    check();
    world.sim.timeout(0).onProcessed(() => dispatch.assign());
  },
});

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
  actions: [searchRescueAction],
  drill: {
    objective: {
      description: 'Reach everyone trapped in the hardest-hit zones within the golden 72 hours',
      descriptionZh: '黄金72小时内搜救重灾区全部被困人员',
      capability: 'Mass Search and Rescue Operations',
    },
  },
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
