import { Type } from '@sinclair/typebox';
import { actionKind, planSettingKind, type ResponseModule, type TeamSelectorValue, type ZoneSelectorValue } from '../modules/types.js';
import type { World } from '../world/world.js';
import { Dispatch, DISPATCH, type ResponsibilityArea } from './dispatch.js';
import { DISPATCH_PARAMETERS } from './dispatch-parameters.js';
import { quantileOrZero } from '../modules/metric-helpers.js';

const mobilise = actionKind({
  key: 'mobilise',
  description: 'put these teams on duty',
  completion: 'every selected team is on duty (its mobilisation time after the order)',
  owner: { en: 'rescue group', zh: '抢险救援组' },
  schema: (s) => Type.Object({ teams: s.teams }, { additionalProperties: false }),
  compile: (doc: { teams: TeamSelectorValue }, ctx, path) => ctx.selectTeams(doc.teams, `${path}/teams`),
  execute: (teams, world, run) => run.complete(world.get(DISPATCH).mobilise(teams)),
});

const prePosition = actionKind({
  key: 'prePosition',
  description: 'mobilise these teams and move them next to these zones',
  completion: 'every selected team that was free is at the staging point',
  owner: { en: 'rescue group', zh: '抢险救援组' },
  schema: (s) => Type.Object({ teams: s.teams, zones: s.zones }, { additionalProperties: false }),
  compile: (doc: { teams: TeamSelectorValue; zones: ZoneSelectorValue }, ctx, path) => ({
    teams: ctx.selectTeams(doc.teams, `${path}/teams`),
    zones: ctx.selectZones(doc.zones, `${path}/zones`),
  }),
  execute: (c, world, run) => world.get(DISPATCH).prePosition(c.teams, c.zones, (t) => run.complete(t)),
});

/**
 * Areas of responsibility (划片包干): incidents in these zones are served by these teams only, as a plan
 * gives a team its own stretch of river or its own island. Other incidents may still take the teams when
 * nothing in their area is waiting.
 */
export const areas = planSettingKind({
  key: 'areas',
  description: 'areas of responsibility: incidents in these zones are served by these teams only',
  schema: (selectors) =>
    Type.Array(Type.Object({ teams: selectors.teams, zones: selectors.zones }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 1000,
      description: 'areas of responsibility: incidents in these zones are served by these teams only',
    }),
  compile: (doc: Array<{ teams: TeamSelectorValue; zones: ZoneSelectorValue }>, ctx, path): ResponsibilityArea[] =>
    doc.map((a, i) => ({
      teams: new Set(Array.from(ctx.selectTeams(a.teams, `${path}/${i}/teams`), (k) => ctx.scenario.region.assets.teams[k]!.id)),
      zones: new Set(ctx.selectZones(a.zones, `${path}/${i}/zones`)),
    })),
});

/** Reinforcements from neighbouring cities arrive after their lead time, on duty. */
function requestMutualAid(world: World, from: readonly number[], share: number, onArrived: (t: number) => void): void {
  const { sim, bus, scenario } = world;
  const dispatch = world.get(DISPATCH);
  const aid = scenario.region.assets.mutualAid;
  let pending = 0;
  for (const k of from) {
    const city = aid[k];
    if (city === undefined) continue;
    pending++;
    const lead = city.leadTimeH;
    const hours = sim.stream(`mutualAid.${city.id}`).triangular(lead.min, lead.mode, lead.max);
    const boats = Math.round((city.offer.boats ?? 0) * share);
    const firefighters = Math.round((city.offer.firefighters ?? 0) * share);
    const node = scenario.csr.nodeIndex.get(city.node) ?? -1;
    sim.timeout(hours * 60).onProcessed(() => {
      // One team per four boats (a fire-rescue boat squad), or one land team when no boats come.
      const teamCount = boats > 0 ? Math.ceil(boats / 4) : firefighters > 0 ? 1 : 0;
      for (let i = 0; i < teamCount; i++) {
        dispatch.addTeam({
          id: `${city.id}-${i + 1}`,
          type: 'mutual-aid',
          node,
          dutyAt: sim.now,
          mobilisationMin: 0,
          busy: false,
          boats: boats > 0 ? Math.min(4, boats - 4 * i) : 0,
          // Fire-rescue reinforcements bring their heavy-rescue kit (national fire-rescue earthquake teams).
          capabilities: new Set(['fire', 'water-rescue', 'boat-evacuation', 'evacuation-support', 'urban-search-rescue']),
        });
      }
      bus.emit({ t: sim.now, kind: 'mutualAid.arrived', from: city.id, teams: teamCount, boats });
      dispatch.assign();
      if (--pending === 0) onArrived(sim.now);
    });
  }
  if (pending === 0) onArrived(sim.now);
}

const mutualAid = actionKind({
  key: 'mutualAid',
  description: 'request reinforcements from these neighbouring cities (share of what each offers, default all)',
  completion: 'the reinforcements of every requested city have arrived',
  owner: { en: 'general coordination group', zh: '综合协调组' },
  schema: Type.Object(
    { from: Type.Array(Type.String(), { minItems: 1 }), share: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })) },
    { additionalProperties: false },
  ),
  compile: (doc: { from: string[]; share?: number }, ctx, path) => {
    const aid = ctx.scenario.region.assets.mutualAid;
    const from = doc.from.map((id, i) => {
      const k = aid.findIndex((m) => m.id === id || m.id === `aid-${id}`);
      if (k < 0) ctx.fail(`${path}/from/${i}`, `unknown mutual-aid city '${id}'; the region has: ${aid.map((m) => m.id).join(', ')}`);
      return k;
    });
    return { from, share: doc.share ?? 1 };
  },
  execute: (c, world, run) => requestMutualAid(world, c.from, c.share, (t) => run.complete(t)),
});

/**
 * Dispatch of teams to incidents (docs/models/response.md): mobilisation, pre-positioning and mutual aid
 * as plan actions; incidents of every type other modules register; response times with unserved
 * incidents censored at the horizon.
 */
export const dispatchModule: ResponseModule = {
  name: 'dispatch',
  description: 'teams: mobilisation, staging, mutual aid, and dispatch to incidents by capability and priority',
  parameters: DISPATCH_PARAMETERS,
  triggers: [],
  actions: [mobilise, prePosition, mutualAid],
  planSettings: [areas],
  drill: {
    objective: {
      description: 'Put rescue forces on duty, in position and reinforced as the plan orders',
      descriptionZh: '按预案调集、前置救援力量并请求增援',
      capability: 'Mass Search and Rescue Operations',
    },
  },
  install(world) {
    const dispatch = world.provide(DISPATCH, new Dispatch(world));
    world.atEnd(() => dispatch.finish());
  },
  metrics: [
    {
      name: 'unservedIncidents',
      unit: 'count',
      direction: 'lower-is-better',
      description: 'incidents no capable team reached by the horizon (not counting those whose people another incident took over)',
      compute: (world) => world.get(DISPATCH).unservedCount(),
    },
    {
      name: 'responseTimeP50Min',
      unit: 'min',
      direction: 'lower-is-better',
      description: 'median time from an incident to the first capable team on scene (an incident nobody reaches counts as waiting until the horizon)',
      compute: (world) => quantileOrZero(world.get(DISPATCH).responseTimes, 0.5),
    },
    {
      name: 'responseTimeP90Min',
      unit: 'min',
      direction: 'lower-is-better',
      description: '90th percentile of incident response times (unserved incidents censored at the horizon)',
      compute: (world) => quantileOrZero(world.get(DISPATCH).responseTimes, 0.9),
    },
  ],
};

declare module '../world/events.js' {
  interface SimEventMap {
    'mutualAid.arrived': { from: string; teams: number; boats: number };
  }
}
