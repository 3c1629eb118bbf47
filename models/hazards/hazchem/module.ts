import { Type } from '@sinclair/typebox';
import type { World } from '../../world/world.js';
import { hazardModule, triggerKind } from '../../modules/types.js';
import { EVACUATION } from '../../response/evacuation.js';
import { compileHazchem, type CompiledRelease } from './compile.js';
import { HAZCHEM_DRILL, tellRelease } from './drill.js';
import { HAZCHEM, Hazchem, HazchemRun } from './field.js';
import { HAZCHEM_PARAMETERS } from './parameters.js';
import { checkHazchemRegion, HAZCHEM_REGION } from './region.js';
import { HazchemHazardSchema, type HazchemHazardDoc } from './schema.js';

/** A plan trigger: a release has started (and the command has heard of it, after the monitoring delay). */
const released = triggerKind({
  key: 'hazchemReleased',
  description: 'a chemical release has started (at any facility, or at this one)',
  schema: Type.Object(
    { hazchemReleased: Type.Union([Type.Literal(true), Type.String({ description: 'facility id' })]) },
    { additionalProperties: false },
  ),
  compile: (doc: { hazchemReleased: true | string }) => (doc.hazchemReleased === true ? null : doc.hazchemReleased),
  evaluate: (facility, world, seen) => first(world, facility, seen) !== undefined,
  tell: (facility, world, seen) => {
    const r = first(world, facility, seen)!;
    const w = world.get(HAZCHEM).weatherAt(seen) ?? r.weather!;
    return tellRelease(world, r.release.spec.facility, r.release.spec.substance.id, r.release.gasRateKgS, w.stability, w.u10, w.fromDeg);
  },
});

/** The first release the command has heard of by `seen` (at this facility, or any). */
function first(world: World, facility: string | null, seen: number): HazchemRun | undefined {
  return world.find(HAZCHEM)?.releases.find((r) => r.release.startedAt <= seen && (facility === null || r.release.spec.facility === facility));
}

/**
 * Chemical releases (docs/models/hazchem.md): a toxic gas from a facility of the region, started at a time,
 * by the flood reaching the plant (facility.flooded) or by ground shaking failing its tank (facility.shaken);
 * dispersed as a Gaussian plume or puff in weather drawn per replication; the toxic load of every zone's
 * people indoors, outdoors, sheltering or evacuating; probit deaths and AEGL exceedances.
 */
export const hazchem = hazardModule<HazchemHazardDoc, CompiledRelease>({
  kind: 'hazchem',
  description: 'a toxic gas release from a facility: plume or puff, toxic load indoors and outdoors',
  entry: HazchemHazardSchema,
  regionAssets:
    'facilities (the release site is the facility node; flood and shaking cascades by facility id), facilities[].hazchem.tanks (material, inventory, fragility), zones (population at the zone node), zones[].hazchem.airExchangePerH',
  region: { ...HAZCHEM_REGION, check: checkHazchemRegion },
  parameters: HAZCHEM_PARAMETERS,
  triggers: [released],
  drill: HAZCHEM_DRILL,
  compile: (doc, ctx) => compileHazchem(doc, ctx),
  install(world, compiled) {
    let service = world.find(HAZCHEM);
    if (service === undefined) {
      const created = (service = world.provide(HAZCHEM, new Hazchem()));
      // At the horizon, zones still exposed are judged on their load so far.
      world.atEnd(() => created.settleAll());
      // Evacuees of other hazards (a flood's) passing the cloud on the road: the evacuation module's exposure hook.
      world.find(EVACUATION)?.onDeparture((d) => created.evacuees(d));
    }
    for (const spec of [compiled, ...compiled.also]) {
      const run = new HazchemRun(world, spec, service);
      service.releases.push(run);
      run.install();
    }
    // Every county gets its row (0 where nobody was above AEGL-2), so a batch averages over all replications.
    world.atEnd(() => {
      for (const z of world.scenario.zones) world.tally('county', z.county, 'aboveAegl2', 0);
    });
  },
  metrics: [
    {
      name: 'hazchemReleasedKg',
      unit: 'kg',
      direction: 'lower-is-better',
      description: 'mass of stored toxic material released (the leak runs until plugged or empty)',
      compute: (world) => world.find(HAZCHEM)?.releasedKg(world.scenario.horizonMin) ?? 0,
    },
    {
      name: 'hazchemAboveAegl2',
      unit: 'persons',
      direction: 'lower-is-better',
      description: 'people whose toxic load reached the 60-min AEGL-2 (disabling effects)',
      compute: (world) => world.find(HAZCHEM)?.aboveAegl2 ?? 0,
    },
    {
      name: 'hazchemAboveAegl3',
      unit: 'persons',
      direction: 'lower-is-better',
      description: 'people whose toxic load reached the 60-min AEGL-3 (life-threatening effects)',
      compute: (world) => world.find(HAZCHEM)?.aboveAegl3 ?? 0,
    },
    {
      name: 'hazchemDeaths',
      unit: 'persons',
      direction: 'lower-is-better',
      description: 'deaths from the toxic load (probit), also counted in deaths',
      compute: (world) => world.find(HAZCHEM)?.deaths ?? 0,
    },
    {
      name: 'hazchemLeakMin',
      unit: 'min',
      direction: 'lower-is-better',
      description: 'minutes from the start of the release to its stop (plugged or empty), censored at the horizon; 0 without a release',
      compute: (world) => {
        let worst = 0;
        for (const r of world.find(HAZCHEM)?.releases ?? []) {
          if (r.release.startedAt === Infinity) continue;
          worst = Math.max(worst, Math.min(r.release.stoppedAt, world.scenario.horizonMin) - r.release.startedAt);
        }
        return worst;
      },
    },
  ],
});
