import { hazardModule } from '../../modules/types.js';
import type { CompiledForestFirePlan } from './brigades.js';
import { DISPATCH } from '../../response/dispatch.js';
import { compileWildfire, type CompiledWildfire } from './compile.js';
import { WildfireField, type DetectionCover } from './field.js';
import { WILDFIRE_PARAMETERS } from './parameters.js';
import { WildfireHazardSchema, type WildfireHazardDoc } from './schema.js';
import { fireDetected, fireWithin, WILDFIRE } from './triggers.js';

/** The plan's detection cover, from the forest-fire response module's plan setting (models/hazards/wildfire/brigades.ts). */
export const FOREST_FIRE_SETTING = 'forestFire';

interface FrontEvent {
  t: number;
  zone: number;
  edge: string | null;
  facility: string | null;
}

/**
 * The forest fire (docs/models/wildfire.md): Rothermel-Albini spread on a fuel and terrain raster by minimum
 * travel time, detection by cameras, drones or the public, containment by brigades (Fried & Fried), and
 * the front reaching villages (exposure, evacuation triggers) and roads (closures) until the fire is held.
 */
export const wildfire = hazardModule<WildfireHazardDoc, CompiledWildfire | null>({
  kind: 'wildfire',
  description: 'a forest fire spreading on a fuel and terrain raster',
  entry: WildfireHazardSchema,
  regionAssets: 'fuel-model and elevation grids (GeoTIFF or ESRI ASCII) in the region directory; zones and roads by the coordinates of their nodes',
  parameters: WILDFIRE_PARAMETERS,
  triggers: [fireDetected, fireWithin],
  compile: (doc, ctx) => compileWildfire(doc, ctx),
  install(world, compiled) {
    if (compiled === null) return;
    const { sim, bus, scenario } = world;
    // The cover of the area the fire starts in (the township nearest the ignition), else the plan's default.
    const detection = (world.plan.settings.get(FOREST_FIRE_SETTING) as CompiledForestFirePlan | undefined)?.detection;
    const area = detection?.byZone[compiled.ignitionZone] ?? null;
    const cover: DetectionCover = area ?? { cameraCoverage: detection?.cameraCoverage ?? 0, drones: detection?.drones ?? false };
    const field = world.provide(WILDFIRE, new WildfireField(world, compiled, cover));
    const horizon = scenario.horizonMin;

    sim.timeout(Math.max(0, field.detectedAt)).onProcessed(() => {
      if (sim.now >= horizon) return;
      bus.emit({ t: sim.now, kind: 'wildfire.detected', fire: compiled.id, delayMin: field.detectionDelayMin, areaHa: field.burnedAreaHa(sim.now) });
      const node = scenario.csr.nodeIndex.get(compiled.accessNode);
      if (node !== undefined) world.find(DISPATCH)?.open({ type: 'forest-fire', node, persons: 0, label: compiled.id });
    });

    // The front reaching zone seats and roads, in time order; once the fire is held beyond a time, later ones never come.
    const events: FrontEvent[] = [];
    const reach = field.threatTimes(field.params['wildfire.villageReachM']);
    reach.forEach((t, zone) => {
      if (t <= horizon) events.push({ t, zone, edge: null, facility: null });
    });
    const facilityTimes = field.nearTimes(compiled.facilities.map((f) => f.cell), field.params['wildfire.villageReachM']);
    compiled.facilities.forEach((f, i) => {
      if (facilityTimes[i]! <= horizon) events.push({ t: facilityTimes[i]!, zone: -1, edge: null, facility: f.id });
    });
    for (const e of compiled.edges) {
      let t = Infinity;
      for (const c of e.cells) t = Math.min(t, field.arrival[c]!);
      if (t <= horizon) events.push({ t, zone: -1, edge: e.edge, facility: null });
    }
    events.sort((a, b) => a.t - b.t || a.zone - b.zone || (a.edge ?? a.facility ?? '').localeCompare(b.edge ?? b.facility ?? ''));
    const closureMin = field.params['wildfire.roadClosureH'] * 60;
    sim.process(function* () {
      for (const ev of events) {
        if (ev.t > sim.now) yield sim.timeout(ev.t - sim.now);
        if (ev.t > field.frontTime(Infinity)) return; // held before it got here
        field.touch(ev.t);
        if (ev.facility !== null) {
          field.facilitiesReached++;
          bus.emit({ t: sim.now, kind: 'wildfire.facilityReached', fire: compiled.id, facility: ev.facility });
        } else if (ev.edge !== null) {
          world.roads.setState({ edge: ev.edge, start: ev.t, end: ev.t + closureMin, state: 'closed', knownAt: ev.t });
          field.roadsClosed++;
          bus.emit({ t: sim.now, kind: 'edge.closed', edge: ev.edge, knownAt: ev.t, until: ev.t + closureMin });
        } else {
          const z = scenario.zones[ev.zone]!;
          const atHome = world.people.get(ev.zone, 'home');
          field.zonesReached++;
          field.exposedPersons += atHome;
          world.zones.hit(ev.zone, ev.t);
          world.zones.setHazardous(ev.zone, true);
          world.tally('county', z.county, 'wildfireExposedPersons', atHome);
          world.tally('county', z.county, 'wildfireVillagesReached', 1);
          bus.emit({ t: sim.now, kind: 'wildfire.zoneReached', fire: compiled.id, zone: z.id, atHome });
        }
      }
    }, 'wildfire.front');
  },
  metrics: [
    {
      name: 'wildfireBurnedHa',
      unit: 'ha',
      direction: 'lower-is-better',
      description: 'area burned by the horizon (the held footprint, or the free spread of an escaped fire)',
      compute: (world) => world.find(WILDFIRE)?.burnedAreaHa(world.scenario.horizonMin) ?? 0,
    },
    {
      name: 'wildfireVillagesReached',
      unit: 'zones',
      direction: 'lower-is-better',
      description: 'zones whose seat the fire front reached',
      compute: (world) => world.find(WILDFIRE)?.zonesReached ?? 0,
    },
    {
      name: 'wildfireExposedPersons',
      unit: 'persons',
      direction: 'lower-is-better',
      description: 'people still at home when the fire front reached their zone',
      compute: (world) => world.find(WILDFIRE)?.exposedPersons ?? 0,
    },
    {
      name: 'wildfireRoadsClosed',
      unit: 'edges',
      direction: 'lower-is-better',
      description: 'road edges the fire front closed',
      compute: (world) => world.find(WILDFIRE)?.roadsClosed ?? 0,
    },
    {
      name: 'wildfireDetectionMin',
      unit: 'min',
      direction: 'lower-is-better',
      description: 'delay from ignition to the fire report',
      compute: (world) => world.find(WILDFIRE)?.detectionDelayMin ?? 0,
    },
    {
      name: 'wildfireContainmentH',
      unit: 'h',
      direction: 'lower-is-better',
      description: 'hours from ignition until the fire is held (the horizon if it is not)',
      compute: (world) => {
        const f = world.find(WILDFIRE);
        if (f === undefined) return 0;
        return (Math.min(f.containedAt, world.scenario.horizonMin) - f.compiled.ignitionMin) / 60;
      },
    },
  ],
});
