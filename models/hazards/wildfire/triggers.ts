import { Type } from '@sinclair/typebox';
import { triggerKind } from '../../modules/types.js';
import { WorldKey } from '../../world/world.js';
import type { WildfireField } from './field.js';

/** The forest fire of a replication, for the plan's triggers and the brigades (absent without a fire). */
export const WILDFIRE = new WorldKey<WildfireField>('wildfire');

export const fireDetected = triggerKind({
  key: 'fireDetected',
  description: 'a forest fire has been reported',
  schema: Type.Object({ fireDetected: Type.Literal(true) }, { additionalProperties: false }),
  compile: () => true,
  evaluate: (_c, world, seen) => {
    const f = world.find(WILDFIRE);
    return f !== undefined && seen >= f.detectedAt;
  },
  tell: (_c, world) => {
    const f = world.find(WILDFIRE);
    const ha = f !== undefined ? f.burnedAreaHa(f.detectedAt).toFixed(1) : '?';
    return { from: 'forest fire watch', fromZh: '森林防火监测', to: 'city forest fire HQ office', toZh: '市森林防灭火指挥部办公室', method: 'phone', message: `Forest fire reported, about ${ha} ha`, messageZh: `发现森林火情，约${ha}公顷` };
  },
});

export const fireWithin = triggerKind({
  key: 'fireWithinM',
  description: 'the reported fire front is within this many metres of any of these zones (their seats)',
  schema: (selectors) => Type.Object({ fireWithinM: Type.Number({ minimum: 0, maximum: 50_000 }), zones: selectors.zones }, { additionalProperties: false }),
  compile: (doc: { fireWithinM: number; zones: Record<string, unknown> }, ctx, path) => ({ m: doc.fireWithinM, zones: ctx.selectZones(doc.zones, `${path}/zones`) }),
  evaluate: (c, world, seen) => {
    const f = world.find(WILDFIRE);
    if (f === undefined || seen < f.detectedAt) return false;
    const times = f.threatTimes(c.m);
    const front = f.frontTime(seen);
    for (let i = 0; i < c.zones.length; i++) if (times[c.zones[i]!]! <= front) return true;
    return false;
  },
  tell: (c, world) => ({
    from: 'fire line command post',
    fromZh: '火场前线指挥部',
    to: 'city forest fire HQ office',
    toZh: '市森林防灭火指挥部办公室',
    method: 'radio',
    message: `Fire front within ${c.m} m of ${Array.from(c.zones, (z) => world.scenario.zones[z]!.name).slice(0, 5).join(', ')}`,
    messageZh: `火线距${Array.from(c.zones, (z) => world.scenario.region.zones.zones[z]?.name_zh ?? world.scenario.zones[z]!.name).slice(0, 5).join('、')}不足${c.m}米`,
  }),
});
