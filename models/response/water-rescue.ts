import { Type } from '@sinclair/typebox';
import { planSettingKind, type ResponseModule, type ZoneSelectorValue } from '../modules/types.js';
import { parameterView } from '../scenario/parameter-info.js';
import type { World } from '../world/world.js';
import { DISPATCH, type Incident, type IncidentType, type TeamState } from './dispatch.js';
import { EVACUATION } from './evacuation.js';
import { WATER_RESCUE_PARAMETERS } from './water-rescue-parameters.js';

/** Boat incidents draw one team per this many people, up to MAX_BOAT_TEAMS (estimate). */
const PERSONS_PER_BOAT_TEAM = 100;
const MAX_BOAT_TEAMS = 12;

/** Minutes of the local day [from, to) during which boats do not operate in these zones. */
export interface NightBoatStop {
  fromMin: number;
  toMin: number;
  zones: ReadonlySet<number> | null;
}

const hhmm = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
const HHMM = '^([01][0-9]|2[0-3]):[0-5][0-9]$';

export const nightBoatStop = planSettingKind({
  key: 'nightBoatStop',
  description: 'boat operations stop at night (local time of the scenario start offset), for rescues in these zones (default: all)',
  schema: (selectors) =>
    Type.Object(
      {
        from: Type.String({ pattern: HHMM, description: 'local time HH:MM' }),
        to: Type.String({ pattern: HHMM }),
        zones: Type.Optional(selectors.zones),
      },
      {
        additionalProperties: false,
        description: 'boat operations stop at night (local time of the scenario start offset), for rescues in these zones (default: all)',
      },
    ),
  compile: (doc: { from: string; to: string; zones?: ZoneSelectorValue }, ctx, path): NightBoatStop => ({
    fromMin: hhmm(doc.from),
    toMin: hhmm(doc.to),
    zones: doc.zones !== undefined ? new Set(ctx.selectZones(doc.zones, `${path}/zones`)) : null,
  }),
});

/** Minutes until boats may operate again in a zone (0 when they may now). */
function nightPauseMin(world: World, t: number, zone: number): number {
  const stop = world.plan.settings.get('nightBoatStop') as NightBoatStop | undefined;
  if (stop === undefined || (stop.zones !== null && !stop.zones.has(zone))) return 0;
  const m = (((world.scenario.startLocalMinuteOfDay + t) % 1440) + 1440) % 1440;
  const { fromMin, toMin } = stop;
  const inStop = fromMin <= toMin ? m >= fromMin && m < toMin : m >= fromMin || m < toMin;
  if (!inStop) return 0;
  return (toMin - m + 1440) % 1440;
}

const boatCapable = (team: TeamState): boolean =>
  team.boats > 0 && (team.capabilities.has('boat-evacuation') || team.capabilities.has('water-rescue'));

/** Boats shuttle people out, a trip at a time, pausing at night where the plan says so. */
function* boatTrips(world: World, team: TeamState, inc: Incident, from: 'cutOff' | 'home', type: IncidentType) {
  const { sim, people, bus } = world;
  const evacuation = world.get(EVACUATION);
  const p = parameterView(world.params, WATER_RESCUE_PARAMETERS);
  const perTrip = Math.max(1, Math.round(p['rescue.personsPerBoatTrip'])) * team.boats;
  for (;;) {
    const pause = nightPauseMin(world, sim.now, inc.zone);
    if (pause > 0) yield sim.timeout(pause);
    const take = Math.min(perTrip, type.waiting(world, inc));
    if (take <= 0) return;
    inc.inFlight += take;
    yield sim.timeout(p['rescue.boatTripMin']);
    inc.inFlight -= take;
    // Landed at the incident's shore node, they go on to a shelter like any evacuee; with no shelter
    // reachable from there they stay in the rescuers' care (state rescued).
    const sheltered = evacuation.sendRescued(inc.zone, inc.node, take, from);
    const landed = people.move(inc.zone, from, 'rescued', take - sheltered);
    evacuation.landedSafe(landed);
    const moved = sheltered + landed;
    people.countRescued(inc.zone, moved);
    if (bus.wants('rescue.trip')) bus.emit({ t: sim.now, kind: 'rescue.trip', team: team.id, incident: inc.id, persons: moved, landed });
  }
}

function boatIncident(name: string, from: 'cutOff' | 'home'): IncidentType {
  const type: IncidentType = {
    name,
    needs: ['boats', 'water-rescue | boat-evacuation'],
    capable: boatCapable,
    maxTeams: (persons) => Math.min(MAX_BOAT_TEAMS, Math.max(1, Math.ceil(persons / PERSONS_PER_BOAT_TEAM))),
    // Priority classes (docs/models/response.md: life threat first, FIFO within a class): 1 = people
    // waiting in a zone under water, 3 = people cut off on dry ground. A cut-off zone can go under later.
    priority: (world, inc) => (world.zones.isHazardous(inc.zone) ? 1 : 3),
    waiting: (world, inc) => world.people.get(inc.zone, from) - inc.inFlight,
    work: (world, team, inc) => boatTrips(world, team, inc, from, type),
  };
  return type;
}

/**
 * Water rescue: people cut off behind a closed access link (`zone.cutOff`) are brought out by boat from
 * the land end of the link; people still at home when their zone floods (`zone.flooded`) wait on upper
 * floors for boats. On 18 August 2020, 278 Fengzhou islanders stayed overnight because boats stopped at
 * night: plans say so with `nightBoatStop`.
 */
export const waterRescue: ResponseModule = {
  name: 'water-rescue',
  description: 'boat rescue of people cut off or stranded by water',
  parameters: WATER_RESCUE_PARAMETERS,
  triggers: [],
  actions: [],
  planSettings: [nightBoatStop],
  install(world) {
    const dispatch = world.get(DISPATCH);
    dispatch.registerType(boatIncident('boat-rescue', 'cutOff'));
    dispatch.registerType(boatIncident('stranded', 'home'));
    const { scenario, people, bus } = world;
    const csr = scenario.csr;
    bus.on('zone.cutOff', (e) => {
      const zone = scenario.zoneIndex.get(e.zone)!;
      const z = scenario.zones[zone]!;
      let node = z.node;
      if (z.accessEdge !== null) {
        const k = csr.edgeIndex.get(z.accessEdge);
        if (k !== undefined) {
          const edge = csr.edges[k]!;
          const other = edge.from === csr.nodeIds[z.node] ? edge.to : edge.from;
          node = csr.nodeIndex.get(other) ?? z.node;
        }
      }
      const inc = dispatch.open({ type: 'boat-rescue', zone, node, persons: people.get(zone, 'cutOff') });
      // People who waited at home for boats are now cut off: the new incident carries their need.
      dispatch.supersede(zone, 'stranded', inc);
    });
    bus.on('zone.flooded', (e) => {
      const zone = scenario.zoneIndex.get(e.zone)!;
      const n = people.get(zone, 'home');
      if (n > 0) dispatch.open({ type: 'stranded', zone, node: scenario.zones[zone]!.node, persons: n });
    });
  },
  metrics: [
    {
      name: 'rescued',
      unit: 'persons',
      direction: 'higher-is-better',
      description: 'people brought out by boat teams (then taken to a shelter)',
      compute: (world) => world.people.rescued,
    },
  ],
};

declare module '../world/events.js' {
  interface SimEventMap {
    /** `persons` brought out; `landed` of them stayed at the landing (no shelter reachable), the rest set off to a shelter. */
    'rescue.trip': { team: string; incident: string; persons: number; landed: number };
  }
}
