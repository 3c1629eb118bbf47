/**
 * Forest fire suppression (docs/models/wildfire.md section 5): the plan's detection cover (cameras,
 * drones) and its forest fire brigades (森林消防队伍), professional or volunteer, staged at townships. On a
 * report the brigades are dispatched as teams of models/response/dispatch.ts (road travel with the known
 * closures), then walk from the road end to the fire and build line at a rate set by their type, the fuel
 * and the flame length; the wildfire hazard decides containment from the crews so far (Fried & Fried).
 */
import { Type } from '@sinclair/typebox';
import { planSettingKind, type ResponseModule } from '../../modules/types.js';
import { WILDFIRE } from './triggers.js';
import { DISPATCH, type IncidentType, type TeamState } from '../../response/dispatch.js';
import type { World } from '../../world/world.js';

export type BrigadeType = 'professional' | 'volunteer';

/**
 * Holdable line per brigade, m/h, by fuel group, for direct attack with flame lengths under 1.5 m
 * [estimates, to be calibrated with the Leshan brigades: no published rates for Chinese brigades were
 * found. A professional brigade of about 20 with wind-blowers and pumps knocks down 300-600 m/h of grass
 * or litter edge (Yantai forest fire brigade 2021 practice figures); a 10-15 person volunteer squad with
 * hand tools cuts about 50-100 m/h of break in shrub. NWCG's sustained rates for 20-person crews (Incident
 * Response Pocket Guide, PMS 461) are of the same order: 18-30 ch/h (360-600 m/h) in short grass, 4-7 ch/h
 * (80-140 m/h) in brush].
 */
export const LINE_PRODUCTION_MH: Readonly<Record<BrigadeType, Readonly<Record<'grass' | 'shrub' | 'litter', number>>>> = {
  professional: { grass: 500, shrub: 150, litter: 350 },
  volunteer: { grass: 200, shrub: 60, litter: 150 },
};

/** Fuel group of a standard fuel model code, for line production. */
export function fuelGroup(code: string): 'grass' | 'shrub' | 'litter' {
  if (/^GR/.test(code) || ['FM1', 'FM2', 'FM3'].includes(code)) return 'grass';
  if (/^(GS|SH)/.test(code) || ['FM4', 'FM5', 'FM6', 'FM7'].includes(code)) return 'shrub';
  return 'litter';
}

/**
 * Direct attack needs flames under 1.5 m (wind-blowers are not used above it; above 2.5 m crews must
 * fall back to indirect line): production is halved between 1.5 and 2.5 m and a fifth above
 * [estimate after the blower limits reported by Chinese brigades and the NWCG hauling chart].
 */
export function flameFactor(flameLengthM: number): number {
  if (flameLengthM < 1.5) return 1;
  if (flameLengthM < 2.5) return 0.5;
  return 0.2;
}

/** What watches one part of the forest. */
export interface AreaCover {
  /** Share of the forest in view of cameras, 0-1. */
  cameraCoverage: number;
  drones: boolean;
}

/**
 * The plan's detection cover: a default for the whole forest and, per zone (township), the cover of the
 * area it belongs to (null: the default). A fire's cover is that of the township whose seat is nearest
 * its ignition (models/hazards/wildfire/compile.ts).
 */
export interface CompiledDetection extends AreaCover {
  byZone: ReadonlyArray<(AreaCover & { area: string }) | null>;
}

export interface CompiledForestFirePlan {
  detection: CompiledDetection;
  brigades: Array<{ id: string; type: BrigadeType; node: number; crew: number }>;
}

const forestFire = planSettingKind({
  key: 'forestFire',
  description: 'forest fire detection cover and brigades staged at townships',
  schema: Type.Object(
    {
      detection: Type.Optional(
        Type.Object(
          {
            cameraCoverage: Type.Number({ minimum: 0, maximum: 1, description: 'share of the forest in view of smoke-detection cameras (outside the areas listed)' }),
            drones: Type.Optional(Type.Boolean({ description: 'drone patrols over the forest (outside the areas listed)' })),
            areas: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    name: Type.Optional(Type.String({ maxLength: 120, description: 'label of the investment, e.g. "Emei Shan camera towers"' })),
                    counties: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { minItems: 1, maxItems: 50, description: 'counties (zone county ids) the area covers' })),
                    zones: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { minItems: 1, maxItems: 500, description: 'townships (zone ids) the area covers; they take precedence over a county entry' })),
                    cameraCoverage: Type.Number({ minimum: 0, maximum: 1, description: "share of the area's forest in view of smoke-detection cameras" }),
                    drones: Type.Optional(Type.Boolean({ description: 'drone patrols over the area' })),
                  },
                  { additionalProperties: false },
                ),
                { maxItems: 200, description: 'detection cover per area (counties or townships): a fire is watched by the cover of the township nearest its ignition' },
              ),
            ),
          },
          { additionalProperties: false },
        ),
      ),
      brigades: Type.Optional(
        Type.Array(
          Type.Object(
            {
              id: Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]*$', maxLength: 80 }),
              type: Type.Union([Type.Literal('professional'), Type.Literal('volunteer')]),
              stagedAt: Type.String({ description: 'zone id (its seat) or road node id where the brigade waits' }),
              crew: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
            },
            { additionalProperties: false },
          ),
          { maxItems: 200 },
        ),
      ),
    },
    { additionalProperties: false, description: 'forest fire detection cover and brigades staged at townships' },
  ),
  compile: (
    doc: {
      detection?: { cameraCoverage: number; drones?: boolean; areas?: Array<{ name?: string; counties?: string[]; zones?: string[]; cameraCoverage: number; drones?: boolean }> };
      brigades?: Array<{ id: string; type: BrigadeType; stagedAt: string; crew?: number }>;
    },
    ctx,
    path,
  ): CompiledForestFirePlan => {
    const { scenario } = ctx;
    const ids = new Set<string>();
    const brigades = (doc.brigades ?? []).map((b, i) => {
      const zone = scenario.zones.find((z) => z.id === b.stagedAt);
      const node = zone !== undefined ? zone.node : (scenario.csr.nodeIndex.get(b.stagedAt) ?? -1);
      if (node < 0) ctx.fail(`${path}/brigades/${i}/stagedAt`, `'${b.stagedAt}' is neither a zone nor a road node of the region`);
      if (ids.has(b.id)) ctx.fail(`${path}/brigades/${i}/id`, `brigade '${b.id}' is listed twice`);
      ids.add(b.id);
      return { id: b.id, type: b.type, node, crew: b.crew ?? (b.type === 'professional' ? 20 : 12) };
    });
    return { detection: compileDetection(doc.detection, scenario.zones, `${path}/detection`, ctx.fail), brigades };
  },
});

/**
 * Resolve the plan's areas to zones: county entries first, then township entries over them (a township named
 * by two areas, or a county by two, is an error, as is a name the scenario does not have).
 */
function compileDetection(
  doc: { cameraCoverage: number; drones?: boolean; areas?: Array<{ name?: string; counties?: string[]; zones?: string[]; cameraCoverage: number; drones?: boolean }> } | undefined,
  zones: ReadonlyArray<{ id: string; county: string }>,
  path: string,
  fail: (pointer: string, message: string) => void,
): CompiledDetection {
  const byZone: Array<(AreaCover & { area: string }) | null> = zones.map(() => null);
  const areas = doc?.areas ?? [];
  const counties = new Set(zones.map((z) => z.county));
  const zoneIndex = new Map(zones.map((z, i) => [z.id, i]));
  const countyOwner = new Map<string, number>();
  const zoneOwner = new Map<string, number>();
  areas.forEach((a, i) => {
    if (a.counties === undefined && a.zones === undefined) fail(`${path}/areas/${i}`, 'an area needs counties or zones');
    a.counties?.forEach((c, j) => {
      if (!counties.has(c)) fail(`${path}/areas/${i}/counties/${j}`, `'${c}' is not a county of the scenario's zones (${[...counties].sort().join(', ')})`);
      else if (countyOwner.has(c)) fail(`${path}/areas/${i}/counties/${j}`, `county '${c}' is already in area ${countyOwner.get(c)}`);
      else countyOwner.set(c, i);
    });
    a.zones?.forEach((z, j) => {
      if (!zoneIndex.has(z)) fail(`${path}/areas/${i}/zones/${j}`, `'${z}' is not a zone of the scenario`);
      else if (zoneOwner.has(z)) fail(`${path}/areas/${i}/zones/${j}`, `zone '${z}' is already in area ${zoneOwner.get(z)}`);
      else zoneOwner.set(z, i);
    });
  });
  const coverOf = (i: number): AreaCover & { area: string } => {
    const a = areas[i]!;
    return { area: a.name ?? [...(a.counties ?? []), ...(a.zones ?? [])].join(', '), cameraCoverage: a.cameraCoverage, drones: a.drones ?? false };
  };
  zones.forEach((z, k) => {
    const c = countyOwner.get(z.county);
    if (c !== undefined) byZone[k] = coverOf(c);
  });
  for (const [z, i] of zoneOwner) byZone[zoneIndex.get(z)!] = coverOf(i);
  return { cameraCoverage: doc?.cameraCoverage ?? 0, drones: doc?.drones ?? false, byZone };
}

/** The work of a brigade at a reported fire: walk in, then build line until relieved or the fire is held. */
const forestFireIncident: IncidentType = {
  name: 'forest-fire',
  needs: ['forest-fire'],
  capable: (team: TeamState) => team.capabilities.has('forest-fire'),
  maxTeams: () => 200,
  priority: () => 2,
  waiting: (world: World) => {
    const f = world.find(WILDFIRE);
    return f === undefined || f.containedAt <= world.sim.now ? 0 : 1;
  },
  *work(world: World, team: TeamState) {
    const { sim, bus } = world;
    const fire = world.find(WILDFIRE);
    if (fire === undefined) return;
    const p = fire.params;
    const walkMin = p['wildfire.turnoutMin'] + ((fire.compiled.accessDistanceM * p['wildfire.trailFactor']) / 1000 / p['wildfire.hikeKmh']) * 60;
    yield sim.timeout(walkMin);
    if (fire.containedAt <= sim.now) return;
    const head = fire.headAt(sim.now);
    const type: BrigadeType = team.type === 'forest-fire-professional' ? 'professional' : 'volunteer';
    const production = LINE_PRODUCTION_MH[type][fuelGroup(head.fuelCode)] * flameFactor(head.flameLengthM);
    const shift = p['wildfire.shiftH'] * 60;
    const held = fire.addCrew({ startMin: sim.now, productionMH: production, durationMin: shift });
    if (held < Infinity && held > sim.now) {
      sim.timeout(held - sim.now).onProcessed(() => {
        if (fire.containedAt === held) bus.emit({ t: sim.now, kind: 'wildfire.contained', fire: fire.compiled.id, areaHa: fire.burnedAreaHa(sim.now) });
      });
    }
    yield sim.timeout(Math.min(shift, Math.max(0, Math.min(held, sim.now + shift) - sim.now)));
  },
};

export const forestFireModule: ResponseModule = {
  name: 'forest-fire',
  description: 'forest fire detection cover and brigades: dispatched over roads, then on foot, building line',
  parameters: {},
  triggers: [],
  metrics: [],
  actions: [],
  planSettings: [forestFire],
  install(world) {
    const dispatch = world.find(DISPATCH);
    if (dispatch === undefined) return;
    dispatch.registerType(forestFireIncident);
    const plan = world.plan.settings.get('forestFire') as CompiledForestFirePlan | undefined;
    for (const b of plan?.brigades ?? []) {
      dispatch.addTeam({ id: b.id, type: `forest-fire-${b.type}`, node: b.node, dutyAt: 0, mobilisationMin: 0, busy: false, boats: 0, capabilities: new Set(['forest-fire']) });
    }
  },
};
