import { Type } from '@sinclair/typebox';
import { actionKind, type ResponseModule, type TeamSelectorValue } from '../modules/types.js';
import { parameterView, type ParameterInfo } from '../scenario/parameter-info.js';
import { WorldKey, type World } from '../world/world.js';
import { DISPATCH, type IncidentType } from './dispatch.js';

export const ROAD_CLEARANCE_PARAMETERS = {
  'roads.clearanceM3PerH': {
    default: { dist: 'triangular', min: 100, mode: 250, max: 500 },
    unit: 'm3/h',
    description: 'debris an engineering team clears from a blocked road per hour (excavators, loaders and trucks working one face)',
    source: 'estimate: a loader or excavator moves about 100-200 m3 of loose debris an hour; a team works one face of the slide with two or three machines',
    domain: { min: 1 },
  },
} as const satisfies Record<string, ParameterInfo>;

interface Block {
  edge: number;
  volumeM3: number;
  handle: number;
  start: number;
  clearedAt: number;
  onCleared: () => void;
}

/**
 * Roads blocked by debris (landslides, collapsed buildings): closed to every mode from the moment of the
 * blockage, known after the roads' detection delay, until an engineering team has cleared the debris. A
 * hazard calls `block`; this service opens the clearance incident and reopens the road.
 */
export class RoadDebris {
  readonly blocks: Block[] = [];
  private readonly byIncident = new Map<string, Block>();
  /** Edges a plan's `clearRoads` clause put first (their clearance goes before other roads'). */
  readonly priorityEdges = new Set<number>();
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly world: World) {}

  block(edge: number, volumeM3: number, node: number, onCleared: () => void = () => {}): void {
    const { sim, roads, bus, params } = this.world;
    const id = roads.csr.edgeIds[edge]!;
    const knownAt = sim.now + (params['roads.detectionDelayMin'] ?? 0);
    const handle = roads.setState({ edge: id, start: sim.now, state: 'closed', knownAt });
    const b: Block = { edge, volumeM3, handle, start: sim.now, clearedAt: Infinity, onCleared };
    this.blocks.push(b);
    bus.emit({ t: sim.now, kind: 'edge.closed', edge: id, knownAt, until: Infinity });
    bus.emit({ t: sim.now, kind: 'road.blocked', edge: id, volumeM3 });
    const inc = this.world.get(DISPATCH).open({ type: 'road-clearance', node, persons: 0, label: id });
    this.byIncident.set(inc.id, b);
  }

  /** The team has cleared the debris: the closure ends now (kept in the timeline as [start, now)). */
  clear(incident: string): void {
    const b = this.byIncident.get(incident);
    if (b === undefined || b.clearedAt < Infinity) return;
    const { sim, roads, bus } = this.world;
    const id = roads.csr.edgeIds[b.edge]!;
    roads.states.remove(b.handle);
    if (sim.now > b.start) roads.setState({ edge: id, start: b.start, end: sim.now, state: 'closed', knownAt: b.start });
    b.clearedAt = sim.now;
    b.onCleared();
    bus.emit({ t: sim.now, kind: 'road.cleared', edge: id });
    for (const l of this.listeners) l();
  }

  onCleared(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Whether debris blocks this edge now. */
  isBlocked(edge: number): boolean {
    for (const b of this.blocks) if (b.edge === edge && b.clearedAt === Infinity) return true;
    return false;
  }

  edgeOf(incident: string): number {
    return this.byIncident.get(incident)?.edge ?? -1;
  }

  volumeOf(incident: string): number {
    return this.byIncident.get(incident)?.volumeM3 ?? 0;
  }

  /** Hours roads stayed blocked, each until cleared or the horizon. */
  blockedHours(horizon: number): number {
    return this.blocks.reduce((s, b) => s + (Math.min(b.clearedAt, horizon) - b.start) / 60, 0);
  }
}

export const ROAD_DEBRIS = new WorldKey<RoadDebris>('roads.debris');

const clearanceIncident: IncidentType = {
  name: 'road-clearance',
  needs: ['road-clearance'],
  capable: (team) => team.capabilities.has('road-clearance'),
  maxTeams: () => 1,
  // After life threats: opening the road is what lets rescue reach the cut-off towns; a corridor a clearRoads
  // clause named goes before medical transport.
  priority: (world, inc) => (world.get(ROAD_DEBRIS).priorityEdges.has(world.get(ROAD_DEBRIS).edgeOf(inc.id)) ? 1.5 : 2),
  waiting: (_world, inc) => (inc.firstArrival === Infinity ? 1 : 0),
  *work(world, _team, inc) {
    const debris = world.get(ROAD_DEBRIS);
    const p = parameterView(world.params, ROAD_CLEARANCE_PARAMETERS);
    yield world.sim.timeout((debris.volumeOf(inc.id) / p['roads.clearanceM3PerH']) * 60);
    debris.clear(inc.id);
  },
};

/**
 * Plan action: engineering teams open these road edges (a corridor to the cut-off towns) first: the named teams
 * (if any) are put on duty, and the edges' clearance incidents go ahead of other roads' and of medical transport.
 * Complete when none of the edges is blocked by debris: checked when the clause starts and after each clearance.
 */
const clearRoads = actionKind({
  key: 'clearRoads',
  description: 'clear these road edges (a corridor) first; optionally put these engineering teams on duty',
  completion: 'none of the selected road edges is blocked by debris (every landslide on them cleared)',
  owner: { en: 'traffic and transport support group', zh: '交通运输保障组' },
  schema: (s) =>
    Type.Object(
      { edges: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 1000, description: 'network edge ids of the corridor' }), teams: Type.Optional(s.teams) },
      { additionalProperties: false },
    ),
  compile: (doc: { edges: string[]; teams?: TeamSelectorValue }, ctx, path) => {
    const edges = doc.edges.map((id, i) => {
      const k = ctx.scenario.csr.edgeIndex.get(id);
      if (k === undefined) ctx.fail(`${path}/edges/${i}`, `unknown road edge '${id}'`);
      return k ?? -1;
    });
    return { edges: Int32Array.from(edges), teams: doc.teams !== undefined ? ctx.selectTeams(doc.teams, `${path}/teams`) : new Int32Array(0) };
  },
  execute: (c, world, run) => {
    const debris = world.get(ROAD_DEBRIS);
    const dispatch = world.get(DISPATCH);
    for (const e of c.edges) debris.priorityEdges.add(e);
    if (c.teams.length > 0) dispatch.mobilise(c.teams);
    let done = false;
    const check = (): void => {
      if (done) return;
      for (const e of c.edges) if (debris.isBlocked(e)) return;
      done = true;
      run.complete();
    };
    debris.onCleared(check);
    check();
    world.sim.timeout(0).onProcessed(() => dispatch.assign());
  },
});

/**
 * Engineering teams clearing roads (docs/models/earthquake.md section 6): a blocked road is an incident for
 * a team with the `road-clearance` capability; the work takes the debris volume over the team's rate.
 */
export const roadClearance: ResponseModule = {
  name: 'road-clearance',
  serves: ['earthquake'],
  description: 'engineering teams clearing debris from blocked roads',
  parameters: ROAD_CLEARANCE_PARAMETERS,
  triggers: [],
  actions: [clearRoads],
  drill: {
    objective: {
      description: 'Open the lifeline corridors to the cut-off towns',
      descriptionZh: '抢通通往受灾乡镇的生命通道',
      capability: 'Critical Transportation',
    },
  },
  install(world) {
    world.get(DISPATCH).registerType(clearanceIncident);
    const debris = world.provide(ROAD_DEBRIS, new RoadDebris(world));
    world.atEnd(() => {
      if (debris.blocks.length > 0) world.record('incidentType', 'road-clearance', 'blockedHours', debris.blockedHours(world.scenario.horizonMin));
    });
  },
  metrics: [
    {
      name: 'roadBlockedHours',
      unit: 'edge-h',
      direction: 'lower-is-better',
      description: 'hours roads stayed blocked by debris, summed over the blocked roads (until cleared or the horizon)',
      compute: (world) => world.find(ROAD_DEBRIS)?.blockedHours(world.scenario.horizonMin) ?? 0,
    },
  ],
};

declare module '../world/events.js' {
  interface SimEventMap {
    'road.blocked': { edge: string; volumeM3: number };
    'road.cleared': { edge: string };
  }
}
