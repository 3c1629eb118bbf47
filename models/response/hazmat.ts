import { Type } from '@sinclair/typebox';
import { actionKind, type ResponseModule, type ZoneSelectorValue } from '../modules/types.js';
import { HAZCHEM, type HazchemRun, type OrderMode } from '../hazards/hazchem/field.js';
import { DISPATCH, type IncidentType } from './dispatch.js';
import { WARNINGS } from './warning-module.js';

/** How long a hazchem team works a flooded plant that releases nothing before it is free again (estimate). */
const HAZCHEM_WORK_MIN = 240;
/** After the leak is stopped: secure the site and decontaminate the team (estimate). */
const SECURE_MIN = 60;
/** Road closures in the AEGL-2 zone are renewed this often while the cloud lasts. */
const CLOSURE_WINDOW_MIN = 30;

/**
 * The team's work on the leaks of a facility (docs/models/hazchem.md section 9): suit up, then entries on air,
 * each limited by the breathing apparatus, with cylinder changes between them, until the plugging work is done;
 * the release stops at that moment. Several leaks at one plant (tanks failed by one shaking) are plugged one
 * after the other in the order they started. A team that arrives after the inventory ran out only secures the
 * site.
 */
function* plug(world: Parameters<IncidentType['work']>[0], next: () => HazchemRun | undefined) {
  const { sim, params } = world;
  const need = params['hazchem.plugWorkMin']!;
  yield sim.timeout(params['hazchem.donMin']!);
  for (let run = next(); run !== undefined; run = next()) {
    const release = run.release;
    while (release.active) {
      const shift = Math.min(params['hazchem.airWorkMin']!, need - release.plugWorkMin);
      yield sim.timeout(shift);
      if (!release.active) break;
      release.plugWorkMin += shift;
      if (release.plugWorkMin >= need - 1e-9) {
        release.stop(sim.now, 'plugged');
        break;
      }
      yield sim.timeout(params['hazchem.cylinderChangeMin']!);
    }
  }
  yield sim.timeout(SECURE_MIN);
}

const hazchemIncident: IncidentType = {
  name: 'hazchem',
  needs: ['hazmat'],
  capable: (team) => team.capabilities.has('hazmat'),
  maxTeams: () => 1,
  // A release threatens many: after people in water, before people cut off on dry ground.
  priority: () => 2,
  waiting: (_world, inc) => (inc.firstArrival === Infinity ? 1 : 0),
  *work(world, _team, inc) {
    const service = world.find(HAZCHEM);
    if (service?.activeAt(inc.facility) === undefined) {
      yield world.sim.timeout(HAZCHEM_WORK_MIN);
      return;
    }
    yield* plug(world, () => service.releases.find((r) => r.release.spec.facility === inc.facility && r.release.active));
  },
};

/** Medical care for people exposed above AEGL-2: triage and decontamination on scene, then transport. */
const casualtiesIncident: IncidentType = {
  name: 'hazchem-casualties',
  needs: ['medical'],
  capable: (team) => team.capabilities.has('medical') || team.capabilities.has('decontamination'),
  maxTeams: (persons) => Math.min(3, Math.max(1, Math.ceil(persons / 50))),
  priority: () => 1,
  waiting: (_world, inc) => (inc.firstArrival === Infinity ? 1 : 0),
  *work(world, _team, inc) {
    // Estimate: 20 min to set up, then 2 min per casualty shared among the teams on scene.
    yield world.sim.timeout(20 + (2 * inc.persons) / Math.max(1, inc.maxTeams));
  },
};

/** Zones of a plume threat zone, as the command estimates it now (all running releases). */
function threatZones(world: Parameters<IncidentType['work']>[0], level: 1 | 2 | 3): number[] {
  const set = new Set<number>();
  for (const r of world.find(HAZCHEM)?.releases ?? []) for (const z of r.threatZones(level)) set.add(z);
  return [...set].sort((a, b) => a - b);
}

interface CompiledProtect {
  mode: OrderMode;
  level: 1 | 2 | 3 | null;
  zones: Int32Array | null;
  channels: string[];
}

const protect = actionKind({
  key: 'protect',
  description: 'order the people of a plume threat zone (AEGL level) or of these zones to shelter in place or to evacuate, over these warning channels',
  completion: 'every channel is active in the ordered zones',
  owner: { en: 'hazardous-chemicals HQ with the publicity group', zh: '危化品事故现场指挥部、宣传报道组' },
  schema: (s) =>
    Type.Object(
      {
        mode: Type.Union([Type.Literal('shelter'), Type.Literal('evacuate')], { description: 'shelter in place (shut windows, fans off) or leave' }),
        level: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)], { description: 'the AEGL threat zone (60-min level) of the running releases, as estimated when the order is given' })),
        zones: Type.Optional(s.zones),
        channels: Type.Array(Type.String(), { minItems: 1 }),
      },
      { additionalProperties: false },
    ),
  compile: (doc: { mode: OrderMode; level?: 1 | 2 | 3; zones?: ZoneSelectorValue; channels: string[] }, ctx, path): CompiledProtect => {
    if (doc.level === undefined && doc.zones === undefined) ctx.fail(path, 'give the threat-zone level, the zones, or both');
    doc.channels.forEach((c, i) => {
      if (!ctx.scenario.channels.has(c)) ctx.fail(`${path}/channels/${i}`, `unknown warning channel '${c}'; the scenario has: ${[...ctx.scenario.channels.keys()].join(', ')}`);
    });
    return { mode: doc.mode, level: doc.level ?? null, zones: doc.zones !== undefined ? ctx.selectZones(doc.zones, `${path}/zones`) : null, channels: doc.channels };
  },
  execute: (c, world, run) => {
    const { sim, scenario, bus } = world;
    const zones = new Set<number>(c.zones ?? []);
    if (c.level !== null) for (const z of threatZones(world, c.level)) zones.add(z);
    const list = Int32Array.from([...zones].sort((a, b) => a - b));
    const warnings = world.get(WARNINGS);
    let last = sim.now;
    for (const name of c.channels) {
      const channel = scenario.channels.get(name)!;
      warnings.warn(list, channel, sim.now);
      last = Math.max(last, sim.now + channel.activationMin);
      bus.emit({ t: sim.now, kind: 'warning.issued', channel: name, zones: list.length, action: run.id });
    }
    world.find(HAZCHEM)?.order(list, c.mode, sim.now);
    bus.emit({ t: sim.now, kind: 'hazchem.ordered', mode: c.mode, zones: list.length, action: run.id });
    // Not notifyWarned: that tells the evacuation module people may leave on their own (a flood warning);
    // here the order itself says whether to stay in or to leave, and the release model carries it out.
    run.complete(last);
  },
  warning: (c) => ({ channels: c.channels, zones: c.zones ?? new Int32Array(0) }),
});

/**
 * Road closures for unprotected traffic (cars, trucks, people on foot; not emergency vehicles) on every road
 * touching a zone of the AEGL-2 threat zone, renewed while the release runs and until its cloud has passed.
 */
function closeThreatRoads(world: Parameters<IncidentType['work']>[0], run: HazchemRun): void {
  const { sim, scenario, roads } = world;
  const horizon = scenario.horizonMin;
  const renew = (): void => {
    const zones = run.threatZones(2);
    const nodes = new Set(zones.map((z) => scenario.zones[z]!.node));
    const end = Math.min(horizon, sim.now + CLOSURE_WINDOW_MIN);
    for (let e = 0; e < scenario.csr.edges.length; e++) {
      const edge = scenario.csr.edges[e]!;
      const a = scenario.csr.nodeIndex.get(edge.from) ?? -1;
      const b = scenario.csr.nodeIndex.get(edge.to) ?? -1;
      if (!nodes.has(a) && !nodes.has(b)) continue;
      roads.setState({ edge: edge.id, start: sim.now, end, state: 'closed', knownAt: sim.now, modes: ['car', 'truck', 'foot'] });
      if (world.bus.wants('edge.closed')) world.bus.emit({ t: sim.now, kind: 'edge.closed', edge: edge.id, knownAt: sim.now, until: end });
    }
    const clearAt = run.cloudClearAt();
    if (zones.length > 0 && sim.now + CLOSURE_WINDOW_MIN < Math.min(horizon, clearAt)) sim.timeout(CLOSURE_WINDOW_MIN).onProcessed(renew);
  };
  renew();
}

/**
 * Hazardous-materials response (docs/models/hazchem.md section 9): a flooded chemical plant or a running
 * release gets a hazchem team, which stops the leak on air; the plan orders the people of a plume threat
 * zone to shelter or evacuate; roads in the AEGL-2 zone close to unprotected traffic; people exposed above
 * AEGL-2 get medical teams.
 */
export const hazmat: ResponseModule = {
  name: 'hazmat',
  description: 'hazchem teams to chemical plants and releases, shelter-or-evacuate orders by plume zone, road closures, care of the exposed',
  parameters: {},
  triggers: [],
  actions: [protect],
  metrics: [],
  install(world) {
    const dispatch = world.get(DISPATCH);
    dispatch.registerType(hazchemIncident);
    dispatch.registerType(casualtiesIncident);
    const { scenario, bus } = world;
    const nodeOf = (facility: string) => {
      const f = scenario.region.assets.facilities.find((x) => x.id === facility);
      return f === undefined ? -1 : (scenario.csr.nodeIndex.get(f.node) ?? -1);
    };
    bus.on('facility.flooded', (e) => {
      const f = scenario.region.assets.facilities.find((x) => x.id === e.facility);
      if (f === undefined || f.kind !== 'chemical-plant') return;
      dispatch.open({ type: 'hazchem', facility: f.id, node: scenario.csr.nodeIndex.get(f.node) ?? -1, persons: 0, label: f.id });
    });
    bus.on('hazchem.released', (e) => {
      const open = dispatch.incidents.some((i) => i.type.name === 'hazchem' && i.facility === e.facility && !i.closed);
      if (!open) dispatch.open({ type: 'hazchem', facility: e.facility, node: nodeOf(e.facility), persons: 0, label: e.facility });
      const run = world.find(HAZCHEM)?.releases.find((r) => r.release.spec.id === e.release);
      if (run !== undefined) closeThreatRoads(world, run);
    });
    bus.on('hazchem.exposed', (e) => {
      if (e.injured <= 0) return;
      const zone = scenario.zoneIndex.get(e.zone) ?? -1;
      if (zone < 0) return;
      dispatch.open({ type: 'hazchem-casualties', zone, node: scenario.zones[zone]!.node, persons: e.injured });
    });
  },
};

declare module '../world/events.js' {
  interface SimEventMap {
    'hazchem.ordered': { mode: string; zones: number; action: string };
  }
}
