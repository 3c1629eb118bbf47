import { Type } from '@sinclair/typebox';
import { hazardModule, triggerKind } from '../../modules/types.js';
import { WorldKey } from '../../world/world.js';
import { compileEarthquake, type CompiledEarthquake } from './compile.js';
import { QuakeField } from './field.js';
import { EARTHQUAKE_PARAMETERS } from './parameters.js';
import { checkEarthquakeRegion, EARTHQUAKE_REGION } from './region.js';
import { EarthquakeHazardSchema, type EarthquakeHazardDoc } from './schema.js';

/** The earthquake of a replication (its damage state, shocks and counts). */
export const QUAKE = new WorldKey<QuakeField>('earthquake.field');

/**
 * The plan's start condition of the Sichuan and Leshan earthquake plans: a shock of at least this magnitude
 * (levels I-IV at Ms 7, 6.5, 6 and 5, the China Earthquake Networks Center's rapid report reaching the command
 * after the plan's monitoring delay).
 */
const quakeMagnitudeAtLeast = triggerKind({
  key: 'quakeMagnitudeAtLeast',
  description: 'a shock of at least this magnitude has been reported',
  schema: Type.Object({ quakeMagnitudeAtLeast: Type.Number({ minimum: 3, maximum: 9 }) }, { additionalProperties: false }),
  compile: (doc: { quakeMagnitudeAtLeast: number }) => doc.quakeMagnitudeAtLeast,
  evaluate: (m, world, seen) => (world.find(QUAKE)?.shocks ?? []).some((s) => s.t <= seen && s.magnitude >= m),
  tell: (m, world, seen) => {
    const top = (world.find(QUAKE)?.shocks ?? []).filter((s) => s.t <= seen).reduce((a, s) => Math.max(a, s.magnitude), 0);
    return {
      from: 'provincial earthquake bureau (CENC rapid report)',
      fromZh: '省地震局(中国地震台网速报)',
      to: 'city earthquake relief HQ',
      toZh: '市抗震救灾指挥部',
      method: 'phone',
      message: `an Ms ${top.toFixed(1)} earthquake (plan threshold ${m})`,
      messageZh: `发生${top.toFixed(1)}级地震(预案启动条件${m}级)`,
    };
  },
});

/** People per family tent (a ~12 m² relief tent holds 4-5: the region's item list). */
const PERSONS_PER_TENT = 4.5;

/**
 * The earthquake (docs/models/earthquake.md): scripted shocks and a Reasenberg-Jones aftershock sequence shake
 * every zone through an elliptical attenuation along the strike; Hazus fragilities damage the stock per zone
 * and structure class; the damage increments kill, injure and trap occupants (search and rescue frees them);
 * road-side slopes fail and block roads (engineering teams clear them); every facility is told its peak
 * ground acceleration at every shock (`facility.shaken`).
 */
export const earthquake = hazardModule<EarthquakeHazardDoc, CompiledEarthquake>({
  kind: 'earthquake',
  description: 'an earthquake sequence: shaking, building damage, casualties, trapped people, aftershocks, landslides on roads',
  entry: EarthquakeHazardSchema,
  regionAssets: 'zones[].quake.stock (building shares per structure class; a default mix by county and tags otherwise), slopeEdges (road-side slopes), facilities (shaken)',
  region: { ...EARTHQUAKE_REGION, check: checkEarthquakeRegion },
  parameters: EARTHQUAKE_PARAMETERS,
  triggers: [quakeMagnitudeAtLeast],
  compile: (doc, ctx) => compileEarthquake(doc, ctx),
  install(world, compiled) {
    const field = world.provide(QUAKE, new QuakeField(world, compiled));
    field.start();
    world.atEnd(() => {
      for (const z of world.scenario.zones) {
        const prev = world.breakdown.county[z.county]?.['maxIntensity'] ?? 0;
        world.record('county', z.county, 'maxIntensity', Math.max(prev ?? 0, Math.round(field.maxIntensity[z.index]! * 10) / 10));
        if (field.maxIntensity[z.index]! >= 5.5) world.tally('county', z.county, 'quakeDisplaced', Math.round(field.displaced(z.index)));
      }
    });
  },
  metrics: [
    {
      name: 'quakeShakingDeaths',
      unit: 'persons',
      direction: 'lower-is-better',
      description: 'people killed outright by building damage (all shocks)',
      compute: (world) => world.find(QUAKE)?.deadByShaking ?? 0,
    },
    {
      name: 'quakeTrapped',
      unit: 'persons',
      direction: 'lower-is-better',
      description: 'people trapped under collapsed buildings (all shocks)',
      compute: (world) => world.find(QUAKE)?.trappedTotal ?? 0,
    },
    {
      name: 'quakeDisplaced',
      unit: 'persons',
      direction: 'lower-is-better',
      description: 'residents whose home is unsafe (Extensive or Complete damage): they need shelter',
      compute: (world) => {
        const f = world.find(QUAKE);
        if (f === undefined) return 0;
        let n = 0;
        for (const z of world.scenario.zones) n += f.displaced(z.index);
        return Math.round(n);
      },
    },
    {
      name: 'quakeTentsNeeded',
      unit: 'tents',
      direction: 'lower-is-better',
      description: 'family tents for the displaced (4.5 people a tent)',
      compute: (world) => {
        const f = world.find(QUAKE);
        if (f === undefined) return 0;
        let n = 0;
        for (const z of world.scenario.zones) n += f.displaced(z.index);
        return Math.ceil(n / PERSONS_PER_TENT);
      },
    },
    {
      name: 'quakeBridgesDamaged',
      unit: 'count',
      direction: 'lower-is-better',
      description: 'bridges damaged to Extensive or worse (closed for the rest of the run)',
      compute: (world) => world.find(QUAKE)?.bridgesDamaged ?? 0,
    },
    {
      name: 'quakeLandslides',
      unit: 'count',
      direction: 'lower-is-better',
      description: 'landslides that blocked a road',
      compute: (world) => world.find(QUAKE)?.landslides ?? 0,
    },
  ],
});
