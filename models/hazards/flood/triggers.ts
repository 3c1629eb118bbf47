import { Type } from '@sinclair/typebox';
import { triggerKind, type PlanCompileContext, type ZoneSelectorKind } from '../../modules/types.js';
import { Duration } from '../../schema/units.js';
import { WorldKey } from '../../world/world.js';
import type { FloodField } from './field.js';
import { tellForecast, tellStage } from './drill.js';

/** The flood field of a replication, for the plan's triggers (absent when the scenario has no flood). */
export const FLOOD = new WorldKey<FloodField>('flood');

/** A trigger naming a gauge must name one of the region's gauges. */
function checkGauge(id: string, ctx: PlanCompileContext, path: string): void {
  const gauges = ctx.scenario.region.assets.gauges;
  if (!gauges.some((g) => g.id === id)) ctx.fail(path, `unknown gauge '${id}'; the region has: ${gauges.map((g) => g.id).join(', ')}`);
}

export const stageAbove = triggerKind({
  key: 'stageAboveM',
  description: 'the observed stage at a gauge is above this many metres',
  schema: Type.Object({ gauge: Type.String(), stageAboveM: Type.Number() }, { additionalProperties: false }),
  compile: (doc: { gauge: string; stageAboveM: number }, ctx, path) => {
    checkGauge(doc.gauge, ctx, `${path}/gauge`);
    return { gauge: doc.gauge, m: doc.stageAboveM };
  },
  evaluate: (c, world, seen) => (world.find(FLOOD)?.stageAt(c.gauge, seen) ?? -Infinity) > c.m,
  tell: (c, world, seen) => tellStage(world, c.gauge, seen, c.m, true),
});

export const stageBelow = triggerKind({
  key: 'stageBelowM',
  description: 'the observed stage at a gauge is below this many metres',
  schema: Type.Object({ gauge: Type.String(), stageBelowM: Type.Number() }, { additionalProperties: false }),
  compile: (doc: { gauge: string; stageBelowM: number }, ctx, path) => {
    checkGauge(doc.gauge, ctx, `${path}/gauge`);
    return { gauge: doc.gauge, m: doc.stageBelowM };
  },
  evaluate: (c, world, seen) => (world.find(FLOOD)?.stageAt(c.gauge, seen) ?? Infinity) < c.m,
  tell: (c, world, seen) => tellStage(world, c.gauge, seen, c.m, false),
});

export const forecastAbove = triggerKind({
  key: 'forecastStageAboveM',
  description: 'the stage forecast at a gauge, `lead` ahead, is above this many metres',
  schema: Type.Object(
    { gauge: Type.String(), forecastStageAboveM: Type.Number(), lead: Duration({ description: 'forecast lead time' }) },
    { additionalProperties: false },
  ),
  compile: (doc: { gauge: string; forecastStageAboveM: number; lead: string | number }, ctx, path) => {
    checkGauge(doc.gauge, ctx, `${path}/gauge`);
    return { gauge: doc.gauge, m: doc.forecastStageAboveM, leadMin: ctx.duration(doc.lead, `${path}/lead`, 0) };
  },
  evaluate: (c, world, seen) => (world.find(FLOOD)?.forecast(c.gauge, seen, c.leadMin) ?? -Infinity) > c.m,
  tell: (c, world, seen) => tellForecast(world, c.gauge, seen, c.leadMin, c.m),
});

export const zoneFlooded = triggerKind({
  key: 'zoneFlooded',
  description: 'any of these zones is under water',
  schema: (selectors) => Type.Object({ zoneFlooded: selectors.zones }, { additionalProperties: false }),
  compile: (doc: { zoneFlooded: Record<string, unknown> }, ctx, path) => ctx.selectZones(doc.zoneFlooded, `${path}/zoneFlooded`),
  evaluate: (zones, world, seen) => {
    const flood = world.find(FLOOD);
    if (flood === undefined) return false;
    for (let i = 0; i < zones.length; i++) if (flood.isWetAt(zones[i]!, seen)) return true;
    return false;
  },
  tell: (zones, world, seen) => {
    const flood = world.find(FLOOD);
    const wet = Array.from(zones).filter((z) => flood?.isWetAt(z, seen) === true).map((z) => world.scenario.zones[z]!);
    const names = wet.map((z) => z.name).join(', ');
    const namesZh = wet.map((z) => world.scenario.region.zones.zones[z.index]?.name_zh ?? z.name).join('、');
    return { from: 'township flood-control offices', fromZh: '乡镇防汛办', to: 'city flood-control HQ office', toZh: '市防汛抗旱指挥部办公室', method: 'phone', message: `Under water: ${names}`, messageZh: `已进水：${namesZh}` };
  },
});

/** `gauge: <id>` in a zone selector: the zones that gauge controls. */
export const gaugeSelector: ZoneSelectorKind = {
  key: 'gauge',
  schema: Type.String({ description: 'zones controlled by this gauge' }),
  description: 'zones controlled by this gauge',
  check: (value, scenario, path, fail) => {
    const gauges = scenario.region.assets.gauges;
    if (!gauges.some((g) => g.id === value)) fail(path, `unknown gauge '${String(value)}'; the region has: ${gauges.map((g) => g.id).join(', ')}`);
  },
  matches: (zone, value) => zone.flood?.gauge === value,
};
