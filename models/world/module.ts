import { Type } from '@sinclair/typebox';
import { triggerKind, type ResponseModule } from '../modules/types.js';
import { PeopleLedger } from './ledger.js';
import { WORLD_PARAMETERS } from './parameters.js';
import type { DrillParts } from '../modules/types.js';

/** Roads and people in drill scripts: closures and cut-off zones as field reports; the toll as state. */
const WORLD_DRILL: DrillParts = {
  injects: {
    'edge.closed': (e) => ({
      group: 'roads',
      from: 'traffic police',
      fromZh: '交警部门',
      to: 'city flood-control HQ office',
      toZh: '市防汛抗旱指挥部办公室',
      method: 'radio',
      // Any hazard closes roads (water, landslides, bridges, fire fronts): the report says closed, not why.
      message: `road ${e.edge.replace('--', ' - ')} closed`,
      messageZh: `道路${e.edge.replace('--', '-')}已封闭`,
    }),
    'zone.cutOff': (e, world) => {
      const i = world.scenario.zoneIndex.get(e.zone);
      const z = i !== undefined ? world.scenario.region.zones.zones[i] : undefined;
      return {
        group: 'field-reports',
        from: 'township and county flood-control offices',
        fromZh: '乡镇(街道)及县级防汛办',
        to: 'city flood-control HQ office',
        toZh: '市防汛抗旱指挥部办公室',
        method: 'phone',
        message: `${z?.name ?? e.zone}: access cut, ${e.persons} people still there`,
        messageZh: `${z?.name_zh ?? z?.name ?? e.zone}交通中断，尚有${e.persons}人被困`,
      };
    },
  },
  state: (world) => ({
    'people.dead': world.people.total('dead'),
    'people.injured': world.people.injured,
    'people.cutOff': world.people.total('cutOff'),
    'people.sheltered': world.people.total('sheltered'),
  }),
};

const deathsAtLeast = triggerKind({
  key: 'deathsAtLeast',
  description: 'at least this many people have died (as reported)',
  schema: Type.Object({ deathsAtLeast: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  compile: (doc: { deathsAtLeast: number }) => doc.deathsAtLeast,
  evaluate: (n, world, seen) => PeopleLedger.valueAt(world.people.deathLog, seen) >= n,
  tell: (n, world, seen) => {
    const dead = PeopleLedger.valueAt(world.people.deathLog, seen);
    return { from: 'county emergency offices', fromZh: '县级应急管理部门', to: 'city emergency HQ', toZh: '市应急指挥部', method: 'phone', message: `${dead} people reported dead (plan threshold ${n})`, messageZh: `累计报告死亡${dead}人(预案启动条件${n}人)` };
  },
});

const cutOffAtLeast = triggerKind({
  key: 'cutOffAtLeast',
  description: 'at least this many people are cut off at once (as reported)',
  schema: Type.Object({ cutOffAtLeast: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  compile: (doc: { cutOffAtLeast: number }) => doc.cutOffAtLeast,
  evaluate: (n, world, seen) => PeopleLedger.valueAt(world.people.cutOffLog, seen) >= n,
  tell: (n, world, seen) => {
    const cut = PeopleLedger.valueAt(world.people.cutOffLog, seen);
    return { from: 'county emergency offices', fromZh: '县级应急管理部门', to: 'city emergency HQ', toZh: '市应急指挥部', method: 'phone', message: `${cut} people cut off (plan threshold ${n})`, messageZh: `被困(交通中断)群众${cut}人(预案启动条件${n}人)` };
  },
});

/**
 * The world itself as a module: what every hazard shares (people, roads, zones hit) gives the plan its
 * casualty triggers, the road information delay, and the city-wide toll metrics; at the horizon it writes
 * the county rows every hazard and response add to.
 */
export const worldModule: ResponseModule = {
  name: 'world',
  description: 'people, roads and zones shared by every hazard',
  parameters: WORLD_PARAMETERS,
  triggers: [deathsAtLeast, cutOffAtLeast],
  actions: [],
  drill: WORLD_DRILL,
  install(world) {
    world.atEnd(() => {
      const { people } = world;
      for (const z of world.scenario.zones) {
        world.tally('county', z.county, 'deaths', people.get(z.index, 'dead'));
        world.tally('county', z.county, 'injured', people.injuredByZone[z.index]!);
      }
    });
  },
  metrics: [
    {
      name: 'deaths',
      unit: 'persons',
      direction: 'lower-is-better',
      description: 'people killed (every hazard)',
      compute: (world) => world.people.total('dead'),
    },
    {
      name: 'injured',
      unit: 'persons',
      direction: 'lower-is-better',
      description: 'people injured (every hazard)',
      compute: (world) => world.people.injured,
    },
    {
      name: 'cutOffPeak',
      unit: 'persons',
      direction: 'lower-is-better',
      description: 'most people cut off at one time',
      compute: (world) => world.people.cutOffLog.reduce((m, e) => Math.max(m, e.total), 0),
    },
    {
      name: 'deathsPerMillion',
      unit: 'per million',
      direction: 'lower-is-better',
      description: 'deaths per million residents (plan table 2, indicator 5: < 1 a year)',
      annual: true,
      compute: (world) => (world.people.total('dead') / totalPopulation(world.scenario.zones)) * 1e6,
    },
    {
      name: 'affectedPer100k',
      unit: 'per 100k',
      direction: 'lower-is-better',
      description: 'people affected (in zones a hazard hit, or gone from home) per 100,000 residents (indicator 6, per year)',
      annual: true,
      compute: (world) => {
        let affected = 0;
        for (const z of world.scenario.zones) {
          // People who left and came back home were affected all the same.
          const displaced = z.population - world.people.get(z.index, 'home') + world.people.returnedByZone[z.index]!;
          affected += world.zones.hitAt[z.index]! < Infinity ? z.population : Math.min(z.population, displaced);
        }
        return (affected / totalPopulation(world.scenario.zones)) * 1e5;
      },
    },
  ],
};

function totalPopulation(zones: ReadonlyArray<{ population: number }>): number {
  return zones.reduce((s, z) => s + z.population, 0);
}
