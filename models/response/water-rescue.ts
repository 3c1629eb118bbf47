import { Type } from '@sinclair/typebox';
import { planSettingKind, type ResponseModule, type ZoneSelectorValue } from '../modules/types.js';
import { parameterView } from '../scenario/parameter-info.js';
import type { World } from '../world/world.js';
import { DISPATCH, type Incident, type IncidentType, type TeamState } from './dispatch.js';
import { EVACUATION } from './evacuation.js';
import { WATER_RESCUE_PARAMETERS } from './water-rescue-parameters.js';

/** Boat incidents draw one team per this many people, up to MAX_BOAT_TEAMS (estimate); each boat of a team then shuttles on its own. */
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

/** Where boats work for an incident: one way over `km`, against (then with) a current of `currentMs`. */
export interface Crossing {
  km: number;
  currentMs: number;
}

/** Slowest headway a boat keeps against a current as strong as itself or stronger (share of its still-water speed). */
const MIN_HEADWAY = 0.1;

/**
 * Minutes a boat spends on one round trip carrying `persons` back (docs/models/response.md section 7): out
 * against the current at v - c, back with it at v + c (the current never helps: d/(v-c) + d/(v+c) >= 2d/v),
 * plus docking and boarding. Pure, for tests and docs.
 */
export function boatRoundTripMin(crossing: Crossing, persons: number, p: { speedKmh: number; dockMin: number; boardingMinPerPerson: number }): number {
  const v = p.speedKmh;
  const c = crossing.currentMs * 3.6;
  if (!(v > 0) || !(c >= 0) || !(crossing.km >= 0)) throw new RangeError(`boat round trip: speed ${v} km/h, current ${c} km/h, distance ${crossing.km} km`);
  // A current stronger than the boat can stem leaves it MIN_HEADWAY of its speed upstream (and no more help downstream).
  const ce = Math.min(c, (1 - MIN_HEADWAY) * v);
  const up = v - ce;
  const down = v + ce;
  return 60 * (crossing.km / up + crossing.km / down) + p.dockMin + p.boardingMinPerPerson * persons;
}

/**
 * One boat shuttling for an incident: a trip at a time, taking what it can carry of the people still
 * waiting, pausing at night where the plan says so; it is done when nobody is left to take.
 */
function* boatShuttle(world: World, team: TeamState, boat: number, inc: Incident, crossing: Crossing, from: 'cutOff' | 'home', type: IncidentType) {
  const { sim, people, bus } = world;
  const evacuation = world.get(EVACUATION);
  const p = parameterView(world.params, WATER_RESCUE_PARAMETERS);
  const capacity = Math.max(1, Math.round(p['rescue.personsPerBoatTrip']));
  // Boarding may differ by zone (zoneParameters): people who must first be persuaded to leave their homes.
  const boarding = inc.zone >= 0 ? world.paramIn('rescue.boardingMinPerPerson', inc.zone) : p['rescue.boardingMinPerPerson'];
  const trip = { speedKmh: p['rescue.boatSpeedKmh'], dockMin: p['rescue.dockMin'], boardingMinPerPerson: boarding };
  for (;;) {
    const pause = nightPauseMin(world, sim.now, inc.zone);
    if (pause > 0) yield sim.timeout(pause);
    const take = Math.min(capacity, type.waiting(world, inc));
    if (take <= 0) return;
    inc.inFlight += take;
    yield sim.timeout(boatRoundTripMin(crossing, take, trip));
    inc.inFlight -= take;
    // Landed at the incident's shore node, they go on to a shelter like any evacuee; with no shelter
    // reachable from there they stay in the rescuers' care (state rescued).
    const sheltered = evacuation.sendRescued(inc.zone, inc.node, take, from);
    const landed = people.move(inc.zone, from, 'rescued', take - sheltered);
    evacuation.landedSafe(landed);
    const moved = sheltered + landed;
    people.countRescued(inc.zone, moved);
    if (bus.wants('rescue.trip')) bus.emit({ t: sim.now, kind: 'rescue.trip', team: team.id, boat, incident: inc.id, persons: moved, landed });
  }
}

/** Every boat of a team shuttles on its own; the team is released when its last boat is done. */
function* teamBoats(world: World, team: TeamState, inc: Incident, crossing: Crossing, from: 'cutOff' | 'home', type: IncidentType) {
  if (team.boats <= 1) return yield* boatShuttle(world, team, 1, inc, crossing, from, type);
  const boats = [];
  for (let b = 1; b <= team.boats; b++) boats.push(world.sim.process(boatShuttle(world, team, b, inc, crossing, from, type), 'boat'));
  yield world.sim.allOf(boats);
}

function boatIncident(name: string, from: 'cutOff' | 'home', crossings: ReadonlyMap<Incident, Crossing>): IncidentType {
  const type: IncidentType = {
    name,
    needs: ['boats', 'water-rescue | boat-evacuation'],
    capable: boatCapable,
    maxTeams: (persons) => Math.min(MAX_BOAT_TEAMS, Math.max(1, Math.ceil(persons / PERSONS_PER_BOAT_TEAM))),
    // Priority classes (docs/models/response.md: life threat first, FIFO within a class): 1 = people
    // waiting in a zone under water, 3 = people cut off on dry ground. A cut-off zone can go under later.
    priority: (world, inc) => (world.zones.isHazardous(inc.zone) ? 1 : 3),
    waiting: (world, inc) => world.people.get(inc.zone, from) - inc.inFlight,
    work: (world, team, inc) => {
      const crossing = crossings.get(inc);
      if (crossing === undefined) throw new Error(`water rescue: no crossing for incident ${inc.id}`);
      return teamBoats(world, team, inc, crossing, from, type);
    },
  };
  return type;
}

/** A zone's water link (a `water` edge at its node): the other end is where boats for it start. */
function waterLinks(scenario: World['scenario']): ReadonlyMap<number, { shore: number; km: number }> {
  let links = WATER_LINKS.get(scenario);
  if (links === undefined) {
    const csr = scenario.csr;
    const byNode = new Map<number, { shore: number; km: number }>();
    for (const e of csr.edges) {
      if (e.water !== true) continue;
      const a = csr.nodeIndex.get(e.from);
      const b = csr.nodeIndex.get(e.to);
      if (a === undefined || b === undefined) continue;
      for (const [node, shore] of [
        [a, b],
        [b, a],
      ] as const) {
        const known = byNode.get(node);
        if (known === undefined || e.km < known.km) byNode.set(node, { shore, km: e.km });
      }
    }
    const byZone = new Map<number, { shore: number; km: number }>();
    for (const z of scenario.zones) {
      const link = byNode.get(z.node);
      if (link !== undefined) byZone.set(z.index, link);
    }
    WATER_LINKS.set(scenario, (links = byZone));
  }
  return links;
}
const WATER_LINKS = new WeakMap<World['scenario'], ReadonlyMap<number, { shore: number; km: number }>>();

/**
 * Water rescue: people cut off behind a closed access link (`zone.cutOff`) are brought out by boat from
 * the land end of the link; people still at home when their zone floods (`zone.flooded`) wait on upper
 * floors for boats. On 18 August 2020, 278 Fengzhou islanders stayed overnight because boats stopped at
 * night: plans say so with `nightBoatStop`. Each boat of a team is a unit: it shuttles on its own, its round
 * trip set by the crossing's length and current, docking and boarding (docs/models/response.md section 7).
 */
export const waterRescue: ResponseModule = {
  name: 'water-rescue',
  serves: ['flood'],
  description: 'boat rescue of people cut off or stranded by water',
  parameters: WATER_RESCUE_PARAMETERS,
  triggers: [],
  actions: [],
  planSettings: [nightBoatStop],
  install(world) {
    const dispatch = world.get(DISPATCH);
    const crossings = new Map<Incident, Crossing>();
    dispatch.registerType(boatIncident('boat-rescue', 'cutOff', crossings));
    dispatch.registerType(boatIncident('stranded', 'home', crossings));
    const { scenario, people } = world;
    const p = parameterView(world.params, WATER_RESCUE_PARAMETERS);
    const csr = scenario.csr;
    const water = waterLinks(scenario);
    const accessKm = (z: { accessEdge: string | null }): number | null => {
      const k = z.accessEdge !== null ? csr.edgeIndex.get(z.accessEdge) : undefined;
      return k !== undefined ? csr.edges[k]!.km : null;
    };
    world.bus.on('zone.cutOff', (e) => {
      const zone = scenario.zoneIndex.get(e.zone)!;
      const z = scenario.zones[zone]!;
      // Boats start from the shore end of the zone's water link (Fengzhou: the wharf on the city bank), or
      // else from the land end of its closed access link, and cross it.
      let node = z.node;
      let crossing: Crossing = { km: p['rescue.floodedZoneKm'], currentMs: p['rescue.floodplainCurrentMs'] };
      const link = water.get(zone);
      if (link !== undefined) {
        node = link.shore;
        crossing = { km: link.km, currentMs: p['rescue.riverCurrentMs'] };
      } else if (z.accessEdge !== null) {
        const k = csr.edgeIndex.get(z.accessEdge);
        if (k !== undefined) {
          const edge = csr.edges[k]!;
          const other = edge.from === csr.nodeIds[z.node] ? edge.to : edge.from;
          node = csr.nodeIndex.get(other) ?? z.node;
          crossing = { km: edge.km, currentMs: edge.bridge === true ? p['rescue.riverCurrentMs'] : p['rescue.floodplainCurrentMs'] };
        }
      }
      // Teams reach the scene after their ETA (never in this same instant), so the crossing is known by then.
      const inc = dispatch.open({ type: 'boat-rescue', zone, node, persons: people.get(zone, 'cutOff') });
      crossings.set(inc, crossing);
      // People who waited at home for boats are now cut off: the new incident carries their need.
      dispatch.supersede(zone, 'stranded', inc);
    });
    world.bus.on('zone.flooded', (e) => {
      const zone = scenario.zoneIndex.get(e.zone)!;
      const n = people.get(zone, 'home');
      if (n <= 0) return;
      const z = scenario.zones[zone]!;
      // Boats work the flooded streets from the zone's edge: over its access link's length where the region
      // gives one (its measure of how far the zone reaches), else a typical zone extent.
      const crossing: Crossing = { km: accessKm(z) ?? p['rescue.floodedZoneKm'], currentMs: p['rescue.floodplainCurrentMs'] };
      crossings.set(dispatch.open({ type: 'stranded', zone, node: z.node, persons: n }), crossing);
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
    'rescue.trip': { team: string; boat: number; incident: string; persons: number; landed: number };
  }
}
